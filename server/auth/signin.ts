// The one-time sign-in URL printed by `kaohe serve` (as Jupyter does): the code is a token of kind
// `signin`; visiting /signin?code=… once trades it, in one transaction, for a browser session (a
// token of kind `session` with the same organization and roles) held in an HttpOnly cookie.

import { and, eq, isNull } from 'drizzle-orm';
import { now, type Conn } from '../db/client.js';
import { tokens } from '../db/schema.js';
import { createToken, sha256, toPrincipal, type Role } from './tokens.js';

export const SESSION_COOKIE = 'kaohe_session';

/** How long a browser session lasts from sign-in unless `createApp({ sessionHours })` says otherwise:
 * a working day. Government systems must end sessions (等保 requires a session timeout); an absolute
 * lifetime needs no write per request, unlike an idle timeout. */
export const DEFAULT_SESSION_HOURS = 12;

/** Whether a session created at `createdAt` (ISO time) has outlived `hours`. */
export const sessionExpired = (createdAt: string, hours: number, nowMs = Date.now()): boolean =>
  Date.parse(createdAt) + hours * 3_600_000 <= nowMs;

/** A fresh sign-in code; earlier unused codes of the organization die, so only the URL printed last works. */
export function issueSigninCode(db: Conn, orgId: number, roles: Role[]): string {
  return db.transaction(
    (tx) => {
      tx.update(tokens)
        .set({ revokedAt: now() })
        .where(and(eq(tokens.orgId, orgId), eq(tokens.kind, 'signin'), isNull(tokens.revokedAt)))
        .run();
      return createToken(tx, { orgId, roles, kind: 'signin', name: 'sign-in code' }).secret;
    },
    { behavior: 'immediate' },
  );
}

/** Redeems a sign-in code: the session secret, or undefined if the code is unknown or used. */
export function redeemSigninCode(db: Conn, code: string): string | undefined {
  return db.transaction(
    (tx) => {
      const row = tx
        .select()
        .from(tokens)
        .where(and(eq(tokens.hash, sha256(code)), eq(tokens.kind, 'signin'), isNull(tokens.revokedAt)))
        .get();
      if (!row) return undefined;
      tx.update(tokens).set({ revokedAt: now() }).where(eq(tokens.id, row.id)).run();
      const p = toPrincipal(row);
      return createToken(tx, { orgId: p.orgId, roles: p.roles, kind: 'session', name: 'browser session' }).secret;
    },
    { behavior: 'immediate' },
  );
}
