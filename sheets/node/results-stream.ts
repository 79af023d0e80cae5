// Node only: the results of a cohort too large to hold (issue 16: 200,000 people as one workbook took
// 2.3 GB) written to .xlsx or .csv a row at a time. The columns are worked out first, person by person
// (results.ts ResultsLayout: names and flags only), then each person's row is made and written as the
// results are read back — exceljs's WorkbookWriter commits every row to the zip stream (the sheet is
// never held), a CSV is written line by line with back-pressure. The sheets, headings, formats and
// cells are buildResults' (the in-memory path and the editor's), long texts cut as xlsx.ts cuts them.

import { createWriteStream } from 'node:fs';
import { once, type EventEmitter } from 'node:events';
import type { Locale } from '../../dsl/i18n/index.js';
import type { SubjectInput, SubjectResult } from '../../engine/api.js';
import { csvLine } from '../csv.js';
import type { CohortSummaries } from '../results-cohort.js';
import type { ResultsLayout } from '../results.js';
import { cellCsvText, defuseFormula } from '../workbook.js';
import { beginSheet, fillSheet, loadExcel, sheetOptions, type ControlCell } from '../xlsx.js';
import { outFormat } from './files.js';

/** One person: the result and the subject it is of (for the input columns). */
export type ResultPair = readonly [SubjectResult, SubjectInput | undefined];

export interface StreamedResults {
  /** The columns, every person already added. */
  layout: ResultsLayout;
  /** How many people (the drop-downs' range; a results sheet has none, but the count is known). */
  count: number;
  /** The people, in order, read again. */
  people: AsyncIterable<ResultPair>;
  summaries: CohortSummaries;
  locale: Locale;
  /** Filled with the cells whose control characters were replaced (../xlsx.ts xmlText). */
  controls?: ControlCell[];
}

/** Writes the results workbook (.xlsx) or its first sheet (.csv) to `path`; how many cells were cut
 * to fit an Excel cell (xlsx.ts fitCell; a CSV keeps every text whole: 0). */
export async function writeResultsFile(path: string, data: StreamedResults): Promise<number> {
  return outFormat(path) === 'csv' ? writeCsvFile(path, data) : writeXlsx(path, data);
}

/** Rows between checks that the zip keeps up (the writer has no back-pressure of its own: zipQueue). */
const YIELD_EVERY = 256;

async function writeXlsx(path: string, { layout, count, people, summaries, locale, controls }: StreamedResults): Promise<number> {
  const Excel = await loadExcel();
  // Our own file stream, listened to from the start: exceljs listens for its errors only in commit(),
  // and a folder that does not exist failed while the rows were still being read (the process then
  // ended silently, as nothing else was pending).
  const file = createWriteStream(path);
  let error: Error | undefined;
  const failed = new Promise<never>((_, reject) => file.once('error', (e) => { error = e; reject(e); }));
  failed.catch(() => undefined);
  // Strings inline, not shared: a table of every distinct string (ids, names, reasons) would grow with
  // the cohort, and a file with its shared strings after the sheet (where a streaming writer must put
  // them) made a reader wait for the table before the sheet (xlsx-parts.ts); inline, nothing waits.
  const book = new Excel.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false });
  const columns = layout.columns();
  const ws = book.addWorksheet(layout.sheetName(), sheetOptions({ name: '', columns, rows: [] }));
  const cells = beginSheet(ws, { columns }, count, true, locale, controls);
  const queue = zipQueue(ws);
  let n = 0;
  for await (const [r, s] of people) {
    if (error) throw error;
    cells.add(layout.row(r, s));
    if (++n % YIELD_EVERY === 0 && queue._writableState.length > HELD) await Promise.race([once(queue, 'drain'), failed]);
  }
  ws.commit();
  let cut = cells.cut();
  for (const sheet of layout.summarySheets(summaries)) {
    const more = book.addWorksheet(sheet.name, sheetOptions(sheet));
    cut += fillSheet(more, sheet, true, locale, controls);
    more.commit();
  }
  await Promise.race([book.commit(), failed]);
  return cut;
}

/** Bytes of the sheet's XML that may wait for deflate before the rows wait for the zip. */
const HELD = 2 ** 20;

/** The zip's end of a streamed worksheet (readable-stream 2's PassThrough): a write queue and 'drain'. */
interface ZipQueue extends EventEmitter { _writableState: { length: number } }

/** The queue between a streamed worksheet and deflate. exceljs writes a sheet's XML into its own
 * buffer stream, which hands each 64 KiB on to the PassThrough archiver put in front of the zip entry —
 * ignoring write()'s false, so nothing ever holds the rows back — and deflate (zlib's thread pool) is
 * slower than making rows: without waiting, the uncompressed sheet piled up in that queue (1.9 KB a
 * person, ~2 GB at 1M people). Its length is the backlog and its 'drain' (the queue empty again) the
 * signal to go on: no polling, and nothing else's buffers mistaken for the sheet's. */
function zipQueue(ws: object): ZipQueue {
  const pipe = (ws as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as Partial<ZipQueue> | undefined;
  if (typeof pipe?._writableState?.length !== 'number' || typeof pipe.once !== 'function') {
    throw new Error('exceljs WorksheetWriter.stream.pipes[0] is not a stream: check sheets/node/results-stream.ts');
  }
  return pipe as ZipQueue;
}

async function writeCsvFile(path: string, { layout, people }: StreamedResults): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([e]) => { throw e; });
  failed.catch(() => undefined);
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  const columns = layout.columns();
  await write(`\ufeff${csvLine(columns.map((c) => defuseFormula(c.header)))}`);
  let chunk = '';
  for await (const [r, s] of people) {
    chunk += csvLine(layout.row(r, s).map((c, i) => cellCsvText(c, columns[i])));
    if (chunk.length >= 1 << 16) { await write(chunk); chunk = ''; }
  }
  if (chunk) await write(chunk);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return 0;
}
