// .xlsx in and out, in memory — what the editor does in the browser with an uploaded or downloaded
// file, and the command line with a template. A file read is checked whole first (xlsx-part-check.ts:
// a damaged or cut file, a zip bomb, a run of text no cell holds are refused rather than read short
// or left to freeze the page), then its parts are parsed by xlsx-book.ts — the reader the command
// line's streaming node/xlsx-stream.ts uses, so both read the same cells (hostile F3, F10, F3b: exceljs's
// readers did not agree). Writing goes through exceljs, loaded on first use (a page that only reads
// CSV never loads it); node/xlsx-stream.ts writes large files as streams with the same cell rules.
//
// Reading: the roster's worksheet (sheet-choice.ts), each row's cells as table.ts cells — a formula as its cached result,
// rich text as its text (phonetic guides left out), an error value (#N/A) as that text; numbers stay
// doubles (decimal.ts reads them). Writing: a workbook from workbook.ts data — bold frozen header,
// column widths, the score format `0.00`, text-formatted id columns, drop-downs for enum columns.
// A text longer than an Excel cell holds (32,767 characters: Excel refuses the whole file) is cut,
// with a marker in the workbook's language saying how long it was (fitCell); writers count the cuts
// so the caller can say so. Control characters XML cannot hold become visible symbols (xmlText), and
// writers list those cells (ControlCell) for the caller to name them.

import type ExcelJS from 'exceljs';
import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { M } from './messages.js';
import type { FieldSpec } from '../dsl/service/index.js';
import { readRoster, type Roster, type RosterRules } from './roster.js';
import { headOf, pickSheet, readable, sheetChoice, type SheetChoice } from './sheet-choice.js';
import { columnLetter, type SheetRow } from './table.js';
import { checkXlsxBytes } from './xlsx-part-check.js';
import { openBook } from './xlsx-book.js';
import { ISO_DATE, looksLikeFormula, numberFormat, type OutCell, type SheetData, type WorkbookData } from './workbook.js';

export type Excel = typeof ExcelJS;
let excel: Promise<Excel> | undefined;

/** exceljs, loaded once (its CommonJS default export in Node, the bundle's in a browser). */
export function loadExcel(): Promise<Excel> {
  excel ??= import('exceljs').then((m) => ((m as { default?: Excel }).default ?? (m as unknown as Excel)));
  return excel;
}

/** The rows of the roster's worksheet of an .xlsx file's bytes: with `choice`, the sheet
 * sheet-choice.ts picks (the chooser is told which), without it the first visible one. Throws when it is not an
 * .xlsx file, or is damaged or too large to read whole (checked first: xlsx-part-check.ts;
 * unreadableXlsx says why). The parts are parsed by xlsx-book.ts, as the command line's streaming
 * reader parses them, so both read the same cells from the same file. */
export async function readXlsxRows(data: ArrayBuffer | Uint8Array, choice?: SheetChoice): Promise<SheetRow[]> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const entries = await checkXlsxBytes(bytes);
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const book = await openBook((name) => {
    const entry = byName.get(name.toLowerCase());
    return entry && partText(bytes.subarray(entry.start, entry.start + entry.packed), entry.method === 8);
  });
  const all = book.sheets;
  const sheets = [];
  for (const sheet of choice ? all : readable(all).slice(0, 1)) {
    const rows: SheetRow[] = [];
    for await (const r of book.rows(sheet)) rows.push(r);
    sheets.push({ name: sheet.name, rows, head: headOf(rows), hidden: sheet.hidden });
  }
  if (sheets.length === 0) return [];
  const pick = choice ? pickSheet(sheets, choice.fields) : 0;
  choice?.chosen(sheets[pick].name, sheets.length, sheets.length - readable(sheets).length);
  return sheets[pick].rows;
}

/** A part's bytes (`deflated`: raw deflate) as UTF-8 text, 64 KiB at a time. */
async function* partText(packed: Uint8Array, deflated: boolean): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const chunks = deflated ? inflated(packed) : [packed];
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += 1 << 16) {
      const text = decoder.decode(chunk.subarray(at, at + (1 << 16)), { stream: true });
      if (text) yield text;
    }
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* inflated(packed: Uint8Array): AsyncGenerator<Uint8Array> {
  const reader = new Blob([packed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** An .xlsx roster's bytes read against the scheme's inputs from the sheet sheet-choice.ts picks, the
 * roster told which (a notice when the workbook has several): the editor's reader, as the command
 * line's streaming one (node/files.ts) does it. Rejects as readXlsxRows throws. */
export function readXlsxRoster(data: ArrayBuffer | Uint8Array, fields: readonly FieldSpec[], rules: RosterRules = {}): Promise<Roster> {
  return readRoster((roster) => rowsWhenRead(readXlsxRows(data, sheetChoice(roster))), fields, rules);
}

async function* rowsWhenRead(rows: Promise<SheetRow[]>): AsyncGenerator<SheetRow> {
  yield* await rows;
}

/** The bytes of an .xlsx file; long texts cut in `locale` (default: the workbook's); the cells whose
 * control characters were replaced are added to `controls` (xmlText). */
export async function writeXlsx(data: WorkbookData, locale: Locale = data.locale ?? 'en', controls?: ControlCell[]): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  for (const sheet of data.sheets) fillSheet(book.addWorksheet(sheet.name, sheetOptions(sheet)), sheet, false, locale, controls);
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
 * Returns how many cells were cut to fit (fitCell); adds the cells whose control characters were
 * replaced to `controls`. */
export function fillSheet(ws: ExcelJS.Worksheet, sheet: SheetData, commit: boolean, locale: Locale = 'en', controls?: ControlCell[]): number {
  const cells = beginSheet(ws, sheet, Math.max(sheet.rows.length, sheet.inputRows ?? 0), commit, locale, controls);
  for (const r of sheet.rows) cells.add(r);
  return cells.cut();
}

/** Sets up a worksheet — column formats and widths, drop-downs over `rows` rows, the bold header —
 * and returns how to add its rows (`add`) and how many cells were cut to fit so far (`cut`); the
 * cells whose control characters were replaced are added to `controls` as they are written. */
export function beginSheet(ws: ExcelJS.Worksheet, sheet: Pick<SheetData, 'columns'>, rows: number, commit: boolean, locale: Locale, controls?: ControlCell[]) {
  ws.columns = sheet.columns.map((c) => ({
    width: c.width,
    style: {
      ...(c.decimals !== undefined ? { numFmt: numberFormat(c.decimals, c.moreDecimals) } : c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {}),
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
  let row = 1; // the spreadsheet's number of the row being written
  const text = (v: string, column: number) => {
    if (HAS_CONTROL.test(v)) controls?.push({ sheet: ws.name, row, column: sheet.columns[column]?.header || columnLetter(column + 1) });
    const t = xmlText(v);
    if (t.length <= MAX_CELL_CHARS) return t;
    cut++;
    return fitCell(t, locale);
  };
  // An empty header is no cell at all (a title in A1 then overflows to the right, as Excel draws it).
  const header = ws.addRow(sheet.columns.map((c, i) => (c.header === '' ? undefined : text(c.header, i))));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  if (commit) header.commit();
  const dates = sheet.columns.flatMap((c, i) => (c.date ? [i] : []));
  return { add: (r: readonly OutCell[]) => { row++; addCells(ws, dates.length > 0 ? withDates(r, dates) : r, commit, text); }, cut: () => cut };
}

/** A row with the 1983-11-28 texts of its date columns as dates (midnight UTC: the day Excel shows). */
function withDates(r: readonly OutCell[], dates: readonly number[]): (OutCell | Date)[] {
  const out: (OutCell | Date)[] = [...r];
  for (const i of dates) {
    const v = r[i];
    if (typeof v !== 'string' || !ISO_DATE.test(v)) continue;
    const d = new Date(`${v}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(v)) out[i] = d; // 2026-02-30 stays text
  }
  return out;
}

/** One row of cells added to a worksheet (committed when streaming); `text` makes a string a cell's text (given its column). */
export function addCells(ws: ExcelJS.Worksheet, r: readonly (OutCell | Date)[], commit: boolean, text: (v: string, column: number) => string): void {
  // An empty text is no cell, as null (an inline empty string would read back as no cell anyway).
  const row = ws.addRow(r.map((v, i) => (v === null || v === '' ? undefined : typeof v === 'string' ? text(v, i) : v)));
  // A string cell is never a formula when written, but one that looks like a formula becomes one
  // when a user edits it in a General cell: such cells are formatted as text (as Excel's `'`).
  r.forEach((v, i) => { if (typeof v === 'string' && looksLikeFormula(v)) row.getCell(i + 1).numFmt = '@'; });
  if (commit) row.commit();
}

/** Text an .xlsx part can hold. XML 1.0 cannot hold the C0 controls but tab, line feed and carriage
 * return (exceljs used to drop them silently): each becomes its visible Unicode control picture
 * (U+2400 + its code: U+000B, Word's manual line break, becomes ␋), so the reader sees that something
 * was there and what, and the writers say which cells (controlCell, ControlCell). U+FFFE and U+FFFF
 * (Excel calls a file with them corrupt) are dropped, and a lone surrogate becomes U+FFFD (as UTF-8
 * would write it), in both writers. */
export function xmlText(text: string): string {
  return text.replace(CONTROLS, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/[\uFFFE\uFFFF]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** A cell whose control characters xmlText replaced: its sheet, its row as the spreadsheet numbers
 * it, its column's header (its letter when the header is empty). What a writer tells its user. */
export interface ControlCell { sheet: string; row: number; column: string }

/** The notice naming the cells whose control characters were replaced (at most `shown` of them). */
export function controlsReplaced(file: string, cells: readonly ControlCell[], shown = 5): Msg {
  const at = cells.slice(0, shown).map((c) => M.controlAt({ sheet: c.sheet, row: c.row, column: c.column }));
  const more = cells.length > shown ? [M.controlsMore({ count: cells.length - shown })] : [];
  return M.controlsReplaced({ file, count: cells.length, cells: [...at, ...more] });
}

export { columnLetter }; // its home is table.ts (columns.ts names a repeated column by its letter)
