// `kaohe db copy --from data/kaohe.db --to postgres://…` (issue 17): moves a deployment that outgrew
// one machine from its SQLite file to PostgreSQL (server/db/copy.ts: one transaction, verified before
// it commits, all or nothing). Progress per table on stderr; the verified tables (rows, SHA-256) on
// stdout. Exit 0 copied; 1 refused (no source, a destination with rows, a difference); 2 usage, said
// with what is wrong first (a subcommand or option mistyped, --from or --to missing). A source that
// another program has open (a server still writing) is copied with a warning (openElsewhere).

import { existsSync, statSync } from 'node:fs';
import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { copyStore, CopyMismatch, DestinationNotEmpty } from '../../server/db/copy.js';
import { describeTarget, isPostgresUrl } from '../../server/store/open.js';
import { isUniqueViolation, type Store } from '../../server/store/types.js';
import { inspectSqlite } from '../../server/db/sqlite/inspect.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, progLine, unknownOption, usage } from '../io.js';
import { SYNOPSES } from '../messages.js';
import { D } from './db-messages.js';
import { withStore } from './store.js';

const VALUED = ['from', 'to', 'lang'];

/** What is wrong with the command line, said before the usage (trial V12: a typo got the bare usage):
 * an unknown subcommand, an unknown option (with the nearest known one), a missing --from or --to. */
function commandLineProblem(args: string[], opts: ReadonlyMap<string, string | true>, locale: Locale): Msg | string | undefined {
  if (args.length === 0) return D.noSubcommand();
  if (args[0] !== 'copy') return D.unknownSubcommand({ sub: args[0] });
  // An unknown option first: its value then stands as an argument (`--form a.db`: a.db).
  const unknown = [...opts.keys()].find((k) => !VALUED.includes(k));
  if (unknown) return unknownOption('db', unknown, locale, VALUED);
  if (args.length > 1) return D.extraArgument({ arg: args[1] });
  return typeof opts.get('from') === 'string' && typeof opts.get('to') === 'string' ? undefined : D.copyNeeds();
}

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, VALUED);
  const locale = langOrReport(io, 'db', opts, { argv, valued: VALUED, hints: { from: 'FILE.db', to: 'postgres://…' } });
  if (!locale) return 2;
  const say = (m: Parameters<typeof render>[0]) => progLine('kaohe db', render(m, locale), locale);
  const wrong = commandLineProblem(args, opts, locale);
  if (wrong) {
    io.err(typeof wrong === 'string' ? wrong : say(wrong));
    io.err(usage(`kaohe ${SYNOPSES.db}`, locale));
    return 2;
  }
  const from = opts.get('from') as string;
  const to = opts.get('to') as string;
  // Opening a SQLite path that does not exist would make an empty database and copy nothing.
  if (isPostgresUrl(from)) { io.err(say(D.fromNotSqlite())); return 1; }
  if (!existsSync(from)) { io.err(say(D.fromMissing({ path: from }))); return 1; }
  if (!isPostgresUrl(to)) { io.err(say(D.toNotPostgres())); return 1; }
  // Before anything opens it (opening makes a -wal file of its own).
  const open = openElsewhere(from);
  // Looked at read-only first: opening it as a store would migrate whatever file it is.
  const source = inspectSqlite(from);
  if (source.kind === 'other') { io.err(say(D.fromNotKaohe({ path: from }))); return 1; }
  if (source.kind === 'unreadable') { io.err(say(D.fromUnreadable({ path: from, why: source.why }))); return 1; }
  if (open) io.err(say(open));
  const code = await withStore(from, io, locale, 'db', (source) => withStore(to, io, locale, 'db', (dest) => copy(source, dest, { from, to, io, locale })));
  // Said again last, where the eye lands when the copy has scrolled the first one away.
  if (open && code === 0) io.err(say(open));
  return code;
}

/** A warning when another program seems to have the SQLite file open: its `-wal` file is there. A
 * connection in WAL mode keeps it (the server's checkpoints are PASSIVE: they never remove it), and
 * the last connection to close removes it; one left behind also means a crash. Whether a server
 * still writes cannot be told for sure without the driver's locks, so this warns (with the last
 * write's age) and goes on: the copy itself is a consistent snapshot, and a rehearsal while the old
 * server still serves is a sensible step (docs/deploy.md) — only writes after the snapshot are missed. */
function openElsewhere(path: string, nowMs = Date.now()): Msg | undefined {
  let st;
  try {
    st = statSync(`${path}-wal`);
  } catch {
    return undefined;
  }
  const seconds = Math.max(0, Math.round((nowMs - st.mtimeMs) / 1000));
  const ago = seconds < 120 ? D.secondsAgo({ n: seconds }) : D.minutesAgo({ n: Math.round(seconds / 60) });
  return D.sourceOpen({ path, ago });
}

async function copy(source: Store, dest: Store, o: { from: string; to: string; io: IO; locale: Locale }): Promise<number> {
  const say = (m: Parameters<typeof render>[0]) => render(m, o.locale);
  try {
    const r = await copyStore(source, dest, (t) => o.io.err(`  ${say(D.copyTable({ table: t.table, rows: t.rows }))}\n`));
    o.io.err(`${say(D.copied({ from: o.from, to: describeTarget(o.to), seconds: (r.ms / 1000).toFixed(1) }))}\n`);
    for (const t of r.tables) o.io.out(`${t.table}\t${t.rows}\t${t.sha256}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DestinationNotEmpty) o.io.err(progLine('kaohe db', say(D.notEmpty({ where: describeTarget(o.to), tables: e.tables.join(', ') })), o.locale));
    // Two copies into one empty database at once: the second one's rows collide with the first's.
    else if (isUniqueViolation(e)) o.io.err(progLine('kaohe db', say(D.raced({ where: describeTarget(o.to) })), o.locale));
    else if (e instanceof CopyMismatch) o.io.err(progLine('kaohe db', say(D.mismatch({ table: e.table, rows: e.rows.length ? D.mismatchRows({ rows: e.rows.join(', ') }) : '' })), o.locale));
    else throw e;
    return 1;
  }
}
