// The language-worker half of GET /api/schemes/:id/versions/:n/input-schema (user trial U7-20): a
// stored version prepared in the worker's measured cache (lang-pool/scheme-jobs.ts `prepared`, as a
// big cohort's evaluation does, so the event loop never parses a long draft) and its input contract
// as a JSON Schema (engine/input-schema.ts) — plain data back, in the reader's language.

import type { Locale } from '../../dsl/i18n/index.js';
import type { EngineApi, JsonSchema } from '../../engine/api.js';
import { prepared, type Unprepared } from '../lang-pool/scheme-jobs.js';

export interface InputSchemaJob { kind: 'input-schema'; source: string; hash: string; owner?: number; lang: Locale }

export type InputSchemaMade = { schema: JsonSchema } | Unprepared;

export function runInputSchemaJob(job: InputSchemaJob, engine: EngineApi): InputSchemaMade {
  const s = prepared(engine, job);
  return 'unprepared' in s ? s : { schema: engine.inputSchema(s, job.lang) };
}
