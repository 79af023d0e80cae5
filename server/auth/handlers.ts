// Handlers of token management and /api/me. Tokens are listed and revoked only within the admin's
// organization; a foreign token id is not found.

import { auditNote } from '../audit/actions.js';
import type { ServerCtx } from '../context.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { A } from '../accounts/messages.js';
import { findAccountRef } from '../accounts/store.js';
import type { AccountRow } from '../db/schema.js';
import { ApiError, notFound, requestMismatch, said } from '../errors.js';
import { M } from '../messages.js';
import { newRouter } from '../openapi.js';
import * as routes from './routes.js';
import { createToken, revokeToken, rolesFromColumn, splitTokenRow, TOKEN_WITH_ACCOUNT, type Role, type TokenAccountRow } from './tokens.js';

const LIST_TOKENS = `SELECT ${TOKEN_WITH_ACCOUNT} FROM tokens t LEFT JOIN accounts a ON a.id = t.account_id
  WHERE t.org_id = ? AND t.kind = 'bearer' ORDER BY t.id`;

export function authRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.whoami, async (c) => {
    const p = c.get('principal');
    const org = (await ctx.store.get<{ name: string }>('SELECT name FROM organizations WHERE id = ?', [p.orgId]))!;
    const account = p.accountId === null ? null : { id: p.accountId, name: p.accountName!, units: p.units };
    return c.json({ organization: org.name, token: p.publicId, roles: p.roles, account }, 200);
  });

  app.openapi(routes.listTokens, async (c) => {
    const rows = await ctx.store.all<TokenAccountRow>(LIST_TOKENS, [c.get('principal').orgId]);
    // A token for an account holds the account's roles as they are now.
    const list = rows.map(splitTokenRow).map(({ token: t, account }) => ({
      id: t.publicId, roles: rolesFromColumn(account?.roles ?? t.roles), name: t.name, createdAt: t.createdAt, revokedAt: t.revokedAt,
      account: account?.name ?? null,
    }));
    return c.json({ tokens: list }, 200);
  });

  app.openapi(routes.createToken, async (c) => {
    const body = c.req.valid('json');
    const orgId = c.get('principal').orgId;
    const { roles, account } = await tokenRoles(ctx, orgId, body);
    const t = await createToken(ctx.store, { orgId, roles, name: body.name, accountId: account?.id });
    auditNote(c, { target: `token:${t.publicId}` });
    const row = (await ctx.store.get<{ name: string | null; createdAt: string }>('SELECT name, created_at AS "createdAt" FROM tokens WHERE id = ?', [t.id]))!;
    return c.json({ id: t.publicId, token: t.secret, roles, name: row.name, createdAt: row.createdAt, revokedAt: null, account: account?.name ?? null }, 201);
  });

  app.openapi(routes.revokeToken, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await revokeToken(ctx.store, c.get('principal').orgId, id))) throw notFound(M.tokenNotFound({ id }));
    return c.json({ id, revoked: true as const }, 200);
  });

  return app;
}

/** The roles of a new token: its `role`, or its account's (which must exist and be enabled). */
async function tokenRoles(ctx: ServerCtx, orgId: number, body: { role?: Role; account?: string | number }): Promise<{ roles: Role[]; account?: AccountRow }> {
  const shape = (msg: Msg) => new ApiError(400, 'invalid_request', requestMismatch('body'), [{ path: 'role', ...said(msg) }]);
  if (body.account === undefined) {
    if (body.role === undefined) throw shape(A.roleOrAccount());
    return { roles: [body.role] };
  }
  if (body.role !== undefined) throw shape(A.roleWithAccount());
  const account = await findAccountRef(ctx.store, orgId, body.account);
  const at = (msg: Msg, code: string) => new ApiError(422, code, msg, [{ path: 'account', ...said(msg) }]);
  if (!account) throw at(A.unknownAccount({ account: String(body.account) }), 'unknown_account');
  if (account.disabledAt !== null) throw at(A.accountIsDisabled({ name: account.name }), 'account_disabled');
  return { roles: rolesFromColumn(account.roles), account };
}
