// Issue 10 item 8: an evaluate body's numbers are read exactly from their text (or refused with the
// path), never rounded silently — through evaluate, through a replay, and in the stored evaluation.

import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import { call, enc, setup, type Fixture } from './helpers.js';

const SCHEME = [
  'scheme 精确 "exact" {',
  '  precision 0',
  '  input { n: integer  x: number >= 0 = 0 }',
  '  indicator 差 weight 100% = n - 9007199254740992 + x * 0',
  '}',
].join('\n');

let f: Fixture;
beforeAll(async () => {
  f = await setup();
  const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: SCHEME } });
  expect(created.status, created.text).toBe(201);
  expect((await call(f.app, 'POST', `/api/schemes/${enc('精确')}/publish`, { token: f.tokens.A.author })).status).toBe(200);
});
afterAll(() => f.close());

const evaluate = (body: string) => call(f.app, 'POST', `/api/schemes/${enc('精确')}/evaluate`, { token: f.tokens.A.evaluator, body });

describe('exact JSON numbers over HTTP', () => {
  it('scores n - 9007199254740992 as exactly 1 for n = 9007199254740993', async () => {
    const r = await evaluate('{"id": "a", "input": {"n": 9007199254740993}}');
    expect(r.status, r.text).toBe(201);
    expect(r.body.score).toBe(1);
  });

  it('does the same in a cohort and in a replay, and shows the stored input as sent', async () => {
    const r = await evaluate('{"subjects": [{"id": "a", "input": {"n": 9007199254740993}}, {"id": "b", "input": {"n": 9007199254740995}}]}');
    expect(r.status, r.text).toBe(201);
    expect(r.body.results.map((x: { score: number }) => x.score)).toEqual([1, 3]);
    const got = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}?replay=1`, { token: f.tokens.A.evaluator });
    expect(got.status, got.text).toBe(200);
    expect(got.body.replay).toEqual({ identical: true });
    expect(got.text).toContain('"n": 9007199254740993');
    expect(got.body.input.subjects).toHaveLength(2);
  });

  it('refuses a number it cannot read exactly, naming the path (422, nothing stored)', async () => {
    const r = await evaluate('{"id": "a", "input": {"n": 1e99999}}');
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.details).toEqual([expect.objectContaining({ code: 'KH-E003', path: 'n', found: '1e99999' })]);
    const r2 = await evaluate('{"id": "a", "input": {"n": 1, "x": 1e-99999}}');
    expect(r2.status, r2.text).toBe(422);
    expect(r2.body.error.details[0].path).toBe('x');
  });

  it('refuses an integer field given a long decimal that only rounds to an integer', async () => {
    const r = await evaluate('{"id": "a", "input": {"n": 9007199254740992.5}}');
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.details).toEqual([expect.objectContaining({ code: 'KH-E005', path: 'n' })]);
  });
});
