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
// them more than it saves — save those of a version the event loop does not prepare (a source
// longer than limits.mainPrepareMaxChars, not in its cache: seconds of preparation, hostile H5 F9),
// which come here too, a single subject as well. The worker keeps its preparations by their measured
// size, each organization within its share (lang-pool/measured.ts, prepared.ts). Storing stays on
// the main thread, after the job (writer.ts).

import type { Locale } from '../../dsl/i18n/index.js';
import type { EngineApi, EvalError, EvalOptions, PreparedScheme, SubjectInput } from '../../engine/api.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { carrying, type CarriedError } from '../lang-pool/carried.js';
import { prepared, type Unprepared } from '../lang-pool/scheme-jobs.js';
import type { Limits } from '../limits.js';
import { cohortBudgetMs, evaluateCohortWithin } from './budget.js';

export interface CohortJob {
  kind: 'cohort';
  /** The version's source and hash (the preparation's key in the worker). */
  source: string;
  hash: string;
  /** The organization asking: its share of the worker's prepared versions (prepared.ts). */
  owner?: number;
  /** The request body as sent: `{subjects, period?}`, or a single subject's. */
  text: string;
  opts: { explain: boolean; maxErrors: number; lang?: Locale; period?: string; exactValues?: boolean };
  limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs'>;
}

export type CohortRan =
  /** The result as the JSON text stored and answered. */
  | { json: string }
  /** Invalid subjects (422 on the main thread). */
  | { invalid: EvalError[] }
  /** The version does not prepare: its errors, capped (a draft is analyzed before, so rarely). */
  | Unprepared
  /** The cohort budget spent (503): server/lang-pool/carried.ts. */
  | { error: CarriedError };

/** The pool's budget of the whole job: the cohort's own budget plus the language budget. */
export const cohortJobBudgetMs = (subjects: number, limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs' | 'langBudgetMs'>) =>
  cohortBudgetMs(subjects, limits) + limits.langBudgetMs;

export async function runCohortJob(job: CohortJob, engine: EngineApi): Promise<CohortRan> {
  const scheme = prepared(engine, job);
  if ('unprepared' in scheme) return scheme;
  const body = parseJsonExact(job.text) as { subjects: SubjectInput[] } | SubjectInput;
  const { lang, period, ...rest } = job.opts;
  const opts = { ...rest, ...(lang !== undefined && { lang }), ...(period !== undefined && { period }) };
  if (!('subjects' in body)) return single(engine, scheme, body, opts);
  const ran = await carrying(() => evaluateCohortWithin(engine, scheme, body.subjects, opts, job.limits));
  if ('error' in ran) return ran;
  return ran.value.ok ? { json: JSON.stringify(ran.value.value) } : { invalid: ran.value.errors };
}

/** One subject, as the main thread evaluates it (service.ts evaluated): the compiled program's own
 * text when it answers, else the result serialized. */
async function single(engine: EngineApi, scheme: PreparedScheme, body: SubjectInput, opts: EvalOptions): Promise<CohortRan> {
  const json = engine.evaluateJson?.(scheme, body, opts);
  if (json !== undefined) return { json };
  const outcome = await engine.evaluate(scheme, body, opts);
  return outcome.ok ? { json: JSON.stringify(outcome.value) } : { invalid: outcome.errors };
}
