// The request id: the client's `X-Request-Id` when it is a plausible one (at most 255 characters of
// letters, digits, `_`, `-`, `=`), else a new UUID — on the context as `requestId` (the request log,
// the audit record, error lines) and sent back in `X-Request-Id` on every answer. Hono's requestId
// middleware does the same by `c.header`, which gives every answer a WHATWG Headers object to build
// and copy; under createNodeServer the header is instead set on the Node response before the app
// answers (as the security headers are: security-headers.ts), which every answer then carries,
// whatever Response the app made. Without a Node response (app.request in tests, another adapter)
// it is added to the app's answer after it is made.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const MAX_LENGTH = 255;
const UNFIT = /[^\w\-=]/;

/** The client's id if it is fit to echo and log, else a new one. */
export function requestIdOf(sent: string | undefined): string {
  return sent === undefined || sent === '' || sent.length > MAX_LENGTH || UNFIT.test(sent) ? randomUUID() : sent;
}

export function requestId(): MiddlewareHandler {
  return function requestId(c, next) {
    const id = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', id);
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing !== undefined && typeof outgoing.setHeader === 'function' && !outgoing.headersSent) {
      outgoing.setHeader(REQUEST_ID_HEADER, id);
      return next();
    }
    return next().then(() => c.res.headers.set(REQUEST_ID_HEADER, id));
  };
}
