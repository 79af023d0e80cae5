// Request and response shapes of the evaluation routes. The subject's `input` and `display` are
// checked by the engine (422 with every problem: the input against the scheme's contract, display
// fields for their kind and size), not here: zod only checks the envelope `{id, input, display?}` /
// `{subjects: […]}`. The result is the engine's own schema (engine/result-schema.ts), so the
// document describes exactly what the engine writes.

import { z } from '@hono/zod-openapi';
import { DECISION_REASON_MAX as MAX_REASON } from '../../dsl/keywords.js';
import { MAX_DISPLAY_FIELDS, MAX_DISPLAY_NAME, MAX_DISPLAY_TEXT } from '../../engine/display.js';
import { UnreadableNumber } from '../../engine/json-exact.js';
import { Rational } from '../../dsl/rational.js';
import { CohortResultSchema, SubjectResultSchema } from '../../engine/result-schema.js';
import { isSubjectIdText, subjectIdSchema } from '../subject-id.js';
import { cappedRecord, hasMoreKeys, MAX_DISPLAY_KEYS, MAX_INPUT_KEYS } from '../record-keys.js';

/** A display value: a text or a number. Checked by the engine, not by zod: a number may arrive as
 * an exact Rational (engine/json-exact.ts), which a zod number would refuse. The document shows
 * both kinds through the record's `additionalProperties` below (a custom schema needs one `type`). */
const DisplayValue = z.custom<string | number>(() => true).openapi({ type: 'string' });

/** A committee decision (`grades by committee`, issue 13). zod checks its shape (an object of known
 * keys, grade and reason texts: 400 at the path); the engine checks the values against the scheme
 * (unknown grade, order not a whole number ≥ 1, empty or long reason, neither grade nor order, a
 * scheme not by committee: 422 KH-E046/KH-E047 at the path). `order` may arrive as an exact
 * Rational (engine/json-exact.ts), so zod does not read it as a number. */
const DecisionBody = z
  .object({
    grade: z.string().optional().openapi({ description: 'a grade name of the scheme: replaces the grade conditions (caps, vetoes and quotas still apply)' }),
    order: z.custom<number>((v) => typeof v === 'number' || v instanceof Rational || v instanceof UnreadableNumber, 'the order must be a number')
      .optional().openapi({ type: 'integer', minimum: 1, description: "the subject's place in the committee's order (1 = first): breaks the quota race after the ranking key" }),
    reason: z.string().openapi({ description: `why, as the committee recorded it: required, 1 to ${MAX_REASON} characters` }),
  })
  .strict()
  .openapi('DecisionInput', { example: { grade: '优秀', reason: '党委会研究决定' } });

const MAX_PERIOD = 100;

export const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

const SubjectSchema = z
  .object({
    // As every way in takes an id (../subject-id.ts): no lone surrogate (SQLite would keep U+FFFD,
    // and the stored subject would not be the one answered), control or invisible character, space at an end.
    id: subjectIdSchema().openapi({ example: 'A001' }),
    input: cappedRecord(z.record(z.string(), z.unknown()), MAX_INPUT_KEYS, { description: `the scheme's input fields (at most ${MAX_INPUT_KEYS} keys)` }),
    display: cappedRecord(z.record(z.string(), DisplayValue), MAX_DISPLAY_KEYS, {
      additionalProperties: { anyOf: [{ type: 'string', maxLength: MAX_DISPLAY_TEXT }, { type: 'number' }] },
      maxProperties: MAX_DISPLAY_FIELDS,
      description: `fields that only name the person (a roster's other columns: 姓名, 科室, 职务), carried into the result as text and never evaluated; at most ${MAX_DISPLAY_FIELDS} fields, names of 1 to ${MAX_DISPLAY_NAME} characters, values of at most ${MAX_DISPLAY_TEXT}; otherwise 422 with KH-E008 at the field's path`,
      example: { 姓名: '张三', 科室: '综合处' },
    }).optional(),
    decision: DecisionBody.optional(),
  })
  .strict()
  .openapi('Subject');

/** The evaluation period (issue 12): one for the whole request, checked by the engine against the
 * scheme's `period` kind (422 KH-E031), required when the scheme names periodStart/periodEnd (422
 * KH-E032), carried into the result. Stored with the request body and the result. */
const Period = z.string().min(1).max(MAX_PERIOD).optional().openapi({
  description: "the evaluation period by the scheme's `period` kind: `2026` (annual), `2026-Q1` (quarterly), `2026-03` (monthly), `2026-03-01..2026-06-30` (special)",
  example: '2026-Q1',
});

/** One subject as a request body: the subject and the period. */
const SingleSchema = z.object({ ...SubjectSchema.shape, period: Period }).strict().openapi('SubjectBody');

const CohortSchema = z.object({ subjects: z.array(SubjectSchema).min(1), period: Period }).strict().openapi('Cohort');

/** How many subjects a cohort body lists, read before zod checks any of them (undefined: not a list
 * of subjects, for zod to word). The cohort cap is applied to it first (request.ts): zod would check
 * every element of an over-cap list and build an issue per problem — 690,000 `{}` held the event
 * loop for 30 s (hostile audit H6 F1). */
export function cohortSize(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const subjects = (value as { subjects?: unknown }).subjects;
  return Array.isArray(subjects) ? subjects.length : undefined;
}

/** Both shapes, for the OpenAPI document. Requests are not validated with it: a failed union only
 * reports `{path: "", message: "Invalid input"}`, so evaluateBodySchema picks one branch instead. */
export const EvaluateBody = z.union([SingleSchema, CohortSchema]).openapi('EvaluateBody');
export type EvaluateBody = z.infer<typeof EvaluateBody>;

/** The shape a body means to be: a cohort when it is an object with a `subjects` key, otherwise a
 * single subject; zod then names the exact path of every problem (`subjects[1].input`, `id`). */
export function evaluateBodySchema(value: unknown): z.ZodType<EvaluateBody> {
  const cohort = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'subjects');
  return cohort ? CohortSchema : SingleSchema;
}

/** The common body, `{id, input}` with an optional `period`, recognized without zod: a shape that
 * SingleSchema accepts, checked by hand (request.ts runs zod on anything else, so every refusal and
 * its details stay zod's). Sound, not complete: true only where SingleSchema succeeds
 * (test/server/evaluate-lean.test.ts checks it against zod on generated bodies). */
export function isPlainSingleBody(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const body = value as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== 'id' && key !== 'input' && key !== 'period') return false;
  const { id, input, period } = body;
  return typeof id === 'string' && id.length >= 1 && isSubjectIdText(id)
    && typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype && !hasMoreKeys(input, MAX_INPUT_KEYS)
    && (period === undefined || (typeof period === 'string' && period.length >= 1 && period.length <= MAX_PERIOD));
}

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const EvaluateQuery = z.object({
  version: z
    .union([z.literal('draft'), z.string().regex(/^[1-9][0-9]{0,8}$/, 'a version number or "draft"')])
    .optional()
    .openapi({ param: { name: 'version', in: 'query' }, description: 'version number, or `draft` (authors); default: latest published' }),
  explain: flag.optional().openapi({ param: { name: 'explain', in: 'query' }, description: 'include traces' }),
  // User trial U7-14: what the library's EvalOptions.exactValues gives, for a system that stores results.
  exactValues: flag.optional().openapi({
    param: { name: 'exactValues', in: 'query' },
    description: 'add `exact` to each result: its score, base, rewards and deductions as exact fraction text (`"1769/20"`, an integer `"88"`) beside the rounded figures, to store, recompute or re-round without drift. Stored with the evaluation; a replay runs with it too',
  }),
});

export const EvaluateHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only')
    .optional()
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, description: 'a retry with the same key returns the first answer' }),
});

const EvaluationId = z.object({ evaluationId: z.string().openapi({ example: 'ev_…' }) });

/** The answer of evaluate: the engine's result (one subject or a cohort) with `evaluationId`. */
export const EvaluationResultSchema = z
  .union([SubjectResultSchema.and(EvaluationId), CohortResultSchema.and(EvaluationId)])
  .openapi('EvaluationResult', { description: 'the result (LANGUAGE.md §12) or cohort result, with evaluationId' });

export const EvaluationParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'ev_…' }),
});

export const EvaluationQuery = z.object({
  replay: flag.optional().openapi({ param: { name: 'replay', in: 'query' }, description: 're-run on the stored version and compare' }),
});

export const StoredEvaluationSchema = z
  .object({
    id: z.string(),
    scheme: z.object({ id: z.string(), version: z.number().int(), hash: z.string(), status: z.enum(['draft', 'published']) }),
    caller: z.string(),
    createdAt: z.string(),
    kind: z.enum(['single', 'cohort']),
    subjects: z.array(z.string()),
    explain: z.boolean(),
    exactValues: z.boolean().openapi({ description: 'whether it was asked with `?exactValues=1`: each result carries `exact`' }),
    lang: z.enum(['zh', 'en']).openapi({ description: "the language of the result's words, as stored" }),
    input: z.unknown(),
    result: z.union([SubjectResultSchema, CohortResultSchema]),
    replay: z
      .object({
        identical: z.boolean(),
        result: z.union([SubjectResultSchema, CohortResultSchema]).optional(),
        errors: z.array(z.unknown()).optional(),
      })
      .optional(),
  })
  .openapi('StoredEvaluation');
