// The one-time sign-in URL printed by `kaohe serve` (as Jupyter does): the code is a token of kind
// `signin`; visiting /signin?code=… once trades it, in one transaction, for a browser session (a
// token of kind `session` with the same organization, roles and account) held in an HttpOnly cookie.
// A code made for an account (`kaohe account signin`) signs that person in; a disabled account's
// code opens nothing.

import { and, eq, isNull } from 'drizzle-orm';
import { now, type Conn } from '../db/client.js';
import { accounts, tokens } from '../db/schema.js';
import { createToken, sha256, toPrincipal, type Role } from './tokens.js';

export const SESSION_COOKIE = 'kaohe_session';

/** How long a browser session lasts from sign-in unless `createApp({ sessionHours })` says otherwise:
 * a working day. Government systems must end sessions (等保 requires a session timeout); an absolute
 * lifetime needs no write per request, unlike an idle timeout. */
export const DEFAULT_SESSION_HOURS = 12;

/** Whether a session created at `createdAt` (ISO time) has outlived `hours`. */
export const sessionExpired = (createdAt: string, hours: number, nowMs = Date.now()): boolean =>
  Date.parse(createdAt) + hours * 3_600_000 <= nowMs;

/** A fresh sign-in code; earlier unused codes of the organization for the same account (or, without
 * one, those without an account) die, so only the URL printed last works. */
export function issueSigninCode(db: Conn, orgId: number, roles: Role[], accountId: number | null = null): string {
  return db.transaction(
    (tx) => {
      tx.update(tokens)
        .set({ revokedAt: now() })
        .where(and(
          eq(tokens.orgId, orgId), eq(tokens.kind, 'signin'), isNull(tokens.revokedAt),
          accountId === null ? isNull(tokens.accountId) : eq(tokens.accountId, accountId),
        ))
        .run();
      return createToken(tx, { orgId, roles, kind: 'signin', name: 'sign-in code', accountId }).secret;
    },
    { behavior: 'immediate' },
  );
}

/** Redeems a sign-in code: the session secret, or undefined if the code is unknown or used. */
export function redeemSigninCode(db: Conn, code: string): string | undefined {
  return db.transaction(
    (tx) => {
      const found = tx
        .select({ token: tokens, account: accounts })
        .from(tokens)
        .leftJoin(accounts, eq(accounts.id, tokens.accountId))
        .where(and(eq(tokens.hash, sha256(code)), eq(tokens.kind, 'signin'), isNull(tokens.revokedAt)))
        .get();
      if (!found || found.account?.disabledAt) return undefined;
      const row = found.token;
      tx.update(tokens).set({ revokedAt: now() }).where(eq(tokens.id, row.id)).run();
      const p = toPrincipal(row, found.account);
      return createToken(tx, { orgId: p.orgId, roles: p.roles, kind: 'session', name: 'browser session', accountId: p.accountId }).secret;
    },
    { behavior: 'immediate' },
  );
}
