// Who stands differently in two results of the same round, and which quota line they crossed: the
// pure comparison both the appeals' list of who changed (server/rounds/diff.ts: two revisions) and
// the what-if (simulate/index.ts: the stored result and the same inputs under another version) read.
// A quota line is worded by the standings on both sides — entered a quota they were outside of, left
// one they were within, and whose changed score passed them or how the quota's size moved — since in a
// cohort one person's change can move another across the 优秀 line.
// Pure: two CohortResults in, data and messages out; no database, no clock.

import type { Msg } from '../dsl/i18n/index.js';
import type { CohortMemberResult, CohortResult, QuotaNote, Rank } from '../engine/api.js';
import { displayName } from '../engine/display-name.js';
import { S } from './standings-messages.js';

export interface Standing { score: number; grade: string | null; rank: Rank }

export const standingOf = (r: CohortMemberResult): Standing => ({ score: r.score, grade: r.grade, rank: { ...r.rank } });

export const sameRank = (a: Rank, b: Rank) => a.overall === b.overall && a.cohort === b.cohort;

const demoted = (q: QuotaNote | undefined): boolean => q !== undefined && q.demotedTo !== null;

/** Held `grade` within its quota (or without a quota note: simply held it). */
const within = (r: CohortMemberResult, grade: string) => r.grade === grade && !demoted(r.quota);

export type Crossing = { kind: 'entered' | 'left' | 'beyond'; note: QuotaNote };

/** The quota line crossed between the two results; undefined when none was. `left`: held the grade
 * within its quota, now demoted; `beyond`: reaches the grade now (or again) but is past the quota,
 * not having held it before; `entered`: was past the quota, now within it. */
export function crossing(before: CohortMemberResult, after: CohortMemberResult): Crossing | undefined {
  const was = before.quota;
  const is = after.quota;
  if (is && demoted(is)) {
    if (within(before, is.grade)) return { kind: 'left', note: is };
    if (was && demoted(was) && was.grade === is.grade && was.demotedTo === is.demotedTo) return undefined;
    return { kind: 'beyond', note: is };
  }
  if (was && demoted(was) && within(after, was.grade)) return { kind: 'entered', note: is && is.grade === was.grade ? is : was };
  return undefined;
}

/** A rank in the quota's scope; undefined when the two are not compared there (other cohorts). */
function rankIn(note: QuotaNote, r: CohortMemberResult, of: CohortMemberResult): number | undefined {
  if (note.scope === 'overall') return r.rank.overall ?? undefined;
  return r.cohort === of.cohort ? r.rank.cohort ?? undefined : undefined;
}

/** The limit of `grade`'s quota where `r` is ranked for it (its cohort's, or the whole batch's). */
function limitOf(result: CohortResult, r: CohortMemberResult, note: QuotaNote): number | undefined {
  const quotas = note.scope === 'overall' ? result.overall?.quotas : result.cohorts.find((c) => c.key === r.cohort)?.quotas;
  return quotas?.find((q) => q.grade === note.grade && q.scope === note.scope)?.limit;
}

export type Side = { result: CohortResult; member: CohortMemberResult };

/** The person's name from the roster's display (engine/display.ts displayName), '' when none is given. */
const nameOf = (r: CohortMemberResult): string => displayName(r.display) ?? '';
export type Pair = readonly [CohortMemberResult, CohortMemberResult];

/** Why someone whose own result did not change crossed: whose changed score passed them (`corrected`:
 * those whose change was an amendment, worded so), or the quota's size. */
export function crossingCause(c: Crossing, before: Side, after: Side, movers: readonly Pair[], corrected: ReadonlySet<string>): Msg | undefined {
  const was = before.member;
  const is = after.member;
  const passed: string[] = [];
  const named: string[] = [];
  for (const [xb, xa] of movers) {
    if (xa.subject === is.subject) continue;
    const b0 = rankIn(c.note, xb, was); const b1 = rankIn(c.note, was, was);
    const a0 = rankIn(c.note, xa, is); const a1 = rankIn(c.note, is, is);
    if (b0 === undefined || a0 === undefined || b1 === undefined || a1 === undefined) continue;
    if (c.kind === 'entered' ? b0 < b1 && a0 > a1 : b0 > b1 && a0 < a1) { passed.push(xa.subject); named.push(nameOf(xa)); }
  }
  if (passed.length > 0) {
    const fixed = passed.every((s) => corrected.has(s));
    const who = { who: passed, names: named };
    if (c.kind === 'entered') return fixed ? S.causeCorrectedBelow(who) : S.causeScoreBelow(who);
    return fixed ? S.causeCorrectedAbove(who) : S.causeScoreAbove(who);
  }
  const from = limitOf(before.result, was, c.note);
  const to = limitOf(after.result, is, c.note);
  if (from !== undefined && to !== undefined && from !== to) {
    if (c.kind === 'entered' && to > from) return S.causeLimitGrew({ from, to });
    if (c.kind !== 'entered' && to < from) return S.causeLimitShrank({ from, to });
  }
  return undefined;
}

export function crossingWords(c: Crossing): Msg {
  const { grade, rank, limit } = c.note;
  // Within a quota nobody is ranked past, the engine notes nothing: no rank to name on that side.
  if (c.kind === 'entered') return S.whyEntered({ grade });
  if (c.kind === 'left') return S.whyLeft({ grade, rank, limit, to: c.note.demotedTo! });
  return S.whyBeyond({ grade, rank, limit, to: c.note.demotedTo! });
}

/** One person present in both results whose score, grade, rank or actions differ. */
export interface Moved {
  before: CohortMemberResult;
  after: CohortMemberResult;
  /** Actions (措施) the person has now and had not, and had and has no longer. */
  gained: string[];
  lost: string[];
  /** Score, grade or actions differ (else only the rank moved). */
  moved: boolean;
}

const NONE: string[] = [];

/** What differs for one person (`Changed.flags`): score, grade, actions; none of the three: only the rank. */
export const SCORE = 1;
export const GRADE = 2;
export const ACTIONS = 4;

/** Everyone in both results whose score, grade, rank or actions differ, in the new result's order, by
 * position: the `k`th (k < `count`) is listed at `at[k]` in `next.results` and `was[k]` in
 * `previous.results`; `flags[k]` says what differs. No object per person: a what-if of 10,000 counts
 * them and details a page (movedAt). */
export interface Changed { count: number; at: Int32Array; was: Int32Array; flags: Uint8Array }

/** Some action in one list and not the other. */
function actionsDiffer(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 && b.length === 0) return false;
  for (const x of a) if (!b.includes(x)) return true;
  for (const x of b) if (!a.includes(x)) return true;
  return false;
}

export function changedStandings(previous: CohortResult, next: CohortResult): Changed {
  // Both results usually list the same people in the same order (the same inputs): paired by
  // position, looked up by id only where the order differs.
  let before: Map<string, number> | undefined;
  const n = next.results.length;
  const out: Changed = { count: 0, at: new Int32Array(n), was: new Int32Array(n), flags: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const after = next.results[i];
    let j: number | undefined = i;
    if (previous.results[i]?.subject !== after.subject) j = (before ??= new Map(previous.results.map((r, k) => [r.subject, k]))).get(after.subject);
    if (j === undefined) continue;
    const was = previous.results[j];
    const flags = (was.score !== after.score ? SCORE : 0) | (was.grade !== after.grade ? GRADE : 0) | (actionsDiffer(was.actions, after.actions) ? ACTIONS : 0);
    if (flags === 0 && sameRank(was.rank, after.rank)) continue;
    out.at[out.count] = i; out.was[out.count] = j; out.flags[out.count] = flags;
    out.count++;
  }
  return out;
}

/** The `k`th of `changed` as a Moved (its actions gained and lost listed). */
export function movedAt(changed: Changed, k: number, previous: CohortResult, next: CohortResult): Moved {
  const was = previous.results[changed.was[k]];
  const after = next.results[changed.at[k]];
  if ((changed.flags[k] & ACTIONS) === 0) return { before: was, after, gained: NONE, lost: NONE, moved: changed.flags[k] !== 0 };
  const gained = after.actions.filter((a) => !was.actions.includes(a));
  const lost = was.actions.filter((a) => !after.actions.includes(a));
  return { before: was, after, gained, lost, moved: true };
}

/** The pairs of `changed` whose score differs (those who can pass others). */
export function moversOf(changed: Changed, previous: CohortResult, next: CohortResult): Pair[] {
  const movers: Pair[] = [];
  for (let k = 0; k < changed.count; k++) {
    if (changed.flags[k] & SCORE) movers.push([previous.results[changed.was[k]], next.results[changed.at[k]]]);
  }
  return movers;
}

/** Everyone in both results whose score, grade, rank or actions differ, in the new result's order;
 * and `movers`: the pairs whose score differs (those who can pass others). */
export function comparedStandings(previous: CohortResult, next: CohortResult): { moved: Moved[]; movers: Pair[] } {
  const changed = changedStandings(previous, next);
  const moved: Moved[] = [];
  for (let k = 0; k < changed.count; k++) moved.push(movedAt(changed, k, previous, next));
  return { moved, movers: moversOf(changed, previous, next) };
}

/** The actions gained and lost, in words. */
export function actionWords(gained: readonly string[], lost: readonly string[]): Msg[] {
  const words: Msg[] = [];
  if (gained.length > 0) words.push(S.actionsGained({ actions: [...gained] }));
  if (lost.length > 0) words.push(S.actionsLost({ actions: [...lost] }));
  return words;
}
