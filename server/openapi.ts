// Shared pieces of the route definitions: a router whose validation failures answer in the API.md
// error format, the error schema, and response sets reused by every route (so the generated
// OpenAPI document lists each route's possible errors).

import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { AppEnv } from './context.js';
import type { Msg } from '../dsl/i18n/index.js';
import { errorResponse, requestMismatch, said } from './errors.js';
import { knownQueryOnly, queryNames } from './query-params.js';
import { issueMsg } from './zod-issues.js';

/** Zod issues as API.md `{path, message}` details; `path` is dotted with [i] for array items. The
 * message is the issue's in the server's words (zod-issues.ts), rendered in the reader's language by
 * errorResponse; words a route gave a check itself are kept as they are. */
export function zodDetails(error: ZodError, prefix = ''): { path: string; message: string; msg?: Msg }[] {
  return error.issues.map((i) => {
    const path = i.path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), prefix);
    const msg = issueMsg(i);
    return msg ? { path, ...said(msg) } : { path, message: i.message };
  });
}

const WHERE = { json: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie', form: 'form' } as const;

/** A router whose validation failures answer in the API.md error format, and whose routes apply the
 * query rule (query-params.ts) — every /api/ route, those that take no parameter too: a parameter the
 * route does not take is 400 `unknown_parameter`, one given twice or a `lang` other than zh or en
 * 400 `invalid_request`; checked after the route's own middleware (its role) and before its
 * validators and handler, so a path or method no route has is 404 / 405 whatever its query. */
export function newRouter(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const where = WHERE[result.target as keyof typeof WHERE] ?? result.target;
      return errorResponse(c, 400, 'invalid_request', requestMismatch(where), zodDetails(result.error));
    },
  });
  const register = app.openapi;
  app.openapi = ((route: RouteConfig, ...rest: unknown[]) => {
    const known = queryNames(route.request?.query);
    const own = route.middleware === undefined ? [] : [route.middleware].flat();
    return (register as (...a: unknown[]) => unknown)({ ...route, middleware: [...own, knownQueryOnly(known)] }, ...rest);
  }) as typeof app.openapi;
  return app;
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      details: z.array(z.unknown()).openapi({
        description:
          'at most 1000 problems; when there were more, a last entry `{"message", "omitted": N}` counts the rest',
      }),
    }),
  })
  .openapi('Error');

/** A response header, for the document. */
const header = (description: string) => ({ description, schema: { type: 'string' as const } });

const err = (description: string, headers?: Record<string, ReturnType<typeof header>>) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
  ...(headers && { headers }),
});

/** Errors any authenticated JSON route may answer. */
export const commonErrors = {
  400: err('malformed JSON or a request that does not match the schema (`invalid_request`); a query parameter the route does not take (`unknown_parameter`: details `{path, message, near?}`, `near` the parameter probably meant)'),
  401: err('no or bad token', {
    'WWW-Authenticate': header('`Bearer realm="kaohe"`, with `error="invalid_token"` when the token (or session) sent was refused'),
  }),
  403: err('role not allowed'),
  405: err('the path does not support this method (`method_not_allowed`); OPTIONS on the path answers 204 with the same `Allow`', {
    Allow: header('the methods the path supports'),
  }),
  413: err('body too large (`payload_too_large`), or a scheme source over the source limit (`source_too_large`, details name the limit in bytes)'),
  415: err('body is not JSON'),
  429: err('`too_many_failures`: too many failed authentications from this address; every credential is refused until `Retry-After` seconds have passed', {
    'Retry-After': header('seconds until the address may authenticate again'),
  }),
  503: err('`unavailable`: the database (PostgreSQL) cannot be reached or dropped the connection; nothing of the request was stored — unless the connection was lost after the commit was sent, which the message then says (look before retrying; the same `Idempotency-Key` is safe); retry (`Retry-After`). `busy`: the database stayed locked by another writer beyond the busy timeout (5 s), PostgreSQL aborted the transaction again and again or had no free pooled connection within 5 s, a round\'s lease stayed held by another server, or the language workers\' queue is full; retry. `budget_exceeded`: the language work or the cohort overran its time or memory budget and was stopped; nothing was stored'),
} as const;

export const notFoundError = { 404: err('absent, or belongs to another organization') } as const;
export const conflictError = { 409: err('conflict') } as const;
/** A list filtered by period or time (period-filter.ts: statistics' rule). */
export const periodFilterErrors = {
  422: err('`invalid_period`: a period filter that is no period in any form (details `{path, code, expected, found}`: `expected` the scheme\'s form when `scheme` is named, else every form); `invalid_span`: a range whose end (`to`) is before its start'),
} as const;
export const unprocessableError = { 422: err('invalid scheme (details: diagnostics) or invalid input (details: {path, message})') } as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A JSON response that names a resource's URL in `Location` (a creation, or its idempotent replay). */
export const jsonWithLocation = <T extends z.ZodType>(schema: T, description: string, location: string) => ({
  ...json(schema, description),
  headers: { Location: header(location) },
});

/** A JSON request body, required. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const security: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
