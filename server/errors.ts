// The API.md error format `{"error": {"code", "message", "details"}}` and the one place that turns
// anything thrown into a response: known client errors keep their 4xx; anything else is a bug,
// logged with the request id and answered 500 without internals.

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './context.js';
import { interruptedStatus } from './interrupted.js';
import type { Log } from './log.js';

export interface ErrorBody { error: { code: string; message: string; details: unknown[] } }

/** A client error raised anywhere in a handler or store function. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
    /** Extra response headers, e.g. the WWW-Authenticate challenge of a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, details: unknown[] = []) => new ApiError(409, code, message, details);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

/** The RFC 6750 challenge every 401 carries (RFC 9110 §15.5.2 requires one). `invalid_token` says a
 * credential was presented and refused; without it the client simply sent none it could use. */
export const bearerChallenge = (error?: 'invalid_token') => `Bearer realm="kaohe"${error ? `, error="${error}"` : ''}`;

/** Codes for errors Hono or its middleware raise as HTTPException. */
const HTTP_CODES: Record<number, string> = {
  400: 'malformed_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Most `details` an error body carries. A 2 MiB cohort of empty inputs yields hundreds of
 * thousands of problems (a 150 MB answer); the first thousand say what is wrong just as well. */
export const MAX_DETAILS = 1000;

/** The last entry of a capped list of details: how many were left out. */
export const omittedEntry = (omitted: number) => ({ message: `… ${omitted} more problems not shown`, omitted });

/** The details, capped at MAX_DETAILS, plus one last entry counting those left out. */
export function cappedDetails(details: unknown[]): unknown[] {
  if (details.length <= MAX_DETAILS) return details;
  return [...details.slice(0, MAX_DETAILS), omittedEntry(details.length - MAX_DETAILS)];
}

export function errorBody(code: string, message: string, details: unknown[] = []): ErrorBody {
  return { error: { code, message, details: cappedDetails(details) } };
}

export function errorResponse(
  c: Context, status: ContentfulStatusCode, code: string, message: string, details: unknown[] = [], headers: Record<string, string> = {},
) {
  // Every 401, whoever raises it (auth, /signin, an injected auth middleware), names its scheme.
  if (status === 401 && !Object.keys(headers).some((h) => h.toLowerCase() === 'www-authenticate')) {
    headers = { ...headers, 'WWW-Authenticate': bearerChallenge() };
  }
  return c.json(errorBody(code, message, details), status, headers);
}

export const makeOnError = (log: Log) => (err: Error, c: Context<AppEnv>): Response => {
  // The body never arrived: the client hung up (499) or was cut for being too slow (408). No fault
  // of ours, so no error line; the request log records the status (interrupted.ts).
  const cut = interruptedStatus(c);
  if (cut !== undefined) {
    const [code, message] = cut === 408 ? ['request_timeout', 'the request was not received in time'] : ['client_closed_request', 'the client closed the connection before the request was complete'];
    return errorResponse(c, cut as ContentfulStatusCode, code, message);
  }
  if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.details, err.headers);
  if (err instanceof HTTPException && err.status < 500) {
    const status = err.status as ContentfulStatusCode;
    return errorResponse(c, status, HTTP_CODES[status] ?? 'client_error', err.message || 'request refused');
  }
  // A client's request racing another one into a trigger or constraint (e.g. an update of a version
  // published a moment earlier) is a conflict, not a server fault.
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CONSTRAINT')) return errorResponse(c, 409, 'conflict', 'the request conflicts with a concurrent change; retry');
  if (code === 'SQLITE_BUSY') return errorResponse(c, 503, 'busy', 'the database is busy; retry');
  log({ level: 'error', msg: 'unhandled error', requestId: c.get('requestId'), error: err.stack ?? String(err) });
  return errorResponse(c, 500, 'internal', 'internal server error');
};

/** 404 for a path no route matches (a wrong method on a known path: methods.ts). */
export function onNotFound(c: Context): Response {
  return errorResponse(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path}`);
}
