// `kaohe serve [--port 8787] [--host 127.0.0.1] [--db PATH] [--session-hours 12]`: the HTTP API and the editor over an
// embedded SQLite database. Binds loopback unless --host says otherwise. On SIGTERM/SIGINT it stops
// accepting connections, lets in-flight requests finish (up to 10 s), then closes the database.

import type { AddressInfo } from 'node:net';
import type { IO } from '../io.js';
import { parseArgs } from '../io.js';
import { createApp } from '../../server/app.js';
import { DEFAULT_SESSION_HOURS } from '../../server/auth/signin.js';
import { bootstrap } from '../../server/bootstrap.js';
import { closeDb, DEFAULT_DB_PATH, openDb } from '../../server/db/client.js';
import { serviceLoaders } from '../../server/deps.js';
import { jsonLog } from '../../server/log.js';
import { createNodeServer } from '../../server/node-server.js';

const GRACE_MS = 10_000;

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['port', 'host', 'db', 'schemes', 'session-hours']);
  const port = Number(opts.get('port') ?? 8787);
  const host = String(opts.get('host') ?? '127.0.0.1');
  const dbPath = String(opts.get('db') ?? DEFAULT_DB_PATH);
  const sessionHours = Number(opts.get('session-hours') ?? DEFAULT_SESSION_HOURS);
  if (args.length > 0 || !Number.isInteger(port) || port < 0 || port > 65535 || [...opts.values()].includes(true)
    || !(sessionHours > 0 && sessionHours <= 24 * 365)) {
    io.err('usage: kaohe serve [--port 8787] [--host 127.0.0.1] [--db PATH] [--schemes DIR] [--session-hours 12]\n');
    return 2;
  }

  const db = openDb(dbPath);
  const log = jsonLog;
  const loaders = serviceLoaders({});
  const boot = await bootstrap(db, { loaders, log, schemesDir: opts.has('schemes') ? String(opts.get('schemes')) : undefined });
  const app = createApp({ db, log, loaders, sessionHours });
  // Load the language and engine now rather than on the first request (a failure is logged and
  // retried on use: the rest of the API works without them).
  for (const [name, load] of Object.entries(loaders)) {
    load().catch((e: unknown) => log({ level: 'warn', msg: `${name} not loaded`, error: String(e) }));
  }

  return new Promise<number>((resolve) => {
    // createNodeServer, not @hono/node-server's serve(): it also answers what Node's HTTP parser
    // refuses in the API's JSON error format (server/node-server.ts).
    const server = createNodeServer(app.fetch, { hostname: host, log });
    server.listen(port, host, () => {
      const info = server.address() as AddressInfo;
      const base = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${info.port}`;
      log({ msg: 'listening', url: base, db: dbPath });
      const lines = [`\n  kaohe 考核 serving on ${base}  (database ${dbPath})`];
      if (boot.token) {
        lines.push(`  first start: organization "default", reference schemes loaded: ${boot.loaded.join(', ') || 'none'}`);
        lines.push(`  admin+author token (shown once): ${boot.token}`);
      }
      lines.push(`  open this one-time URL to sign the browser in:\n\n      ${base}/signin?code=${boot.signinCode}\n\n`);
      io.err(lines.join('\n'));
    });

    server.on('error', (e: NodeJS.ErrnoException) => {
      io.err(`kaohe serve: cannot listen on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}\n`);
      closeDb(db);
      resolve(1);
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
      server.close(() => {
        clearInterval(idle);
        clearTimeout(force);
        closeDb(db);
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
}
