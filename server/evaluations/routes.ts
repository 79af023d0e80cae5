// Route definitions of evaluation (the OpenAPI document is generated from these).

import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware.js';
import { commonErrors, conflictError, json, jsonBody, jsonWithLocation, notFoundError, security, unprocessableError } from '../openapi.js';
import { SchemeParams } from '../schemes/schemas.js';
import * as s from './schemas.js';

const tags = ['evaluations'];

/** Who may evaluate: the route's middleware, also used where it is mounted (handlers.ts). */
export const mayEvaluate = requireRole('evaluator', 'author');

export const evaluate = createRoute({
  method: 'post', path: '/schemes/{id}/evaluate', tags, security,
  middleware: [mayEvaluate],
  summary: 'Evaluate one subject or a cohort and store the evaluation',
  description: 'A cohort is evaluated and stored all or nothing: if any subject is invalid, nothing is stored and every problem is returned (422).',
  request: { params: SchemeParams, query: s.EvaluateQuery, headers: s.EvaluateHeaders, body: jsonBody(s.EvaluateBody) },
  responses: {
    201: jsonWithLocation(s.EvaluationResultSchema, 'evaluated and stored', 'the stored evaluation: `/api/evaluations/{evaluationId}`'),
    200: jsonWithLocation(s.EvaluationResultSchema, 'the first answer to this Idempotency-Key (`Idempotent-Replayed: true`)', 'the same as the first answer'),
    ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError,
  },
});

export const getEvaluation = createRoute({
  method: 'get', path: '/evaluations/{id}', tags, security,
  summary: 'A stored evaluation: input, result, scheme version and hash, caller, time',
  description: 'A unit officer (an account with units) reads only the evaluations its own account made (an evaluation has no roster and no units); any other is 404, as an unknown id.',
  request: { params: s.EvaluationParams, query: s.EvaluationQuery },
  responses: { 200: json(s.StoredEvaluationSchema, 'the evaluation'), ...commonErrors, ...notFoundError, ...conflictError },
});
