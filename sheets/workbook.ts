// A workbook as plain data — sheets of columns and rows of values — built by template.ts and
// results.ts and written by xlsx.ts (in memory, also in the browser), node/xlsx-stream.ts (streamed
// to a file) or as CSV (first sheet only). Column formats live here once: scores keep the scheme's
// precision (97.00) as a number format in Excel and as text in CSV; ids are text (身份证号 never
// becomes 1.1E+17); enum and yes/no columns offer their values as a drop-down.

import type { Locale } from '../dsl/i18n/index.js';
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
  /** Up to this many decimals more, shown only when the value has them (with `decimals`: exact
   * quartiles have p to p + 2 places, and 87.40 must not read 87.4000). */
  moreDecimals?: number;
  /** Stored as text (ids): Excel keeps what is typed, digits included. */
  text?: boolean;
  /** Values offered in a drop-down (enum members, 是/否). */
  choices?: string[];
  /** Long text: wrapped in Excel. */
  wrap?: boolean;
  /** Dates: a 1983-11-28 text is a date cell in .xlsx (shown yyyy-mm-dd), the same text in .csv. */
  date?: boolean;
}

/** 1983-11-28: how the roster reader writes an Excel date (and how a date is typed); a `date` column's
 * texts of this form are date cells in .xlsx. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

export interface WorkbookData {
  sheets: SheetData[];
  /** The language of what the writer adds itself (the marker of a cell cut to fit Excel), default English. */
  locale?: Locale;
}

/** A cell's text as CSV shows it: scores with their decimals, other numbers in shortest form. */
export function cellCsvText(cell: OutCell, column: SheetColumn | undefined): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (column?.decimals !== undefined) return trimMore(Rational.fromNumber(cell).toFixed(column.decimals + (column.moreDecimals ?? 0)), column.moreDecimals ?? 0);
    return shortestDecimal(cell);
  }
  return defuseFormula(String(cell));
}

/** Text a spreadsheet would run as a formula (= + - @, or a leading tab or CR) gets a leading `'`
 * (OWASP "CSV injection"): a roster's name or reason cell `=HYPERLINK(…)` must stay text when the
 * results are opened in Excel. Numbers are written as numbers and never reach here. */
export function defuseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Whether a spreadsheet would take the text for a formula when it is typed or edited. */
export const looksLikeFormula = (text: string): boolean => /^[=+\-@\t\r]/.test(text);

/** The first sheet as CSV text (UTF-8 with a byte-order mark, for Excel). */
export function sheetCsv(sheet: SheetData): string {
  return writeCsv([sheet.columns.map((c) => defuseFormula(c.header)), ...sheet.rows.map((r) => r.map((c, i) => cellCsvText(c, sheet.columns[i])))]);
}

/** Excel's number format for a column with `decimals` (and `more` optional ones: `0.00##`; with no
 * fixed decimals General, as `0.##` would leave a bare point on whole numbers). */
export const numberFormat = (decimals: number, more = 0): string =>
  decimals > 0 ? `0.${'0'.repeat(decimals)}${'#'.repeat(more)}` : more > 0 ? 'General' : '0';

/** Fixed-point text without up to `more` trailing zeros (and then a bare point). */
function trimMore(text: string, more: number): string {
  for (let k = 0; k < more && text.includes('.') && text.endsWith('0'); k++) text = text.slice(0, -1);
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

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
