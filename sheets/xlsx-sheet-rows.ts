// A worksheet part's rows as table.ts cells, read with xlsx-xml.ts's small XML reader (replacing
// exceljs's worksheet readers, whose inline texts were wrong: hostile F3, F3b, F10). A cell is
//   - t="s": the shared string it indexes (xlsx-xml.ts: runs joined, phonetic guides left out);
//   - t="inlineStr": the `<t>` of its `<is>` and of its runs, joined, never a phonetic guide's;
//   - t="str" (a formula's text), t="e" (an error value, `#N/A`): its `<v>` text, decoded once;
//   - t="b": true/false; otherwise a number (a double, as Excel keeps it; a value that is not a decimal number: its text), a Date when its style's
//     number format is a date (1900 or 1904 system, as exceljs converts it); t="d": an ISO date;
//   - a formula saved without its value: NoValue (a problem at its cell, never a silent default).
// A text longer than an Excel cell holds (32,767 characters) is refused (XlsxCellTooLong, F2). Rows
// whose cells are all blank are left out; a row or cell with no reference follows the one before it.
// Rows are handed on as each chunk of the part is parsed: memory holds one chunk's rows.

import { BadXlsx } from './zip-directory.js';
import { feedXml, ItemText, MAX_CELL_TEXT, XlsxCellTooLong, type Attributes } from './xlsx-xml.js';
import { isBlank, NoValue, type Cell, type SheetRow } from './table.js';

/** What a worksheet's cells refer to: the shared strings, which styles are dates, the date system. */
export interface SheetContext { strings: readonly string[]; dates: readonly boolean[]; date1904: boolean }

const MAX_ROW = 1 << 20, MAX_COLUMN = 1 << 14;
const DECIMAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

interface CellRead { column: number; type: string; style: number; value?: string; formula: boolean; item?: ItemText }

/** The non-blank rows of a worksheet part's text. Throws BadXlsx for a damaged part. */
export async function* sheetRows(part: string, chunks: AsyncIterable<string>, context: SheetContext): AsyncGenerator<SheetRow> {
  let ready: SheetRow[] = [];
  let inData = false, row: SheetRow | undefined, lastRow = 0, lastColumn = 0;
  let cell: CellRead | undefined, inValue = false;
  const handler = {
    open(name: string, a: Attributes) {
      if (name === 'sheetData') inData = true;
      else if (name === 'row' && inData) {
        lastRow = a.r === undefined ? lastRow + 1 : position(a.r, MAX_ROW, part);
        row = { row: lastRow, cells: [] };
        lastColumn = 0;
      } else if (name === 'c' && row) {
        lastColumn = a.r === undefined ? lastColumn + 1 : columnOf(a.r, part);
        cell = { column: lastColumn, type: a.t ?? 'n', style: a.s === undefined ? 0 : Number(a.s), formula: false };
      } else if (!cell) return;
      else if (name === 'f') cell.formula = true;
      else if (name === 'v') { inValue = true; cell.value ??= ''; }
      else if (name === 'is') { cell.item = new ItemText(part); cell.type = 'inlineStr'; }
      else cell.item?.open(name);
    },
    text(t: string) {
      if (cell?.item) cell.item.add(t);
      else if (inValue && cell) {
        cell.value += t;
        if (cell.value!.length > MAX_CELL_TEXT) throw new XlsxCellTooLong(part);
      }
    },
    close(name: string) {
      if (name === 'v') inValue = false;
      else if (name === 'c' && row && cell) {
        for (let i = row.cells.length; i < cell.column - 1; i++) row.cells.push(null);
        row.cells[cell.column - 1] = cellValue(cell, context, part);
        cell = undefined;
      } else if (name === 'row' && row) {
        if (row.cells.some((c) => !isBlank(c))) ready.push(row);
        row = undefined;
      } else if (name === 'sheetData') inData = false;
      else cell?.item?.close(name);
    },
  };
  for await (const _ of feedXml(part, chunks, handler)) {
    if (ready.length === 0) continue;
    const rows = ready;
    ready = [];
    yield* rows;
  }
}

function cellValue(c: CellRead, context: SheetContext, part: string): Cell {
  if (c.item) return c.item.text;
  if (c.value === undefined) return c.formula ? NoValue.cell : null;
  switch (c.type) {
    case 'str': case 'e': return c.value;
    case 's': {
      if (!/^\s*\d+\s*$/.test(c.value)) throw new BadXlsx(`${part}: shared string index “${c.value.slice(0, 20)}”`);
      return context.strings[Number(c.value)] ?? null;
    }
    case 'b': return c.value.trim() === '' ? null : Number(c.value) !== 0;
    case 'd': { // an ISO 8601 date (strict Open XML)
      const d = new Date(c.value.trim());
      if (Number.isNaN(d.getTime())) throw new BadXlsx(`${part}: not a date “${c.value.slice(0, 20)}”`);
      return d;
    }
    default: {
      if (c.value.trim() === '') return null;
      // not a decimal number (`#DIV/0!` without t="e", `0x10`): its text, for the roster to report at its cell
      if (!DECIMAL.test(c.value)) return c.value;
      const n = Number(c.value);
      return context.dates[c.style] ? excelDate(n, context.date1904) : n;
    }
  }
}

/** An Excel date serial as a Date (as exceljs converts it). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function position(text: string, max: number, part: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) throw new BadXlsx(`${part}: row “${text.slice(0, 20)}”`);
  return n;
}

/** The column (1-based) of a cell reference such as `AB12`. */
function columnOf(ref: string, part: string): number {
  const letters = /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(ref)?.[1].toUpperCase();
  let n = 0;
  for (const ch of letters ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  if (n < 1 || n > MAX_COLUMN) throw new BadXlsx(`${part}: cell “${ref.slice(0, 20)}”`);
  return n;
}
