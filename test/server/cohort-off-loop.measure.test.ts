// A measurement (`npm run test:measure` only; docs/testing.md): while two big cohorts run in
// the language worker (hostile F14, cohort-off-loop.test.ts proves what they store), /healthz and
// single evaluations on keep-alive connections keep being answered, and /healthz's median wait
// stays below 150 ms. On the event loop each cohort held /healthz for its whole run.

import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../simulate/fixture.js';
import { cohort, offLoopServer } from './cohort-off-loop-app.js';

const s = offLoopServer();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a big cohort is evaluated off the event loop (F14): waits', () => {
  it('/healthz and single evaluations on keep-alive connections are answered while cohorts run', async () => {
    let running = 2;
    const cohorts = [cohort(8), cohort(8)].map((b) => s.evaluate(b).then(async (r) => [r.status, await r.text()] as const).finally(() => (running -= 1)));
    const waits: number[] = [];
    const singles: number[] = [];
    const failures: string[] = [];
    const one = PEOPLE[0];
    const probe = async () => {
      for (let k = 0; running > 0; k++) {
        const t = performance.now();
        try {
          const h = await fetch(`${s.base}/healthz`);
          await h.text();
          expect(h.status).toBe(200);
          waits.push(performance.now() - t);
          const r = await s.evaluate({ id: `S-${k}`, period: '2026', input: { 单位: one[1], 业绩: one[2], 测评得分: one[3], 违纪: one[4] } });
          await r.text();
          singles.push(r.status);
        } catch (e) {
          failures.push(String((e as { cause?: { code?: string } }).cause?.code ?? e));
        }
        await sleep(20);
      }
    };
    await Promise.all([probe(), probe(), ...cohorts]);
    for (const [status, text] of await Promise.all(cohorts)) expect(status, text).toBe(201);
    expect(failures).toEqual([]);
    expect(waits.length).toBeGreaterThanOrEqual(10);
    expect(singles.every((x) => x === 201)).toBe(true);
    // On the event loop each cohort held /healthz for its whole run (3 probes got through, the
    // median waited seconds); in the worker only the request's reading and storing is on the loop.
    // No bound on the slowest probe: on a machine this busy one can wait a second for a core.
    waits.sort((a, b) => a - b);
    expect(waits[waits.length >> 1]).toBeLessThan(150);
  }, 120_000);
});
