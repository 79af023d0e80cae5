// Stored rounds (issue 14): the round, its roster, submitted input parts (one row per field, the
// newest wins, older rows kept as history), the requests that sent them (for Idempotency-Key), its
// revisions, and the subject_results rows a revision leaves. Plain SQL on the store (issue 17:
// server/store/types.ts) over the tables of server/db/schema.ts; every function takes what it reads
// and writes through — the store, or the transaction the caller opened (handlers open one per write,
// under the round's lock) — and runs inside it. Rows of a roster, a batch of parts or a revision's
// results go in as multi-row INSERTs (a round trip each on PostgreSQL, not one per row).

import { randomBytes } from 'node:crypto';
import type { TokenKind } from '../auth/tokens.js';
import type { RevisionRow, RoundMemberRow, RoundRow } from '../db/schema.js';
import { dialectOf } from '../store/dialect.js';
import type { Param, Sql } from '../store/types.js';

/** The input_parts field under which a subject's committee decision is stored (never a scheme input:
 * input names cannot start with `@`). */
export const DECISION_FIELD = '@decision';

/** Time-ordered ids like evaluations': `rd_` + ms timestamp + 48 random bits. */
export const newRoundId = (): string => 'rd_' + Date.now().toString(16).padStart(12, '0') + randomBytes(6).toString('hex');
export const newBatchId = (): string => 'ib_' + Date.now().toString(16).padStart(12, '0') + randomBytes(6).toString('hex');

/** Bound values per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters,
 * and few distinct statement texts (a full chunk, and the last one's length). */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 500;

/** Inserts `rows` (each `columns.length` values) in chunks of at most MAX_ROWS rows. */
export async function insertRows(sql: Sql, into: string, columns: readonly string[], rows: readonly (readonly Param[])[]): Promise<void> {
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await sql.run(`INSERT INTO ${into} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

const ROUND_COLS = `id, org_id AS "orgId", scheme_id AS "schemeId", version_id AS "versionId", period, unit, name, status,
  publicity_until AS "publicityUntil", appeal_days AS "appealDays", revision, out_of_date AS "outOfDate", created_by AS "createdBy",
  created_at AS "createdAt", finalized_at AS "finalizedAt"`;

const bool = <T extends Record<string, unknown>>(row: T, ...keys: (keyof T)[]): T => {
  for (const k of keys) (row as Record<string, unknown>)[k as string] = row[k] === 1 || row[k] === true;
  return row;
};

const GET_ROUND = `SELECT ${ROUND_COLS} FROM rounds WHERE id = ? AND org_id = ?`;

/** `forUpdate`: read to change it in the same transaction — on PostgreSQL the row stays locked until
 * the commit (dialect.ts), so a concurrent writer of the round waits and then reads the new row. */
export async function getRound(sql: Sql, orgId: number, id: string, forUpdate = false): Promise<RoundRow | undefined> {
  const row = await sql.get<RoundRow>(forUpdate ? GET_ROUND + dialectOf(sql).forUpdate : GET_ROUND, [id, orgId]);
  return row && bool(row, 'outOfDate');
}

export async function insertRound(sql: Sql, r: Omit<RoundRow, 'revision' | 'outOfDate' | 'publicityUntil' | 'finalizedAt'>): Promise<void> {
  await sql.run(
    `INSERT INTO rounds (id, org_id, scheme_id, version_id, period, unit, name, status, appeal_days, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.id, r.orgId, r.schemeId, r.versionId, r.period, r.unit, r.name, r.status, r.appealDays, r.createdBy, r.createdAt],
  );
}

const ROUND_SET: Record<string, string> = { status: 'status', revision: 'revision', publicityUntil: 'publicity_until', finalizedAt: 'finalized_at' };

export async function updateRound(sql: Sql, id: string, set: Partial<Pick<RoundRow, 'status' | 'revision' | 'publicityUntil' | 'finalizedAt'>>): Promise<void> {
  // Keys in a fixed order: one statement text per set of columns.
  const keys = (Object.keys(ROUND_SET) as (keyof typeof set)[]).filter((k) => k in set);
  if (keys.length === 0) return;
  await sql.run(`UPDATE rounds SET ${keys.map((k) => `${ROUND_SET[k]} = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => set[k] ?? null), id]);
}

/** Flags the rounds out of date: a source they read changed (stale-imports.ts, stale-arrivals.ts). */
export async function markOutOfDate(sql: Sql, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += MAX_ROWS) {
    const chunk = ids.slice(i, i + MAX_ROWS);
    await sql.run(`UPDATE rounds SET out_of_date = 1 WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
  }
}

const MEMBERS = `SELECT round_id AS "roundId", subject_id AS "subjectId", unit, status, counts_in_base AS "countsInBase", display, position
  FROM round_members WHERE round_id = ? ORDER BY position`;

export async function members(sql: Sql, roundId: string): Promise<RoundMemberRow[]> {
  const rows = await sql.all<RoundMemberRow>(MEMBERS, [roundId]);
  return rows.map((r) => bool(r, 'countsInBase'));
}

export type NewMember = Omit<RoundMemberRow, 'roundId' | 'position'>;

const MEMBER_COLUMNS = ['round_id', 'subject_id', 'unit', 'status', 'counts_in_base', 'display', 'position'];

export async function replaceRoster(sql: Sql, roundId: string, list: NewMember[]): Promise<void> {
  await sql.run('DELETE FROM round_members WHERE round_id = ?', [roundId]);
  await insertRows(sql, 'round_members', MEMBER_COLUMNS, list.map((m, i) => [roundId, m.subjectId, m.unit, m.status, m.countsInBase ? 1 : 0, m.display, i]));
}

/** The newest submitted value of every field of every person of the round (JSON text) — of `fields`
 * only, when given. */
export async function newestParts(sql: Sql, roundId: string, fields?: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (fields?.length === 0) return out;
  const only = fields ? ` AND field IN (${fields.map(() => '?').join(', ')})` : '';
  const rows = await sql.all<{ s: string; f: string; v: string }>(
    `SELECT p.subject_id AS s, p.field AS f, p.value AS v FROM input_parts p
     JOIN (SELECT MAX(id) AS id FROM input_parts WHERE round_id = ?${only} GROUP BY subject_id, field) n ON n.id = p.id`,
    [roundId, ...(fields ?? [])],
  );
  for (const r of rows) {
    let m = out.get(r.s);
    if (!m) out.set(r.s, (m = new Map()));
    m.set(r.f, r.v);
  }
  return out;
}

export interface NewPart { subjectId: string; field: string; value: string }

const PART_COLUMNS = ['round_id', 'subject_id', 'field', 'value', 'part', 'batch', 'token_id', 'account_id', 'at'];

/** The parts in the order given: their ids grow with it (the newest per field wins by id). */
export async function insertParts(sql: Sql, roundId: string, batch: string, part: string | null, tokenId: number, accountId: number | null, at: string, parts: NewPart[]): Promise<void> {
  await insertRows(sql, 'input_parts', PART_COLUMNS, parts.map((p) => [roundId, p.subjectId, p.field, p.value, part, batch, tokenId, accountId, at]));
}

export async function insertBatch(sql: Sql, b: { id: string; roundId: string; tokenId: number; key?: string; requestHash?: string; response: string; at: string }): Promise<void> {
  await sql.run(
    'INSERT INTO input_batches (id, round_id, token_id, idempotency_key, request_hash, response, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [b.id, b.roundId, b.tokenId, b.key ?? null, b.requestHash ?? null, b.response, b.at],
  );
}

export function findBatch(sql: Sql, roundId: string, tokenId: number, key: string): Promise<{ requestHash: string | null; response: string } | undefined> {
  return sql.get<{ requestHash: string | null; response: string }>(
    'SELECT request_hash AS "requestHash", response FROM input_batches WHERE round_id = ? AND token_id = ? AND idempotency_key = ?',
    [roundId, tokenId, key],
  );
}

/** The name of the token `t` (a bearer token's `--name`; a browser session's or sign-in code's is a
 * fixed word, not a person's: null), for naming who did something without an account (U6 L-5). */
export const BY_NAME_SQL = "CASE WHEN t.kind = 'bearer' THEN t.name END";

export interface RevisionInfo {
  n: number; createdAt: string; amendmentId: number | null; by: string; account: string | null;
  byName: string | null; byKind: TokenKind;
}

const REVISION_LIST = `SELECT r.n, r.created_at AS "createdAt", r.amendment_id AS "amendmentId", t.public_id AS by, a.name AS account,
    ${BY_NAME_SQL} AS "byName", t.kind AS "byKind"
  FROM revisions r JOIN tokens t ON t.id = r.token_id LEFT JOIN accounts a ON a.id = r.account_id
  WHERE r.round_id = ? ORDER BY r.n`;

export function revisionList(sql: Sql, roundId: string): Promise<RevisionInfo[]> {
  return sql.all<RevisionInfo>(REVISION_LIST, [roundId]);
}

const REVISION_COLS = `round_id AS "roundId", n, inputs, result, exact, sources, submitted, amendment_id AS "amendmentId", token_id AS "tokenId",
  account_id AS "accountId", created_at AS "createdAt"`;

export function getRevision(sql: Sql, roundId: string, n: number): Promise<RevisionRow | undefined> {
  return sql.get<RevisionRow>(`SELECT ${REVISION_COLS} FROM revisions WHERE round_id = ? AND n = ?`, [roundId, n]);
}

/** `facts`: the revision's statistics facts (server/stats/facts-text.ts), stored in the same
 * transaction; null: made on first use (server/stats/facts-store.ts). */
export async function insertRevision(sql: Sql, r: RevisionRow, facts: string | null = null): Promise<void> {
  await sql.run(
    `INSERT INTO revisions (round_id, n, inputs, result, exact, sources, submitted, amendment_id, token_id, account_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.roundId, r.n, r.inputs, r.result, r.exact, r.sources, r.submitted, r.amendmentId, r.tokenId, r.accountId, r.createdAt],
  );
  if (facts !== null) await insertFacts(sql, r.roundId, r.n, facts);
}

/** Inserts a revision's statistics facts (migration 0010); one already there stays (two backfills at once). */
export async function insertFacts(sql: Sql, roundId: string, n: number, facts: string): Promise<void> {
  await sql.run('INSERT INTO revision_facts (round_id, n, facts) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [roundId, n, facts]);
}

export interface NewSubjectResult { subjectId: string; unit: string | null; score: string | null; scoreExact: string | null; grade: string | null }

const RESULT_COLUMNS = ['org_id', 'scheme_id', 'subject_id', 'period', 'round_id', 'revision', 'unit', 'score', 'score_exact', 'grade', 'final', 'imported', 'created_at'];

/** The round's rows now say what revision `revision` says (imported rows are not the round's). */
export async function replaceSubjectResults(
  sql: Sql, round: Pick<RoundRow, 'id' | 'orgId' | 'schemeId' | 'period'>, revision: number, final: boolean, rows: NewSubjectResult[], at: string,
): Promise<void> {
  await sql.run('DELETE FROM subject_results WHERE round_id = ?', [round.id]);
  await insertRows(sql, 'subject_results', RESULT_COLUMNS, rows.map((r) => [
    round.orgId, round.schemeId, r.subjectId, round.period, round.id, revision, r.unit, r.score, r.scoreExact, r.grade, final ? 1 : 0, 0, at,
  ]));
}

export async function finalizeResults(sql: Sql, roundId: string): Promise<void> {
  await sql.run('UPDATE subject_results SET final = 1 WHERE round_id = ?', [roundId]);
}
