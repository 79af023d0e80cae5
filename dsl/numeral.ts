// How far kaohe reads a decimal numeral exactly: one bound and one measure for every way a number
// comes in — JSON bodies (engine/json-exact.ts) and roster cells (sheets/decimal.ts) — so the two
// never disagree about which numbers are readable.

/** Largest |decimal exponent| read: inputs are counts, scores and amounts, and results are written as
 * JSON numbers (doubles), which end near 10^308 — an input of 1e400 was read exactly, then a deduction
 * of 10^400 was answered as `null` beside a top grade. Within 10^±100, products of a few inputs stay
 * finite; anything beyond is refused at its path. (It also keeps the exact BigInts small.) */
export const MAX_EXPONENT = 100;

/** Decimal exponent of the leading significant digit of a numeral (`-12.5e3`; also `+.5` and `5.` as
 * typed in a cell); undefined for zero in any spelling. */
export function leadingExponent(numeral: string): number | undefined {
  const m = /^[+-]?(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(numeral)!;
  const first = (m[1] + m[2]).search(/[1-9]/);
  if (first < 0) return undefined;
  return Number(m[3] ?? 0) + m[1].length - 1 - first;
}
