// The time budget of a cohort evaluation. Evaluate runs in-process (it needs the compiled closures
// of a PreparedScheme) and synchronously: a 2 MiB cohort for the 10,000-indicator scheme is ≈30,000
// subjects at ≈33 ms each — a quarter of an hour with every other request waiting, and a result
// of ≈10 GB. The budget grows with the cohort (`cohortMsPerSubject` a subject, never below
// COHORT_MIN_MS) up to `cohortMaxMs`; a cohort that overruns it answers 503 `budget_exceeded` and
// nothing is stored.
//
// The engine takes no deadline, so the budget is enforced where the engine reads the cohort: it
// reads `subjects[i]` once before evaluating subject i, and the array it gets is a Proxy that checks
// the clock on every index read and throws once the budget is spent. Evaluation thus stops between
// two subjects, at most one subject's time late. Whatever the engine does after the last read
// (quotas, finishing the competitors) is covered by the check after it returns.

import type { CohortResult, EngineApi, EvalOptions, EvalOutcome, PreparedScheme, SubjectInput } from '../../engine/api.js';
import type { Limits } from '../limits.js';
import { budgetExceeded } from '../limits.js';
import { said } from '../errors.js';
import { M } from '../messages.js';

/** The least budget of any cohort: one subject of the largest scheme can take 70 ms, more while
 * the code is cold, and a small cohort should not be refused for a collection pause. */
export const COHORT_MIN_MS = 1000;

/** The `Retry-After` of POST evaluate's 503 `budget_exceeded` (service.ts): a cohort overruns when
 * the server is busy (user trial U7-17: 1 in 19 near-10,000 requests at load 27, the same sizes then
 * passing), so a retry is worth making once the burst has passed — three budgets later. */
export const OVERRUN_RETRY_S = 30;

export const cohortBudgetMs = (subjects: number, limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs'>) =>
  Math.min(limits.cohortMaxMs, Math.max(COHORT_MIN_MS, subjects * limits.cohortMsPerSubject));

/** A watch over one cohort's evaluation: `subjects` to hand to the engine, `check()` after it. */
export interface CohortWatch<T> { subjects: T[]; check(): void }

export function watchCohort<T>(subjects: T[], limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs'>): CohortWatch<T> {
  const budgetMs = cohortBudgetMs(subjects.length, limits);
  const start = performance.now();
  const check = () => {
    if (performance.now() - start <= budgetMs) return;
    const ms = Math.round(budgetMs);
    throw budgetExceeded(M.cohortOverran({ subjects: subjects.length, ms }), [
      { path: 'subjects', ...said(M.atMostMs({ ms })), budgetMs: ms, subjects: subjects.length },
    ]);
  };
  const isIndex = (key: string | symbol) => typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57;
  const watched = new Proxy(subjects, {
    get(target, key, receiver) {
      if (isIndex(key)) check();
      return Reflect.get(target, key, receiver);
    },
  });
  return { subjects: watched, check };
}

/** `engine.evaluateCohort` within the cohort's budget. */
export async function evaluateCohortWithin(
  engine: EngineApi, s: PreparedScheme, subjects: SubjectInput[], opts: EvalOptions, limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs'>,
): Promise<EvalOutcome<CohortResult>> {
  const watch = watchCohort(subjects, limits);
  const outcome = await engine.evaluateCohort(s, watch.subjects, opts);
  watch.check();
  return outcome;
}
