// What a generated validator may write into its source for exact numbers (scheme text enters it,
// as everywhere, only through safe.ts `str`). A Rational bound or set value enters as a double
// literal only when comparing doubles decides the exact comparison:
//
//   A number input x that the fast path accepts (validate-runtime.ts `frac`) reads as the decimal d
//   with fl(d) = x and ≤ 15 significant digits, or as the safe integer d = x. For an exact bound b,
//   rounding to nearest is monotonic, so x < fl(b) ⇒ d < b and x > fl(b) ⇒ d > b. When x = fl(b),
//   d = b holds if b is an integer (|b| < 2^53 is a double, and x cannot reach fl(b) otherwise: x is a
//   safe integer or < 1e15) or a decimal of ≤ 15 significant digits (two different decimals of ≤ 15
//   significant digits are more than 4 ulp apart, so they never round to the same double).
// Any other bound (a 16-digit decimal, a non-terminating fraction) gets no literal: the field is then
// `unsupported` and its validator answers false.

import type { Rational } from '../../dsl/rational.js';

/** The double whose comparisons with fast-path inputs equal exact comparisons with `r` (see the
 * header), as JS source text; undefined when there is none. */
export function doubleLiteral(r: Rational): string | undefined {
  const num = r.num, den = r.den;
  if (den === 1n) {
    const n = Number(num);
    return Math.abs(n) < 1e300 ? numberText(n) : undefined;
  }
  const k = decimalPlaces(den);
  if (k === undefined || k > 320) return undefined;
  const scaled = ((num < 0n ? -num : num) * 10n ** BigInt(k)) / den; // exact: den divides 10^k
  const significant = scaled.toString().replace(/0+$/, '');
  if (significant.length > 15) return undefined;
  const digits = scaled.toString().padStart(k + 1, '0');
  const text = `${num < 0n ? '-' : ''}${digits.slice(0, -k)}.${digits.slice(-k)}`;
  const n = Number(text);
  return Math.abs(n) >= 1e-300 ? numberText(n) : undefined;
}

/** Source text of a double; String(n) round-trips ("1e+21", "0.015"). */
const numberText = (n: number): string => (Object.is(n, -0) ? '0' : String(n));

/** k with den | 10^k when den has no prime factor but 2 and 5; else undefined. */
function decimalPlaces(den: bigint): number | undefined {
  let twos = 0, fives = 0;
  while (den % 2n === 0n) { den /= 2n; twos++; }
  while (den % 5n === 0n) { den /= 5n; fives++; }
  return den === 1n ? Math.max(twos, fives) : undefined;
}
