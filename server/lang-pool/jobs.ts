// The language work of the tool and scheme routes as plain-data jobs: analyze (check, create,
// draft), format, examples (the examples route and the publish gate); and the heavy pure work of
// issue 15's routes — the scheme in words, a what-if, a paper, the statistics workbook — which held
// the event loop for seconds. Plain data in and out, so a
// job runs the same in a worker thread (pool.ts) or in-process (an injected LanguageApi or engine,
// `langWorkers: 0`). Every list is capped here, where it is made: 900,000 diagnostics would
// otherwise be copied to the main thread (structured clone) only to be cut there.

import type { Diagnostic } from '../../dsl/diagnostics.js';
import type { EngineApi, ExampleOutcome } from '../../engine/api.js';
import type { KeywordLang, LanguageApi } from '../deps.js';
import { capList, withOmitted } from '../limits.js';
import type { Locale } from '../../dsl/i18n/index.js';
import type { Documented } from '../schemes/document-job.js';
import type { WhatIfJob, WhatIfRan } from '../whatif/job.js';
import type { Paper, PaperJob } from '../reports/job.js';
import type { PaperSchemeJob, PaperSchemeMade } from '../reports/paper-scheme.js';
import type { CohortJob, CohortRan } from '../evaluations/cohort-job.js';
import type { Statistics } from '../../analytics/types.js';
import type { InputSchemaJob, InputSchemaMade, PartsValidated, RevisionFactsJob, RevisionFactsMade, RoundCohortJob, RoundCohortRan, SchemeViewed, SchemeViewJob, ValidatePartsJob } from './scheme-jobs.js';

/** Whose turn a job takes in the pool's queue (pool.ts): the organization it is done for. Every
 * route sets it, so that one organization's jobs cannot starve another's (hostile audit H6 F4). */
export interface JobOwner { owner?: number }

export type Job = JobOwner & (
  | { kind: 'analyze'; source: string }
  | { kind: 'format'; source: string; keywords?: KeywordLang }
  | { kind: 'examples'; source: string }
  /** The scheme in plain words (issue 15; server/schemes/document-job.ts). */
  | { kind: 'document'; source: string; lang: Locale; revision?: number | 'draft' }
  /** 发布前模拟 and the papers of a round, off the event loop (issue 15, server/whatif/job.ts, server/reports/job.ts). */
  | WhatIfJob
  | PaperJob
  /** What the papers read of a version the event loop does not prepare (server/reports/paper-scheme.ts). */
  | PaperSchemeJob
  /** A big cohort's evaluation, off the event loop (hostile F14: server/evaluations/cohort-job.ts). */
  | CohortJob
  /** GET /api/statistics as a workbook (server/stats/xlsx.ts). */
  | { kind: 'statistics-xlsx'; stats: Statistics; lang: Locale }
  /** A stored version longer than the event loop prepares: its plain view, a round's cohort (scheme-jobs.ts). */
  | SchemeViewJob
  | ValidatePartsJob
  | RoundCohortJob
  /** A revision's statistics facts from its stored result (server/stats/facts-store.ts). */
  | RevisionFactsJob
  /** A version's input contract as a JSON Schema (user trial U7-20, scheme-jobs.ts). */
  | InputSchemaJob);

/** Diagnostics capped to MAX_LISTED, errors first; `omitted` counts the rest. */
export interface Diagnosed { diagnostics: Diagnostic[]; omitted: number }

export interface Analyzed extends Diagnosed { schemeName?: string }
export interface Formatted extends Diagnosed { source?: string }
/** `examples` is absent when the source does not prepare (it has errors); `failing` counts the
 * failing examples, listed or not. */
export interface Examined extends Diagnosed { examples?: CappedOutcome[]; examplesOmitted: number; failing: number }
export type CappedOutcome = ExampleOutcome & { omitted?: number };

export interface JobResults { analyze: Analyzed; format: Formatted; examples: Examined; document: Documented; whatif: WhatIfRan; paper: Paper; 'paper-scheme': PaperSchemeMade; cohort: CohortRan; 'statistics-xlsx': Uint8Array;
  'scheme-view': SchemeViewed; 'validate-parts': PartsValidated; 'round-cohort': RoundCohortRan; 'revision-facts': RevisionFactsMade;
  'input-schema': InputSchemaMade;
}
export type JobResult<J extends Job> = JobResults[J['kind']];

export const isError = (d: Diagnostic) => d.severity === 'error';

export function capDiagnostics(all: readonly Diagnostic[]): Diagnosed {
  const { items, omitted } = capList(all, undefined, isError);
  return { diagnostics: items, omitted };
}

/** Capped diagnostics as the details of an error body (errors kept first). */
export const diagnosticDetails = (d: Diagnosed): unknown[] => withOmitted(d.diagnostics, d.omitted, isError);

/** The outcomes, failing ones first, each with at most MAX_LISTED failures. */
function capOutcomes(all: readonly ExampleOutcome[]): { examples: CappedOutcome[]; examplesOmitted: number; failing: number } {
  const { items, omitted } = capList(all, undefined, (o) => !o.passed);
  const examples = items.map((o): CappedOutcome => {
    const f = capList(o.failures);
    return f.omitted > 0 ? { ...o, failures: f.items, omitted: f.omitted } : o;
  });
  return { examples, examplesOmitted: omitted, failing: all.filter((o) => !o.passed).length };
}

export interface JobServices { lang(): Promise<LanguageApi>; engine(): Promise<EngineApi> }

export async function runJob(job: Job, services: JobServices): Promise<JobResult<Job>> {
  switch (job.kind) {
    case 'analyze': {
      const a = (await services.lang()).analyze(job.source);
      return { schemeName: a.schemeName, ...capDiagnostics(a.diagnostics) };
    }
    case 'format': {
      const f = (await services.lang()).format(job.source, job.keywords);
      return { source: f.source, ...capDiagnostics(f.diagnostics) };
    }
    case 'examples': {
      const engine = await services.engine();
      const prepared = engine.prepare(job.source, '<source>');
      const diagnosed = capDiagnostics(prepared.diagnostics);
      if (!prepared.value || prepared.diagnostics.some(isError)) return { ...diagnosed, examplesOmitted: 0, failing: 0 };
      return { ...diagnosed, ...capOutcomes(await engine.runExamples(prepared.value)) };
    }
    case 'document':
      return (await import('../schemes/document-job.js')).documentOf(job.source, job.lang, job.revision);
    case 'whatif':
      return (await import('../whatif/job.js')).runWhatIfJob(job, await services.engine());
    case 'paper':
      return (await import('../reports/job.js')).runPaperJob(job, services.engine);
    case 'paper-scheme':
      return (await import('../reports/paper-scheme.js')).runPaperScheme(job, await services.engine());
    case 'cohort':
      return (await import('../evaluations/cohort-job.js')).runCohortJob(job, await services.engine());
    case 'statistics-xlsx':
      return (await import('../stats/xlsx.js')).statisticsXlsx(job.stats, job.lang);
    case 'scheme-view':
      return (await import('./scheme-jobs.js')).runSchemeView(job, await services.engine());
    case 'validate-parts':
      return (await import('./scheme-jobs.js')).runValidateParts(job, await services.engine());
    case 'round-cohort':
      return (await import('./scheme-jobs.js')).runRoundCohort(job, await services.engine());
    case 'revision-facts':
      return (await import('./scheme-jobs.js')).runRevisionFacts(job, await services.engine());
    case 'input-schema':
      return (await import('./scheme-jobs.js')).runInputSchema(job, await services.engine());
  }
}
