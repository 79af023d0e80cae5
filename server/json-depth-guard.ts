// Refuses a JSON body nested deeper than MAX_BODY_DEPTH (evaluations/json-depth.ts) before a route
// reads it. The routes of issue 14 (rounds: roster, inputs, amendments; imports; accounts; the
// webhook; tokens) hash, store or walk their bodies recursively (JSON.stringify, zod records, the
// engine's value checks): 10,000 nested arrays overflowed the stack there and answered 500. Evaluate
// checks the same limit in its own reader (evaluations/request.ts); this middleware answers the same
// 400 `invalid_request` at the body root for the others. The body's bytes are cached by Hono (and
// already read once by requireUtf8), so the route reads them again for free.

import type { MiddlewareHandler } from 'hono';
import { ApiError, said } from './errors.js';
import { MAX_BODY_DEPTH, nestsDeeper } from './evaluations/json-depth.js';
import { M } from './messages.js';
import { utf8Body } from './utf8.js';

/** A JSON media type (`application/json`, `application/problem+json`), parameters cut off. */
export const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const HAS_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The 400 for a body nested deeper than the limit (as evaluate answers it). */
export const nestedTooDeep = () =>
  new ApiError(400, 'invalid_request', M.nestedTooDeep({ max: MAX_BODY_DEPTH }), [{ path: '', ...said(M.nestedTooDeeply()) }]);

export function refuseDeepJson(): MiddlewareHandler {
  return async function refuseDeepJson(c, next) {
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim();
    if (HAS_BODY.has(c.req.method) && JSON_MEDIA_TYPE.test(type) && nestsDeeper(await utf8Body(c))) throw nestedTooDeep();
    await next();
  };
}
