// Handlers of token management and /api/me. Tokens are listed and revoked only within the admin's
// organization; a foreign token id is not found.

import { and, asc, eq } from 'drizzle-orm';
import { auditNote } from '../audit/actions.js';
import type { ServerCtx } from '../context.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { A } from '../accounts/messages.js';
import { findAccountRef } from '../accounts/store.js';
import { accounts, organizations, tokens, type AccountRow } from '../db/schema.js';
import { ApiError, notFound, requestMismatch, said } from '../errors.js';
import { M } from '../messages.js';
import { newRouter } from '../openapi.js';
import * as routes from './routes.js';
import { createToken, revokeToken, rolesFromColumn, type Role } from './tokens.js';

export function authRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.whoami, (c) => {
    const p = c.get('principal');
    const org = ctx.db.select().from(organizations).where(eq(organizations.id, p.orgId)).get()!;
    const account = p.accountId === null ? null : { id: p.accountId, name: p.accountName!, units: p.units };
    return c.json({ organization: org.name, token: p.publicId, roles: p.roles, account }, 200);
  });

  app.openapi(routes.listTokens, (c) => {
    const rows = ctx.db
      .select({ t: tokens, account: accounts })
      .from(tokens)
      .leftJoin(accounts, eq(accounts.id, tokens.accountId))
      .where(and(eq(tokens.orgId, c.get('principal').orgId), eq(tokens.kind, 'bearer')))
      .orderBy(asc(tokens.id))
      .all();
    // A token for an account holds the account's roles as they are now.
    const list = rows.map(({ t, account }) => ({
      id: t.publicId, roles: rolesFromColumn(account?.roles ?? t.roles), name: t.name, createdAt: t.createdAt, revokedAt: t.revokedAt,
      account: account?.name ?? null,
    }));
    return c.json({ tokens: list }, 200);
  });

  app.openapi(routes.createToken, (c) => {
    const body = c.req.valid('json');
    const orgId = c.get('principal').orgId;
    const { roles, account } = tokenRoles(ctx, orgId, body);
    const t = createToken(ctx.db, { orgId, roles, name: body.name, accountId: account?.id });
    auditNote(c, { target: `token:${t.publicId}` });
    const row = ctx.db.select().from(tokens).where(eq(tokens.id, t.id)).get()!;
    return c.json({ id: t.publicId, token: t.secret, roles, name: row.name, createdAt: row.createdAt, revokedAt: null, account: account?.name ?? null }, 201);
  });

  app.openapi(routes.revokeToken, (c) => {
    const { id } = c.req.valid('param');
    if (!revokeToken(ctx.db, c.get('principal').orgId, id)) throw notFound(M.tokenNotFound({ id }));
    return c.json({ id, revoked: true as const }, 200);
  });

  return app;
}

/** The roles of a new token: its `role`, or its account's (which must exist and be enabled). */
function tokenRoles(ctx: ServerCtx, orgId: number, body: { role?: Role; account?: string | number }): { roles: Role[]; account?: AccountRow } {
  const shape = (msg: Msg) => new ApiError(400, 'invalid_request', requestMismatch('body'), [{ path: 'role', ...said(msg) }]);
  if (body.account === undefined) {
    if (body.role === undefined) throw shape(A.roleOrAccount());
    return { roles: [body.role] };
  }
  if (body.role !== undefined) throw shape(A.roleWithAccount());
  const account = findAccountRef(ctx.db, orgId, body.account);
  const at = (msg: Msg, code: string) => new ApiError(422, code, msg, [{ path: 'account', ...said(msg) }]);
  if (!account) throw at(A.unknownAccount({ account: String(body.account) }), 'unknown_account');
  if (account.disabledAt !== null) throw at(A.accountIsDisabled({ name: account.name }), 'account_disabled');
  return { roles: rolesFromColumn(account.roles), account };
}
