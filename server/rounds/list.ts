// GET /api/rounds (issue 14 item 7): the organization's rounds (考核批次), newest first, by scheme,
// period, status and unit, a page at a time (server/pagination.ts). Round ids are time-ordered
// (`rd_` + ms timestamp + random), so the id is the sort key and the cursor.
//
// - `unit`: a round made for that unit (`rounds.unit`) or one whose roster places someone in it.
// - Every role may list; another organization's rounds are never listed; an unknown scheme lists
//   nothing. A `period` that is no period in any form is 422 `invalid_period` (../period-filter.ts:
//   the rule of every list and of statistics); one of another kind than the scheme's matches nothing. A unit officer (an account with units) lists only rounds made for one of their units or
//   whose roster places someone in one (accounts/scope.ts). A row summarizes the round (its people are `GET /api/rounds/:id`, its documents
//   `GET /api/rounds/:id/export`).

import { createRoute, z } from '@hono/zod-openapi';
import { unitFilter } from '../accounts/scope.js';
import type { ServerCtx } from '../context.js';
import type { Param, Sql } from '../store/types.js';
import { commonErrors, periodFilterErrors, json, newRouter, security } from '../openapi.js';
import { readPeriodFilters } from '../period-filter.js';
import { cursorParam, decodeCursor, limitParam, pageOf, queryParam as q } from '../pagination.js';
import { ROUND_STATUSES } from './status.js';

export const DEFAULT_LIMIT = 50;
const TAG = 'rounds';

export const RoundListQuery = z.object({
  scheme: z.string().min(1).max(200).optional().openapi(q('scheme', 'the scheme (its name)')),
  period: z.string().trim().min(1).max(100).optional().openapi(q('period', 'the round\'s period (`2026-Q1`); surrounding spaces are ignored, as when the round was created')),
  status: z.enum(ROUND_STATUSES).optional().openapi(q('status', '`open`, `evaluated`, `publicity` (公示) or `final`')),
  unit: z.string().min(1).max(200).optional().openapi(q('unit', 'rounds made for this unit or whose roster places someone in it')),
  cursor: cursorParam(),
  limit: limitParam(DEFAULT_LIMIT, 'rounds'),
});

export const RoundSummarySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    scheme: z.string(),
    version: z.number().int(),
    period: z.string(),
    unit: z.string().nullable(),
    status: z.enum(ROUND_STATUSES),
    revision: z.number().int().openapi({ description: 'the newest revision (0 before the first evaluation)' }),
    outOfDate: z.boolean().openapi({ description: 'a round it rolled up was amended after it was evaluated' }),
    members: z.number().int().openapi({ description: 'people on the roster' }),
    publicityUntil: z.string().nullable(),
    createdAt: z.string(),
    finalizedAt: z.string().nullable(),
  })
  .openapi('RoundSummary');

export const listRoundsRoute = createRoute({
  method: 'get', path: '/rounds', tags: ['rounds'], security,
  summary: "The organization's rounds (考核批次), newest first, filtered; a page at a time",
  request: { query: RoundListQuery },
  responses: {
    200: json(z.object({ rounds: z.array(RoundSummarySchema), nextCursor: z.string().nullable() }).openapi('RoundPage'), 'a page of rounds'),
    ...commonErrors,
    ...periodFilterErrors,
  },
});

type Filter = Omit<z.infer<typeof RoundListQuery>, 'cursor' | 'limit'>;
type Row = Omit<z.infer<typeof RoundSummarySchema>, 'outOfDate'> & { outOfDate: number };

/** The WHERE conditions (SQL text with `?`) and their values, in the order they appear. */
function conditions(orgId: number, f: Filter, after: string | undefined, units: readonly string[] | null): { where: string[]; params: Param[] } {
  const where = ['r.org_id = ?'];
  const params: Param[] = [orgId];
  if (units !== null) {
    const list = units.length === 0 ? '(null)' : `(${units.map(() => '?').join(', ')})`;
    where.push(`(r.unit in ${list} or exists (select 1 from round_members m where m.round_id = r.id and m.unit in ${list}))`);
    params.push(...units, ...units);
  }
  const equal = (condition: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(condition);
    params.push(value);
  };
  equal('s.name = ?', f.scheme);
  equal('r.period = ?', f.period);
  equal('r.status = ?', f.status);
  if (f.unit !== undefined) {
    where.push('(r.unit = ? or exists (select 1 from round_members m where m.round_id = r.id and m.unit = ?))');
    params.push(f.unit, f.unit);
  }
  equal('r.id < ?', after);
  return { where, params };
}

/** `units`: the caller's (accounts/scope.ts `unitFilter`), null for every unit. */
export async function listRounds(sql: Sql, orgId: number, f: Filter, limit: number, cursor?: string, units: readonly string[] | null = null) {
  const after = cursor === undefined ? undefined : (decodeCursor(TAG, cursor, ['s'])[0] as string);
  const { where, params } = conditions(orgId, f, after, units);
  const rows = await sql.all<Row>(`
    select r.id, r.name, s.name as scheme, v.n as version, r.period, r.unit, r.status, r.revision, r.out_of_date as "outOfDate",
      (select count(*) from round_members m where m.round_id = r.id) as members,
      r.publicity_until as "publicityUntil", r.created_at as "createdAt", r.finalized_at as "finalizedAt"
    from rounds r
      join schemes s on s.id = r.scheme_id
      join scheme_versions v on v.id = r.version_id
    where ${where.join(' and ')}
    order by r.id desc
    limit ?`, [...params, limit + 1]);
  const page = pageOf(rows, limit, TAG, (r) => [r.id]);
  return { rounds: page.rows.map((r) => ({ ...r, outOfDate: r.outOfDate === 1 })), nextCursor: page.next };
}

export function roundListRouter(ctx: ServerCtx) {
  const app = newRouter();
  app.openapi(listRoundsRoute, async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    const p = c.get('principal');
    await readPeriodFilters(ctx, p.orgId, filter.scheme, { period: filter.period }); // no period in any form: 422
    return c.json(await listRounds(ctx.store, p.orgId, filter, limit ?? DEFAULT_LIMIT, cursor, unitFilter(p)), 200);
  });
  return app;
}
