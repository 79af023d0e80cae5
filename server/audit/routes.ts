// Route definition of GET /api/audit (admin of the organization): the organization's audit records,
// newest first, filtered by time, account, action and target, paginated by cursor (API.md:
// `?from=&to=&account=`, lists take `cursor` and `limit` ≤ 500).

import { createRoute, z } from '@hono/zod-openapi';
import { defineMessages } from '../../dsl/i18n/index.js';
import { ownWords } from '../zod-issues.js';
import { requireRole } from '../auth/middleware.js';
import { commonErrors, periodFilterErrors, json, security } from '../openapi.js';
import { AUDIT_ACTIONS } from './actions.js';
import { cursorParam, limitParam } from '../pagination.js';

export { MAX_LIMIT } from '../pagination.js';
export const DEFAULT_LIMIT = 100;

const AM = defineMessages('auditQuery', {
  en: {
    time: 'a date (`2026-12-07`, from its UTC midnight) or a date and time to the second with `Z` or an offset (`2026-12-07T08:00:00Z`, `2026-12-07T16:00:00+08:00`)',
    plusAsSpace: 'a date and time whose offset lost its `+`: in a query string `+` stands for a space, so write it as `%2B` (`2026-12-07T16:00:00%2B08:00`) or give the time in UTC with `Z` (`2026-12-07T08:00:00Z`)',
  },
  zh: {
    time: '须为日期（如“2026-12-07”，自该日“UTC”零时起）或精确到秒、带“Z”或时差的日期时间（如“2026-12-07T08:00:00Z”“2026-12-07T16:00:00+08:00”）',
    plusAsSpace: '日期时间的时差缺了“+”：查询参数中的“+”表示空格，请写作“%2B”（如“2026-12-07T16:00:00%2B08:00”），或改用带“Z”的“UTC”时间（如“2026-12-07T08:00:00Z”）',
  },
});

const TIME_WORDS = ownWords(AM.time()), PLUS_WORDS = ownWords(AM.plusAsSpace());
/** `2026-12-01T08:00:00 08:00`: an offset's `+` sent raw, decoded as a space (black-box trial, session
 * 10: the refusal named the forms, which the sender believed they had written). */
const LOST_PLUS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)? \d{2}(?::?\d{2})?$/;
const timeWords = (issue: { input?: unknown }): string => (typeof issue.input === 'string' && LOST_PLUS.test(issue.input) ? PLUS_WORDS : TIME_WORDS);

/** A day (`2025-01-31`, from its UTC midnight) or an instant with its offset, as the stored ISO text.
 * A refusal names both forms (S10: `from=yesterday` was "matches none of the allowed forms"); an
 * offset whose `+` arrived as a space, how to write it (`%2B`). */
const Time = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: timeWords })
  .transform((s) => new Date(s).toISOString());

const query = (name: string, description: string) => ({ param: { name, in: 'query' as const }, description });

export const AuditQuery = z.object({
  from: Time.optional().openapi(query('from', 'records at or after this time: `2026-12-07` (its UTC midnight) or `2026-12-07T08:00:00Z` / `2026-12-07T16:00:00+08:00` (to the second, with `Z` or an offset; in a query string an offset\'s `+` is written `%2B`, a bare `+` being a space)')),
  to: Time.optional().openapi(query('to', 'records before this time, in the forms of `from`')),
  account: z.string().min(1).max(100).optional().openapi(query('account', 'the acting token (its public id, `tok_…`) or account (its name)')),
  action: z.enum(AUDIT_ACTIONS).optional().openapi(query('action', 'one action')),
  target: z.string().min(1).max(300).optional().openapi(
    query('target', '`scheme:<id>` (the scheme, its versions and evaluations), `evaluation:<id>`, `token:<id>`, or `schemes`, `tokens`, `audit`'),
  ),
  cursor: cursorParam(),
  limit: limitParam(DEFAULT_LIMIT),
});

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string().nullable().openapi({ description: 'the token (public id); null for a refused credential' }),
    actorKind: z.string().nullable().openapi({ description: '`bearer` or `session`; for a refused credential the kind tried (`signin` for a code)' }),
    account: z.string().nullable().openapi({ description: 'the account the token acted for (its name at the time); null for a token without one' }),
    action: z.enum(AUDIT_ACTIONS),
    target: z.string().nullable(),
    version: z.number().int().nullable(),
    evaluation: z.string().nullable(),
    status: z.number().int().openapi({ description: 'the HTTP status answered' }),
    requestId: z.string().nullable(),
    address: z.string().nullable().openapi({ description: 'the client address' }),
  })
  .openapi('AuditEntry');

export const listAudit = createRoute({
  method: 'get', path: '/audit', tags: ['audit'], security, middleware: [requireRole('admin')],
  summary: "The organization's audit log: who read, evaluated or changed what, and when (newest first)",
  request: { query: AuditQuery },
  responses: {
    200: json(z.object({ records: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }).openapi('AuditPage'), 'a page of records'),
    ...commonErrors,
    ...periodFilterErrors,
  },
});
