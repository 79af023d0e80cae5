// Scheme and version storage, on the store (server/store/types.ts). Every write that reads first is
// one transaction without other awaits inside: on SQLite an IMMEDIATE one (concurrent requests and
// other processes serialize on the write lock), on PostgreSQL the newest version is read FOR NO KEY UPDATE
// and the unique (scheme_id, n) and one-draft indexes refuse a loser — so version numbers stay
// consecutive. Published rows are never updated here; the triggers of migration 0001 refuse it anyway.

import { now } from '../store/types.js';
import type { SchemeRow, VersionRow } from '../db/schema.js';
import { dialectOf } from '../store/dialect.js';
import { isUniqueViolation, type Sql, type Store } from '../store/types.js';
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

const SCHEME_COLUMNS = 'id, org_id AS "orgId", name, created_at AS "createdAt"';
const VERSION_COLUMNS = `id, scheme_id AS "schemeId", n, hash, status, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt", published_by AS "publishedBy", published_at AS "publishedAt", source`;

const VERSION_INFO = `SELECT v.n, v.status, v.hash, v.created_at AS "createdAt", creator.public_id AS "createdBy",
    v.updated_at AS "updatedAt", v.published_at AS "publishedAt", publisher.public_id AS "publishedBy",
    creator_account.name AS "createdByAccount", publisher_account.name AS "publishedByAccount"
  FROM scheme_versions v
    JOIN tokens creator ON creator.id = v.created_by
    LEFT JOIN tokens publisher ON publisher.id = v.published_by
    LEFT JOIN accounts creator_account ON creator_account.id = creator.account_id
    LEFT JOIN accounts publisher_account ON publisher_account.id = publisher.account_id`;

const FIND_SCHEME = `SELECT ${SCHEME_COLUMNS} FROM schemes WHERE org_id = ? AND name = ?`;

export function findScheme(sql: Sql, orgId: number, name: string): Promise<SchemeRow | undefined> {
  return sql.get<SchemeRow>(FIND_SCHEME, [orgId, name]);
}

/** A version without its source text (which the prepared-scheme cache usually makes unnecessary). */
export type VersionRef = Pick<VersionRow, 'id' | 'n' | 'hash' | 'status'>;

/** Written with a max() subquery and a literal status because a bound parameter for `status` (a
 * column the one-draft partial index filters on) makes SQLite re-prepare the statement on every run (4x). */
const LATEST_PUBLISHED = `SELECT id, n, hash, status FROM scheme_versions
  WHERE scheme_id = ? AND n = (SELECT max(n) FROM scheme_versions WHERE scheme_id = ? AND status = 'published')`;

/** The newest published version (the evaluate hot path: no source text copied). */
export function latestPublished(sql: Sql, schemeId: number): Promise<VersionRef | undefined> {
  return sql.get<VersionRef>(LATEST_PUBLISHED, [schemeId, schemeId]);
}

/** A scheme's name — its id in the API — by its row id (a round keeps the row id). */
export async function schemeNameOf(sql: Sql, schemeId: number): Promise<string> {
  return (await sql.get<{ name: string }>('SELECT name FROM schemes WHERE id = ?', [schemeId]))!.name;
}

export function listSchemes(sql: Sql, orgId: number): Promise<SchemeRow[]> {
  return sql.all<SchemeRow>(`SELECT ${SCHEME_COLUMNS} FROM schemes WHERE org_id = ? ORDER BY name`, [orgId]);
}

export function versionInfos(sql: Sql, schemeId: number): Promise<VersionInfo[]> {
  return sql.all<VersionInfo>(`${VERSION_INFO} WHERE v.scheme_id = ? ORDER BY v.n`, [schemeId]);
}

/** Every version of every scheme of the organization, by scheme row id (the scheme list, in one query). */
export async function orgVersionInfos(sql: Sql, orgId: number): Promise<Map<number, VersionInfo[]>> {
  const rows = await sql.all<VersionInfo & { schemeId: number }>(
    `${VERSION_INFO.replace('SELECT ', 'SELECT v.scheme_id AS "schemeId", ')} JOIN schemes s ON s.id = v.scheme_id WHERE s.org_id = ? ORDER BY v.scheme_id, v.n`, [orgId]);
  const by = new Map<number, VersionInfo[]>();
  for (const { schemeId, ...info } of rows) {
    let list = by.get(schemeId);
    if (!list) by.set(schemeId, (list = []));
    list.push(info);
  }
  return by;
}

export function versionInfo(sql: Sql, schemeId: number, n: number): Promise<VersionInfo | undefined> {
  return sql.get<VersionInfo>(`${VERSION_INFO} WHERE v.scheme_id = ? AND v.n = ?`, [schemeId, n]);
}

export async function versionSource(sql: Sql, id: number): Promise<string> {
  return (await sql.get<{ source: string }>('SELECT source FROM scheme_versions WHERE id = ?', [id]))!.source;
}

export function getVersion(sql: Sql, schemeId: number, n: number): Promise<VersionRow | undefined> {
  return sql.get<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM scheme_versions WHERE scheme_id = ? AND n = ?`, [schemeId, n]);
}

const LATEST_ANY = `SELECT ${VERSION_COLUMNS} FROM scheme_versions WHERE scheme_id = ? ORDER BY n DESC LIMIT 1`;
const LATEST_OF = `SELECT ${VERSION_COLUMNS} FROM scheme_versions WHERE scheme_id = ? AND status = ? ORDER BY n DESC LIMIT 1`;

export function latestVersion(sql: Sql, schemeId: number, status?: 'draft' | 'published'): Promise<VersionRow | undefined> {
  return status ? sql.get<VersionRow>(LATEST_OF, [schemeId, status]) : sql.get<VersionRow>(LATEST_ANY, [schemeId]);
}

export interface NewSource { source: string; hash: string; tokenId: number }

const INSERT_VERSION = `INSERT INTO scheme_versions (scheme_id, n, source, hash, status, created_by, created_at, updated_at, published_at, published_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Creates the scheme with version 1, a draft (or published, for the reference schemes at first start). */
export async function createScheme(store: Store, orgId: number, name: string, v: NewSource, status: 'draft' | 'published' = 'draft'): Promise<SchemeRow> {
  try {
    return await store.tx(async (tx) => {
      const at = now();
      const scheme = (await tx.get<SchemeRow>(`INSERT INTO schemes (org_id, name, created_at) VALUES (?, ?, ?) RETURNING ${SCHEME_COLUMNS}`, [orgId, name, at]))!;
      const published = status === 'published';
      await tx.run(INSERT_VERSION, [scheme.id, 1, v.source, v.hash, status, v.tokenId, at, at, published ? at : null, published ? v.tokenId : null]);
      return scheme;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('scheme_exists', M.schemeExists({ id: name }));
    throw e;
  }
}

/** Replaces the draft, or opens version n+1 as a draft when the newest version is published. On
 * PostgreSQL two requests may both find the published version (the row lock does not show a row
 * inserted meanwhile): the second's insert is refused by the unique indexes, and it runs once more,
 * now finding the other's draft — the answer SQLite's one writer gives. */
export async function putDraft(store: Store, schemeId: number, v: NewSource): Promise<{ n: number; opened: boolean }> {
  try {
    return await writeDraft(store, schemeId, v);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return writeDraft(store, schemeId, v);
  }
}

function writeDraft(store: Store, schemeId: number, v: NewSource): Promise<{ n: number; opened: boolean }> {
  return store.tx(async (tx) => {
    // Locked until the commit (PostgreSQL): a concurrent putDraft waits, then reads this one's row.
    // NO KEY: an evaluation stored meanwhile on this version (its foreign key) does not wait for it,
    // so the evaluations writer (which holds the generation row, whose trigger this commit bumps)
    // and this transaction never wait for each other.
    const latest = await tx.get<{ id: number; n: number; status: string }>(
      `SELECT id, n, status FROM scheme_versions WHERE scheme_id = ? ORDER BY n DESC LIMIT 1${dialectOf(tx).forNoKeyUpdate}`, [schemeId]);
    const at = now();
    if (latest?.status === 'draft') {
      await tx.run("UPDATE scheme_versions SET source = ?, hash = ?, updated_at = ? WHERE id = ? AND status = 'draft'", [v.source, v.hash, at, latest.id]);
      return { n: latest.n, opened: false };
    }
    const n = (latest?.n ?? 0) + 1;
    await tx.run(INSERT_VERSION, [schemeId, n, v.source, v.hash, 'draft', v.tokenId, at, at, null, null]);
    return { n, opened: true };
  });
}

/** Publishes draft n if it still has the hash that was checked; false if it changed or is gone. */
export async function publishDraft(sql: Sql, schemeId: number, n: number, checkedHash: string, tokenId: number): Promise<boolean> {
  const changed = await sql.run(
    "UPDATE scheme_versions SET status = 'published', published_at = ?, published_by = ? WHERE scheme_id = ? AND n = ? AND status = 'draft' AND hash = ?",
    [now(), tokenId, schemeId, n, checkedHash],
  );
  return changed === 1;
}
