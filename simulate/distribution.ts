// Head counts per grade before and after, per unit and over the round, with each quota's limit,
// base and admitted count on both sides. A unit is the roster's (else the cohort key): quotas are
// decided per cohort, so a unit's quota row sums the cohorts its people are in (one, when the
// scheme groups by unit — the usual case); the overall row sums every cohort's and adds the
// quotas over the whole batch.

import type { CohortResult, QuotaSummary } from '../engine/api.js';
import type { DistributionRow, QuotaSide } from './types.js';

type Side = 'before' | 'after';

/** Grade names best first: `primary`'s, then any only `other` has, then `none`. */
export function gradeOrder(primary: readonly string[], ...others: CohortResult[]): string[] {
  const out = [...primary];
  let last: string | null = null; // the grade just seen is known to be listed
  for (const r of others) {
    for (const m of r.results) {
      if (m.grade === null || m.grade === last) continue;
      if (!out.includes(m.grade)) out.push(m.grade);
      last = m.grade;
    }
  }
  return [...out, 'none'];
}

function addQuota(row: DistributionRow, side: Side, q: QuotaSummary): void {
  let r = row.quotas.find((x) => x.grade === q.grade && x.scope === q.scope);
  if (!r) row.quotas.push((r = { grade: q.grade, scope: q.scope }));
  const s: QuotaSide = r[side] ?? (r[side] = { limit: 0, base: 0, admitted: 0 });
  s.limit += q.limit;
  s.base += q.base;
  s.admitted += q.admitted.length;
}

/** `unitOf`: a subject's unit (null: its cohort key), given the position it is listed at. Counted in
 * arrays indexed by grade (a 10,000-person round is counted twice, with no lookup by id), turned into
 * records at the end. */
export function distributions(before: CohortResult, after: CohortResult, unitOf: (subject: string, at: number) => string | null | undefined, grades: readonly string[]): { overall: DistributionRow; units: DistributionRow[] } {
  const none = grades.lastIndexOf('none'); // the slot gradeOrder appends (last: a grade so named counts there)
  interface Tally { unit: string; size: number; counts: Record<Side, number[]>; cohorts: Record<Side, Set<string>>; last: Record<Side, string | undefined> }
  const tallies = new Map<string, Tally>();
  const all: Record<Side, number[]> = { before: grades.map(() => 0), after: grades.map(() => 0) };
  const count = (result: CohortResult, side: Side) => {
    const results = result.results;
    let grade: string | null | undefined; // the last grade looked up, and its index
    let g = none;
    for (let i = 0; i < results.length; i++) {
      const m = results[i];
      const unit = unitOf(m.subject, i) ?? m.cohort;
      let t = tallies.get(unit);
      if (!t) tallies.set(unit, (t = { unit, size: 0, counts: { before: grades.map(() => 0), after: grades.map(() => 0) }, cohorts: { before: new Set(), after: new Set() }, last: { before: undefined, after: undefined } }));
      if (m.grade !== grade) {
        grade = m.grade;
        const at = grade === null ? -1 : grades.lastIndexOf(grade);
        g = at < 0 ? none : at;
      }
      t.counts[side][g]++;
      all[side][g]++;
      if (side === 'after') t.size++;
      if (t.last[side] !== m.cohort) t.cohorts[side].add((t.last[side] = m.cohort));
    }
  };
  count(before, 'before');
  count(after, 'after');
  const record = (xs: number[]) => Object.fromEntries(grades.map((g, i) => [g, xs[i]]));
  const overall: DistributionRow = { unit: '', size: after.results.length, before: record(all.before), after: record(all.after), quotas: [] };
  const units = [...tallies.values()].map((t): DistributionRow => ({ unit: t.unit, size: t.size, before: record(t.counts.before), after: record(t.counts.after), quotas: [] }));
  for (const [side, result] of [['before', before], ['after', after]] as const) {
    const byKey = new Map(result.cohorts.map((c) => [c.key, c]));
    let i = 0;
    for (const t of tallies.values()) {
      const row = units[i++];
      for (const key of t.cohorts[side]) for (const q of byKey.get(key)?.quotas ?? []) addQuota(row, side, q);
    }
    for (const c of result.cohorts) for (const q of c.quotas) addQuota(overall, side, q);
    for (const q of result.overall?.quotas ?? []) addQuota(overall, side, q);
  }
  return { overall, units };
}
