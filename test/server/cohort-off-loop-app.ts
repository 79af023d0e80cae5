// The server of the off-the-loop cohort tests (hostile F14; cohort-off-loop.test.ts proves what is
// stored and answered, cohort-off-loop.measure.test.ts — `npm run test:differential` only — how long
// /healthz waits meanwhile): an app whose cohorts of 20 or more run in its own one-worker pool, a
// published scheme whose subjects are slow on purpose, on a real server and a loopback port.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { createNodeServer } from '../../server/node-server.js';
import { PEOPLE, scheme } from '../simulate/fixture.js';
import { call, enc, setup, type Fixture } from './helpers.js';

/** The fixture's scheme whose 业绩分 averages `lets` calls of a function of 2^13 calls: ≈ 25 ms a
 * person, so a cohort of 20 holds whatever runs it for about half a second — ten times the 30–50 ms
 * the races here wait before asking /healthz (2^14 until session 10: twice the CPU for no more proof). */
function heavy(lets = 4): string {
  const fns = Array.from({ length: 13 }, (_, k) => (k === 0 ? '  function g0(x: number): number = x + 0' : `  function g${k}(x: number): number = (g${k - 1}(x) + g${k - 1}(x)) / 2`));
  const hs = Array.from({ length: lets }, (_, k) => `  let h${k} = g12(业绩)`);
  const sum = Array.from({ length: lets }, (_, k) => `h${k}`).join(' + ');
  return scheme().replace('  indicator 业绩分 "工作业绩" weight 60% = 业绩', [...fns, ...hs, `  indicator 业绩分 "工作业绩" weight 60% = (${sum}) / ${lets}`].join('\n'));
}
export const SOURCE = heavy();
const ID = '演示考核';

/** `copies` × the fixture's ten people, each with a distinct id. */
export const cohort = (copies: number) => ({
  period: '2026',
  subjects: Array.from({ length: copies }, (_, k) => PEOPLE.map(([id, unit, a, b, v]) => ({ id: `${id}-${k}`, input: { 单位: unit, 业绩: a, 测评得分: b, 违纪: v } }))).flat(),
});

export interface OffLoop {
  f: Fixture;
  base: string;
  /** POSTs `body` to the scheme's evaluate route as the evaluator. */
  evaluate(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Starts the app and its server before the file's tests (beforeAll) and stops them after. */
export function offLoopServer(): OffLoop {
  let server: Server | undefined;
  const s = { base: '' } as OffLoop;
  beforeAll(async () => {
    // Cohorts of 20 or more run in the app's own one-worker pool; the budget is generous (the
    // subjects are slow on purpose) so that every cohort here finishes: 60 s for the 20 subjects of
    // cohort-off-loop.test.ts, whose first cohort also starts the worker, on a loaded machine.
    s.f = await setup({ langWorkers: 1, cohortOffLoopSubjects: 20, cohortMsPerSubject: 3000, cohortMaxMs: 60_000 });
    const created = await call(s.f.app, 'POST', '/api/schemes', { token: s.f.tokens.A.author, body: { source: SOURCE } });
    expect(created.status, created.text).toBe(201);
    const pub = await call(s.f.app, 'POST', `/api/schemes/${enc(ID)}/publish`, { token: s.f.tokens.A.author });
    expect(pub.status, pub.text).toBe(200);
    server = createNodeServer(s.f.app.fetch as Parameters<typeof createNodeServer>[0], { hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    s.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => { server?.closeAllConnections(); server?.close(r); });
    s.f?.close();
  });
  s.evaluate = (body, headers = {}) =>
    fetch(`${s.base}/api/schemes/${enc(ID)}/evaluate`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${s.f.tokens.A.evaluator}`, 'Content-Type': 'application/json', ...headers },
    });
  return s;
}
