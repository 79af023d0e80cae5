// Stored evaluations: one row per request (a single subject or a whole cohort), written by one
// INSERT — its own transaction in SQLite — so a cohort is stored all or nothing. Reads are scoped
// to the caller's organization through the scheme the evaluation belongs to.

import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { now, once, type Conn, type Db } from '../db/client.js';
import { evaluations, schemes, schemeVersions, tokens } from '../db/schema.js';
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

/** Runs on better-sqlite3 directly: it is the one write of every evaluate request, and drizzle's
 * per-call parameter mapping cost more than SQLite's own work for it. Column names are checked
 * against the drizzle schema by the store tests. */
export function insertEvaluation(db: Db, e: NewEvaluation, id = newEvaluationId()): { id: string; createdAt: string } {
  const createdAt = now();
  // With bytes, SQLite reads them as the UTF-8 text they are (CAST of a blob to TEXT copies the
  // bytes): the stored value is TEXT, the same as binding the string.
  const insert = e.bytes
    ? once(db, 'insertEvaluationBytes', () => db.$client.prepare(insertSql('CAST(? AS TEXT)')))
    : once(db, 'insertEvaluation', () => db.$client.prepare(insertSql('?')));
  insert.run(
    id, e.versionId, e.hash, e.tokenId, e.kind, JSON.stringify(e.subjectIds), e.bytes?.input ?? e.input, e.bytes?.result ?? e.result,
    e.explain ? 1 : 0, e.lang, e.idempotencyKey ?? null, e.requestHash ?? null, e.period ?? null, createdAt,
  );
  return { id, createdAt };
}

/** The INSERT of an evaluation, `text` the placeholder of its input and result columns. */
const insertSql = (text: string) =>
  `INSERT INTO evaluations (id, version_id, hash, token_id, kind, subject_ids, input, result, explain, lang, idempotency_key, request_hash, period, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ${text}, ${text}, ?, ?, ?, ?, ?, ?)`;

/** The first evaluation stored under this caller's idempotency key. */
export function findByIdempotencyKey(db: Conn, tokenId: number, key: string) {
  return db
    .select({ id: evaluations.id, requestHash: evaluations.requestHash, result: evaluations.result, lang: evaluations.lang })
    .from(evaluations)
    .where(and(eq(evaluations.tokenId, tokenId), eq(evaluations.idempotencyKey, key)))
    .get();
}

export function findEvaluation(db: Conn, orgId: number, id: string) {
  return db
    .select({
      id: evaluations.id,
      scheme: schemes.name,
      versionId: schemeVersions.id,
      version: schemeVersions.n,
      versionHash: schemeVersions.hash,
      status: schemeVersions.status,
      source: schemeVersions.source,
      hash: evaluations.hash,
      caller: tokens.publicId,
      /** The account whose token made it (a unit officer reads only its own, service.ts). */
      accountId: tokens.accountId,
      createdAt: evaluations.createdAt,
      kind: evaluations.kind,
      subjectIds: evaluations.subjectIds,
      input: evaluations.input,
      result: evaluations.result,
      explain: evaluations.explain,
      lang: evaluations.lang,
    })
    .from(evaluations)
    .innerJoin(schemeVersions, eq(schemeVersions.id, evaluations.versionId))
    .innerJoin(schemes, eq(schemes.id, schemeVersions.schemeId))
    .innerJoin(tokens, eq(tokens.id, evaluations.tokenId))
    .where(and(eq(evaluations.id, id), eq(schemes.orgId, orgId)))
    .get();
}
