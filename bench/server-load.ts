// The parent's side of the server benchmarks (bench/server.ts, bench/server-ab.ts,
// bench/server-profile.ts): a database with one token and the province scheme published, the child
// server (bench/server-child.ts) pinned to one core and this process (autocannon, the load generator)
// to the other, and measured rounds of load with the child's CPU time per answered request.
//
// Pinning: on a 2-core box shared with other work, the load generator and the server otherwise fight
// for the same cores and a req/s ratio measures the scheduler. `taskset` (util-linux) pins the child
// when it starts (it execs node, so the pid is the server's and every thread the server makes — the
// WAL checkpointer, SQLite's fsync — stays on its core) and this process with `taskset -a -p`. Where
// taskset or a second core is missing, nothing is pinned and every report says so.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
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
  // A tree on the store (issue 17) takes the store and answers promises; an older one the drizzle handle.
  const adapter = (await import(from('server/db/sqlite/store.js')).catch(() => undefined)) as typeof import('../server/db/sqlite/store.js') | undefined;
  const on = (adapter ? adapter.sqliteStore(db.$client) : db) as never;
  const orgId = await findOrCreateOrg(on, 'bench');
  const token = await createToken(on, { orgId, roles: ['author', 'evaluator'] });
  const source = readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8');
  await createScheme(on, orgId, SCHEME_ID, { source, hash: sourceHash(source), tokenId: token.id }, 'published');
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

/** The cores of the server and of the load generator, or undefined when this machine cannot pin
 * (asked once, on first use: importing this module, as tests do for SUBJECT, runs nothing). */
let cores: { server: string; loadGenerator: string } | undefined | null = null;
export function pinnedCores(): { server: string; loadGenerator: string } | undefined {
  if (cores === null) cores = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0 ? { server: '0', loadGenerator: '1' } : undefined;
  return cores;
}

/** Pins this process (every thread it has; threads it makes later inherit) to the load generator's
 * core. Returns how the run is pinned, for the report; `unpinLoadGenerator` gives the cores back
 * (bench/run.ts runs other benchmarks in this process afterwards). */
export function pinLoadGenerator(): string {
  const p = pinnedCores();
  if (!p) return 'not pinned (no taskset or one core)';
  allowedBefore ??= coresOf(process.pid);
  setCores(p.loadGenerator);
  return `server on core ${p.server}, load generator on core ${p.loadGenerator} (taskset)`;
}

let allowedBefore: string | undefined;

export function unpinLoadGenerator(): void {
  if (allowedBefore !== undefined) setCores(allowedBefore);
  allowedBefore = undefined;
}

function setCores(cores: string): void {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)]);
  if (r.status !== 0) throw new Error(`taskset failed: ${r.stderr}`);
}

/** The cores a process may run on (Linux /proc), to check the pinning took. */
export const coresOf = (pid: number) => /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

export interface Child {
  ports: ChildPorts;
  pid: number;
  /** The child's own process.cpuUsage() (all its threads, user + system), ms. */
  cpuMs(): Promise<number>;
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
  const node = [process.execPath, '--import', 'tsx', script, dbPath];
  const p = pinnedCores();
  const argv = p ? ['taskset', '-c', p.server, ...node] : node;
  const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ['ignore', logFd, 'inherit', 'ipc'] });
  closeSync(logFd);
  const next = <K extends string>(key: K) => new Promise<ChildMessage>((resolve) => {
    const on = (m: ChildMessage) => {
      if (key in m) {
        child.off('message', on);
        resolve(m);
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
        cpuMs: async () => {
          const done = next('cpu');
          command({ cpu: true });
          const { cpu } = (await done) as { cpu: { user: number; system: number } };
          return (cpu.user + cpu.system) / 1000;
        },
        profileStart: async (intervalUs) => { const done = next('started'); command({ profile: 'start', intervalUs }); await done; },
        profileStop: async (path) => { const done = next('profiled'); command({ profile: 'stop', path }); await done; },
        stop: () => stopChild(child),
      });
    });
  });
}

function stopChild(child: ChildProcess): void {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
}

/** BENCH_SERVER_RATE: requests per second offered (open loop), instead of each connection sending
 * its next request as soon as it is answered. Both routes and both sides of an A/B then see the same
 * arrivals — and so the same group-commit batches, which otherwise follow the throughput a
 * neighbour leaves us (CPU per evaluate request falls as batches grow) — so long as the server keeps
 * up (check the round's req/s). Unset: closed loop, as the measurements. */
const OFFERED = Number(process.env.BENCH_SERVER_RATE ?? 0) || undefined;

/** A fixed number of requests (not a duration), so that every request sent is answered and counted
 * — a timed run stops counting with requests still in flight, which the server then stores.
 * `sampleInt`: autocannon notices the last answer only at its next sampling tick (1 s by default)
 * and counts the wait in `duration`, which made rates of runs this short up to ~12% low, at random. */
export const load = (url: string, amount: number, headers: Record<string, string>, body: string) =>
  autocannon({ url, method: 'POST', connections: CONNECTIONS, amount, headers, body, sampleInt: 20, ...(OFFERED && { overallRate: OFFERED }) });

/** CPU ms of the process's main thread (its event loop, the bottleneck), from /proc (Linux only). */
export function mainThreadCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** Busy and idle jiffies of each core so far (Linux /proc/stat), to tell a neighbour's work on a
 * pinned core from ours; empty where /proc is missing. */
function coreTimes(): { busy: number; total: number }[] {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d/.test(l)).map((l) => {
      const t = l.split(/\s+/).slice(1).map(Number);
      const total = t.slice(0, 8).reduce((a, b) => a + b, 0);
      return { busy: total - t[3] - t[4], total }; // idle and iowait are not busy
    });
  } catch {
    return [];
  }
}

/** The share of a core that was busy between two coreTimes() readings (any process), or NaN. */
function busyShare(a: ReturnType<typeof coreTimes>, b: ReturnType<typeof coreTimes>, core: string | undefined): number {
  const i = Number(core);
  if (core === undefined || !a[i] || !b[i]) return NaN;
  return (b[i].busy - a[i].busy) / Math.max(1, b[i].total - a[i].total);
}

/** One measured round of load on one route. CPU figures are per answered request; `serverCores`
 * and `generatorCores` are CPU time ÷ wall time (1.0 = a whole core busy): when the server's core is
 * not near 1.0 on the echo, something else (the load generator, a neighbour) set the pace. */
export interface Round {
  requests: number; rate: number; p99: number;
  /** The server process (all threads: SQLite's fsync and the WAL checkpointer count), and its main thread (the event loop). */
  cpuMs: number; mainMs: number;
  serverCores: number; generatorCores: number;
  /** How busy each pinned core was, by anyone (this run and the neighbours): 1 − idle share. */
  serverCoreBusy: number; generatorCoreBusy: number;
  /** The load generator's (this process's) CPU per request. */
  generatorMs: number;
  ok2xx: number; non2xx: number; errors: number;
}

export async function round(child: Child, url: string, amount: number, headers: Record<string, string>, body: string): Promise<Round> {
  const c0 = await child.cpuMs(), m0 = mainThreadCpuMs(child.pid), k0 = coreTimes(), g0 = process.cpuUsage(), t0 = performance.now();
  const r = await load(url, amount, headers, body);
  const wall = performance.now() - t0, g = process.cpuUsage(g0), k1 = coreTimes(), c1 = await child.cpuMs(), m1 = mainThreadCpuMs(child.pid);
  const n = r.requests.total, gen = (g.user + g.system) / 1000;
  return {
    requests: n, rate: rate(r), p99: r.latency.p99, cpuMs: (c1 - c0) / n, mainMs: (m1 - m0) / n,
    serverCores: (c1 - c0) / wall, generatorCores: gen / wall, generatorMs: gen / n,
    serverCoreBusy: busyShare(k0, k1, pinnedCores()?.server), generatorCoreBusy: busyShare(k0, k1, pinnedCores()?.loadGenerator),
    ok2xx: ok2xx(r), non2xx: r.non2xx, errors: r.errors,
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
