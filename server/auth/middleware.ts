// Authentication for /api: a bearer token (`Authorization: Bearer …`) or the browser's session
// cookie, resolved to a principal on the context; then per-route role checks. A principal only
// ever sees its own organization: store functions filter by its orgId, so a foreign scheme is
// simply not found (404), never "forbidden". Every credential path — these two and the sign-in
// code of /signin — first asks the failure guard (ratelimit/guard.ts) whether the client's address
// is locked out, and reports a secret that matched nothing to it.

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import type { Sql } from '../store/types.js';
import type { SnapshotCache } from '../db/snapshot-cache.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { ApiError, bearerChallenge } from '../errors.js';
import { M } from '../messages.js';
import { tooManyFailures, type CredentialKind, type FailureGuard } from '../ratelimit/guard.js';
import { SESSION_COOKIE, sessionExpired } from './signin.js';
import { A } from '../accounts/messages.js';
import { findCredential, type Credential, type Principal, type Role } from './tokens.js';

/** 401 with its RFC 6750 challenge: `error="invalid_token"` when a credential (a bearer token, or the
 * session cookie, which is a row of the same table) was presented and refused; none when the request
 * carried nothing usable — no credential, or another Authorization scheme (RFC 6750 §3.1). */
const unauthorized = (msg: Msg, refused = true) =>
  new ApiError(401, 'unauthorized', msg, [], { 'WWW-Authenticate': bearerChallenge(refused ? 'invalid_token' : undefined) });

/** 401 for a request whose token was revoked (or its account disabled, or its role taken) after
 * the request was authenticated and before its work was stored (evaluations/writer.ts). */
export const revokedMeanwhile = () => unauthorized(M.revokedMeanwhile());

export interface AuthOptions {
  store: Sql;
  rows: SnapshotCache;
  /** Lifetime of a browser session from sign-in. */
  sessionHours: number;
  guard: FailureGuard;
}

/** Who a request is: its principal, or the 401 to answer and — for a secret that matched no live
 * token — the kind of credential to count as a failure. */
export type Identified = { principal: Principal; refusal?: undefined } | { principal?: undefined; refusal: ApiError; counted?: CredentialKind };

/** The caller of a request from its Authorization header, else its session cookie (read only
 * when there is no header): the one rule of authentication, for the middleware below and the
 * evaluate fast lane (fast-lane.ts), which has no Context. */
export function identifier({ store, rows, sessionHours }: Omit<AuthOptions, 'guard'>) {
  const lookup = (secret: string, kind: 'bearer' | 'session') => rows.get(kind + ' ' + secret, () => findCredential(store, secret, kind));
  /** A disabled account's token or session: its secret was right (not counted as a failure), but it
   * may not act until the account is enabled again. */
  const usable = (found: Credential): Identified =>
    found.disabledAccount !== undefined ? { refusal: unauthorized(A.disabledCredential({ name: found.disabledAccount })) } : { principal: found.principal };
  /** A secret that matched no live token: a guess as far as anyone can tell, so it is counted. An
   * expired session (its secret was right) and a missing or malformed header (no secret) are not. */
  const refused = (kind: 'bearer' | 'session', msg: Msg): Identified => ({ refusal: unauthorized(msg), counted: kind });
  return async (header: string | undefined, session: () => string | undefined): Promise<Identified> => {
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) return { refusal: unauthorized(M.authHeaderForm(), /^Bearer(\s|$)/i.test(header)) };
      const found = await lookup(m[1], 'bearer');
      return found ? usable(found) : refused('bearer', M.unknownToken());
    }
    const secret = session();
    if (secret === undefined) return { refusal: unauthorized(M.tokenRequired(), false) };
    const found = await lookup(secret, 'session');
    if (!found) return refused('session', M.sessionEnded());
    const who = usable(found);
    if (who.principal && sessionExpired(who.principal.createdAt, sessionHours)) return { refusal: unauthorized(M.sessionExpired({ hours: sessionHours })) };
    return who;
  };
}

export function authenticate({ guard, ...opts }: AuthOptions): MiddlewareHandler<AppEnv> {
  const identify = identifier(opts);
  return async function authenticate(c, next) {
    guard.check(c);
    const who = await identify(c.req.header('authorization'), () => getCookie(c, SESSION_COOKIE));
    if (who.refusal) {
      if (who.counted) await guard.failed(c, who.counted);
      throw who.refusal;
    }
    c.set('principal', who.principal);
    return next();
  };
}

/** Around /signin (web.ts): a locked-out address is refused before its code is looked at, and a
 * code that matched nothing counts as a failure. A person gets the refusal as a page. */
export function guardSignin(guard: FailureGuard): MiddlewareHandler<AppEnv> {
  return async function guardSignin(c, next) {
    const wait = guard.retryAfter(c);
    if (wait > 0) {
      if (c.req.header('accept')?.includes('text/html')) return c.html(lockedOutPage(wait), 429, { 'Retry-After': String(wait) });
      throw tooManyFailures(wait);
    }
    await next();
    if (c.res.status === 401 && c.req.query('code')) await guard.failed(c, 'signin');
  };
}

const lockedOutPage = (seconds: number) => `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>kaohe 考核 · 请稍后再试</title>
<body style="font-family:system-ui,'Microsoft YaHei',sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>登录失败次数过多</h1><p>从本网络地址登录失败的次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试，或向系统管理员索取新的登录链接。</p>
<hr><p lang="en">Too many failed sign-ins from this network address: try again in ${Math.ceil(seconds / 60)} minutes.</p></body></html>`;

const ROLE_NAMES: Record<Role, () => Msg> = { admin: M.roleAdmin, author: M.roleAuthor, evaluator: M.roleEvaluator };
const roleName = (r: Role): Msg => ROLE_NAMES[r]();

/** Whether `p` holds any of the roles (requireRole's rule; the evaluate fast lane asks it too). */
export const holdsAny = (p: Principal, roles: readonly Role[]): boolean => roles.some((r) => p.roles.includes(r));

/** Lets the request through when the caller holds any of the roles. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> & { roles: readonly Role[] } {
  return Object.assign((c: Context<AppEnv>, next: () => Promise<void>) => {
    const p = c.get('principal');
    if (!holdsAny(p, roles)) {
      const held = p.roles;
      throw new ApiError(403, 'forbidden', M.roleNeeded({ roles: roles.map(roleName), held: held.length > 0 ? held.map(roleName) : M.noRole() }));
    }
    return next();
  }, { roles });
}
