// Cross-site request forgery. The session cookie is SameSite=Strict, but "site" is the registrable
// domain, not the origin: a page served on another port of the same host (or another subdomain) is
// same-site, so the browser attaches the cookie to a form it posts here — one such form publishes a
// draft. So every unsafe request (anything but GET, HEAD, OPTIONS) that the cookie would
// authenticate must prove it comes from this very origin:
// - `Sec-Fetch-Site`, when the browser sends it, must be `same-origin` (or `none`: the user typed
//   it), else 403 `cross_origin_request`;
// - `Origin`, when sent, must equal this server's origin (client-address.ts: with --trust-proxy the
//   scheme and host the proxy forwards), else 403 `cross_origin_request` (also `Origin: null`);
// - neither header: 403 `origin_required`. Every browser in use sends `Origin` on unsafe requests
//   (and the editor's fetch() always does); one that sends neither is too old to be told apart from
//   a forgery, so the request is refused rather than trusted. Programs (curl, scripts) use a
//   bearer token, or send the `Origin` header themselves.
// A request with an `Authorization` header is not checked: the cookie is then ignored
// (auth/middleware.ts), and a browser never attaches that header to a request another page starts.
// Neither is one without the cookie: it carries no ambient credential to abuse.

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './auth/signin.js';
import { requestOrigin, requestProtocol } from './client-address.js';
import type { AppEnv } from './context.js';
import type { Msg } from '../dsl/i18n/index.js';
import { errorResponse } from './errors.js';
import { M } from './messages.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Refusal { code: 'cross_origin_request' | 'origin_required'; message: Msg }

/** Why a cookie-authenticated unsafe request is refused, or undefined when it is same-origin. */
export function crossOriginRefusal(c: Context): Refusal | undefined {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { code: 'cross_origin_request', message: M.crossSite({ site }) };
  }
  const origin = c.req.header('origin');
  if (origin === undefined) {
    if (site !== undefined) return undefined;
    return { code: 'origin_required', message: M.originRequired() };
  }
  const own = requestOrigin(c);
  if (own !== undefined && origin === own) return undefined;
  const args = { origin, own: own ?? M.unknownOrigin() };
  return { code: 'cross_origin_request', message: behindTlsProxy(c, origin, own) ? M.crossOriginBehindProxy(args) : M.crossOrigin(args) };
}

/** Behind a TLS proxy without --trust-proxy the browser's https origin meets this server's http one. */
function behindTlsProxy(c: Context, origin: string, own: string | undefined): boolean {
  if (own === undefined || c.get('trustProxy') === true || requestProtocol(c) !== 'http:') return false;
  return origin.replace(/^https:/, 'http:') === own;
}

/** The check, for every route of the app (API, /signout, anything added later). */
export function sameOriginGuard(): MiddlewareHandler<AppEnv> {
  return async function sameOriginGuard(c, next) {
    if (SAFE_METHODS.has(c.req.method) || c.req.header('authorization') !== undefined || getCookie(c, SESSION_COOKIE) === undefined) {
      return next();
    }
    const refusal = crossOriginRefusal(c);
    if (refusal) return errorResponse(c, 403, refusal.code, refusal.message);
    return next();
  };
}
