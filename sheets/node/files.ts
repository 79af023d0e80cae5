// Node only: rosters and results as files, chosen by extension — what `kaohe eval … roster.xlsx
// --out results.xlsx` and `kaohe template … --out roster.xlsx` call. .xlsx is streamed both ways;
// .csv is read as a stream (csv-stream.ts: its encoding — UTF-8 or GB18030 — decided on all its
// bytes) and written with a byte-order mark; .jsonl is read line by line.

import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FieldSpec } from '../../dsl/service/index.js';
import { M } from '../messages.js';
import { problemAt, type SheetProblem } from '../problems.js';
import { readRoster, type Roster, type RosterRules } from '../roster.js';
import { sheetCsv, type WorkbookData } from '../workbook.js';
import { csvProblem, streamCsvRows } from './csv-stream.js';
import { readJsonLines } from './jsonl.js';
import { sheetChoice } from '../sheet-choice.js';
import { streamXlsxRows, unreadableXlsx, writeXlsxFile } from './xlsx-stream.js';
import type { ControlCell } from '../xlsx.js';

export type RosterFormat = 'xlsx' | 'csv' | 'jsonl';

export function rosterFormat(path: string): RosterFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' || ext === '.tsv' || ext === '.txt' ? 'csv' : ext === '.jsonl' ? 'jsonl' : undefined;
}

/** A roster that could not be read: its one problem. */
const unread = (fields: readonly FieldSpec[], problem: SheetProblem): Roster => ({
  subjects: [], notices: [], problems: [problem],
  index: { kind: 'table', fields, rows: [], columns: new Map(), missing: new Set(), slots: [] },
});
const failed = (fields: readonly FieldSpec[], what: ReturnType<typeof M.unreadableFile>): Roster => unread(fields, problemAt('KH-E008', {}, what));

/** Reads a roster file; an unreadable or unsupported file is a problem of the roster, not a throw.
 * `rules`: the scheme's grades and whether it is `by committee`, for the decision columns (issue 13),
 * and the template's example (template-example.ts rosterRules). */
export async function readRosterFile(path: string, fields: readonly FieldSpec[], rules: RosterRules = {}): Promise<Roster> {
  const file = basename(path);
  const format = rosterFormat(path);
  try {
    if (format === 'csv') {
      try {
        return await readRoster(streamCsvRows(path), fields, rules);
      } catch (e) {
        const problem = csvProblem(e);
        if (problem) return unread(fields, problem);
        throw e;
      }
    }
    if (format === 'jsonl') return await readJsonLines(path, fields);
    if (format === 'xlsx') {
      try {
        return await readRoster((roster) => streamXlsxRows(path, sheetChoice(roster)), fields, rules);
      } catch (e) {
        if (isNoFile(e)) throw e;
        return failed(fields, unreadableXlsx(e, file));
      }
    }
    return failed(fields, M.unsupportedFile({ file }));
  } catch (e) {
    if (isNoFile(e)) return failed(fields, M.unreadableFile({ file }));
    throw e;
  }
}

const isNoFile = (e: unknown): boolean => ['ENOENT', 'EACCES', 'EISDIR'].includes((e as NodeJS.ErrnoException)?.code ?? '');

export type OutFormat = 'xlsx' | 'csv' | 'json';

export function outFormat(path: string): OutFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined;
}

/** Writes a workbook as .xlsx (streamed) or its first sheet as .csv; how many cells were cut to fit
 * Excel (a CSV keeps every text whole: 0); `controls`: as writeXlsxFile (a CSV keeps them: none). */
export async function writeWorkbookFile(path: string, data: WorkbookData, controls?: ControlCell[]): Promise<number> {
  if (outFormat(path) !== 'csv') return writeXlsxFile(path, data, controls);
  await writeFile(path, sheetCsv(data.sheets[0]), 'utf8');
  return 0;
}
