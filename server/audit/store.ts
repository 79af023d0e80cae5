// Reading the audit log: one organization's records, newest first, by the index (org_id, at).
// The cursor is the last record's (at, id) (server/pagination.ts), so a page never repeats or skips
// a record, however many arrive meanwhile.

import type { AuditRow } from '../db/schema.js';
import { decodeCursor, pageOf } from '../pagination.js';
import type { Param, Sql } from '../store/types.js';

export interface AuditFilter {
  from?: string;
  to?: string;
  account?: string;
  action?: string;
  target?: string;
}

const TAG = 'audit';

/** An AuditRow's columns. */
const COLUMNS = `id, at, org_id AS "orgId", actor, actor_kind AS "actorKind", account, action, target, version, evaluation, status,
  request_id AS "requestId", address`;

function decodeAuditCursor(text: string): { at: string; id: number } {
  const [at, id] = decodeCursor(TAG, text, ['s', 'n']);
  return { at: at as string, id: id as number };
}

/** The conditions of a filter and a cursor, in a fixed order (one SQL text per combination). */
function conditions(orgId: number, f: AuditFilter, after: { at: string; id: number } | undefined): { where: string[]; params: Param[] } {
  const where = ['org_id = ?'];
  const params: Param[] = [orgId];
  const add = (condition: string, ...values: Param[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (f.from !== undefined) add('at >= ?', f.from);
  if (f.to !== undefined) add('at < ?', f.to);
  if (f.account !== undefined) add('(actor = ? OR account = ?)', f.account, f.account);
  if (f.action !== undefined) add('action = ?', f.action);
  if (f.target?.startsWith('evaluation:')) add('evaluation = ?', f.target.slice('evaluation:'.length));
  else if (f.target !== undefined) add('target = ?', f.target);
  // `at <= …` alone can use the index; the `or` settles records of the same instant by id.
  if (after) add('at <= ? AND (at < ? OR id < ?)', after.at, after.at, after.id);
  return { where, params };
}

/** Up to `limit` records and the cursor of the next page (null on the last). */
export async function listAudit(sql: Sql, orgId: number, f: AuditFilter, limit: number, cursor?: string): Promise<{ rows: AuditRow[]; next: string | null }> {
  const after = cursor === undefined ? undefined : decodeAuditCursor(cursor);
  const { where, params } = conditions(orgId, f, after);
  const rows = await sql.all<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ?`,
    [...params, limit + 1],
  );
  return pageOf(rows, limit, TAG, (r) => [r.at, r.id]);
}
