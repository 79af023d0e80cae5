// `kaohe migrate [--db PATH|URL]` (issue 17): brings the database to this version's schema and
// stops — what every `kaohe serve` does at start (under an advisory lock on PostgreSQL), as a step of
// its own for an upgrade window or a database made before the servers start. It says which of three
// things happened (trial V12: "has this version's schema" was said of a database it had just made):
// a new database made, one migrated from n to m migrations, or one already up to date. A SQLite
// path in a folder that does not exist is refused (./store.ts), not made.

import { existsSync, statSync } from 'node:fs';
import { render } from '../../dsl/i18n/index.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, usage } from '../io.js';
import { SYNOPSES } from '../messages.js';
import { D } from './db-messages.js';
import { storeTarget, withStore } from './store.js';
import { describeTarget, isPostgresUrl } from '../../server/store/open.js';

const VALUED = ['db', 'lang'];

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, VALUED);
  const locale = langOrReport(io, 'migrate', opts, { argv, valued: VALUED, hints: { db: 'PATH|URL' } });
  if (!locale) return 2;
  if (args.length > 0 || [...opts.keys()].some((k) => !VALUED.includes(k)) || opts.get('db') === true) {
    io.err(usage(`kaohe ${SYNOPSES.migrate}`, locale));
    return 2;
  }
  const target = storeTarget(opts);
  const before = await migrationsBefore(target);
  // Opening the store applies the migrations it lacks (server/store/open.ts).
  return withStore(target, io, locale, 'migrate', async (store) => {
    const m = Number((await store.get<{ n: number }>('SELECT count(*) AS n FROM __drizzle_migrations'))?.n ?? 0);
    const where = describeTarget(target);
    const said = before === 0 ? D.created({ where, m })
      : before === undefined ? D.migrated({ where, n: m })
      : before < m ? D.upgraded({ where, n: before, m })
      : D.upToDate({ where, m });
    io.err(`${render(said, locale)}\n`);
    return 0;
  });
}

/** The migrations the database had before this command: 0 for a SQLite file not there yet (or empty)
 * or a PostgreSQL schema without kaohe's record of them; undefined when that cannot be told — an
 * existing SQLite file (read only by its adapter, which migrates it on opening), or a PostgreSQL
 * server that does not answer (opening it then says why). */
async function migrationsBefore(target: string): Promise<number | undefined> {
  if (!isPostgresUrl(target)) return existsSync(target) && statSync(target).size > 0 ? undefined : 0;
  // The adapter's store without its migrations: one connection, one question, closed.
  const { PostgresStore } = await import('../../server/db/postgres/store.js');
  let store: InstanceType<typeof PostgresStore> | undefined;
  try {
    store = new PostgresStore(target, { max: 1 });
    if (!(await store.get<{ t: string | null }>("SELECT to_regclass('__drizzle_migrations') AS t"))?.t) return 0;
    return Number((await store.get<{ n: number }>('SELECT count(*) AS n FROM __drizzle_migrations'))?.n ?? 0);
  } catch {
    return undefined;
  } finally {
    await store?.close();
  }
}
