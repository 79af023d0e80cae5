// The compiled engine (issue 16): a Plan compiled once to JavaScript source (lower*.ts → IR →
// emit*.ts), instantiated with `new Function('R', 'T', src)`, cached by Plan and by hash. A subject
// runs on the generated program when its input passes the generated validator (CGV, validate.ts)
// and nothing asks for what the program does not do; otherwise — and whenever the program bails
// (a value leaving the safe integers, any evaluation error) — the caller runs the closures engine,
// the reference, for that subject. `codegenCounters` says which path each subject took.

import { render } from '../../dsl/i18n/index.js';
import type { EvalOptions, SubjectInput, SubjectResult } from '../api.js';
import { validateDisplay } from '../display.js';
import { restrictionReasons } from '../grade.js';
import { M, wordsOnce } from '../messages.js';
import type { Plan } from '../plan.js';
import type { ListIR, ProgramIR } from './ir.js';
import { emitProgram, type ProgramPart, type Texts, type Words } from './emit-program.js';
import { lowerProgram } from './lower-program.js';
import { Unsupported } from './lower.js';
import * as runtime from './runtime.js';
import * as runtimeDates from './runtime-dates.js';
import * as runtimeBallots from './runtime-ballots.js';
import * as runtimeDisplay from './runtime-display.js';
import * as runtimeJson from './runtime-json.js';
import { window } from './runtime-results.js';
import { splitProgram } from './split.js';
import { readerFor } from './validate.js';
import type { FinalIn, MemberOut } from './competitor.js';

/** `member`: a cohort member, filled with what its cohort reads; `fin`: its final grade and quota words
 * (both engine/codegen/competitor.ts). */
type Run<T = SubjectResult> = (I: unknown, id: string, lang: 'zh' | 'en', display: unknown, period: string | undefined, exactValues: boolean, member?: MemberOut, fin?: FinalIn, C?: number[]) => T;

export interface JsProgram {
  /** The generated source (readable; scheme text only in escaped literals and cleaned comments). */
  source: string;
  ir: ProgramIR;
  run: Run;
  /** The validator answering with the input's fields in one object of one shape (what `run` reads), or undefined. */
  read: (input: unknown, period?: string) => Record<string, unknown> | undefined;
  /** The program answering the result's JSON text (emitProgram 'json'), made on first use; null:
   * dropped after an exception (a bug), the object program stays. */
  json?: Run<string> | null;
  /** The JSON program that also writes a competitor's result for a lower grade (emitProgram 'twice',
   * cohort-twice.ts), made on first use; null as `json`. */
  twice?: Run<string> | null;
}
export interface Compiled { program?: JsProgram; unsupported: { what: string; line?: number }[] }

/** Generated sources longer than this are not compiled ("too large"): V8 does not optimize one giant
 * function, and past this size the closures engine is as fast or faster (measured by CG3 on
 * generated `normalize` groups of `x * k / 7` indicators; docs/benchmarks.md, issue 16). */
export const MAX_SOURCE = 3_000_000;

/** Which path each subject took (tests and benchmarks read and reset it). */
export const codegenCounters: { compiled: number; bailed: number; reasons: Record<string, number> } = { compiled: 0, bailed: 0, reasons: {} };

export function resetCounters(): void {
  codegenCounters.compiled = 0; codegenCounters.bailed = 0; codegenCounters.reasons = {};
}

/** `render(M.gradeBecause({ grade, reason }), lang)` (or `gradeMissed`) without rendering the template
 * per subject (≈ 1 µs each): the message rendered once with two marker characters as its arguments, cut
 * at them; the subject's texts are put between the pieces. Used only when that rendering has each marker
 * exactly once (a plain `{grade}`/`{reason}` template); otherwise every call renders. */
function becauseOf(lang: 'zh' | 'en', msg: typeof M.gradeBecause = M.gradeBecause): (grade: string, reason: string) => string {
  const slow = (grade: string, reason: string) => render(msg({ grade, reason }), lang);
  const G = '\u0001', Rs = '\u0002';
  const t = slow(G, Rs);
  const g = t.indexOf(G), r = t.indexOf(Rs);
  if (g < 0 || r < 0 || t.indexOf(G, g + 1) >= 0 || t.indexOf(Rs, r + 1) >= 0) return slow;
  if (g < r) { const a = t.slice(0, g), b = t.slice(g + 1, r), c = t.slice(r + 1); return (grade, reason) => a + grade + b + reason + c; }
  const a = t.slice(0, r), b = t.slice(r + 1, g), c = t.slice(g + 1);
  return (grade, reason) => a + reason + b + grade + c;
}
const becauseZh = becauseOf('zh'), becauseEn = becauseOf('en');
const missedZh = becauseOf('zh', M.gradeMissed), missedEn = becauseOf('en', M.gradeMissed);

const R = Object.freeze({
  ...runtime,
  ...runtimeDates, // periodOf, shift
  ...runtimeDisplay, // numText, display
  ...runtimeJson, // jkey, jnames (the JSON mode, emit-json.ts)
  ...runtimeBallots, // ballots
  window, // streak's periods (runtime-results.ts)
  because: (grade: string, reason: string, lang: 'zh' | 'en') => (lang === 'zh' ? becauseZh : becauseEn)(grade, reason),
  missed: (grade: string, reason: string, lang: 'zh' | 'en') => (lang === 'zh' ? missedZh : missedEn)(grade, reason), // grade.ts missedReasons
});

const byPlan = new WeakMap<Plan, Compiled>();
const byHash = new Map<string, Compiled>();
const LRU = 64;

/** The plan compiled, or why not. Cached per Plan and per source hash (a re-prepared text reuses it). */
export function compileJs(plan: Plan): Compiled {
  let c = byPlan.get(plan);
  if (c) return c;
  c = byHash.get(plan.hash);
  if (c && c.program && c.program.ir.hash === plan.hash && sameShape(c, plan)) {
    byHash.delete(plan.hash); byHash.set(plan.hash, c); // most recent last
  } else c = build(plan);
  byPlan.set(plan, c);
  byHash.set(plan.hash, c);
  while (byHash.size > LRU) byHash.delete(byHash.keys().next().value!);
  return c;
}

/** A program compiled from another Plan of the same text reads its items by position: the same. */
const sameShape = (c: Compiled, plan: Plan) => c.program!.ir.indicators.length === plan.indicators.length;

function build(plan: Plan): Compiled {
  let ir: ProgramIR;
  try { ir = lowerProgram(plan); } catch (err) {
    if (err instanceof Unsupported) return { unsupported: [{ what: err.what, ...(err.line !== undefined ? { line: err.line } : {}) }] };
    throw err;
  }
  const g = generate(plan, ir);
  if (g.whole.length > MAX_SOURCE) return { unsupported: [{ what: 'too large' }] };
  const run = instantiate(g) as Run;
  return { program: { source: g.source, ir, run, read: readerFor(plan.contract) }, unsupported: [] };
}

/** What generate makes: the source of a program as emitted (`whole`), as it runs (`source`: split
 * into parts when long, split.ts; else the same text), and the texts it reads as `T`. */
interface Generated { source: string; whole: string; T: { zh: readonly string[]; en: readonly string[] } }

/** The source of the program (or of its part `only`, emitProgram) and the texts it reads as `T`,
 * rendered once per language. */
function generate(plan: Plan, ir: ProgramIR, only?: ProgramPart): Generated {
  const zh: string[] = [], en: string[] = [];
  const texts: Texts = { add: (make) => { zh.push(make('zh')); en.push(make('en')); return zh.length - 1; } };
  const whole = emitProgram(ir, texts, wordsOf(plan), only);
  const source = whole.length > MAX_SOURCE ? whole : splitProgram(whole);
  return { source, whole, T: Object.freeze({ zh: Object.freeze(zh), en: Object.freeze(en) }) };
}

/** The function a generated source returns, given the runtime `R` and its texts `T`. A split source
 * the engine cannot parse (split.ts read the text wrong: a bug) falls back to the whole one. */
function instantiate({ source, whole, T }: Generated): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the IR; scheme text only via safe.ts
    return new Function('R', 'T', source)(R, T);
  } catch (err) {
    if (!(err instanceof SyntaxError) || source === whole) throw err;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- as above
    return new Function('R', 'T', whole)(R, T);
  }
}

/** grade.ts's own words, through its exported functions on the plan's items. */
function wordsOf(plan: Plan): Words {
  return {
    restriction: (l: ListIR, it, kind, lang, grade) => {
      const item = (l.kind === 'negative' ? plan.negatives : plan.rewards)[l.index].items[it.index];
      const g = grade === undefined ? undefined : plan.grades.find((x) => x.name === grade);
      return restrictionReasons([{ kind, item, ...(g ? { grade: g } : {}), acted: true }], plan, lang)[0];
    },
    otherwise: (grade, lang) => {
      const g = plan.grades.find((x) => x.name === grade)!;
      return wordsOnce(g, 'otherwise', lang, () => M.otherwise({ grade }));
    },
  };
}

/** Counts a subject the compiled engine leaves to the closures, and why. */
export function count(reason: string): undefined {
  codegenCounters.bailed++;
  codegenCounters.reasons[reason] = (codegenCounters.reasons[reason] ?? 0) + 1;
  return undefined;
}

/** One subject on the compiled program, or undefined: then the caller runs the closures engine.
 * `C`: the values of the scheme's cohort aggregates for this subject, n/d each (cohort-aggs.ts);
 * without them such a scheme is the closures' (alone it is KH-E040). */
export function evaluateCompiled(plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period?: string, member?: MemberOut, fin?: FinalIn, C?: number[]): SubjectResult | undefined {
  return runCompiled(plan, subject, opts, period, member, fin, C, objectRun);
}

/** The same subject's result as JSON TEXT — `JSON.stringify(evaluateCompiled(…))` byte for byte,
 * without building the result object (emit-json.ts) — or undefined as evaluateCompiled, and for a
 * scheme whose JSON program does not exist (jsonRun): then the caller stringifies the object as before. */
export function evaluateCompiledJson(plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period?: string, member?: MemberOut, fin?: FinalIn, C?: number[]): string | undefined {
  return runCompiled(plan, subject, opts, period, member, fin, C, jsonRun);
}

/** evaluateCompiledJson for a cohort member whose `member.again` is set (the streaming cohort's pass
 * 1): a competitor's result for the grade it names is written too, into `member.demoted`
 * (cohort-twice.ts). Undefined as evaluateCompiledJson. */
export function evaluateCompiledTwice(plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period: string | undefined, member: MemberOut): string | undefined {
  return runCompiled(plan, subject, opts, period, member, undefined, undefined, twiceRun);
}

/** Whether the plan's twice program stopped after an exception (then its callers go back to two runs). */
export const twiceDropped = (plan: Plan): boolean => compileJs(plan).program?.twice === null;

const objectRun = (prog: JsProgram): Run => prog.run;

/** The twice program, made on first use. Until session 10 one longer than 60,000 characters was left
 * out (V8 never optimizes a function of more than 61,440 bytes of bytecode; the generated `run` makes
 * ≈ 0.9 byte a character): a long program is now split into functions well below that (split.ts),
 * so the twice program is kept whatever the scheme's size. */
function twiceRun(prog: JsProgram, plan: Plan): Run<string> | null {
  if (prog.twice === undefined) prog.twice = instantiate(generate(plan, prog.ir, 'twice')) as Run<string>;
  return prog.twice;
}

/** The JSON-text program, built on first use (and kept with the program: per hash). */
function jsonRun(prog: JsProgram, plan: Plan): Run<string> | null {
  if (prog.json === undefined) prog.json = partOf(plan, prog.ir, 'json') as Run<string>;
  return prog.json;
}

/** evaluateCompiled's path, on the program `pick` gives (undefined: counted, as a bail). */
function runCompiled<T>(
  plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period: string | undefined, member: MemberOut | undefined,
  fin: FinalIn | undefined, C: number[] | undefined, pick: (prog: JsProgram, plan: Plan) => Run<T> | null,
): T | undefined {
  const c = compileJs(plan);
  if (!c.program) return count('unsupported scheme');
  const run = pick(c.program, plan);
  if (!run) return count('no JSON program');
  if (c.program.ir.aggs && !C) return count('cohort aggregates');
  if (opts?.explain) return count('explain');
  if (subject.decision !== undefined) return count('decision');
  if (subject.standing !== undefined) return count('standing');
  const prog = c.program;
  const input = prog.read(subject.input, period); // period: inputs by period are checked against it (B2)
  if (!input) return count('input');
  let display: unknown;
  if (subject.display !== undefined) {
    const shown = validateDisplay(subject.display, 'display');
    if (shown.errors.length) return count('display');
    display = shown.display;
  }
  try {
    const r = run(input, subject.id, opts?.lang ?? 'en', display, period, !!opts?.exactValues, member, fin, C);
    codegenCounters.compiled++;
    return r;
  } catch (err) {
    if (err instanceof runtime.Bail) return count(err.reason);
    // Not a subject's bail (e.g. a RangeError from the engine itself): the program is not retried
    // for every later subject — the plan runs on closures from now on (recorded once).
    const what = `exception: ${err instanceof Error ? err.message : String(err)}`;
    if (run === prog.twice) { prog.twice = null; return count(`twice ${what}`); } // the others stay
    if (run !== prog.run) { prog.json = null; return count(`JSON ${what}`); } // the object program stays
    c.unsupported.push({ what });
    delete c.program;
    return count(what);
  }
}

/** What the rule lists decided for one subject (compiledRules). */
export interface RuleSections {
  negative: SubjectResult['negative']; rewardItems: SubjectResult['rewardItems']; actions: string[];
  deductions: number; rewards: number; veto: boolean; nograde: boolean; cap: string | null;
}
/** `period`: the evaluation period's text, for a scheme that names periodStart/periodEnd. */
export type RuleSectionsRun = (input: unknown, lang?: 'zh' | 'en', period?: string) => RuleSections;
const rulesByPlan = new WeakMap<Plan, RuleSectionsRun | null>();

/** The generated code of the scheme's rule lists alone (bench/engine.ts row (b): rule sections
 * compiled vs json-rules-engine): reads the input, computes only the lets and indicators the items'
 * `when`s use, runs the negative and reward lists. For the record `compiledInput` returns for an
 * input (what the full program reads; check once when preparing the subjects), or an input it
 * returns a record for; it may throw runtime.Bail like the full program. Undefined: the
 * scheme is not compiled (compileJs(plan).unsupported says why). Built once per plan. */
export function compiledRules(plan: Plan): RuleSectionsRun | undefined {
  let f = rulesByPlan.get(plan);
  if (f === undefined) {
    const c = compileJs(plan);
    f = null;
    if (c.program && !c.program.ir.aggs) { // a cohort aggregate's value is known only in a cohort
      const run = partOf(plan, c.program.ir, 'rules') as (I: unknown, lang: string, period?: string) => RuleSections;
      f = (input, lang = 'en', period) => run(input, lang, period);
    }
    rulesByPlan.set(plan, f);
  }
  return f ?? undefined;
}

/** A part of the program (emitProgram's `only`), instantiated: the rule lists alone, or a stage's
 * cohort aggregate arguments (cohort-aggs.ts). */
export function partOf(plan: Plan, ir: ProgramIR, only: ProgramPart): (...args: never[]) => unknown {
  return instantiate(generate(plan, ir, only)) as (...args: never[]) => unknown;
}

/** The plan's program of kind `only` made again, for tests and benchmarks: its source as it runs
 * (`source`, split.ts) and as emitted (`whole`), and `make`, which instantiates a source of it
 * with the program's runtime and texts (bench/split.ts compares the two, and reads the parts'
 * optimization). Undefined when the plan is not compiled. */
export function programBuild(plan: Plan, only?: 'json' | 'twice'): { source: string; whole: string; make(source: string): unknown } | undefined {
  const c = compileJs(plan);
  if (!c.program) return undefined;
  const g = generate(plan, c.program.ir, only);
  return { source: g.source, whole: g.whole, make: (source) => instantiate({ ...g, source }) };
}

/** The validated input as the compiled program reads it (validate.ts `readerFor`: its fields in one
 * object of one shape; inputs by period as plain records — valid only against the evaluation period
 * `period`), or undefined when the program does not read it on its fast path (the generated validator). */
export function compiledInput(plan: Plan, input: unknown, period?: string): Record<string, unknown> | undefined {
  return compileJs(plan).program?.read(input, period);
}

