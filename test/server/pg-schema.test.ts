// The PostgreSQL schema (issue 17) against the SQLite one. Without a database: the two drizzle schemas
// describe the same tables — columns, nullability, defaults, keys, unique and partial indexes, CHECKs,
// foreign keys — every text column is byte-ordered (COLLATE "C"), and every SQLite trigger has a
// PostgreSQL one of the same name. With KAOHE_TEST_PG (a postgres:// URL): both PostgreSQL migrations
// applied into a fresh schema, where the triggers refuse what SQLite's refuse, with SQLite's messages,
// and the generation counter goes up and is announced on channel kaohe_generation.

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getTableName, is, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { type AnyPgColumn, getTableConfig as pgConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { type AnySQLiteColumn, getTableConfig as sqliteConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../server/db/postgres/schema.js';
import * as sqliteSchema from '../../server/db/schema.js';

const SQLITE_MIGRATIONS = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
const PG_MIGRATIONS = fileURLToPath(new URL('../../server/db/postgres/migrations', import.meta.url));

// --- the schemas as plain data, dialect words mapped to common ones -------------------------------

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();
const sqliteSql = (s: SQL | undefined) => (s ? sqliteDialect.sqlToQuery(s).sql : null);
const pgSql = (s: SQL | undefined) => (s ? pgDialect.sqlToQuery(s).sql : null);
/** SQLite's boolean mode stores 0/1; the PostgreSQL schema says 0/1 outright. */
const defaultOf = (d: unknown) => (typeof d === 'boolean' ? Number(d) : (d ?? null));

type AnyColumn = AnySQLiteColumn | AnyPgColumn;

/** A column with its type in common words: `serial` for SQLite's integer primary key (the rowid, with
 * or without AUTOINCREMENT), `text` for PostgreSQL's byte-ordered text. */
function columnShape(c: AnyColumn, type: string) {
  return {
    name: c.name,
    type,
    notNull: c.notNull,
    default: defaultOf(c.default),
    primary: c.primary,
    unique: c.isUnique ? c.uniqueName : null,
  };
}

const sqliteType = (c: AnySQLiteColumn) => (c.getSQLType() === 'integer' && c.primary ? 'serial' : c.getSQLType());
/** SQLite's integers are all 64-bit: a 64-bit serial is the same column as a 32-bit one there. */
const pgType = (c: AnyPgColumn) => ({ 'text COLLATE "C"': 'text', bigserial: 'serial', bigint: 'integer' })[c.getSQLType()] ?? c.getSQLType();

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;
type Render = (s: SQL | undefined) => string | null;
const byName = <T extends { name?: string }>(a: T, b: T) => (a.name ?? '').localeCompare(b.name ?? '');

function indexShape(i: Config['indexes'][number], render: Render) {
  const columns = i.config.columns.map((c) => (c as { name: string }).name);
  return { name: i.config.name, unique: i.config.unique, columns, where: render(i.config.where) };
}

function foreignKeyShape(f: Config['foreignKeys'][number]) {
  const r = f.reference();
  return {
    name: r.columns.map((c) => c.name).join(),
    to: `${getTableName(r.foreignTable)}(${r.foreignColumns.map((c) => c.name).join()})`,
    onDelete: f.onDelete ?? 'no action',
    onUpdate: f.onUpdate ?? 'no action',
  };
}

/** What both dialects share of a table, with SQL fragments rendered by the table's own dialect. */
function shape(config: Config, render: Render, columns: ReturnType<typeof columnShape>[]) {
  return {
    columns,
    primaryKeys: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
    uniqueConstraints: config.uniqueConstraints.map((u) => [u.name, u.columns.map((c) => c.name)]),
    indexes: config.indexes.map((i) => indexShape(i, render)).sort(byName),
    checks: config.checks.map((c) => ({ name: c.name, sql: render(c.value) })).sort(byName),
    foreignKeys: config.foreignKeys.map(foreignKeyShape).sort(byName),
  };
}

const tablesOf = <T>(module: object, kind: new (...args: never[]) => T) =>
  Object.values(module as Record<string, unknown>).filter((t): t is T => is(t, kind as never));
const sqliteTables = () => tablesOf(sqliteSchema, SQLiteTable).map((t) => sqliteConfig(t));
const pgTables = () => tablesOf(pgSchema, PgTable).map((t) => pgConfig(t));

const sqliteShapes = () => Object.fromEntries(
  sqliteTables().map((c) => [c.name, shape(c, sqliteSql, c.columns.map((col) => columnShape(col, sqliteType(col))))]),
);
const pgShapes = () => Object.fromEntries(
  pgTables().map((c) => [c.name, shape(c, pgSql, c.columns.map((col) => columnShape(col, pgType(col))))]),
);

const migrationText = (dir: string) =>
  readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(`${dir}/${f}`, 'utf8')).join('\n');
const sqliteTriggers = () => [...migrationText(SQLITE_MIGRATIONS).matchAll(/CREATE TRIGGER `([^`]+)`/g)].map((m) => m[1]!);

describe('the PostgreSQL schema mirrors the SQLite schema', () => {
  const lite = sqliteShapes();
  const post = pgShapes();

  it('has the same tables', () => {
    expect(Object.keys(post).sort()).toEqual(Object.keys(lite).sort());
  });

  it.each(Object.keys(lite))('%s: same columns, keys, indexes, checks and references', (table) => {
    expect(post[table]).toEqual(lite[table]);
  });

  it('stores every text column in byte order (COLLATE "C")', () => {
    const loose = pgTables().flatMap((t) =>
      t.columns.filter((c) => /text/i.test(c.getSQLType()) && c.getSQLType() !== 'text COLLATE "C"').map((c) => `${t.name}.${c.name}`));
    expect(loose).toEqual([]);
  });

  it('names no schema in its migrations (they apply where the search_path points)', () => {
    expect(migrationText(PG_MIGRATIONS)).not.toMatch(/"public"\./);
  });

  it('has a trigger for each of SQLite\'s, by the same name', () => {
    const pgTriggers = new Set([...migrationText(PG_MIGRATIONS).matchAll(/CREATE TRIGGER "([^"]+)"/g)].map((m) => m[1]));
    expect(sqliteTriggers().length).toBeGreaterThan(15);
    expect(sqliteTriggers().filter((t) => !pgTriggers.has(t))).toEqual([]);
  });
});

// --- against a real server -------------------------------------------------------------------------

const PG_URL = process.env.KAOHE_TEST_PG;

const VERSION_COLUMNS = 'scheme_id, n, hash, status, created_by, created_at, updated_at, source';
/** One organization, token, scheme with a published version, evaluation, audit row and round record. */
const SEED = [
  `INSERT INTO organizations (name, created_at) VALUES ('省委组织部', 't')`,
  `INSERT INTO tokens (public_id, org_id, kind, roles, hash, created_at) VALUES ('tok1', 1, 'bearer', 'admin', 'h1', 't')`,
  `INSERT INTO schemes (org_id, name, created_at) VALUES (1, 'annual', 't')`,
  `INSERT INTO scheme_versions (${VERSION_COLUMNS}) VALUES (1, 1, 'h', 'draft', 1, 't', 't', 'src')`,
  `UPDATE scheme_versions SET status = 'published', published_at = 't', published_by = 1 WHERE n = 1`,
  `INSERT INTO evaluations (id, version_id, hash, token_id, kind, subject_ids, input, result, created_at)
     VALUES ('e1', 1, 'h', 1, 'single', '[]', '{}', '{}', 't')`,
  `INSERT INTO audit_log (at, action, status) VALUES ('t', 'evaluate', 201)`,
  `INSERT INTO round_records (org_id, round_id, kind, detail, reason, token_id, at) VALUES (1, 'r1', 'voided', '{}', 'why', 1, 't')`,
];

const TRIGGERS_IN = `SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND NOT t.tgisinternal`;
const TEXT_NOT_C = `SELECT table_name, column_name FROM information_schema.columns
  WHERE table_schema = $1 AND table_name <> '__drizzle_migrations' AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'`;
const REFERENCES_ELSEWHERE = `SELECT conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.confrelid
  JOIN pg_namespace s ON s.oid = c.relnamespace WHERE k.contype = 'f' AND k.connamespace = $1::text::regnamespace AND s.nspname::text <> $1::text`;

const IMMUTABLE = 'kaohe: a published scheme version is immutable';
const AUDIT = 'kaohe: the audit log is append-only';
const RECORDS = 'kaohe: round records are append-only';

describe.skipIf(!PG_URL)('the PostgreSQL migrations on a real server (KAOHE_TEST_PG)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let pool: pg.Pool;
  let listener: pg.Client;
  const notes: string[] = [];
  const q = async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows;
  const generation = async () => ((await q('SELECT n FROM generation WHERE id = 1'))[0] as { n: number }).n;
  const refused = (text: string, message: string) =>
    expect(pool.query(text)).rejects.toMatchObject({ code: pgSchema.TRIGGER_REFUSAL, message });

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    return client;
  }

  beforeAll(async () => {
    const admin = await connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max: 2 });
    await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS, migrationsSchema: schema });
    listener = await connect();
    listener.on('notification', (n) => notes.push(n.payload ?? ''));
    await listener.query('LISTEN kaohe_generation');
    for (const statement of SEED) await q(statement);
  });

  afterAll(async () => {
    await listener?.end();
    await pool?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await pool?.end();
  });

  it('created every trigger, C-collated text and references in its own schema', async () => {
    const triggers = new Set((await q(TRIGGERS_IN, [schema])).map((r) => r.tgname as string));
    expect(sqliteTriggers().filter((t) => !triggers.has(t))).toEqual([]);
    expect(await q(TEXT_NOT_C, [schema])).toEqual([]);
    expect(await q(REFERENCES_ELSEWHERE, [schema])).toEqual([]);
  });

  it('refuses to change or delete a published version', async () => {
    await refused(`UPDATE scheme_versions SET source = 'x' WHERE n = 1`, IMMUTABLE);
    await refused(`DELETE FROM scheme_versions WHERE n = 1`, IMMUTABLE);
    await refused(`TRUNCATE scheme_versions CASCADE`, IMMUTABLE);
    expect(await q(`SELECT status, source FROM scheme_versions WHERE n = 1`)).toEqual([{ status: 'published', source: 'src' }]);
  });

  it('lets a draft be changed, deleted and published', async () => {
    await q(`INSERT INTO scheme_versions (${VERSION_COLUMNS}) VALUES (1, 2, 'h', 'draft', 1, 't', 't', 'src')`);
    await q(`UPDATE scheme_versions SET source = 'src2' WHERE n = 2`);
    await q(`UPDATE scheme_versions SET status = 'published', published_at = 't', published_by = 1 WHERE n = 2`);
    await q(`INSERT INTO scheme_versions (${VERSION_COLUMNS}) VALUES (1, 3, 'h', 'draft', 1, 't', 't', 'src')`);
    expect(await pool.query(`DELETE FROM scheme_versions WHERE n = 3`)).toMatchObject({ rowCount: 1 });
    expect(await q(`SELECT n, status FROM scheme_versions ORDER BY n`)).toEqual([{ n: 1, status: 'published' }, { n: 2, status: 'published' }]);
  });

  it('refuses to change a stored evaluation', async () => {
    await refused(`UPDATE evaluations SET result = '{"x":1}'`, 'kaohe: a stored evaluation is immutable');
  });

  it('keeps the audit log and round records append-only', async () => {
    await refused(`UPDATE audit_log SET status = 200`, AUDIT);
    await refused(`DELETE FROM audit_log`, AUDIT);
    await refused(`TRUNCATE audit_log`, AUDIT);
    await refused(`UPDATE round_records SET reason = 'x'`, RECORDS);
    await refused(`DELETE FROM round_records`, RECORDS);
    await refused(`TRUNCATE round_records`, RECORDS);
    expect(await q(`SELECT count(*)::int AS n FROM audit_log`)).toEqual([{ n: 1 }]);
  });

  it('bumps the generation on a token insert and announces it on kaohe_generation', async () => {
    const before = await generation();
    await q(`INSERT INTO tokens (public_id, org_id, kind, roles, hash, created_at) VALUES ('tok2', 1, 'session', 'author', 'h2', 't')`);
    const after = await generation();
    expect(after).toBe(before + 1);
    // Other schemas on the same database may announce theirs too: wait for this one's value.
    await expect.poll(() => notes.includes(String(after)), { timeout: 5000 }).toBe(true);
  });

  it('bumps the generation for a writer whose search_path does not name the schema', async () => {
    const other = await connect();
    try {
      const before = await generation();
      await other.query(`UPDATE "${schema}".tokens SET revoked_at = 't' WHERE public_id = 'tok2'`);
      expect(await generation()).toBe(before + 1);
    } finally {
      await other.end();
    }
  });
});
