// Heavy work of issue 15 off the event loop (hostile F1, F2): a what-if and the papers of a round run
// as jobs of the language workers (server/whatif/job.ts, server/reports/job.ts), so /healthz answers
// while one runs, and the pool's bounded queue refuses what it cannot take (503 `busy`, Retry-After)
// instead of every request waiting behind the others on the loop.

import { describe, expect, it } from 'vitest';
import { PEOPLE, scheme } from '../simulate/fixture.js';
import { call, type Fixture, type Res } from './helpers.js';
import { withRoundsApp } from './rounds-helpers.js';

/** The fixture's scheme whose 业绩分 averages `lets` calls of a function of 2^14 calls (98,000
 * evaluation steps, under the per-call cap): ≥ 100 ms a person on any machine, so ten people
 * overrun the 1,000 ms cohort budget below, deterministically. */
function heavy(lets = 100): string {
  const fns = Array.from({ length: 14 }, (_, k) => (k === 0 ? '  function g0(x: number): number = x + 0' : `  function g${k}(x: number): number = (g${k - 1}(x) + g${k - 1}(x)) / 2`));
  const hs = Array.from({ length: lets }, (_, k) => `  let h${k} = g13(业绩)`);
  const sum = Array.from({ length: lets }, (_, k) => `h${k}`).join(' + ');
  const text = scheme().replace('  indicator 业绩分 "工作业绩" weight 60% = 业绩', [...fns, ...hs, `  indicator 业绩分 "工作业绩" weight 60% = (${sum}) / ${lets}`].join('\n'));
  expect(text).toContain('g13');
  return text;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let f: Fixture;
let round: string;

withRoundsApp(() => [scheme()], async (fx, rc) => {
  f = fx;
  round = await rc.evaluated('演示考核', '2026', PEOPLE.map(([id, unit, a, b, v]) => ({ id, unit, input: { 业绩: a, 测评得分: b, 违纪: v } })));
}, { langWorkers: 1, langQueue: 1, cohortMaxMs: 1000 });

const whatIf = () => call(f.app, 'POST', '/api/whatif', { token: f.tokens.A.author, body: { round, source: heavy() } });

describe('a what-if runs in a language worker', () => {
  it('/healthz answers promptly throughout, and the cohort budget still answers 503 budget_exceeded', async () => {
    let done = false;
    const t = performance.now();
    const running = whatIf().finally(() => (done = true));
    const waits: number[] = [];
    while (!done) {
      const s = performance.now();
      expect((await call(f.app, 'GET', '/healthz')).status).toBe(200);
      waits.push(performance.now() - s);
      await sleep(20);
    }
    const r = await running;
    expect(r.status, r.text).toBe(503);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(r.body.error.details[0]).toMatchObject({ path: 'subjects', budgetMs: 1000, subjects: PEOPLE.length }); // the cohort's, carried from the worker
    expect(performance.now() - t).toBeGreaterThanOrEqual(1000);
    // On the event loop the evaluation held /healthz for its whole second (and more: the budget is
    // checked between people); in a worker only the request's own reading of the round is on it.
    waits.sort((a, b) => a - b);
    expect(waits.length).toBeGreaterThanOrEqual(10);
    expect(waits[waits.length >> 1]).toBeLessThan(50);
    expect(waits[waits.length - 1]).toBeLessThan(500);
  });
});

describe('the papers run in a language worker', () => {
  it('with the worker busy and its queue (1) full, more papers answer 503 busy with Retry-After at once', async () => {
    const running = whatIf();
    await sleep(300); // its jobs reach the worker
    const paper = () => call(f.app, 'GET', `/api/rounds/${round}/papers/publicity?format=xlsx`, { token: f.tokens.A.author });
    const answers: Res[] = await Promise.all([1, 2, 3, 4].map(paper));
    const busy = answers.filter((r) => r.status === 503);
    // At most one runs and one waits; on the event loop all four were built, one after the other.
    expect(busy.length).toBeGreaterThanOrEqual(2);
    for (const r of busy) {
      expect(r.body.error.code).toBe('busy');
      expect(r.headers.get('retry-after')).toBe('1');
    }
    for (const r of answers.filter((x) => x.status !== 503)) {
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('spreadsheetml');
    }
    expect((await running).status).toBe(503);
    // Once the worker is free a paper is built again.
    const later = await paper();
    expect(later.status).toBe(200);
    expect(later.headers.get('content-disposition')).toContain('.xlsx');
  });
});
