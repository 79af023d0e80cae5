// The API.md error format `{"error": {"code", "message", "details"}}` and the one place that turns
// anything thrown into a response: known client errors keep their 4xx; anything else is a bug,
// logged with the request id and answered 500 without internals. Messages are data until here
// (server/messages.ts): an ApiError carries its `Msg`, and `errorResponse` renders it — and every
// detail entry that carries one — in the request's locale (locale.ts). The codes never change.

import { StoreConflict, StoreUnavailable } from './store/types.js';
import { LeaseBusy, LeaseLost } from './store/lease.js';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { messageText, type MessageLike } from '../dsl/diagnostics.js';
import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import type { AppEnv } from './context.js';
import { cutEntry, cutMsg } from './errors-echo.js';
import { interruptedStatus } from './interrupted.js';
import { localeOf, localizedHeaders } from './locale.js';
import { catalogsLoaded, localizeEntry } from './localize.js';
import type { Log } from './log.js';
import { M } from './messages.js';

export interface ErrorBody { error: { code: string; message: string; details: unknown[] } }

/** A client error raised anywhere in a handler or store function. Its `message` is the English text
 * (for logs); `msg` is what the answer renders in the reader's locale. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly msg: MessageLike,
    readonly details: unknown[] = [],
    /** Extra response headers, e.g. the WWW-Authenticate challenge of a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(messageText(msg));
  }
}

/** The fields `{message, msg}` of a detail entry the server makes: the English text, and the same
 * message as data for `errorResponse` to render in the reader's locale. */
export const said = (msg: Msg): { message: string; msg: Msg } => ({ message: render(msg, 'en'), msg });

export const notFound = (msg: Msg) => new ApiError(404, 'not_found', msg);
export const conflict = (code: string, msg: Msg, details: unknown[] = []) => new ApiError(409, code, msg, details);
export const forbidden = (msg: Msg) => new ApiError(403, 'forbidden', msg);

const WHERE: Record<string, () => Msg> = { body: M.whereBody, query: M.whereQuery, path: M.wherePath, header: M.whereHeader };

/** The message of 400 `invalid_request`: which part of the request (body, query, path, header) does
 * not match the API. */
export const requestMismatch = (where: string): Msg => M.requestMismatch({ where: WHERE[where]?.() ?? where });

/** The RFC 6750 challenge every 401 carries (RFC 9110 §15.5.2 requires one). `invalid_token` says a
 * credential was presented and refused; without it the client simply sent none it could use. */
export const bearerChallenge = (error?: 'invalid_token') => `Bearer realm="kaohe"${error ? `, error="${error}"` : ''}`;

/** Code and words for errors Hono or its middleware raise as HTTPException (their own message is
 * Hono's English: "Malformed JSON in request body", "Unsupported Media Type"). */
const HTTP_ERRORS: Record<number, [code: string, msg: Msg]> = {
  400: ['malformed_request', M.malformedJson()],
  401: ['unauthorized', M.requestRefused()],
  403: ['forbidden', M.requestRefused()],
  404: ['not_found', M.requestRefused()],
  405: ['method_not_allowed', M.requestRefused()],
  413: ['payload_too_large', M.requestRefused()],
  415: ['unsupported_media_type', M.unsupportedMediaType()],
};

/** Most `details` an error body carries. A 2 MiB cohort of empty inputs yields hundreds of
 * thousands of problems (a 150 MB answer); the first thousand say what is wrong just as well. */
export const MAX_DETAILS = 1000;

/** The last entry of a capped list of details: how many were left out. */
export const omittedEntry = (omitted: number) => ({ ...said(M.moreNotShown({ omitted })), omitted });

/** The details, capped at MAX_DETAILS, plus one last entry counting those left out. */
export function cappedDetails(details: unknown[]): unknown[] {
  if (details.length <= MAX_DETAILS) return details;
  return [...details.slice(0, MAX_DETAILS), omittedEntry(details.length - MAX_DETAILS)];
}

/** The error body: details capped (MAX_DETAILS) and rendered in `locale`. */
export function errorBody(code: string, message: string, details: unknown[] = [], locale: Locale = 'en'): ErrorBody {
  // Long texts the request sent are echoed cut (errors-echo.ts), before rendering in `locale`.
  return { error: { code, message, details: cappedDetails(details).map((d) => localizeEntry(cutEntry(d), locale)) } };
}

export function errorResponse(
  c: Context, status: ContentfulStatusCode, code: string, message: MessageLike, details: unknown[] = [], headers: Record<string, string> = {},
) {
  // Every 401, whoever raises it (auth, /signin, an injected auth middleware), names its scheme.
  if (status === 401 && !Object.keys(headers).some((h) => h.toLowerCase() === 'www-authenticate')) {
    headers = { ...headers, 'WWW-Authenticate': bearerChallenge() };
  }
  const locale = localeOf(c);
  if (typeof message !== 'string') message = cutMsg(message);
  return c.json(errorBody(code, messageText(message, locale), details, locale), status, { ...headers, ...localizedHeaders(locale) });
}

export const makeOnError = (log: Log) => async (err: Error, c: Context<AppEnv>): Promise<Response> => {
  // The body never arrived: the client hung up (499) or was cut for being too slow (408). No fault
  // of ours, so no error line; the request log records the status (interrupted.ts).
  const cut = interruptedStatus(c);
  if (cut !== undefined) {
    const [code, msg] = cut === 408 ? ['request_timeout', M.requestTimeout()] : ['client_closed_request', M.clientClosed()];
    return errorResponse(c, cut as ContentfulStatusCode, code, msg);
  }
  if (err instanceof ApiError) {
    // Diagnostics and engine errors among the details are rendered with their modules' catalogs.
    if (err.details.length > 0) await catalogsLoaded(localeOf(c));
    return errorResponse(c, err.status, err.code, err.msg, err.details, err.headers);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const status = err.status as ContentfulStatusCode;
    const [code, msg] = HTTP_ERRORS[status] ?? ['client_error', M.requestRefused()];
    return errorResponse(c, status, code, msg);
  }
  // A client's request racing another one into a trigger or constraint (e.g. an update of a version
  // published a moment earlier) is a conflict, not a server fault.
  if (err instanceof StoreConflict || err instanceof LeaseLost) return errorResponse(c, 409, 'conflict', M.concurrentChange());
  if (err instanceof LeaseBusy) return errorResponse(c, 503, 'busy', M.databaseBusy(), [], { 'Retry-After': '1' });
  if (err instanceof StoreUnavailable) {
    // Nothing of the request was stored (a transaction commits whole or not at all) — unless the
    // connection was lost after the commit was sent, which the message then says; the client retries,
    // an Idempotency-Key making the retry safe when the answer was lost after a commit.
    if (err.reason === 'busy') return errorResponse(c, 503, 'busy', M.databaseBusy(), [], { 'Retry-After': '1' });
    log({ level: 'warn', msg: 'database unavailable', requestId: c.get('requestId'), error: String((err.cause as Error | undefined)?.message ?? err.cause) });
    return errorResponse(c, 503, 'unavailable', err.outcomeUnknown ? M.databaseLostAtCommit() : M.databaseUnavailable(), [], { 'Retry-After': '1' });
  }
  log({ level: 'error', msg: 'unhandled error', requestId: c.get('requestId'), error: err.stack ?? String(err) });
  return errorResponse(c, 500, 'internal', M.internal());
};

/** 404 for a path no route matches (a wrong method on a known path: methods.ts). */
export function onNotFound(c: Context): Response {
  return errorResponse(c, 404, 'not_found', M.noRoute({ method: c.req.method, path: c.req.path }));
}
