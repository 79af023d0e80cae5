// Opens the store a deployment names: a postgres:// (or postgresql://) URL is PostgreSQL, anything
// else a SQLite file (`:memory:` for a throwaway one). The adapters load on demand, so a SQLite
// deployment never loads the PostgreSQL driver and the other way round.

import type { Store } from './types.js';

/** Where `kaohe serve` keeps its SQLite database when told nothing else. */
export const DEFAULT_DB_PATH = 'data/kaohe.db';

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/** A target as logs and messages name it: a URL without its password. */
export function describeTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const u = new URL(target);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A target written as a URL of something kaohe cannot store in (`postgre://…`, `mysql://…`): refused,
 * not taken for a SQLite file of that name (a typo in DATABASE_URL must not start an empty database). */
export class UnknownStoreTarget extends Error {
  constructor(readonly target: string) {
    super(`not a SQLite file path nor a postgres:// URL: ${target}`);
  }
}

const looksLikeUrl = (target: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(target);

export interface OpenOptions {
  /** PostgreSQL: the most connections this process's pool opens (`kaohe serve --db-pool`; the
   * adapter's default 10 when absent). SQLite has one connection and no pool. */
  pool?: number;
}

export async function openStore(target: string, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(target)) return (await import('../db/postgres/open.js')).openPostgres(target, options.pool === undefined ? {} : { max: options.pool });
  if (looksLikeUrl(target)) throw new UnknownStoreTarget(describeTarget(target));
  const { openDb } = await import('../db/client.js');
  const { sqliteStore } = await import('../db/sqlite/store.js');
  return sqliteStore(openDb(target).$client);
}
