// What a unit officer (an account with units) may see of a stored cohort result: one filter for
// every route that shows a result (a revision, the export, the evaluate answer), so no route leaks
// another unit's people through a corner of the result. A CohortResult names people in `results[]`
// (each with its own exact values) and in the quota summaries of each cohort and of `overall`
// (`admitted`, `ties`, `over`); the revision's separate `exact` map is keyed by person. Head counts
// (size, limit, base, distribution) stay: they name nobody.

import type { CohortResult } from '../../engine/api.js';
import { seesUnit } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';

/** Whether the caller may see a person: by the roster's unit, else the round's (as the rounds routes). */
export type Sees = (subject: string) => boolean;

/** The caller's view of a round's people: `members` are the roster rows (subject and unit). */
export function seesMember(p: Pick<Principal, 'units'>, members: readonly { subjectId: string; unit: string | null }[], roundUnit: string | null): Sees {
  const unitOf = new Map(members.map((m) => [m.subjectId, m.unit ?? roundUnit]));
  return (subject) => seesUnit(p, unitOf.has(subject) ? unitOf.get(subject) : roundUnit);
}

type Quota = CohortResult['cohorts'][number]['quotas'][number];

function scopeQuota(q: Quota, sees: Sees): Quota {
  return {
    ...q,
    admitted: q.admitted.filter(sees),
    ties: q.ties.filter(sees),
    ...(q.over !== undefined && { over: q.over.filter(sees) }),
  };
}

/** `result` as the caller may see it (a new object; the argument is not changed). */
export function scopeResult(result: CohortResult, sees: Sees): CohortResult {
  return {
    ...result,
    results: result.results.filter((r) => sees(r.subject)),
    cohorts: result.cohorts.map((c) => ({ ...c, quotas: c.quotas.map((q) => scopeQuota(q, sees)) })),
    ...(result.overall !== undefined && { overall: { ...result.overall, quotas: result.overall.quotas.map((q) => scopeQuota(q, sees)) } }),
  };
}

/** A per-person map (a revision's `exact`) as the caller may see it. */
export function scopeExact<T>(exact: Record<string, T>, sees: Sees): Record<string, T> {
  return Object.fromEntries(Object.entries(exact).filter(([k]) => sees(k)));
}
