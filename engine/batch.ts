// Evaluating compiled plans: one subject alone (its grade provisional when that grade has a quota)
// or a cohort (all or nothing: any invalid input or evaluation error fails the batch, reporting every
// problem; then the cohort phase and outcomes). Works on a Plan, so it needs no parser or checker.

import type { CohortResult, EvalError, EvalOptions, EvalOutcome, SubjectInput, SubjectResult } from './api.js';
import { applyQuotas, cohortKey, competes, type CohortCounts, type CohortSummary, type Member } from './cohort.js';
import { toEvalError } from './errors.js';
import { finish } from './outcome.js';
import type { Plan } from './plan.js';
import { isPromise, type MaybePromise, type RulesRuntime } from './rules.js';
import { runSubject, runtimeFor, stoppedAt, type Ran } from './run.js';

const maxErrorsOf = (opts?: EvalOptions): number => Math.max(0, opts?.maxErrors ?? Infinity);

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
  if (!subject || typeof subject !== 'object') return { ok: false, errors: [{ code: 'KH-E008', message: 'expected {"id", "input"}' }] };
  const ran = runSubject(plan, subject, rt, !!opts?.explain, '', undefined, maxErrorsOf(opts));
  return isPromise(ran) ? ran.then((r) => finishOne(r, subject, rt)) : finishOne(ran, subject, rt);
}

function finishOne(ran: Ran, subject: SubjectInput, rt: RulesRuntime): MaybePromise<EvalOutcome<SubjectResult>> {
  if (!ran.ok) return ran;
  const failed = (err: unknown): EvalOutcome<SubjectResult> => ({ ok: false, errors: [{ ...toEvalError(err), subject: subject.id }] });
  try {
    const g = ran.state.allowed;
    const result = finish(ran.state, { grade: g, provisional: !!g?.quota }, rt);
    return isPromise(result) ? result.then((value) => ({ ok: true as const, value }), failed) : { ok: true, value: result };
  } catch (err) {
    return failed(err);
  }
}

export async function evaluateCohortPlan(plan: Plan, subjects: SubjectInput[], opts?: EvalOptions): Promise<EvalOutcome<CohortResult>> {
  const rt = await runtimeFor(opts);
  if (!('matchLists' in rt)) return { ok: false, errors: [rt] };
  if (!Array.isArray(subjects)) return { ok: false, errors: [{ code: 'KH-E008', path: 'subjects', message: 'subjects must be a list' }] };
  const errors: EvalError[] = [];
  const max = maxErrorsOf(opts);
  const seen = new Set<string>();
  let idsStopped: number | undefined; // the subject whose id problem went past maxErrors
  subjects.forEach((sub, i) => {
    const id = sub?.id;
    if (idsStopped !== undefined) return;
    if (errors.length === max && (typeof id !== 'string' || id === '' || seen.has(id))) { idsStopped = i; return; }
    if (typeof id !== 'string' || id === '') errors.push({ code: 'KH-E008', path: `subjects[${i}].id`, message: `subjects[${i}]: a subject needs a text id` });
    else if (seen.has(id)) errors.push({ code: 'KH-E008', path: `subjects[${i}].id`, subject: id, message: `subjects[${i}]: duplicate id ${id}` });
    else seen.add(id);
  });
  if (idsStopped !== undefined) return { ok: false, errors: [...errors, stoppedAt(`subjects[${idsStopped}]`)] };
  // Memory: a subject that cannot compete for a quota grade has its final grade now, so it is finished
  // right away and its evaluation state dropped; only competitors keep theirs for the quota phase.
  // Errors keep the order of the all-at-once pipeline (every key, then quotas, then finish in input
  // order): a key error outranks any finish error; the lowest-index finish error outranks later ones.
  const cohorts = new Map<string, { counts: CohortCounts; members: Member[] }>();
  const results: SubjectResult[] = new Array(subjects.length);
  let keyError: { err: unknown } | undefined;
  let finishError: { index: number; err: unknown } | undefined;
  for (let i = 0; i < subjects.length; i++) {
    const sub = subjects[i];
    const budget = max - errors.length;
    const ran = await runSubject(plan, { id: String(sub?.id ?? ''), input: sub?.input }, rt, !!opts?.explain, `subjects[${i}].input.`, undefined, budget);
    if (!ran.ok) {
      // Full already: this subject's problems are the "more" that KH-E009 announces.
      if (budget === 0) { errors.push(stoppedAt(`subjects[${i}]`)); break; }
      errors.push(...ran.errors);
      if (ran.errors[ran.errors.length - 1].code === 'KH-E009') break;
      continue;
    }
    if (errors.length || keyError) continue; // the batch fails anyway: only collect the errors
    const st = ran.state;
    let key: string;
    try { key = cohortKey(plan, st); } catch (err) { keyError = { err }; continue; }
    let c = cohorts.get(key);
    if (!c) { c = { counts: { size: 0, graded: 0, fixed: {} }, members: [] }; cohorts.set(key, c); }
    c.counts.size++;
    if (st.allowed !== null) c.counts.graded++;
    if (competes(st.allowed)) { c.members.push({ index: i, state: st, key, grade: st.allowed, quotas: [] }); continue; }
    const g = st.allowed ? st.allowed.name : 'none';
    c.counts.fixed[g] = (c.counts.fixed[g] ?? 0) + 1;
    if (finishError) continue;
    try {
      results[i] = await finish(st, { grade: st.allowed, provisional: false, quotas: [], cohort: key }, rt);
    } catch (err) { finishError = { index: i, err }; }
  }
  if (errors.length) return { ok: false, errors };
  if (keyError) return { ok: false, errors: [toEvalError(keyError.err)] };

  try {
    const summaries: CohortSummary[] = [...cohorts].map(([key, c]) => applyQuotas(plan, key, c.members, c.counts));
    const competing = [...cohorts.values()].flatMap((c) => c.members).sort((a, b) => a.index - b.index);
    for (const m of competing) {
      if (finishError && finishError.index < m.index) break;
      results[m.index] = await finish(m.state, { grade: m.grade, provisional: false, quotas: m.quotas, cohort: m.key }, rt);
    }
    if (finishError) return { ok: false, errors: [toEvalError(finishError.err)] };
    return {
      ok: true,
      value: { scheme: { id: plan.id, version: plan.version ?? null, hash: plan.hash }, results, cohorts: summaries as unknown as Record<string, unknown>[] },
    };
  } catch (err) {
    return { ok: false, errors: [toEvalError(err)] };
  }
}
