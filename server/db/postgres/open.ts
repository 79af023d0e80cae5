// Opening the PostgreSQL store: the pool, then the migrations of ./migrations applied under an
// advisory lock, so servers started together migrate once — the first takes the lock and applies
// what is missing, the others wait for it and find nothing left to do.

import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PostgresStore, storeError, type PostgresOptions } from './store.js';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
/** The advisory lock's first key ('kh'); the second is the schema's, so tests in schemas of their own
 * do not wait for each other. */
const LOCK_CLASS = 0x6b68;

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const store = new PostgresStore(url, options);
  try {
    await migratePostgres(store, options.schema);
  } catch (e) {
    await store.close().catch(() => {});
    throw storeError(e);
  }
  return store;
}

/** Applies the migrations not yet applied, holding the advisory lock meanwhile. The record of applied
 * migrations lives in the same schema as the tables (the first of the connection's search_path:
 * `public` by default, or one named by the URL's `options=-c search_path=…`), so two deployments in
 * two schemas of one database never take each other's record for their own. */
export async function migratePostgres(store: PostgresStore, schema?: string): Promise<void> {
  const client = await store.pool.connect();
  try {
    // Text in the C collation orders by code point only in UTF8 (docs/deploy.md); a LATIN1 or GBK
    // database would also refuse Chinese text. Said before any migration runs.
    const encoding = (await client.query<{ e: string }>('SELECT pg_encoding_to_char(encoding) AS e FROM pg_database WHERE datname = current_database()')).rows[0]?.e;
    if (encoding && encoding !== 'UTF8') throw new Error(`the database's encoding is ${encoding}; kaohe needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0)`);
    const target = schema ?? (await searchSchema(client));
    const key = [LOCK_CLASS, schemaKey(target)];
    await client.query('SELECT pg_advisory_lock($1, $2)', key);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS, migrationsSchema: target });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', key);
    }
  } finally {
    client.release();
  }
}

/** The schema new tables go to: current_schema(), or — when the search_path names a schema not made
 * yet, which the migrations then create — the first name of the search_path. */
async function searchSchema(client: { query: PostgresStore['pool']['query'] }): Promise<string> {
  const row = (await client.query<{ s: string | null; p: string }>("SELECT current_schema() AS s, current_setting('search_path') AS p")).rows[0];
  if (row?.s) return row.s;
  const first = (row?.p ?? '').split(',').map((x) => x.trim().replace(/^"(.*)"$/, '$1')).find((x) => x && x !== '$user');
  // An empty search_path (`options=-c search_path=`) names nowhere to put the tables.
  if (!first) throw new Error('the connection\'s search_path names no schema for kaohe\'s tables');
  return first;
}

/** A 32-bit key for a schema name (the lock's second half). */
function schemaKey(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}
