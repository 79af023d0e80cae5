// Authentication for /api: a bearer token (`Authorization: Bearer …`) or the browser's session
// cookie, resolved to a principal on the context; then per-route role checks. A principal only
// ever sees its own organization: store functions filter by its orgId, so a foreign scheme is
// simply not found (404), never "forbidden".

import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import type { Db } from '../db/client.js';
import type { SnapshotCache } from '../db/snapshot-cache.js';
import { ApiError, bearerChallenge } from '../errors.js';
import { SESSION_COOKIE, sessionExpired } from './signin.js';
import { findPrincipal, type Role } from './tokens.js';

/** 401 with its RFC 6750 challenge: `error="invalid_token"` when a credential (a bearer token, or the
 * session cookie, which is a row of the same table) was presented and refused; none when the request
 * carried nothing usable — no credential, or another Authorization scheme (RFC 6750 §3.1). */
const unauthorized = (message: string, refused = true) =>
  new ApiError(401, 'unauthorized', message, [], { 'WWW-Authenticate': bearerChallenge(refused ? 'invalid_token' : undefined) });

export function authenticate(db: Db, rows: SnapshotCache, sessionHours: number): MiddlewareHandler<AppEnv> {
  const lookup = (secret: string, kind: 'bearer' | 'session') => rows.get(kind + ' ' + secret, () => findPrincipal(db, secret, kind));
  return async (c, next) => {
    const header = c.req.header('authorization');
    let principal;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw unauthorized('the Authorization header must be `Bearer <token>`', /^Bearer(\s|$)/i.test(header));
      principal = lookup(m[1], 'bearer');
      if (!principal) throw unauthorized('unknown or revoked token');
    } else {
      const session = getCookie(c, SESSION_COOKIE);
      if (session === undefined) throw unauthorized('a bearer token is required', false);
      principal = lookup(session, 'session');
      if (!principal) throw unauthorized('the session has ended; sign in again');
      if (sessionExpired(principal.createdAt, sessionHours)) throw unauthorized(`the session has expired (sessions last ${sessionHours} hours); sign in again`);
    }
    c.set('principal', principal);
    await next();
  };
}

/** Lets the request through when the caller holds any of the roles. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const held = c.get('principal').roles;
    if (!roles.some((r) => held.includes(r))) {
      throw new ApiError(403, 'forbidden', `this needs the role ${roles.join(' or ')}; the token has ${held.join(', ') || 'none'}`);
    }
    await next();
  };
}
