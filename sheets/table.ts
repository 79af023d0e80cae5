// The one shape every roster format is read into before the scheme is consulted: numbered rows of
// cells. A cell is what a spreadsheet holds — text, a number (a double, as Excel keeps it), true/false,
// a date — or nothing. Readers (csv.ts, xlsx.ts, node/xlsx-stream.ts) produce rows; roster.ts reads
// them against the scheme's inputs. Rows may come as an array or one by one (a large file's stream).

/** A formula cell saved without its computed value (exceljs, openpyxl and other generators write
 * them): not an empty cell — a default would apply silently (hostile F13) — but a problem at its cell. */
export class NoValue {
  static readonly cell = new NoValue();
  private constructor() {}
  toString(): string { return ''; } // as text (a header, a display field): nothing
}

export type Cell = string | number | boolean | Date | NoValue | null;

/** `row`: the spreadsheet's row number (1-based), what messages cite. */
export interface SheetRow { row: number; cells: Cell[] }

export type RowSource = Iterable<SheetRow> | AsyncIterable<SheetRow>;

/** A column's letter as a spreadsheet shows it, from its number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function isBlank(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}
