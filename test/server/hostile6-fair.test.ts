// Every language job carries its organization as its owner (hostile audit H6 F4): the pool serves the
// owner served least recently first, but checks, formats, examples, drafts, publishes, what-ifs and
// papers all shared one owner, so one organization's queue of checks made another's wait behind all
// of it (30 s, then 503 busy). With one worker: four checks of organization A, then one of B — B is
// answered right after the check A already had running, not after all of A's. Order, not time.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Fixture, PROVINCE, setup } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup({ langWorkers: 1 }); }, 60_000);
afterAll(() => f.close());

describe('the language pool across organizations', () => {
  it('org A\'s queued checks do not delay org B\'s beyond its turn', async () => {
    const source = PROVINCE();
    const done: string[] = [];
    const check = (who: string, token: string) =>
      call(f.app, 'POST', '/api/check', { token, body: { source } }).then((r) => {
        expect(r.status, r.text.slice(0, 200)).toBe(200);
        done.push(who);
      });
    const jobs = [1, 2, 3, 4].map((k) => check(`A${k}`, f.tokens.A.author));
    jobs.push(check('B', f.tokens.B.evaluator));
    await Promise.all(jobs);
    // B right after the one check of A that was already running. Which A that is, and the A's order
    // after B, is the order their authentication finished: on PostgreSQL each is a round trip on a
    // connection of its own, so only B's place is the property.
    expect(done[1]).toBe('B');
    expect([...done].sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'B']);
  }, 120_000);
});
