// The child process of the server benchmarks (bench/server.ts, bench/server-profile.ts): kaohe's app
// as `kaohe serve` runs it — createNodeServer, the JSON request log on stdout (the parent points
// stdout at a file, so every line is really written) — and, on a second port, a bare Hono app with
// an echo route and a route that only parses, evaluates and answers. Ports go to the parent over the
// IPC channel, which also starts and stops a CPU profile of this process (node:inspector) so that a
// profile holds the measured load only, not start-up and warm-up, and reports this process's CPU
// time (process.cpuUsage: every thread, user + system) around a measured round.
//
// Run by the parent: `node --import tsx bench/server-child.ts DB_PATH` with an 'ipc' stdio slot.

import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineApi, EvalOptions } from '../engine/api.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ChildPorts { kaohe: number; echo: number }
/** Parent → child: start a CPU profile, or stop it and write it to `path`; or report this process's CPU time. */
export type ChildCommand = { profile: 'start'; intervalUs?: number } | { profile: 'stop'; path: string } | { cpu: true };
/** Child → parent. */
export type ChildMessage = { ports: ChildPorts } | { profiled: string } | { started: true } | { cpu: NodeJS.CpuUsage };

async function serve(dbPath: string): Promise<void> {
  const { serve: serveHono } = await import('@hono/node-server');
  const { Hono } = await import('hono');
  const { createApp } = await import('../server/app.js');
  const { createNodeServer } = await import('../server/node-server.js');
  const { openDb } = await import('../server/db/client.js');
  const { engine } = await import('../server/default-engine.js');
  const { lang } = await import('../server/default-lang.js');
  const { jsonLog } = await import('../server/log.js');

  const evaluator = withBackend(engine);
  const db = openDb(dbPath);
  // The store where the checkout has one (issue 17); an A/B against an older checkout passes `db`.
  const adapter = await import('../server/db/sqlite/store.js' as string).catch(() => undefined) as { sqliteStore?: (c: unknown) => unknown } | undefined;
  const store = adapter?.sqliteStore?.(db.$client);
  const app = createApp({ db, store, engine: evaluator, lang, log: jsonLog } as unknown as Parameters<typeof createApp>[0]);
  // As `kaohe serve` does, where the checkout has it (an A/B against an older one may not). Its
  // argument was the drizzle handle before issue 17, the better-sqlite3 connection since.
  const checkpoints = await import('../server/db/checkpoints.js' as string).catch(() => undefined) as { startWalCheckpointer?: (db: unknown) => unknown } | undefined;
  checkpoints?.startWalCheckpointer?.(store ? db.$client : db);
  const bare = new Hono();
  bare.post('/echo', async (c) => c.json(await c.req.json()));
  const province = engine.prepare(readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8')).value!;
  bare.post('/evaluate-only', async (c) => {
    const r = await evaluator.evaluate(province, await c.req.json());
    return r.ok ? c.json(r.value) : c.json(r.errors, 422);
  });

  // BENCH_FAST_LANE=0: every request through Hono, as before the evaluate fast lane (server/fast-lane.ts).
  const fastLane = process.env.BENCH_FAST_LANE === '0' ? undefined : (app as { fastLane?: unknown }).fastLane;
  const kaohe = createNodeServer(app.fetch, { hostname: '127.0.0.1', ...(fastLane !== undefined && { fastLane }) } as Parameters<typeof createNodeServer>[1]);
  await new Promise<void>((resolve) => kaohe.listen(0, '127.0.0.1', resolve));
  const echo = await new Promise<number>((resolve) => serveHono({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port)));
  const ports: ChildPorts = { kaohe: (kaohe.address() as { port: number }).port, echo };
  send({ ports });

  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));
  process.on('message', async (m: ChildCommand) => {
    if ('cpu' in m) send({ cpu: process.cpuUsage() });
    else if (m.profile === 'start') {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: m.intervalUs ?? 200 });
      await post('Profiler.start');
      send({ started: true });
    } else {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(m.path, JSON.stringify(profile));
      send({ profiled: m.path });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0)); // the parent is gone: never left serving
}

const send = (m: ChildMessage) => process.send!(m);

/** BENCH_BACKEND=compiled|closures: the engine with that backend asked for on every evaluation — a
 * measurement before the engine's default changes (issue 16); unset: the engine's default, as the
 * server runs. Cohorts and explanations are left alone. */
function withBackend(engine: EngineApi): EngineApi {
  const backend = process.env.BENCH_BACKEND as 'compiled' | 'closures' | undefined;
  if (backend === undefined) return engine;
  const withIt = (opts?: EvalOptions) => ({ ...opts, backend }) as EvalOptions;
  return {
    ...engine,
    evaluate: (s, subject, opts) => engine.evaluate(s, subject, withIt(opts)),
    ...(engine.evaluateJson && { evaluateJson: (s, subject, opts) => engine.evaluateJson!(s, subject, withIt(opts)) }),
  };
}

await serve(process.argv[2]);
