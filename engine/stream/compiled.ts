// The compiled engine in a streaming cohort (issue 16). Pass 1 runs each subject as a cohort member
// of the generated program (engine/codegen/competitor.ts evaluateCompiledMember: exactly the
// closures' result, or undefined when it bails): what the book needs (cohort key, ranking key,
// quota tables' keys) and, for a quota competitor, what the races read (tiebreak keys, which lower
// grades hold) come with the result. A non-competitor's result is final but for its rank, a
// competitor's is provisional; either is spilled as its JSON text with the rank left null (spill.ts),
// written by the program itself (engine/codegen evaluateCompiledJson: no result object to stringify).
// A competitor's result should a quota demote it is worked out in pass 1 too (the program's
// final-grade parameter with the grade below, its quota words left as a placeholder), so its input is
// read and evaluated once: in the same run of the twice program (codegen/cohort-twice.ts: only what
// depends on the grade is run again, and only the keys it changes are written), or, once that
// program was dropped after an exception, by a second run (demotedLine); what it changes in the
// provisional result (`Demoted`) is spilled before it. In pass 2 a competitor the quotas left at its
// grade is its provisional line made final (keptPieces: what competitor.ts keepResult does to the
// object, done to the line's bytes), one they demoted its provisional line with that change put in
// and made final (demotedPieces) — the lines are not decoded: the final text is the spilled bytes
// with the changed parts put between them. One whose landing grade races again, or that had no change,
// is evaluated again with its final grade (finishedLine; the closures when it bails). Subjects the
// program does not take run on the closures as before (cohort-stream.ts).

import type { Period } from '../../dsl/dates.js';
import type { EvalOptions, Rank, SubjectInput } from '../api.js';
import { compiledAllowed } from '../batch.js';
import type { Contender } from '../cohort.js';
import { finalOf, finishBy, memberBy, MemberOut, type CompiledMember, type FinalIn, type MemberRun } from '../codegen/competitor.js';
import { compileJs, evaluateCompiled, evaluateCompiledJson, evaluateCompiledTwice, twiceDropped } from '../codegen/index.js';
import type { Probe } from '../race.js';
import type { GradePlan, Plan } from '../plan.js';
import { demote } from '../quota.js';
import type { FinalText } from './finals.js';

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

/** A competitor's result should a quota demote it (`demotedLine`): for grade `to`, what it changes in
 * its provisional result — the text of the keys grade … gradeReasons, U+0001, actions and bonus
 * (codegen/emit-json.ts emitGradeKeys; everything else is the same: `demotedPieces`). */
export interface Demoted { to: GradePlan | null; change: string }

/** A compiled member whose result is its JSON text, whose rank is null (the program leaves it so):
 * its spilled line; `demoted`, when the twice program ran: a competitor's Demoted (null: none). */
export type StreamMember = CompiledMember<string> & { demoted?: Demoted | null };

/** The compiled pass-1 evaluation for this plan and these options, or undefined when it does not apply. */
export function compiledPass(plan: Plan, opts: EvalOptions | undefined, period?: Period): ((sub: SubjectInput) => StreamMember | undefined) | undefined {
  if (!compiledAllowed(opts)) return undefined; // asked for, or the engine's default (batch.ts)
  const run = jsonRun(plan), twice = twicePass(plan, opts, period);
  return (sub) => (twiceDropped(plan) ? memberBy(plan, sub, opts, period?.text, undefined, run) : twice(sub));
}

/** Pass 1 on the twice program: a competitor's Demoted from the same run. */
function twicePass(plan: Plan, opts: EvalOptions | undefined, period?: Period): (sub: SubjectInput) => StreamMember | undefined {
  const out = new MemberOut(), fins = new Map<number, FinalIn>();
  let to: GradePlan | null = null; // the grade `again` last named
  out.again = (m) => { // the grade below as demotedLine finds it, none when that grade races again
    if (!m.holds) return undefined; // a key that does not lower: the closures run it (competitor.ts)
    const holds = m.holds;
    to = demote(plan, plan.grades[m.allowed], { holds: (lower) => holds[lower.index] === true } as Probe);
    if (to && to.quotas.length > 0) return undefined;
    const k = to ? to.index : -1;
    let fin = fins.get(k);
    if (!fin) fins.set(k, fin = { grade: k, reasons: [JSON.parse(WORDS) as string], rank: null as unknown as Rank });
    return fin;
  };
  const run: MemberRun<string> = (p, subject, o, at, member) => evaluateCompiledTwice(p, subject, o, at, member!);
  return (sub) => {
    out.demoted = undefined;
    const m: StreamMember | undefined = memberBy(plan, sub, opts, period?.text, undefined, run, out);
    if (m?.probe) m.demoted = out.demoted === undefined ? null : placed(to, out.demoted) ?? null;
    return m;
  };
}

const PROVISIONAL = Buffer.from(',"provisional":true,"gradeReasons":[');
const FINAL = ',"provisional":false,"gradeReasons":[';
const EXACT = Buffer.from(',"exact":{"score":');
/** A result's rank left null, without the comma after it (spill.ts puts the rank in with that comma;
 * here a key's comma may be the next edit's first byte). */
const NO_RANK = Buffer.from(',"rank":null');

/** A spilled line's bytes as a final result's pieces: texts put in (each in place of `cut` bytes) at
 * byte offsets; the bytes between are views of `line`, valid while it is. */
type Edit = [at: number, cut: number, pieces: Pieces];
export type Pieces = (Buffer | string)[];

function spliced(line: Buffer, edits: Edit[]): Pieces {
  edits.sort((a, b) => a[0] - b[0]); // stable: edits at one offset keep their order
  const out: Pieces = [];
  let from = 0;
  for (const [at, cut, pieces] of edits) {
    if (at > from) out.push(line.subarray(from, at));
    for (const p of pieces) out.push(p);
    from = at + cut;
  }
  if (from < line.length) out.push(line.subarray(from));
  return out;
}

const gradeBytes = new WeakMap<GradePlan, Buffer>();
const NULL_GRADE = Buffer.from('null');
const gradeOf = (g: GradePlan | null): Buffer => {
  if (!g) return NULL_GRADE;
  let b = gradeBytes.get(g);
  if (!b) gradeBytes.set(g, b = Buffer.from(JSON.stringify(g.name)));
  return b;
};

/** A spilled competitor the quotas left at its allowed grade, made final in its bytes. In order: its
 * rank, not provisional, the decisions' words after its own reasons (before the last `missed` ones:
 * why each better grade was missed stays last, outcome.ts gradeReasons), `quota` after `improve`
 * (before `exact`, the last key of a provisional result when there is one), `flags` last (what
 * competitor.ts keepResult does to the object). Quotes inside JSON strings are escaped, and a UTF-8
 * character's bytes are none of them ASCII, so the keys searched for are found only as keys. */
export function keptPieces(line: Buffer, grade: GradePlan | null, fin: FinalText, missed = 0): Pieces {
  const g = gradeOf(grade);
  const p = line.indexOf(PROVISIONAL);
  if (p < g.length || !line.subarray(p - g.length, p).equals(g)) throw new Error('a kept competitor spilled with another grade');
  const items = arrayItems(line, p + PROVISIONAL.length), close = items.pop()!;
  const added = fin.words;
  const at = Math.max(0, items.length - missed); // the reason the words go before (none: at the end)
  const words = !added.length ? [] : at < items.length ? [added, ','] : items.length ? [',', added] : [added];
  return finalPieces(line, fin, [[p, PROVISIONAL.length, [FINAL]], [at < items.length ? items[at] : close, 0, words]]);
}

/** The last edits of a final result: its rank, `quota` after `improve` (before `exact`), `flags` last. */
function finalPieces(line: Buffer, fin: FinalText, edits: Edit[]): Pieces {
  const r = line.indexOf(NO_RANK);
  if (r < 0) throw new Error('a spilled result without its rank');
  edits.push([r, NO_RANK.length, [',', fin.rank]]);
  if (fin.quota) {
    // `exact`, when there, is the last key (an object: the line ends `}}`); a line ending `]}` ends
    // with `improve`, and is not searched back to front for it (≈ 2 KB a competitor)
    const exact = line[line.length - 2] === 93 /* ] */ ? -1 : line.lastIndexOf(EXACT);
    edits.push([exact >= 0 ? exact : line.length - 1, 0, [',"quota":', ...fin.quota]]);
  }
  if (fin.flags) edits.push([line.length - 1, 0, [',"flags":', fin.flags]]);
  return spliced(line, edits);
}

/** Where the strings of a JSON array that opens before `at` start (their opening quotes), and last
 * where it closes (its `]`). */
function arrayItems(s: Buffer, at: number): number[] {
  const out: number[] = [];
  let i = at;
  while (s[i] !== 93 /* ] */) {
    if (s[i] === 44 /* , */) { i++; continue; }
    out.push(i++); // the opening quote
    while (s[i] !== 34 /* " */) i += s[i] === 92 /* \ */ ? 2 : 1;
    i++;
  }
  out.push(i);
  return out;
}

/** Stands for the quota decisions' words in a result worked out before the quotas (`Demoted`): a
 * text no words of the engine have, checked to occur once in the change (a reason holding it leaves
 * that member to be evaluated again). */
const WORDS = JSON.stringify('\u27e6kaohe: quota words\u27e7');

/** Pass 1, for a competitor, once the twice program was dropped: its result should a quota demote
 * it — to the grade below whose condition holds (quota.ts demote), when that grade has no quota of
 * its own (else it races again, and where it lands is known only then: undefined) — with the quota
 * decisions' words left as WORDS (pass 2 puts them in, `demotedPieces`), by a second run of the
 * program with that grade (as the batch's finishedLine), cut to what it changes. */
export function demotedLine(plan: Plan, sub: SubjectInput, m: StreamMember, opts: EvalOptions | undefined, period: Period | undefined): Demoted | undefined {
  const to = demote(plan, m.allowed!, m.probe!);
  if (to && to.quotas.length > 0) return undefined;
  const line = finishBy(plan, sub, opts, period?.text, { grade: to ? to.index : -1, reasons: [JSON.parse(WORDS) as string], rank: null as unknown as Rank }, jsonRun(plan));
  const c = line === undefined ? undefined : gradeKeys(line, KEYS);
  return c && placed(to, `${line!.slice(c[0], c[1])}${SEP}${line!.slice(c[2], c[3])}`);
}

/** The change, when its words' placeholder is in it exactly once (only its gradeReasons hold texts). */
function placed(to: GradePlan | null, change: string): Demoted | undefined {
  const at = change.indexOf(WORDS);
  return at >= 0 && change.indexOf(WORDS, at + 1) < 0 ? { to, change } : undefined;
}

const SEP = '\u0001';
/** The keys around those a Demoted changes, as text and as bytes (`gradeKeys`). */
const KEYS = [',"rank":null', ',"grade":', ',"groups":[', ',"actions":[', ',"improve":['] as const;
const KEY_BYTES = KEYS.map((k) => Buffer.from(k));

/** Where the keys grade … gradeReasons and actions, bonus are in a result not yet final (`t`: its
 * text, or its bytes with `k` = KEY_BYTES) — [from, to) twice: the first `,"grade":` after the rank
 * (numbers between), the first `,"groups":[` after it (strings between), the last `,"actions":[`
 * (strings and numbers after it), the first `,"improve":[` after that — a key's quotes are never
 * escaped, every quote inside a string is. */
function gradeKeys<N>(t: { indexOf(n: N, from?: number): number; lastIndexOf(n: N): number }, k: readonly N[]): [number, number, number, number] | undefined {
  const r = t.indexOf(k[0]), g0 = r < 0 ? -1 : t.indexOf(k[1], r), g1 = t.indexOf(k[2], g0), a0 = t.lastIndexOf(k[3]), a1 = t.indexOf(k[4], a0);
  return g0 >= 0 && g1 > g0 && a0 > g1 && a1 > a0 ? [g0, g1, a0, a1] : undefined;
}

/** Pass 2: a demoted competitor's result — its provisional one (its bytes) with its Demoted change
 * in place of the keys it changes, the quota decisions' words in place of WORDS, and `quota`,
 * flags and rank put in. */
export function demotedPieces(line: Buffer, change: string, fin: FinalText): Pieces {
  const at = gradeKeys(line, KEY_BYTES);
  if (!at) throw new Error('a spilled competitor without its grade');
  const s = change.indexOf(SEP), w = change.indexOf(WORDS);
  return finalPieces(line, fin, [[at[0], at[1] - at[0], [change.slice(0, w), fin.words, change.slice(w + WORDS.length, s)]], [at[2], at[3] - at[2], [change.slice(s + 1)]]]);
}

/** A competitor finished by the program with the grade the quotas left it; undefined when it bails. */
export function finishedLine(plan: Plan, sub: SubjectInput, c: Contender, opts: EvalOptions | undefined, period: Period | undefined): string | undefined {
  return finishBy(plan, sub, opts, period?.text, finalOf(c, opts?.lang ?? 'en'), jsonRun(plan));
}
