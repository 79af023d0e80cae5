// Handlers of /api/schemes: thin, the work is in service.ts and store.ts. The diagnostics of create,
// draft and publish are rendered in the reader's language on the way out (server/localize.ts).

import { auditNote } from '../audit/actions.js';
import type { ServerCtx } from '../context.js';
import { notFound } from '../errors.js';
import { M } from '../messages.js';
import { forReader } from '../localize.js';
import { newRouter } from '../openapi.js';
import * as routes from './routes.js';
import * as service from './service.js';
import * as store from './store.js';

/** The URL of a scheme, as `Location` names it. */
export const schemeLocation = (id: string) => `/api/schemes/${encodeURIComponent(id)}`;

export function schemesRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.listSchemes, async (c) => {
    const p = c.get('principal');
    const all = await store.orgVersionInfos(ctx.store, p.orgId);
    const schemes = (await store.listSchemes(ctx.store, p.orgId)).map((row) => {
      const versions = all.get(row.id) ?? [];
      const published = versions.filter((v) => v.status === 'published').at(-1);
      return { id: row.name, createdAt: row.createdAt, latest: versions.at(-1)!, published: published?.n ?? null };
    });
    return c.json({ schemes }, 200);
  });

  app.openapi(routes.createScheme, async (c) => {
    const created = await service.createScheme(ctx, c.get('principal'), c.req.valid('json').source);
    created.diagnostics = await forReader(c, created.diagnostics);
    auditNote(c, { target: `scheme:${created.id}`, version: created.version.n });
    // The id is the scheme's name: any Unicode, so it is percent-encoded as one path segment.
    return c.json(created, 201, { Location: schemeLocation(created.id) });
  });

  app.openapi(routes.getScheme, async (c) => {
    const scheme = await service.schemeOf(ctx, c.get('principal'), c.req.valid('param').id);
    return c.json({ id: scheme.name, createdAt: scheme.createdAt, versions: await store.versionInfos(ctx.store, scheme.id) }, 200);
  });

  app.openapi(routes.putDraft, async (c) => {
    const draft = await service.putDraft(ctx, c.get('principal'), c.req.valid('param').id, c.req.valid('json').source);
    draft.diagnostics = await forReader(c, draft.diagnostics);
    auditNote(c, { version: draft.version.n });
    return c.json(draft, 200);
  });

  app.openapi(routes.publish, async (c) => {
    const published = await service.publish(ctx, c.get('principal'), c.req.valid('param').id);
    published.diagnostics = await forReader(c, published.diagnostics);
    auditNote(c, { version: published.version.n });
    return c.json(published, 200);
  });

  app.openapi(routes.getVersion, async (c) => {
    const { id, n } = c.req.valid('param');
    const scheme = await service.schemeOf(ctx, c.get('principal'), id);
    const info = await store.versionInfo(ctx.store, scheme.id, n);
    const row = await store.getVersion(ctx.store, scheme.id, n);
    if (!info || !row) throw notFound(M.versionNotFound({ n, id }));
    return c.json({ scheme: id, ...info, source: row.source }, 200);
  });

  return app;
}
