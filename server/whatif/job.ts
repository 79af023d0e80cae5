// The worker half of POST /api/whatif (issue 15, hostile F2): prepare the text simulated, run the
// round's inputs under it and compare (simulate/whatIf) — plain data in and out, so it runs in a
// language worker (server/lang-pool/) and not on the event loop. In-process a what-if held the
// loop for its whole evaluation: a clean text whose indicators each call a deep function chain
// kept /healthz waiting 10 s per request, 34 s for three at once. In a worker it occupies only that
// worker; the evaluation keeps the round's cohort budget (evaluations/budget.ts, checked between
// subjects, 503 `budget_exceeded` as before), and the pool stops the whole job if it overruns that
// plus the language budget (a single subject, the preparation or the comparison running away).
// The round's stored revision arrives as its texts and is parsed here, off the loop too (against.ts).

import { hasErrors, type Diagnostic } from '../../dsl/diagnostics.js';
import type { Locale } from '../../dsl/i18n/index.js';
import type { EngineApi, PreparedScheme } from '../../engine/api.js';
import { whatIf, type WhatIfOutcome } from '../../simulate/index.js';
import { evaluateCohortWithin } from '../evaluations/budget.js';
import { carrying, type CarriedError } from '../lang-pool/carried.js';
import { capDiagnostics, isError, type Diagnosed } from '../lang-pool/jobs.js';
import { limitCohort, type Limits } from '../limits.js';
import { roundAgainst, type AgainstParts } from './against.js';

export interface WhatIfJob {
  kind: 'whatif';
  /** The text simulated (already through the publish gate's checks when it is not published). */
  source: string;
  /** The round's current revision as its export shows it, the stored texts unparsed (against.ts). */
  against: AgainstParts;
  /** The source of the round's own version (the rule diff). */
  before: string;
  /** The scheme the round belongs to: a text naming another is refused. */
  scheme: string;
  lang: Locale;
  limit?: number;
  cursor?: string;
  subject?: string;
  /** The stored version's number, when one is simulated. */
  version?: number;
  maxErrors: number;
  limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs' | 'maxCohortSubjects'>;
}

export type WhatIfRan =
  | { outcome: WhatIfOutcome }
  /** The text does not prepare: its errors (capped). */
  | { invalid: Diagnosed }
  /** The text is a scheme of another name. */
  | { mismatch: string }
  /** A refusal (cohort too large, the cohort budget) as data: server/lang-pool/carried.ts. */
  | { error: CarriedError };

/** The pool's budget of the whole job: the round's cohort budget for the evaluation (checked
 * inside, between subjects) plus the language budget for the rest. */
export const whatIfBudgetMs = (ctx: { limits: Pick<Limits, 'cohortMaxMs' | 'langBudgetMs'> }) => ctx.limits.cohortMaxMs + ctx.limits.langBudgetMs;

export async function runWhatIfJob(job: WhatIfJob, engine: EngineApi): Promise<WhatIfRan> {
  const prepared = engine.prepare(job.source, '<source>');
  if (!prepared.value || hasErrors(prepared.diagnostics)) return { invalid: capDiagnostics(prepared.diagnostics.filter((d: Diagnostic) => isError(d))) };
  if (prepared.value.id !== job.scheme) return { mismatch: prepared.value.id };
  const scheme: PreparedScheme = prepared.value;
  const ran = await carrying(async () => {
    const against = roundAgainst(job.against);
    limitCohort(against.inputs.length, job.limits.maxCohortSubjects);
    const budgeted: Pick<EngineApi, 'evaluateCohort'> = { evaluateCohort: (s, subjects, o) => evaluateCohortWithin(engine, s, subjects, o ?? {}, job.limits) };
    return whatIf(budgeted, scheme, against, {
      lang: job.lang, maxErrors: job.maxErrors,
      ...(job.limit !== undefined && { limit: job.limit }), ...(job.cursor !== undefined && { cursor: job.cursor }),
      ...(job.subject !== undefined && { subject: job.subject }),
      sources: { before: { text: job.before }, after: { text: job.source } },
      ...(job.version !== undefined && { version: job.version }),
    });
  });
  return 'error' in ran ? ran : { outcome: ran.value };
}
