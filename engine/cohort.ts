// The cohort phase (§8), over per-subject states: split by `cohort by`, then per cohort process the
// quota grades from best down. Holders of a grade over its limit are ranked by reported score
// (desc), then each tiebreak key (exact values); the first `limit` keep it, the rest are demoted to
// the next grade below whose condition holds. People tied on every key across the boundary are all
// demoted and reported as ties. Restricted subjects (cap/veto/nograde) only ever hold what they are
// allowed, but count in the quota base as `of graded|all` says. Deterministic: ties in the sort
// keep input order, and nothing depends on object identity.

import { Rational } from '../dsl/rational.js';
import type { SubjectState } from './evaluate.js';
import type { Msg, MsgArg } from '../dsl/i18n/index.js';
import type { CohortSummary, QuotaSummary } from './api.js';
import { M } from './messages.js';
import type { GradePlan, Plan, QuotaPlan } from './plan.js';
import { compareValues, show, type Value } from './values.js';

/** A quota decision that concerned a member, as data: its `reason` becomes words in the result's
 * language when the result is written (outcome.ts). */
export interface QuotaDecision { grade: string; demotedTo: string | null; rank: number; limit: number; reason: Msg }

/** A cohort member; `quotas` are the quota decisions that concerned it, in processing order. */
export interface Member { index: number; state: SubjectState; key: string; grade: GradePlan | null; quotas: QuotaDecision[] }

/** The text key of a subject's cohort (`''` when the scheme has no `cohort by`). */
export function cohortKey(plan: Plan, st: SubjectState): string {
  if (!plan.cohortBy) return '';
  const v = plan.cohortBy(st.subject);
  return typeof v === 'string' ? v : show(v);
}

/** floor / ceil / half-up of percent × base, at least min(K, base). */
export function quotaLimit(q: QuotaPlan, base: number): number {
  const x = q.percent.mul(Rational.int(base));
  const r = q.round === 'up' ? x.ceil() : q.round === 'nearest' ? x.round(0) : x.floor();
  let limit = Number(r.num);
  if (q.min !== undefined) limit = Math.max(limit, Math.min(q.min, base));
  return limit;
}

/** A cohort's head counts. Members that cannot compete for a quota grade are finished (and dropped)
 * before the quota phase, so the phase gets their counts only: `fixed` maps grade name (or `none`) to
 * how many such members hold it. */
export interface CohortCounts { size: number; graded: number; fixed: Record<string, number> }

/** Whether a member can be touched by the quota phase: only holders of a quota grade are ranked, and
 * demotion only moves them to lower grades, so a member whose allowed grade has no quota never is. */
export function competes(allowed: GradePlan | null): boolean { return !!allowed?.quota; }

/** A member's ranking keys: the reported score, then each tiebreak key's exact value. */
type Keys = (m: Member) => Value[];

/** Orders members best first: by each key (score and `desc` keys descending, `asc` ascending). */
function comparator(plan: Plan, keyOf: Keys): (a: Member, b: Member) => number {
  return (a, b) => {
    const ka = keyOf(a), kb = keyOf(b);
    for (let i = 0; i < ka.length; i++) {
      const d = compareValues(ka[i], kb[i]);
      const desc = i === 0 || plan.tiebreak[i - 1].dir === 'desc';
      if (d !== 0) return desc ? -d : d;
    }
    return 0;
  };
}

/** Holders best first (input order among equals), each with its rank: equals share a rank. */
function rank(holders: Member[], cmp: (a: Member, b: Member) => number): { ranked: Member[]; rankOf: Map<Member, number> } {
  const ranked = [...holders].sort((a, b) => cmp(a, b) || a.index - b.index);
  const rankOf = new Map<Member, number>();
  ranked.forEach((m, i) => rankOf.set(m, i > 0 && cmp(ranked[i - 1], m) === 0 ? rankOf.get(ranked[i - 1])! : i + 1));
  return { ranked, rankOf };
}

/** How many keep the grade, and who is tied across the boundary: a tie group straddling the limit
 * is demoted whole, so `cut` may be below `limit`. */
function boundaryTies(ranked: Member[], limit: number, cmp: (a: Member, b: Member) => number): { cut: number; ties: Member[] } {
  let cut = limit;
  const ties: Member[] = [];
  if (limit > 0 && limit < ranked.length && cmp(ranked[limit - 1], ranked[limit]) === 0) {
    while (cut > 0 && cmp(ranked[cut - 1], ranked[limit]) === 0) cut--;
    for (let i = cut; i < ranked.length && cmp(ranked[i], ranked[limit]) === 0; i++) ties.push(ranked[i]);
  }
  return { cut, ties };
}

/** How a quota's limit was computed, as data: `40% of 7 (graded, round down, min 1)`. */
function quotaHow(q: QuotaPlan, base: number): Msg {
  const round = q.round === 'up' ? M.roundUp() : q.round === 'nearest' ? M.roundNearest() : M.roundDown();
  return M.quotaHow({
    percent: q.percent.mul(Rational.HUNDRED).toDecimalString(4), base,
    of: q.of === 'all' ? M.ofAll() : M.ofGraded(), round, ...(q.min !== undefined ? { min: q.min } : {}),
  });
}

/** The names of the ranking keys: score, then each tiebreak with its direction. */
function keyNames(plan: Plan): Msg[] {
  return [M.scoreKey(), ...plan.tiebreak.map((t) => M.tiebreakKey({ key: t.text, dir: t.dir === 'asc' ? M.asc() : M.desc() }))];
}

/** Applies the quotas to one cohort (mutating the competing members' `grade` and `quotas`).
 * `members` are the competing members, in input order. */
export function applyQuotas(plan: Plan, key: string, members: Member[], counts: CohortCounts): CohortSummary {
  const p = plan.precision;
  const quotas: QuotaSummary[] = [];
  // Ranking keys per member, computed once (reported score, then the exact tiebreak values).
  const keys = new Map<Member, Value[]>();
  const keyOf: Keys = (m) => {
    let k = keys.get(m);
    if (!k) { k = [m.state.score.round(p), ...plan.tiebreak.map((t) => t.key(m.state.subject))]; keys.set(m, k); }
    return k;
  };
  const cmp = comparator(plan, keyOf);
  const names = keyNames(plan);

  for (const g of plan.grades) {
    if (!g.quota) continue;
    const q = g.quota;
    const base = q.of === 'all' ? counts.size : counts.graded;
    const limit = quotaLimit(q, base);
    const holders = members.filter((m) => m.grade === g);
    const summary: QuotaSummary = { grade: g.name, limit, base, admitted: [], ties: [] };
    quotas.push(summary);
    if (holders.length <= limit) { summary.admitted = holders.map((m) => m.state.id); continue; }

    const { ranked, rankOf } = rank(holders, cmp);
    const { cut, ties } = boundaryTies(ranked, limit, cmp);
    summary.ties = ties.map((m) => m.state.id);
    const othersOf = tiedOthers(ties);
    const how = quotaHow(q, base);
    ranked.forEach((m, i) => {
      const r = rankOf.get(m)!;
      const values = keyOf(m).map((v, j) => M.rankKey({ name: names[j], value: show(v) }));
      const head = { grade: g.name, limit, how, rank: r, of: ranked.length, values };
      if (i < cut) {
        summary.admitted.push(m.state.id);
        m.quotas.push({ grade: g.name, demotedTo: null, rank: r, limit, reason: M.quotaKept(head) });
        return;
      }
      const to = demote(plan, g, m);
      const toWords = to ? M.name({ name: to.name }) : M.noGrade();
      const others = othersOf(m);
      const reason = others
        ? M.quotaTied({ ...head, others, to: toWords })
        : M.quotaDemoted({ ...head, to: toWords });
      m.quotas.push({ grade: g.name, demotedTo: to?.name ?? null, rank: r, limit, reason });
      m.grade = to;
    });
  }

  const distribution: Record<string, number> = Object.fromEntries(plan.grades.map((g) => [g.name, 0]));
  distribution.none = 0;
  for (const [g, n] of Object.entries(counts.fixed)) distribution[g] += n;
  for (const m of members) distribution[m.grade ? m.grade.name : 'none']++;
  return { key, size: counts.size, quotas, distribution };
}

/** At most this many of the others are named in a tied person's reason. */
const NAMED_OTHERS = 5;

/** Who a tied member is tied with, in words (`undefined` for a member not in the tie): all the others
 * for a small tie, else the first few and how many more. Built once per tie group, and shared by
 * every member past the named ones, so a tie of N costs O(N), not N² (each reason is per person). */
function tiedOthers(ties: Member[]): (m: Member) => MsgArg | undefined {
  const tied = new Set(ties);
  const head = ties.slice(0, NAMED_OTHERS + 1);
  const total = ties.length - 1;
  const words = (except: Member | null): MsgArg => {
    const names = head.filter((x) => x !== except).slice(0, NAMED_OTHERS).map((x) => x.state.id);
    if (total <= NAMED_OTHERS) return names;
    return M.othersMore({ names, more: (total - NAMED_OTHERS).toLocaleString('en'), total: total.toLocaleString('en') });
  };
  const byHead = new Map(head.map((x) => [x, words(x)] as const));
  const rest = ties.length > head.length ? words(null) : undefined;
  return (m) => (tied.has(m) ? byHead.get(m) ?? rest : undefined);
}

/** The next grade below `g` whose condition holds for the member (`otherwise` always holds). */
function demote(plan: Plan, g: GradePlan, m: Member): GradePlan | null {
  for (const lower of plan.grades.slice(g.index + 1)) {
    if (!lower.when || lower.when(m.state.subject) === true) return lower;
  }
  return plan.grades[plan.grades.length - 1] ?? null;
}
