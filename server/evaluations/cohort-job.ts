// The worker half of a big cohort's evaluation (hostile F14, issue 16). In-process, a 2 MiB cohort
// held the event loop for its whole budget (up to 10 s): /healthz waited, and keep-alive clients
// whose next request arrived meanwhile were reset. A cohort of at least `cohortOffLoopSubjects`
// subjects is evaluated here instead, in a language worker (server/lang-pool/), as plain data: the
// version's source and hash in (the worker prepares it once per hash and keeps a few), the body's
// text in (parsed here exactly as the request reader parses it, engine/json-exact.ts, so numbers
// stay as written), and the result's JSON text out — the very text the main thread would have
// made and stored. The cohort budget is checked between subjects as in-process (budget.ts); the
// pool also stops the whole job at that budget plus the language budget (a runaway subject, the
// preparation). Smaller cohorts and single subjects stay in-process: a worker round trip would cost
// them more than it saves. Storing stays on the main thread, after the job (writer.ts).

import type { Locale } from '../../dsl/i18n/index.js';
import type { EngineApi, EvalError, PreparedScheme, SubjectInput } from '../../engine/api.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { carrying, type CarriedError } from '../lang-pool/carried.js';
import type { Limits } from '../limits.js';
import { cohortBudgetMs, evaluateCohortWithin } from './budget.js';

export interface CohortJob {
  kind: 'cohort';
  /** The version's source and hash (the preparation's key in the worker). */
  source: string;
  hash: string;
  /** The request body as sent: `{subjects, period?}`. */
  text: string;
  opts: { explain: boolean; maxErrors: number; lang?: Locale; period?: string };
  limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs'>;
}

export type CohortRan =
  /** The result as the JSON text stored and answered. */
  | { json: string }
  /** Invalid subjects (422 on the main thread). */
  | { invalid: EvalError[] }
  /** The version does not prepare (the main thread checked it first: a bug or a changed engine). */
  | { unprepared: true }
  /** The cohort budget spent (503): server/lang-pool/carried.ts. */
  | { error: CarriedError };

/** The pool's budget of the whole job: the cohort's own budget plus the language budget. */
export const cohortJobBudgetMs = (subjects: number, limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs' | 'langBudgetMs'>) =>
  cohortBudgetMs(subjects, limits) + limits.langBudgetMs;

/** Prepared versions kept per engine (a worker has one; in-process runners may inject several). */
const KEPT = 4;
const preparedBy = new WeakMap<EngineApi, Map<string, PreparedScheme | undefined>>();

function preparedIn(engine: EngineApi, source: string, hash: string): PreparedScheme | undefined {
  let kept = preparedBy.get(engine);
  if (!kept) preparedBy.set(engine, (kept = new Map()));
  if (kept.has(hash)) {
    const p = kept.get(hash);
    kept.delete(hash);
    kept.set(hash, p); // most recently used last
    return p;
  }
  const prepared = engine.prepare(source, '<source>');
  const value = prepared.value && !prepared.diagnostics.some((d) => d.severity === 'error') ? prepared.value : undefined;
  kept.set(hash, value);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  return value;
}

export async function runCohortJob(job: CohortJob, engine: EngineApi): Promise<CohortRan> {
  const scheme = preparedIn(engine, job.source, job.hash);
  if (!scheme) return { unprepared: true };
  const body = parseJsonExact(job.text) as { subjects: SubjectInput[] };
  const { lang, period, ...rest } = job.opts;
  const opts = { ...rest, ...(lang !== undefined && { lang }), ...(period !== undefined && { period }) };
  const ran = await carrying(() => evaluateCohortWithin(engine, scheme, body.subjects, opts, job.limits));
  if ('error' in ran) return ran;
  return ran.value.ok ? { json: JSON.stringify(ran.value.value) } : { invalid: ran.value.errors };
}
