// Numbers on a paper, exactly as the stored result says them (LANGUAGE.md §4). A reported value with
// the scheme's precision p is stored as the double nearest a p-digit decimal d; `toFixed(p)` prints
// the p-digit decimal nearest that double, which is d itself (the double is within half an ulp of d,
// far closer than the half unit in the p-th place that could tip it) — the same text the server keeps
// in subject_results.score and 公示 shows. Comparisons and differences (a score against the unit's
// average) are done on scaled integers (BigInt), never on doubles.

/** A reported value at `p` decimals: 92.25 → "92.25", 95 → "95.00". */
export function fixed(x: number, p: number): string {
  return x.toFixed(p);
}

/** A reported value as an integer × 10^-digits (digits ≥ p): exact (see the header). */
export function scaledOf(x: number, p: number, digits = p): bigint {
  return BigInt(Math.round(x * 10 ** p)) * 10n ** BigInt(digits - p);
}

/** Decimal text ("88.7500", "-3", "90.1") as an integer × 10^-digits; undefined for anything else or
 * more decimals than `digits`. */
export function parseDec(text: string, digits: number): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[3]?.length ?? 0) > digits) return undefined;
  const v = BigInt(m[2]! + (m[3] ?? '').padEnd(digits, '0'));
  return m[1] ? -v : v;
}

/** An integer × 10^-digits as decimal text with exactly `digits` decimals; `signed` puts + before a
 * positive value. */
export function decText(n: bigint, digits: number, signed = false): string {
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(digits + 1, '0');
  const int = abs.slice(0, abs.length - digits);
  const frac = digits > 0 ? `.${abs.slice(abs.length - digits)}` : '';
  return `${neg ? '-' : signed && n > 0n ? '+' : ''}${int}${frac}`;
}

/** An effective weight (a fraction with 6 digits, 0.75) as a percentage: "75%", "33.3333%". */
export function percentText(weight: number): string {
  const micro = BigInt(Math.round(weight * 1e6));
  return `${decText(micro, 4).replace(/\.?0+$/, '')}%`;
}

/** A number as the shortest text that reads back as it (an amount of an item, a bonus): 1.5, 2. */
export const plain = (x: number): string => String(x);
