// .xlsx in and out through exceljs, in memory — what the editor does in the browser with an uploaded
// or downloaded file, and the command line with a template. (node/xlsx-stream.ts reads and writes
// large files as streams with the same cell rules.) exceljs is loaded on first use, so a page that
// only reads CSV never loads it.
//
// Reading: the first worksheet, each row's cells as table.ts cells — a formula as its cached result,
// rich text as its text, a hyperlink as its text, an error value (#N/A) as that text; numbers stay
// doubles (decimal.ts reads them). Writing: a workbook from workbook.ts data — bold frozen header,
// column widths, the score format `0.00`, text-formatted id columns, drop-downs for enum columns.

import type ExcelJS from 'exceljs';
import type { Cell, SheetRow } from './table.js';
import { looksLikeFormula, numberFormat, type SheetData, type WorkbookData } from './workbook.js';

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
  if ('formula' in v || 'sharedFormula' in v) return normalizeCell((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
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

/** The rows of the first worksheet of an .xlsx file's bytes. Throws when it is not an .xlsx file. */
export async function readXlsxRows(data: ArrayBuffer | Uint8Array): Promise<SheetRow[]> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  await book.xlsx.load(data as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: SheetRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, n) => { rows.push({ row: n, cells: rowCells(row.values) }); });
  return rows;
}

/** The bytes of an .xlsx file. */
export async function writeXlsx(data: WorkbookData): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  for (const sheet of data.sheets) fillSheet(book.addWorksheet(sheet.name, sheetOptions(sheet)), sheet, false);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Options of a new worksheet: the frozen header (a streaming worksheet takes views only here). */
export function sheetOptions(sheet: SheetData): Partial<ExcelJS.AddWorksheetOptions> {
  return sheet.freezeHeader === false ? {} : { views: [{ state: 'frozen', ySplit: sheet.headerRows ?? 1 }] };
}

interface Validations { add(range: string, v: ExcelJS.DataValidation): void }

/** Writes a sheet into a worksheet; `commit`: a streaming worksheet, each row committed when added. */
export function fillSheet(ws: ExcelJS.Worksheet, sheet: SheetData, commit: boolean): void {
  ws.columns = sheet.columns.map((c) => ({
    width: c.width,
    style: {
      ...(c.decimals !== undefined ? { numFmt: numberFormat(c.decimals, c.moreDecimals) } : c.text ? { numFmt: '@' } : {}),
      ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
    },
  }));
  const last = 1 + Math.max(sheet.rows.length, sheet.inputRows ?? 0);
  sheet.columns.forEach((c, i) => {
    const choices = c.choices?.join(',');
    if (choices && choices.length <= 250 && !/[",]/.test(c.choices!.join(''))) {
      const col = columnLetter(i + 1);
      (ws as unknown as { dataValidations: Validations }).dataValidations.add(`${col}2:${col}${last}`, {
        type: 'list', allowBlank: true, formulae: [`"${choices}"`], showErrorMessage: false,
      });
    }
  });
  // An empty header is no cell at all (a title in A1 then overflows to the right, as Excel draws it).
  const header = ws.addRow(sheet.columns.map((c) => (c.header === '' ? undefined : xmlText(c.header))));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  if (commit) header.commit();
  for (const r of sheet.rows) {
    const row = ws.addRow(r.map((v) => (v === null ? undefined : typeof v === 'string' ? xmlText(v) : v)));
    // A string cell is never a formula when written, but one that looks like a formula becomes one
    // when a user edits it in a General cell: such cells are formatted as text (as Excel's `'`).
    r.forEach((v, i) => { if (typeof v === 'string' && looksLikeFormula(v)) row.getCell(i + 1).numFmt = '@'; });
    if (commit) row.commit();
  }
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
