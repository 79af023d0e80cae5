// How often each negative-list and reward item fired, and how many people got each action (issue
// 15): people, not firings (an item fires at most once per person), overall and per unit, with the
// share of the people in scope (overall) or of the unit's head count. Every unit is listed, zeros
// included, so the table is a full unit × item grid.

import { shareOf } from './numbers.js';
import type { Share } from './types.js';
import type { PeriodView, UnitCounts } from './view.js';

export interface CountStats { overall: Share; units: ({ unit: string } & Share)[] }

export function countStatsOf<T>(v: PeriodView, c: UnitCounts<T>): T & CountStats {
  let total = 0;
  for (const x of c.perUnit) total += x;
  return {
    ...c.fact,
    overall: shareOf(total, v.subjects.length),
    units: v.units.map((unit, u) => ({ unit, ...shareOf(c.perUnit[u]!, v.size[u]!) })),
  };
}
