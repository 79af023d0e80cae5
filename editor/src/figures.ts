// Numbers as a result shows them. The engine rounds scores to the scheme's `precision` and sends
// numbers, so 97.00 arrives as 97 and 92.70 as 92.7: a column of scores then reads as if some were
// less exact than others. `score` pads to the precision (never rounds again — the engine's half-up
// rounding of the exact value is the one that counts); weights are shares shown as percentages.

/** A reported score, amount or points with `precision` decimals: 97 → "97.00"; "—" for none. */
export function score(v: unknown, precision: number): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v === null || v === undefined ? '—' : String(v);
  const s = String(v);
  if (/e/i.test(s)) return s;
  const [int, frac = ''] = s.split('.');
  // More digits than the precision (a trace's intermediate value) are shown as they are.
  if (frac.length >= precision) return s;
  return `${int}.${frac.padEnd(precision, '0')}`;
}

/** A weight (a share of 1) as a percentage with at most 4 decimals: 0.571429 → "57.1429%". */
export function percent(v: unknown): string {
  return typeof v === 'number' ? `${+(v * 100).toFixed(4)}%` : '—';
}

/** Sum of reported figures, exact: each has at most `digits` decimals, so scaled integers add exactly. */
export function exactSum(xs: number[], digits: number): number {
  const f = 10 ** digits;
  return xs.reduce((a, x) => a + Math.round(x * f), 0) / f;
}
