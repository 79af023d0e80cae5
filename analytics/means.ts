// The unit's average of each indicator in one round (issue 15): what the 反馈面谈 sheet sets each
// person's indicator score against ("本单位平均"). Means of REPORTED scores over the people of the
// unit to whom the indicator applies, exact (numbers.ts), rounded to precision + 2 decimals.

import { meanOf } from './numbers.js';
import type { Dec, RoundFacts } from './types.js';

/** One indicator's mean in one unit; `mean` null when it applies to nobody there. */
export interface IndicatorMean {
  name: string;
  label: string;
  /** How many people of the unit the indicator applies to. */
  n: number;
  mean: { text: Dec; exact: string } | null;
}

/** The means of one unit, indicators in `facts.scheme.indicators` order. */
export interface UnitMeans {
  unit: string;
  /** The unit's head count. */
  size: number;
  indicators: IndicatorMean[];
}

/** Per unit (in `facts.units` order), the mean reported score of each indicator. One pass per column. */
export function indicatorMeansByUnit(facts: RoundFacts): UnitMeans[] {
  const p = facts.scheme.precision;
  const units = facts.units.length;
  const size = new Array<number>(units).fill(0);
  for (const u of facts.unit) size[u]!++;
  const cols = facts.scheme.indicators.map((_, k) => {
    const n = new Array<number>(units).fill(0), sum = new Array<bigint>(units).fill(0n);
    const col = facts.indicators[k]!;
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v === null || v === undefined) continue;
      const u = facts.unit[i]!;
      n[u]!++;
      sum[u]! += BigInt(v);
    }
    return { n, sum };
  });
  return facts.units.map((unit, u) => ({
    unit, size: size[u]!,
    indicators: facts.scheme.indicators.map((ind, k) => {
      const n = cols[k]!.n[u]!;
      return { name: ind.name, label: ind.label, n, mean: n ? meanOf(cols[k]!.sum[u]!, n, p) : null };
    }),
  }));
}
