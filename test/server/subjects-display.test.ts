// GET /api/subjects/:id/results names the person (issue 14 part 2, the editor's history page): each
// row of a round carries the roster's display fields of the person in that round (姓名, 职务…), so the
// page shows who the id is; imported rows and people listed without any have none.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, enc, PROVINCE_ID, publishedProvince, removeTempDirs, setup, type Fixture } from './helpers.js';
import { ids, insertMember, insertResult, insertRound, type Ids } from './find-seed.js';

let f: Fixture;
let i: Ids;

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  i = await ids(f, PROVINCE_ID);
  const y2025 = await insertRound(f, i, { period: '2025', status: 'final', revision: 1 });
  const y2026 = await insertRound(f, i, { period: '2026', status: 'publicity', revision: 1 });
  await insertMember(f, y2025, { id: '张三', unit: '办公室', display: { 姓名: '张三丰', 职务: '科员' }, position: 0 });
  await insertMember(f, y2025, { id: '李四', unit: '办公室', display: { 姓名: '李四光' }, position: 1 });
  await insertMember(f, y2026, { id: '张三', unit: '办公室', display: { 姓名: '张三丰', 职务: '副科长' }, position: 0 });
  await insertResult(f, i, { subject: '张三', period: '2024', imported: true, final: true, grade: '优秀' });
  await insertResult(f, i, { subject: '张三', period: '2025', round: y2025, revision: 1, final: true, unit: '办公室', score: '90', exact: '90', grade: '优秀' });
  await insertResult(f, i, { subject: '张三', period: '2026', round: y2026, revision: 1, unit: '办公室', score: '88', exact: '88', grade: '称职' });
}, 120_000);
afterAll(() => { f.close(); removeTempDirs(); });

describe('a person’s results name the person', () => {
  it('each round row carries that round’s display fields of the person; imported rows none', async () => {
    const r = await call(f.app, 'GET', `/api/subjects/${enc('张三')}/results`, { token: f.tokens.A.evaluator });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { period: string; display?: unknown }) => [x.period, x.display])).toEqual([
      ['2024', undefined],
      ['2025', { 姓名: '张三丰', 职务: '科员' }],
      ['2026', { 姓名: '张三丰', 职务: '副科长' }],
    ]);
  });
});
