// Server benchmark: autocannon, 10 connections on loopback, POST /api/schemes/:id/evaluate for one
// subject of the province scheme (auth, version lookup, evaluation, one stored record per request)
// against a bare Hono route that parses and echoes the same JSON — both served by one child
// process in the same run, so the ratio cancels out how busy this shared machine is. The child
// keeps autocannon's own CPU use out of the server's event loop. A third bare route only parses,
// evaluates and answers (no auth, no storage): the floor any evaluate endpoint starts from. The
// child's CPU time per request (Linux /proc) is reported beside the rates.
//
// `run()` returns the rows for bench/run.ts; `node --import tsx bench/server.ts` runs it alone.
// BENCH_SERVER_SECONDS sets the duration of each measured run (default 8).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import type { BenchRow } from './harness.js';
import { round } from './harness.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SCHEME_ID = '省直年度考核';
const CONNECTIONS = 10;

/** The 执法岗 subject of the province scheme's example (LANGUAGE.md §10). */
const SUBJECT = {
  id: 'A001',
  input: {
    岗位: '行政执法', 职级: '一级主任科员', 单位: '执法总队', 缺勤天数: 1,
    政治素质评价: { 上级: [95], 同级: [90, 92, 88, 94, 80] },
    职业道德评价: { 上级: [90], 同级: [90] },
    工作作风评价: { 上级: [85], 同级: [88] },
    廉洁自律评价: { 上级: [100] },
    工作任务: [
      { 名称: '专项整治', 难度: '困难', 角色: '牵头', 完成率: 1.1 },
      { 名称: '执法检查', 难度: '较难', 角色: '参与', 完成率: 0.9 },
    ],
    案件受理数: 50, 案件办结数: 48, 执法过错数: 1, 表彰: '市级', 创新成果: 1,
    平时考核: ['好', '好', '较好', '好'],
  },
};

interface Histogram { average: number; p50: number; p99: number }
interface CannonResult { requests: Histogram & { total: number }; latency: Histogram; duration: number; non2xx: number; errors: number; timeouts: number; statusCodeStats: Record<string, { count: number }> }
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

// ---------------------------------------------------------------- child: the two servers

async function serveBoth(dbPath: string): Promise<void> {
  const { serve } = await import('@hono/node-server');
  const { Hono } = await import('hono');
  const { createApp } = await import('../server/app.js');
  const { openDb } = await import('../server/db/client.js');
  const { engine } = await import('../server/default-engine.js');
  const { lang } = await import('../server/default-lang.js');

  const app = createApp({ db: openDb(dbPath), engine, lang, log: () => {} });
  const bare = new Hono();
  bare.post('/echo', async (c) => c.json(await c.req.json()));
  const province = engine.prepare(readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8')).value!;
  bare.post('/evaluate-only', async (c) => {
    const r = await engine.evaluate(province, await c.req.json());
    return r.ok ? c.json(r.value) : c.json(r.errors, 422);
  });

  const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
    new Promise<number>((resolve) => serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port)));
  const ports = { kaohe: await listen(app.fetch), echo: await listen(bare.fetch) };
  process.stdout.write(JSON.stringify(ports) + '\n');
  process.on('SIGTERM', () => process.exit(0));
}

// ---------------------------------------------------------------- parent: setup, load, figures

async function setupDb(dbPath: string): Promise<string> {
  const { openDb, closeDb } = await import('../server/db/client.js');
  const { createToken, findOrCreateOrg } = await import('../server/auth/tokens.js');
  const { createScheme } = await import('../server/schemes/store.js');
  const { sourceHash } = await import('../server/prepared.js');
  const db = openDb(dbPath);
  const orgId = findOrCreateOrg(db, 'bench');
  const token = createToken(db, { orgId, roles: ['author', 'evaluator'] });
  const source = readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8');
  createScheme(db, orgId, SCHEME_ID, { source, hash: sourceHash(source), tokenId: token.id }, 'published');
  closeDb(db);
  return token.secret;
}

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

async function countEvaluations(dbPath: string): Promise<number> {
  const { openDb, closeDb } = await import('../server/db/client.js');
  const db = openDb(dbPath);
  const n = (db.$client.prepare('select count(*) as n from evaluations').get() as { n: number }).n;
  closeDb(db);
  return n;
}

function startChild(dbPath: string): Promise<{ ports: { kaohe: number; echo: number }; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--bench-server', dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ ports: JSON.parse(line), pid: child.pid!, stop: () => child.kill('SIGTERM') });
    });
  });
}

/** A fixed number of requests (not a duration), so that every request sent is answered and counted
 * — a timed run stops counting with requests still in flight, which the server then stores.
 * `sampleInt`: autocannon notices the last answer only at its next sampling tick (1 s by default)
 * and counts the wait in `duration`, which made rates of runs this short up to ~12% low, at random. */
const load = (url: string, amount: number, headers: Record<string, string>, body: string) =>
  autocannon({ url, method: 'POST', connections: CONNECTIONS, amount, headers, body, sampleInt: 20 });

/** The child's CPU time so far, ms (all its threads), or undefined where /proc is missing. */
function childCpuMs(pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 10 ms clock ticks
  } catch {
    return undefined;
  }
}

/** A measured run, with the child's CPU time per answered request. */
async function measured(pid: number, url: string, amount: number, headers: Record<string, string>, body: string) {
  const c0 = childCpuMs(pid);
  const r = await load(url, amount, headers, body);
  const c1 = childCpuMs(pid);
  return { r, cpuMs: c0 === undefined || c1 === undefined ? undefined : (c1 - c0) / r.requests.total };
}

const rate = (r: CannonResult) => r.requests.total / r.duration;

const ok2xx = (r: CannonResult) =>
  Object.entries(r.statusCodeStats).filter(([code]) => code.startsWith('2')).reduce((n, [, s]) => n + Number(s.count), 0);

export async function run(): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_SERVER_SECONDS ?? 8);
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
  const dbPath = join(dir, 'kaohe.db');
  const token = await setupDb(dbPath);
  const { ports, pid, stop } = await startChild(dbPath);
  try {
    const body = JSON.stringify(SUBJECT);
    const json = { 'content-type': 'application/json' };
    const evalUrl = `http://127.0.0.1:${ports.kaohe}/api/schemes/${encodeURIComponent(SCHEME_ID)}/evaluate`;
    const echoUrl = `http://127.0.0.1:${ports.echo}/echo`;
    const onlyUrl = `http://127.0.0.1:${ports.echo}/evaluate-only`;
    const auth = { ...json, authorization: `Bearer ${token}` };

    // Warm-up (JIT, the prepared-scheme cache) also sizes the measured runs to about `seconds` each.
    const warm = await load(evalUrl, 300, auth, body);
    const warmEcho = await load(echoUrl, 2000, json, body);
    const warmOnly = await load(onlyUrl, 1000, json, body);
    const echo = await measured(pid, echoUrl, Math.max(2000, Math.round(rate(warmEcho) * seconds)), json, body);
    const only = await measured(pid, onlyUrl, Math.max(1000, Math.round(rate(warmOnly) * seconds)), json, body);
    const evaluate = await measured(pid, evalUrl, Math.max(300, Math.round(rate(warm) * seconds)), auth, body);

    const answered = ok2xx(warm) + ok2xx(evaluate.r);
    const stored = await countEvaluations(dbPath);
    const ratio = round(rate(evaluate.r) / rate(echo.r), 3);
    const engine = await engineMs();
    const cpu = (m: { cpuMs?: number }) => (m.cpuMs === undefined ? 'n/a' : `${round(m.cpuMs, 3)} ms`);
    return [
      {
        bench: 'server', case: `POST evaluate, 1 subject of the province scheme, ${CONNECTIONS} connections`,
        value: round(rate(evaluate.r), 0), unit: 'req/s',
        baseline: `bare Hono JSON echo ${round(rate(echo.r), 0)} req/s`, ratio, target: '≥ 0.6', ok: ratio >= 0.6,
      },
      {
        bench: 'server', case: 'floor: bare route that only parses, evaluates and answers (no auth, no storage)',
        value: round(rate(only.r), 0), unit: 'req/s', baseline: `echo ${round(rate(echo.r), 0)} req/s`, ratio: round(rate(only.r) / rate(echo.r), 3),
      },
      { bench: 'server', case: 'POST evaluate p99 latency', value: evaluate.r.latency.p99, unit: 'ms', baseline: `echo p99 ${echo.r.latency.p99} ms` },
      {
        bench: 'server', case: 'server CPU per evaluate request', value: evaluate.cpuMs === undefined ? NaN : round(evaluate.cpuMs, 3), unit: 'ms',
        baseline: `echo ${cpu(echo)}, evaluate-only ${cpu(only)}, engine.evaluate alone (JSON.parse included) ${round(engine, 3)} ms`,
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

if (process.argv[2] === '--bench-server') await serveBoth(process.argv[3]);
else if (process.argv[1] === SELF) for (const r of await run()) console.log(r);
