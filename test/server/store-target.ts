// The stores the server's tests run over (issue 17): SQLite in a temporary file always, PostgreSQL
// when KAOHE_TEST_PG names a database the tests may create schemas in (.ci/run starts one). Each
// PostgreSQL store gets a schema of its own, dropped when it closes, so test files in parallel never
// see each other's rows.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../../server/db/client.js';
import { openPostgres } from '../../server/db/postgres/open.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
import { afterAll, beforeAll } from 'vitest';
import type { Dialect, Store } from '../../server/store/types.js';

export const PG_URL = process.env.KAOHE_TEST_PG;

/** The dialects to run a store test over: sqlite, and postgres when a test database is given. */
export const testDialects: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStore {
  store: Store;
  close(): Promise<void>;
}

export async function openTestStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-store-'));
    const store = sqliteStore(openDb(join(dir, 'kaohe.db')).$client);
    return { store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  if (!PG_URL) throw new Error('KAOHE_TEST_PG is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openPostgres(PG_URL, { schema, max: 4 });
  return { store, close: async () => { await store.close(); await dropSchema(schema); } };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A schema of its own in KAOHE_TEST_PG's database for the describe block's tests — its name and a URL
 * naming it as the connection's search_path (as docs/deploy.md tells operators) — dropped after them. */
export function useTestSchema(): { schema: string; url: string } {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  afterAll(() => dropSchema(schema));
  return { schema, url: `${PG_URL}${PG_URL?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
}

/** A store of `dialect` opened before the describe block's tests and closed after them: call it in
 * the block; what it returns stands for that store (each call goes to the store opened). */
export function useTestStore(dialect: Dialect): Store {
  let t: TestStore | undefined;
  beforeAll(async () => {
    t = await openTestStore(dialect);
  });
  afterAll(async () => t?.close());
  const opened = () => t!.store;
  return {
    dialect,
    get description() {
      return opened().description;
    },
    all: (sql, params) => opened().all(sql, params),
    get: (sql, params) => opened().get(sql, params),
    run: (sql, params) => opened().run(sql, params),
    tx: (fn, options) => opened().tx(fn, options),
    close: () => opened().close(),
    follow: (f, touches) => opened().follow?.(f, touches),
  };
}
