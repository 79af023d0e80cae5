// Exact statistics on scaled integers (issue 15, LANGUAGE.md §4): every value is an integer N standing
// for N × 10^-p (facts.ts says why that is exact). Means are exact fractions (Rational), shown rounded
// half away from zero to p + 2 decimals; quartiles follow the spreadsheet QUARTILE.INC method and are
// exact with at most p + 2 decimals (h = (n − 1)·k/4 has a fractional part of 0, ¼, ½ or ¾, so
// 4·10^p × the quartile is an integer); shares are count/base shown as a percent with 2 decimals.
// No float sum, no float division anywhere.

import { Rational } from '../dsl/rational.js';
import type { Dec, Share, StatRow } from './types.js';

/** The integer N (× 10^-p) as decimal text with exactly p decimals: (8735, 2) → "87.35". */
export function decOf(n: number, p: number): Dec {
  return fixedOf(BigInt(n), p);
}

/** A BigInt N (× 10^-p) as text with p decimals. */
function fixedOf(n: bigint, p: number): Dec {
  const neg = n < 0n;
  const s = (neg ? -n : n).toString().padStart(p + 1, '0');
  const body = p ? `${s.slice(0, -p)}.${s.slice(-p)}` : s;
  return neg ? `-${body}` : body;
}

/** M × 10^-(p+2) as text with at least p and at most p + 2 decimals (trailing zeros beyond p dropped). */
function quarterDec(m: bigint, p: number): Dec {
  let text = fixedOf(m, p + 2);
  for (let k = 0; k < 2 && text.endsWith('0'); k++) text = text.slice(0, -1);
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** The mean of `sum / (n × 10^p)`: its exact fraction text and the text rounded to p + 2 decimals. */
export function meanOf(sum: bigint, n: number, p: number): { text: Dec; exact: string } {
  const r = Rational.of(sum, BigInt(n) * 10n ** BigInt(p));
  return { text: r.toFixed(p + 2), exact: r.toString() };
}

/** QUARTILE.INC of ascending `xs` (n ≥ 1) for quartile k ∈ {0,…,4}, as M with value M × 10^-(p+2):
 * h = (n − 1)·k/4, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]); with j = (n − 1)·k = 4⌊h⌋ + r, the value
 * × 4 is 4·x[⌊h⌋] + r·(x[⌊h⌋+1] − x[⌊h⌋]), and 4 × 10^p divides 10^(p+2) by 25. */
export function quartileScaled(xs: ArrayLike<number>, k: number): bigint {
  const j = (xs.length - 1) * k;
  const f = Math.floor(j / 4), r = j - 4 * f;
  const lo = BigInt(xs[f]!);
  const four = r === 0 ? 4n * lo : 4n * lo + BigInt(r) * (BigInt(xs[f + 1]!) - lo);
  return four * 25n;
}

/** QUARTILE.INC as text (see quartileScaled). */
export function quartileOf(xs: ArrayLike<number>, k: number, p: number): Dec {
  return quarterDec(quartileScaled(xs, k), p);
}

/** count/base as a share, percent rounded half away from zero to 2 decimals ("0.00" when base is 0). */
export function shareOf(count: number, base: number): Share {
  const percent = base === 0 ? '0.00' : Rational.of(BigInt(count) * 100n, BigInt(base)).toFixed(2);
  return { count, base, percent };
}

/** The statistics row of scaled values `xs` in any order (sorted here in place), n ≥ 1. */
export function statRowOf(unit: string | null, xs: Float64Array | Int32Array, p: number, below?: number): StatRow {
  xs.sort();
  return sortedRowOf(unit, xs, p, below);
}

/** The statistics row of ASCENDING scaled values `xs`, n ≥ 1. */
export function sortedRowOf(unit: string | null, xs: Float64Array | Int32Array, p: number, below?: number): StatRow {
  const n = xs.length;
  let sum = 0, big = 0n;
  for (let i = 0; i < n; i++) {
    sum += xs[i]!;
    if (sum > 2 ** 52 || sum < -(2 ** 52)) { big += BigInt(sum); sum = 0; } // keep partial sums exact
  }
  const row: StatRow = {
    unit, n, mean: meanOf(big + BigInt(sum), n, p),
    min: decOf(xs[0]!, p), q1: quartileOf(xs, 1, p), median: quartileOf(xs, 2, p), q3: quartileOf(xs, 3, p),
    max: decOf(xs[n - 1]!, p),
  };
  if (below !== undefined) row.below = shareOf(below, n);
  return row;
}
