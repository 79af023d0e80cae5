// Where the audit records come from: one middleware after authentication on /api (every audited
// route, whatever it answered — a 403 or 404 is an attempt worth keeping), and one around the
// browser's /signin and /signout, which live outside /api (web.ts). Refused credentials are
// recorded by the failure guard (ratelimit/guard.ts → `failedAuth`), as they are counted; a stored
// evaluation by the evaluations writer, in its own transaction (`auditEvaluation`).

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/signin.js';
import { findPrincipal } from '../auth/tokens.js';
import type { AppEnv } from '../context.js';
import type { CredentialKind } from '../ratelimit/guard.js';
import { auditedAs, auditNote, CHANGES, type AuditAction } from './actions.js';
import { recordFor, recordOf, type AuditLog, type Requester } from './log.js';
import { clientAddress } from '../client-address.js';
import type { Store, Tx } from '../store/types.js';

/** Records each audited /api request after it has been answered; a successful change before the
 * answer leaves (log.ts). Mounted after authentication: only callers with a principal get here. */
export function auditApi(audit: AuditLog): MiddlewareHandler<AppEnv> {
  return async function auditApi(c, next) {
    await next();
    const status = c.res.status;
    // Evaluate wrote its record with the evaluation, in the same commit.
    if (status < 300 && c.get('auditNote')?.written) return;
    const what = auditedAs(c);
    if (what === undefined) return;
    const record = recordOf(c, what, status);
    if (status < 300 && CHANGES.has(what.action)) await audit.write(record);
    else audit.record(record);
  };
}

/** An evaluation as the evaluations writer stored it, for its record. */
export interface StoredEvaluation { id: string; createdAt: string; version: number }

/** What the evaluations writer calls inside its transaction (`alongside`): writes through `tx`. */
export type Alongside = (tx: Tx, stored: StoredEvaluation) => Promise<void>;

/** What evaluate passes to the evaluations writer: the record of the evaluation it stores, written
 * in the same transaction (so the hot path pays no commit of its own for it). */
export function auditEvaluation(audit: AuditLog, c: Context<AppEnv>, schemeId: string): Alongside {
  const write = evaluationAudit(audit, () => ({ principal: c.get('principal'), requestId: c.get('requestId'), address: clientAddress(c) }), schemeId);
  return async (tx, stored) => {
    await write(tx, stored);
    auditNote(c, { written: true });
  };
}

/** The record of a stored evaluation, written by the evaluations writer (the evaluate fast lane
 * calls this directly: it has no Context, and no auditApi after it). */
export function evaluationAudit(audit: AuditLog, who: () => Requester, schemeId: string): Alongside {
  return (tx, stored) =>
    audit.write(recordFor(who(), { action: 'evaluate', target: `scheme:${schemeId}`, version: stored.version, evaluation: stored.id }, 201, stored.createdAt), tx);
}

/** The record of a refused credential: no actor; the kind of credential that was tried. */
export function failedAuth(audit: AuditLog, c: Context<AppEnv>, credential: CredentialKind): void {
  audit.record({ ...recordOf(c, { action: 'auth_failed' }, 401), actorKind: credential });
}

/** The session secret a response sets, if it sets one. */
function sessionSet(c: Context): string | undefined {
  const prefix = SESSION_COOKIE + '=';
  const cookie = c.res.headers.getSetCookie().find((h) => h.startsWith(prefix));
  const value = cookie?.slice(prefix.length).split(';')[0];
  return value ? decodeURIComponent(value) : undefined;
}

/** Sign-in (the session it opened) and sign-out (the session it ended) of the browser. */
export function auditWeb(audit: AuditLog, store: Store): MiddlewareHandler<AppEnv> {
  const write = (c: Context<AppEnv>, action: AuditAction) => audit.write(recordOf(c, { action }, c.res.status));
  return async function auditWeb(c, next) {
    if (c.req.method === 'POST' && c.req.path === '/signout') {
      const secret = getCookie(c, SESSION_COOKIE);
      const session = secret ? await findPrincipal(store, secret, 'session') : undefined;
      await next();
      if (session && c.res.status < 300) {
        c.set('principal', session);
        await write(c, 'signout');
      }
      return;
    }
    await next();
    const secret = c.req.path === '/signin' && c.res.status < 400 ? sessionSet(c) : undefined;
    const session = secret ? await findPrincipal(store, secret, 'session') : undefined;
    if (session) {
      c.set('principal', session);
      await write(c, 'signin');
    }
  };
}
