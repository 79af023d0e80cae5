// `kaohe serve --workers N` (issue 17): N server processes on one port, for one machine with several
// cores. This process (node:cluster's primary) opens the database once — its migrations, the first
// start's token, the sign-in link — and forks N workers running `kaohe serve` with the same arguments;
// node:cluster hands each new connection to one of them, and every worker serves any request, as the
// servers of several machines do behind a load balancer (their shared state lives in the database:
// server/store/). A worker that dies is replaced (a crash loop — more than MAX_RESTARTS within
// RESTART_WINDOW_MS — stops everything with exit 1); SIGTERM/SIGINT stop the workers, each finishing
// its requests in flight (serve.ts), and then this process.

import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { render, type Locale } from '../../dsl/i18n/index.js';
import { bootstrap } from '../../server/bootstrap.js';
import { serviceLoaders } from '../../server/deps.js';
import { jsonLog } from '../../server/log.js';
import { C } from '../messages.js';
import type { IO } from '../io.js';
import { banner } from './serve.js';
import { openOrReport } from './store.js';
import { describeTarget } from '../../server/store/open.js';

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 10_000;

export interface WorkersOptions {
  io: IO;
  locale: Locale;
  target: string;
  workers: number;
  host: string;
  port: number;
  schemesDir?: string;
  /** --db-pool: this process's pool (bootstrap only); the workers read the flag from their argv. */
  pool?: number;
}

export async function runWorkers(o: WorkersOptions): Promise<number> {
  const store = await openOrReport(o.target, o.io, o.locale, 'serve', { pool: o.pool });
  if (!store) return 1;
  const log = jsonLog;
  let boot;
  try {
    boot = await bootstrap(store, { loaders: serviceLoaders({}), log, schemesDir: o.schemesDir });
  } finally {
    await store.close();
  }
  const where = describeTarget(o.target);

  return new Promise<number>((resolve) => {
    let stopping = false;
    let listening = 0;
    const restarts: number[] = [];
    const fork = (): Worker => cluster.fork();

    cluster.on('listening', (_w, address: AddressInfo | { port: number }) => {
      if (++listening !== o.workers) return;
      const base = `http://${o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host}:${address.port}`;
      log({ msg: 'listening', url: base, db: where, workers: o.workers });
      o.io.err(banner(base, where, boot, o.locale));
    });

    cluster.on('exit', (w, code, signal) => {
      const left = Object.keys(cluster.workers ?? {}).length;
      if (stopping) {
        if (left === 0) finish(0);
        return;
      }
      log({ level: 'warn', msg: 'worker exited', pid: w.process.pid, code, signal });
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS || (listening < o.workers && code !== 0)) {
        // Crashing in a loop, or failing before the port was served (a port in use): give up.
        if (listening < o.workers) o.io.err(`${render(C.cannotListen({ prog: 'kaohe serve', address: `${o.host}:${o.port}`, why: `worker exit ${code ?? signal}` }), o.locale)}\n`);
        stop('crash loop', 1);
        return;
      }
      fork();
    });

    let exitCode = 0;
    const finish = (code: number) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      log({ msg: 'stopped' });
      resolve(code || exitCode);
    };
    const stop = (why: string, code = 0) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      // A crash loop is an error an operator's alerting must see, not a shutdown like a signal's.
      log(code === 0 ? { msg: 'shutting down', signal: why } : { level: 'error', msg: 'workers crash in a loop: stopping', signal: why });
      const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      if (all.length === 0) return finish(code);
      for (const w of all) w.process.kill('SIGTERM');
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);

    for (let i = 0; i < o.workers; i++) fork();
  });
}
