// Route definitions of the rounds core (issue 14; the OpenAPI document is generated from these).

import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware.js';
import { commonErrors, conflictError, json, jsonBody, notFoundError, security, unprocessableError } from '../openapi.js';
import * as s from './schemas.js';

const tags = ['rounds'];
const author = requireRole('author');

export const create = createRoute({
  method: 'post', path: '/rounds', tags, security, middleware: [author],
  summary: 'Create a round (考核批次): one published scheme version × one period',
  description: '409 `round_exists` (naming it, at `period`) while another round of the same scheme, period and unit (none = the whole organization) is in 公示 or final.',
  request: { body: jsonBody(s.CreateRoundBody) },
  responses: { 201: json(s.RoundSchema, 'created, status `open`'), ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export const get = createRoute({
  method: 'get', path: '/rounds/{id}', tags, security,
  summary: 'A round: status, revisions, members, missing inputs per person, roll-up sources not final yet',
  request: { params: s.RoundParams },
  responses: { 200: json(s.RoundDetailSchema, 'the round (a unit officer sees only their units\' members)'), ...commonErrors, ...notFoundError },
});

export const roster = createRoute({
  method: 'put', path: '/rounds/{id}/roster', tags, security, middleware: [author],
  summary: 'Set who is in the round and with what status (all or nothing)',
  description: 'Only while the round is `open` or `evaluated` (else 409 `round_not_open`). Status `take` (参加), `absent` (不参加), `ungraded` (不定等次); the Chinese words are accepted too. Every problem is answered at once (422 with paths); nothing is stored then.',
  request: { params: s.RoundParams, body: jsonBody(s.RosterBody) },
  responses: { 200: json(s.RosterAnswerSchema, 'the round with its new roster; `notice`: the roster columns taken as inputs'), ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export const inputs = createRoute({
  method: 'post', path: '/rounds/{id}/inputs', tags, security, middleware: [requireRole('evaluator', 'author')],
  summary: 'Submit a part of the inputs (all or nothing)',
  description: 'Only roster members (422 `not_in_roster` at `subjects[i].id`), only declared top-level fields (422 `unknown_field`), never a `results of` / `past` field (422 `filled_by_server`: the server fills them), values checked against the scheme (422 `invalid_input`); a unit officer only for their units (403 `unit_not_allowed`). 409 `round_final` when final, 409 `round_in_publicity` during 公示 (amend instead). With `Idempotency-Key` a retry answers the first answer (200, `Idempotent-Replayed: true`).',
  request: { params: s.RoundParams, headers: s.InputsHeaders, body: jsonBody(s.InputsBody) },
  responses: {
    201: json(s.InputsAnswer, 'stored'), 200: json(s.InputsAnswer, 'the first answer to this Idempotency-Key'),
    ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError,
  },
});

export const evaluate = createRoute({
  method: 'post', path: '/rounds/{id}/evaluate', tags, security, middleware: [author],
  summary: 'Evaluate the round as one cohort and store it as a new revision',
  description: 'Merges the newest part per field, fills the `cohort by` field with the roster unit, fills `results of` / `past` from final and imported results of the same organization, runs the cohort in the round\'s period. With `Idempotency-Key` a retry (same token and key) makes no new revision and answers the one the first request made, with the round as it is now (`Idempotent-Replayed: true`; an `explain` answer is replayed without its explanations); the key used for another request is 409 `idempotency_key_reused`. Invalid inputs: 422 with every problem by path, nothing stored. 409 `round_in_publicity` / `round_final`: amend instead. `?explain=1`: the answer explains every member as POST /api/evaluate does; the stored revision is the same as without it.',
  request: { params: s.RoundParams, query: s.EvaluateRoundQuery, headers: s.InputsHeaders },
  responses: { 200: json(s.EvaluatedSchema, 'the new revision, or with a retried `Idempotency-Key` the revision it made (`Idempotent-Replayed: true`)'), ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export const publicize = createRoute({
  method: 'post', path: '/rounds/{id}/publicize', tags, security, middleware: [author],
  summary: 'Start 公示 until a date (from `evaluated`)',
  description: '409 `round_changed` when the roster or inputs changed after the newest revision (re-evaluate first; GET shows `changed`), 409 `round_out_of_date` when a round it rolled up was amended since, 409 `publicity_shortened` when already in 公示 and `until` is earlier (it may only be extended; a wrong end date is undone by voiding the round), 422 `date_too_far` at `until` when it is more than 90 days after today (China time).',
  request: { params: s.RoundParams, body: jsonBody(s.PublicizeBody) },
  responses: { 200: json(s.RoundSchema, 'in 公示'), ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export const finalize = createRoute({
  method: 'post', path: '/rounds/{id}/finalize', tags, security, middleware: [author],
  summary: 'Finalize the round after its 公示 ended: its results become final (roll-ups and history read them)',
  description: '409 `round_out_of_date` when a round it rolled up was amended since (refresh first); 409 `result_exists` (one detail per person) when someone already has a final result of the scheme for the period, from another round or an import.',
  request: { params: s.RoundParams },
  responses: { 200: json(s.RoundSchema, 'final'), ...commonErrors, ...notFoundError, ...conflictError },
});

export const voidRound = createRoute({
  method: 'post', path: '/rounds/{id}/void', tags, security, middleware: [author],
  summary: 'Void (作废) a round that is not final: a trial run, one to be replaced by an import, or a 公示 announced with a wrong end date',
  description: 'Deletes the round\'s roster, input parts, revisions, amendments and results in one transaction; a record stays (when, who, why, the round\'s name, scheme, period, status and size) and GET of the id answers 404 saying so. 409 `round_not_voidable` once final (amend instead), 409 `round_in_use` when another round\'s revision read its results; 403 `unit_not_allowed` for a unit officer.',
  request: { params: s.RoundParams, body: jsonBody(s.VoidBody) },
  responses: { 200: json(s.VoidedSchema, 'voided: the record'), ...commonErrors, ...notFoundError, ...conflictError },
});
