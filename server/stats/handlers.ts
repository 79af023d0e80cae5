// GET /api/statistics (issue 15): the query resolved (query.ts), the analytics core run over the
// facts (analytics/tables.ts), answered as JSON — or as a workbook (xlsx.ts) when `?format=xlsx`
// or the Accept header asks for one. Every role may read; unit officers see their units only.

import { parseMovesCursor, statistics } from '../../analytics/tables.js';
import type { Statistics } from '../../analytics/types.js';
import type { ServerCtx } from '../context.js';
import { askedLocale } from '../locale.js';
import { newRouter } from '../openapi.js';
import { badCursor } from '../pagination.js';
import { resolveQuery } from './query.js';
import { statisticsRoute } from './routes.js';
import { XLSX_TYPE } from './xlsx.js';

/** Whether the request asks for the workbook. */
const wantsXlsx = (format: string | undefined, accept: string | undefined) =>
  format === 'xlsx' || (format === undefined && (accept ?? '').includes(XLSX_TYPE));

export function statsRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(statisticsRoute, async (c) => {
    const { format, lang: _lang, ...q } = c.req.valid('query');
    // A cursor of another list, or none at all, is a 400 before anything is read.
    if (q.cursor !== undefined && !parseMovesCursor(q.cursor)) throw badCursor();
    const resolved = await resolveQuery(ctx, c.get('principal'), q);
    const stats: Statistics & { scopedTo?: string[] } = statistics(resolved.periods, { ...resolved.options, lang: c.get('locale') });
    if (resolved.scopedTo) stats.scopedTo = resolved.scopedTo;
    if (wantsXlsx(format, c.req.header('accept'))) {
      // Headings in zh unless the request says `lang=en` (the workbook is for 组织部门).
      const lang = askedLocale(c) ?? 'zh';
      // Written in a language worker (server/lang-pool/): 100,000 people's tables are seconds of exceljs.
      const bytes = await ctx.language({ kind: 'statistics-xlsx', stats, lang, owner: c.get('principal').orgId });
      const name = `${lang === 'zh' ? '统计分析' : 'statistics'}-${stats.scheme.id}-${stats.periods.map((p) => p.period).join('_')}.xlsx`;
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="statistics.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      }) as never;
    }
    return c.json(stats, 200);
  });
  return app;
}
