// A period with surrounding spaces means the period without them, everywhere (issue 14, hostile
// review): creating a round trimmed it, but the `period` filters of GET /api/rounds and
// GET /api/evaluations did not, and a single evaluate stored ` 2026-Q1 ` as given, so a list by
// `2026-Q1` missed it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, enc, type Fixture } from './helpers.js';
import { client, QUARTERLY, withRoundsApp } from './rounds-helpers.js';

const DATES = '效能纪律';
let f: Fixture;

withRoundsApp(() => [QUARTERLY(), readFileSync(join(import.meta.dirname, '../language/dates.kaohe'), 'utf8')], (fx) => { f = fx; });

const list = (path: string) => call(f.app, 'GET', path, { token: f.tokens.A.author });

describe('periods are trimmed consistently', () => {
  it('GET /api/rounds?period= with spaces finds the round created with them', async () => {
    const made = await client(f).create({ scheme: '平时考核', period: ' 2026-Q2 ' });
    expect(made.status, made.text).toBe(201);
    expect(made.body.period).toBe('2026-Q2');
    for (const q of ['2026-Q2', '%202026-Q2', '2026-Q2%20%20']) {
      const r = await list(`/api/rounds?period=${q}`);
      expect(r.status, r.text).toBe(200);
      expect(r.body.rounds.map((x: { id: string }) => x.id), q).toEqual([made.body.id]);
    }
    expect((await list('/api/rounds?period=%20')).status).toBe(400);
  });

  it('a single evaluate stores the trimmed period; GET /api/evaluations?period= trims too', async () => {
    const input = { 入职日: '2020-01-01', 诫勉记录: [], 迟到记录: [] };
    const single = await call(f.app, 'POST', `/api/schemes/${enc(DATES)}/evaluate`, { token: f.tokens.A.evaluator, body: { id: 'A1', input, period: ' 2026-Q1 ' } });
    expect(single.status, single.text).toBe(201);
    const stored = (await f.store.get<{ period: string }>('SELECT period FROM evaluations WHERE id = ?', [single.body.evaluationId]))!;
    expect(stored.period).toBe('2026-Q1');
    for (const q of ['2026-Q1', '%202026-Q1', '2026-Q1%20']) {
      const r = await list(`/api/evaluations?period=${q}`);
      expect(r.status, r.text).toBe(200);
      expect(r.body.evaluations.map((x: { id: string }) => x.id), q).toEqual([single.body.evaluationId]);
    }
  });
});
