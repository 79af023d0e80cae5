// GET /api/subjects/:id/results (issue 14 item 7) against a real store: one person's results
// across schemes and periods, oldest first — final, imported (marked) and a round's current result
// not final yet (marked with the round's status) —, filtered by scheme and a period range, never
// another organization's or another person's, scoped to a unit officer's units; a bad range is 400.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, enc, PROVINCE_ID, publishedProvince, removeTempDirs, setup, type Fixture } from './helpers.js';
import { ids, insertResult, insertRound, unitOfficer, type Ids } from './find-seed.js';

let f: Fixture;
let i: Ids;
let final2025: string;
let open2026: string;

const results = (subject: string, q = '', token = f.tokens.A.evaluator) => call(f.app, 'GET', `/api/subjects/${enc(subject)}/results${q}`, { token });
const periods = (body: { results: { period: string }[] }) => body.results.map((r) => r.period);

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  i = await ids(f, PROVINCE_ID);
  final2025 = await insertRound(f, i, { period: '2025', status: 'final', revision: 1, name: '2025 年度' });
  open2026 = await insertRound(f, i, { period: '2026', status: 'publicity', revision: 3 });
  // Stored out of order on purpose: the answer is oldest first.
  await insertResult(f, i, { subject: '张三', period: '2026', round: open2026, revision: 3, unit: '办公室', score: '87.88', exact: '2197/25', grade: '称职' });
  await insertResult(f, i, { subject: '张三', period: '2023', imported: true, final: true, grade: '优秀', score: '92', exact: '92', unit: '办公室' });
  await insertResult(f, i, { subject: '张三', period: '2025', round: final2025, revision: 1, final: true, unit: '政务大厅', score: '90.5', exact: '181/2', grade: '优秀' });
  await insertResult(f, i, { subject: '张三', period: '2024', imported: true, final: true, grade: '优秀', unit: null });
  await insertResult(f, i, { subject: '李四', period: '2025', imported: true, final: true, grade: '称职' });
  await insertResult(f, i, { org: i.orgB, subject: '张三', period: '2022', imported: true, final: true, grade: '不称职' });
}, 120_000);
afterAll(async () => { await f.close(); removeTempDirs(); });

describe('GET /api/subjects/:id/results', () => {
  it('oldest first: imported, final and a current round marked with its status', async () => {
    const r = await results('张三');
    expect(r.status).toBe(200);
    expect(r.body.subject).toBe('张三');
    expect(r.body.results.map((x: { period: string; status: string; grade: string | null; score: number | null }) => [x.period, x.status, x.grade, x.score])).toEqual([
      ['2023', 'imported', '优秀', 92],
      ['2024', 'imported', '优秀', null],
      ['2025', 'final', '优秀', 90.5],
      ['2026', 'publicity', '称职', 87.88],
    ]);
    const [, , fin, cur] = r.body.results;
    expect(fin).toMatchObject({ scheme: PROVINCE_ID, exact: '181/2', unit: '政务大厅', final: true, imported: false, round: { id: final2025, name: '2025 年度', status: 'final', revision: 1 } });
    expect(cur).toMatchObject({ final: false, imported: false, round: { id: open2026, status: 'publicity', revision: 3 } });
    expect(r.body.results[0].round).toBeNull();
  });

  it('filters by a period range (a year includes its quarters) and a scheme', async () => {
    expect(periods((await results('张三', '?from=2024&to=2025')).body)).toEqual(['2024', '2025']);
    expect(periods((await results('张三', '?from=2025-Q2')).body)).toEqual(['2026']);
    expect(periods((await results('张三', '?to=2023')).body)).toEqual(['2023']);
    expect(periods((await results('张三', `?scheme=${enc(PROVINCE_ID)}`)).body)).toHaveLength(4);
    expect((await results('张三', '?scheme=other')).body.results).toEqual([]);
  });

  it("never another organization's or another person's results", async () => {
    expect(periods((await results('李四')).body)).toEqual(['2025']);
    expect(periods((await results('张三', '', f.tokens.B.evaluator)).body)).toEqual(['2022']);
    expect((await results('王五')).body.results).toEqual([]);
  });

  it("a unit officer sees only their units' rows", async () => {
    const officer = await unitOfficer(f, i, ['办公室']);
    expect(periods((await results('张三', '', officer)).body)).toEqual(['2023', '2026']);
    const other = await unitOfficer(f, i, ['政务大厅', '执法总队']);
    expect(periods((await results('张三', '', other)).body)).toEqual(['2025']);
  });

  // S10b: statistics' refusal, as every list's (server/period-filter.ts): 422 invalid_period.
  it('422 invalid_period at from/to for a text that is no period, in the reader\'s language; never 500', async () => {
    for (const [q, path, status] of [['?from=yesterday', 'from', 422], ['?to=2026-Q5', 'to', 422], ['?from=', 'from', 400]] as const) {
      const r = await results('张三', q);
      expect(r.status, q).toBe(status);
      expect(r.body.error.details.map((d: { path: string }) => d.path), q).toEqual([path]);
    }
    const zh = await results('张三', '?from=昨天&lang=zh');
    expect(zh.body.error.details[0].message).toContain('不是考核期');
    const long = await results('x'.repeat(201));
    expect(long.status).toBe(400);
  });
});
