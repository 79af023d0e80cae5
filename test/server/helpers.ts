// Test fixtures for the server: a temporary SQLite file per test file (no mocks), an app over it,
// two organizations with one token per role, and a small JSON client over `app.request`.

import { afterAll, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../../server/app.js';
import { createToken, findOrCreateOrg, type Role } from '../../server/auth/tokens.js';
import { closeDb, openDb, type Db } from '../../server/db/client.js';
import { silentLog } from '../../server/log.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
import { openTestStore, PG_URL } from './store-target.js';
import { openPostgres } from '../../server/db/postgres/open.js';
import Database from 'better-sqlite3';
import type { Param, Store } from '../../server/store/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A reference scheme (schemes/) or its hand-computed cases, read from the shared spec. */
export function example(file: string): string {
  for (const dir of [join(ROOT, 'schemes'), join(ROOT, '../shared/spec/examples')]) {
    if (existsSync(join(dir, file))) return readFileSync(join(dir, file), 'utf8');
  }
  throw new Error(`example ${file} not found`);
}

export const PROVINCE = () => example('province-annual.kaohe');
export const PROVINCE_ID = '省直年度考核';

interface Case { name: string; subject?: { id: string; input: Record<string, unknown> }; subjects?: { id: string; input: Record<string, unknown> }[]; expect?: Record<string, unknown>; expectErrors?: string[] }
export const provinceCases = (): Case[] => (JSON.parse(example('province-annual.cases.json')) as { cases: Case[] }).cases;
export const singleCase = () => provinceCases().find((c) => c.subject && c.expect)!;
export const cohortCase = () => provinceCases().find((c) => c.subjects)!;
export const invalidCase = () => provinceCases().find((c) => c.expectErrors)!;

const made: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs() (call it in afterAll). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-test-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Fixture {
  db: Db;
  /** The app's store (server/store/types.ts): what tests read and write through. */
  store: Store;
  app: ReturnType<typeof createApp>;
  dir: string;
  /** tokens[org][role]: org A is the caller's own organization, B another one. */
  tokens: Record<'A' | 'B', Record<Role, string>>;
  close(): Promise<void>;
}

/** An app over a store (or a SQLite handle's) with the real language and engine, logging nothing. */
export async function appFor(store: Store | Db, opts: Partial<AppOptions> = {}) {
  return createApp({ store: 'dialect' in store && typeof store.dialect === 'string' ? (store as Store) : sqliteStore((store as Db).$client), log: silentLog, ...opts });
}

/** The store setup() runs the app over: SQLite, or PostgreSQL when KAOHE_TEST_STORE=postgres (with
 * KAOHE_TEST_PG naming the server; test/server/store-target.ts) — the same tests over both. */
export const FIXTURE_DIALECT = process.env.KAOHE_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

export async function setup(opts: Partial<AppOptions> = {}): Promise<Fixture> {
  const dir = tempDir();
  let db: Db | undefined;
  let store: Store;
  let closeStore: () => Promise<void>;
  if (FIXTURE_DIALECT === 'postgres') {
    const t = await openTestStore('postgres');
    store = t.store;
    closeStore = t.close;
  } else {
    const sqlite = openDb(join(dir, 'kaohe.db'));
    db = sqlite;
    store = sqliteStore(sqlite.$client);
    closeStore = async () => closeDb(sqlite);
  }
  const app = await appFor(store, opts);
  const tokens = { A: {}, B: {} } as Fixture['tokens'];
  for (const org of ['A', 'B'] as const) {
    const orgId = await findOrCreateOrg(store, `org-${org}`);
    for (const role of ['admin', 'author', 'evaluator'] as const) tokens[org][role] = (await createToken(store, { orgId, roles: [role] })).secret;
  }
  // `db`: the SQLite handle, for tests that look into the file itself (absent over PostgreSQL).
  return { db: db as Db, store, app, dir, tokens, close: async () => { await closeStore(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A count read from the store, as a number: PostgreSQL's count(*) is a bigint, which its driver
 * hands back as text. `sql` selects it as "n". */
export async function countOf(f: Fixture, sql: string, params: readonly Param[] = []): Promise<number> {
  const row = await f.store.get<{ n: unknown }>(sql, params);
  return Number(row!.n);
}

/** How many rows `table` has. */
export const rowsIn = (f: Fixture, table: string): Promise<number> => countOf(f, `SELECT count(*) AS "n" FROM ${table}`);

/** A trigger refusing every insert into `table` (as a constraint does: SQLite's RAISE(ABORT), a
 * PostgreSQL integrity_constraint_violation), until the returned function drops it. */
export async function refuseInserts(f: Fixture, table: string, message: string): Promise<() => Promise<void>> {
  const name = `${table}_refused`;
  const text = message.replace(/'/g, "''");
  if (f.store.dialect === 'sqlite') {
    await f.store.run(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${text}'); END`);
    return async () => void (await f.store.run(`DROP TRIGGER ${name}`));
  }
  await f.store.run(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${text}' USING ERRCODE = 'integrity_constraint_violation'; END $$`);
  await f.store.run(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => {
    await f.store.run(`DROP TRIGGER ${name} ON ${table}`);
    await f.store.run(`DROP FUNCTION ${name}()`);
  };
}

/** After a turn of the event loop (when the audit log commits what it buffered), that commit done:
 * over PostgreSQL it is a few round trips later. */
export async function auditCommitted(app: { flushAudit(): Promise<void> }): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await app.flushAudit();
}

/** A second connection to the fixture's database, as another process (`kaohe token`, direct SQL)
 * would open: a SQLite handle on the same file, or a PostgreSQL pool of one on the same schema.
 * Close it after. */
export async function otherConnection(f: Fixture): Promise<Store> {
  if (f.store.dialect === 'sqlite') {
    const db = new Database(join(f.dir, 'kaohe.db'));
    db.pragma('busy_timeout = 5000');
    return sqliteStore(db);
  }
  const { schema } = (await f.store.get<{ schema: string }>('SELECT current_schema() AS "schema"'))!;
  return openPostgres(PG_URL!, { schema, max: 1 });
}

/** Makes the commits of new evaluations fail as a database that cannot serve makes them fail (the
 * server answers 503): on SQLite another connection holds the write lock past a 20 ms busy timeout
 * (`busy`); PostgreSQL waits for a lock instead, so there a deferred trigger ends the connection at
 * the commit of an evaluation `when` (a condition on NEW) holds for (`unavailable`). Resolves to the
 * answer's error code and the function that undoes it. */
export async function commitsFail(f: Fixture, when = 'true'): Promise<{ code: 'busy' | 'unavailable'; restore(): Promise<void> }> {
  if (f.store.dialect === 'sqlite') {
    const other = new Database(join(f.dir, 'kaohe.db'));
    f.db.$client.pragma('busy_timeout = 20');
    other.exec('BEGIN IMMEDIATE');
    return {
      code: 'busy',
      restore: async () => {
        other.exec('ROLLBACK');
        other.close();
        f.db.$client.pragma('busy_timeout = 5000');
      },
    };
  }
  await f.store.run(`CREATE FUNCTION commit_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$`);
  await f.store.run(`CREATE CONSTRAINT TRIGGER commit_fails AFTER INSERT ON evaluations DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION commit_fails()`);
  return {
    code: 'unavailable',
    restore: async () => {
      await f.store.run('DROP TRIGGER commit_fails ON evaluations');
      await f.store.run('DROP FUNCTION commit_fails()');
    },
  };
}

export interface Res { status: number; body: any; headers: Headers; text: string }

type Fetchable = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** JSON request: `body` is serialized unless it is already a string. */
export async function call(app: Fetchable, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

export const enc = encodeURIComponent;

/** Creates the province scheme in org A and publishes it (author token). */
export async function publishedProvince(f: Fixture): Promise<void> {
  const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: PROVINCE() } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const pub = await call(f.app, 'POST', `/api/schemes/${enc(PROVINCE_ID)}/publish`, { token: f.tokens.A.author });
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${pub.text}`);
}

/** The API.md error body. */
export function isErrorBody(body: any): boolean {
  return !!body && typeof body.error === 'object' && typeof body.error.code === 'string' && typeof body.error.message === 'string' && Array.isArray(body.error.details);
}

/** A fresh app with the province scheme published for the file's tests (beforeAll), closed after
 * them (afterAll); `ready` receives the fixture. */
export function withPublishedProvince(ready: (f: Fixture) => void): void {
  let f: Fixture | undefined;
  beforeAll(async () => {
    f = await setup();
    await publishedProvince(f);
    ready(f);
  });
  afterAll(() => f?.close());
}
