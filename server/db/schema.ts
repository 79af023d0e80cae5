// The database schema (drizzle, SQLite). Migrations in ./migrations are generated from this file with
// `npx drizzle-kit generate`; the triggers that freeze published versions live in a custom migration
// (drizzle-kit has no notation for triggers). Times are ISO-8601 UTC strings: readable in the
// sqlite3 shell and ordered as text.

import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const organizations = sqliteTable('organizations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

/** Named accounts (issue 14): a person or a system that acts — publishing, submitting inputs,
 * amendments, 公示 and finalizing record the account. Tokens and browser sessions may belong to one;
 * the account's roles and units then bound what the token does. `units` null: every unit of the
 * organization; else a JSON array of unit names (a unit officer sees and submits only those people). */
export const accounts = sqliteTable('accounts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  /** Comma-separated subset of admin,author,evaluator. */
  roles: text('roles').notNull(),
  units: text('units'),
  createdAt: text('created_at').notNull(),
  disabledAt: text('disabled_at'),
}, (t) => [uniqueIndex('accounts_org_name').on(t.orgId, t.name)]);

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
    /** The account the token acts for (issue 14); null for tokens made before accounts. */
    accountId: integer('account_id').references(() => accounts.id),
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
    /** The evaluation's period (`2026-Q1`), null when none was given (issue 14: lists filter by it). */
    period: text('period'),
    /** With an idempotency key: sha256 of the request (version asked for + body), to refuse the key
     * reused for another request. */
    requestHash: text('request_hash'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    // Partial: most evaluations have neither a key nor a period, and an index entry each would cost
    // every stored evaluation two index inserts and its group commit two more pages (issue 16).
    // `= ?` lookups imply IS NOT NULL, so SQLite uses them as before.
    uniqueIndex('evaluations_idempotency').on(t.tokenId, t.idempotencyKey).where(sql`${t.idempotencyKey} IS NOT NULL`),
    index('evaluations_version').on(t.versionId),
    index('evaluations_period').on(t.period).where(sql`${t.period} IS NOT NULL`),
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
    /** The name of the account the token acted for (issue 14), as it was then; null for a token
     * without an account or a refused credential. */
    account: text('account'),
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

/** A round (考核批次, issue 14): one scheme version × one period × one organization; its units are
 * cohorts inside it. Status: open → evaluated → publicity (公示, until a date) → final. `revision`
 * is the newest stored revision (0 before the first evaluation). `outOfDate`: a round it rolled up
 * was amended after this round was evaluated. */
export const rounds = sqliteTable('rounds', {
  id: text('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  schemeId: integer('scheme_id').notNull().references(() => schemes.id),
  versionId: integer('version_id').notNull().references(() => schemeVersions.id),
  period: text('period').notNull(),
  /** Set when the round covers one unit only. */
  unit: text('unit'),
  name: text('name'),
  status: text('status', { enum: ['open', 'evaluated', 'publicity', 'final'] }).notNull(),
  publicityUntil: text('publicity_until'),
  /** Days after finalizing in which an appeal (复核) may still amend the round. */
  appealDays: integer('appeal_days').notNull().default(30),
  revision: integer('revision').notNull().default(0),
  outOfDate: integer('out_of_date', { mode: 'boolean' }).notNull().default(false),
  createdBy: integer('created_by').notNull().references(() => tokens.id),
  createdAt: text('created_at').notNull(),
  finalizedAt: text('finalized_at'),
}, (t) => [
  index('rounds_org_scheme_period').on(t.orgId, t.schemeId, t.period),
  check('rounds_status', sql`${t.status} in ('open', 'evaluated', 'publicity', 'final')`),
]);

/** Who is in a round: status take (参加), absent (不参加: not evaluated) or ungraded (不定等次:
 * evaluated, no grade), and whether an ungraded member counts toward quota bases. */
export const roundMembers = sqliteTable('round_members', {
  roundId: text('round_id').notNull().references(() => rounds.id),
  subjectId: text('subject_id').notNull(),
  unit: text('unit'),
  status: text('status', { enum: ['take', 'absent', 'ungraded'] }).notNull(),
  countsInBase: integer('counts_in_base', { mode: 'boolean' }).notNull().default(true),
  /** JSON object of display fields (姓名, 科室…), or null. */
  display: text('display'),
  /** Roster order (the cohort's input order). */
  position: integer('position').notNull(),
}, (t) => [
  uniqueIndex('round_members_round_subject').on(t.roundId, t.subjectId),
  check('round_members_status', sql`${t.status} in ('take', 'absent', 'ungraded')`),
]);

/** Submitted inputs, one row per field per person per submission: a later part replaces the same
 * field (the newest row wins) and the older rows stay as history. `part` names what sent it
 * (ratings, attendance…); `batch` groups the rows of one request. */
export const inputParts = sqliteTable('input_parts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  roundId: text('round_id').notNull().references(() => rounds.id),
  subjectId: text('subject_id').notNull(),
  field: text('field').notNull(),
  /** JSON value of the field (a decision is stored under the field `@decision`). */
  value: text('value').notNull(),
  part: text('part'),
  batch: text('batch').notNull(),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  at: text('at').notNull(),
}, (t) => [index('input_parts_round_subject_field').on(t.roundId, t.subjectId, t.field, t.id)]);

/** One request that submitted parts, for Idempotency-Key replays: the key, what the request was, and
 * the answer given. */
export const inputBatches = sqliteTable('input_batches', {
  id: text('id').primaryKey(),
  roundId: text('round_id').notNull().references(() => rounds.id),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  idempotencyKey: text('idempotency_key'),
  requestHash: text('request_hash'),
  response: text('response').notNull(),
  at: text('at').notNull(),
}, (t) => [uniqueIndex('input_batches_idempotency').on(t.roundId, t.tokenId, t.idempotencyKey)]);

/** Each evaluation of a round is a revision, never overwritten: the cohort result as reported, the
 * exact values (score, base, rewards, deductions as exact fractions per subject), the inputs it ran
 * on, and why it was made (evaluate, or the amendment). */
export const revisions = sqliteTable('revisions', {
  roundId: text('round_id').notNull().references(() => rounds.id),
  n: integer('n').notNull(),
  /** JSON: { subjects: [{ id, input, decision?, display?, status }] } — what was evaluated. */
  inputs: text('inputs').notNull(),
  /** JSON: the CohortResult as the API returns it. */
  result: text('result').notNull(),
  /** JSON: { [subject]: { score, base, rewards, deductions } } as exact fraction text ("1769/20"). */
  exact: text('exact').notNull(),
  /** JSON: the rounds and revisions rolled up into this one ({ roundId, revision }[]). */
  sources: text('sources').notNull().default('[]'),
  /** sha256 of what was submitted for it — roster standing, display, submitted inputs, decisions
   * (rounds/changed.ts) — so GET /api/rounds/:id tells a change since without parsing `inputs`;
   * null for revisions made before migration 0009 (then `inputs` is compared). */
  submitted: text('submitted'),
  amendmentId: integer('amendment_id'),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  createdAt: text('created_at').notNull(),
}, (t) => [
  uniqueIndex('revisions_round_n').on(t.roundId, t.n),
  // Covers the revision list (GET /api/rounds/:id): its columns come after MBs of inputs and result,
  // which reading the row walks (55 ms for a 10,000-person round's two revisions; 0.01 ms covered).
  index('revisions_round_listed').on(t.roundId, t.n, t.createdAt, t.amendmentId, t.tokenId, t.accountId, t.submitted),
]);

/** A compact per-revision summary for statistics (issue 15, analytics/facts.ts `RoundFacts` as JSON):
 * columnar, so a year of 100,000 people × 4 rounds is read without parsing MBs of result JSON. Written
 * in the same transaction as its revision; revisions from before migration 0010 get theirs on first
 * use (server/stats/facts-store.ts). */
export const revisionFacts = sqliteTable('revision_facts', {
  roundId: text('round_id').notNull().references(() => rounds.id),
  n: integer('n').notNull(),
  facts: text('facts').notNull(),
}, (t) => [primaryKey({ columns: [t.roundId, t.n] })]);

/** Appeals and corrections (复核, 申诉): an input correction or a committee decision for one person,
 * with the reason and the approving account; each makes a new revision. */
export const amendments = sqliteTable('amendments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  roundId: text('round_id').notNull().references(() => rounds.id),
  subjectId: text('subject_id').notNull(),
  kind: text('kind', { enum: ['input', 'decision'] }).notNull(),
  /** JSON: the corrected fields, or the decision. */
  payload: text('payload').notNull(),
  reason: text('reason').notNull(),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  revision: integer('revision').notNull(),
  at: text('at').notNull(),
});

/** What was recorded about a round outside its revisions (issue 16, U6 M-3): a 公示 entered late
 * (`publicity_late`: the 公示期 as given, `from`/`until` in `detail`) and a round voided (`voided`:
 * 作废, the round's rows deleted; `detail` keeps its name, scheme, period, status and size). Who
 * (token, account) and when it was entered, and why. `round_id` is no reference: the record of a
 * voided round outlives the round. */
export const roundRecords = sqliteTable('round_records', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  roundId: text('round_id').notNull(),
  kind: text('kind', { enum: ['publicity_late', 'voided'] }).notNull(),
  /** JSON: what the record says besides the reason. */
  detail: text('detail').notNull(),
  reason: text('reason').notNull(),
  tokenId: integer('token_id').notNull().references(() => tokens.id),
  accountId: integer('account_id').references(() => accounts.id),
  at: text('at').notNull(),
}, (t) => [
  index('round_records_round').on(t.orgId, t.roundId),
  check('round_records_kind', sql`${t.kind} in ('publicity_late', 'voided')`),
]);

/** Every person's result per round (its newest revision) and results imported from before kaohe:
 * what roll-ups (`results of`), history (`past N years`) and a person's results page read. Roll-ups
 * and history read only final rows and imported ones. Scores are kept as reported (the round's
 * precision, as shown in 公示) and exact (fraction text). */
export const subjectResults = sqliteTable('subject_results', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  schemeId: integer('scheme_id').notNull().references(() => schemes.id),
  subjectId: text('subject_id').notNull(),
  period: text('period').notNull(),
  /** Null for an imported result. */
  roundId: text('round_id').references(() => rounds.id),
  revision: integer('revision'),
  unit: text('unit'),
  /** Reported score as decimal text at the scheme's precision; null when none. */
  score: text('score'),
  scoreExact: text('score_exact'),
  grade: text('grade'),
  final: integer('final', { mode: 'boolean' }).notNull().default(false),
  imported: integer('imported', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
}, (t) => [
  index('subject_results_lookup').on(t.orgId, t.schemeId, t.subjectId, t.period),
  index('subject_results_subject').on(t.orgId, t.subjectId, t.period),
  index('subject_results_round').on(t.roundId),
  // A roll-up reads one source scheme's periods for every person at once (rounds/fill.ts readRows).
  index('subject_results_scheme_period').on(t.orgId, t.schemeId, t.period),
]);

/** Where an organization's OA system hears that a round was finalized: a signed POST (HMAC-SHA256
 * of the body with the secret, header X-Kaohe-Signature). */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  createdAt: text('created_at').notNull(),
});

/** Short-lived exclusive leases (issue 17): a round's writes (roster, inputs, evaluate, 公示, amendments)
 * run one at a time across every server process on the database. `name` is what is leased
 * (`round:<id>`), `holder` the process and call that holds it, `until` when it lapses if its holder
 * died (ISO time; a live holder extends it). Taken by a compare-and-set upsert (server/store/lease.ts). */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: text('until').notNull(),
});

/** Failed authentications per client address (issue 17): the rate limiter's windows, shared by every
 * server process (server/ratelimit/store-limiter.ts). `start` is the window's start, ms since the epoch. */
export const authFailures = sqliteTable('auth_failures', {
  key: text('key').primaryKey(),
  start: integer('start').notNull(),
  count: integer('count').notNull(),
}, (t) => [index('auth_failures_start').on(t.start)]);

export type Token = typeof tokens.$inferSelect;
export type SchemeRow = typeof schemes.$inferSelect;
export type VersionRow = typeof schemeVersions.$inferSelect;
export type EvaluationRow = typeof evaluations.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;
export type RoundMemberRow = typeof roundMembers.$inferSelect;
export type RevisionRow = typeof revisions.$inferSelect;
export type RevisionFactsRow = typeof revisionFacts.$inferSelect;
export type SubjectResultRow = typeof subjectResults.$inferSelect;
export type RoundRecordRow = typeof roundRecords.$inferSelect;
