// `kaohe migrate [--db PATH|URL]` (issue 17): brings the database to this version's schema and
// stops — what every `kaohe serve` does at start (under an advisory lock on PostgreSQL), as a step of
// its own for an upgrade window or a database made before the servers start.

import { render } from '../../dsl/i18n/index.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, usage } from '../io.js';
import { SYNOPSES } from '../messages.js';
import { D } from './db-messages.js';
import { storeTarget, withStore } from './store.js';
import { describeTarget } from '../../server/store/open.js';

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
  // Opening the store applies the migrations it lacks (server/store/open.ts).
  return withStore(target, io, locale, 'migrate', async (store) => {
    const n = (await store.get<{ n: number }>('SELECT count(*) AS n FROM __drizzle_migrations'))?.n ?? 0;
    io.err(`${render(D.migrated({ where: describeTarget(target), n: Number(n) }), locale)}\n`);
    return 0;
  });
}
