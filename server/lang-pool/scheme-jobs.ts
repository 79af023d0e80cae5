// The worker half of a stored version the event loop does not prepare (a source longer than
// limits.mainPrepareMaxChars: seconds of parsing, checking and code generation, hostile H5 F9) for
// the routes that are not the evaluate route (issue 16, session 6): a round's evaluation, its
// details, its inputs and amendments (validated there), a results import, a round's source checks,
// a version's input schema (whatever its length: a draft's too). A prepared scheme cannot cross the thread
// boundary (its plan holds compiled code), so the worker prepares it — once per hash, kept in its
// measured cache (measured.ts) — and hands back plain data: the scheme's view (what engine/api.ts
// PreparedScheme says — inputs, grades, period kind, precision — and the periods each filled field
// reads in the periods asked), parts of inputs validated, its input contract as a JSON Schema, or a round's cohort evaluated with the exact options and the
// statistics facts the event loop would have made (server/stats/facts-text.ts). Structured clone
// carries the subjects and the result as they are: no JSON text in between, nothing re-parsed.

import type { CohortResult, EngineApi, EvalError, EvalOptions, JsonSchema, PreparedScheme, SubjectInput } from '../../engine/api.js';
import type { Locale } from '../../dsl/i18n/index.js';
import { hasErrors } from '../../dsl/diagnostics.js';
import { evaluateCohortWithin } from '../evaluations/budget.js';
import type { Limits } from '../limits.js';
import { factsText } from '../stats/facts-text.js';
import { carrying, type CarriedError } from './carried.js';
import { capDiagnostics, diagnosticDetails, isError } from './jobs.js';
import { workerCache } from './measured.js';

/** A version to prepare in the worker: its source and hash, and the organization whose share of
 * the worker's cache (and of the pool's turns) it counts in. */
interface Version { source: string; hash: string; owner?: number }

/** The plain data of a prepared scheme, and per period asked, the periods each filled field reads. */
export interface SchemeView { scheme: PreparedScheme; periods: Record<string, Record<string, string[]>> }

export interface SchemeViewJob extends Version { kind: 'scheme-view'; periods: string[] }
export type SchemeViewed = { view: SchemeView } | Unprepared;

export interface RoundCohortJob extends Version {
  kind: 'round-cohort';
  subjects: SubjectInput[];
  opts: EvalOptions;
  limits: Pick<Limits, 'cohortMsPerSubject' | 'cohortMaxMs'>;
  /** Each subject's unit (the statistics facts' roster). */
  units: [string, string | null][];
}
export type RoundCohortRan =
  /** `facts`: the revision's statistics facts, or null with the reason (logged by the main thread). */
  | { result: CohortResult; facts: string | null; factsError?: string }
  | { invalid: EvalError[] }
  | Unprepared
  | { error: CarriedError };

/** Parts of inputs (a round's inputs or an amendment) checked against the version, each under its prefix. */
export interface ValidatePartsJob extends Version { kind: 'validate-parts'; parts: { input: Record<string, unknown>; prefix: string }[] }
export type PartsValidated = { errors: EvalError[][] } | Unprepared;

/** A stored revision's statistics facts made from its stored result (server/stats/facts-store.ts:
 * revisions stored without them), so neither the version's preparation nor the parse of tens of MB
 * of result holds the event loop. `units`: each subject's unit (the roster's, else the round's). */
export interface RevisionFactsJob extends Version { kind: 'revision-facts'; result: string; units: [string, string | null][] }
export type RevisionFactsMade = { facts: string; subjects: number } | Unprepared;

/** A version's input contract as a JSON Schema (engine/input-schema.ts), in the reader's language:
 * GET /api/schemes/:id/versions/:n/input-schema (user trial U7-20; server/schemes/input-schema.ts). */
export interface InputSchemaJob extends Version { kind: 'input-schema'; lang: Locale }
export type InputSchemaMade = { schema: JsonSchema } | Unprepared;

/** The version does not prepare: its errors, capped as an error body lists them. */
export interface Unprepared { unprepared: true; errors: unknown[] }

/** The version prepared in this worker's measured cache (also a POST evaluate's, cohort-job.ts). */
export function prepared(engine: EngineApi, v: Version): PreparedScheme | Unprepared {
  const p = workerCache(engine).get(engine, v.source, v.hash, v.owner);
  if (!p.value || hasErrors(p.diagnostics)) return { unprepared: true, errors: diagnosticDetails(capDiagnostics(p.diagnostics.filter(isError))) };
  return p.value;
}

export function runSchemeView(job: SchemeViewJob, engine: EngineApi): SchemeViewed {
  const s = prepared(engine, job);
  if ('unprepared' in s) return s;
  const periods: SchemeView['periods'] = {};
  for (const period of job.periods) {
    const of: Record<string, string[]> = (periods[period] = {});
    for (const f of s.inputs) if (f.fill) of[f.name] = engine.periodsOf(s, f.name, period) ?? [];
  }
  return { view: { scheme: { ...s }, periods } };
}

export function runValidateParts(job: ValidatePartsJob, engine: EngineApi): PartsValidated {
  const s = prepared(engine, job);
  if ('unprepared' in s) return s;
  return { errors: job.parts.map((p) => engine.validatePart(s, p.input, p.prefix)) };
}

export async function runRoundCohort(job: RoundCohortJob, engine: EngineApi): Promise<RoundCohortRan> {
  const s = prepared(engine, job);
  if ('unprepared' in s) return s;
  const ran = await carrying(() => evaluateCohortWithin(engine, s, job.subjects, job.opts, job.limits));
  if ('error' in ran) return ran;
  if (!ran.value.ok) return { invalid: ran.value.errors };
  const result = ran.value.value;
  // The event loop makes the facts after taking each result's exact values out (rounds/evaluate.ts).
  const bare = { ...result, results: result.results.map(({ exact: _, ...r }: CohortResult['results'][number] & { exact?: unknown }) => r) };
  try {
    return { result, facts: factsText(s, bare, new Map(job.units)) };
  } catch (e) {
    return { result, facts: null, factsError: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
}

export function runInputSchema(job: InputSchemaJob, engine: EngineApi): InputSchemaMade {
  const s = prepared(engine, job);
  return 'unprepared' in s ? s : { schema: engine.inputSchema(s, job.lang) };
}

export function runRevisionFacts(job: RevisionFactsJob, engine: EngineApi): RevisionFactsMade {
  const s = prepared(engine, job);
  if ('unprepared' in s) return s;
  const result = JSON.parse(job.result) as CohortResult;
  return { facts: factsText(s, result, new Map(job.units)), subjects: result.results.length };
}
