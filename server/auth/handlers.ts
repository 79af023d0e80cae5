// Handlers of token management and /api/me. Tokens are listed and revoked only within the admin's
// organization; a foreign token id is not found.

import { and, asc, eq } from 'drizzle-orm';
import { auditNote } from '../audit/actions.js';
import type { ServerCtx } from '../context.js';
import { organizations, tokens } from '../db/schema.js';
import { notFound } from '../errors.js';
import { M } from '../messages.js';
import { newRouter } from '../openapi.js';
import * as routes from './routes.js';
import { createToken, isRole, revokeToken } from './tokens.js';

export function authRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.whoami, (c) => {
    const p = c.get('principal');
    const org = ctx.db.select().from(organizations).where(eq(organizations.id, p.orgId)).get()!;
    return c.json({ organization: org.name, token: p.publicId, roles: p.roles }, 200);
  });

  app.openapi(routes.listTokens, (c) => {
    const rows = ctx.db
      .select()
      .from(tokens)
      .where(and(eq(tokens.orgId, c.get('principal').orgId), eq(tokens.kind, 'bearer')))
      .orderBy(asc(tokens.id))
      .all();
    const list = rows.map((t) => ({ id: t.publicId, roles: t.roles.split(',').filter(isRole), name: t.name, createdAt: t.createdAt, revokedAt: t.revokedAt }));
    return c.json({ tokens: list }, 200);
  });

  app.openapi(routes.createToken, (c) => {
    const { role, name } = c.req.valid('json');
    const t = createToken(ctx.db, { orgId: c.get('principal').orgId, roles: [role], name });
    auditNote(c, { target: `token:${t.publicId}` });
    const row = ctx.db.select().from(tokens).where(eq(tokens.id, t.id)).get()!;
    return c.json({ id: t.publicId, token: t.secret, roles: [role], name: row.name, createdAt: row.createdAt, revokedAt: null }, 201);
  });

  app.openapi(routes.revokeToken, (c) => {
    const { id } = c.req.valid('param');
    if (!revokeToken(ctx.db, c.get('principal').orgId, id)) throw notFound(M.tokenNotFound({ id }));
    return c.json({ id, revoked: true as const }, 200);
  });

  return app;
}
