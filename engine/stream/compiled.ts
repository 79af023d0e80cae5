// The compiled engine in a streaming cohort (issue 16). Pass 1 runs each subject as a cohort member
// of the generated program (engine/codegen/competitor.ts evaluateCompiledMember: exactly the
// closures' result, or undefined when it bails): what the book needs (cohort key, ranking key,
// quota tables' keys) and, for a quota competitor, what the races read (tiebreak keys, which lower
// grades hold) come with the result. A non-competitor's result is final but for its rank, a
// competitor's is provisional; either is spilled as its JSON text with the rank left null (spill.ts),
// written by the program itself (engine/codegen evaluateCompiledJson: no result object to stringify).
// A competitor's result should a quota demote it is worked out in pass 1 too and spilled after its
// provisional one (demotedLine: the program's final-grade parameter with the grade below, its quota
// words left as a placeholder), so its input is read and evaluated once. In pass 2 a competitor the
// quotas left at its grade is its provisional text made final (keptLine: what competitor.ts
// keepResult does to the object, done to the text), one they demoted its second text made final
// (demotedFinal); one whose landing grade races again, or that had no second text, is evaluated
// again with its final grade (finishedLine; the closures when it bails). Subjects the program does
// not take run on the closures as before (cohort-stream.ts).

import type { Locale } from '../../dsl/i18n/index.js';
import type { Period } from '../../dsl/dates.js';
import type { EvalOptions, Rank, SubjectInput } from '../api.js';
import { compiledAllowed } from '../batch.js';
import type { Contender } from '../cohort.js';
import { finalOf, finishBy, memberBy, type CompiledMember, type FinalIn, type MemberRun } from '../codegen/competitor.js';
import { compileJs, evaluateCompiled, evaluateCompiledJson } from '../codegen/index.js';
import type { GradePlan, Plan } from '../plan.js';
import { demote } from '../quota.js';
import { withRank } from './spill.js';

/** The result's JSON text: written by the program itself (evaluateCompiledJson, emit-json.ts), or,
 * for a scheme without such a program, its result object stringified. */
function jsonRun(plan: Plan): MemberRun<string> {
  let run = runs.get(plan);
  if (!run) runs.set(plan, run = textRun(plan));
  return run;
}
const runs = new WeakMap<Plan, MemberRun<string>>();

function textRun(plan: Plan): MemberRun<string> {
  let text = true;
  return (...args) => {
    if (text) {
      const json = evaluateCompiledJson(...args);
      if (json !== undefined || compileJs(plan).program?.json !== null) return json;
      text = false; // no JSON program for this scheme (counted once, as a bail)
    }
    const r = evaluateCompiled(...args);
    return r && JSON.stringify(r);
  };
}

/** A compiled member whose result is its JSON text, whose rank is null (the program leaves it so):
 * its spilled line. */
export type StreamMember = CompiledMember<string>;

/** The compiled pass-1 evaluation for this plan and these options, or undefined when it does not apply. */
export function compiledPass(plan: Plan, opts: EvalOptions | undefined, period?: Period): ((sub: SubjectInput) => StreamMember | undefined) | undefined {
  if (!compiledAllowed(opts)) return undefined; // asked for, or the engine's default (batch.ts)
  const run = jsonRun(plan);
  return (sub) => memberBy(plan, sub, opts, period?.text, undefined, run);
}

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
  return finalText(`${line.slice(0, p)},"provisional":false,"gradeReasons":[${line.slice(open, close)}${added && close > open ? ',' : ''}${added}${line.slice(close)}`, fin);
}

/** The last of a final result's text: `quota` after `improve` (before `exact`), `flags` last, its rank. */
function finalText(text: string, fin: FinalIn): string {
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

/** Stands for the quota decisions' words in a result worked out before the quotas (`demotedLine`):
 * a text no words of the engine have, checked to occur once in the result (an input holding it
 * leaves that member to be evaluated again). */
const WORDS = JSON.stringify('\u27e6kaohe: quota words\u27e7');

/** Pass 1, for a competitor: its final result's text should a quota demote it — to the grade below
 * whose condition holds (quota.ts demote), when that grade has no quota of its own (else it races
 * again, and where it lands is known only then: undefined) — but for its rank, the quota decisions'
 * words (WORDS in their place), its `quota` note and flags, which pass 2 puts in (`demotedFinal`).
 * The program's final-grade run, as the batch's (finishedLine) with the words left for later. */
export function demotedLine(plan: Plan, sub: SubjectInput, m: StreamMember, opts: EvalOptions | undefined, period: Period | undefined): { to: GradePlan | null; line: string } | undefined {
  const to = demote(plan, m.allowed!, m.probe!);
  if (to && to.quotas.length > 0) return undefined;
  const line = finishBy(plan, sub, opts, period?.text, { grade: to ? to.index : -1, reasons: [JSON.parse(WORDS) as string], rank: null as unknown as Rank }, jsonRun(plan));
  if (line === undefined) return undefined;
  const at = line.indexOf(WORDS);
  return at >= 0 && line.indexOf(WORDS, at + 1) < 0 ? { to, line } : undefined;
}

/** Pass 2: a demoted competitor's `demotedLine` made final — its quota decisions' words, `quota`,
 * flags and rank put in. */
export function demotedFinal(line: string, c: Contender, lang: Locale): string {
  const fin = finalOf(c, lang);
  const at = line.indexOf(WORDS);
  return finalText(`${line.slice(0, at)}${fin.reasons.map((x) => JSON.stringify(x)).join(',')}${line.slice(at + WORDS.length)}`, fin);
}

/** A competitor finished by the program with the grade the quotas left it; undefined when it bails. */
export function finishedLine(plan: Plan, sub: SubjectInput, c: Contender, opts: EvalOptions | undefined, period: Period | undefined): string | undefined {
  return finishBy(plan, sub, opts, period?.text, finalOf(c, opts?.lang ?? 'en'), jsonRun(plan));
}
