// Server benchmark: autocannon, 10 connections on loopback, POST /api/schemes/:id/evaluate for one
// subject of the province scheme (auth, version lookup, evaluation, one stored record per request)
// against a bare Hono route that parses and echoes the same JSON — both served by one child
// process in the same run, so the ratio cancels out how busy this shared machine is. The child
// keeps autocannon's own CPU use out of the server's event loop.
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

/** ms per subject of the engine alone, in this process: what no server can go below. */
async function engineMs(): Promise<number> {
  const { engine } = await import('../server/default-engine.js');
  const source = readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8');
  const prepared = engine.prepare(source).value!;
  const n = 500;
  for (let i = 0; i < 100; i++) await engine.evaluate(prepared, SUBJECT);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await engine.evaluate(prepared, SUBJECT);
  return (performance.now() - t0) / n;
}

async function countEvaluations(dbPath: string): Promise<number> {
  const { openDb, closeDb } = await import('../server/db/client.js');
  const db = openDb(dbPath);
  const n = (db.$client.prepare('select count(*) as n from evaluations').get() as { n: number }).n;
  closeDb(db);
  return n;
}

function startChild(dbPath: string): Promise<{ ports: { kaohe: number; echo: number }; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--bench-server', dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ ports: JSON.parse(line), stop: () => child.kill('SIGTERM') });
    });
  });
}

/** A fixed number of requests (not a duration), so that every request sent is answered and counted
 * — a timed run stops counting with requests still in flight, which the server then stores. */
const load = (url: string, amount: number, headers: Record<string, string>, body: string) =>
  autocannon({ url, method: 'POST', connections: CONNECTIONS, amount, headers, body });

const rate = (r: CannonResult) => r.requests.total / r.duration;

const ok2xx = (r: CannonResult) =>
  Object.entries(r.statusCodeStats).filter(([code]) => code.startsWith('2')).reduce((n, [, s]) => n + Number(s.count), 0);

export async function run(): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_SERVER_SECONDS ?? 8);
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
  const dbPath = join(dir, 'kaohe.db');
  const token = await setupDb(dbPath);
  const { ports, stop } = await startChild(dbPath);
  try {
    const body = JSON.stringify(SUBJECT);
    const json = { 'content-type': 'application/json' };
    const evalUrl = `http://127.0.0.1:${ports.kaohe}/api/schemes/${encodeURIComponent(SCHEME_ID)}/evaluate`;
    const echoUrl = `http://127.0.0.1:${ports.echo}/echo`;
    const auth = { ...json, authorization: `Bearer ${token}` };

    // Warm-up (JIT, the prepared-scheme cache) also sizes the measured runs to about `seconds` each.
    const warm = await load(evalUrl, 300, auth, body);
    const warmEcho = await load(echoUrl, 2000, json, body);
    const echo = await load(echoUrl, Math.max(2000, Math.round(rate(warmEcho) * seconds)), json, body);
    const evaluate = await load(evalUrl, Math.max(300, Math.round(rate(warm) * seconds)), auth, body);

    const answered = ok2xx(warm) + ok2xx(evaluate);
    const stored = await countEvaluations(dbPath);
    const ratio = round(rate(evaluate) / rate(echo), 3);
    const perRequest = 1000 / rate(evaluate);
    const engine = await engineMs();
    return [
      {
        bench: 'server', case: `POST evaluate, 1 subject of the province scheme, ${CONNECTIONS} connections`,
        value: round(rate(evaluate), 0), unit: 'req/s',
        baseline: `bare Hono JSON echo ${round(rate(echo), 0)} req/s`, ratio, target: '≥ 0.6', ok: ratio >= 0.6,
      },
      { bench: 'server', case: 'POST evaluate p99 latency', value: evaluate.latency.p99, unit: 'ms', baseline: `echo p99 ${echo.latency.p99} ms` },
      {
        bench: 'server', case: 'CPU per evaluate request (1 / throughput)', value: round(perRequest, 3), unit: 'ms',
        baseline: `engine.evaluate alone ${round(engine, 3)} ms, echo ${round(1000 / rate(echo), 3)} ms`,
        ratio: round(engine / perRequest, 3),
      },
      {
        bench: 'server', case: 'evaluations stored = 2xx answers', value: stored, unit: 'records',
        baseline: `${answered} answered 2xx, ${evaluate.non2xx + warm.non2xx} non-2xx, ${evaluate.errors + warm.errors} errors`,
        target: 'equal, no errors', ok: stored === answered && evaluate.non2xx + warm.non2xx === 0 && evaluate.errors + warm.errors === 0,
      },
    ];
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--bench-server') await serveBoth(process.argv[3]);
else if (process.argv[1] === SELF) for (const r of await run()) console.log(r);
