// Each indicator against the unit's average, exactly: the unit mean (analytics/means.ts, an exact
// fraction) is printed at the scheme's precision p like every score on the sheet, rounded half away
// from zero (the sheet says so in a note); the difference is the person's reported score minus that
// printed mean, both scaled to integers × 10^-p — what a reader gets by subtracting the two printed
// numbers — and strengths and shortcomings are ranked by it. Strengths: the indicators furthest above the average, up to 3; shortcomings: furthest
// below, up to 3; equal differences keep declaration order (the result's indicator order).

import type { UnitMeans } from '../../analytics/means.js';
import type { IndicatorResult } from '../../engine/api.js';
import { Rational } from '../../dsl/rational.js';
import { decText, fixed, parseDec, scaledOf } from '../shared/numbers.js';

export interface IndicatorRow {
  indicator: IndicatorResult;
  /** Score text at p decimals. */
  score: string;
  /** The unit mean as printed (p decimals, rounded half away from zero), null when unknown. */
  mean: string | null;
  /** (score − mean) × 10^p, null when the mean is unknown. */
  diff: bigint | null;
}

export const MOST = 3;

/** The rows of the indicator table, in the result's (declaration) order. */
export function indicatorRows(indicators: readonly IndicatorResult[], means: UnitMeans | null, p: number): IndicatorRow[] {
  const byName = new Map((means?.indicators ?? []).map((m) => [m.name, m]));
  return indicators.map((indicator) => {
    const exact = byName.get(indicator.id)?.mean?.exact;
    const mean = exact === undefined ? null : fractionOf(exact).toFixed(p);
    const m = mean === null ? undefined : parseDec(mean, p);
    const diff = m === undefined ? null : scaledOf(indicator.score, p) - m;
    return { indicator, score: fixed(indicator.score, p), mean, diff };
  });
}

/** An exact fraction as analytics writes it: "1747/20", or an integer "88". */
function fractionOf(text: string): Rational {
  const [num, den] = text.split('/');
  return Rational.of(BigInt(num!), BigInt(den ?? '1'));
}

/** Up to MOST rows furthest above (`sign` 1) or below (−1) the average; ties in declaration order. */
export function furthest(rows: readonly IndicatorRow[], sign: 1 | -1): IndicatorRow[] {
  const s = BigInt(sign);
  return rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.diff !== null && row.diff * s > 0n)
    .sort((a, b) => {
      const d = b.row.diff! * s - a.row.diff! * s;
      return d > 0n ? 1 : d < 0n ? -1 : a.i - b.i;
    })
    .slice(0, MOST)
    .map(({ row }) => row);
}

/** |diff| as text with p decimals; `signed`: with its sign (+5.25, -3.10, 0.00). */
export const diffText = (diff: bigint, p: number, signed = false): string =>
  signed ? decText(diff, p, true) : decText(diff < 0n ? -diff : diff, p);
