// CSV in and out. Reading: RFC 4180 (quoted cells with "" escapes, line breaks inside quotes, CRLF
// or LF), the separator found in the header line — a comma, a tab (what copying cells from Excel
// gives) or, only when there is neither, the full-width ， someone typed by hand — so a 科室 named
// “综合科，办公室” in a comma file stays one cell. Rows are numbered as a spreadsheet numbers them
// (record n is row n, whatever line breaks its quoted cells hold), which is what error messages cite.
// Writing: a UTF-8 byte-order mark first, so Excel opens Chinese text correctly, and quotes where needed.

import type { SheetRow } from './table.js';

/** The text without a leading byte-order mark (Notepad's and Excel's UTF-8 write one; it is no content). */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export function detectSeparator(text: string): string {
  const nl = text.search(/[\r\n]/);
  const head = nl < 0 ? text : text.slice(0, nl);
  const count = (c: string) => head.split(c).length - 1;
  const comma = count(','), tab = count('\t');
  if (comma === 0 && tab === 0) return count('，') > 0 ? '，' : ',';
  return tab > comma ? '\t' : ',';
}

/** The rows of a CSV text (a leading byte-order mark is dropped), numbered from 1. */
export function parseCsv(input: string, separator = detectSeparator(input)): SheetRow[] {
  const rows: SheetRow[] = [];
  const parser = new CsvParser((r) => { rows.push(r); }, separator);
  parser.push(input);
  parser.end();
  return rows;
}

/** The longest record read (64 MiB of text): a cell whose closing quote is missing would otherwise
 * swallow the rest of a large file into one string, past what V8 can hold. */
export const MAX_RECORD_CHARS = 64 * 2 ** 20;

/** A record longer than MAX_RECORD_CHARS, at its row. */
export class CsvRecordTooLong extends Error {
  constructor(readonly row: number) { super(`CSV record ${row} is longer than ${MAX_RECORD_CHARS} characters`); }
}

/** A quoted cell never closed, at its row (the streamed reader's error; parseCsv keeps the text). */
export class CsvUnclosedQuote extends Error {
  constructor(readonly row: number) { super(`CSV record ${row} has a quote that is never closed`); }
}

/** The CSV reader, fed text in pieces of any size (`push`, then `end`): each record goes to `emit`
 * as it ends, the same rows parseCsv gives for the whole text. A quote or CR at the end of a piece
 * waits for the next one (`""` is a quote, CRLF one line break). The separator is found in the first
 * line when not given. Throws CsvRecordTooLong past MAX_RECORD_CHARS. */
export class CsvParser {
  private cells: string[] = [];
  private cell = '';
  private quoted = false;
  private started = false;
  private size = 0;
  private row = 0;
  private pending = '';
  private first = true;
  /** After `end`: the row whose quoted cell was never closed (hostile F15), if any. */
  unclosedQuote?: number;

  constructor(private readonly emit: (row: SheetRow) => void, private separator?: string) {}

  push(piece: string): void {
    let text = this.pending + piece;
    this.pending = '';
    if (this.separator === undefined) {
      if (piece.search(/[\r\n]/) < 0) { // the header line is not complete yet
        if (text.length > MAX_RECORD_CHARS) throw new CsvRecordTooLong(1);
        this.pending = text;
        return;
      }
      this.separator = detectSeparator(withoutBom(text));
    }
    if (this.first) {
      if (text === '') return;
      text = withoutBom(text);
      this.first = false;
    }
    this.scan(text, false);
  }

  end(): void {
    const text = this.pending;
    this.pending = '';
    if (this.separator === undefined) this.separator = detectSeparator(withoutBom(text));
    this.scan(this.first ? withoutBom(text) : text, true);
    this.first = false;
    if (this.quoted) this.unclosedQuote = this.row + 1;
    if (this.started || this.cell !== '' || this.cells.length) this.endRow();
  }

  private endRow(): void {
    this.cells.push(this.cell);
    this.emit({ row: ++this.row, cells: this.cells });
    this.cells = []; this.cell = ''; this.started = false; this.size = 0;
  }

  /** Text added to the cell (whole runs, never a character at a time: 64 MiB of one-character
   * concatenations held gigabytes of string nodes). */
  private add(text: string): void {
    this.cell += text;
    if (this.size + this.cell.length > MAX_RECORD_CHARS) throw new CsvRecordTooLong(this.row + 1);
  }

  private scan(text: string, final: boolean): void {
    const sep = this.separator!;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.quoted) {
        const q = text.indexOf('"', i);
        if (q < 0) { this.add(text.slice(i)); return; }
        this.add(text.slice(i, q));
        if (q + 1 === n && !final) { this.pending = '"'; return; } // `""` may go on in the next piece
        if (text[q + 1] === '"') { this.add('"'); i = q + 2; } else { this.quoted = false; i = q + 1; }
        continue;
      }
      const c = text[i];
      if (c === '"' && this.cell === '') { this.quoted = true; this.started = true; i++; }
      else if (c === sep) {
        this.size += this.cell.length + 1;
        this.cells.push(this.cell); this.cell = ''; this.started = true; i++;
        if (this.size > MAX_RECORD_CHARS) throw new CsvRecordTooLong(this.row + 1);
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && i + 1 === n && !final) { this.pending = c; return; } // CRLF may be split
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        this.endRow();
      } else {
        let j = i + 1; // a run of plain characters (a quote inside a cell is one of them)
        while (j < n) { const d = text[j]; if (d === sep || d === '\n' || d === '\r') break; j++; }
        this.add(text.slice(i, j));
        this.started = true;
        i = j;
      }
    }
  }
}

/** One CSV cell: quoted when it holds a separator, a quote or a line break, or starts with a space. */
function quote(cell: string): string {
  return /[",\r\n\t]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One CSV record of already formatted cells, with its line break (writeCsv's, a row at a time). */
export const csvLine = (cells: readonly string[]): string => `${cells.map(quote).join(',')}\r\n`;

/** CSV text (with a UTF-8 byte-order mark) of rows of already formatted cells. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return `\ufeff${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
