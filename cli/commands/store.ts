// Which database `kaohe token`, `kaohe account` and `kaohe serve` work on (issue 17): `--db`, a
// SQLite file or a postgres:// URL; without it the environment's DATABASE_URL (how a deployment on
// PostgreSQL names its database once for every command); else data/kaohe.db. A database that cannot
// be opened is said in words, with where it is (a URL without its password), not as a stack trace.
// A SQLite file named on purpose in a folder that does not exist is refused, not made with its
// folders (trial V12: `kaohe migrate --db /srv/kaoeh/kaohe.db` made both and said all was well);
// only the default data/kaohe.db gets its folder made (a fresh clone's `npm start`).

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineMessages, render, type Locale } from '../../dsl/i18n/index.js';
import { progLine, type IO } from '../io.js';
import { DEFAULT_DB_PATH, describeTarget, isPostgresUrl, openStore, UnknownStoreTarget, type OpenOptions } from '../../server/store/open.js';
import { StoreUnavailable, type Store } from '../../server/store/types.js';

export const S = defineMessages('cliStore', {
  en: {
    unreachable: 'the database {where} cannot be reached ({why})',
    unknownTarget: '{where} is neither a SQLite file path nor a postgres:// URL (postgresql:// works too): check --db or DATABASE_URL',
    cannotOpen: 'the database {where} cannot be opened: {why}',
    busy: 'the database {where} stayed locked by another program',
    noFolder: 'there is no folder {dir} for the SQLite database {where}: nothing was made; check --db or DATABASE_URL (a new database is made only in a folder that exists)',
  },
  zh: {
    unreachable: '无法连接数据库 {where}（{why}）',
    unknownTarget: '{where} 既不是“SQLite”文件路径，也不是“postgres://”地址（也可写“postgresql://”）：请检查“--db”或环境变量“DATABASE_URL”',
    cannotOpen: '无法打开数据库 {where}：{why}',
    busy: '数据库 {where} 一直被另一程序锁定',
    noFolder: '没有目录 {dir}，无法在其中建立“SQLite”数据库 {where}：未建立任何文件；请检查“--db”或环境变量“DATABASE_URL”（只在已有的目录中新建数据库）',
  },
});

/** The database the options name: `--db`, else DATABASE_URL, else the default SQLite file. */
export function storeTarget(opts: Map<string, string | true>, env: NodeJS.ProcessEnv = process.env): string {
  const db = opts.get('db');
  if (typeof db === 'string') return db;
  return env.DATABASE_URL?.trim() || DEFAULT_DB_PATH;
}

/** Runs `fn` on the target's store and closes it after; when the store cannot be opened, says why
 * on stderr (`kaohe <prog>: …`) and answers exit code 1. An error of SQLite other than a lock is
 * thrown on as before (cli/main.ts names a missing driver). */
export async function withStore(target: string, io: IO, locale: Locale, prog: string, fn: (store: Store) => Promise<number>): Promise<number> {
  const store = await openOrReport(target, io, locale, prog);
  if (!store) return 1;
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The target's store, or undefined once it has said on stderr why it cannot be opened. */
export async function openOrReport(target: string, io: IO, locale: Locale, prog: string, options: OpenOptions = {}): Promise<Store | undefined> {
  const dir = missingFolder(target);
  if (dir !== undefined) {
    io.err(progLine(`kaohe ${prog}`, render(S.noFolder({ dir, where: target }), locale), locale));
    return undefined;
  }
  try {
    return await openStore(target, options);
  } catch (e) {
    const msg = openRefusal(e, target);
    if (!msg) throw e;
    io.err(progLine(`kaohe ${prog}`, render(msg, locale), locale));
    return undefined;
  }
}

/** The folder a SQLite target would be made in, when it does not exist and the target is not the
 * default; undefined otherwise (a URL, `:memory:`, an existing folder). */
function missingFolder(target: string): string | undefined {
  if (target === DEFAULT_DB_PATH || target === ':memory:' || /^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return undefined;
  const dir = dirname(resolve(target));
  return existsSync(dir) ? undefined : dir;
}

function openRefusal(e: unknown, target: string) {
  const where = describeTarget(target);
  const cause = e instanceof StoreUnavailable ? e.cause : e;
  const why = cause instanceof Error && cause.message ? cause.message : String(cause);
  if (e instanceof UnknownStoreTarget) return S.unknownTarget({ where });
  if (e instanceof StoreUnavailable) return e.reason === 'busy' ? S.busy({ where }) : S.unreachable({ where, why });
  return isPostgresUrl(target) ? S.cannotOpen({ where, why }) : undefined;
}
