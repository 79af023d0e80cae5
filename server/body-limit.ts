// The request body limit (413). A body with a Content-Length is judged by the header alone — Node's
// HTTP parser never delivers more bytes than it declares — so the common case costs no stream: Hono's
// own bodyLimit reads `c.req.raw.body`, which turns @hono/node-server's lightweight request into a
// full WHATWG Request with a ReadableStream on every POST. Chunked bodies still go through Hono's,
// which counts the bytes as they arrive.

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as streamingLimit } from 'hono/body-limit';

export function bodyLimit(opts: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const streaming = streamingLimit(opts);
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    if (Number(length) > opts.maxSize) return opts.onError(c);
    return next();
  };
}
