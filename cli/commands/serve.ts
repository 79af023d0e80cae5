// `kaohe serve [--port 8787] [--host 127.0.0.1] [--db PATH|URL] [--db-pool N] [--workers N] [--session-hours 12]
// [--max-source-bytes N] [--max-body-bytes N] [--cohort-max-seconds 10]`: the HTTP API and the editor over
// the database --db names (./store.ts: a SQLite file or a postgres:// URL; without --db, DATABASE_URL).
// Binds loopback unless --host says otherwise. On SIGTERM/SIGINT it stops accepting connections, lets
// in-flight requests finish (up to 10 s), then closes the database. --workers N: N processes on one
// port (./serve-workers.ts); --db-pool N: each process's PostgreSQL connections (default 10).
// The edge (server/node-server.ts): [--headers-timeout 10] [--request-timeout 20]
// [--keep-alive-timeout 5] [--idle-timeout 60] in seconds, [--max-connections 512], and
// [--trust-proxy] behind a TLS-terminating reverse proxy (server/client-address.ts). [--lang zh|en]:
// the language of the banner and of usage errors (default: the environment's locale, else English);
// the JSON log lines stay English. `kaohe serve --help` lists every option (cli/messages.ts notes_serve);
// an unknown option is named before the usage, as `kaohe eval` names it; a number out of range is
// named with what the option takes (./serve-options.ts).

import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { editorIsStale } from '../../editor/build-if-stale.js';
import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { C, SYNOPSES } from '../messages.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, unknownOption, usage } from '../io.js';
import { createApp } from '../../server/app.js';
import { DEFAULT_SESSION_HOURS, SIGNIN_CODE_HOURS } from '../../server/auth/signin.js';
import { bootstrap, type Bootstrap } from '../../server/bootstrap.js';
import { startWalCheckpointer } from '../../server/db/checkpoints.js';
import { SqliteStore } from '../../server/db/sqlite/store.js';
import { serviceLoaders } from '../../server/deps.js';
import { jsonLog } from '../../server/log.js';
import { sharedPool } from '../../server/lang-pool/pool.js';
import { DEFAULT_MAX_SOURCE_BYTES } from '../../server/limits.js';
import { createNodeServer, NODE_SERVER_DEFAULTS, type NodeServerOptions } from '../../server/node-server.js';
import { DEFAULT_STATIC_DIR } from '../../server/web.js';
import { openOrReport, storeTarget } from './store.js';
import { describeTarget, isPostgresUrl } from '../../server/store/open.js';
import { numberProblem } from './serve-options.js';
import { runWorkers } from './serve-workers.js';

const GRACE_MS = 10_000;

const EDGE_FLAGS = ['headers-timeout', 'request-timeout', 'keep-alive-timeout', 'idle-timeout', 'max-connections'];
const VALUED = ['port', 'host', 'db', 'db-pool', 'workers', 'schemes', 'session-hours', 'max-source-bytes', 'max-body-bytes', 'cohort-max-seconds', 'lang', ...EDGE_FLAGS];

/** The usage of `kaohe serve` with every option explained, in `locale` (also `kaohe serve --help`). */
export const serveUsage = (locale: Locale): string => `${usage(`kaohe ${SYNOPSES.serve}`, locale)}${render(C.notes_serve(), locale)}\n`;

/** The timeouts (flags in seconds, options in ms) and the connection cap, each already accepted by
 * numberProblem (./serve-options.ts). */
function edgeOptions(opts: Map<string, string | true>): Required<Omit<NodeServerOptions, 'hostname' | 'log'>> {
  const seconds = (flag: string, defaultMs: number): number => {
    const v = opts.get(flag);
    return v === undefined ? defaultMs : Math.round(Number(v) * 1000);
  };
  const cap = opts.get('max-connections');
  return {
    headersTimeout: seconds('headers-timeout', NODE_SERVER_DEFAULTS.headersTimeout),
    requestTimeout: seconds('request-timeout', NODE_SERVER_DEFAULTS.requestTimeout),
    keepAliveTimeout: seconds('keep-alive-timeout', NODE_SERVER_DEFAULTS.keepAliveTimeout),
    idleTimeout: seconds('idle-timeout', NODE_SERVER_DEFAULTS.idleTimeout),
    maxConnections: cap === undefined ? NODE_SERVER_DEFAULTS.maxConnections : Number(cap),
  };
}

/** What `kaohe serve` says on stderr once it listens: where, the first start's token, the sign-in link. */
export function banner(base: string, where: string, boot: Bootstrap, locale: Locale): string {
  const say = (m: Parameters<typeof render>[0]) => render(m, locale);
  const lines = [`\n  ${say(C.serving({ url: base, db: where }))}`];
  // `kaohe serve` (unlike `npm start`) does not build the editor: say so when its build is old,
  // or a user tries yesterday's editor without knowing it.
  if (existsSync(join(DEFAULT_STATIC_DIR, 'index.html')) && editorIsStale()) lines.push(`  ${say(C.editorStale({ dir: DEFAULT_STATIC_DIR }))}`);
  if (boot.token) {
    lines.push(`  ${say(C.firstStart({ schemes: boot.loaded.length ? boot.loaded : C.none() }))}`);
    lines.push(`  ${say(C.adminToken({ token: boot.token }))}`);
  }
  lines.push(`  ${say(C.signinUrl({ hours: SIGNIN_CODE_HOURS.organization }))}\n\n      ${base}/signin?code=${boot.signinCode}\n\n`);
  return lines.join('\n');
}

/** What is wrong with options each fine alone: headers allowed longer than the whole request, or a
 * PostgreSQL pool for a SQLite file (one connection per process: the option would do nothing). */
function combinationProblem(opts: ReadonlyMap<string, string | true>, target: string): Msg | undefined {
  const headers = Number(opts.get('headers-timeout') ?? NODE_SERVER_DEFAULTS.headersTimeout / 1000);
  const request = Number(opts.get('request-timeout') ?? NODE_SERVER_DEFAULTS.requestTimeout / 1000);
  if (headers > request) return C.headersAfterRequest({ prog: 'kaohe serve', headers, request });
  if (opts.has('db-pool') && !isPostgresUrl(target)) return C.poolNeedsPostgres({ prog: 'kaohe serve', where: describeTarget(target) });
  return undefined;
}

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, VALUED);
  const locale = langOrReport(io, 'serve', opts, { argv, valued: VALUED, hints: { port: '8787', host: '127.0.0.1', db: 'PATH', schemes: 'DIR' } });
  if (!locale) return 2;
  const say = (m: Parameters<typeof render>[0]) => render(m, locale);
  // --trust-proxy is the one flag without a value.
  const trustProxy = opts.get('trust-proxy') === true;
  const unknown = [...opts.keys()].find((k) => k !== 'trust-proxy' && !VALUED.includes(k));
  if (unknown) { io.err(unknownOption('serve', unknown, locale, [...VALUED, 'trust-proxy'])); io.err(serveUsage(locale)); return 2; }
  if (args.length > 0 || [...opts].some(([k, v]) => (v === true) !== (k === 'trust-proxy'))) {
    io.err(serveUsage(locale));
    return 2;
  }
  const dbPath = storeTarget(opts);
  const problem = numberProblem(opts, 'kaohe serve') ?? combinationProblem(opts, dbPath);
  // The reason first, then the usage with every option's range (as an unknown option is answered).
  if (problem) { io.err(`${say(problem)}\n`); io.err(serveUsage(locale)); return 2; }
  const port = Number(opts.get('port') ?? 8787);
  const host = String(opts.get('host') ?? '127.0.0.1');
  const sessionHours = Number(opts.get('session-hours') ?? DEFAULT_SESSION_HOURS);
  const maxSourceBytes = Number(opts.get('max-source-bytes') ?? DEFAULT_MAX_SOURCE_BYTES);
  const maxBodyBytes = opts.has('max-body-bytes') ? Number(opts.get('max-body-bytes')) : undefined; // undefined: createApp's 2 MiB
  const cohortSeconds = opts.has('cohort-max-seconds') ? Number(opts.get('cohort-max-seconds')) : undefined; // undefined: createApp's 10 s
  const edge = edgeOptions(opts);
  const workers = opts.has('workers') ? Number(opts.get('workers')) : 1;
  const pool = opts.has('db-pool') ? { pool: Number(opts.get('db-pool')) } : {};

  const schemesDir = opts.has('schemes') ? String(opts.get('schemes')) : undefined;
  // Several processes (--workers): this one opens the database (its migrations), makes the first
  // start's token and the sign-in link, then runs the servers as workers of node:cluster, which share
  // the port (serve-workers.ts); each worker comes back here and serves.
  if (workers > 1 && cluster.isPrimary) return runWorkers({ io, locale, target: dbPath, workers, host, port, schemesDir, ...pool });
  const worker = cluster.isWorker;
  const store = await openOrReport(dbPath, io, locale, 'serve', pool);
  if (!store) return 1;
  const where = describeTarget(dbPath);
  const log = jsonLog;
  const loaders = serviceLoaders({});
  const boot = worker ? undefined : await bootstrap(store, { loaders, log, schemesDir });
  const app = createApp({ store, sharedStore: worker, log, loaders, sessionHours, maxSourceBytes, trustProxy, ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    ...(cohortSeconds !== undefined ? { cohortMaxMs: Math.round(cohortSeconds * 1000) } : {}) });
  // WAL checkpoints in a worker thread, off the event loop (server/db/checkpoints.ts).
  const checkpointer = store instanceof SqliteStore ? startWalCheckpointer(store.sqlite) : undefined;
  // Load the language and engine now rather than on the first request (a failure is logged and
  // retried on use: the rest of the API works without them).
  for (const [name, load] of Object.entries(loaders)) {
    load().catch((e: unknown) => log({ level: 'warn', msg: `${name} not loaded`, error: String(e) }));
  }
  sharedPool().warm(); // the language workers of check, format, examples, create, draft, publish

  const served = new Promise<number>((resolve) => {
    // createNodeServer, not @hono/node-server's serve(): it also answers what Node's HTTP parser
    // refuses in the API's JSON error format (server/node-server.ts).
    const server = createNodeServer(app.fetch, { hostname: host, log, ...edge, fastLane: app.fastLane });
    server.listen(port, host, () => {
      const info = server.address() as AddressInfo;
      const base = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${info.port}`;
      log({ msg: 'listening', url: base, db: where, ...(worker ? { pid: process.pid } : {}) });
      if (boot) io.err(banner(base, where, boot, locale));
    });

    server.on('error', (e: NodeJS.ErrnoException) => {
      io.err(`${say(C.cannotListen({ prog: 'kaohe serve', address: `${host}:${port}`, why: e.code === 'EADDRINUSE' ? C.portInUse() : e.message }))}\n`);
      // (Not `checkpointer?.stop().then(…)`: without a checkpointer — PostgreSQL — that whole chain is
      // skipped, and the process stayed up without listening: trial V13 HIGH.)
      const closed = async () => {
        await checkpointer?.stop();
        await store.close();
      };
      void closed().finally(() => resolve(1));
    });

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log({ msg: 'shutting down', signal });
      // close() stops accepting and waits for open connections. Keep-alive sockets are closed as soon
      // as they fall idle (polled: close() alone would wait for each one's keep-alive timeout);
      // after the grace period the rest are cut.
      const idle = setInterval(() => 'closeIdleConnections' in server && server.closeIdleConnections(), 50);
      const force = setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), GRACE_MS);
      force.unref();
      server.close(async () => {
        clearInterval(idle);
        clearTimeout(force);
        await checkpointer?.stop();
        await store.close();
        log({ msg: 'stopped' });
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
        resolve(0);
      });
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  // A worker's channel to the primary would keep it alive after it stopped serving.
  return worker ? served.finally(() => cluster.worker?.disconnect()) : served;
}
