// `kaohe db copy --from data/kaohe.db --to postgres://…` (issue 17): moves a deployment that outgrew
// one machine from its SQLite file to PostgreSQL (server/db/copy.ts: one transaction, verified before
// it commits, all or nothing). Progress per table on stderr; the verified tables (rows, SHA-256) on
// stdout. Exit 0 copied; 1 refused (no source, a destination with rows, a difference); 2 usage.

import { existsSync } from 'node:fs';
import { render, type Locale } from '../../dsl/i18n/index.js';
import { copyStore, CopyMismatch, DestinationNotEmpty } from '../../server/db/copy.js';
import { describeTarget, isPostgresUrl } from '../../server/store/open.js';
import { isUniqueViolation, type Store } from '../../server/store/types.js';
import { inspectSqlite } from '../../server/db/sqlite/inspect.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, usage } from '../io.js';
import { SYNOPSES } from '../messages.js';
import { D } from './db-messages.js';
import { withStore } from './store.js';

const VALUED = ['from', 'to', 'lang'];

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, VALUED);
  const locale = langOrReport(io, 'db', opts, { argv, valued: VALUED, hints: { from: 'FILE.db', to: 'postgres://…' } });
  if (!locale) return 2;
  const from = opts.get('from');
  const to = opts.get('to');
  if (args.length !== 1 || args[0] !== 'copy' || typeof from !== 'string' || typeof to !== 'string' || [...opts.keys()].some((k) => !VALUED.includes(k))) {
    io.err(usage(`kaohe ${SYNOPSES.db}`, locale));
    return 2;
  }
  const say = (m: Parameters<typeof render>[0]) => `kaohe db: ${render(m, locale)}\n`;
  // Opening a SQLite path that does not exist would make an empty database and copy nothing.
  if (isPostgresUrl(from) || !existsSync(from)) { io.err(say(D.fromMissing({ path: from }))); return 1; }
  if (!isPostgresUrl(to)) { io.err(say(D.toNotPostgres())); return 1; }
  // Looked at read-only first: opening it as a store would migrate whatever file it is.
  const source = inspectSqlite(from);
  if (source.kind === 'other') { io.err(say(D.fromNotKaohe({ path: from }))); return 1; }
  if (source.kind === 'unreadable') { io.err(say(D.fromUnreadable({ path: from, why: source.why }))); return 1; }
  return withStore(from, io, locale, 'db', (source) => withStore(to, io, locale, 'db', (dest) => copy(source, dest, { from, to, io, locale })));
}

async function copy(source: Store, dest: Store, o: { from: string; to: string; io: IO; locale: Locale }): Promise<number> {
  const say = (m: Parameters<typeof render>[0]) => render(m, o.locale);
  try {
    const r = await copyStore(source, dest, (t) => o.io.err(`  ${say(D.copyTable({ table: t.table, rows: t.rows }))}\n`));
    o.io.err(`${say(D.copied({ from: o.from, to: describeTarget(o.to), seconds: (r.ms / 1000).toFixed(1) }))}\n`);
    for (const t of r.tables) o.io.out(`${t.table}\t${t.rows}\t${t.sha256}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DestinationNotEmpty) o.io.err(`kaohe db: ${say(D.notEmpty({ where: describeTarget(o.to), tables: e.tables.join(', ') }))}\n`);
    // Two copies into one empty database at once: the second one's rows collide with the first's.
    else if (isUniqueViolation(e)) o.io.err(`kaohe db: ${say(D.raced({ where: describeTarget(o.to) }))}\n`);
    else if (e instanceof CopyMismatch) o.io.err(`kaohe db: ${say(D.mismatch({ table: e.table, rows: e.rows.length ? D.mismatchRows({ rows: e.rows.join(', ') }) : '' }))}\n`);
    else throw e;
    return 1;
  }
}
