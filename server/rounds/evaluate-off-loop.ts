// A round's cohort evaluated in a language worker, for a version longer than the event loop
// prepares (version-scheme.ts; hostile H5 F9 for the rounds, issue 16 session 6) and for a cohort of
// at least limits.cohortOffLoopSubjects whatever the version (hostile H6 F5: evaluate.ts): the subjects and
// options go as they are (structured clone), the worker prepares the version — kept in its cache
// since the view was asked — evaluates within the cohort budget and makes the revision's statistics
// facts; the event loop only stores. The same outcome, result and facts as evaluated on the loop
// (test/server/rounds-off-loop.test.ts compares them byte for byte).

import type { CohortResult, EvalOptions, EvalOutcome, SubjectInput } from '../../engine/api.js';
import type { ServerCtx } from '../context.js';
import { cohortJobBudgetMs } from '../evaluations/cohort-job.js';
import { uncarried } from '../lang-pool/carried.js';
import { versionRefused } from '../version-errors.js';

/** A cohort's outcome, and its statistics facts given the stored result (null when they cannot be
 * made: made again on first use, server/stats/facts-store.ts). */
export interface Evaluated { outcome: EvalOutcome<CohortResult>; facts: (result: CohortResult) => string | null }

export async function inWorker(
  ctx: ServerCtx, v: { source: () => Promise<string>; hash: string; owner: number; n: number; roundId: string },
  subjects: SubjectInput[], opts: EvalOptions, units: ReadonlyMap<string, string | null>,
): Promise<Evaluated> {
  const limits = { cohortMsPerSubject: ctx.limits.cohortMsPerSubject, cohortMaxMs: ctx.limits.cohortMaxMs };
  // The budget: the cohort's, plus one language budget should the worker prepare the version again.
  const ran = await ctx.language({
    kind: 'round-cohort', source: await v.source(), hash: v.hash, owner: v.owner, subjects, opts, limits, units: [...units],
  }, cohortJobBudgetMs(subjects.length, ctx.limits));
  if ('unprepared' in ran) throw versionRefused(v.n, ran.errors);
  if ('error' in ran) uncarried(ran);
  if ('invalid' in ran) return { outcome: { ok: false, errors: ran.invalid }, facts: () => null };
  const { result, facts, factsError } = ran as Extract<typeof ran, { result: CohortResult }>;
  if (factsError !== undefined) ctx.log({ level: 'error', msg: 'revision facts not made', round: v.roundId, error: factsError });
  return { outcome: { ok: true, value: result }, facts: () => facts };
}
