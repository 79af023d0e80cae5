// GET /api/evaluations (issue 14 item 7): the organization's stored evaluations, newest first, by
// scheme, version, period, subject and unit, a page at a time (server/pagination.ts). Rows
// summarize (who, what, when, how many subjects); the result itself is `GET /api/evaluations/:id`.
//
// - Order and cursor: evaluation ids are time-ordered (`ev_` + ms timestamp + random), so the id alone
//   is the sort key and the primary key serves the order.
// - `subject`: any subject of the evaluation (a cohort matches when the person is one of its
//   subjects). `subject_ids` is the JSON array written by JSON.stringify, so the subject's own JSON
//   text (`"A001"`) must occur in it: a cheap `contains` (instr) rules most rows out before the JSON
//   elements confirm.
// - `unit`: a cohort evaluation one of whose subjects was placed in that cohort (`cohort by`, the
//   result's `results[].cohort`); a single evaluation has no unit and never matches. The same
//   `contains` prefilter (`"cohort":"综合科"`, which can occur unescaped only as that key and value)
//   spares parsing results that cannot match. `subject` and `unit` are independent conditions.
// - Cost: a page walks the primary key newest first and stops when it is full, except that a scheme
//   or period filter with few candidates reads its index instead (`selective`). `subject` and `unit`
//   examine at most SCAN_MAX evaluations a page: a sparse filter may answer a short (even empty) page
//   with a `nextCursor`; the list ends only when `nextCursor` is null.
// - Another organization's evaluations are never listed; an unknown scheme lists nothing. A `period`
//   that is no period in any form is 422 `invalid_period` (../period-filter.ts: the rule of every
//   list and of statistics); one of another kind than the scheme's matches nothing.
// - A unit officer (an account with units) is refused (403 `unit_not_allowed`): an evaluation has no
//   roster and no units, so nothing tells which of its people are theirs; rounds are (GET /api/rounds).

import { createRoute, z } from '@hono/zod-openapi';
import { seesAllUnits } from '../accounts/scope.js';
import { U } from '../accounts/scope-messages.js';
import type { ServerCtx } from '../context.js';
import { dialectOf, type SqlDialect } from '../store/dialect.js';
import type { Param, Sql } from '../store/types.js';
import { ApiError, requestMismatch, said } from '../errors.js';
import { commonErrors, periodFilterErrors, json, newRouter, security } from '../openapi.js';
import { readPeriodFilters } from '../period-filter.js';
import { cursorParam, decodeCursor, encodeCursor, limitParam, pageOf, queryParam as q } from '../pagination.js';
import { F } from '../subjects/messages.js';

export const DEFAULT_LIMIT = 50;
const TAG = 'evaluations';
/** Subject ids shown per row (a cohort may have 10,000). */
const SHOWN_SUBJECTS = 10;

export const EvaluationListQuery = z.object({
  scheme: z.string().min(1).max(200).optional().openapi(q('scheme', 'the scheme (its name)')),
  version: z.string().regex(/^[1-9][0-9]{0,8}$/, 'a version number').transform(Number).optional()
    .openapi(q('version', 'a version number of `scheme` (needs `scheme`)')),
  period: z.string().trim().min(1).max(100).optional().openapi(q('period', 'the evaluation period (`2026-Q1`); surrounding spaces are ignored, as in evaluate')),
  subject: z.string().min(1).max(200).optional().openapi(q('subject', 'a subject id: evaluations of that person, alone or in a cohort')),
  unit: z.string().min(1).max(200).optional().openapi(q('unit', 'cohort evaluations in which some subject was placed in this cohort (`cohort by`)')),
  cursor: cursorParam(),
  limit: limitParam(DEFAULT_LIMIT, 'evaluations'),
});

export const EvaluationSummarySchema = z
  .object({
    id: z.string(),
    scheme: z.string(),
    version: z.number().int(),
    kind: z.enum(['single', 'cohort']),
    period: z.string().nullable(),
    subjectCount: z.number().int(),
    subjects: z.array(z.string()).openapi({ description: `the first ${SHOWN_SUBJECTS} subject ids, in input order` }),
    caller: z.string().openapi({ description: 'the token that evaluated (public id)' }),
    createdAt: z.string(),
    lang: z.enum(['zh', 'en']),
  })
  .openapi('EvaluationSummary');

export const listEvaluationsRoute = createRoute({
  method: 'get', path: '/evaluations', tags: ['evaluations'], security,
  summary: "The organization's stored evaluations, newest first, filtered; a page at a time",
  request: { query: EvaluationListQuery },
  responses: {
    200: json(z.object({ evaluations: z.array(EvaluationSummarySchema), nextCursor: z.string().nullable() }).openapi('EvaluationPage'), 'a page of evaluations'),
    ...commonErrors,
    ...periodFilterErrors,
  },
});

type Filter = Omit<z.infer<typeof EvaluationListQuery>, 'cursor' | 'limit'>;

interface Row { id: string; scheme: string; version: number; kind: 'single' | 'cohort'; period: string | null; subjectIds: string; caller: string; createdAt: string; lang: 'zh' | 'en' }

/** Below this many candidates a scheme or period filter reads its index and sorts them; above, the
 * list walks the primary key newest first and stops at a page (measured on 200,000 rows: the sort
 * of a whole organization took 4.7 s a page, the walk a few ms). */
const INDEXED_MAX = 20_000;

/** SQL text and its parameters, built together. */
interface Part { text: string; params: Param[] }

function versionsOf(orgId: number, f: Filter): Part {
  const text = `select v.id from scheme_versions v join schemes s on s.id = v.scheme_id
    where s.org_id = ? and s.name = ?${f.version === undefined ? '' : ' and v.n = ?'}`;
  return { text, params: f.version === undefined ? [orgId, f.scheme!] : [orgId, f.scheme!, f.version] };
}

/** Whether a scheme or period filter leaves few enough candidates to read by its index. */
async function selective(sql: Sql, orgId: number, f: Filter): Promise<boolean> {
  const few = async (where: Part) =>
    (await sql.get<{ n: number }>(`select count(*) as n from (select 1 from evaluations where ${where.text} limit ?) few`, [...where.params, INDEXED_MAX + 1]))!.n <= INDEXED_MAX;
  if (f.scheme !== undefined) {
    const versions = versionsOf(orgId, f);
    if (await few({ text: `version_id in (${versions.text})`, params: versions.params })) return true;
  }
  if (f.period === undefined) return false;
  return few({ text: 'period = ?', params: [f.period] });
}

function conditions(d: SqlDialect, orgId: number, f: Filter, after: string | undefined, indexed: boolean): Part[] {
  const where: Part[] = [{ text: 's.org_id = ?', params: [orgId] }];
  if (f.scheme !== undefined) where.push({ text: 's.name = ?', params: [f.scheme] });
  if (f.version !== undefined) where.push({ text: 'v.n = ?', params: [f.version] });
  // noIndex keeps the planner off the period index on the primary-key walk.
  if (f.period !== undefined) where.push({ text: `${indexed ? 'e.period' : d.noIndex('e.period')} = ?`, params: [f.period] });
  if (f.subject !== undefined) {
    where.push({ text: d.contains('e.subject_ids', '?'), params: [JSON.stringify(f.subject)] });
    where.push({ text: `exists (select 1 from ${d.jsonElements('e.subject_ids', 'j')} where ${d.element('j')} = ?)`, params: [f.subject] });
  }
  if (f.unit !== undefined) {
    where.push({ text: `e.kind = 'cohort' and ${d.contains('e.result', '?')}`, params: [`"cohort":${JSON.stringify(f.unit)}`] });
    where.push({ text: `exists (select 1 from ${d.jsonElements('e.result', 'j', 'results')} where ${d.jsonField(d.element('j'), 'cohort')} = ?)`, params: [f.unit] });
  }
  if (after !== undefined) where.push({ text: 'e.id < ?', params: [after] });
  return where;
}

/** The conditions joined by `and`. */
const all = (parts: Part[]): Part => ({ text: parts.map((p) => p.text).join(' and '), params: parts.flatMap((p) => p.params) });

/** Evaluations a page with `subject` or `unit` examines at most on the primary-key walk: those
 * filters read each row's JSON (a result ≈ 8 KB for a 30-person cohort: 74 µs a row), and a unit no
 * cohort has would otherwise read the whole table in one request (200,000 rows: 15 s). */
export const SCAN_MAX = 5_000;

/** The lowest id of the next SCAN_MAX evaluations of the organization below `after` (cheap
 * conditions only), when there are that many: the page looks no further. */
async function scanFloor(sql: Sql, orgId: number, f: Filter, after: string | undefined): Promise<string | undefined> {
  const d = dialectOf(sql);
  const where: Part[] = [{ text: 's.org_id = ?', params: [orgId] }];
  if (f.period !== undefined) where.push({ text: `${d.noIndex('e.period')} = ?`, params: [f.period] });
  if (after !== undefined) where.push({ text: 'e.id < ?', params: [after] });
  if (f.scheme !== undefined) where.push({ text: 's.name = ?', params: [f.scheme] });
  if (f.version !== undefined) where.push({ text: 'v.n = ?', params: [f.version] });
  const w = all(where);
  const join = d.orderedJoin;
  const row = (await sql.get<{ low: string | null; n: number }>(`select min(id) as low, count(*) as n from (
    select e.id from evaluations e ${join} scheme_versions v on v.id = e.version_id ${join} schemes s on s.id = v.scheme_id
    where ${w.text} order by e.id desc limit ?) walked`, [...w.params, SCAN_MAX]))!;
  return row.n === SCAN_MAX && row.low !== null ? row.low : undefined;
}

export async function listEvaluations(sql: Sql, orgId: number, f: Filter, limit: number, cursor?: string) {
  const d = dialectOf(sql);
  const after = cursor === undefined ? undefined : (decodeCursor(TAG, cursor, ['s'])[0] as string);
  const indexed = await selective(sql, orgId, f);
  const floor = !indexed && (f.subject !== undefined || f.unit !== undefined) ? await scanFloor(sql, orgId, f, after) : undefined;
  const where = conditions(d, orgId, f, after, indexed);
  if (floor !== undefined) where.push({ text: 'e.id >= ?', params: [floor] });
  const w = all(where);
  // An ordered join fixes the join order (SQLite's CROSS JOIN): evaluations outermost, walked by the primary key.
  const join = indexed ? 'join' : d.orderedJoin;
  const rows = await sql.all<Row>(`
    select e.id, s.name as scheme, v.n as version, e.kind, e.period, e.subject_ids as "subjectIds", t.public_id as caller,
      e.created_at as "createdAt", e.lang
    from evaluations e
      ${join} scheme_versions v on v.id = e.version_id
      ${join} schemes s on s.id = v.scheme_id
      ${join} tokens t on t.id = e.token_id
    where ${w.text}
    order by e.id desc
    limit ?`, [...w.params, limit + 1]);
  const page = pageOf(rows, limit, TAG, (r) => [r.id]);
  // The window ended before the page filled: the next page goes on below it (it may be short, even
  // empty, with a cursor; the list ends when nextCursor is null).
  if (page.next === null && floor !== undefined) page.next = encodeCursor(TAG, [floor]);
  return {
    evaluations: page.rows.map(({ subjectIds, ...r }) => {
      const ids = JSON.parse(subjectIds) as string[];
      return { ...r, subjectCount: ids.length, subjects: ids.slice(0, SHOWN_SUBJECTS) };
    }),
    nextCursor: page.next,
  };
}

export function evaluationListRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(listEvaluationsRoute, async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    // Evaluations are cohort-wide (no roster, no units): a unit officer may not list them.
    if (!seesAllUnits(c.get('principal'))) throw new ApiError(403, 'unit_not_allowed', U.evaluationsNeedAllUnits());
    if (filter.version !== undefined && filter.scheme === undefined) {
      throw new ApiError(400, 'invalid_request', requestMismatch('query'), [{ path: 'version', ...said(F.versionNeedsScheme()) }]);
    }
    await readPeriodFilters(ctx, c.get('principal').orgId, filter.scheme, { period: filter.period }); // no period in any form: 422
    return c.json(await listEvaluations(ctx.store, c.get('principal').orgId, filter, limit ?? DEFAULT_LIMIT, cursor), 200);
  });
  return app;
}
