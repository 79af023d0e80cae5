// `npm run bench -- store-scale` (issue 17): stored evaluations per second — POST
// /api/schemes/省直年度考核/evaluate with the province subject, each request storing an evaluation — by
// `kaohe serve` (bin/kaohe.js, the built dist/) as it is deployed: one process on SQLite, and 1, 2 and 4
// processes (`--workers N`) on one PostgreSQL, all four in ONE run. The four servers start first and
// stay up; then rounds of load take them in turn, the order reversed every other round, so the
// machine's noise (neighbours, the disk) hits all of them alike and each figure is the median of its
// rounds.
//
// Besides req/s, the CPU each request costs, read from /proc before and after each round: kaohe's
// (utime + stime of the serving processes — the primary and its workers — with every thread, the
// language pool's and SQLite's included), PostgreSQL's (every `postgres` process of the machine, the
// backends and the WAL writer and checkpointer, plus what exited meanwhile, from the postmaster's
// cutime), and the load generator's; and the database's commits per request (pg_stat_database), whose
// inverse is the group commit's batch. On a 2-core machine the throughput of 2 and 4 processes tells
// little — kaohe, PostgreSQL and autocannon share the two cores — but CPU per request carries over to
// a bigger machine (docs/benchmarks.md, issue 17, turns it into a prediction). PostgreSQL's figure
// counts every backend of the cluster: the SQLite configuration's (which uses none) is the noise floor.
//
// Each round sends a fixed number of requests (bench/server-load.ts, `load`: every request sent is
// answered and counted), sized from a warm-up round to last ≈ BENCH_SCALE_SECONDS; at the end the
// evaluations stored in each database must equal the 2xx answers it gave. The load generator (this
// process) is pinned to core 1 after the servers started (they keep every core: a worker of
// `--workers 2` must be able to use the second one).
//
// BENCH_PG_URL: the PostgreSQL server (default the dev cluster, postgres://kaohe@127.0.0.1:55432/postgres);
// each configuration gets a schema of its own (b1_scale_*), dropped at the end.
// BENCH_SCALE_PROCESSES (default 1,2,4), BENCH_SCALE_ROUNDS (default 3), BENCH_SCALE_SECONDS (default 8), BENCH_SCALE_CONNECTIONS (default 10). BENCH_SCALE_SOCKET=DIR (the dev
// cluster's is /tmp/pgdev) adds a fifth configuration: one process talking to the same PostgreSQL
// through its Unix socket, to tell what TCP over loopback costs of kaohe's CPU.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { median, round as round2, type BenchRow } from './harness.js';
import { CONNECTIONS, load, mainThreadCpuMs, ok2xx, pinLoadGenerator, rate, SCHEME_ID, SUBJECT, unpinLoadGenerator, type CannonResult } from './server-load.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const KAOHE = join(ROOT, 'bin/kaohe.js');
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://kaohe@127.0.0.1:55432/postgres';
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 8);
/** Connections the load generator keeps open: 10 as every server benchmark (bench/server-load.ts); more
 * let the group commit fill bigger batches, which PostgreSQL's round trips need more than SQLite. */
const CONNECTIONS_USED = Number(process.env.BENCH_SCALE_CONNECTIONS ?? CONNECTIONS);
const WARM_REQUESTS = 3000;
/** BENCH_SCALE_PROCESSES: the PostgreSQL configurations' process counts (default 1,2,4; `1` alone for a
 * quick look at the issue's gate). */
const PG_PROCESSES = (process.env.BENCH_SCALE_PROCESSES ?? '1,2,4').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
/** Linux's clock ticks per second (USER_HZ), the unit of /proc's CPU times. */
const TICK_MS = 10;

/** `gate`: the configuration the issue's target (≥ 0.7× SQLite) is about. */
interface Config { name: string; target: string; workers: number; schema?: string; gate?: boolean }

interface Running extends Config { child: ChildProcess; port: number; token: string; log: string }

interface Sample { rate: number; p99: number; kaoheMs: number; kaoheSysMs: number; loopMs: number; pgMs: number; commits: number; genMs: number; ok: number; bad: number; load1: number }

/** The four configurations, SQLite first (the baseline of every ratio). */
function configs(dir: string): Config[] {
  const pgIn = (url: string, schema: string) => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const socket = process.env.BENCH_SCALE_SOCKET;
  return [
    { name: 'SQLite, 1 process', target: join(dir, 'scale.db'), workers: 1 },
    ...PG_PROCESSES.map((n) => ({ name: `PostgreSQL, ${n} process${n > 1 ? 'es' : ''}`, target: pgIn(PG_URL, `b1_scale_${n}`), workers: n, schema: `b1_scale_${n}`, gate: n === 1 })),
    ...(socket ? [{ name: 'PostgreSQL, 1 process, Unix socket', target: pgIn(socketUrl(socket), 'b1_scale_s'), workers: 1, schema: 'b1_scale_s' }] : []),
  ];
}

/** BENCH_PG_URL's server reached through its Unix socket in `dir` instead of TCP (the pg driver takes
 * a host that is a path, URL-encoded, for a socket). */
function socketUrl(dir: string): string {
  const u = new URL(PG_URL);
  return `${u.protocol}//${u.username ? `${u.username}@` : ''}${encodeURIComponent(dir)}:${u.port || 5432}${u.pathname}${u.search}`;
}

// ---- /proc: CPU of processes ----

/** The fields of /proc/PID/stat after the command name (field 3 is index 0), or undefined if gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime of a process (all its threads), and stime alone, ms; 0 once it is gone. */
function processCpuMs(pid: number): { all: number; system: number } {
  const f = statFields(pid);
  return f ? { all: (Number(f[11]) + Number(f[12])) * TICK_MS, system: Number(f[12]) * TICK_MS } : { all: 0, system: 0 };
}

const allPids = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** A process and its descendants (the workers of `--workers N`). */
function tree(root: number): number[] {
  const parent = new Map(allPids().map((p) => [p, Number(statFields(p)?.[1] ?? 0)]));
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

const commOf = (pid: number) => { try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return ''; } };

/** CPU ms of every `postgres` process by pid, and the postmasters' cutime + cstime (what their exited
 * children — a backend that ended — used, counted when they are reaped). */
export interface PgSnapshot { alive: Map<number, number>; reaped: number }

export function pgSnapshot(): PgSnapshot {
  const alive = new Map<number, number>();
  let reaped = 0;
  for (const p of allPids()) {
    if (commOf(p) !== 'postgres') continue;
    const f = statFields(p);
    if (!f) continue;
    alive.set(p, (Number(f[11]) + Number(f[12])) * TICK_MS);
    if (commOf(Number(f[1])) !== 'postgres') reaped += (Number(f[13]) + Number(f[14])) * TICK_MS;
  }
  return { alive, reaped };
}

/** PostgreSQL's CPU between two snapshots: what the live processes added, plus what the exited ones
 * used after the first snapshot (their whole life is in the postmaster's cutime; their time before
 * the first snapshot is taken off). */
export function pgCpuBetween(a: PgSnapshot, b: PgSnapshot): number {
  let ms = b.reaped - a.reaped;
  for (const [p, t] of b.alive) ms += t - (a.alive.get(p) ?? 0);
  for (const [p, t] of a.alive) if (!b.alive.has(p)) ms -= t;
  return ms;
}

// ---- the databases and the servers ----

export async function withPg<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const dropSchemas = (list: Config[]) => withPg(async (c) => {
  for (const s of list) if (s.schema) await c.query(`DROP SCHEMA IF EXISTS ${s.schema} CASCADE`);
});

/** A migrated database with an organization, a token (author + evaluator) and the province scheme
 * published; the token's secret. */
export async function prepare(target: string): Promise<string> {
  const { openStore } = await import('../server/store/open.js');
  const { createToken, findOrCreateOrg } = await import('../server/auth/tokens.js');
  const { createScheme } = await import('../server/schemes/store.js');
  const { sourceHash } = await import('../server/prepared.js');
  const store = await openStore(target);
  try {
    const orgId = await findOrCreateOrg(store, 'bench');
    const token = await createToken(store, { orgId, roles: ['author', 'evaluator'] });
    const source = readFileSync(join(ROOT, 'schemes/province-annual.kaohe'), 'utf8');
    await createScheme(store, orgId, SCHEME_ID, { source, hash: sourceHash(source), tokenId: token.id }, 'published');
    return token.secret;
  } finally {
    await store.close();
  }
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/** `kaohe serve` on the configuration's database, its JSON log in `log`; resolves once every
 * process listens (the primary's 'listening' line names the workers; a single server's has no pid). */
async function startServer(c: Config, dir: string): Promise<Running> {
  const token = await prepare(c.target);
  const port = await freePort();
  const log = join(dir, `${c.name.replace(/\W+/g, '-')}.log`);
  const out = openSync(log, 'a');
  const args = ['serve', '--db', c.target, '--port', String(port), ...(c.workers > 1 ? ['--workers', String(c.workers)] : [])];
  const child = spawn(process.execPath, [KAOHE, ...args], { cwd: ROOT, stdio: ['ignore', out, out] });
  closeSync(out);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kaohe serve (${c.name}) exited ${child.exitCode}: see ${log}`);
    const ready = readFileSync(log, 'utf8').split('\n').some((l) => l.includes('"msg":"listening"') && (c.workers > 1 ? l.includes('"workers"') : !l.includes('"pid"')));
    if (ready) return { ...c, child, port, token, log };
    if (Date.now() - started > 60_000) throw new Error(`kaohe serve (${c.name}) did not listen within 60 s: see ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopServer(s: Running): Promise<void> {
  if (s.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

async function countStored(c: Config): Promise<number> {
  const { openStore } = await import('../server/store/open.js');
  const store = await openStore(c.target);
  try {
    return Number((await store.get<{ n: number }>('SELECT count(*) AS n FROM evaluations'))?.n ?? -1);
  } finally {
    await store.close();
  }
}

// ---- load ----

const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>;

function send(s: Running, amount: number): Promise<CannonResult> {
  const url = `http://127.0.0.1:${s.port}/api/schemes/${encodeURIComponent(SCHEME_ID)}/evaluate`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${s.token}` };
  if (CONNECTIONS_USED === CONNECTIONS) return load(url, amount, headers, JSON.stringify(SUBJECT));
  return autocannon({ url, method: 'POST', connections: CONNECTIONS_USED, amount, headers, body: JSON.stringify(SUBJECT), sampleInt: 20 });
}

/** One measured round: the load, and the CPU of kaohe (the server's process tree), of PostgreSQL and
 * of this process around it. */
async function measure(s: Running, amount: number, stats: pg.Client): Promise<Sample> {
  const pids = tree(s.child.pid!);
  const cpu = () => pids.map(processCpuMs).reduce((t, c) => ({ all: t.all + c.all, system: t.system + c.system }), { all: 0, system: 0 });
  const loop = () => pids.reduce((t, p) => t + (statFields(p) ? mainThreadCpuMs(p) : 0), 0);
  const x0 = await commits(stats);
  const k0 = cpu(), l0 = loop(), p0 = pgSnapshot(), g0 = process.cpuUsage();
  const r = await send(s, amount);
  const g = process.cpuUsage(g0), p1 = pgSnapshot(), l1 = loop(), k1 = cpu();
  const x1 = await commits(stats);
  const n = r.requests.total;
  return {
    rate: rate(r), p99: r.latency.p99, kaoheMs: (k1.all - k0.all) / n, kaoheSysMs: (k1.system - k0.system) / n, loopMs: (l1 - l0) / n, pgMs: pgCpuBetween(p0, p1) / n, commits: (x1 - x0) / n,
    genMs: (g.user + g.system) / 1000 / n, ok: ok2xx(r), bad: r.non2xx + r.errors + r.timeouts, load1: loadavg()[0],
  };
}

/** Transactions committed in the database so far, by everyone (pg_stat_database: a backend reports
 * its counts at most once a second, so a round's figure is approximate). Per request it tells the
 * group commit's batch: 1 ÷ (commits per request) requests share a commit. */
const commits = async (c: pg.Client) =>
  Number((await c.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0].n);

const roundText = (m: Sample) => [
  `${m.rate.toFixed(0)} req/s`,
  `kaohe ${m.kaoheMs.toFixed(3)} ms/req (system ${m.kaoheSysMs.toFixed(3)}, event loops ${m.loopMs.toFixed(3)})`,
  `PostgreSQL ${m.pgMs.toFixed(3)} (commits ${m.commits.toFixed(3)})`,
  `load generator ${m.genMs.toFixed(3)}`,
  `p99 ${m.p99} ms`, `${m.bad} not 2xx`, `load ${m.load1.toFixed(2)}`,
].join(', ');

// ---- the run ----

export async function run(): Promise<BenchRow[]> {
  const built = spawnSync(process.execPath, [join(ROOT, 'bin/build.js'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('node bin/build.js --if-stale failed');
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-scale-'));
  const list = configs(dir);
  try {
    await dropSchemas(list);
    const { samples, ok, pinned } = await serveAndMeasure(list, dir);
    const stored = new Map<string, number>();
    for (const c of list) stored.set(c.name, await countStored(c));
    const where = `load generator: ${pinned.replace(/^server on core \d+, /, '')}, servers and PostgreSQL on any core`;
    process.stderr.write(`  ${where}; stored = 2xx: ${list.map((c) => `${stored.get(c.name)} = ${ok.get(c.name)}`).join(', ')}\n`);
    return rows(list, samples, stored, ok);
  } finally {
    await dropSchemas(list);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts every configuration's server, warms each up (which sizes its rounds), runs the rounds in
 * alternating order and stops the servers: each one's samples and its 2xx answers, warm-up included. */
async function serveAndMeasure(list: Config[], dir: string) {
  const servers: Running[] = [];
  const ok = new Map<string, number>();
  const samples = new Map<string, Sample[]>(list.map((c) => [c.name, []]));
  let pinned = '';
  const stats = new pg.Client({ connectionString: PG_URL, application_name: 'kaohe bench stats' });
  // Killed by someone's pg_terminate_backend: the next query fails this run with a message, not the
  // process with an unhandled 'error' event.
  stats.on('error', () => {});
  await stats.connect();
  try {
    for (const c of list) servers.push(await startServer(c, dir));
    pinned = pinLoadGenerator();
    const amounts = new Map<string, number>();
    for (const s of servers) {
      const w = await send(s, WARM_REQUESTS);
      ok.set(s.name, ok2xx(w));
      amounts.set(s.name, Math.max(WARM_REQUESTS, Math.round((rate(w) * SECONDS) / 100) * 100));
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of r % 2 ? [...servers].reverse() : servers) {
        const m = await measure(s, amounts.get(s.name)!, stats);
        samples.get(s.name)!.push(m);
        ok.set(s.name, ok.get(s.name)! + m.ok);
        process.stderr.write(`  round ${r + 1} ${s.name}: ${roundText(m)}\n`);
      }
    }
  } finally {
    unpinLoadGenerator();
    await stats.end();
    await Promise.all(servers.map(stopServer));
  }
  return { samples, ok, pinned };
}

/** Per configuration: median req/s (and its ratio to SQLite), CPU per request of kaohe, of its event
 * loops, of PostgreSQL and of the load generator, p99, the load average, and stored = answered. */
function rows(list: Config[], samples: Map<string, Sample[]>, stored: Map<string, number>, ok: Map<string, number>): BenchRow[] {
  const med = (name: string, k: keyof Sample) => median(samples.get(name)!.map((s) => s[k]));
  const base = med(list[0].name, 'rate');
  const out: BenchRow[] = [];
  for (const c of list) {
    const r = med(c.name, 'rate');
    const loads = samples.get(c.name)!.map((s) => s.load1);
    out.push({
      bench: 'store-scale',
      case: `${c.name}: stored evaluate, ${CONNECTIONS_USED} connections, median of ${ROUNDS} (load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)})`,
      value: Math.round(r), unit: 'req/s', baseline: `SQLite 1 process ${Math.round(base)} req/s`, ratio: round2(r / base),
      ...(c.gate && { target: '≥ 0.7', ok: r / base >= 0.7 }),
    });
    const ms = (k: keyof Sample) => round2(med(c.name, k), 3);
    const cpu = (what: string, k: keyof Sample): BenchRow => ({ bench: 'store-scale', case: `${c.name}: ${what}`, value: ms(k), unit: 'ms' });
    out.push(cpu(`kaohe CPU per request (system ${ms('kaoheSysMs')}; event loops ${ms('loopMs')})`, 'kaoheMs'));
    out.push(cpu(`PostgreSQL CPU per request (every postgres process; commits per request, all clients ${ms('commits')})`, 'pgMs'));
    out.push(cpu(`load generator CPU per request; p99 ${med(c.name, 'p99')} ms`, 'genMs'));
    const n = stored.get(c.name)!;
    out.push({ bench: 'store-scale', case: `${c.name}: evaluations stored = 2xx answers`, value: n, unit: `stored, ${ok.get(c.name)} answered 2xx`, ok: n === ok.get(c.name) });
  }
  return out;
}
