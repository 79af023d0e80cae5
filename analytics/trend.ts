// Trend lines across a span (issue 15): per period, the mean reported score and the share of the
// period's best grade — over everyone in scope, and per unit when asked. A unit absent in a period has
// a point with n = 0 and nulls, so every line has one point per period and charts keep their x axis.

import { meanOf, shareOf } from './numbers.js';
import type { TrendLine, TrendPoint } from './types.js';
import type { PeriodView } from './view.js';

export function trendOf(views: readonly PeriodView[], perUnit: boolean): TrendLine[] {
  const units = perUnit ? [...new Set(views.flatMap((v) => v.units))] : [];
  const lines: TrendLine[] = [{ unit: null, points: [] }, ...units.map((unit) => ({ unit, points: [] as TrendPoint[] }))];
  for (const v of views) {
    const m = v.units.length;
    const n = new Int32Array(m + 1), top = new Int32Array(m + 1); // last: everyone
    const sum: bigint[] = new Array(m + 1).fill(0n);
    const acc: number[] = new Array(m + 1).fill(0); // partial sums stay below 2^53 (flushed to BigInt)
    const add = (k: number, x: number) => {
      n[k]!++;
      acc[k]! += x;
      if (Math.abs(acc[k]!) > 2 ** 52) { sum[k]! += BigInt(acc[k]!); acc[k] = 0; }
    };
    for (let i = 0; i < v.subjects.length; i++) {
      const u = v.unit[i]!;
      if (v.grade[i] === 0) { top[u]!++; top[m]!++; }
      const x = v.score[i]!;
      if (Number.isNaN(x)) continue;
      add(u, x);
      add(m, x);
    }
    const point = (k: number, size: number): TrendPoint => ({
      period: v.period, n: n[k]!,
      mean: n[k] ? meanOf(sum[k]! + BigInt(acc[k]!), n[k]!, v.precision).text : null,
      top: v.grades.length ? shareOf(top[k]!, size) : null,
    });
    lines[0]!.points.push(point(m, v.subjects.length));
    const at = new Map(v.units.map((u, k) => [u, k]));
    units.forEach((unit, j) => {
      const k = at.get(unit);
      lines[j + 1]!.points.push(k === undefined ? { period: v.period, n: 0, mean: null, top: null } : point(k, v.size[k]!));
    });
  }
  return lines;
}
