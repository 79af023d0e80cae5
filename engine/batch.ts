// Evaluating compiled plans: one subject alone (its grade provisional when that grade has a quota)
// or a cohort (all or nothing: any invalid input or evaluation error fails the batch, reporting every
// problem; then the cohort phase and outcomes). Works on a Plan, so it needs no parser or checker.
// A cohort runs in phases: ids (checkIds), each subject up to its allowed grade (runAll), the quotas
// per cohort and the competitors' results (quotaPhase).

import type {
  CohortMemberResult, CohortResult, EvalError, EvalOptions, EvalOutcome, SubjectInput, SubjectResult,
} from './api.js';
import { applyQuotas, cohortKey, competes, type CohortCounts, type Member } from './cohort.js';
import { evalError, toEvalError } from './errors.js';
import { M } from './messages.js';
import { finish } from './outcome.js';
import { resolvePeriod } from './period.js';
import type { Period } from '../dsl/dates.js';
import type { Plan } from './plan.js';
import { isPromise, type MaybePromise, type RulesRuntime } from './rules.js';
import { runSubject, runtimeFor, stoppedAt, type Ran, type RunOptions } from './run.js';

const maxErrorsOf = (opts?: EvalOptions): number => Math.max(0, opts?.maxErrors ?? Infinity);

/** The options of one subject's run, from the evaluation's. */
const runOptions = (opts: EvalOptions | undefined, at: string, maxErrors: number, period?: Period): RunOptions =>
  ({ explain: !!opts?.explain, lang: opts?.lang, at, maxErrors, period });

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
  const p = resolvePeriod(plan, opts?.period);
  if ('error' in p) return { ok: false, errors: [p.error] };
  const ran = runSubject(plan, subject, rt, runOptions(opts, '', maxErrorsOf(opts), p.period));
  return isPromise(ran) ? ran.then((r) => finishOne(r, subject, rt)) : finishOne(ran, subject, rt);
}

function finishOne(ran: Ran, subject: SubjectInput, rt: RulesRuntime): MaybePromise<EvalOutcome<SubjectResult>> {
  if (!ran.ok) return ran;
  const failed = (err: unknown): EvalOutcome<SubjectResult> => ({ ok: false, errors: [{ ...toEvalError(err), subject: subject.id }] });
  const done = (value: SubjectResult): EvalOutcome<SubjectResult> => ({ ok: true, value });
  try {
    const g = ran.state.allowed;
    const result = finish(ran.state, { grade: g, provisional: !!g?.quota }, rt);
    return isPromise(result) ? result.then(done, failed) : done(result);
  } catch (err) {
    return failed(err);
  }
}

/** Every subject needs a text id, unique in the cohort. `stoppedAt`: the subject whose id problem
 * went past `max`. */
function checkIds(subjects: SubjectInput[], max: number): { errors: EvalError[]; stoppedAt?: number } {
  const errors: EvalError[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < subjects.length; i++) {
    const id = subjects[i]?.id;
    const bad = typeof id !== 'string' || id === '' || seen.has(id);
    if (errors.length === max && bad) return { errors, stoppedAt: i };
    const at = `subjects[${i}]`, path = `${at}.id`;
    if (typeof id !== 'string' || id === '') errors.push(evalError('KH-E008', M.subjectNeedsId({ at }), { path }));
    else if (seen.has(id)) errors.push(evalError('KH-E008', M.duplicateId({ at, id }), { path, subject: id }));
    else seen.add(id);
  }
  return { errors };
}

interface Cohort { counts: CohortCounts; members: Member[] }

/** What running every subject left: the cohorts with their competitors, the finished results of
 * everyone else, and the first errors that fail the batch. */
interface Run {
  errors: EvalError[];
  cohorts: Map<string, Cohort>;
  results: CohortMemberResult[];
  keyError?: { err: unknown };
  finishError?: { index: number; err: unknown };
}

// Memory: a subject that cannot compete for a quota grade has its final grade now, so it is finished
// right away and its evaluation state dropped; only competitors keep theirs for the quota phase.
// Errors keep the order of the all-at-once pipeline (every key, then quotas, then finish in input
// order): a key error outranks any finish error; the lowest-index finish error outranks later ones.
async function runAll(plan: Plan, subjects: SubjectInput[], rt: RulesRuntime, opts: EvalOptions | undefined, errors: EvalError[], period?: Period): Promise<Run> {
  const max = maxErrorsOf(opts);
  const run: Run = { errors, cohorts: new Map(), results: new Array(subjects.length) };
  for (let i = 0; i < subjects.length; i++) {
    const sub = subjects[i];
    const budget = max - errors.length;
    const subject = { id: String(sub?.id ?? ''), input: sub?.input, display: sub?.display };
    const ran = await runSubject(plan, subject, rt, runOptions(opts, `subjects[${i}].`, budget, period));
    if (!ran.ok) {
      // Full already: this subject's problems are the "more" that KH-E009 announces.
      if (budget === 0) { errors.push(stoppedAt(`subjects[${i}]`)); break; }
      errors.push(...ran.errors);
      if (ran.errors[ran.errors.length - 1].code === 'KH-E009') break;
      continue;
    }
    if (errors.length || run.keyError) continue; // the batch fails anyway: only collect the errors
    const st = ran.state;
    let key: string;
    try { key = cohortKey(plan, st); } catch (err) { run.keyError = { err }; continue; }
    let c = run.cohorts.get(key);
    if (!c) { c = { counts: { size: 0, graded: 0, fixed: {} }, members: [] }; run.cohorts.set(key, c); }
    c.counts.size++;
    if (st.allowed !== null) c.counts.graded++;
    if (competes(st.allowed)) { c.members.push({ index: i, state: st, key, grade: st.allowed, quotas: [] }); continue; }
    const g = st.allowed ? st.allowed.name : 'none';
    c.counts.fixed[g] = (c.counts.fixed[g] ?? 0) + 1;
    if (run.finishError) continue;
    try {
      run.results[i] = await finish(st, { grade: st.allowed, provisional: false, quotas: [], cohort: key }, rt);
    } catch (err) { run.finishError = { index: i, err }; }
  }
  return run;
}

/** The quotas per cohort, then the competitors' results in input order. */
async function quotaPhase(plan: Plan, run: Run, rt: RulesRuntime, period?: Period): Promise<EvalOutcome<CohortResult>> {
  const summaries = [...run.cohorts].map(([key, c]) => applyQuotas(plan, key, c.members, c.counts));
  const competing = [...run.cohorts.values()].flatMap((c) => c.members).sort((a, b) => a.index - b.index);
  for (const m of competing) {
    if (run.finishError && run.finishError.index < m.index) break;
    run.results[m.index] = await finish(m.state, { grade: m.grade, provisional: false, quotas: m.quotas, cohort: m.key }, rt);
  }
  if (run.finishError) return { ok: false, errors: [toEvalError(run.finishError.err)] };
  const scheme = { id: plan.id, version: plan.version ?? null, hash: plan.hash };
  const value: CohortResult = { scheme, ...(period ? { period: period.text } : {}), results: run.results, cohorts: summaries };
  return { ok: true, value };
}

export async function evaluateCohortPlan(plan: Plan, subjects: SubjectInput[], opts?: EvalOptions): Promise<EvalOutcome<CohortResult>> {
  const rt = await runtimeFor(opts);
  if (!('matchLists' in rt)) return { ok: false, errors: [rt] };
  if (!Array.isArray(subjects)) return { ok: false, errors: [evalError('KH-E008', M.subjectsNotList(), { path: 'subjects' })] };
  const p = resolvePeriod(plan, opts?.period);
  if ('error' in p) return { ok: false, errors: [p.error] };
  const ids = checkIds(subjects, maxErrorsOf(opts));
  if (ids.stoppedAt !== undefined) return { ok: false, errors: [...ids.errors, stoppedAt(`subjects[${ids.stoppedAt}]`)] };
  const run = await runAll(plan, subjects, rt, opts, ids.errors, p.period);
  if (run.errors.length) return { ok: false, errors: run.errors };
  if (run.keyError) return { ok: false, errors: [toEvalError(run.keyError.err)] };
  try {
    return await quotaPhase(plan, run, rt, p.period);
  } catch (err) {
    return { ok: false, errors: [toEvalError(err)] };
  }
}
