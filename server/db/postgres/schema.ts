// The database schema for PostgreSQL (issue 17): the same tables, columns, indexes, CHECKs and foreign
// keys as the SQLite schema (../schema.ts), in drizzle pg-core. Migrations in ./migrations come from
// `npm run db:generate:pg`; the triggers (immutable published versions and evaluations, append-only
// audit log and round records, the generation counter) are the custom migration 0001.
// test/server/pg-schema.test.ts fails when the two schemas drift apart.
//
// Spelled to keep one SQL text valid on both stores (server/store/types.ts), and to run on PostgreSQL
// 10+ and the government databases compatible with it (no extensions, no identity or generated columns):
// - integer autoincrement ids are `serial` (a sequence): the SQLite-to-PostgreSQL copy inserts the
//   ids it copies and then moves each sequence past them;
// - booleans stay integer 0/1, as SQLite stores them, so `= 1` reads the same in both;
// - times stay ISO-8601 text, ordered as text;
// - every text column has the C collation: byte order, as SQLite's BINARY, so ORDER BY and keyset
//   pages (Chinese names included) agree between the stores and with the JavaScript that pages them.
//   Byte order equals code-point order only in a UTF8 database (docs/deploy.md).

import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, index, integer, pgTable, primaryKey, serial, uniqueIndex } from 'drizzle-orm/pg-core';

/** The SQLSTATE of a refusal by the triggers of migration 0001 (restrict_violation, class 23 like
 * SQLite's SQLITE_CONSTRAINT_TRIGGER). Nothing else raises it here: the foreign keys are NO ACTION
 * (23503). The message is SQLite's, `kaohe: …`. */
export const TRIGGER_REFUSAL = '23001';

/** Text compared byte by byte. A custom type because drizzle's `text` has no collation option;
 * drizzle-kit writes the data type verbatim into CREATE TABLE: `"name" text COLLATE "C" NOT NULL`. */
const text = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

export const organizations = pgTable('organizations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

/** Named accounts (issue 14); see ../schema.ts. */
export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  roles: text('roles').notNull(),
  units: text('units'),
  createdAt: text('created_at').notNull(),
  disabledAt: text('disabled_at'),
}, (t) => [uniqueIndex('accounts_org_name').on(t.orgId, t.name)]);

export const tokens = pgTable(
  'tokens',
  {
    id: serial('id').primaryKey(),
    publicId: text('public_id').notNull().unique(),
    orgId: integer('org_id').notNull().references(() => organizations.id),
    kind: text('kind').$type<'bearer' | 'session' | 'signin'>().notNull(),
    roles: text('roles').notNull(),
    hash: text('hash').notNull().unique(),
    name: text('name'),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    accountId: integer('account_id').references(() => accounts.id),
  },
  (t) => [check('tokens_kind', sql`${t.kind} in ('bearer', 'session', 'signin')`)],
);

export const schemes = pgTable(
  'schemes',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('schemes_org_name').on(t.orgId, t.name)],
);

export const schemeVersions = pgTable(
  'scheme_versions',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id').notNull().references(() => schemes.id),
    n: integer('n').notNull(),
    hash: text('hash').notNull(),
    status: text('status').$type<'draft' | 'published'>().notNull(),
    createdBy: integer('created_by').notNull().references(() => tokens.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    publishedBy: integer('published_by').references(() => tokens.id),
    publishedAt: text('published_at'),
    // Last as in SQLite, although PostgreSQL moves long values out of line (TOAST) wherever they sit.
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

export const evaluations = pgTable(
  'evaluations',
  {
    id: text('id').primaryKey(),
    versionId: integer('version_id').notNull().references(() => schemeVersions.id),
    hash: text('hash').notNull(),
    tokenId: integer('token_id').notNull().references(() => tokens.id),
    kind: text('kind').$type<'single' | 'cohort'>().notNull(),
    subjectIds: text('subject_ids').notNull(),
    input: text('input').notNull(),
    result: text('result').notNull(),
    explain: integer('explain').notNull().default(0),
    lang: text('lang').$type<'en' | 'zh'>().notNull().default('en'),
    idempotencyKey: text('idempotency_key'),
    period: text('period'),
    requestHash: text('request_hash'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    // Partial, as in SQLite (issue 16): most evaluations have neither a key nor a period.
    uniqueIndex('evaluations_idempotency').on(t.tokenId, t.idempotencyKey).where(sql`${t.idempotencyKey} IS NOT NULL`),
    index('evaluations_version').on(t.versionId),
    index('evaluations_period').on(t.period).where(sql`${t.period} IS NOT NULL`),
    check('evaluations_kind', sql`${t.kind} in ('single', 'cohort')`),
  ],
);

/** The audit log (等保), append-only by the triggers of migration 0001. A `serial` here, where SQLite
 * has its rowid. */
export const auditLog = pgTable(
  'audit_log',
  {
    /** 64-bit: one row per audited request outgrows a 32-bit serial (≈ 25 days at 1,000 a second). */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: text('at').notNull(),
    orgId: integer('org_id').references(() => organizations.id),
    actor: text('actor'),
    actorKind: text('actor_kind'),
    account: text('account'),
    action: text('action').notNull(),
    target: text('target'),
    version: integer('version'),
    evaluation: text('evaluation'),
    status: integer('status').notNull(),
    requestId: text('request_id'),
    address: text('address'),
  },
  (t) => [index('audit_log_org_at').on(t.orgId, t.at)],
);

export const rounds = pgTable('rounds', {
  id: text('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  schemeId: integer('scheme_id').notNull().references(() => schemes.id),
  versionId: integer('version_id').notNull().references(() => schemeVersions.id),
  period: text('period').notNull(),
  unit: text('unit'),
  name: text('name'),
  status: text('status').$type<'open' | 'evaluated' | 'publicity' | 'final'>().notNull(),
  publicityUntil: text('publicity_until'),
  appealDays: integer('appeal_days').notNull().default(30),
  revision: integer('revision').notNull().default(0),
  outOfDate: integer('out_of_date').notNull().default(0),
  createdBy: integer('created_by').notNull().references(() => tokens.id),
  createdAt: text('created_at').notNull(),
  finalizedAt: text('finalized_at'),
}, (t) => [
  index('rounds_org_scheme_period').on(t.orgId, t.schemeId, t.period),
  check('rounds_status', sql`${t.status} in ('open', 'evaluated', 'publicity', 'final')`),
]);

export const roundMembers = pgTable('round_members', {
  roundId: text('round_id').notNull().references(() => rounds.id),
  subjectId: text('subject_id').notNull(),
  unit: text('unit'),
  status: text('status').$type<'take' | 'absent' | 'ungraded'>().notNull(),
  countsInBase: integer('counts_in_base').notNull().default(1),
  display: text('display'),
  position: integer('position').notNull(),
}, (t) => [
  uniqueIndex('round_members_round_subject').on(t.roundId, t.subjectId),
  check('round_members_status', sql`${t.status} in ('take', 'absent', 'ungraded')`),
]);

export const inputParts = pgTable('input_parts', {
  id: serial('id').primaryKey(),
  roundId: text('round_id').notNull().references(() => rounds.id),
  subjectId: text('subject_id').notNull(),
  field: text('field').notNull(),
  value: text('value').notNull(),
  part: text('part'),
  batch: text('batch').notNull(),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  at: text('at').notNull(),
}, (t) => [index('input_parts_round_subject_field').on(t.roundId, t.subjectId, t.field, t.id)]);

export const inputBatches = pgTable('input_batches', {
  id: text('id').primaryKey(),
  roundId: text('round_id').notNull().references(() => rounds.id),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  idempotencyKey: text('idempotency_key'),
  requestHash: text('request_hash'),
  response: text('response').notNull(),
  at: text('at').notNull(),
}, (t) => [uniqueIndex('input_batches_idempotency').on(t.roundId, t.tokenId, t.idempotencyKey)]);

export const revisions = pgTable('revisions', {
  roundId: text('round_id').notNull().references(() => rounds.id),
  n: integer('n').notNull(),
  inputs: text('inputs').notNull(),
  result: text('result').notNull(),
  exact: text('exact').notNull(),
  sources: text('sources').notNull().default('[]'),
  submitted: text('submitted'),
  amendmentId: integer('amendment_id'),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  createdAt: text('created_at').notNull(),
}, (t) => [
  uniqueIndex('revisions_round_n').on(t.roundId, t.n),
  // The revision list without reading MBs of inputs and result (an index-only scan once vacuumed).
  index('revisions_round_listed').on(t.roundId, t.n, t.createdAt, t.amendmentId, t.tokenId, t.accountId, t.submitted),
]);

export const revisionFacts = pgTable('revision_facts', {
  roundId: text('round_id').notNull().references(() => rounds.id),
  n: integer('n').notNull(),
  facts: text('facts').notNull(),
}, (t) => [primaryKey({ columns: [t.roundId, t.n] })]);

export const amendments = pgTable('amendments', {
  id: serial('id').primaryKey(),
  roundId: text('round_id').notNull().references(() => rounds.id),
  subjectId: text('subject_id').notNull(),
  kind: text('kind').$type<'input' | 'decision'>().notNull(),
  payload: text('payload').notNull(),
  reason: text('reason').notNull(),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  revision: integer('revision').notNull(),
  at: text('at').notNull(),
});

/** What was recorded about a round outside its revisions (issue 16); append-only by migration 0001.
 * `round_id` is no reference: the record of a voided round outlives the round. */
export const roundRecords = pgTable('round_records', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  roundId: text('round_id').notNull(),
  kind: text('kind').$type<'publicity_late' | 'voided'>().notNull(),
  detail: text('detail').notNull(),
  reason: text('reason').notNull(),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  at: text('at').notNull(),
}, (t) => [
  index('round_records_round').on(t.orgId, t.roundId),
  check('round_records_kind', sql`${t.kind} in ('publicity_late', 'voided')`),
]);

export const subjectResults = pgTable('subject_results', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  schemeId: integer('scheme_id').notNull().references(() => schemes.id),
  subjectId: text('subject_id').notNull(),
  period: text('period').notNull(),
  roundId: text('round_id').references(() => rounds.id),
  revision: integer('revision'),
  unit: text('unit'),
  score: text('score'),
  scoreExact: text('score_exact'),
  grade: text('grade'),
  final: integer('final').notNull().default(0),
  imported: integer('imported').notNull().default(0),
  createdAt: text('created_at').notNull(),
}, (t) => [
  index('subject_results_lookup').on(t.orgId, t.schemeId, t.subjectId, t.period),
  index('subject_results_subject').on(t.orgId, t.subjectId, t.period),
  index('subject_results_round').on(t.roundId),
  index('subject_results_scheme_period').on(t.orgId, t.schemeId, t.period),
]);

export const webhooks = pgTable('webhooks', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  createdAt: text('created_at').notNull(),
});

/** As the SQLite schema's leases: a round's writes one at a time across server processes. */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: text('until').notNull(),
});

/** As the SQLite schema's auth_failures; `start` in ms since the epoch needs 64 bits. */
export const authFailures = pgTable('auth_failures', {
  key: text('key').primaryKey(),
  start: bigint('start', { mode: 'number' }).notNull(),
  count: integer('count').notNull(),
}, (t) => [index('auth_failures_start').on(t.start)]);
