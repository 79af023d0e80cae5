// Where an evaluate request's CPU goes: a CPU profile of the benchmark's child server (node:inspector,
// started after the warm-up, bench/server-child.ts) under autocannon load on the evaluate route only,
// every sample charged to a stage of the request — the innermost frame on its stack that belongs to
// a known stage (STAGES, first match per frame) — and reported as µs of main-thread CPU per request.
// Samples in no stage's frame are charged by where their innermost frame's code lives (node's HTTP
// and streams, Hono, the adapter, V8's GC).
//
// `node --import tsx bench/server-profile.ts [ROUTE] [REQUESTS]` — ROUTE evaluate (default), only or
// echo; the profile is kept in /tmp as kaohe-server-<route>.cpuprofile for a closer look.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, pinLoadGenerator, rate, routes, setupDb, startChild } from './server-load.js';

interface Frame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: Frame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** A stage, and how to know its frames: a test on the function name and the source URL. */
type Stage = [name: string, test: (fn: string, url: string) => boolean];
const inFile = (part: string) => (_fn: string, url: string) => url.includes(part);
const named = (...names: string[]) => (fn: string) => names.includes(fn);

/** Innermost match wins, so narrower stages (the JSON reader inside the request reader) come out on
 * their own. Order decides only between tests matching the same frame. */
export const STAGES: Stage[] = [
  ['GC', (fn) => fn === '(garbage collector)'],
  ['request: exact JSON parse', inFile('/engine/json-exact')],
  ['request: UTF-8 check + decode', inFile('/server/utf8')],
  ['request: depth scan', inFile('/evaluations/json-depth')],
  ['request: zod schemas', inFile('/node_modules/zod/')],
  ['request: reader (query, params, headers)', inFile('/evaluations/request')],
  ['engine: evaluate', inFile('/engine/')],
  ['dsl (messages, i18n)', inFile('/dsl/')],
  ['store: INSERT + commit (writer)', (fn, url) => url.includes('/evaluations/writer') || url.includes('/evaluations/store') || url.includes('better-sqlite3')],
  ['audit: record', inFile('/server/audit/')],
  ['idempotency', inFile('/evaluations/idempotency')],
  ['version lookup', inFile('/evaluations/version')],
  ['prepared-scheme lookup', inFile('/server/prepared')],
  ['snapshot refresh (generation read)', inFile('/db/snapshot-cache')],
  ['auth', inFile('/server/auth/')],
  ['rate limit (failure guard)', inFile('/server/ratelimit/')],
  ['scheme lookup', inFile('/server/schemes/')],
  ['service (record, serialize result)', inFile('/evaluations/service')],
  ['handler (headers, answer)', inFile('/evaluations/handlers')],
  ['logging', inFile('/server/log')],
  ['locale', inFile('/server/locale')],
  ['CSRF check', inFile('/server/csrf')],
  ['body limit', (fn, url) => url.includes('/server/body-limit') || url.includes('hono/dist/middleware/body-limit')],
  ['security headers', inFile('/server/security-headers')],
  ['request id', (_fn, url) => url.includes('/server/request-id') || url.includes('hono/dist/middleware/request-id')],
  ['server/app.ts middleware', inFile('/server/app')],
  ['bare route (echo, evaluate-only)', inFile('/bench/server-child')],
  ['node-server wrapper (kaohe)', inFile('/server/node-server')],
  // The evaluate fast lane's own frames; the Node HTTP frames it calls (writeHead, end: the socket
  // write) are charged to it, as the adapter's are to the adapter.
  ['fast lane (server/fast-lane.ts, its answer write)', inFile('/server/fast-lane')],
  ['other server/ code', inFile('/server/')],
  ['Hono (router, compose, context)', inFile('/node_modules/hono/')],
  ['@hono/node-server adapter', inFile('/node_modules/@hono/node-server/')],
  ['Node HTTP, net, streams', (_fn, url) => url.startsWith('node:')],
  ['native (V8 builtins, syscalls)', (fn, url) => url === '' && fn !== '(idle)' && fn !== '(program)' && fn !== '(root)'],
  ['(program)', named('(program)')],
];

export interface StageSplit { requests: number; cpuUs: number; stages: [string, number][] }

/** µs of CPU per request by stage (idle samples left out). */
export function split(profile: Profile, requests: number): StageSplit {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = stageOf.get(id);
    if (known !== undefined) return known;
    const { functionName: fn, url } = byId.get(id)!.callFrame;
    let stage = fn === '(idle)' ? 'idle' : STAGES.find(([, test]) => test(fn, url))?.[0];
    // The engine's own messages and dates live in dsl/: under the engine they are the engine's.
    if (stage === 'dsl (messages, i18n)' && parent.has(id) && classify(parent.get(id)!) === 'engine: evaluate') stage = 'engine: evaluate';
    // Frames of no stage (native builtins, node internals) belong to the nearest stage above them
    // that is the request's own code; only if there is none do they count as themselves.
    if (stage === undefined || stage.startsWith('native') || stage.startsWith('Node HTTP') || stage.startsWith('(program)')) {
      const p = parent.get(id);
      const above = p === undefined ? undefined : classify(p);
      stage = above !== undefined && above !== 'unclassified' && !isPlumbing(above) ? above : (stage ?? 'unclassified');
    }
    stageOf.set(id, stage);
    return stage;
  };
  const us = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const s = classify(profile.samples[i]);
    us.set(s, (us.get(s) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  us.delete('idle');
  const cpuUs = [...us.values()].reduce((a, b) => a + b, 0);
  const stages = [...us].map(([k, v]) => [k, v / requests] as [string, number]).sort((a, b) => b[1] - a[1]);
  return { requests, cpuUs: cpuUs / requests, stages };
}

/** Stages that are the machinery every request passes through, not a request's own work: a native
 * frame under them is still charged to the native frame's own kind. */
const isPlumbing = (stage: string) => ['Hono (router, compose, context)', '@hono/node-server adapter', 'Node HTTP, net, streams', 'native (V8 builtins, syscalls)', '(program)', 'GC'].includes(stage);

async function main(): Promise<void> {
  const route = (process.argv[2] ?? 'evaluate') as 'evaluate' | 'only' | 'echo';
  const requests = Number(process.argv[3] ?? 20000);
  const pinned = pinLoadGenerator(); // the child is pinned by startChild (bench/server-load.ts)
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-profile-'));
  const dbPath = join(dir, 'kaohe.db');
  const token = await setupDb(dbPath);
  const child = await startChild(dbPath, join(dir, 'requests.log'));
  try {
    const r = routes(child.ports, token);
    const target = r[route];
    await load(target.url, 3000, target.headers, r.body);
    await child.profileStart();
    const res = await load(target.url, requests, target.headers, r.body);
    const path = join(tmpdir(), `kaohe-server-${route}.cpuprofile`);
    await child.profileStop(path);
    const s = split(JSON.parse(readFileSync(path, 'utf8')) as Profile, res.requests.total);
    console.log(`${route}: ${res.requests.total} requests, ${Math.round(rate(res))} req/s (profiling on; ${pinned}), main-thread CPU ${s.cpuUs.toFixed(1)} µs/request`);
    console.log('| stage | µs/request | share |\n|---|---|---|');
    for (const [name, v] of s.stages) console.log(`| ${name} | ${v.toFixed(1)} | ${((100 * v) / s.cpuUs).toFixed(1)}% |`);
    console.log(`profile: ${path}`);
  } finally {
    child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
