// The helpers a generated input validator calls (validate.ts passes them as `R`). Each answers one
// question about one value without allocating, so the valid path of a generated validator allocates
// nothing. Each is conservative: `false` / -1 only costs the fast path (the reference validator,
// engine/validate.ts, then runs), a wrong `true` would be a wrong result — so every helper mirrors the
// exact rule of the module named beside it.

import { duplicateKeys } from '../json-exact.js';
import { visibleUnit } from '../subject-id.js';

/** 10^k as doubles for k ≤ 15 (exact: 10^k < 2^53), the decimal places the fast path reads. */
export const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** The exact value `Rational.fromNumber` (dsl/rational.ts) gives the number `x`, read without text:
 * 0 for a safe integer; k ≥ 1 when x is the double of the decimal ±m/10^k with an integer m < 10^15,
 * m = Math.round(|x|·10^k); -1 otherwise (not finite, an unsafe integer, or no such decimal with
 * k ≤ 15: the generated code does not read such numbers).
 * Why it is fromNumber's value: dividing back (m / 10^k, both exact doubles, correctly rounded) proves
 * the decimal d = m/10^k rounds to x; decimals of ≤ 15 significant digits are > 4 ulp apart, so d is
 * the only one of them that does, and the shortest round-trip decimal of x (what fromNumber reads,
 * through its own fast path or String(x)) has no more digits than d — it is d. Rounding the product
 * (rather than requiring it to be an integer, as fromNumber's fast path does) also reads 64.07, whose
 * product 6406.999999999999 sends fromNumber to the text path. */
export function frac(x: number): number {
  if (Number.isSafeInteger(x)) return 0;
  const a = Math.abs(x);
  if (!(a < 1e15)) return -1;
  for (let k = 1; k <= 15; k++) {
    const m = Math.round(a * POW10[k]);
    if (m >= 1e15) return -1;
    if (m / POW10[k] === a) return k;
  }
  return -1;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** `parseDate(s) !== undefined` (dsl/dates.ts) without a regular expression: ISO `YYYY-MM-DD` of a
 * real proleptic-Gregorian day, year ≥ 1. */
export function date(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3);
  const m0 = digit(s, 5), m1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, m = m0 * 10 + m1, d = d0 * 10 + d1;
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** A JSON-like object the generated code may walk by its keys: prototype Object.prototype or null
 * (so not a list, a Rational, an UnreadableNumber, or anything else engine/periods/results.ts
 * `isObject` would have to tell apart). */
export function plain(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const p: unknown = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

/** Whether Object.prototype has enumerable keys (someone assigned to it): the generated program
 * reads an absent field or category by name, and would then see a value that is not the input's own,
 * which validate.ts ignores. */
export function polluted(): boolean {
  for (const k in Object.prototype) if (k !== undefined) return true;
  return false;
}

/** Whether the program would read `k` from `o` although it is not an own enumerable property, which
 * validate.ts reads as absent: an own non-enumerable one (Object.defineProperty; JSON never makes
 * one), or — for a name not on Object.prototype when the program was generated (`proto` false:
 * emit-base.ts reads it as `o[k]`) — one inherited, e.g. defined on Object.prototype since. */
export const hidden = (o: object, k: string, proto: boolean): boolean =>
  !Object.prototype.propertyIsEnumerable.call(o, k) && (proto ? Object.hasOwn(o, k) : k in o);

/** Whether json-exact.ts saw a key of `o` twice in its JSON text (a ballot's KH-E021). */
export const dup = (o: object): boolean => duplicateKeys(o) !== undefined;

/** Whether a unit shows every character (subject-id.ts unitFlaw: KH-E061). */
export const unit = visibleUnit;

/** The `R` of generated validators. */
export const VALIDATOR_RUNTIME = Object.freeze({ frac, date, plain, polluted, hidden, dup, unit });
