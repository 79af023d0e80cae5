// Routes of a person's results (issue 14): `GET /api/subjects/:id/results` (any role; a unit officer
// sees their units' rows) and `POST /api/subjects/import` (authors: results from before kaohe).
// The work is in results.ts and import.ts.

import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { auditNote } from '../audit/actions.js';
import { requireRole } from '../auth/middleware.js';
import type { ServerCtx } from '../context.js';
import { commonErrors, periodFilterErrors, conflictError, json, jsonBody, newRouter, notFoundError, security, unprocessableError } from '../openapi.js';
import { queryParam as q } from '../pagination.js';
import { readPeriodFilters } from '../period-filter.js';
import { subjectIdSchema } from '../subject-id.js';
import { importResults, limitImportRows, MAX_IMPORT_ROWS } from './import.js';
import { subjectResults } from './results.js';

const tags = ['subjects'];
/** As every way in takes an id (../subject-id.ts). */
const SubjectId = subjectIdSchema();

export const SubjectParams = z.object({
  id: SubjectId.openapi({ param: { name: 'id', in: 'path' }, example: 'A001' }),
});

export const SubjectResultsQuery = z.object({
  scheme: z.string().min(1).max(200).optional().openapi(q('scheme', 'one scheme (its name)')),
  from: z.string().min(1).max(100).optional().openapi(q('from', 'results of periods starting on or after this period (`2024`, `2026-Q1`, `2026-03`)')),
  to: z.string().min(1).max(100).optional().openapi(q('to', 'results of periods ending on or before this period (`to=2026` includes its quarters and months)')),
});

const STATUSES = ['imported', 'evaluated', 'publicity', 'final'] as const;

export const PersonResultSchema = z
  .object({
    scheme: z.string(),
    period: z.string(),
    score: z.number().nullable().openapi({ description: 'the reported score, at the scheme\'s precision as shown in 公示' }),
    exact: z.string().nullable().openapi({ description: 'the exact score as a fraction or decimal text (`1769/20`)' }),
    grade: z.string().nullable().openapi({ description: 'null: no grade (不定等次, or an imported score without one)' }),
    unit: z.string().nullable(),
    status: z.enum(STATUSES).openapi({ description: '`imported` (from before kaohe), `final`, or the status of a round not final yet (`evaluated`, `publicity`)' }),
    final: z.boolean(),
    imported: z.boolean(),
    round: z.object({ id: z.string(), name: z.string().nullable(), status: z.string(), revision: z.number().int().nullable() }).nullable(),
    display: z.record(z.string(), z.unknown()).optional().openapi({ description: "the roster's display fields of the person in that round (姓名, 职务…); absent for imported results and people listed without any" }),
    at: z.string().openapi({ description: 'when the row was stored' }),
  })
  .openapi('PersonResult');

export const subjectResultsRoute = createRoute({
  method: 'get', path: '/subjects/{id}/results', tags, security,
  summary: "A person's results across schemes and periods, oldest first — by the period's first day, the longer period first on the same day (2026, 2026-Q1, 2026-01, …, 2026-Q2) — (final, imported, and current rounds marked with their status)",
  request: { params: SubjectParams, query: SubjectResultsQuery },
  responses: {
    200: json(z.object({ subject: z.string(), results: z.array(PersonResultSchema) }).openapi('PersonResults'), "the person's results"),
    ...commonErrors,
    ...periodFilterErrors,
  },
});

const ImportRowSchema = z
  .object({
    subject: SubjectId,
    period: z.string().min(1).max(100).openapi({ description: "by the scheme's `period` kind: `2025`, `2025-Q4`, `2025-12`" }),
    grade: z.string().min(1).max(100).nullable().optional().openapi({ description: "a grade name of the scheme's newest published version" }),
    score: z.union([z.number(), z.string().max(40)]).nullable().optional().openapi({ description: 'from 0 to the scheme\'s full score; a number or a decimal text (`88.45`)' }),
    unit: z.string().min(1).max(200).nullable().optional(),
  })
  .strict()
  .openapi('ImportedResult');

export const ImportBodySchema = z
  .object({ scheme: z.string().min(1).max(200), results: z.array(ImportRowSchema).min(1) })
  .strict()
  .openapi('ImportBody', { example: { scheme: '年度考核', results: [{ subject: 'A001', period: '2025', grade: '优秀', score: 92.5, unit: '综合科' }] } });

/** The row cap before the body's validator walks the rows (H6 F3: 130,000 rows of `0` overflowed
 * zod's stack, a 500). The JSON read here is the one the validator reads (Hono caches it); a body
 * that is not JSON, or has no list of results, is left for the validator to answer. */
const importRowCap: MiddlewareHandler = async (c, next) => {
  if (/json/i.test(c.req.header('content-type') ?? '')) {
    const body: unknown = await c.req.json().catch(() => undefined);
    const rows = typeof body === 'object' && body !== null ? (body as { results?: unknown }).results : undefined;
    if (Array.isArray(rows)) limitImportRows(rows.length);
  }
  await next();
};

export const importRoute = createRoute({
  method: 'post', path: '/subjects/import', tags, security, middleware: [requireRole('author'), importRowCap],
  summary: 'Import results from before kaohe (per person, period, grade, score), all or nothing; marked imported',
  description: `At most ${MAX_IMPORT_ROWS} results. Checked against the scheme's newest published version (period form, grade names, score within 0…full score); every problem is answered by path (422 \`invalid_import\`) and nothing is stored. Re-importing a (subject, period) replaces the earlier imported row.`,
  request: { body: jsonBody(ImportBodySchema) },
  responses: {
    200: json(z.object({ scheme: z.string(), version: z.number().int(), imported: z.number().int(), replaced: z.number().int().openapi({ description: 'earlier imported rows replaced' }), outOfDate: z.array(z.string()).optional().openapi({ description: 'rounds that had read a replaced row whose grade or score changed: flagged out of date (a source refresh reads the new row)' }) }).openapi('ImportAnswer'), 'stored'),
    ...commonErrors, ...notFoundError, ...conflictError, ...unprocessableError,
  },
});

export function subjectsRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(subjectResultsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const p = c.get('principal');
    const { from, to } = await readPeriodFilters(ctx, p.orgId, q.scheme, { from: q.from, to: q.to });
    return c.json({ subject: id, results: await subjectResults(ctx.store, p, id, { scheme: q.scheme, from, to }) }, 200);
  });
  app.openapi(importRoute, async (c) => {
    const body = c.req.valid('json');
    auditNote(c, { target: `scheme:${body.scheme}` });
    return c.json(await importResults(ctx, c.get('principal'), body), 200);
  });
  return app;
}
