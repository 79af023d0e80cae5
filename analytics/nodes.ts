// Indicator, group and total-score statistics (issue 15): over everyone in scope with a value, and
// per unit when asked — n, exact mean, min, QUARTILE.INC quartiles, max (numbers.ts), and for
// indicators of a scheme with `improve`, how many had it listed in their `improve`. Each column is
// sorted once per period (sortColumn) and the unit rows read their slices of it.

import { sortedRowOf } from './numbers.js';
import type { NodeFact, NodeStats, StatRow } from './types.js';
import type { PeriodView } from './view.js';

/** A column to summarise: scaled values (NaN = none) and optional `improve` flags. */
export interface Column { kind: NodeStats['kind']; fact: NodeFact; values: Float64Array; below?: Uint8Array }

/** Statistics of one column; `perUnit` adds the unit rows (units with nobody left out). */
export function nodeStatsOf(v: PeriodView, col: Column, perUnit: boolean): NodeStats {
  const { sorted, byUnit, start, below } = sortColumn(v, col);
  const withBelow = col.below !== undefined;
  const units: StatRow[] = [];
  if (perUnit) {
    for (let u = 0; u < v.units.length; u++) {
      if (start[u] === start[u + 1]) continue;
      units.push(sortedRowOf(v.units[u]!, byUnit.subarray(start[u]!, start[u + 1]!), v.precision, withBelow ? below[u]! : undefined));
    }
  }
  let totalBelow = 0;
  for (let u = 0; u < v.units.length; u++) totalBelow += below[u]!;
  const overall = sorted.length ? sortedRowOf(null, sorted, v.precision, withBelow ? totalBelow : undefined) : null;
  return { kind: col.kind, name: col.fact.name, label: col.fact.label, group: col.fact.group, overall, units };
}

interface SortedColumn {
  /** All values, ascending. */
  sorted: Int32Array | Float64Array;
  /** The values grouped by unit (unit u: start[u] … start[u+1]), each group ascending. */
  byUnit: Int32Array | Float64Array;
  start: Int32Array;
  /** Per unit: how many have the indicator in `improve`. */
  below: Int32Array;
}

/** The column sorted once: a counting sort when the values span a small range (reported scores of a
 * 0–100 scale at 2 decimals span at most 10,001 integers), then the sorted order scattered into unit
 * groups, which keeps each group sorted — so neither 100,000 values nor 500 units sort anything. Other
 * columns fall back to typed-array sorts. */
function sortColumn(v: PeriodView, col: Column): SortedColumn {
  const nu = v.units.length, values = col.values;
  const start = new Int32Array(nu + 1), below = new Int32Array(nu);
  let m = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    m++;
    start[v.unit[i]! + 1]!++;
    if (col.below?.[i]) below[v.unit[i]!]!++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  for (let u = 0; u < nu; u++) start[u + 1]! += start[u]!;
  const fill = start.slice(0, nu);
  const range = hi - lo + 1;
  if (m > 0 && range <= Math.max(1 << 16, 4 * m) && hi <= 2147483647 && lo >= -2147483648) {
    const count = new Int32Array(range + 1);
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) count[values[i]! - lo + 1]!++;
    for (let k = 0; k < range; k++) count[k + 1]! += count[k]!;
    const order = new Int32Array(m); // subjects by ascending value (stable)
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) order[count[values[i]! - lo]!++] = i;
    const sorted = new Int32Array(m), byUnit = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const i = order[k]!, x = values[i]!;
      sorted[k] = x;
      byUnit[fill[v.unit[i]!]!++] = x;
    }
    return { sorted, byUnit, start, below };
  }
  const byUnit = new Float64Array(m);
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) byUnit[fill[v.unit[i]!]!++] = values[i]!;
  for (let u = 0; u < nu; u++) byUnit.subarray(start[u]!, start[u + 1]!).sort();
  const sorted = byUnit.slice().sort();
  return { sorted, byUnit, start, below };
}
