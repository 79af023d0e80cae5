// Issue 10, "prove it": the hostile-request corpus (hostile-corpus.ts) against a real server — the
// app on createNodeServer, a loopback port, real sockets (node:http, and raw bytes where node:http
// would refuse to produce them). Every request must be answered below 500, small and quickly, as
// its category requires; meanwhile /healthz is probed every 50 ms, and slow clients must be cut off.
// One test per category, so a failure names what broke. The times — every answer within 2 s, /healthz's
// p99 ≤ 1 s — are measurements: asserted when MEASURING (`npm run test:measure`, which runs this
// file again; docs/testing.md), as they failed on every loaded run of `npm test`. The sending is in
// hostile-send.ts, the corpus by category in hostile-corpus.ts and the files it names. `npm test` sends
// each category at its smallest size (every route still meets each category that applies to it, every
// variant is still sent: hostile-corpus.ts smallCorpus, ≈ 870 requests); the full corpus (≈ 2,400)
// runs in `npm run test:differential` (KAOHE_FULL) and `npm run test:measure`, whose bounds were set on it.

import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSigninCode, SESSION_COOKIE } from '../../server/auth/signin.js';
import { createToken } from '../../server/auth/tokens.js';
import { createNodeServer } from '../../server/node-server.js';
import { DEFAULT_MAX_SOURCE_BYTES } from '../../server/limits.js';
import {
  type Answer, BURST, buildCorpus, CATEGORIES, type Category, commonFailure, EXACT_INPUT, FAST_LANE, freeFormIds, type Hostile,
  MAX_ANSWER_MS, numbersScheme, routesOf, SLOW_BOUND_MS, SMALL_BURST, slowClients, type World,
} from './hostile-corpus.js';
import { empty, PROBE_EVERY_MS, probeHealth, sendHttp, sendRaw, slowClient, SMALL_PROBE_EVERY_MS } from './hostile-send.js';
import { FULL_TIER, MEASURING } from '../tier.js';
import { call, enc, type Fixture, setup } from './helpers.js';

/** Requests in flight at a time. The categories whose requests reach the language workers (one on a
 * 2-core machine) go one by one, so that each one's time is its own, not a queue's; the others go
 * CONCURRENCY at a time beside them. */
const CONCURRENCY = 3;
const LANGUAGE_BOUND: Category[] = [
  'junk-source', 'source-over-cap', 'deep-nesting', 'postfix-chains', 'let-chains', 'checker-throws', 'huge-deep-json',
  'invalid-utf8', 'lone-surrogates',
];
/** Past this, the rest of a phase is not sent (each unsent request fails), so the file ends. */
const PHASE_DEADLINE_MS = 120_000;
const PROBE_P99_MS = 1_000;
/** The full corpus (every variant to every route), or npm test's (hostile-corpus.ts smallCorpus). */
const FULL = FULL_TIER || MEASURING;

const STATIC_DIR = fileURLToPath(new URL('../../editor/dist', import.meta.url));
const NUM_ID = '精确数';
const B_ID = '乙方案';

interface Outcome { h: Hostile; a: Answer; failure?: string }
interface SlowOutcome { name: string; a: Answer }

let f: Fixture;
let server: Server;
let world: World;
const logged: Record<string, unknown>[] = [];
const outcomes: Outcome[] = [];
let slow: SlowOutcome[] = [];
let probes: { latencies: number[]; failures: string[] } = { latencies: [], failures: [] };
let afterCorpus: Answer | undefined;
let sameOrigin: Answer | undefined;

const send = (port: number, h: Hostile) => ('raw' in h.send ? sendRaw(port, h.send) : sendHttp(port, h.send));

/** Sends `list` CONCURRENCY at a time; what is left at the deadline fails unsent. */
async function runPhase(port: number, list: Hostile[], concurrency = CONCURRENCY): Promise<void> {
  const deadline = performance.now() + PHASE_DEADLINE_MS;
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const h = list[next++];
      if (performance.now() > deadline) {
        outcomes.push({ h, a: empty(0), failure: `not sent: the phase passed its ${PHASE_DEADLINE_MS / 1000} s deadline` });
        continue;
      }
      const a = await send(port, h);
      outcomes.push({ h, a, failure: commonFailure(a) ?? h.verdict(a) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// ---------------------------------------------------------------------------------------------
// The world: two organizations, published schemes, evaluations, tokens and a browser session

async function ok(res: Promise<{ status: number; text: string; body: any }>, what: string) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

async function buildWorld(port: number): Promise<World> {
  const t = f.tokens;
  await ok(call(f.app, 'POST', '/api/schemes', { token: t.A.author, body: { source: numbersScheme(NUM_ID) } }), 'create');
  await ok(call(f.app, 'POST', `/api/schemes/${enc(NUM_ID)}/publish`, { token: t.A.author }), 'publish');
  const evalA = await ok(call(f.app, 'POST', `/api/schemes/${enc(NUM_ID)}/evaluate`, { token: t.A.evaluator, body: { id: 'E1', input: {} } }), 'evaluate');
  await ok(call(f.app, 'POST', '/api/schemes', { token: t.B.author, body: { source: numbersScheme(B_ID) } }), 'create B');
  await ok(call(f.app, 'POST', `/api/schemes/${enc(B_ID)}/publish`, { token: t.B.author }), 'publish B');
  const evalB = await ok(call(f.app, 'POST', `/api/schemes/${enc(B_ID)}/evaluate`, { token: t.B.evaluator, body: { id: 'E1', input: {} } }), 'evaluate B');
  const exact = await ok(call(f.app, 'POST', `/api/schemes/${enc(NUM_ID)}/evaluate`, { token: t.A.evaluator, body: `{"id":"X1","input":${EXACT_INPUT}}` }), 'evaluate');
  const bTokens = await ok(call(f.app, 'GET', '/api/tokens', { token: t.B.admin }), 'tokens B');
  const victim = await ok(call(f.app, 'POST', '/api/tokens', { token: t.A.admin, body: { role: 'evaluator' } }), 'token');
  const revoked = await ok(call(f.app, 'POST', '/api/tokens', { token: t.A.admin, body: { role: 'evaluator' } }), 'token');
  await ok(call(f.app, 'DELETE', `/api/tokens/${revoked.id}`, { token: t.A.admin }), 'revoke');

  const roundA = await ok(call(f.app, 'POST', '/api/rounds', { token: t.A.author, body: { scheme: NUM_ID, period: '2026' } }), 'round');
  const roundB = await ok(call(f.app, 'POST', '/api/rounds', { token: t.B.author, body: { scheme: B_ID, period: '2026' } }), 'round B');
  const accountA = await ok(call(f.app, 'POST', '/api/accounts', { token: t.A.admin, body: { name: '张三', roles: ['evaluator'], units: null } }), 'account');
  const accountB = await ok(call(f.app, 'POST', '/api/accounts', { token: t.B.admin, body: { name: '李四', roles: ['evaluator'], units: null } }), 'account B');
  const orgA = (await f.store.get<{ id: number }>("select id from organizations where name = 'org-A'"))!.id;
  const code = await issueSigninCode(f.store, orgA, ['admin', 'author', 'evaluator']);
  const signin = await f.app.request(`/signin?code=${code}`);
  const cookie = new RegExp(`${SESSION_COOKIE}=[^;]+`).exec(signin.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('no session cookie');

  const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
  let assets: string[] = [];
  try { assets = readdirSync(join(STATIC_DIR, 'assets')).slice(0, 1).map((a) => `/assets/${a}`); } catch { /* editor not built */ }
  return {
    port,
    routes: routesOf(doc),
    sourceCapBytes: DEFAULT_MAX_SOURCE_BYTES,
    tokens: { all: (await createToken(f.store, { orgId: orgA, roles: ['admin', 'author', 'evaluator'] })).secret, evaluator: t.A.evaluator, revoked: revoked.token },
    cookie,
    ids: {
      scheme: NUM_ID, evaluation: evalA.evaluationId, token: victim.id, exactEvaluation: exact.evaluationId,
      bScheme: B_ID, bEvaluation: evalB.evaluationId, bToken: bTokens.tokens[0].id,
      round: roundA.round?.id ?? roundA.id, bRound: roundB.round?.id ?? roundB.id,
      account: String(accountA.account?.id ?? accountA.id), bAccount: String(accountB.account?.id ?? accountB.id),
    },
    staticPaths: assets.length ? ['/', '/index.html', ...assets] : ['/'],
  };
}

beforeAll(async () => {
  f = await setup({ log: (r) => logged.push(r) });
  server = createNodeServer(f.app.fetch, { hostname: '127.0.0.1', fastLane: f.app.fastLane });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  world = await buildWorld(port);

  // The control of the cross-origin category: the same cookie from the server's own origin works.
  sameOrigin = await sendHttp(port, {
    method: 'POST', path: '/api/check', headers: { cookie: world.cookie, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' },
    body: () => JSON.stringify({ source: numbersScheme('同源') }),
  });
  const corpus = buildCorpus(world, FULL);
  const of = (...c: Category[]) => corpus.filter((h) => c.includes(h.category));
  // One by one: a language-bound category's requests — in npm test only those to a route that takes a
  // source, or to the fast lane (its cohorts run in the workers); the others never reach the workers
  // and go beside them (no answer time is asserted there: MEASURING keeps the categories whole).
  const sources = new Set(world.routes.filter((r) => r.body?.includes('source')).map((r) => `${r.method} ${r.template}`));
  const serial = (h: Hostile) => LANGUAGE_BOUND.includes(h.category) && (FULL || sources.has(h.route) || h.route === FAST_LANE);
  const rest = corpus.filter((h) => !serial(h) && h.category !== 'bad-tokens' && h.category !== 'auth-burst');
  const slowRuns = slowClients(world).map(async (s) => ({ name: s.name, a: await slowClient(port, s.start, s.drip) }));
  const stopProbe = probeHealth(port, FULL ? PROBE_EVERY_MS : SMALL_PROBE_EVERY_MS);
  await Promise.all([runPhase(port, corpus.filter(serial), 1), runPhase(port, rest)]);
  afterCorpus = await sendHttp(port, { method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${world.tokens.evaluator}` } });
  // Bad credentials last: they may get this address rate limited.
  await runPhase(port, of('bad-tokens'));
  await runPhase(port, of('auth-burst'), 1);
  probes = await stopProbe();
  slow = await Promise.all(slowRuns);
}, 3 * PHASE_DEADLINE_MS + SLOW_BOUND_MS + 30_000); // three phases, then the slow clients

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  f?.close();
});

// ---------------------------------------------------------------------------------------------

const describeFailures = (list: Outcome[]) =>
  `${list.length} failed:\n` + list.slice(0, 12).map((o) => `  ${o.h.route} — ${o.h.name}: ${o.failure}`).join('\n');

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

describe('the hostile corpus', () => {
  it('has at least 300 requests and attacks every route in every category that applies to it', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(300);
    const hit = new Map<string, Set<Category>>();
    for (const { h } of outcomes) hit.set(h.route, (hit.get(h.route) ?? new Set()).add(h.category));
    for (const r of world.routes) {
      const route = `${r.method} ${r.template}`;
      const wanted: Category[] = [];
      if (!r.public) wanted.push('bad-tokens');
      if (r.body) wanted.push('junk-source', 'invalid-utf8', 'lone-surrogates', 'huge-deep-json', 'wrong-content-type');
      if (r.body?.includes('source')) wanted.push('source-over-cap', 'deep-nesting', 'postfix-chains', 'let-chains', 'checker-throws');
      if (r.params.some((p) => p.in === 'path')) wanted.push(...(freeFormIds(r) ? [] : ['foreign-ids' as const]), 'bad-parameters');
      if (!['GET', 'HEAD'].includes(r.method)) wanted.push('cross-origin', 'oversized-body');
      const got = hit.get(route) ?? new Set();
      expect(wanted.filter((c) => !got.has(c)), route).toEqual([]);
      // Wrong methods and huge headers are sent per path, listed under all the path's methods.
      const perPath = (c: Category) => [...hit].some(([k, cats]) => k.endsWith(` ${r.template}`) && k.split(' ')[0].split('|').includes(r.method) && cats.has(c));
      expect(perPath('wrong-method'), route).toBe(true);
      expect(perPath('huge-headers'), route).toBe(true);
    }
  });

  it.each(CATEGORIES.map((c) => [c]))('%s: every request answered below 500, small, quick and as required', (category) => {
    const mine = outcomes.filter((o) => o.h.category === category);
    expect(mine.length).toBeGreaterThan(0);
    const failed = mine.filter((o) => o.failure);
    expect(failed.length, `${describeFailures(failed)}\n(of ${mine.length})`).toBe(0);
  });

  it.runIf(MEASURING)(`every request was answered within ${MAX_ANSWER_MS / 1000} s`, () => {
    const slowOnes = outcomes.filter((o) => !o.a.failure && o.a.ms > MAX_ANSWER_MS);
    expect(slowOnes.map((o) => `${o.h.route} — ${o.h.name}: answered after ${Math.round(o.a.ms)} ms`).slice(0, 12)).toEqual([]);
  });

  it('failed authentication is rate limited: the end of a burst of guesses is 429', () => {
    const burst = outcomes.filter((o) => o.h.category === 'auth-burst');
    expect(burst).toHaveLength(FULL ? BURST : SMALL_BURST);
    expect(burst.slice(-10).map((o) => o.a.status)).toEqual(Array(10).fill(429));
  });

  it(`slow clients are answered (408) and disconnected within ${SLOW_BOUND_MS / 1000} s`, () => {
    const bad = slow.filter((s) => s.a.failure || s.a.status < 400 || s.a.status >= 500);
    expect(bad.map((s) => `${s.name}: ${s.a.failure ?? s.a.status} after ${Math.round(s.a.ms)} ms`)).toEqual([]);
  });

  it('/healthz was answered while the corpus ran', () => {
    expect(probes.latencies.length).toBeGreaterThan(20);
    expect(probes.failures.slice(0, 5)).toEqual([]);
  });

  it.runIf(MEASURING)(`/healthz stayed quick while the corpus ran (every ${PROBE_EVERY_MS} ms, p99 ≤ ${PROBE_P99_MS} ms)`, () => {
    const p99 = percentile(probes.latencies, 99);
    expect(p99, `p50 ${Math.round(percentile(probes.latencies, 50))} ms, p99 ${Math.round(p99)} ms, max ${Math.round(Math.max(...probes.latencies))} ms over ${probes.latencies.length} probes`).toBeLessThanOrEqual(PROBE_P99_MS);
  });

  it('a cookie request from the server\'s own origin is served (the control of cross-origin)', () => {
    expect(sameOrigin?.failure).toBeUndefined();
    expect(sameOrigin?.status, sameOrigin?.body.slice(0, 200)).toBe(200);
  });

  it('the server still serves a valid request after the corpus', () => {
    expect(afterCorpus?.failure).toBeUndefined();
    expect(afterCorpus?.status).toBe(200);
  });

  it('no request was logged as an internal error', () => {
    const errors = logged.filter((r) => r.level === 'error');
    expect(errors.map((r) => String(r.error ?? r.msg).split('\n').slice(0, 3).join(' | ')).slice(0, 5)).toEqual([]);
  });
});
