// Stored evaluations: one row per request (a single subject or a whole cohort), written by one
// INSERT — its own transaction in SQLite — so a cohort is stored all or nothing. Reads are scoped
// to the caller's organization through the scheme the evaluation belongs to.

import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { now, once, type Conn } from '../db/client.js';
import { evaluations, schemes, schemeVersions, tokens } from '../db/schema.js';

export interface NewEvaluation {
  versionId: number;
  hash: string;
  tokenId: number;
  kind: 'single' | 'cohort';
  subjectIds: string[];
  input: unknown;
  result: unknown;
  explain: boolean;
  idempotencyKey?: string;
  /** Only with an idempotency key: what the key was first used for. */
  requestHash?: string;
}

/** Time-ordered ids (ms timestamp, then 48 random bits): new rows append at the right edge of the
 * primary-key index instead of dirtying a random page of it on every insert. */
export const newEvaluationId = (): string => 'ev_' + Date.now().toString(16).padStart(12, '0') + randomBytes(6).toString('hex');

export function insertEvaluation(db: Conn, e: NewEvaluation, id = newEvaluationId()): { id: string; createdAt: string } {
  const createdAt = now();
  const p = (name: string) => sql.placeholder(name);
  const insert = once(db, 'insertEvaluation', () =>
    db
      .insert(evaluations)
      .values({
        id: p('id'), versionId: p('versionId'), hash: p('hash'), tokenId: p('tokenId'), kind: p('kind'), subjectIds: p('subjectIds'),
        input: p('input'), result: p('result'), explain: p('explain'), idempotencyKey: p('idempotencyKey'), requestHash: p('requestHash'),
        createdAt: p('createdAt'),
      })
      .prepare(),
  );
  insert.run({
    id,
    versionId: e.versionId,
    hash: e.hash,
    tokenId: e.tokenId,
    kind: e.kind,
    subjectIds: JSON.stringify(e.subjectIds),
    input: JSON.stringify(e.input),
    result: JSON.stringify(e.result),
    explain: e.explain ? 1 : 0,
    idempotencyKey: e.idempotencyKey ?? null,
    requestHash: e.requestHash ?? null,
    createdAt,
  });
  return { id, createdAt };
}

/** The first evaluation stored under this caller's idempotency key. */
export function findByIdempotencyKey(db: Conn, tokenId: number, key: string) {
  return db
    .select({ id: evaluations.id, requestHash: evaluations.requestHash, result: evaluations.result })
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
      createdAt: evaluations.createdAt,
      kind: evaluations.kind,
      subjectIds: evaluations.subjectIds,
      input: evaluations.input,
      result: evaluations.result,
      explain: evaluations.explain,
    })
    .from(evaluations)
    .innerJoin(schemeVersions, eq(schemeVersions.id, evaluations.versionId))
    .innerJoin(schemes, eq(schemes.id, schemeVersions.schemeId))
    .innerJoin(tokens, eq(tokens.id, evaluations.tokenId))
    .where(and(eq(evaluations.id, id), eq(schemes.orgId, orgId)))
    .get();
}
