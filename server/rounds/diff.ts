// Who changed between two revisions of a round, and why (issue 14, appeals): an amendment corrects one
// person, but in a cohort it can move others — across a quota line (someone else is now within the
// 优秀 share, or falls out of it), in rank only, or in score where a scheme scores relative to the
// cohort (`overall max(…)`); a source refresh re-reads the results a roll-up or history input reads.
// The answer lists exactly those whose score, grade, rank or actions (记三等功, 辞退…) differ, each
// with the reasons — what actually happened, worded by the standings on both sides (entered a quota
// they were outside of, left one they were within, and whose changed score caused it) — so the
// committee sees the consequences of what it approved.
// Pure: two CohortResults in, the list out; no database, no clock. The standing and quota-line
// comparison itself is shared with the what-if (simulate/standings.ts); the appeal's own causes
// (amended, re-read sources) are worded here.

import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import type { CohortResult } from '../../engine/api.js';
import { actionWords, comparedStandings, crossing, crossingCause, crossingWords, standingOf, type Standing } from '../../simulate/standings.js';
import { S } from '../../simulate/standings-messages.js';
import { A } from './amend-messages.js';

export type { Standing };

/** `amended`: their own input or decision changed. `source`: the stored results their roll-up or
 * history inputs read were corrected (re-read). `quota`: they crossed a quota line (entered it, or
 * left it). `rank`: only the rank moved. `cohort`: the score, grade or actions changed although
 * nothing of theirs did and no quota acted — the scheme reads the cohort (a cohort aggregate). */
export type Why = 'amended' | 'source' | 'quota' | 'rank' | 'cohort';

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

const SEPARATOR: Record<Locale, string> = { en: '; ', zh: '；' };

/** Everyone in both results whose score, grade, rank or actions differ, in the new result's order.
 * `causes`: the amended subjects (an array, as before), or the amended and the re-read ones. */
export function diffResults(previous: CohortResult, next: CohortResult, causes: readonly string[] | Causes, locale: Locale = 'en'): Change[] {
  const { amended = [], sourced = [], details } = Array.isArray(causes) ? { amended: causes as readonly string[] } : causes as Causes;
  const own = new Set(amended);
  const reread = new Set(sourced);
  const { moved, movers } = comparedStandings(previous, next);
  return moved.map(({ before: was, after, gained, lost, moved: changed }): Change => {
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
      if (changed) { why.push('cohort'); words.push(S.whyCohort()); }
      else { why.push('rank'); words.push(S.whyRank()); }
    }
    words.push(...actionWords(gained, lost));
    return {
      subject: after.subject, before: standingOf(was), after: standingOf(after), actions: { gained: [...gained], lost: [...lost] }, why,
      reason: words.map((m) => render(m, locale)).join(SEPARATOR[locale]),
    };
  });
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
