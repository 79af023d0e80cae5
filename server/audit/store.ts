// Reading the audit log: one organization's records, newest first, by the index (org_id, at).
// The cursor is the last record's (at, id) (server/pagination.ts), so a page never repeats or skips
// a record, however many arrive meanwhile.

import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Conn } from '../db/client.js';
import { auditLog, type AuditRow } from '../db/schema.js';
import { decodeCursor, pageOf } from '../pagination.js';

export interface AuditFilter {
  from?: string;
  to?: string;
  account?: string;
  action?: string;
  target?: string;
}

const TAG = 'audit';

function decodeAuditCursor(text: string): { at: string; id: number } {
  const [at, id] = decodeCursor(TAG, text, ['s', 'n']);
  return { at: at as string, id: id as number };
}

function targetIs(target: string): SQL {
  return target.startsWith('evaluation:') ? eq(auditLog.evaluation, target.slice('evaluation:'.length)) : eq(auditLog.target, target);
}

/** Up to `limit` records and the cursor of the next page (null on the last). */
export function listAudit(db: Conn, orgId: number, f: AuditFilter, limit: number, cursor?: string): { rows: AuditRow[]; next: string | null } {
  const after = cursor === undefined ? undefined : decodeAuditCursor(cursor);
  const where = [
    eq(auditLog.orgId, orgId),
    f.from === undefined ? undefined : gte(auditLog.at, f.from),
    f.to === undefined ? undefined : lt(auditLog.at, f.to),
    f.account === undefined ? undefined : or(eq(auditLog.actor, f.account), eq(auditLog.account, f.account)),
    f.action === undefined ? undefined : eq(auditLog.action, f.action),
    f.target === undefined ? undefined : targetIs(f.target),
    // `at <= …` alone can use the index; the `or` settles records of the same instant by id.
    after && lte(auditLog.at, after.at),
    after && or(lt(auditLog.at, after.at), lt(auditLog.id, after.id)),
  ];
  const rows = db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1)
    .all();
  return pageOf(rows, limit, TAG, (r) => [r.at, r.id]);
}
