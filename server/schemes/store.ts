// Scheme and version storage. Every write is one IMMEDIATE transaction without awaits inside, so
// concurrent requests (and other processes on the same file) serialize on SQLite's write lock and
// version numbers stay consecutive. Published rows are never updated here; the triggers of
// migration 0001 refuse it anyway.

import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { isUniqueViolation, now, once, type Conn } from '../db/client.js';
import { accounts, schemes, schemeVersions, tokens, type SchemeRow, type VersionRow } from '../db/schema.js';
import { conflict } from '../errors.js';
import { M } from '../messages.js';

export interface VersionInfo {
  n: number;
  status: 'draft' | 'published';
  hash: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
  /** The accounts the creating and publishing tokens acted for (issue 14), by name; null: none. */
  createdByAccount: string | null;
  publishedByAccount: string | null;
}

const creator = alias(tokens, 'creator');
const publisher = alias(tokens, 'publisher');
const creatorAccount = alias(accounts, 'creator_account');
const publisherAccount = alias(accounts, 'publisher_account');

const infoColumns = {
  n: schemeVersions.n,
  status: schemeVersions.status,
  hash: schemeVersions.hash,
  createdAt: schemeVersions.createdAt,
  createdBy: creator.publicId,
  updatedAt: schemeVersions.updatedAt,
  publishedAt: schemeVersions.publishedAt,
  publishedBy: publisher.publicId,
  createdByAccount: creatorAccount.name,
  publishedByAccount: publisherAccount.name,
};

function versionQuery(db: Conn) {
  return db
    .select(infoColumns)
    .from(schemeVersions)
    .innerJoin(creator, eq(creator.id, schemeVersions.createdBy))
    .leftJoin(publisher, eq(publisher.id, schemeVersions.publishedBy))
    .leftJoin(creatorAccount, eq(creatorAccount.id, creator.accountId))
    .leftJoin(publisherAccount, eq(publisherAccount.id, publisher.accountId));
}

export function findScheme(db: Conn, orgId: number, name: string): SchemeRow | undefined {
  return once(db, 'findScheme', () =>
    db.select().from(schemes).where(and(eq(schemes.orgId, sql.placeholder('orgId')), eq(schemes.name, sql.placeholder('name')))).prepare(),
  ).get({ orgId, name });
}

/** A version without its source text (which the prepared-scheme cache usually makes unnecessary). */
export type VersionRef = Pick<VersionRow, 'id' | 'n' | 'hash' | 'status'>;
const refColumns = { id: schemeVersions.id, n: schemeVersions.n, hash: schemeVersions.hash, status: schemeVersions.status };

/** The newest published version (the evaluate hot path: no source text copied). Written with a
 * max() subquery and literals because bound parameters for `status` (a column the one-draft
 * partial index filters on) or for LIMIT make SQLite re-prepare the statement on every run (4x). */
export function latestPublished(db: Conn, schemeId: number): VersionRef | undefined {
  return once(db, 'latestPublished', () => {
    const id = sql.placeholder('schemeId');
    const v = schemeVersions;
    return db
      .select(refColumns)
      .from(v)
      .where(and(eq(v.schemeId, id), sql`${v.n} = (select max(n) from ${v} where scheme_id = ${id} and status = 'published')`))
      .prepare();
  }).get({ schemeId });
}

/** A scheme's name — its id in the API — by its row id (a round keeps the row id). */
export function schemeNameOf(db: Conn, schemeId: number): string {
  return db.select({ name: schemes.name }).from(schemes).where(eq(schemes.id, schemeId)).get()!.name;
}

export function listSchemes(db: Conn, orgId: number): SchemeRow[] {
  return db.select().from(schemes).where(eq(schemes.orgId, orgId)).orderBy(asc(schemes.name)).all();
}

export function versionInfos(db: Conn, schemeId: number): VersionInfo[] {
  return versionQuery(db).where(eq(schemeVersions.schemeId, schemeId)).orderBy(asc(schemeVersions.n)).all();
}

export function versionInfo(db: Conn, schemeId: number, n: number): VersionInfo | undefined {
  return versionQuery(db).where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.n, n))).get();
}

export function versionSource(db: Conn, id: number): string {
  return once(db, 'versionSource', () =>
    db.select({ source: schemeVersions.source }).from(schemeVersions).where(eq(schemeVersions.id, sql.placeholder('id'))).prepare(),
  ).get({ id })!.source;
}

export function getVersion(db: Conn, schemeId: number, n: number): VersionRow | undefined {
  return db.select().from(schemeVersions).where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.n, n))).get();
}

export function latestVersion(db: Conn, schemeId: number, status?: 'draft' | 'published'): VersionRow | undefined {
  const where = status
    ? and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.status, status))
    : eq(schemeVersions.schemeId, schemeId);
  return db.select().from(schemeVersions).where(where).orderBy(desc(schemeVersions.n)).limit(1).get();
}

export interface NewSource { source: string; hash: string; tokenId: number }

/** Creates the scheme with version 1, a draft (or published, for the reference schemes at first start). */
export function createScheme(db: Conn, orgId: number, name: string, v: NewSource, status: 'draft' | 'published' = 'draft'): SchemeRow {
  try {
    return db.transaction(
      (tx) => {
        const at = now();
        const scheme = tx.insert(schemes).values({ orgId, name, createdAt: at }).returning().get();
        const published = status === 'published' ? { publishedAt: at, publishedBy: v.tokenId } : {};
        tx.insert(schemeVersions)
          .values({ schemeId: scheme.id, n: 1, source: v.source, hash: v.hash, status, createdBy: v.tokenId, createdAt: at, updatedAt: at, ...published })
          .run();
        return scheme;
      },
      { behavior: 'immediate' },
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('scheme_exists', M.schemeExists({ id: name }));
    throw e;
  }
}

/** Replaces the draft, or opens version n+1 as a draft when the newest version is published. */
export function putDraft(db: Conn, schemeId: number, v: NewSource): { n: number; opened: boolean } {
  return db.transaction(
    (tx) => {
      const latest = latestVersion(tx, schemeId);
      const at = now();
      if (latest?.status === 'draft') {
        tx.update(schemeVersions)
          .set({ source: v.source, hash: v.hash, updatedAt: at })
          .where(and(eq(schemeVersions.id, latest.id), eq(schemeVersions.status, 'draft')))
          .run();
        return { n: latest.n, opened: false };
      }
      const n = (latest?.n ?? 0) + 1;
      tx.insert(schemeVersions)
        .values({ schemeId, n, source: v.source, hash: v.hash, status: 'draft', createdBy: v.tokenId, createdAt: at, updatedAt: at })
        .run();
      return { n, opened: true };
    },
    { behavior: 'immediate' },
  );
}

/** Publishes draft n if it still has the hash that was checked; false if it changed or is gone. */
export function publishDraft(db: Conn, schemeId: number, n: number, checkedHash: string, tokenId: number): boolean {
  const res = db
    .update(schemeVersions)
    .set({ status: 'published', publishedAt: now(), publishedBy: tokenId })
    .where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.n, n), eq(schemeVersions.status, 'draft'), eq(schemeVersions.hash, checkedHash)))
    .run();
  return res.changes === 1;
}
