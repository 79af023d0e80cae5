// GET /api/evaluations (issue 14 item 7) against a real SQLite file: evaluate stores the period in
// its column; the list pages newest first through 3 pages with no duplicate and no gap, filters by
// scheme, version, period, subject (also inside a cohort) and unit (a cohort key), never shows
// another organization's evaluations, and answers a bad query with 400 at its path (never 500).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, cohortCase, enc, PROVINCE_ID, publishedProvince, removeTempDirs, setup, singleCase, type Fixture } from './helpers.js';
import { expectThreePagesNewestFirst } from './find-seed.js';

let f: Fixture;
const made: string[] = []; // evaluation ids, oldest first

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const list = (q: string, token = f.tokens.A.evaluator) => call(f.app, 'GET', `/api/evaluations${q}`, { token });

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  const single = singleCase().subject!;
  const cohort = cohortCase().subjects!;
  const bodies: unknown[] = [
    { ...single, id: 'P1', period: '2025' },
    { ...single, id: 'P2', period: '2025' },
    { ...single, id: 'P3', period: '2026' },
    { subjects: cohort, period: '2026' },
    { ...single, id: 'P4' },
    { ...single, id: 'P5', period: '2026' },
    { ...single, id: 'A003', period: '2026' },
  ];
  for (const body of bodies) {
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body });
    if (r.status !== 201) throw new Error(`${r.status} ${r.text}`);
    made.push(r.body.evaluationId);
  }
}, 120_000);
afterAll(() => { f.close(); removeTempDirs(); });

describe('evaluate stores the period', () => {
  it('in evaluations.period (null without one)', async () => {
    const rows = await f.store.all<{ id: string; period: string | null }>('select id, period from evaluations order by id');
    expect(rows.map((r) => r.period)).toEqual(['2025', '2025', '2026', '2026', null, '2026', '2026']);
  });
});

describe('GET /api/evaluations', () => {
  it('pages newest first through 3 pages, no duplicate, no gap', () => expectThreePagesNewestFirst((q) => list(q), '', 'evaluations', made));

  it('summarizes each evaluation without its result', async () => {
    const r = await list('?limit=500');
    const cohort = r.body.evaluations.find((e: { kind: string }) => e.kind === 'cohort');
    expect(cohort).toMatchObject({ scheme: PROVINCE_ID, version: 1, period: '2026', subjectCount: cohortCase().subjects!.length, lang: 'en' });
    expect(cohort.subjects).toHaveLength(10);
    expect(cohort.result).toBeUndefined();
    expect(r.body.evaluations.find((e: { id: string }) => e.id === made[4])).toMatchObject({ kind: 'single', period: null, subjects: ['P4'], subjectCount: 1 });
  });

  it('filters by period, scheme and version', async () => {
    expect((await list('?period=2025')).body.evaluations.map((e: { id: string }) => e.id)).toEqual([made[1], made[0]]);
    expect((await list(`?scheme=${enc(PROVINCE_ID)}&version=1&period=2026`)).body.evaluations).toHaveLength(4);
    expect((await list(`?scheme=${enc(PROVINCE_ID)}&version=2`)).body.evaluations).toEqual([]);
    expect((await list('?scheme=nothing')).body.evaluations).toEqual([]);
  });

  it('subject: alone or inside a cohort', async () => {
    const ids = (await list('?subject=A003')).body.evaluations.map((e: { id: string }) => e.id);
    expect(ids).toEqual([made[6], made[3]]);
    expect((await list('?subject=P1')).body.evaluations.map((e: { id: string }) => e.id)).toEqual([made[0]]);
    // A prefix of an id is not the id.
    expect((await list('?subject=A00')).body.evaluations).toEqual([]);
  });

  it('unit: cohort evaluations with someone in that cohort', async () => {
    expect((await list(`?unit=${enc('政务大厅')}`)).body.evaluations.map((e: { id: string }) => e.id)).toEqual([made[3]]);
    expect((await list(`?unit=${enc('没有这个单位')}`)).body.evaluations).toEqual([]);
    expect((await list(`?unit=${enc('政务大厅')}&subject=P1`)).body.evaluations).toEqual([]);
  });

  it("never lists another organization's evaluations", async () => {
    const r = await list('?limit=500', f.tokens.B.evaluator);
    expect(r.status).toBe(200);
    expect(r.body.evaluations).toEqual([]);
    expect((await list(`?scheme=${enc(PROVINCE_ID)}`, f.tokens.B.admin)).body.evaluations).toEqual([]);
  });

  it('400 at the query path for a bad limit, cursor or version, never 500', async () => {
    const rounds = (await call(f.app, 'GET', '/api/rounds?limit=1', { token: f.tokens.A.evaluator })).body;
    const foreign = Buffer.from(JSON.stringify(['rounds', 'rd_x'])).toString('base64url');
    const cases: [string, string][] = [
      ['?limit=0', 'limit'], ['?limit=501', 'limit'], ['?limit=abc', 'limit'], ['?limit=1e2', 'limit'],
      ['?cursor=abc', 'cursor'], [`?cursor=${foreign}`, 'cursor'], ['?cursor=%E2%80%A6', 'cursor'],
      ['?version=1', 'version'], [`?scheme=${enc(PROVINCE_ID)}&version=x`, 'version'], ['?period=', 'period'],
    ];
    expect(rounds).toBeDefined();
    for (const [q, path] of cases) {
      const r = await list(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('invalid_request');
      expect(r.body.error.details.map((d: { path: string }) => d.path), q).toContain(path);
    }
    const zh = await call(f.app, 'GET', '/api/evaluations?version=1&lang=zh', { token: f.tokens.A.evaluator });
    expect(zh.body.error.details[0].message).toContain('方案');
  });
});
