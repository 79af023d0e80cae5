// The one-time sign-in URL printed by `kaohe serve` (as Jupyter does): the code is a token of kind
// `signin`; visiting /signin?code=… once trades it, in one transaction, for a browser session (a
// token of kind `session` with the same organization, roles and account) held in an HttpOnly cookie.
// A code made for an account (`kaohe account signin`) signs that person in; a disabled account's
// code opens nothing. A code lives SIGNIN_CODE_HOURS from its creation (its created_at: codes made
// before the lifetime existed get it too), and the link a server prints at start no longer cancels
// the one another server printed (trial V12: two machines started together, the first's link was dead).

import { now } from '../store/types.js';
import type { Store } from '../store/types.js';
import { createToken, sha256, splitTokenRow, toPrincipal, TOKEN_WITH_ACCOUNT, type Role, type TokenAccountRow } from './tokens.js';

export const SESSION_COOKIE = 'kaohe_session';

/** How long a browser session lasts from sign-in unless `createApp({ sessionHours })` says otherwise:
 * a working day. Government systems must end sessions (等保 requires a session timeout); an absolute
 * lifetime needs no write per request, unlike an idle timeout. */
export const DEFAULT_SESSION_HOURS = 12;

/** Whether a session created at `createdAt` (ISO time) has outlived `hours`. */
export const sessionExpired = (createdAt: string, hours: number, nowMs = Date.now()): boolean =>
  Date.parse(createdAt) + hours * 3_600_000 <= nowMs;

/** How long a sign-in code opens a session, by whom it is for. The organization's link, printed by
 * `kaohe serve` at start, is for the person who just started the server and is at its console: an
 * hour. It lands in a log (journald, a log collector) that more people read than the admins, and a
 * later start no longer revokes it (each of several servers prints one, and each must work), so its
 * lifetime is what ends an unused one. A person's link (`kaohe account signin`) travels by mail or
 * chat and waits until that person comes to it: a day; a newer one for the same account still
 * cancels it at once. */
export const SIGNIN_CODE_HOURS = { organization: 1, account: 24 } as const;

/** Whether a code for an account (or, with null, the organization's) made at `createdAt` has expired. */
export const signinCodeExpired = (createdAt: string, accountId: number | null, nowMs = Date.now()): boolean =>
  sessionExpired(createdAt, SIGNIN_CODE_HOURS[accountId === null ? 'organization' : 'account'], nowMs);

/** A fresh sign-in code. For an account, its earlier unused codes die (the link sent last is the one
 * that works); the organization's codes — one per server start — are left alone: each expires by itself. */
export function issueSigninCode(store: Store, orgId: number, roles: Role[], accountId: number | null = null): Promise<string> {
  return store.tx(async (tx) => {
    if (accountId !== null) await tx.run(REVOKE_ACCOUNT_CODES, [now(), orgId, accountId]);
    return (await createToken(tx, { orgId, roles, kind: 'signin', name: 'sign-in code', accountId })).secret;
  });
}

const REVOKE_ACCOUNT_CODES = "UPDATE tokens SET revoked_at = ? WHERE org_id = ? AND kind = 'signin' AND revoked_at IS NULL AND account_id = ?";

const FIND_CODE = `SELECT ${TOKEN_WITH_ACCOUNT} FROM tokens t LEFT JOIN accounts a ON a.id = t.account_id
  WHERE t.hash = ? AND t.kind = 'signin' AND t.revoked_at IS NULL`;

/** Redeems a sign-in code: the session secret, or undefined if the code is unknown, used or expired. Used up by
 * a compare-and-set: of two requests with the same code, only the one whose UPDATE changed the row
 * opens a session. */
export function redeemSigninCode(store: Store, code: string): Promise<string | undefined> {
  return store.tx(async (tx) => {
    const found = await tx.get<TokenAccountRow>(FIND_CODE, [sha256(code)]);
    if (!found) return undefined;
    const { token, account } = splitTokenRow(found);
    if (account?.disabledAt || signinCodeExpired(token.createdAt, token.accountId)) return undefined;
    if ((await tx.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now(), token.id])) !== 1) return undefined;
    const p = toPrincipal(token, account);
    return (await createToken(tx, { orgId: p.orgId, roles: p.roles, kind: 'session', name: 'browser session', accountId: p.accountId })).secret;
  });
}
