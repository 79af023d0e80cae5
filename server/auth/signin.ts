// The one-time sign-in URL printed by `kaohe serve` (as Jupyter does): the code is a token of kind
// `signin`; visiting /signin?code=… once trades it, in one transaction, for a browser session (a
// token of kind `session` with the same organization, roles and account) held in an HttpOnly cookie.
// A code made for an account (`kaohe account signin`) signs that person in; a disabled account's
// code opens nothing.

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

/** A fresh sign-in code; earlier unused codes of the organization for the same account (or, without
 * one, those without an account) die, so only the URL printed last works. */
export function issueSigninCode(store: Store, orgId: number, roles: Role[], accountId: number | null = null): Promise<string> {
  return store.tx(async (tx) => {
    const at = now();
    if (accountId === null) await tx.run(REVOKE_CODES + 'account_id IS NULL', [at, orgId]);
    else await tx.run(REVOKE_CODES + 'account_id = ?', [at, orgId, accountId]);
    return (await createToken(tx, { orgId, roles, kind: 'signin', name: 'sign-in code', accountId })).secret;
  });
}

const REVOKE_CODES = "UPDATE tokens SET revoked_at = ? WHERE org_id = ? AND kind = 'signin' AND revoked_at IS NULL AND ";

const FIND_CODE = `SELECT ${TOKEN_WITH_ACCOUNT} FROM tokens t LEFT JOIN accounts a ON a.id = t.account_id
  WHERE t.hash = ? AND t.kind = 'signin' AND t.revoked_at IS NULL`;

/** Redeems a sign-in code: the session secret, or undefined if the code is unknown or used. Used up by
 * a compare-and-set: of two requests with the same code, only the one whose UPDATE changed the row
 * opens a session. */
export function redeemSigninCode(store: Store, code: string): Promise<string | undefined> {
  return store.tx(async (tx) => {
    const found = await tx.get<TokenAccountRow>(FIND_CODE, [sha256(code)]);
    if (!found) return undefined;
    const { token, account } = splitTokenRow(found);
    if (account?.disabledAt) return undefined;
    if ((await tx.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now(), token.id])) !== 1) return undefined;
    const p = toPrincipal(token, account);
    return (await createToken(tx, { orgId: p.orgId, roles: p.roles, kind: 'session', name: 'browser session', accountId: p.accountId })).secret;
  });
}
