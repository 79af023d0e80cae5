// Stored evaluations: one row per request (a single subject or a whole cohort), written by one
// INSERT (inside the writer's transaction, writer.ts), so a cohort is stored all or nothing. Reads
// are scoped to the caller's organization through the scheme the evaluation belongs to.

import { randomBytes } from 'node:crypto';
import { now } from '../store/types.js';
import type { Sql } from '../store/types.js';
import type { Locale } from '../../dsl/i18n/index.js';

export interface NewEvaluation {
  versionId: number;
  hash: string;
  tokenId: number;
  kind: 'single' | 'cohort';
  subjectIds: string[];
  /** The request body and the result, as JSON text (the result text is also the response's). */
  input: string;
  result: string;
  /** `input` and `result` already in UTF-8, byte for byte their text, when the caller has them (the
   * evaluate fast lane: the body as it arrived, the result encoded once for the row and the answer):
   * stored as that same text without encoding it again (≈ 2% of an evaluate request's CPU). */
  bytes?: { input: Buffer; result: Buffer };
  explain: boolean;
  /** The language of the result's words (EvalOptions.lang). */
  lang: Locale;
  idempotencyKey?: string;
  /** Only with an idempotency key: what the key was first used for. */
  requestHash?: string;
  /** The evaluation's period (`2026-Q1`), when the request named one: lists filter by it. */
  period?: string;
}

// Random bytes drawn from a pool refilled 4 KiB at a time: one randomBytes call per id cost more
// than the rest of making it (each call allocates a buffer and enters the CSPRNG).
let pool = randomBytes(4096);
let used = 0;
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/** Time-ordered ids (ms timestamp, then 48 random bits): new rows append at the right edge of the
 * primary-key index instead of dirtying a random page of it on every insert. */
export const newEvaluationId = (): string => 'ev_' + Date.now().toString(16).padStart(12, '0') + randomHex(6);

/** The INSERT of an evaluation, `text` the placeholder of its input and result columns. */
const insertSql = (text: string) =>
  `INSERT INTO evaluations (id, version_id, hash, token_id, kind, subject_ids, input, result, explain, lang, idempotency_key, request_hash, period, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ${text}, ${text}, ?, ?, ?, ?, ?, ?)`;
const INSERT = insertSql('?');
/** SQLite reads bytes as the UTF-8 text they are (CAST of a blob to TEXT copies the bytes): the
 * stored value is TEXT, the same as binding the string. */
const INSERT_BYTES = insertSql('CAST(? AS TEXT)');

/** The one write of every evaluate request. With `e.bytes` on SQLite the text is not encoded again;
 * PostgreSQL gets the strings (its driver encodes them once, for the wire). */
export async function insertEvaluation(sql: Sql, e: NewEvaluation, id = newEvaluationId()): Promise<{ id: string; createdAt: string }> {
  const createdAt = now();
  const bytes = sql.dialect === 'sqlite' ? e.bytes : undefined;
  await sql.run(bytes ? INSERT_BYTES : INSERT, [
    id, e.versionId, e.hash, e.tokenId, e.kind, JSON.stringify(e.subjectIds), bytes?.input ?? e.input, bytes?.result ?? e.result,
    e.explain ? 1 : 0, e.lang, e.idempotencyKey ?? null, e.requestHash ?? null, e.period ?? null, createdAt,
  ]);
  return { id, createdAt };
}

const BY_KEY = `SELECT id, request_hash AS "requestHash", result, lang FROM evaluations WHERE token_id = ? AND idempotency_key = ?`;

/** The first evaluation stored under this caller's idempotency key. */
export function findByIdempotencyKey(sql: Sql, tokenId: number, key: string) {
  return sql.get<{ id: string; requestHash: string | null; result: string; lang: Locale }>(BY_KEY, [tokenId, key]);
}

const FIND = `SELECT e.id, s.name AS scheme, v.id AS "versionId", v.n AS version, v.hash AS "versionHash", v.status, v.source,
    e.hash, t.public_id AS caller, t.account_id AS "accountId", e.created_at AS "createdAt", e.kind, e.subject_ids AS "subjectIds",
    e.input, e.result, e.explain, e.lang
  FROM evaluations e
    JOIN scheme_versions v ON v.id = e.version_id
    JOIN schemes s ON s.id = v.scheme_id
    JOIN tokens t ON t.id = e.token_id
  WHERE e.id = ? AND s.org_id = ?`;

interface FoundRow {
  id: string; scheme: string; versionId: number; version: number; versionHash: string; status: 'draft' | 'published'; source: string;
  hash: string; caller: string;
  /** The account whose token made it (a unit officer reads only its own, service.ts). */
  accountId: number | null;
  createdAt: string; kind: 'single' | 'cohort'; subjectIds: string; input: string; result: string; explain: number; lang: Locale;
}

export async function findEvaluation(sql: Sql, orgId: number, id: string) {
  const row = await sql.get<FoundRow>(FIND, [id, orgId]);
  return row && { ...row, explain: row.explain === 1 };
}
