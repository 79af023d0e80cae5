// 405 Method Not Allowed and OPTIONS, answered where Hono would answer 404. The table of which
// methods a path supports is built from the routes the app really registered (`app.routes`), so it
// cannot drift from them: every entry whose method is not `ALL` is a route handler (or a route's
// own middleware, registered under the route's method); `app.use()` middleware is registered as
// `ALL` and is no route. Because this runs as the app's notFound handler, everything that runs before
// an unknown route runs before it too: under /api, authentication (401 comes before 404 and 405).

import type { Context } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { errorResponse, onNotFound } from './errors.js';
import { M } from './messages.js';

interface RegisteredRoute { method: string; path: string }

/** Hono's METHOD_NAME_ALL: what `use()` (middleware) registers. */
const ALL = 'ALL';
/** The order methods are listed in `Allow`. */
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The methods each path supports, matched with Hono's own router so `:id`, wildcards and regexp
 * parameters mean exactly what they mean to the app. */
export function allowedMethods(routes: readonly RegisteredRoute[]): (path: string) => string[] {
  const router = new TrieRouter<string>();
  // Registered under ALL so that one lookup returns every method's route for the path.
  for (const r of routes) if (r.method !== ALL) router.add(ALL, r.path, r.method.toUpperCase());
  return (path) => {
    const found = new Set(router.match(ALL, path)[0].map(([method]) => method));
    if (found.size === 0) return [];
    if (found.has('GET')) found.add('HEAD'); // Hono answers HEAD with the GET route, body dropped
    found.add('OPTIONS'); // answered here
    return [...found].sort((a, b) => rank(a) - rank(b));
  };
}

const rank = (m: string) => (ORDER.includes(m) ? ORDER.indexOf(m) : ORDER.length);

/** The app's notFound: OPTIONS on a known path is 204 with `Allow`, another method the path does not
 * support is 405 `method_not_allowed` with `Allow`, an unknown path stays 404. `routes` is read on
 * the first call, when every route has been registered. */
export function methodAwareNotFound(routes: () => readonly RegisteredRoute[]) {
  let allowed: ((path: string) => string[]) | undefined;
  return (c: Context): Response => {
    allowed ??= allowedMethods(routes());
    const methods = allowed(c.req.path);
    if (methods.length === 0) return onNotFound(c);
    const allow = methods.join(', ');
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    // A route of this very method matched and still let the request fall through to here: its
    // 404, not a 405 that would list the method as allowed.
    if (methods.includes(c.req.method)) return onNotFound(c);
    return errorResponse(c, 405, 'method_not_allowed', M.methodNotAllowed({ method: c.req.method, path: c.req.path, allow }), [], { Allow: allow });
  };
}
