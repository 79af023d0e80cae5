// Stored rounds (issue 14): the round, its roster, submitted input parts (one row per field, the
// newest wins, older rows kept as history), the requests that sent them (for Idempotency-Key), its
// revisions, and the subject_results rows a revision leaves. Plain better-sqlite3 statements over the
// tables of server/db/schema.ts; every function takes the database and runs inside whatever
// transaction the caller opened (handlers open one per write, under the round's lock).

import { randomBytes } from 'node:crypto';
import type { TokenKind } from '../auth/tokens.js';
import type { Db } from '../db/client.js';
import type { RevisionRow, RoundMemberRow, RoundRow } from '../db/schema.js';

/** The input_parts field under which a subject's committee decision is stored (never a scheme input:
 * input names cannot start with `@`). */
export const DECISION_FIELD = '@decision';

/** Time-ordered ids like evaluations': `rd_` + ms timestamp + 48 random bits. */
export const newRoundId = (): string => 'rd_' + Date.now().toString(16).padStart(12, '0') + randomBytes(6).toString('hex');
export const newBatchId = (): string => 'ib_' + Date.now().toString(16).padStart(12, '0') + randomBytes(6).toString('hex');

const ROUND_COLS = `id, org_id AS orgId, scheme_id AS schemeId, version_id AS versionId, period, unit, name, status,
  publicity_until AS publicityUntil, appeal_days AS appealDays, revision, out_of_date AS outOfDate, created_by AS createdBy,
  created_at AS createdAt, finalized_at AS finalizedAt`;

const bool = <T extends Record<string, unknown>>(row: T, ...keys: (keyof T)[]): T => {
  for (const k of keys) (row as Record<string, unknown>)[k as string] = row[k] === 1 || row[k] === true;
  return row;
};

export function getRound(db: Db, orgId: number, id: string): RoundRow | undefined {
  const row = db.$client.prepare(`SELECT ${ROUND_COLS} FROM rounds WHERE id = ? AND org_id = ?`).get(id, orgId) as RoundRow | undefined;
  return row && bool(row, 'outOfDate');
}

export function insertRound(db: Db, r: Omit<RoundRow, 'revision' | 'outOfDate' | 'publicityUntil' | 'finalizedAt'>): void {
  db.$client.prepare(
    `INSERT INTO rounds (id, org_id, scheme_id, version_id, period, unit, name, status, appeal_days, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.orgId, r.schemeId, r.versionId, r.period, r.unit, r.name, r.status, r.appealDays, r.createdBy, r.createdAt);
}

export function updateRound(db: Db, id: string, set: Partial<Pick<RoundRow, 'status' | 'revision' | 'publicityUntil' | 'finalizedAt'>>): void {
  const cols: Record<string, string> = { status: 'status', revision: 'revision', publicityUntil: 'publicity_until', finalizedAt: 'finalized_at' };
  const keys = Object.keys(set) as (keyof typeof set)[];
  if (keys.length === 0) return;
  db.$client.prepare(`UPDATE rounds SET ${keys.map((k) => `${cols[k]} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => set[k] ?? null), id);
}

/** Flags the rounds out of date: a source they read changed (stale-imports.ts, stale-arrivals.ts). */
export function markOutOfDate(db: Db, ids: readonly string[]): void {
  const mark = db.$client.prepare('UPDATE rounds SET out_of_date = 1 WHERE id = ?');
  for (const id of ids) mark.run(id);
}

export function members(db: Db, roundId: string): RoundMemberRow[] {
  const rows = db.$client.prepare(
    `SELECT round_id AS roundId, subject_id AS subjectId, unit, status, counts_in_base AS countsInBase, display, position
     FROM round_members WHERE round_id = ? ORDER BY position`,
  ).all(roundId) as RoundMemberRow[];
  return rows.map((r) => bool(r, 'countsInBase'));
}

export type NewMember = Omit<RoundMemberRow, 'roundId' | 'position'>;

export function replaceRoster(db: Db, roundId: string, list: NewMember[]): void {
  db.$client.prepare('DELETE FROM round_members WHERE round_id = ?').run(roundId);
  const ins = db.$client.prepare(
    'INSERT INTO round_members (round_id, subject_id, unit, status, counts_in_base, display, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  list.forEach((m, i) => ins.run(roundId, m.subjectId, m.unit, m.status, m.countsInBase ? 1 : 0, m.display, i));
}

/** The newest submitted value of every field of every person of the round (JSON text) — of `fields`
 * only, when given. */
export function newestParts(db: Db, roundId: string, fields?: readonly string[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  if (fields?.length === 0) return out;
  const only = fields ? ` AND field IN (${fields.map(() => '?').join(', ')})` : '';
  const rows = db.$client.prepare(
    `SELECT p.subject_id AS s, p.field AS f, p.value AS v FROM input_parts p
     JOIN (SELECT MAX(id) AS id FROM input_parts WHERE round_id = ?${only} GROUP BY subject_id, field) n ON n.id = p.id`,
  ).all(roundId, ...(fields ?? [])) as { s: string; f: string; v: string }[];
  for (const r of rows) {
    let m = out.get(r.s);
    if (!m) out.set(r.s, (m = new Map()));
    m.set(r.f, r.v);
  }
  return out;
}

export interface NewPart { subjectId: string; field: string; value: string }

export function insertParts(db: Db, roundId: string, batch: string, part: string | null, tokenId: number, accountId: number | null, at: string, parts: NewPart[]): void {
  const ins = db.$client.prepare(
    'INSERT INTO input_parts (round_id, subject_id, field, value, part, batch, token_id, account_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const p of parts) ins.run(roundId, p.subjectId, p.field, p.value, part, batch, tokenId, accountId, at);
}

export function insertBatch(db: Db, b: { id: string; roundId: string; tokenId: number; key?: string; requestHash?: string; response: string; at: string }): void {
  db.$client.prepare(
    'INSERT INTO input_batches (id, round_id, token_id, idempotency_key, request_hash, response, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(b.id, b.roundId, b.tokenId, b.key ?? null, b.requestHash ?? null, b.response, b.at);
}

export function findBatch(db: Db, roundId: string, tokenId: number, key: string): { requestHash: string | null; response: string } | undefined {
  return db.$client.prepare(
    'SELECT request_hash AS requestHash, response FROM input_batches WHERE round_id = ? AND token_id = ? AND idempotency_key = ?',
  ).get(roundId, tokenId, key) as { requestHash: string | null; response: string } | undefined;
}

/** The name of the token `t` (a bearer token's `--name`; a browser session's or sign-in code's is a
 * fixed word, not a person's: null), for naming who did something without an account (U6 L-5). */
export const BY_NAME_SQL = "CASE WHEN t.kind = 'bearer' THEN t.name END";

export interface RevisionInfo {
  n: number; createdAt: string; amendmentId: number | null; by: string; account: string | null;
  byName: string | null; byKind: TokenKind;
}

export function revisionList(db: Db, roundId: string): RevisionInfo[] {
  return db.$client.prepare(
    `SELECT r.n, r.created_at AS createdAt, r.amendment_id AS amendmentId, t.public_id AS by, a.name AS account, ${BY_NAME_SQL} AS byName, t.kind AS byKind
     FROM revisions r JOIN tokens t ON t.id = r.token_id LEFT JOIN accounts a ON a.id = r.account_id
     WHERE r.round_id = ? ORDER BY r.n`,
  ).all(roundId) as RevisionInfo[];
}

const REVISION_COLS = `round_id AS roundId, n, inputs, result, exact, sources, submitted, amendment_id AS amendmentId, token_id AS tokenId,
  account_id AS accountId, created_at AS createdAt`;

export function getRevision(db: Db, roundId: string, n: number): RevisionRow | undefined {
  return db.$client.prepare(`SELECT ${REVISION_COLS} FROM revisions WHERE round_id = ? AND n = ?`).get(roundId, n) as RevisionRow | undefined;
}

/** `facts`: the revision's statistics facts (server/stats/facts-text.ts), stored in the same
 * transaction; null: made on first use (server/stats/facts-store.ts). */
export function insertRevision(db: Db, r: RevisionRow, facts: string | null = null): void {
  db.$client.prepare(
    `INSERT INTO revisions (round_id, n, inputs, result, exact, sources, submitted, amendment_id, token_id, account_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.roundId, r.n, r.inputs, r.result, r.exact, r.sources, r.submitted, r.amendmentId, r.tokenId, r.accountId, r.createdAt);
  if (facts !== null) insertFacts(db, r.roundId, r.n, facts);
}

/** Inserts a revision's statistics facts (migration 0010); one already there stays (two backfills at once). */
export function insertFacts(db: Db, roundId: string, n: number, facts: string): void {
  db.$client.prepare('INSERT OR IGNORE INTO revision_facts (round_id, n, facts) VALUES (?, ?, ?)').run(roundId, n, facts);
}

export interface NewSubjectResult { subjectId: string; unit: string | null; score: string | null; scoreExact: string | null; grade: string | null }

/** The round's rows now say what revision `revision` says (imported rows are not the round's). */
export function replaceSubjectResults(
  db: Db, round: Pick<RoundRow, 'id' | 'orgId' | 'schemeId' | 'period'>, revision: number, final: boolean, rows: NewSubjectResult[], at: string,
): void {
  db.$client.prepare('DELETE FROM subject_results WHERE round_id = ?').run(round.id);
  const ins = db.$client.prepare(
    `INSERT INTO subject_results (org_id, scheme_id, subject_id, period, round_id, revision, unit, score, score_exact, grade, final, imported, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  for (const r of rows) ins.run(round.orgId, round.schemeId, r.subjectId, round.period, round.id, revision, r.unit, r.score, r.scoreExact, r.grade, final ? 1 : 0, at);
}

export function finalizeResults(db: Db, roundId: string): void {
  db.$client.prepare('UPDATE subject_results SET final = 1 WHERE round_id = ?').run(roundId);
}
