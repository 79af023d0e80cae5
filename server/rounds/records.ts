// What is recorded about a round besides its revisions (issue 16, U6 M-3; table `round_records`,
// migration 0012, append-only): a 公示 entered late — the 公示期 as given, who entered it and when,
// and why — and a voided (作废) round, whose record outlives the round's deleted rows. Plain
// statements, run inside the caller's transaction; and the two ways a record is shown — a round's
// `publicityRecord`, the 404 of a voided id — here, not beside the steps that write them, so that
// round-common.ts (which shows both) imports no step (void.ts, publicity-late.ts import it).

import type { Principal, TokenKind } from '../auth/tokens.js';
import type { RoundRow, roundRecords } from '../db/schema.js';
import { chinaDayOf } from './china-day.js';
import { L } from './late-messages.js';
import type { Sql } from '../store/types.js';
import { BY_NAME_SQL } from './store.js';

/** round_records.kind, as the table declares it. */
export type RecordKind = typeof roundRecords.$inferSelect['kind'];

/** A record as the API shows it: who (the account's name, else the token's public id) and when. */
export interface RoundRecordView {
  kind: RecordKind;
  reason: string;
  at: string;
  by: string;
  account: string | null;
  /** The token's own name when it is a bearer token, and its kind (store.ts BY_NAME_SQL). */
  byName: string | null;
  byKind: TokenKind;
  detail: Record<string, unknown>;
}

/** Records it, inside the caller's transaction: one statement. Who made it, as the API shows it,
 * is read back only where it is answered (void.ts: latestRecord); publicize's late 公示 answers the
 * round, not the record. */
export async function insertRecord(sql: Sql, p: Principal, roundId: string, kind: RecordKind, detail: Record<string, unknown>, reason: string, at: string): Promise<void> {
  await sql.run(
    'INSERT INTO round_records (org_id, round_id, kind, detail, reason, token_id, account_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [p.orgId, roundId, kind, JSON.stringify(detail), reason, p.tokenId, p.accountId ?? null, at],
  );
}

const LATEST_RECORD = `SELECT r.kind, r.reason, r.at, r.detail, t.public_id AS by, a.name AS account, ${BY_NAME_SQL} AS "byName", t.kind AS "byKind"
  FROM round_records r JOIN tokens t ON t.id = r.token_id LEFT JOIN accounts a ON a.id = r.account_id
  WHERE r.org_id = ? AND r.round_id = ? AND r.kind = ? ORDER BY r.id DESC LIMIT 1`;

/** The newest record of `kind` for the round, if any. */
export async function latestRecord(sql: Sql, orgId: number, roundId: string, kind: RecordKind): Promise<RoundRecordView | undefined> {
  const row = await sql.get<Omit<RoundRecordView, 'detail'> & { detail: string }>(LATEST_RECORD, [orgId, roundId, kind]);
  return row && { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
}

/** Who made a record, in words: the account's name, else the bearer token's own name, else its public id. */
export const recordBy = (r: Pick<RoundRecordView, 'by' | 'account' | 'byName'>): string => r.account ?? r.byName ?? r.by;

/** The round's late 公示 as the API shows it (`publicityRecord`): only while it still describes the
 * round's 公示 (a later extension moved `until`). */
export async function publicityRecord(sql: Sql, r: Pick<RoundRow, 'id' | 'orgId' | 'status' | 'publicityUntil'>) {
  if (r.status !== 'publicity' && r.status !== 'final') return undefined;
  const rec = await latestRecord(sql, r.orgId, r.id, 'publicity_late');
  if (!rec || rec.detail.until !== r.publicityUntil) return undefined;
  return { from: String(rec.detail.from), until: String(rec.detail.until), reason: rec.reason, at: rec.at, by: rec.by, account: rec.account, byName: rec.byName, byKind: rec.byKind };
}

/** The words of a voided round's record, for the 404 of its id: when (China's day), by whom, why. */
export async function voidedWords(sql: Sql, orgId: number, id: string) {
  const rec = await latestRecord(sql, orgId, id, 'voided');
  if (!rec) return undefined;
  const name = typeof rec.detail.name === 'string' ? rec.detail.name : id;
  return L.roundVoided({ id: name, at: chinaDayOf(rec.at), by: recordBy(rec), reason: rec.reason });
}
