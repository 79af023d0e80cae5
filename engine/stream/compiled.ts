// The compiled engine in a streaming cohort (issue 16). Pass 1 runs each subject as a cohort member
// of the generated program (engine/codegen/competitor.ts evaluateCompiledMember: exactly the
// closures' result, or undefined when it bails): what the book needs (cohort key, ranking key,
// quota tables' keys) and, for a quota competitor, what the races read (tiebreak keys, which lower
// grades hold) come with the result. A non-competitor's result is final but for its rank, a
// competitor's is provisional; either is spilled as its JSON text with the rank left null (spill.ts).
// In pass 2 a competitor the quotas left at its grade is that text made final (keptLine: what
// competitor.ts keepResult does to the object, done to the text); one demoted is evaluated again
// with its final grade (the program's final-grade parameter; the closures when it bails). Subjects
// the program does not take run on the closures as before (cohort-stream.ts).

import type { Locale } from '../../dsl/i18n/index.js';
import type { Period } from '../../dsl/dates.js';
import type { EvalOptions, SubjectInput } from '../api.js';
import { compiledAllowed } from '../batch.js';
import type { Contender } from '../cohort.js';
import { evaluateCompiledMember, finalOf, finishCompiledMember, type CompiledMember } from '../codegen/competitor.js';
import type { Plan } from '../plan.js';
import { withRank } from './spill.js';

/** The compiled pass-1 evaluation for this plan and these options, or undefined when it does not apply. */
export function compiledPass(plan: Plan, opts: EvalOptions | undefined, period?: Period): ((sub: SubjectInput) => CompiledMember | undefined) | undefined {
  if (!compiledAllowed(opts)) return undefined; // asked for, or the engine's default (batch.ts)
  return (sub) => evaluateCompiledMember(plan, sub, opts, period?.text);
}

/** A compiled member's spilled line: its result's JSON, whose rank is null (the program leaves it so). */
export const spillLine = (m: CompiledMember): string => JSON.stringify(m.result);

const PROVISIONAL = ',"provisional":true,"gradeReasons":[';

/** A spilled competitor the quotas left at its allowed grade, made final by text; undefined when
 * demoted. In order: its rank, not provisional, the decisions' words after its own reasons, `quota`
 * after `improve` (before `exact`, the last key of a provisional result when there is one), `flags`
 * last. Quotes inside JSON strings are escaped, so the keys searched for are found only as keys. */
export function keptLine(line: string, c: Contender, lang: Locale): string | undefined {
  const grade = c.grade ? JSON.stringify(c.grade.name) : 'null';
  const p = line.indexOf(PROVISIONAL);
  if (p < 0 || !line.endsWith(grade, p)) return undefined; // demoted: its grade is not the provisional one
  const fin = finalOf(c, lang);
  const open = p + PROVISIONAL.length, close = arrayEnd(line, open);
  const added = fin.reasons.map((x) => JSON.stringify(x)).join(',');
  let text = `${line.slice(0, p)},"provisional":false,"gradeReasons":[${line.slice(open, close)}${added && close > open ? ',' : ''}${added}${line.slice(close)}`;
  if (fin.quota) {
    const exact = text.lastIndexOf(',"exact":{"score":');
    const at = exact >= 0 ? exact : text.length - 1;
    text = `${text.slice(0, at)},"quota":${JSON.stringify(fin.quota)}${text.slice(at)}`;
  }
  if (fin.flags) text = `${text.slice(0, -1)},"flags":${JSON.stringify(fin.flags)}}`;
  return withRank(text, fin.rank);
}

/** Where a JSON array of strings that opens before `at` closes (the index of its `]`). */
function arrayEnd(s: string, at: number): number {
  let i = at;
  while (s.charCodeAt(i) !== 93 /* ] */) {
    if (s.charCodeAt(i) === 44 /* , */) { i++; continue; }
    i++; // the opening quote
    while (s.charCodeAt(i) !== 34 /* " */) i += s.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
    i++;
  }
  return i;
}

/** A competitor finished by the program with the grade the quotas left it; undefined when it bails. */
export function finishedLine(plan: Plan, sub: SubjectInput, c: Contender, opts: EvalOptions | undefined, period: Period | undefined): string | undefined {
  const r = finishCompiledMember(plan, sub, opts, period?.text, finalOf(c, opts?.lang ?? 'en'));
  return r && JSON.stringify(r);
}
