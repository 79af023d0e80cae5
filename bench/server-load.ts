// The parent's side of the server benchmarks (bench/server.ts, bench/server-profile.ts): a database
// with one token and the province scheme published, the child server (bench/server-child.ts), and
// autocannon load with the child's CPU time per answered request.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildCommand, ChildMessage, ChildPorts } from './server-child.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
export const SCHEME_ID = '省直年度考核';
export const CONNECTIONS = 10;

/** The 执法岗 subject of the province scheme's example (LANGUAGE.md §10). */
export const SUBJECT = {
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

export interface Histogram { average: number; p50: number; p99: number }
export interface CannonResult { requests: Histogram & { total: number }; latency: Histogram; duration: number; non2xx: number; errors: number; timeouts: number; statusCodeStats: Record<string, { count: number }> }
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

/** A database with an org, a token (author + evaluator) and the province scheme published; the token's
 * secret. `root`: the checkout whose code (and migrations) make it, by default this one. */
export async function setupDb(dbPath: string, root?: string): Promise<string> {
  const from = (path: string) => (root === undefined ? `../${path}` : pathToFileURL(join(root, path)).href);
  const { openDb, closeDb } = (await import(from('server/db/client.js'))) as typeof import('../server/db/client.js');
  const { createToken, findOrCreateOrg } = (await import(from('server/auth/tokens.js'))) as typeof import('../server/auth/tokens.js');
  const { createScheme } = (await import(from('server/schemes/store.js'))) as typeof import('../server/schemes/store.js');
  const { sourceHash } = (await import(from('server/prepared.js'))) as typeof import('../server/prepared.js');
  const db = openDb(dbPath);
  const orgId = findOrCreateOrg(db, 'bench');
  const token = createToken(db, { orgId, roles: ['author', 'evaluator'] });
  const source = readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8');
  createScheme(db, orgId, SCHEME_ID, { source, hash: sourceHash(source), tokenId: token.id }, 'published');
  closeDb(db);
  return token.secret;
}

export async function countEvaluations(dbPath: string): Promise<number> {
  const { openDb, closeDb } = await import('../server/db/client.js');
  const db = openDb(dbPath);
  const n = (db.$client.prepare('select count(*) as n from evaluations').get() as { n: number }).n;
  closeDb(db);
  return n;
}

export interface Child {
  ports: ChildPorts;
  pid: number;
  /** Starts a CPU profile of the child (sampling interval in µs). */
  profileStart(intervalUs?: number): Promise<void>;
  /** Stops it and writes the .cpuprofile to `path`. */
  profileStop(path: string): Promise<void>;
  stop(): void;
}

/** The child server, its request log written to `logPath`; `script`: another checkout's child
 * (bench/server-ab.ts), run in that checkout. */
export function startChild(dbPath: string, logPath: string, script = CHILD): Promise<Child> {
  const logFd = openSync(logPath, 'a');
  const cwd = script === CHILD ? ROOT : join(dirname(script), '..');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath], { cwd, stdio: ['ignore', logFd, 'inherit', 'ipc'] });
  closeSync(logFd);
  const next = <K extends string>(key: K) => new Promise<void>((resolve) => {
    const on = (m: ChildMessage) => {
      if (key in m) {
        child.off('message', on);
        resolve();
      }
    };
    child.on('message', on);
  });
  const command = (c: ChildCommand) => child.send(c);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.on('message', (m: ChildMessage) => {
      if (!('ports' in m)) return;
      resolve({
        ports: m.ports,
        pid: child.pid!,
        profileStart: (intervalUs) => { const done = next('started'); command({ profile: 'start', intervalUs }); return done; },
        profileStop: (path) => { const done = next('profiled'); command({ profile: 'stop', path }); return done; },
        stop: () => stopChild(child),
      });
    });
  });
}

function stopChild(child: ChildProcess): void {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
}

/** A fixed number of requests (not a duration), so that every request sent is answered and counted
 * — a timed run stops counting with requests still in flight, which the server then stores.
 * `sampleInt`: autocannon notices the last answer only at its next sampling tick (1 s by default)
 * and counts the wait in `duration`, which made rates of runs this short up to ~12% low, at random. */
export const load = (url: string, amount: number, headers: Record<string, string>, body: string) =>
  autocannon({ url, method: 'POST', connections: CONNECTIONS, amount, headers, body, sampleInt: 20 });

/** The child's CPU time so far, ms (all its threads), or undefined where /proc is missing. */
export function childCpuMs(pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 10 ms clock ticks
  } catch {
    return undefined;
  }
}

/** CPU ms of the process's main thread (its event loop, the bottleneck), from /proc (Linux only). */
export function mainThreadCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** All threads' and the main thread's CPU ms per answered request (undefined without /proc). */
export interface Measured { r: CannonResult; cpuMs?: number; mainMs?: number }

/** A measured run, with the child's CPU time per answered request. */
export async function measured(pid: number, url: string, amount: number, headers: Record<string, string>, body: string): Promise<Measured> {
  const c0 = childCpuMs(pid);
  const m0 = c0 === undefined ? undefined : mainThreadCpuMs(pid);
  const r = await load(url, amount, headers, body);
  const c1 = childCpuMs(pid);
  const m1 = c1 === undefined || m0 === undefined ? undefined : mainThreadCpuMs(pid);
  const per = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : (b - a) / r.requests.total);
  return { r, cpuMs: per(c0, c1), mainMs: per(m0, m1) };
}

export const rate = (r: CannonResult) => r.requests.total / r.duration;

export const ok2xx = (r: CannonResult) =>
  Object.entries(r.statusCodeStats).filter(([code]) => code.startsWith('2')).reduce((n, [, s]) => n + Number(s.count), 0);

/** The URLs and headers of the three routes. */
export function routes(ports: ChildPorts, token: string) {
  const json = { 'content-type': 'application/json' };
  return {
    body: JSON.stringify(SUBJECT),
    evaluate: { url: `http://127.0.0.1:${ports.kaohe}/api/schemes/${encodeURIComponent(SCHEME_ID)}/evaluate`, headers: { ...json, authorization: `Bearer ${token}` } },
    echo: { url: `http://127.0.0.1:${ports.echo}/echo`, headers: json },
    only: { url: `http://127.0.0.1:${ports.echo}/evaluate-only`, headers: json },
  };
}
