// Grade distributions against quotas (issue 15): per unit and over everyone in scope, the head
// count, each grade's count and share (best first, zero counts kept so bars line up), the people
// without a grade, and each quota's limit, base and admitted count — summed over the unit's cohorts
// when a unit has several. A whole-batch quota (`overall`, or a cohort spanning units) appears only
// in the overall row, and only when nobody was filtered out (it would describe people not shown).

import { shareOf } from './numbers.js';
import type { DistributionRow, QuotaRow } from './types.js';
import type { PeriodView, ViewQuota } from './view.js';

/** The overall row and one row per unit (view order). */
export function distributionOf(v: PeriodView): { overall: DistributionRow; units: DistributionRow[] } {
  const g = v.grades.length, n = v.units.length;
  const counts = Array.from({ length: n }, () => new Int32Array(g + 1)); // last: no grade
  for (let i = 0; i < v.subjects.length; i++) {
    const k = v.grade[i]!;
    counts[v.unit[i]!]![k < 0 ? g : k]!++;
  }
  const total = new Int32Array(g + 1);
  for (const c of counts) for (let k = 0; k <= g; k++) total[k]! += c[k]!;
  const row = (unit: string | null, size: number, c: Int32Array, quotas: ViewQuota[]): DistributionRow => ({
    unit, size,
    grades: v.grades.map((grade, k) => ({ grade, ...shareOf(c[k]!, size) })),
    none: shareOf(c[g]!, size),
    quotas: quotaRows(quotas, v.grades),
  });
  return {
    overall: row(null, v.subjects.length, total, v.quotas),
    units: v.units.map((u, k) => row(u, v.size[k]!, counts[k]!, v.quotas.filter((q) => q.unit === k))),
  };
}

/** Quota decisions summed by grade and scope, in grade order, cohort scope before overall. */
function quotaRows(quotas: readonly ViewQuota[], grades: readonly string[]): QuotaRow[] {
  const rows = new Map<string, QuotaRow>();
  for (const { fact: q } of quotas) {
    const key = `${q.scope}\u0000${q.grade}`;
    let r = rows.get(key);
    if (!r) rows.set(key, r = { grade: q.grade, scope: q.scope, limit: 0, base: 0, admitted: 0, normal: null, cohorts: 0 });
    r.limit += q.limit;
    r.base += q.base;
    r.admitted += q.admitted;
    if (q.normal !== null) r.normal = (r.normal ?? 0) + q.normal;
    r.cohorts++;
  }
  const order = (r: QuotaRow) => {
    const k = grades.indexOf(r.grade);
    return (k < 0 ? grades.length : k) * 2 + (r.scope === 'cohort' ? 0 : 1);
  };
  return [...rows.values()].sort((a, b) => order(a) - order(b));
}
