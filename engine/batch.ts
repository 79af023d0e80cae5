// Evaluating compiled plans: one subject alone (its grade provisional when that grade has a quota)
// or a cohort (all or nothing: any invalid input or evaluation error fails the batch, reporting every
// problem; then the cohort phase and outcomes). Works on a Plan, so it needs no parser or checker.
// A cohort runs in phases: ids (checkIds), each subject up to its allowed grade (runAll; runStaged
// when the scheme has cohort aggregates, issue 13), the quotas per cohort and the competitors'
// results (quotaPhase). A scheme with cohort aggregates does not evaluate one subject alone (KH-E040).

import type {
  CohortMemberResult, CohortResult, EvalError, EvalOptions, EvalOutcome, SubjectInput, SubjectResult,
} from './api.js';
import { CohortBook, cohortKey, competes, type Contender } from './cohort.js';
import { argValues, CohortValues, comparesWithCohort, slotsOf, type AggMember, type CohortSeat } from './cohort-values.js';
import { evaluateCompiled, evaluateCompiledJson } from './codegen/index.js';
import { evaluateCompiledMember, finalOf, finishCompiledMember, keepResult, type CompiledMember } from './codegen/competitor.js';
import { compiledPost, compiledPre, seatValues } from './codegen/cohort-aggs.js';
import { evalError, toEvalError } from './errors.js';
import { IdCheck } from './stream/ids.js';
import { M } from './messages.js';
import { finish } from './outcome.js';
import { resolvePeriod } from './period.js';
import type { Period } from '../dsl/dates.js';
import type { Ctx, Plan } from './plan.js';
import { isPromise, type MaybePromise, type RulesRuntime } from './rules.js';
import { gradeSubject, type SubjectState } from './evaluate.js';
import { contextOf, prepareSubject, runSubject, runtimeFor, stoppedAt, withPrefix, type Ran, type RunOptions } from './run.js';

const maxErrorsOf = (opts?: EvalOptions): number => Math.max(0, opts?.maxErrors ?? Infinity);

/** How many evaluations of a plan run on closures before the default backend compiles it (issue 16):
 * compiling costs milliseconds, a subject tens of microseconds, so a one-off evaluation (a check, an
 * example, a test) does not pay for a program it would use once. `backend: 'compiled'` compiles at once. */
const WARM_UP = 32;
const warm = new WeakMap<Plan, number>();

const DEFAULT_BACKEND: 'compiled' | 'closures' = 'compiled';

/** Whether these options let the compiled engine answer (issue 16): `backend` 'compiled' (asked for,
 * or the default — 'compiled' since the backend matrix, test/backends, and test/codegen are green on
 * every scheme; `backend: 'closures'` keeps the reference engine), with the native rules runtime and
 * no explanation (those run on closures). engine/stream decides with it too, without the warm-up. */
export function compiledAllowed(opts?: EvalOptions): boolean {
  return (opts?.backend ?? DEFAULT_BACKEND) === 'compiled' && (opts?.rulesRuntime ?? 'native') === 'native' && !opts?.explain;
}

/** Whether a subject goes through the compiled engine first: allowed, and asked for or the plan warm. */
function compiledFor(plan: Plan, opts?: EvalOptions): boolean {
  if (!compiledAllowed(opts)) return false;
  if (opts?.backend === 'compiled') return true;
  const n = warm.get(plan) ?? 0;
  if (n >= WARM_UP) return true;
  warm.set(plan, n + 1);
  return false;
}

/** The options of one subject's run, from the evaluation's. */
const runOptions = (opts: EvalOptions | undefined, at: string, maxErrors: number, period?: Period): RunOptions =>
  ({ explain: !!opts?.explain, lang: opts?.lang, at, maxErrors, period, exactValues: !!opts?.exactValues });

/** One subject. With the native runtime nothing inside waits: one promise for the whole call. */
export function evaluatePlan(plan: Plan, subject: SubjectInput, opts?: EvalOptions): Promise<EvalOutcome<SubjectResult>> {
  const rt = runtimeFor(opts);
  if (isPromise(rt)) return rt.then((r) => evaluateWith(plan, subject, r, opts));
  try {
    return Promise.resolve(evaluateWith(plan, subject, rt, opts));
  } catch (err) {
    return Promise.reject(err);
  }
}

function evaluateWith(plan: Plan, subject: SubjectInput, rt: RulesRuntime | EvalError, opts?: EvalOptions): MaybePromise<EvalOutcome<SubjectResult>> {
  if (!('matchLists' in rt)) return { ok: false, errors: [rt] };
  if (!subject || typeof subject !== 'object') return { ok: false, errors: [evalError('KH-E008', M.notSubject())] };
  // without a period and without period inputs there is nothing to resolve (the hot path of one subject)
  const p = opts?.period === undefined && !plan.usesPeriod ? {} : resolvePeriod(plan, opts?.period);
  if ('error' in p) return { ok: false, errors: [p.error] };
  if (compiledFor(plan, opts)) {
    const value = evaluateCompiled(plan, subject, opts, p.period?.text);
    if (value) return { ok: true, value };
  }
  const ran = runSubject(plan, subject, rt, runOptions(opts, '', maxErrorsOf(opts), p.period));
  return isPromise(ran) ? ran.then((r) => finishOne(r, subject, rt)) : finishOne(ran, subject, rt);
}

/** One subject's result as JSON text straight from the compiled program (codegen/index.ts
 * evaluateCompiledJson): `JSON.stringify(value)` of what evaluatePlan answers, byte for byte, without
 * building the result; undefined when the compiled engine does not answer (not for these options,
 * the plan not warm yet — this call counts towards it too —, a period problem, a subject it does not
 * take): then evaluatePlan answers as before. */
export function evaluatePlanJson(plan: Plan, subject: SubjectInput, opts?: EvalOptions): string | undefined {
  if (!subject || typeof subject !== 'object') return undefined;
  const p = opts?.period === undefined && !plan.usesPeriod ? {} : resolvePeriod(plan, opts?.period);
  return 'error' in p || !compiledFor(plan, opts) ? undefined : evaluateCompiledJson(plan, subject, opts, p.period?.text);
}

function finishOne(ran: Ran, subject: SubjectInput, rt: RulesRuntime): MaybePromise<EvalOutcome<SubjectResult>> {
  if (!ran.ok) return ran;
  const failed = (err: unknown): EvalOutcome<SubjectResult> => ({ ok: false, errors: [{ ...toEvalError(err), subject: subject.id }] });
  const done = (value: SubjectResult): EvalOutcome<SubjectResult> => ({ ok: true, value });
  try {
    const g = ran.state.allowed;
    const result = finish(ran.state, { grade: g, provisional: competes(g) }, rt);
    return isPromise(result) ? result.then(done, failed) : done(result);
  } catch (err) {
    return failed(err);
  }
}

/** Every subject needs a text id, valid (subject-id.ts) and unique in the cohort: the streaming
 * cohort's check (stream/ids.ts) over the whole list. `stoppedAt`: the subject whose id problem went
 * past `max`. */
function checkIds(subjects: SubjectInput[], max: number): { errors: EvalError[]; stoppedAt?: number } {
  const ids = new IdCheck(max);
  for (let i = 0; i < subjects.length && ids.see(i, subjects[i]?.id); i++);
  return ids.stoppedAt === undefined ? { errors: ids.errors } : { errors: ids.errors, stoppedAt: ids.stoppedAt }; // not the ids themselves
}

/** What running every subject left: the cohorts with their competitors, the finished results of
 * everyone else, and the first errors that fail the batch. */
interface Run {
  errors: EvalError[];
  /** The cohorts, ranks and competitors (cohort.ts): a competitor with its closures state, or one the
   * compiled engine ran (no state; its provisional result waits in `results`). */
  book: CohortBook;
  members: Contender[];
  results: CohortMemberResult[];
  keyError?: { err: unknown };
  finishError?: { index: number; err: unknown };
  /** A scheme with cohort aggregates: each subject's seat (runStaged), for a competitor finished later. */
  seats?: CohortSeat[];
}

const newRun = (plan: Plan, n: number, errors: EvalError[], opts?: EvalOptions): Run =>
  ({ errors, book: new CohortBook(plan, opts?.lang), members: [], results: new Array(n) });

/** The subject as the run reads it (a malformed entry reads as empty: its problems are reported). */
const inputOf = (sub: SubjectInput | undefined): SubjectInput =>
  ({ id: String(sub?.id ?? ''), input: sub?.input as SubjectInput['input'], display: sub?.display, decision: sub?.decision, standing: sub?.standing });

/** Adds one subject's problems; false when the batch stops here (past `maxErrors`: KH-E009). */
function addErrors(run: Run, i: number, budget: number, errs: EvalError[]): boolean {
  // Full already: this subject's problems are the "more" that KH-E009 announces.
  if (budget === 0) { run.errors.push(stoppedAt(`subjects[${i}]`)); return false; }
  run.errors.push(...errs);
  return errs[errs.length - 1].code !== 'KH-E009';
}

/** An evaluation failure of subject i, located as runSubject locates its own. */
function subjectError(err: unknown, i: number, id: string): EvalError {
  return { ...withPrefix(toEvalError(err), `subjects[${i}].input.`), subject: id };
}

// Memory: a subject that cannot compete for a quota grade has its final grade now, so it is finished
// right away and its evaluation state dropped; only competitors keep theirs for the quota phase.
// Errors keep the order of the all-at-once pipeline (every key, then quotas, then finish in input
// order): a key error outranks any finish error; the lowest-index finish error outranks later ones.
async function runAll(plan: Plan, subjects: SubjectInput[], rt: RulesRuntime, opts: EvalOptions | undefined, errors: EvalError[], period?: Period): Promise<Run> {
  const max = maxErrorsOf(opts);
  const run = newRun(plan, subjects.length, errors, opts);
  for (let i = 0; i < subjects.length; i++) {
    const budget = max - errors.length;
    const sub = inputOf(subjects[i]);
    if (compiledFor(plan, opts)) { // issue 16: a subject that cannot compete runs on the compiled engine
      const m = evaluateCompiledMember(plan, sub, opts, period?.text);
      if (m) { placeCompiled(run, i, sub, m); continue; }
    }
    const ran = await runSubject(plan, sub, rt, runOptions(opts, `subjects[${i}].`, budget, period));
    if (!ran.ok) { if (!addErrors(run, i, budget, ran.errors)) break; continue; }
    await place(run, i, ran.state, rt);
  }
  return run;
}

/** A compiled member joins its cohort (place() for a finished result): ranked by the book. A
 * competitor's provisional result waits in `results` for the quota phase (quotaPhase). */
function placeCompiled(run: Run, i: number, sub: SubjectInput, m: CompiledMember): void {
  if (run.errors.length || run.keyError) return; // the batch fails anyway
  let joined: ReturnType<CohortBook['join']>;
  try {
    joined = run.book.join({ index: i, id: sub.id, key: m.key, rankValue: m.rankValue, allowed: m.allowed, tableKey: m.tableKey, probe: m.probe });
  } catch (err) { run.keyError = { err }; return; }
  if (joined.member) { run.members.push(joined.member); run.results[i] = m.result as CohortMemberResult; return; }
  if (run.finishError) return;
  m.result.rank = joined.rank;
  run.results[i] = m.result as CohortMemberResult;
}

/** A subject with its allowed grade joins its cohort; one that cannot compete is finished now. */
async function place(run: Run, i: number, st: SubjectState, rt: RulesRuntime): Promise<void> {
  if (run.errors.length || run.keyError) return; // the batch fails anyway: only collect the errors
  let added: ReturnType<CohortBook['add']>;
  try { added = run.book.add(i, st); } catch (err) { run.keyError = { err }; return; }
  const { key, rank, member } = added;
  if (member) { run.members.push(member); return; }
  if (run.finishError) return;
  try {
    run.results[i] = await finish(st, { grade: st.allowed, provisional: false, quotas: [], cohort: key, rank }, rt);
  } catch (err) { run.finishError = { index: i, err }; }
}

// A scheme with cohort aggregates (issue 13) runs the batch in phases, each over every subject:
// (1) validate each subject and read the X of the aggregates that need no result name, then their
// values per scope; only each subject's seat (its index and cohort key) is kept: the main run
// validates again, which costs less than 100,000 validated inputs kept alive for the GC (bench
// cohort-rules); (2) each subject's main run up to its score; (3) the X of the aggregates over
// score/base/…, their values; (4) each subject's candidate grade and restrictions, then as runAll.
// Without aggregates over score, (2) grades and places each subject at once, as runAll does; with
// them every subject's state lives until (4). A failure in a phase fails the batch after that
// phase, with every subject's problems of that phase.
async function runStaged(plan: Plan, subjects: SubjectInput[], rt: RulesRuntime, opts: EvalOptions | undefined, errors: EvalError[], period?: Period): Promise<Run> {
  const max = maxErrorsOf(opts);
  const run = newRun(plan, subjects.length, errors, opts);
  const pre = slotsOf(plan, 'pre'), post = slotsOf(plan, 'post');
  const seats: CohortSeat[] = run.seats = [];
  const members: AggMember[] = [];
  const values = new CohortValues();
  // (1) validation, the seats and the 'pre' arguments, then their values
  let anyCtx = seatAll(plan, subjects, opts, run, { pre, seats, members, values }, period);
  if (errors.length || !members.length) return run;
  const ctxOf = (i: number) => { // a percentile's P is a constant read from any subject's context
    const checked = prepareSubject(plan, inputOf(subjects[i]), runOptions(opts, '', Infinity, period));
    return checked.ok ? contextOf(plan, checked.prepared, { lang: opts?.lang, period }) : undefined;
  };
  values.add(pre, members, anyCtx ??= ctxOf(0)!);
  if (!post.length) members.length = 0; // nothing reads them again
  // (2) every subject up to its score; without aggregates over score, graded and placed at once (the
  // memory path of runAll: a subject that cannot compete is finished and its state dropped)
  const states: (SubjectState | null | undefined)[] = []; // null: its post arguments came from the program
  for (let i = 0; i < subjects.length; i++) {
    const budget = max - errors.length;
    const sub = inputOf(subjects[i]);
    const C = compiledFor(plan, opts) ? seatValues(plan, seats[i], post.length > 0) : undefined;
    if (C && post.length) {
      const xs = compiledPost(plan, sub, period?.text, C);
      if (xs) { members[i].xs = xs; states.push(null); continue; }
    } else if (C) {
      const m = evaluateCompiledMember(plan, sub, opts, period?.text, C);
      if (m) { placeCompiled(run, i, sub, m); continue; }
    }
    const ran = await runSubject(plan, sub, rt, { ...runOptions(opts, `subjects[${i}].`, budget, period), seat: seats[i], ungraded: post.length > 0 });
    if (!ran.ok) { if (!addErrors(run, i, budget, ran.errors)) break; continue; }
    if (post.length) states.push(ran.state); else await place(run, i, ran.state, rt);
  }
  if (errors.length || !post.length) return run;
  // (3) the aggregates over score, base, rewards, deductions
  for (let i = 0; i < states.length; i++) {
    const st = states[i];
    if (!st) continue;
    try { members[i].xs = argValues(plan, post, st.subject); } catch (err) {
      if (!addErrors(run, i, max - errors.length, [subjectError(err, i, st.id)])) break;
    }
  }
  if (errors.length) return run;
  values.add(post, members, anyCtx);
  members.length = 0;
  // (4) grades, then each subject joins its cohort as in runAll (a subject whose post arguments the
  // program gave: on the program with every value, or on the closures if it bails there)
  for (let i = 0; i < states.length; i++) {
    const st = states[i];
    states[i] = undefined;
    if (st === null) {
      const sub = inputOf(subjects[i]), C = seatValues(plan, seats[i]);
      const m = C && evaluateCompiledMember(plan, sub, opts, period?.text, C);
      if (m) { placeCompiled(run, i, sub, m); continue; }
      const ran = await runSubject(plan, sub, rt, { ...runOptions(opts, `subjects[${i}].`, max - errors.length, period), seat: seats[i] });
      if (!ran.ok) { if (!addErrors(run, i, max - errors.length, ran.errors)) break; continue; }
      await place(run, i, ran.state, rt);
      continue;
    }
    if (!st) continue; // never: every other subject kept its state
    try { gradeSubject(st); } catch (err) {
      if (!addErrors(run, i, max - errors.length, [subjectError(err, i, st.id)])) break;
      continue;
    }
    await place(run, i, st, rt);
  }
  return run;
}

/** Phase (1) of runStaged: each subject validated, its seat (cohort key) and its X of the 'pre'
 * aggregates (issue 16: on the compiled program when it takes the subject, else on the closures, with
 * the same values: engine/codegen/cohort-aggs.ts); the problems into run.errors. Answers a context
 * of a subject the closures read, if any (the values' constants are read from one). */
function seatAll(
  plan: Plan, subjects: SubjectInput[], opts: EvalOptions | undefined, run: Run,
  { pre, seats, members, values }: { pre: ReturnType<typeof slotsOf>; seats: CohortSeat[]; members: AggMember[]; values: CohortValues }, period?: Period,
): Ctx | undefined {
  const max = maxErrorsOf(opts), errors = run.errors;
  let anyCtx: Ctx | undefined;
  for (let i = 0; i < subjects.length; i++) {
    const budget = max - errors.length;
    const m = compiledFor(plan, opts) ? compiledPre(plan, inputOf(subjects[i]), period?.text) : undefined;
    if (m) { if (!errors.length) { seats.push({ values, index: members.length, key: m.key }); members.push(m); } continue; }
    const checked = prepareSubject(plan, inputOf(subjects[i]), runOptions(opts, `subjects[${i}].`, budget, period));
    if (!checked.ok) { if (!addErrors(run, i, budget, checked.errors)) break; continue; }
    if (errors.length) continue;
    const ctx = contextOf(plan, checked.prepared, { lang: opts?.lang, period }); // dropped after: the main run makes its own
    anyCtx ??= ctx;
    try {
      const key = cohortKey(plan, { subject: ctx });
      seats.push({ values, index: members.length, key });
      members.push({ key, xs: argValues(plan, pre, ctx) });
    } catch (err) {
      if (!addErrors(run, i, budget, [subjectError(err, i, ctx.id)])) break;
    }
  }
  return anyCtx;
}

/** The quotas per cohort, then the competitors' results in input order. */
async function quotaPhase(plan: Plan, run: Run, rt: RulesRuntime, subjects: SubjectInput[], opts: EvalOptions | undefined, period?: Period): Promise<EvalOutcome<CohortResult>> {
  const settled = run.book.settle(); // ranks everyone, then the quotas at every scope
  for (const m of run.members) { // in input order
    if (run.finishError && run.finishError.index < m.index) break;
    const fin = { grade: m.grade, provisional: false, quotas: m.quotas, cohort: m.key, rank: m.rank, flags: m.flags };
    run.results[m.index] = m.state ? await finish(m.state, fin, rt) : await finishCompiled(plan, run, m, rt, inputOf(subjects[m.index]), opts, period);
  }
  if (run.finishError) return { ok: false, errors: [toEvalError(run.finishError.err)] };
  const scheme = { id: plan.id, version: plan.version ?? null, hash: plan.hash };
  const value: CohortResult = { scheme, ...(period ? { period: period.text } : {}), results: run.results, cohorts: settled.cohorts,
    ...(settled.overall ? { overall: settled.overall } : {}) };
  return { ok: true, value };
}

/** A competitor the compiled engine ran, finished (issue 16): kept at its allowed grade, its
 * provisional result made final; demoted, evaluated again with its final grade — on the closures
 * when the program bails. */
async function finishCompiled(plan: Plan, run: Run, m: Contender, rt: RulesRuntime, sub: SubjectInput, opts: EvalOptions | undefined, period?: Period): Promise<CohortMemberResult> {
  const lang = opts?.lang ?? 'en';
  const fin = finalOf(m, lang);
  const provisional = run.results[m.index];
  if (provisional.grade === (m.grade?.name ?? null)) return keepResult(provisional, fin) as CohortMemberResult;
  const seat = run.seats?.[m.index];
  const done = finishCompiledMember(plan, sub, opts, period?.text, fin, seat && seatValues(plan, seat));
  if (done) return done as CohortMemberResult;
  const ran = await runSubject(plan, sub, rt, { ...runOptions(opts, `subjects[${m.index}].`, Infinity, period), seat });
  if (!ran.ok) throw new Error(`subject ${m.id} evaluated differently the second time`);
  return finish(ran.state, { grade: m.grade, provisional: false, quotas: m.quotas, cohort: m.key, rank: m.rank, flags: m.flags }, rt);
}

export async function evaluateCohortPlan(plan: Plan, subjects: SubjectInput[], opts?: EvalOptions): Promise<EvalOutcome<CohortResult>> {
  const rt = await runtimeFor(opts);
  if (!('matchLists' in rt)) return { ok: false, errors: [rt] };
  if (!Array.isArray(subjects)) return { ok: false, errors: [evalError('KH-E008', M.subjectsNotList(), { path: 'subjects' })] };
  const p = resolvePeriod(plan, opts?.period);
  if ('error' in p) return { ok: false, errors: [p.error] };
  const ids = checkIds(subjects, maxErrorsOf(opts));
  if (ids.stoppedAt !== undefined) return { ok: false, errors: [...ids.errors, stoppedAt(`subjects[${ids.stoppedAt}]`)] };
  const run = await (comparesWithCohort(plan) ? runStaged : runAll)(plan, subjects, rt, opts, ids.errors, p.period);
  if (run.errors.length) return { ok: false, errors: run.errors };
  if (run.keyError) return { ok: false, errors: [toEvalError(run.keyError.err)] };
  try {
    return await quotaPhase(plan, run, rt, subjects, opts, p.period);
  } catch (err) {
    return { ok: false, errors: [toEvalError(err)] };
  }
}
