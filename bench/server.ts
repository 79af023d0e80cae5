// Server benchmark: autocannon, 10 connections on loopback, POST /api/schemes/:id/evaluate for one
// subject of the province scheme (auth, version lookup, evaluation, one stored record per request,
// the JSON request log really written) against a bare Hono route that parses and echoes the same
// JSON — both served by one child process (bench/server-child.ts) in the same run, so the ratio
// cancels out how busy this shared machine is. The kaohe app runs as `kaohe serve` runs it
// (createNodeServer, jsonLog to stdout, here a file). The child keeps autocannon's own CPU use out of
// the server's event loop. A third bare route only parses, evaluates and answers (no auth, no
// storage): the floor any evaluate endpoint starts from. The child's CPU time per request (Linux
// /proc) is reported beside the rates; bench/server-profile.ts splits it by stage.
//
// `run()` returns the rows for bench/run.ts; `node --import tsx bench/server.ts` runs it alone.
// BENCH_SERVER_SECONDS sets the duration of each measured run (default 8).

import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './harness.js';
import { round } from './harness.js';
import { CONNECTIONS, countEvaluations, load, measured, ok2xx, rate, routes, setupDb, startChild, SUBJECT } from './server-load.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** CPU ms per subject of the engine alone, in this process (JSON text in, as a server gets it). */
async function engineMs(): Promise<number> {
  const { engine } = await import('../server/default-engine.js');
  const source = readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8');
  const prepared = engine.prepare(source).value!;
  const text = JSON.stringify(SUBJECT);
  for (let i = 0; i < 3000; i++) await engine.evaluate(prepared, JSON.parse(text));
  const n = 5000;
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await engine.evaluate(prepared, JSON.parse(text));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}

export async function run(): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_SERVER_SECONDS ?? 8);
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
  const dbPath = join(dir, 'kaohe.db');
  const token = await setupDb(dbPath);
  const { ports, pid, stop } = await startChild(dbPath, join(dir, 'requests.log'));
  try {
    const { body, evaluate: ev, echo: ec, only: on } = routes(ports, token);

    // Warm-up (JIT, the prepared-scheme cache, the engine's compiled plan) also sizes the measured
    // runs to about `seconds` each. 3,000 evaluate requests, as bench/server-ab.ts: after only 300
    // the measured run was sized by a cold rate and itself half warm-up (1,600 req/s against 2,800).
    const warm = await load(ev.url, 3000, ev.headers, body);
    const warmEcho = await load(ec.url, 3000, ec.headers, body);
    const warmOnly = await load(on.url, 2000, on.headers, body);
    const echo = await measured(pid, ec.url, Math.max(2000, Math.round(rate(warmEcho) * seconds)), ec.headers, body);
    const only = await measured(pid, on.url, Math.max(1000, Math.round(rate(warmOnly) * seconds)), on.headers, body);
    const evaluate = await measured(pid, ev.url, Math.max(300, Math.round(rate(warm) * seconds)), ev.headers, body);

    const answered = ok2xx(warm) + ok2xx(evaluate.r);
    const stored = await countEvaluations(dbPath);
    const ratio = round(rate(evaluate.r) / rate(echo.r), 3);
    const engine = await engineMs();
    const cpu = (m: { cpuMs?: number; mainMs?: number }) => (m.cpuMs === undefined ? 'n/a' : `${round(m.cpuMs, 3)} ms (main thread ${round(m.mainMs!, 3)})`);
    return [
      {
        bench: 'server', case: `POST evaluate, 1 subject of the province scheme, ${CONNECTIONS} connections`,
        value: round(rate(evaluate.r), 0), unit: 'req/s',
        baseline: `bare Hono JSON echo ${round(rate(echo.r), 0)} req/s`, ratio, target: '≥ 0.45', ok: ratio >= 0.45,
      },
      {
        bench: 'server', case: 'floor: bare route that only parses, evaluates and answers (no auth, no storage)',
        value: round(rate(only.r), 0), unit: 'req/s', baseline: `echo ${round(rate(echo.r), 0)} req/s`, ratio: round(rate(only.r) / rate(echo.r), 3),
      },
      { bench: 'server', case: 'POST evaluate p99 latency', value: evaluate.r.latency.p99, unit: 'ms', baseline: `echo p99 ${echo.r.latency.p99} ms` },
      {
        bench: 'server', case: 'server CPU per evaluate request (all threads; main thread: the event loop)', value: evaluate.cpuMs === undefined ? NaN : round(evaluate.cpuMs, 3), unit: 'ms',
        baseline: `main thread ${evaluate.mainMs === undefined ? 'n/a' : round(evaluate.mainMs, 3)} ms; echo ${cpu(echo)}, evaluate-only ${cpu(only)}, engine.evaluate alone (JSON.parse included) ${round(engine, 3)} ms`,
      },
      {
        bench: 'server', case: 'evaluations stored = 2xx answers', value: stored, unit: 'records',
        baseline: `${answered} answered 2xx, ${evaluate.r.non2xx + warm.non2xx} non-2xx, ${evaluate.r.errors + warm.errors} errors`,
        target: 'equal, no errors', ok: stored === answered && evaluate.r.non2xx + warm.non2xx === 0 && evaluate.r.errors + warm.errors === 0,
      },
    ];
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) for (const r of await run()) console.log(r);
