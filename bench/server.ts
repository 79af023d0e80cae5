// Server benchmark: autocannon, 10 connections on loopback, POST /api/schemes/:id/evaluate for one
// subject of the province scheme (auth, version lookup, evaluation, one stored record per request,
// committed before the answer, the JSON request log really written) against a bare Hono route that
// parses and echoes the same JSON — both served by one child process (bench/server-child.ts) as
// `kaohe serve` runs the app (createNodeServer, jsonLog to stdout, here a file, the WAL checkpointer).
//
// How it measures (issue 16, session 4): the server is pinned to one core and this process — the
// load generator — to the other (bench/server-load.ts, taskset), so the two do not take turns on the
// same core; echo and evaluate rounds alternate (e, v, e, v …, BENCH_SERVER_ROUNDS of each, ≥ 3), so
// a neighbour's burst hits both alike. Per round: req/s, the server's CPU per request (the child's
// process.cpuUsage, every thread: SQLite's fsync and WAL work are the server's work) and how busy
// the server's core and the load generator were (CPU ÷ wall). The row is the ratio of the medians,
// as req/s and as CPU per request (echo ÷ evaluate). With the server's core ~100% busy on the echo,
// the load generator is not what sets the echo's pace. A bare route that only parses, evaluates and
// answers (no auth, no storage) is measured once after the rounds: the floor of any evaluate route.
//
// `run()` returns the rows for bench/run.ts; `node --import tsx bench/server.ts` runs it alone and
// prints every round. BENCH_SERVER_SECONDS: seconds per round (default 3).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SubjectInput } from '../engine/api.js';
import type { BenchRow } from './harness.js';
import { round } from './harness.js';
import {
  CONNECTIONS, coresOf, countEvaluations, load, median, pinLoadGenerator, pinnedCores, rate, round as measureRound, routes, setupDb, startChild, SUBJECT,
  unpinLoadGenerator, type Round,
} from './server-load.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** CPU ms per subject of what the server's evaluate lane runs between the body's text and the
 * answer's bytes, in this process: the body's one check (evaluateBody: exact JSON, depth, schema),
 * the engine's JSON-text path with the service's options (evaluateJson: the compiled program writes
 * the result's text) and its UTF-8 encoding (the row's and the answer's). */
async function engineMs(): Promise<number> {
  const { engine } = await import('../server/default-engine.js');
  const { evaluateBody } = await import('../server/evaluations/request.js');
  const { MAX_DETAILS } = await import('../server/errors.js');
  const source = readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8');
  const prepared = engine.prepare(source).value!;
  const text = JSON.stringify(SUBJECT);
  const opts = { explain: false, maxErrors: MAX_DETAILS - 1 }; // service.ts engineOptions, English
  // As service.ts evaluated(): the compiled program's text, or (a plan not warm yet) the result's.
  const once = async () => {
    const subject = evaluateBody(text).body as SubjectInput;
    let json = engine.evaluateJson!(prepared, subject, opts);
    if (json === undefined) {
      const out = await engine.evaluate(prepared, subject, opts);
      if (!out.ok) throw new Error('the benchmark subject is invalid');
      json = JSON.stringify(out.value);
    }
    return Buffer.from(json);
  };
  for (let i = 0; i < 3000; i++) await once();
  if (engine.evaluateJson!(prepared, evaluateBody(text).body as SubjectInput, opts) === undefined) throw new Error('the compiled program is not warm after 3000 subjects');
  const n = 5000;
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await once();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / n;
}

const f = (x: number, d = 3) => x.toFixed(d);
const load1 = () => loadavg().map((x) => f(x, 2)).join(' ');

/** One line of the round table (markdown). */
export const roundLine = (side: string, kind: string, i: number, r: Round) =>
  `| ${side} | ${kind} ${i + 1} | ${f(r.rate, 0)} | ${f(r.cpuMs)} | ${f(r.mainMs)} | ${f(r.serverCores, 2)} of ${f(r.serverCoreBusy, 2)} | ${f(r.generatorCores, 2)} of ${f(r.generatorCoreBusy, 2)} (${f(r.generatorMs)} ms/req) | ${r.p99} |`;
/** "server core": the server's CPU ÷ wall, of how busy its core was by anyone; the rest is a neighbour's. */
export const ROUND_HEAD = '| side | round | req/s | server CPU ms/req (all threads) | main thread | server, of its core busy | load generator, of its core busy | p99 ms |\n|---|---|---|---|---|---|---|---|';

/** Medians of a side's rounds and the two ratios. */
export function summary(echo: Round[], evaluate: Round[]) {
  const med = (rs: Round[], k: keyof Round) => median(rs.map((r) => r[k]));
  const side = (rs: Round[]) => ({
    rate: med(rs, 'rate'), cpuMs: med(rs, 'cpuMs'), mainMs: med(rs, 'mainMs'), cores: med(rs, 'serverCores'), gen: med(rs, 'generatorCores'),
    coreBusy: med(rs, 'serverCoreBusy'), genCoreBusy: med(rs, 'generatorCoreBusy'), p99: med(rs, 'p99'),
  });
  const e = side(echo), v = side(evaluate);
  // Also per round (echo i ÷ evaluate i, then the median): a neighbour's burst moves both alike.
  const paired = median(echo.map((r, i) => r.cpuMs / evaluate[i].cpuMs));
  return { e, v, rateRatio: v.rate / e.rate, cpuRatio: e.cpuMs / v.cpuMs, paired };
}

export async function run(): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_SERVER_SECONDS ?? 3);
  const rounds = Math.max(3, Number(process.env.BENCH_SERVER_ROUNDS ?? 4));
  const pinned = pinLoadGenerator();
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
  const dbPath = join(dir, 'kaohe.db');
  const token = await setupDb(dbPath);
  const child = await startChild(dbPath, join(dir, 'requests.log'));
  try {
    if (pinnedCores() && coresOf(child.pid) !== pinnedCores()!.server) throw new Error(`the server runs on cores ${coresOf(child.pid)}, not ${pinnedCores()!.server}`);
    const { body, evaluate: ev, echo: ec, only: on } = routes(child.ports, token);
    // Warm-up (JIT, the prepared-scheme cache, the engine's compiled plan); it also sizes the rounds.
    const warm = await load(ev.url, 3000, ev.headers, body);
    const warmEcho = await load(ec.url, 3000, ec.headers, body);
    const nEcho = Math.max(2000, Math.round(rate(warmEcho) * seconds)), nEval = Math.max(1000, Math.round(rate(warm) * seconds));
    const echo: Round[] = [], evaluate: Round[] = [];
    const loads: string[] = [load1()];
    for (let i = 0; i < rounds; i++) {
      echo.push(await measureRound(child, ec.url, nEcho, ec.headers, body));
      evaluate.push(await measureRound(child, ev.url, nEval, ev.headers, body));
      if (process.argv[1] === SELF) process.stderr.write(`${roundLine('', 'echo', i, echo[i])}\n${roundLine('', 'evaluate', i, evaluate[i])}\n`);
    }
    loads.push(load1());
    await load(on.url, 2000, on.headers, body);
    const only = await measureRound(child, on.url, nEval, on.headers, body);

    const answered = warm.non2xx === 0 ? warm.requests.total + evaluate.reduce((n, r) => n + r.ok2xx, 0) : NaN;
    const failed = warm.non2xx + warm.errors + evaluate.reduce((n, r) => n + r.non2xx + r.errors, 0);
    const stored = await countEvaluations(dbPath);
    const s = summary(echo, evaluate);
    const engine = await engineMs();
    const context = `load ${loads.join(' → ')}; ${pinned}`;
    return [
      {
        bench: 'server', case: `POST evaluate ÷ echo, req/s, median of ${rounds} alternating rounds each, 1 subject of the province scheme, ${CONNECTIONS} connections`,
        value: round(s.v.rate, 0), unit: 'req/s',
        baseline: `bare Hono JSON echo ${round(s.e.rate, 0)} req/s (rounds ${echo.map((r) => f(r.rate, 0)).join(', ')}; evaluate ${evaluate.map((r) => f(r.rate, 0)).join(', ')}); ${context}`,
        ratio: round(s.rateRatio, 3), target: '≥ 0.45', ok: s.rateRatio >= 0.45,
      },
      {
        bench: 'server', case: 'server CPU per request, echo ÷ evaluate (all threads, medians; the server\'s own cost)',
        value: round(s.v.cpuMs, 3), unit: 'ms',
        baseline: `echo ${f(s.e.cpuMs)} ms; median of the rounds' own ratios ${f(s.paired)}; main thread evaluate ${f(s.v.mainMs)}, echo ${f(s.e.mainMs)} ms; the lane's body check + engine.evaluateJson + UTF-8 alone (text in, bytes out) ${f(engine)} ms`,
        ratio: round(s.cpuRatio, 3), target: '≥ 0.45', ok: s.cpuRatio >= 0.45,
      },
      {
        bench: 'server', case: 'server core busy during the echo (the server\'s CPU ÷ wall; ~1.0: the server, not the load generator, sets the pace)',
        value: round(s.e.cores, 2), unit: 'cores',
        baseline: `its core busy by anyone ${f(s.e.coreBusy, 2)} (the rest a neighbour's); evaluate ${f(s.v.cores, 2)} of ${f(s.v.coreBusy, 2)}; load generator ${f(s.e.gen, 2)} of ${f(s.e.genCoreBusy, 2)} (echo), ${f(s.v.gen, 2)} of ${f(s.v.genCoreBusy, 2)} (evaluate)`,
        target: '≥ 0.9', ok: s.e.cores >= 0.9,
      },
      {
        bench: 'server', case: 'floor: bare route that only parses, evaluates and answers (no auth, no storage), one round after',
        value: round(only.rate, 0), unit: 'req/s', baseline: `echo ${round(s.e.rate, 0)} req/s; CPU ${f(only.cpuMs)} ms/req`, ratio: round(only.rate / s.e.rate, 3),
      },
      { bench: 'server', case: 'POST evaluate p99 latency (median of rounds)', value: s.v.p99, unit: 'ms', baseline: `echo p99 ${median(echo.map((r) => r.p99))} ms` },
      {
        bench: 'server', case: 'evaluations stored = 2xx answers', value: stored, unit: 'records',
        baseline: `${answered} answered 2xx, ${failed} non-2xx or errors`, target: 'equal, no errors', ok: stored === answered && failed === 0,
      },
    ];
  } finally {
    child.stop();
    unpinLoadGenerator();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  process.stderr.write(`${ROUND_HEAD}\n`);
  for (const r of await run()) console.log(r);
}
