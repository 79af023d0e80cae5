// What a unit officer (an account with units) may see of a stored cohort result: one filter for
// every route that shows a result (a revision, the export, the evaluate answer), so no route leaks
// another unit's people through a corner of the result. A CohortResult names people in `results[]`
// (each with its own exact values) and in the quota summaries of each cohort and of `overall`
// (`admitted`, `ties`, `over`); the revision's separate `exact` map is keyed by person. Head counts
// (size, limit, base, distribution) stay: they name nobody. Ranks are among the people shown (hostile
// H6 F13: `rank.overall` 5 of 10 told a unit officer where their people stood among other units'):
// `rank.overall` among everyone the caller sees, `rank.cohort` among those of the same cohort, in
// the engine's competition ranking (ranksWithin) — an amendment's changes too (scopeChanges); a
// person's own quota note and reasons stay as decided.

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

type Member = CohortResult['results'][number];

/** How many of the sorted `ranks` are below `rank`. */
function below(ranks: readonly number[], rank: number): number {
  let lo = 0, hi = ranks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranks[mid] < rank) lo = mid + 1; else hi = mid;
  }
  return lo;
}

const sortedRanks = (members: readonly Member[], of: (r: Member) => number | null): number[] =>
  members.map(of).filter((x): x is number => x !== null).sort((a, b) => a - b);

/** The members' ranks among themselves. The engine's ranks are competition ranks (1, 1, 3) by one
 * key, so a member's rank among any part of the batch is one more than how many of that part rank
 * strictly better — a lower number — than they do; unranked members (null) stay unranked. */
export function ranksWithin(members: readonly Member[]): Member[] {
  const overall = sortedRanks(members, (r) => r.rank.overall);
  const byCohort = new Map<string, Member[]>();
  for (const r of members) {
    const list = byCohort.get(r.cohort);
    if (list) list.push(r); else byCohort.set(r.cohort, [r]);
  }
  const cohort = new Map([...byCohort].map(([key, list]) => [key, sortedRanks(list, (r) => r.rank.cohort)]));
  return members.map((r) => ({
    ...r,
    rank: {
      overall: r.rank.overall === null ? null : 1 + below(overall, r.rank.overall),
      cohort: r.rank.cohort === null ? null : 1 + below(cohort.get(r.cohort)!, r.rank.cohort),
    },
  }));
}

/** `result` as the caller may see it (a new object; the argument is not changed). */
export function scopeResult(result: CohortResult, sees: Sees): CohortResult {
  return {
    ...result,
    results: ranksWithin(result.results.filter((r) => sees(r.subject))),
    cohorts: result.cohorts.map((c) => ({ ...c, quotas: c.quotas.map((q) => scopeQuota(q, sees)) })),
    ...(result.overall !== undefined && { overall: { ...result.overall, quotas: result.overall.quotas.map((q) => scopeQuota(q, sees)) } }),
  };
}

type Rank = Member['rank'];

/** An amendment's changes (diff.ts) as a unit officer sees them: their people only, each with the
 * ranks among the people they see in each revision (ranksWithin); someone there only because their
 * rank moved (`why` just `rank`) and whose rank among those people did not is left out — it moved
 * for another unit's people. */
export function scopeChanges<C extends { subject: string; before: { rank: Rank }; after: { rank: Rank }; why: readonly string[] }>(
  changes: readonly C[], previous: CohortResult, next: CohortResult, sees: Sees,
): C[] {
  const ranksIn = (r: CohortResult) => new Map(ranksWithin(r.results.filter((m) => sees(m.subject))).map((m) => [m.subject, m.rank]));
  const was = ranksIn(previous), now = ranksIn(next);
  const unranked: Rank = { overall: null, cohort: null };
  const out: C[] = [];
  for (const c of changes) {
    if (!sees(c.subject)) continue;
    const before = was.get(c.subject) ?? unranked, after = now.get(c.subject) ?? unranked;
    const rankOnly = c.why.length === 1 && c.why[0] === 'rank';
    if (rankOnly && before.overall === after.overall && before.cohort === after.cohort) continue;
    out.push({ ...c, before: { ...c.before, rank: before }, after: { ...c.after, rank: after } });
  }
  return out;
}

/** A per-person map (a revision's `exact`) as the caller may see it. */
export function scopeExact<T>(exact: Record<string, T>, sees: Sees): Record<string, T> {
  return Object.fromEntries(Object.entries(exact).filter(([k]) => sees(k)));
}
