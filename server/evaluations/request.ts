// Reading and validating an evaluate request in one synchronous pass after the body arrives. The
// route is still declared with createRoute (routes.ts), so the OpenAPI document describes it, but
// it is not mounted through `openapi()`: that chains five async validator middlewares (query, path,
// header, media type, JSON), which cost more than the whole rest of the request's plumbing on the
// busiest route. This reader keeps their order, their schemas and their answers (400
// invalid_request with zod's details, 415, 400 for malformed JSON) — the malformed-request corpus
// in test/server checks them — and also returns the body's text, stored as the evaluation's input.
// The body is checked against the single-subject or the cohort schema, whichever it means to be
// (schemas.ts), so that 400 details name the exact path. Its parts that need no Context (the body's
// check, the Idempotency-Key's, the media type, the scheme id) are exported for the evaluate fast
// lane (server/fast-lane.ts), which reads Node's request itself.

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { parseJsonExact } from '../../engine/json-exact.js';
import { ApiError, requestMismatch } from '../errors.js';
import { JSON_MEDIA_TYPE, nestedTooDeep } from '../json-depth-guard.js';
import { utf8Body } from '../utf8.js';
import { zodDetails } from '../openapi.js';
import { refuseQuery } from '../query-params.js';
import { MAX_SCHEME_ID, SchemeParams } from '../schemes/schemas.js';
import { nestsDeeper } from './json-depth.js';
import { DEFAULT_MAX_COHORT_SUBJECTS, limitCohort } from '../limits.js';
import { BIG_TEXT_CHARS, loopTurn } from '../loop-turns.js';
import { cohortSize, evaluateBodySchema, EvaluateHeaders, EvaluateQuery, isPlainSingleBody, type EvaluateBody } from './schemas.js';

export interface EvaluateParts {
  schemeId: string;
  query: z.output<typeof EvaluateQuery>;
  idempotencyKey?: string;
  body: EvaluateBody;
  /** The body exactly as sent. */
  text: string;
}

// As @hono/zod-openapi's media-type gate and hono/validator's JSON check.
const JSON_CONTENT_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

function valid<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, 'invalid_request', requestMismatch(where), zodDetails(r.error));
  return r.data;
}

const malformedJson = () => new HTTPException(400, { message: 'Malformed JSON in request body' });

const unsupported = () => new HTTPException(415, { message: 'Unsupported Media Type' });

// The common request — no query string, a scheme id of a valid length, no Idempotency-Key, the
// body `{id, input}` — passes every schema below; it is recognized by hand and skips zod's walks
// (≈ 10 µs of a request). Anything else goes through zod as before, which decides and words every
// refusal.
let noQuery: z.output<typeof EvaluateQuery> | undefined;

/** The parameters evaluate takes (with `lang`, every route's). */
const EVALUATE_PARAMS = Object.keys(EvaluateQuery.shape);

/** The query of a request without one. */
export const emptyQuery = () => (noQuery ??= Object.freeze(valid(EvaluateQuery, {}, 'query')));

function queryOf(c: Context): z.output<typeof EvaluateQuery> {
  if (!c.req.url.includes('?')) return emptyQuery();
  refuseQuery(c, EVALUATE_PARAMS); // `?exactvalues=1` is no silent no-op, `lang=fr` no guess (query-params.ts)
  const queries = c.req.queries();
  return valid(EvaluateQuery, Object.fromEntries(Object.entries(queries).map(([k, v]) => [k, v.length === 1 ? v[0] : v])), 'query');
}

/** Whether a scheme id (the path parameter, decoded) passes SchemeParams without asking zod. */
export const plainSchemeId = (id: string | undefined): id is string => id !== undefined && id.length >= 1 && id.length <= MAX_SCHEME_ID;

function schemeIdOf(c: Context): string {
  const id = c.req.param('id');
  if (plainSchemeId(id)) return id;
  return valid(SchemeParams, c.req.param(), 'path').id;
}

/** The Idempotency-Key header's value, checked (400 when unfit). */
export function idempotencyKeyFrom(key: string | undefined): string | undefined {
  return key === undefined ? undefined : valid(EvaluateHeaders, { 'idempotency-key': key }, 'header')['idempotency-key'];
}

/** Whether a Content-Type names JSON as this reader reads it: the body is then parsed (evaluateBody). */
export const readsAsJson = (contentType: string): boolean =>
  // The common value first: it passes both tests (≈ 1 µs of every evaluate request, issue 16).
  contentType === 'application/json' || (JSON_CONTENT_TYPE.test(contentType) && JSON_MEDIA_TYPE.test(contentType.split(';')[0].trim()));

/** The request checked; `maxSubjects` is the cohort cap (limits.maxCohortSubjects), applied before the subjects are. */
export async function readEvaluateRequest(c: Context, maxSubjects: number): Promise<EvaluateParts> {
  const query = queryOf(c);
  const schemeId = schemeIdOf(c);
  const idempotencyKey = idempotencyKeyFrom(c.req.header('idempotency-key'));

  const contentType = c.req.header('content-type');
  if (contentType === undefined) {
    if ((await c.req.arrayBuffer()).byteLength > 0) throw unsupported();
  } else if (!JSON_CONTENT_TYPE.test(contentType)) {
    throw unsupported();
  }
  let text: string | undefined;
  if (contentType !== undefined && readsAsJson(contentType)) {
    try {
      text = await utf8Body(c);
    } catch (e) {
      if (e instanceof ApiError) throw e; // not UTF-8
      throw malformedJson(); // the body could not be read
    }
  }
  return { schemeId, query, idempotencyKey, ...(await evaluateBodyInTurns(text, maxSubjects)), text: text ?? '' };
}

/** The body of an evaluate request from its text (already checked UTF-8; undefined: a body that
 * is not JSON, read as `{}`), checked in the reader's order: JSON with exact numbers, the depth
 * limit, the cohort cap (413 `cohort_too_large` before any subject is checked: H6 F1), the schemas.
 * The one check of a body, for this reader and the evaluate fast lane. */
export function evaluateBody(text: string | undefined, maxSubjects = DEFAULT_MAX_COHORT_SUBJECTS): { body: EvaluateBody } {
  return checkedBody(parsedBody(text), text, maxSubjects);
}

/** Bodies of at least this many UTF-16 units (a cohort of ≈ 700 province subjects) are read in
 * turns of the event loop (evaluateBodyInTurns): parsing 0.84 M characters took ≈ 56 ms and the
 * checks after it ≈ 40 ms at load 16, and three such requests arriving together held /healthz for
 * their sum (user trial U7-15). */
export const BODY_TURN_CHARS = BIG_TEXT_CHARS;

/** `evaluateBody`, the same checks and answers, in two pieces for a big body — parsing, then the
 * checks — each after a turn of the event loop, so other requests (/healthz) are served between them. */
export async function evaluateBodyInTurns(text: string | undefined, maxSubjects = DEFAULT_MAX_COHORT_SUBJECTS): Promise<{ body: EvaluateBody }> {
  if (text === undefined || text.length < BODY_TURN_CHARS) return evaluateBody(text, maxSubjects);
  const value = await inLane(() => parsedBody(text));
  return inLane(() => checkedBody(value, text, maxSubjects));
}

/** The pieces of big bodies, one a turn: without it the pieces of bodies that arrived together ran
 * back to back in one turn (every setImmediate queued before a turn runs in it). */
let lane: Promise<unknown> = Promise.resolve();

function inLane<T>(piece: () => T): Promise<T> {
  const run = lane.then(loopTurn).then(piece);
  lane = run.catch(() => undefined);
  return run;
}

function parsedBody(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    // Numbers exactly as written (9007199254740993 is not 9007199254740992): engine/json-exact.ts.
    return parseJsonExact(text);
  } catch {
    throw malformedJson();
  }
}

function checkedBody(value: unknown, text: string | undefined, maxSubjects: number): { body: EvaluateBody } {
  if (nestsDeeper(text ?? '')) throw nestedTooDeep();
  limitCohort(cohortSize(value) ?? 0, maxSubjects);
  if (!isPlainSingleBody(value)) valid(evaluateBodySchema(value), value, 'body');
  // The engine gets the parsed JSON itself, not zod's copy: zod rebuilds `input` records by
  // assignment, which silently drops a `__proto__` key, while a replay re-parses the stored text and
  // sees it. The schemas only check (no defaults or transforms), so the two agree on everything else.
  return { body: value as EvaluateBody };
}
