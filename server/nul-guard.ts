// A NUL (U+0000, `%00`) in a request's path or query names nothing kaohe stores: every name that
// enters (a scheme, subject, unit, account, period) is refused with a control character in it, and
// PostgreSQL's text cannot even hold one — a lookup by it failed there (500) where SQLite found no
// row (issue 17). Such a request is answered before a handler reads the database, alike over both
// stores: a path as an unknown path (404), a query value 400 naming its parameter. A request without
// `%00` in its URL pays one string scan.

import type { MiddlewareHandler } from 'hono';
import { ApiError, onNotFound, said } from './errors.js';
import { M } from './messages.js';

const NUL = '%00';

export function refuseNul(): MiddlewareHandler {
  return async function refuseNul(c, next) {
    const url = c.req.url;
    if (!url.includes(NUL)) return next();
    const at = url.indexOf('?');
    if (at < 0 || url.indexOf(NUL) < at) return onNotFound(c);
    for (const [name, value] of new URLSearchParams(url.slice(at + 1))) {
      if (value.includes('\u0000') || name.includes('\u0000')) {
        const msg = M.nulInQuery({ name: name.replaceAll('\u0000', '\\u0000') });
        throw new ApiError(400, 'malformed_request', msg, [{ path: name, ...said(msg) }]);
      }
    }
    return next();
  };
}
