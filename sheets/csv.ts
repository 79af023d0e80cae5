// CSV in and out. Reading: RFC 4180 (quoted cells with "" escapes, line breaks inside quotes, CRLF
// or LF), the separator found in the header line — a comma, a tab (what copying cells from Excel
// gives) or, only when there is neither, the full-width ， someone typed by hand — so a 科室 named
// “综合科，办公室” in a comma file stays one cell. Rows are numbered as a spreadsheet numbers them
// (record n is row n, whatever line breaks its quoted cells hold), which is what error messages cite.
// Writing: a UTF-8 byte-order mark first, so Excel opens Chinese text correctly, and quotes where needed.

import type { SheetRow } from './table.js';

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
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '', quoted = false, started = false;
  const endRow = () => {
    cells.push(cell);
    rows.push({ row: rows.length + 1, cells });
    cells = []; cell = ''; started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') { cell += '"'; i++; }
      else quoted = false;
    } else if (c === '"' && cell === '') { quoted = true; started = true; }
    else if (c === separator) { cells.push(cell); cell = ''; started = true; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else { cell += c; started = true; }
  }
  if (started || cell !== '' || cells.length) endRow();
  return rows;
}

/** One CSV cell: quoted when it holds a separator, a quote or a line break, or starts with a space. */
function quote(cell: string): string {
  return /[",\r\n\t]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** CSV text (with a UTF-8 byte-order mark) of rows of already formatted cells. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return `\ufeff${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
