// Who changed between two revisions of a round, and why (issue 14, appeals): an amendment corrects one
// person, but in a cohort it can move others — across a quota line (someone else is now within the
// 优秀 share, or falls out of it), in rank only, or in score where a scheme scores relative to the
// cohort (`overall max(…)`); a source refresh re-reads the results a roll-up or history input reads.
// The answer lists exactly those whose score, grade, rank or actions (记三等功, 辞退…) differ, each
// with the reasons — what actually happened, worded by the standings on both sides (entered a quota
// they were outside of, left one they were within, and whose changed score caused it) — so the
// committee sees the consequences of what it approved.
// Pure: two CohortResults in, the list out; no database, no clock.

import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import type { CohortMemberResult, CohortResult, QuotaNote, Rank } from '../../engine/api.js';
import { A } from './amend-messages.js';

/** `amended`: their own input or decision changed. `source`: the stored results their roll-up or
 * history inputs read were corrected (re-read). `quota`: they crossed a quota line (entered it, or
 * left it). `rank`: only the rank moved. `cohort`: the score, grade or actions changed although
 * nothing of theirs did and no quota acted — the scheme reads the cohort (a cohort aggregate). */
export type Why = 'amended' | 'source' | 'quota' | 'rank' | 'cohort';

export interface Standing { score: number; grade: string | null; rank: Rank }

export interface Change {
  subject: string;
  before: Standing;
  after: Standing;
  /** Actions (措施) the person has now and had not, and had and has no longer. */
  actions: { gained: string[]; lost: string[] };
  why: Why[];
  /** The reasons in words, in the locale asked for. */
  reason: string;
}

/** Whose own values changed between the revisions: the amended person, and those whose filled
 * roll-up / history values differ (`sourced`, see `changedSources`). */
export interface Causes {
  amended?: readonly string[]; sourced?: readonly string[];
  /** Per person, what changed in words (amend-details.ts): their amended input / decision, their re-read sources. */
  details?: ReadonlyMap<string, { amended?: Msg; source?: Msg }>;
}

const standing = (r: CohortMemberResult): Standing => ({ score: r.score, grade: r.grade, rank: { ...r.rank } });

const sameRank = (a: Rank, b: Rank) => a.overall === b.overall && a.cohort === b.cohort;

const demoted = (q: QuotaNote | undefined): boolean => q !== undefined && q.demotedTo !== null;

/** Held `grade` within its quota (or without a quota note: simply held it). */
const within = (r: CohortMemberResult, grade: string) => r.grade === grade && !demoted(r.quota);

type Crossing = { kind: 'entered' | 'left' | 'beyond'; note: QuotaNote };

/** The quota line crossed between the two results; undefined when none was. `left`: held the grade
 * within its quota, now demoted; `beyond`: reaches the grade now (or again) but is past the quota,
 * not having held it before; `entered`: was past the quota, now within it. */
function crossing(before: CohortMemberResult, after: CohortMemberResult): Crossing | undefined {
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

type Side = { result: CohortResult; member: CohortMemberResult };

/** Why someone nobody amended crossed: whose changed score passed them, or the quota's size. */
function crossingCause(c: Crossing, before: Side, after: Side, movers: readonly [CohortMemberResult, CohortMemberResult][], amended: ReadonlySet<string>): Msg | undefined {
  const was = before.member;
  const is = after.member;
  const passed: string[] = [];
  for (const [xb, xa] of movers) {
    if (xa.subject === is.subject) continue;
    const b0 = rankIn(c.note, xb, was); const b1 = rankIn(c.note, was, was);
    const a0 = rankIn(c.note, xa, is); const a1 = rankIn(c.note, is, is);
    if (b0 === undefined || a0 === undefined || b1 === undefined || a1 === undefined) continue;
    if (c.kind === 'entered' ? b0 < b1 && a0 > a1 : b0 > b1 && a0 < a1) passed.push(xa.subject);
  }
  if (passed.length > 0) {
    const corrected = passed.every((s) => amended.has(s));
    if (c.kind === 'entered') return corrected ? A.causeCorrectedBelow({ who: passed }) : A.causeScoreBelow({ who: passed });
    return corrected ? A.causeCorrectedAbove({ who: passed }) : A.causeScoreAbove({ who: passed });
  }
  const from = limitOf(before.result, was, c.note);
  const to = limitOf(after.result, is, c.note);
  if (from !== undefined && to !== undefined && from !== to) {
    if (c.kind === 'entered' && to > from) return A.causeLimitGrew({ from, to });
    if (c.kind !== 'entered' && to < from) return A.causeLimitShrank({ from, to });
  }
  return undefined;
}

function crossingWords(c: Crossing): Msg {
  const { grade, rank, limit } = c.note;
  // Within a quota nobody is ranked past, the engine notes nothing: no rank to name on that side.
  if (c.kind === 'entered') return A.whyEntered({ grade });
  if (c.kind === 'left') return A.whyLeft({ grade, rank, limit, to: c.note.demotedTo! });
  return A.whyBeyond({ grade, rank, limit, to: c.note.demotedTo! });
}

const SEPARATOR: Record<Locale, string> = { en: '; ', zh: '；' };

/** Everyone in both results whose score, grade, rank or actions differ, in the new result's order.
 * `causes`: the amended subjects (an array, as before), or the amended and the re-read ones. */
export function diffResults(previous: CohortResult, next: CohortResult, causes: readonly string[] | Causes, locale: Locale = 'en'): Change[] {
  const { amended = [], sourced = [], details } = Array.isArray(causes) ? { amended: causes as readonly string[] } : causes as Causes;
  const before = new Map(previous.results.map((r) => [r.subject, r]));
  const own = new Set(amended);
  const reread = new Set(sourced);
  const movers: [CohortMemberResult, CohortMemberResult][] = [];
  for (const after of next.results) {
    const was = before.get(after.subject);
    if (was && was.score !== after.score) movers.push([was, after]);
  }
  const changes: Change[] = [];
  for (const after of next.results) {
    const was = before.get(after.subject);
    if (!was) continue;
    const gained = after.actions.filter((a) => !was.actions.includes(a));
    const lost = was.actions.filter((a) => !after.actions.includes(a));
    const scoreOrGrade = was.score !== after.score || was.grade !== after.grade;
    const moved = scoreOrGrade || gained.length > 0 || lost.length > 0;
    if (!moved && sameRank(was.rank, after.rank)) continue;
    const why: Why[] = [];
    const words: Msg[] = [];
    const said = details?.get(after.subject);
    if (own.has(after.subject)) { why.push('amended'); words.push(said?.amended ?? A.whyAmended()); }
    if (reread.has(after.subject)) { why.push('source'); words.push(said?.source ?? A.whySource()); }
    const c = crossing(was, after);
    if (c) {
      why.push('quota');
      words.push(crossingWords(c));
      const cause = own.has(after.subject) || reread.has(after.subject)
        ? undefined : crossingCause(c, { result: previous, member: was }, { result: next, member: after }, movers, own);
      if (cause) words.push(cause);
    }
    if (why.length === 0) {
      if (moved) { why.push('cohort'); words.push(A.whyCohort()); }
      else { why.push('rank'); words.push(A.whyRank()); }
    }
    if (gained.length > 0) words.push(A.actionsGained({ actions: gained }));
    if (lost.length > 0) words.push(A.actionsLost({ actions: lost }));
    changes.push({
      subject: after.subject, before: standing(was), after: standing(after), actions: { gained, lost }, why,
      reason: words.map((m) => render(m, locale)).join(SEPARATOR[locale]),
    });
  }
  return changes;
}

/** The people whose server-filled values (`results of`, `past`) differ between two revisions' stored
 * inputs (`revisions.inputs`): their roll-up or history sources were re-read and had changed. */
export function changedSources(previousInputs: string, nextInputs: string, fillable: readonly string[]): string[] {
  if (fillable.length === 0) return [];
  type Inputs = { subjects: { id: string; input: Record<string, unknown> }[] };
  const pick = (s: Inputs['subjects'][number]) => JSON.stringify(fillable.map((f) => s.input[f] ?? null));
  const before = new Map((JSON.parse(previousInputs) as Inputs).subjects.map((s) => [s.id, pick(s)]));
  return (JSON.parse(nextInputs) as Inputs).subjects
    .filter((s) => before.has(s.id) && before.get(s.id) !== pick(s))
    .map((s) => s.id);
}
