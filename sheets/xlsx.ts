// .xlsx in and out through exceljs, in memory — what the editor does in the browser with an uploaded
// or downloaded file, and the command line with a template. A file read is checked whole first
// (xlsx-part-check.ts: a damaged or cut file, a zip bomb, a run of text no cell holds are refused
// rather than read short or left to freeze the page). (node/xlsx-stream.ts reads and writes
// large files as streams with the same cell rules.) exceljs is loaded on first use, so a page that
// only reads CSV never loads it.
//
// Reading: the roster's worksheet (sheet-choice.ts), each row's cells as table.ts cells — a formula as its cached result,
// rich text as its text, a hyperlink as its text, an error value (#N/A) as that text; numbers stay
// doubles (decimal.ts reads them). Writing: a workbook from workbook.ts data — bold frozen header,
// column widths, the score format `0.00`, text-formatted id columns, drop-downs for enum columns.
// A text longer than an Excel cell holds (32,767 characters: Excel refuses the whole file) is cut,
// with a marker in the workbook's language saying how long it was (fitCell); writers count the cuts
// so the caller can say so.

import type ExcelJS from 'exceljs';
import { render, type Locale } from '../dsl/i18n/index.js';
import { M } from './messages.js';
import type { FieldSpec } from '../dsl/service/index.js';
import type { DecisionRules } from './decisions.js';
import { readRoster, type Roster } from './roster.js';
import { headOf, pickSheet, sheetChoice, type SheetChoice } from './sheet-choice.js';
import { NoValue, type Cell, type SheetRow } from './table.js';
import { checkXlsxBytes } from './xlsx-part-check.js';
import { looksLikeFormula, numberFormat, type OutCell, type SheetData, type WorkbookData } from './workbook.js';

export type Excel = typeof ExcelJS;
let excel: Promise<Excel> | undefined;

/** exceljs, loaded once (its CommonJS default export in Node, the bundle's in a browser). */
export function loadExcel(): Promise<Excel> {
  excel ??= import('exceljs').then((m) => ((m as { default?: Excel }).default ?? (m as unknown as Excel)));
  return excel;
}

/** One exceljs cell value as a table cell. */
export function normalizeCell(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue | undefined;
    return result === undefined ? NoValue.cell : normalizeCell(result);
  }
  if ('hyperlink' in v) return normalizeCell(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

/** exceljs row values (1-based, sparse) as cells. */
export function rowCells(values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>): Cell[] {
  const cells: Cell[] = [];
  if (!Array.isArray(values)) return cells;
  for (let i = 1; i < values.length; i++) cells.push(normalizeCell(values[i]));
  return cells;
}

/** The rows of the roster's worksheet of an .xlsx file's bytes: with `choice`, the sheet
 * sheet-choice.ts picks (the chooser is told which), without it the first. Throws when it is not an
 * .xlsx file, or is damaged or too large to read whole (checked first: xlsx-part-check.ts;
 * unreadableXlsx says why). */
export async function readXlsxRows(data: ArrayBuffer | Uint8Array, choice?: SheetChoice): Promise<SheetRow[]> {
  await checkXlsxBytes(data instanceof Uint8Array ? data : new Uint8Array(data));
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  await book.xlsx.load(data as ArrayBuffer);
  const sheets = (choice ? book.worksheets : book.worksheets.slice(0, 1)).map((sheet) => {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => { rows.push({ row: n, cells: rowCells(row.values) }); });
    return { name: sheet.name, rows, head: headOf(rows) };
  });
  if (sheets.length === 0) return [];
  const pick = choice ? pickSheet(sheets, choice.fields) : 0;
  choice?.chosen(sheets[pick].name, sheets.length);
  return sheets[pick].rows;
}

/** An .xlsx roster's bytes read against the scheme's inputs from the sheet sheet-choice.ts picks, the
 * roster told which (a notice when the workbook has several): the editor's reader, as the command
 * line's streaming one (node/files.ts) does it. Rejects as readXlsxRows throws. */
export function readXlsxRoster(data: ArrayBuffer | Uint8Array, fields: readonly FieldSpec[], rules: DecisionRules = {}): Promise<Roster> {
  return readRoster((roster) => rowsWhenRead(readXlsxRows(data, sheetChoice(roster))), fields, rules);
}

async function* rowsWhenRead(rows: Promise<SheetRow[]>): AsyncGenerator<SheetRow> {
  yield* await rows;
}

/** The bytes of an .xlsx file; long texts cut in `locale` (default: the workbook's). */
export async function writeXlsx(data: WorkbookData, locale: Locale = data.locale ?? 'en'): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  for (const sheet of data.sheets) fillSheet(book.addWorksheet(sheet.name, sheetOptions(sheet)), sheet, false, locale);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The most characters an Excel cell holds (UTF-16 code units, as Excel counts them). */
export const MAX_CELL_CHARS = 32767;

/** A text as a cell holds it: a text over MAX_CELL_CHARS is cut (never inside a surrogate pair) and
 * ends with a marker saying how long it was, the whole within the limit. */
export function fitCell(text: string, locale: Locale): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  const marker = render(M.cellCut({ size: text.length, max: MAX_CELL_CHARS }), locale);
  let end = MAX_CELL_CHARS - marker.length;
  if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return text.slice(0, end) + marker;
}

/** How many cells of the workbook fitCell cuts (what a writer tells its user). */
export function longCells(data: WorkbookData): number {
  let n = 0;
  for (const sheet of data.sheets) {
    for (const c of sheet.columns) if (xmlText(c.header).length > MAX_CELL_CHARS) n++;
    for (const r of sheet.rows) for (const v of r) if (typeof v === 'string' && v.length > MAX_CELL_CHARS && xmlText(v).length > MAX_CELL_CHARS) n++;
  }
  return n;
}

/** Options of a new worksheet: the frozen header (a streaming worksheet takes views only here). */
export function sheetOptions(sheet: SheetData): Partial<ExcelJS.AddWorksheetOptions> {
  return sheet.freezeHeader === false ? {} : { views: [{ state: 'frozen', ySplit: sheet.headerRows ?? 1 }] };
}

interface Validations { add(range: string, v: ExcelJS.DataValidation): void }

/** Writes a sheet into a worksheet; `commit`: a streaming worksheet, each row committed when added.
 * Returns how many cells were cut to fit (fitCell). */
export function fillSheet(ws: ExcelJS.Worksheet, sheet: SheetData, commit: boolean, locale: Locale = 'en'): number {
  const cells = beginSheet(ws, sheet, Math.max(sheet.rows.length, sheet.inputRows ?? 0), commit, locale);
  for (const r of sheet.rows) cells.add(r);
  return cells.cut();
}

/** Sets up a worksheet — column formats and widths, drop-downs over `rows` rows, the bold header —
 * and returns how to add its rows (`add`) and how many cells were cut to fit so far (`cut`). */
export function beginSheet(ws: ExcelJS.Worksheet, sheet: Pick<SheetData, 'columns'>, rows: number, commit: boolean, locale: Locale) {
  ws.columns = sheet.columns.map((c) => ({
    width: c.width,
    style: {
      ...(c.decimals !== undefined ? { numFmt: numberFormat(c.decimals, c.moreDecimals) } : c.text ? { numFmt: '@' } : {}),
      ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
    },
  }));
  const last = 1 + rows;
  sheet.columns.forEach((c, i) => {
    const choices = c.choices?.join(',');
    if (choices && choices.length <= 250 && !/[",]/.test(c.choices!.join(''))) {
      const col = columnLetter(i + 1);
      (ws as unknown as { dataValidations: Validations }).dataValidations.add(`${col}2:${col}${last}`, {
        type: 'list', allowBlank: true, formulae: [`"${choices}"`], showErrorMessage: false,
      });
    }
  });
  let cut = 0;
  const text = (v: string) => {
    const t = xmlText(v);
    if (t.length <= MAX_CELL_CHARS) return t;
    cut++;
    return fitCell(t, locale);
  };
  // An empty header is no cell at all (a title in A1 then overflows to the right, as Excel draws it).
  const header = ws.addRow(sheet.columns.map((c) => (c.header === '' ? undefined : text(c.header))));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  if (commit) header.commit();
  return { add: (r: readonly OutCell[]) => addCells(ws, r, commit, text), cut: () => cut };
}

/** One row of cells added to a worksheet (committed when streaming); `text` makes a string a cell's text. */
export function addCells(ws: ExcelJS.Worksheet, r: readonly OutCell[], commit: boolean, text: (v: string) => string): void {
  // An empty text is no cell, as null (an inline empty string would read back as no cell anyway).
  const row = ws.addRow(r.map((v) => (v === null || v === '' ? undefined : typeof v === 'string' ? text(v) : v)));
  // A string cell is never a formula when written, but one that looks like a formula becomes one
  // when a user edits it in a General cell: such cells are formatted as text (as Excel's `'`).
  r.forEach((v, i) => { if (typeof v === 'string' && looksLikeFormula(v)) row.getCell(i + 1).numFmt = '@'; });
  if (commit) row.commit();
}

/** Text an .xlsx part can hold. exceljs drops the C0 controls XML forbids but writes U+FFFE and
 * U+FFFF as they are (Excel then calls the file corrupt) and leaves a lone surrogate to the encoder;
 * those two go too, and a lone surrogate becomes U+FFFD (as UTF-8 would write it), in both writers. */
export function xmlText(text: string): string {
  return text.replace(/[\uFFFE\uFFFF]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
