// Numbers from spreadsheet cells, read as the person who typed them reads them. Excel keeps every
// number as a double and writes it with 17 significant digits (92.675 is stored as
// 92.674999999999997); exceljs hands that double back. The decimal a person saw and meant is the
// shortest one that reads back as the same double — what ECMAScript's Number::toString prints — and
// that is also how the engine reads a JSON number (Rational.fromNumber), so a double cell goes to the
// engine as the number itself. Text cells (CSV, or numbers typed as text) are read exactly, with the
// same rule as engine/json-exact.ts: a JS number when its double reads back as the same decimal, else
// the exact Rational of the text; beyond 10^±MAX_EXPONENT nothing is read (the cell is reported).
// No node: imports — the editor reads rosters in the browser with this module.

import { leadingExponent, MAX_EXPONENT } from '../dsl/numeral.js';
import { Rational } from '../dsl/rational.js';

/** Largest |decimal exponent| read from a cell: the bound of JSON input too (dsl/numeral.ts). */
export { MAX_EXPONENT };

/** The shortest decimal that reads back as `x`, without an exponent (1e-7 → 0.0000001; −0 → 0).
 * Ids, text inputs and display fields typed as numbers are shown with it (never 1.1e+17). */
export function shortestDecimal(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const s = String(x); // Number::toString: the shortest digits that round-trip
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp >= 0) return m[1] + digits + '0'.repeat(exp - (digits.length - 1));
  return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** Excel keeps 15 significant digits: a number cell with more has already lost some (the ID number
 * 110101199111112345 typed as a number comes back as 110101199111112000 or …350). An integer of 16 or
 * more digits counts even when its tail is zeros — those zeros are the digits Excel dropped. */
export function lostDigits(x: number): boolean {
  if (!Number.isFinite(x)) return false;
  const t = shortestDecimal(Math.abs(x));
  if (Number.isInteger(x)) return t.length > 15;
  return t.replace('.', '').replace(/^0+/, '').length > 15;
}

/** A number read from text: a JS number (exact), an exact Rational, or too large to read. */
export type ReadNumber = { value: number | Rational } | { tooLarge: true };

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
/** At most 15 characters of digits and point, no exponent: the double's shortest form is the text. */
const SHORT = /^-?[\d.]{1,15}$/;

/** Reads a decimal typed in a cell: `92.675`, `-3`, `1.5e3`, `1,234.5`, `95%`, full-width digits.
 * Undefined when the text is not a number (the caller hands it on as text, for the engine to report). */
export function readDecimal(raw: string): ReadNumber | undefined {
  let t = raw.normalize('NFKC').trim();
  let percent = false;
  if (t.endsWith('%')) { percent = true; t = t.slice(0, -1).trimEnd(); }
  if (GROUPED.test(t)) t = t.replaceAll(',', '');
  if (!PLAIN.test(t)) return undefined;
  if (!percent && SHORT.test(t)) return { value: normalizeZero(Number(t)) };
  // Before any BigInt work: 1e99999999 would otherwise build a huge power of ten.
  const lead = leadingExponent(t);
  if (lead === undefined) return { value: 0 };
  if (!(Math.abs(lead - (percent ? 2 : 0)) <= MAX_EXPONENT)) return { tooLarge: true };
  const exact = Rational.parse(t, percent);
  if (!exact) return undefined;
  const double = exact.toNumber();
  if (Number.isFinite(double) && Rational.fromNumber(double).eq(exact)) return { value: normalizeZero(double) };
  return { value: exact };
}

const normalizeZero = (x: number): number => (x === 0 ? 0 : x);

/** A number cell's value for the engine: the double itself (the engine reads its shortest decimal);
 * −0 becomes 0. */
export function cellNumber(x: number): number {
  return normalizeZero(x);
}

/** Exact decimal text of a value read here (a Rational from readDecimal always terminates). */
export function decimalText(v: number | Rational): string {
  return typeof v === 'number' ? shortestDecimal(v) : v.toDecimalString(10_000);
}
