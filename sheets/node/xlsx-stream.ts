// Node only: large .xlsx files as streams. A 10,000-person roster is read row by row from the file
// (exceljs's WorkbookReader; the roster's worksheet, chosen as sheet-choice.ts says) instead of being
// loaded as a whole workbook model, and results are written row by row (WorkbookWriter) — the same cells and formats as the
// in-memory xlsx.ts, which the browser uses.

import { open } from 'node:fs/promises';
import { HEAD_ROWS, namedRoster, pickSheet, sheetFit, type SheetChoice } from '../sheet-choice.js';
import { isBlank, type SheetRow } from '../table.js';
import { fillSheet, loadExcel, rowCells, sheetOptions } from '../xlsx.js';
import type { WorkbookData } from '../workbook.js';
import { decodeStreamedPartsWhole } from './exceljs-utf8.js';
import { unreadableXlsx } from '../xlsx-part-check.js';
import { checkXlsxParts } from './xlsx-check.js';
import { rangesStream, xlsxLayout } from './xlsx-parts.js';

/** The rows of the roster's worksheet of an .xlsx file, as they are read: with `choice`, the sheet
 * sheet-choice.ts picks (the template's 名单, else the best header, else the first; the chooser is
 * told), without it the first. Rejects (on iteration) when the file is not an .xlsx file, or with the
 * file system's error (ENOENT…) when it cannot be opened. A workbook of one sheet, or one with a sheet
 * named as the template names it, streams that sheet at once. Otherwise each sheet's first rows are
 * read: a sheet whose header names every input (and the id) is streamed at once; the others are kept
 * (up to KEEP_ROWS rows each) until every sheet is seen, and the best is read from what was kept, or
 * from the file again when it was longer. */
export async function* streamXlsxRows(path: string, choice?: SheetChoice): AsyncGenerator<SheetRow> {
  const seen: { name: string; head: SheetRow[]; rows?: SheetRow[] }[] = [];
  const full = choice ? choice.fields.length + 1 : 0;
  for await (const sheet of worksheets(path)) {
    const named = namedRoster(sheet.names);
    if (!choice || sheet.names.length <= 1 || (named !== undefined && sheet.names[named] === sheet.name)) {
      choice?.chosen(sheet.name, sheet.names.length);
      yield* sheet.rows;
      return;
    }
    if (named !== undefined) { for await (const _ of sheet.rows); continue; } // not the roster: read past it
    const kept: SheetRow[] = [];
    let fits = false, whole = true;
    for await (const r of sheet.rows) {
      if (fits) { yield r; continue; }
      if (kept.length < KEEP_ROWS) kept.push(r); else whole = false;
      if (kept.length === HEAD_ROWS && sheetFit(kept, choice.fields) >= full) { fits = true; choice.chosen(sheet.name, sheet.names.length); yield* kept; }
    }
    if (fits) return;
    if (kept.length < HEAD_ROWS && sheetFit(kept, choice.fields) >= full) { choice.chosen(sheet.name, sheet.names.length); yield* kept; return; }
    seen.push({ name: sheet.name, head: kept.slice(0, HEAD_ROWS), rows: whole ? kept : undefined });
  }
  if (!choice || seen.length === 0) return;
  const pick = pickSheet(seen, choice.fields);
  choice.chosen(seen[pick].name, seen.length);
  if (seen[pick].rows) { yield* seen[pick].rows!; return; }
  let at = 0;
  for await (const sheet of worksheets(path)) { // longer than what was kept: read again
    if (at++ === pick) { yield* sheet.rows; return; }
    for await (const _ of sheet.rows);
  }
}

/** Rows of a sheet not chosen yet that are kept while the other sheets are looked at. */
const KEEP_ROWS = 5000;

interface StreamedSheet { name: string; names: string[]; rows: AsyncIterable<SheetRow> }

/** The worksheets of an .xlsx file in the order they are stored, each with the workbook's sheet names
 * and its non-blank rows (to be read through before the next sheet comes). The file is opened here,
 * because exceljs's own read stream has no 'error' listener and a missing file would end the process.
 * The zip's parts are handed over strings first (xlsx-parts.ts), so any file streams, whatever order
 * its writer chose; they are checked whole first (xlsx-check.ts: a damaged file is refused, not read
 * as a shorter roster or left hanging). */
async function* worksheets(path: string): AsyncGenerator<StreamedSheet> {
  const Excel = await loadExcel();
  decodeStreamedPartsWhole(Excel);
  const handle = await open(path, 'r');
  try {
    const layout = await xlsxLayout(handle);
    await checkXlsxParts(handle, layout); // a damaged file is refused before any row (xlsx-check.ts)
    const input = rangesStream(handle, layout.ranges);
    const reader = new Excel.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
    });
    // A part the file does not have is known not to come: without these exceljs would inflate the
    // worksheet into a temporary file to wait for it (a file with inline strings has no string table).
    const parts = reader as unknown as Parts;
    if (!layout.has.sharedStrings) parts.sharedStrings = [];
    if (!layout.has.workbookRels) parts.workbookRels = [];
    const stored = layout.entries.filter((e) => /^xl\/worksheets\//.test(e.name)).length;
    try {
      for await (const sheet of reader) {
        const names = parts.model?.sheets?.map((s) => s.name) ?? [];
        const name = nameOf(sheet as unknown as { id: string; name: string }, parts);
        yield { name, names: names.length === stored ? names : Array.from({ length: stored }, (_, i) => names[i] ?? `${i}`), rows: rowsOf(sheet) };
      }
    } finally {
      input.destroy();
    }
  } finally {
    await handle.close();
  }
}

interface Parts { sharedStrings?: unknown[]; workbookRels?: { Id: string; Target: string }[]; model?: { sheets?: { name: string; rId: string }[] } }

/** A worksheet's name in the workbook. exceljs finds it only when the relationship's target is
 * relative (`worksheets/sheet1.xml`); openpyxl writes `/xl/worksheets/sheet1.xml`, and the sheet would
 * be `Sheet1`. Unmatched, exceljs leaves the sheet's id its file's number. */
function nameOf(sheet: { id: string; name: string }, parts: Parts): string {
  const sheets = parts.model?.sheets ?? [];
  if (sheets.some((s) => s.name === sheet.name)) return sheet.name;
  const rel = parts.workbookRels?.find((r) => r.Target.replace(/^\/?(xl\/)?/, '') === `worksheets/sheet${sheet.id}.xml`);
  return sheets.find((s) => rel && s.rId === rel.Id)?.name ?? sheet.name;
}

async function* rowsOf(sheet: unknown): AsyncGenerator<SheetRow> {
  for await (const row of sheet as AsyncIterable<{ number: number; values: Parameters<typeof rowCells>[0] }>) {
    const cells = rowCells(row.values);
    if (cells.some((c) => !isBlank(c))) yield { row: row.number, cells }; // an empty row: nothing kept (hostile F4)
  }
}

/** Why an .xlsx roster could not be read, for its one problem (../xlsx-part-check.ts). */
export { unreadableXlsx };

/** Writes a workbook to a file, streaming its rows; how many cells were cut to fit Excel (xlsx.ts fitCell). */
export async function writeXlsxFile(path: string, data: WorkbookData): Promise<number> {
  const Excel = await loadExcel();
  const book = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  let cut = 0;
  for (const sheet of data.sheets) {
    const ws = book.addWorksheet(sheet.name, sheetOptions(sheet));
    cut += fillSheet(ws, sheet, true, data.locale);
    ws.commit();
  }
  await book.commit();
  return cut;
}
