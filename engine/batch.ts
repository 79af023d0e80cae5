// Evaluating compiled plans: one subject alone (its grade provisional when that grade has a quota)
// or a cohort (all or nothing: any invalid input or evaluation error fails the batch, reporting every
// problem; then the cohort phase and outcomes). Works on a Plan, so it needs no parser or checker.

import type { CohortResult, EvalError, EvalOptions, EvalOutcome, SubjectInput, SubjectResult } from './api.js';
import { applyQuotas, cohortKey, type CohortSummary, type Member } from './cohort.js';
import { toEvalError } from './errors.js';
import { finish } from './outcome.js';
import type { Plan } from './plan.js';
import { runSubject, runtimeFor } from './run.js';

export async function evaluatePlan(plan: Plan, subject: SubjectInput, opts?: EvalOptions): Promise<EvalOutcome<SubjectResult>> {
  const rt = await runtimeFor(opts);
  if (!('matchLists' in rt)) return { ok: false, errors: [rt] };
  if (!subject || typeof subject !== 'object') return { ok: false, errors: [{ code: 'KH-E008', message: 'expected {"id", "input"}' }] };
  const ran = await runSubject(plan, subject, rt, !!opts?.explain);
  if (!ran.ok) return ran;
  try {
    const g = ran.state.allowed;
    return { ok: true, value: await finish(ran.state, { grade: g, provisional: !!g?.quota }, rt) };
  } catch (err) {
    return { ok: false, errors: [{ ...toEvalError(err), subject: subject.id }] };
  }
}

export async function evaluateCohortPlan(plan: Plan, subjects: SubjectInput[], opts?: EvalOptions): Promise<EvalOutcome<CohortResult>> {
  const rt = await runtimeFor(opts);
  if (!('matchLists' in rt)) return { ok: false, errors: [rt] };
  if (!Array.isArray(subjects)) return { ok: false, errors: [{ code: 'KH-E008', path: 'subjects', message: 'subjects must be a list' }] };
  const errors: EvalError[] = [];
  const seen = new Set<string>();
  subjects.forEach((sub, i) => {
    const id = sub?.id;
    if (typeof id !== 'string' || id === '') errors.push({ code: 'KH-E008', path: `subjects[${i}].id`, message: `subjects[${i}]: a subject needs a text id` });
    else if (seen.has(id)) errors.push({ code: 'KH-E008', path: `subjects[${i}].id`, subject: id, message: `subjects[${i}]: duplicate id ${id}` });
    else seen.add(id);
  });
  const members: Member[] = [];
  for (let i = 0; i < subjects.length; i++) {
    const sub = subjects[i];
    const ran = await runSubject(plan, { id: String(sub?.id ?? ''), input: sub?.input }, rt, !!opts?.explain, `subjects[${i}].input.`);
    if (!ran.ok) { errors.push(...ran.errors); continue; }
    members.push({ index: i, state: ran.state, key: '', grade: ran.state.allowed, quotas: [] });
  }
  if (errors.length) return { ok: false, errors };

  try {
    const byKey = new Map<string, Member[]>();
    for (const m of members) {
      m.key = cohortKey(plan, m.state);
      const list = byKey.get(m.key) ?? [];
      list.push(m);
      byKey.set(m.key, list);
    }
    const cohorts: CohortSummary[] = [...byKey].map(([key, ms]) => applyQuotas(plan, key, ms));
    const results: SubjectResult[] = [];
    for (const m of members) {
      results.push(await finish(m.state, { grade: m.grade, provisional: false, quotas: m.quotas, cohort: m.key }, rt));
    }
    return {
      ok: true,
      value: { scheme: { id: plan.id, version: plan.version ?? null, hash: plan.hash }, results, cohorts: cohorts as unknown as Record<string, unknown>[] },
    };
  } catch (err) {
    return { ok: false, errors: [toEvalError(err)] };
  }
}
