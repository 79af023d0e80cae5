// Node only: large .xlsx files as streams. A 10,000-person roster is read row by row from the file
// (the roster's worksheet, chosen as sheet-choice.ts says; its parts read as xlsx-parts.ts says and
// parsed by ../xlsx-book.ts, the reader the editor uses on a dropped file's bytes) instead of being
// loaded as a whole workbook, and results are written row by row (exceljs's WorkbookWriter) — the
// same cells and formats as the in-memory xlsx.ts, which the browser uses.

import { open } from 'node:fs/promises';
import { HEAD_ROWS, namedRoster, pickSheet, readable, sheetFit, type SheetChoice } from '../sheet-choice.js';
import type { SheetRow } from '../table.js';
import { fillSheet, loadExcel, sheetOptions, type ControlCell } from '../xlsx.js';
import type { WorkbookData } from '../workbook.js';
import { unreadableXlsx } from '../xlsx-part-check.js';
import { isWorksheetPart, openBook, type BookSheet } from '../xlsx-book.js';
import { checkXlsxParts } from './xlsx-check.js';
import { dropEmptyRows } from './xlsx-empty-rows.js';
import { entryText, xlsxLayout } from './xlsx-parts.js';

/** The rows of the roster's worksheet of an .xlsx file, as they are read: with `choice`, the sheet
 * sheet-choice.ts picks (among the visible sheets: the template's 名单, else the best header, else the
 * first; the chooser is told), without it the first visible one. Rejects (on iteration) when the file is not an
 * .xlsx file, or with the file system's error (ENOENT…) when it cannot be opened. A workbook of one
 * sheet, or one with a readable sheet named as the template names it, streams that sheet at once.
 * Otherwise each readable sheet's first rows are read: a sheet whose header names every input (and the
 * id) is streamed at once; the others are kept (up to KEEP_ROWS rows each) until every sheet is seen,
 * and the best is read from what was kept, or from the file again when it was longer. */
export async function* streamXlsxRows(path: string, choice?: SheetChoice): AsyncGenerator<SheetRow> {
  const seen: { name: string; at: number; head: SheetRow[]; rows?: SheetRow[] }[] = [];
  const full = choice ? choice.fields.length + 1 : 0;
  let stored = 0, count = 0, hidden = 0;
  for await (const sheet of worksheets(path)) {
    const at = stored++;
    const looked = readable(sheet.book);
    count = sheet.book.length;
    hidden = count - looked.length;
    const chosen = () => choice?.chosen(sheet.name, count, hidden);
    const named = namedRoster(looked.map((s) => s.name));
    const hiddenSheet = !looked.some((s) => s.name === sheet.name);
    if (count <= 1 || (!choice && !hiddenSheet) || (named !== undefined && looked[named].name === sheet.name)) { chosen(); yield* sheet.rows; return; }
    if (!choice || named !== undefined || hiddenSheet) continue; // not the roster: its part is not parsed (each sheet is read from its own entry)
    const kept: SheetRow[] = [];
    let fits = false, whole = true;
    for await (const r of sheet.rows) {
      if (fits) { yield r; continue; }
      if (kept.length < KEEP_ROWS) kept.push(r); else whole = false;
      if (kept.length === HEAD_ROWS && sheetFit(kept, choice.fields) >= full) { fits = true; chosen(); yield* kept; }
    }
    if (fits) return;
    if (kept.length < HEAD_ROWS && sheetFit(kept, choice.fields) >= full) { chosen(); yield* kept; return; }
    seen.push({ name: sheet.name, at, head: kept.slice(0, HEAD_ROWS), rows: whole ? kept : undefined });
  }
  if (!choice || seen.length === 0) return;
  const pick = seen[pickSheet(seen, choice.fields)];
  choice.chosen(pick.name, count, hidden);
  if (pick.rows) { yield* pick.rows; return; }
  let at = 0;
  for await (const sheet of worksheets(path)) { // longer than what was kept: read again
    if (at++ === pick.at) { yield* sheet.rows; return; }
  }
}

/** Rows of a sheet not chosen yet that are kept while the other sheets are looked at. */
const KEEP_ROWS = 5000;

interface StreamedSheet { name: string; book: readonly BookSheet[]; rows: AsyncIterable<SheetRow> }

/** The worksheets of an .xlsx file in the order the workbook lists them, each with the workbook's
 * sheets (names and whether hidden) and its non-blank rows (to be read through before the next sheet
 * comes, or be passed over unparsed). The parts are read from the file exactly as the zip's central directory lists them
 * (xlsx-parts.ts), checked whole first (xlsx-check.ts: a damaged file is refused, not read as a
 * shorter roster or left hanging), and parsed by our reader (../xlsx-book.ts), which the editor uses too. */
async function* worksheets(path: string): AsyncGenerator<StreamedSheet> {
  const handle = await open(path, 'r');
  try {
    const layout = await xlsxLayout(handle);
    await checkXlsxParts(handle, layout); // a damaged file is refused before any row (xlsx-check.ts)
    const book = await openBook((name) => {
      const entry = layout.entry(name);
      if (!entry) return undefined;
      const text = entryText(handle, entry);
      return isWorksheetPart(name) ? dropEmptyRows(text) : text;
    });
    for (const sheet of book.sheets) yield { name: sheet.name, book: book.sheets, rows: book.rows(sheet) };
  } finally {
    await handle.close();
  }
}

/** Why an .xlsx roster could not be read, for its one problem (../xlsx-part-check.ts). */
export { unreadableXlsx };

/** Writes a workbook to a file, streaming its rows; how many cells were cut to fit Excel (xlsx.ts fitCell).
 * The cells whose control characters were replaced are added to `controls` (xlsx.ts xmlText). */
export async function writeXlsxFile(path: string, data: WorkbookData, controls?: ControlCell[]): Promise<number> {
  const Excel = await loadExcel();
  const book = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  let cut = 0;
  for (const sheet of data.sheets) {
    const ws = book.addWorksheet(sheet.name, sheetOptions(sheet));
    cut += fillSheet(ws, sheet, true, data.locale, controls);
    ws.commit();
  }
  await book.commit();
  return cut;
}
