// A workbook as plain data — sheets of columns and rows of values — built by template.ts and
// results.ts and written by xlsx.ts (in memory, also in the browser), node/xlsx-stream.ts (streamed
// to a file) or as CSV (first sheet only). Column formats live here once: scores keep the scheme's
// precision (97.00) as a number format in Excel and as text in CSV; ids are text (身份证号 never
// becomes 1.1E+17); enum and yes/no columns offer their values as a drop-down.

import { Rational } from '../dsl/rational.js';
import { writeCsv } from './csv.js';
import { shortestDecimal } from './decimal.js';

export type OutCell = string | number | boolean | null;

export interface SheetColumn {
  header: string;
  /** Character width in Excel. */
  width?: number;
  /** Decimals shown (the scheme's precision for scores). */
  decimals?: number;
  /** Stored as text (ids): Excel keeps what is typed, digits included. */
  text?: boolean;
  /** Values offered in a drop-down (enum members, 是/否). */
  choices?: string[];
  /** Long text: wrapped in Excel. */
  wrap?: boolean;
}

export interface SheetData {
  name: string;
  columns: SheetColumn[];
  rows: OutCell[][];
  /** Keep the header row in view while scrolling (default true). */
  freezeHeader?: boolean;
  /** Rows of the header (drawn bold), default 1. */
  headerRows?: number;
  /** Rows to offer drop-downs and text formats for in a template (default: the rows given). */
  inputRows?: number;
}

export interface WorkbookData { sheets: SheetData[] }

/** A cell's text as CSV shows it: scores with their decimals, other numbers in shortest form. */
export function cellCsvText(cell: OutCell, column: SheetColumn | undefined): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (column?.decimals !== undefined) return Rational.fromNumber(cell).toFixed(column.decimals);
    return shortestDecimal(cell);
  }
  return defuseFormula(String(cell));
}

/** Text a spreadsheet would run as a formula (= + - @, or a leading tab or CR) gets a leading `'`
 * (OWASP "CSV injection"): a roster's name or reason cell `=HYPERLINK(…)` must stay text when the
 * results are opened in Excel. Numbers are written as numbers and never reach here. */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The first sheet as CSV text (UTF-8 with a byte-order mark, for Excel). */
export function sheetCsv(sheet: SheetData): string {
  return writeCsv([sheet.columns.map((c) => defuseFormula(c.header)), ...sheet.rows.map((r) => r.map((c, i) => cellCsvText(c, sheet.columns[i])))]);
}

/** Excel's number format for a column with `decimals`. */
export const numberFormat = (decimals: number): string => (decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0');

/** A width that fits a header and typical values (a CJK character counts as two). */
export function widthOf(texts: Iterable<string>, min = 6, max = 40): number {
  let w = min;
  for (const t of texts) {
    let n = 0;
    for (const ch of t) n += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
    if (n + 2 > w) w = n + 2;
  }
  return Math.min(w, max);
}
