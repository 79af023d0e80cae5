// POST /api/whatif runs within the cohort CPU budget of round evaluation (evaluations/budget.ts): an
// evaluation that overruns it answers 503 `budget_exceeded` and nothing is stored.

import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as real } from '../../engine/index.js';
import { ROSTER, scheme } from '../simulate/fixture.js';
import { call, type Fixture } from './helpers.js';
import { ok, roundCounts, withRoundsApp } from './rounds-helpers.js';

let slow = false;
/** The real engine, but while `slow` each cohort spends 700 ms before it reads its first subject. */
const engine: EngineApi = {
  ...real,
  evaluateCohort: (s, subjects, o) => {
    if (slow) { const end = performance.now() + 700; while (performance.now() < end); }
    return real.evaluateCohort(s, subjects, o);
  },
};

let f: Fixture;
let round: string;

withRoundsApp(() => [scheme()], async (fx, rc) => {
  f = fx;
  round = await rc.evaluated('演示考核', '2026', ROSTER);
}, { engine, cohortMaxMs: 400 });

describe('POST /api/whatif and the cohort budget', () => {
  it('answers 503 budget_exceeded when the evaluation overruns it, and stores nothing', async () => {
    const before = await roundCounts(f, round);
    slow = true;
    try {
      const r = await ok(call(f.app, 'POST', '/api/whatif', { token: f.tokens.A.author, body: { round, source: scheme({ w1: '80%', w2: '20%' }) } }), 503);
      expect(r.error.code).toBe('budget_exceeded');
    } finally { slow = false; }
    expect(await roundCounts(f, round)).toEqual(before);
    await ok(call(f.app, 'POST', '/api/whatif', { token: f.tokens.A.author, body: { round, version: 1 } }), 200);
  });
});
