// The request body limit (413). A body with a Content-Length is judged by the header alone — Node's
// HTTP parser never delivers more bytes than it declares — so the common case costs no stream: Hono's
// own bodyLimit reads `c.req.raw.body`, which turns @hono/node-server's lightweight request into a
// full WHATWG Request with a ReadableStream on every POST. Chunked bodies still go through Hono's,
// which reads the whole body, counting the bytes as they arrive — so that reading waits until the
// caller is known (app.ts mounts `countChunked` after authentication and the audit): a chunked body
// cut by the request timeout or a hang-up is then answered, logged and audited with its caller as a
// sized one is, and a stranger's chunked body is refused 401 before it is read (hostile F4).

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as streamingLimit } from 'hono/body-limit';

interface LimitOptions { maxSize: number; onError: (c: Context) => Response | Promise<Response> }

/** Whether the request's body is counted as it arrives (no Content-Length, or a chunked one). */
function chunked(c: Context): boolean {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD') return false;
  return c.req.header('content-length') === undefined || c.req.header('transfer-encoding') !== undefined;
}

/** 413 for a body whose Content-Length exceeds the limit; a chunked body is `countChunked`'s. */
export function bodyLimit(opts: LimitOptions): MiddlewareHandler {
  return async (c, next) => {
    if (chunked(c) || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (Number(c.req.header('content-length')) > opts.maxSize) return opts.onError(c);
    return next();
  };
}

/** 413 for a chunked body beyond the limit, read whole here, as it arrives. */
export function countChunked(opts: LimitOptions): MiddlewareHandler {
  const streaming = streamingLimit(opts);
  return async (c, next) => (chunked(c) ? streaming(c, next) : next());
}
