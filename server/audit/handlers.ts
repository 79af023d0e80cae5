// Handler of GET /api/audit: the admin's organization only (records of refused credentials name
// none and are read by the operator, with SQL).

import type { ServerCtx } from '../context.js';
import type { AuditAction } from './actions.js';
import { newRouter } from '../openapi.js';
import { spanRefusal } from '../period-filter.js';
import * as routes from './routes.js';
import { listAudit } from './store.js';

export function auditRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.listAudit, async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    // A range that ends before it starts is refused as every list refuses it (period-filter.ts); `to`
    // equal to `from` is an empty range, not a backwards one (`to` is exclusive).
    if (filter.from !== undefined && filter.to !== undefined && filter.to < filter.from) throw spanRefusal(c.req.query('from')!, c.req.query('to')!);
    const page = await listAudit(ctx.store, c.get('principal').orgId, filter, limit ?? routes.DEFAULT_LIMIT, cursor);
    // Stored actions are written only from the vocabulary (actions.ts).
    const records = page.rows.map(({ orgId: _, ...r }) => ({ ...r, action: r.action as AuditAction }));
    return c.json({ records, nextCursor: page.next }, 200);
  });

  return app;
}
