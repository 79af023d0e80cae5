// The database schema (drizzle, SQLite). Migrations in ./migrations are generated from this file with
// `npx drizzle-kit generate`; the triggers that freeze published versions live in a custom migration
// (drizzle-kit has no notation for triggers). Times are ISO-8601 UTC strings: readable in the
// sqlite3 shell and ordered as text.

import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const organizations = sqliteTable('organizations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

/** Bearer tokens, browser sessions and one-time sign-in codes: all are secrets of which only the
 * sha256 is stored, and all carry an organization and a set of roles, so one table serves them. */
export const tokens = sqliteTable(
  'tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The public name shown as `createdBy` / `caller` (never the secret). */
    publicId: text('public_id').notNull().unique(),
    orgId: integer('org_id').notNull().references(() => organizations.id),
    kind: text('kind', { enum: ['bearer', 'session', 'signin'] }).notNull(),
    /** Comma-separated subset of admin,author,evaluator. */
    roles: text('roles').notNull(),
    hash: text('hash').notNull().unique(),
    name: text('name'),
    createdAt: text('created_at').notNull(),
    /** Set when revoked, or when a one-time sign-in code has been used. */
    revokedAt: text('revoked_at'),
  },
  (t) => [check('tokens_kind', sql`${t.kind} in ('bearer', 'session', 'signin')`)],
);

export const schemes = sqliteTable(
  'schemes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orgId: integer('org_id').notNull().references(() => organizations.id),
    /** The scheme's own name (API id). */
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('schemes_org_name').on(t.orgId, t.name)],
);

export const schemeVersions = sqliteTable(
  'scheme_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schemeId: integer('scheme_id').notNull().references(() => schemes.id),
    n: integer('n').notNull(),
    /** `sha256:<hex>` of the source text. */
    hash: text('hash').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    createdBy: integer('created_by').notNull().references(() => tokens.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    publishedBy: integer('published_by').references(() => tokens.id),
    publishedAt: text('published_at'),
    /** Last: a long text spills into overflow pages, and columns after it would be slow to read. */
    source: text('source').notNull(),
  },
  (t) => [
    uniqueIndex('scheme_versions_scheme_n').on(t.schemeId, t.n),
    // At most one draft per scheme: the draft is always the newest version.
    uniqueIndex('scheme_versions_one_draft').on(t.schemeId).where(sql`status = 'draft'`),
    check('scheme_versions_status', sql`${t.status} in ('draft', 'published')`),
    check('scheme_versions_published_at', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
    check('scheme_versions_n', sql`${t.n} >= 1`),
  ],
);

export const evaluations = sqliteTable(
  'evaluations',
  {
    id: text('id').primaryKey(),
    versionId: integer('version_id').notNull().references(() => schemeVersions.id),
    /** The version's hash when evaluated: a replaced draft no longer matches it. */
    hash: text('hash').notNull(),
    tokenId: integer('token_id').notNull().references(() => tokens.id),
    kind: text('kind', { enum: ['single', 'cohort'] }).notNull(),
    /** JSON array of the subject ids, in input order. */
    subjectIds: text('subject_ids').notNull(),
    input: text('input').notNull(),
    result: text('result').notNull(),
    explain: integer('explain', { mode: 'boolean' }).notNull().default(false),
    /** The language the result's words were made in (grade and quota reasons): a replay runs in the
     * same one, and a read-back says it (`Content-Language`). Rows from before it existed are en. */
    lang: text('lang', { enum: ['en', 'zh'] }).notNull().default('en'),
    idempotencyKey: text('idempotency_key'),
    /** With an idempotency key: sha256 of the request (version asked for + body), to refuse the key
     * reused for another request. */
    requestHash: text('request_hash'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('evaluations_idempotency').on(t.tokenId, t.idempotencyKey),
    index('evaluations_version').on(t.versionId),
    check('evaluations_kind', sql`${t.kind} in ('single', 'cohort')`),
  ],
);

/** Who read, evaluated or changed what, and when (等保): one row per audited request and per refused
 * credential (server/audit/). Append-only: triggers (migration 0004) refuse UPDATE and DELETE. The
 * action is checked by the server's vocabulary (audit/actions.ts), not by a CHECK constraint, so a
 * new action needs no rebuild of this table. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    /** The rowid without AUTOINCREMENT: rows are never deleted, so ids are never reused anyway, and
     * the insert on every evaluate is spared the sqlite_sequence update. */
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    /** Null for a refused credential: it names no organization. */
    orgId: integer('org_id').references(() => organizations.id),
    /** The token's public id (not a reference: the row stands on its own); null when refused. */
    actor: text('actor'),
    /** bearer or session; for a refused credential the kind presented (bearer, session, signin). */
    actorKind: text('actor_kind'),
    action: text('action').notNull(),
    /** `scheme:<id>`, `token:<id>`, or a collection read whole (`schemes`, `tokens`, `audit`). */
    target: text('target'),
    /** The scheme version concerned, when one is. */
    version: integer('version'),
    /** The evaluation created, read or replayed. */
    evaluation: text('evaluation'),
    /** The HTTP status answered. */
    status: integer('status').notNull(),
    requestId: text('request_id'),
    address: text('address'),
  },
  // The admin's query: one organization, newest first, optionally from/to a time.
  (t) => [index('audit_log_org_at').on(t.orgId, t.at)],
);

export type Token = typeof tokens.$inferSelect;
export type SchemeRow = typeof schemes.$inferSelect;
export type VersionRow = typeof schemeVersions.$inferSelect;
export type EvaluationRow = typeof evaluations.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
