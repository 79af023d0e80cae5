// POST /api/subjects/import (issue 14 item 6) against a real SQLite file: results from before kaohe
// stored imported and final; checked against the scheme's newest published version (period form,
// grade names, score within 0…full score, a grade or a score, no (subject, period) twice) with every
// problem answered by path and nothing stored; a re-import replaces the imported row; authors only;
// a unit officer only for their units; at most 10,000 rows; bad bodies are 4xx, never 500.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PROVINCE_ID, publishedProvince, removeTempDirs, setup, type Fixture } from './helpers.js';
import { ids, insertMember, insertResult, insertRound, unitOfficer, type Ids } from './find-seed.js';

let f: Fixture;
let i: Ids;

const post = (body: unknown, token = f.tokens.A.author, lang = 'en') =>
  call(f.app, 'POST', '/api/subjects/import', { token, body, headers: { 'accept-language': lang } });
const stored = () => f.store.all('select subject_id as subject, period, grade, score, score_exact as exact, unit, final, imported, round_id as round from subject_results order by id');

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  i = await ids(f, PROVINCE_ID);
}, 120_000);
afterAll(() => { f.close(); removeTempDirs(); });

describe('POST /api/subjects/import', () => {
  it('stores results marked imported and final, exactly', async () => {
    const r = await post({ scheme: PROVINCE_ID, results: [
      { subject: 'A001', period: '2024', grade: '优秀', score: 92.35, unit: '办公室' },
      { subject: 'A001', period: '2025', grade: '称职' },
      { subject: 'A002', period: '2025', score: '88.45' },
    ] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ scheme: PROVINCE_ID, version: 1, imported: 3, replaced: 0 });
    expect(await stored()).toEqual([
      { subject: 'A001', period: '2024', grade: '优秀', score: '92.35', exact: '1847/20', unit: '办公室', final: 1, imported: 1, round: null },
      { subject: 'A001', period: '2025', grade: '称职', score: null, exact: null, unit: null, final: 1, imported: 1, round: null },
      { subject: 'A002', period: '2025', grade: null, score: '88.45', exact: '1769/20', unit: null, final: 1, imported: 1, round: null },
    ]);
    const history = await call(f.app, 'GET', '/api/subjects/A001/results', { token: f.tokens.A.evaluator });
    expect(history.body.results.map((x: { period: string; status: string }) => [x.period, x.status])).toEqual([['2024', 'imported'], ['2025', 'imported']]);
  });

  it('re-importing a (subject, period) replaces the imported row, never a round\'s; beside a round\'s result it is 409 result_exists', async () => {
    const r = await post({ scheme: PROVINCE_ID, results: [{ subject: 'A002', period: '2025', grade: '基本称职', score: 61 }] });
    expect(r.body).toMatchObject({ imported: 1, replaced: 1 });
    // A round's result for the (subject, period): a second result is refused (F7, rounds-stale.test.ts), nothing stored.
    const round = await insertRound(f, i, { period: '2025', status: 'final', revision: 1 });
    await insertResult(f, i, { subject: 'A002', period: '2025', round, revision: 1, final: true, grade: '优秀', score: '95' });
    const again = await post({ scheme: PROVINCE_ID, results: [{ subject: 'A002', period: '2025', grade: '称职' }] });
    expect([again.status, again.body.error.code]).toEqual([409, 'result_exists']);
    const rows = (await stored()).filter((x) => x.subject === 'A002');
    expect(rows.map((x) => [x.grade, x.imported])).toEqual([['基本称职', 1], ['优秀', 0]]);
  });

  it('all or nothing: every problem by path, in the reader\'s language', async () => {
    const before = await stored();
    const r = await post({ scheme: PROVINCE_ID, results: [
      { subject: 'B001', period: '2025-Q1', grade: '优秀' },
      { subject: 'B002', period: '2025', grade: '好' },
      { subject: 'B003', period: '2025', score: 150 },
      { subject: 'B004', period: '2025', score: -1 },
      { subject: 'B005', period: '2025' },
      { subject: 'B006', period: '2025', grade: '称职' },
      { subject: 'B006', period: '2025', grade: '优秀' },
      { subject: 'B007', period: 'last year', score: '12abc' },
      { subject: 'B008', period: '2025', grade: '称职' },
    ] }, f.tokens.A.author, 'zh');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_import');
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'results[0].period', 'results[1].grade', 'results[2].score', 'results[3].score', 'results[4]', 'results[6]', 'results[7].period', 'results[7].score',
    ]);
    expect(r.body.error.message).toBe('导入数据有 8 处问题，未保存任何结果');
    expect(r.body.error.details[1].message).toBe('“好”不是方案“省直年度考核”第 1 版的等次，其等次为优秀、称职、基本称职、不称职');
    expect(r.body.error.details[5].message).toContain('results[5]');
    expect(await stored()).toEqual(before);
    const en = await post({ scheme: PROVINCE_ID, results: [{ subject: 'B001', period: '2025-Q1', grade: '优秀' }] });
    expect(en.body.error.details[0].message).toBe('period `2025-Q1` is not of the form 2026 that the scheme `省直年度考核` uses');
  });

  it('a score that is no plain decimal (`1e2`, `0x10`) is said to be so, not to be outside 0 to the full score', async () => {
    const r = await post({ scheme: PROVINCE_ID, results: [
      { subject: 'E1', period: '2025', score: '1e2' }, { subject: 'E2', period: '2025', score: '0x10' }, { subject: 'E3', period: '2025', score: 101 },
    ] });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message])).toEqual([
      ['results[0].score', 'the score `1e2` is not a plain decimal number; write it like `88` or `88.5`'],
      ['results[1].score', 'the score `0x10` is not a plain decimal number; write it like `88` or `88.5`'],
      ['results[2].score', 'the score 101 is outside 0 to 100, the full score of `省直年度考核`'],
    ]);
    const zh = await post({ scheme: PROVINCE_ID, results: [{ subject: 'E1', period: '2025', score: '1e2' }] }, f.tokens.A.author, 'zh');
    expect(zh.body.error.details[0].message).toBe('得分“1e2”不是普通的十进制数，应写作“88”或“88.5”这样的形式');
  });

  it('authors only; a unit officer imports only their units; unknown or foreign scheme 404', async () => {
    expect((await post({ scheme: PROVINCE_ID, results: [{ subject: 'X', period: '2025', grade: '称职' }] }, f.tokens.A.evaluator)).status).toBe(403);
    expect((await post({ scheme: PROVINCE_ID, results: [{ subject: 'X', period: '2025', grade: '称职' }] }, f.tokens.B.author)).status).toBe(404);
    expect((await post({ scheme: 'nothing', results: [{ subject: 'X', period: '2025', grade: '称职' }] })).status).toBe(404);
    const officer = await unitOfficer(f, i, ['办公室'], ['author']);
    const r = await post({ scheme: PROVINCE_ID, results: [
      { subject: 'U1', period: '2025', grade: '称职', unit: '办公室' },
      { subject: 'U2', period: '2025', grade: '称职', unit: '政务大厅' },
      { subject: 'U3', period: '2025', grade: '称职' },
    ] }, officer);
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['results[1].unit', 'results[2].unit']);
    expect((await post({ scheme: PROVINCE_ID, results: [{ subject: 'U1', period: '2025', grade: '称职', unit: '办公室' }] }, officer)).status).toBe(200);
  });

  it('a scheme without a published version is 409; over 10,000 rows 413; bad shapes 400, never 500', async () => {
    const draft = 'scheme 草稿方案 {\n  input { x: number }\n  indicator a "A" weight 100% { score x }\n}\n';
    const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: draft } });
    expect(created.status, created.text).toBe(201);
    const unpublished = await post({ scheme: '草稿方案', results: [{ subject: 'X', period: '2025', score: 1 }] });
    expect([unpublished.status, unpublished.body.error.code]).toEqual([409, 'not_published']);
    const many = Array.from({ length: 10_001 }, (_, n) => ({ subject: `S${n}`, period: '2025', grade: '称职' }));
    const big = await post({ scheme: PROVINCE_ID, results: many });
    expect([big.status, big.body.error.code]).toEqual([413, 'import_too_large']);
    for (const body of [
      {}, { scheme: PROVINCE_ID }, { scheme: PROVINCE_ID, results: [] }, { scheme: PROVINCE_ID, results: [{ subject: 'X' }] },
      { scheme: PROVINCE_ID, results: [{ subject: 'X', period: '2025', grade: 1 }] }, { scheme: PROVINCE_ID, results: [{ subject: 'X', period: '2025', extra: 1 }] },
      { scheme: PROVINCE_ID, results: [{ subject: '', period: '2025', grade: '称职' }] }, [],
    ]) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('10,000 rows in one transaction', async () => {
    const rows = Array.from({ length: 10_000 }, (_, n) => ({ subject: `T${n}`, period: '2024', grade: '称职', score: 75.5 }));
    const t0 = performance.now();
    const r = await post({ scheme: PROVINCE_ID, results: rows });
    const ms = performance.now() - t0;
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(10_000);
    expect(ms).toBeLessThan(10_000);
    console.log(`import of 10,000 rows: ${ms.toFixed(0)} ms`);
  }, 60_000);

  it('re-importing 10,000 rows replaces each earlier row once, every row stored (multi-row statements in chunks, issue 17)', async () => {
    const rows = Array.from({ length: 10_000 }, (_, n) => ({ subject: `T${n}`, period: '2024', grade: n % 2 ? '优秀' : '称职', score: 80 }));
    const r = await post({ scheme: PROVINCE_ID, results: rows });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.body).toMatchObject({ imported: 10_000, replaced: 10_000 });
    const counts = await f.store.all<{ grade: string; n: number; score: string }>(
      "select grade, count(*) as n, min(score) as score from subject_results where subject_id like 'T%' and period = '2024' and imported = 1 group by grade order by grade");
    expect(counts).toEqual([{ grade: '优秀', n: 5_000, score: '80' }, { grade: '称职', n: 5_000, score: '80' }]);
  }, 60_000);
});

// Hostile audit H6: the row cap before zod walks the rows (F3: 130,000 rows of `0` overflowed zod's
// stack, a 500), and a unit officer cannot import a person the organization knows in a unit they do
// not cover (F2: an officer of one unit planted 优秀 99 for a person of another unit, which then
// decided that person's annual roll-up).

const imported = async (subject: string) =>
  (await f.store.get<{ n: number }>('select count(*) as n from subject_results where subject_id = ? and imported = 1', [subject]))!.n;

describe('the row cap comes before the rows are checked (F3)', () => {
  it('10,001 rows that are not results: 413 import_too_large naming the cap, not an issue per row', async () => {
    const r = await post({ scheme: PROVINCE_ID, results: Array(10_001).fill(0) });
    expect([r.status, r.body.error.code]).toEqual([413, 'import_too_large']);
    expect(r.body.error.details).toEqual([{ path: 'results', rows: 10_001, limit: 10_000 }]);
    const zh = await post({ scheme: PROVINCE_ID, results: Array(10_001).fill(0) }, f.tokens.A.author, 'zh');
    expect(zh.body.error.message).toBe('导入数据有 10001 条结果，一次最多导入 10,000 条，请分批导入');
  });

  it('130,000 rows of `0` are the same 413, never 500', async () => {
    const r = await post({ scheme: PROVINCE_ID, results: Array(130_000).fill(0) });
    expect([r.status, r.body.error.code]).toEqual([413, 'import_too_large']);
  });

  it('at the cap the rows are checked as before (400 at their paths); a body that is not JSON stays 400', async () => {
    const r = await post({ scheme: PROVINCE_ID, results: [0, 0] });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['results[0]', 'results[1]']);
    const bad = await call(f.app, 'POST', '/api/subjects/import', { token: f.tokens.A.author, body: '{"results": [', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });
});

describe('a unit officer imports only people of their units (F2)', () => {
  it('a person on another unit\'s roster, or with a result in another unit: 403 unit_not_allowed, zh and en, nothing stored', async () => {
    const round = await insertRound(f, i, { period: '2026' });
    await insertMember(f, round, { id: 'P-other', unit: '政务大厅', position: 0 });
    await insertMember(f, round, { id: 'P-mine', unit: '办公室', position: 1 });
    const unitRound = await insertRound(f, i, { period: '2026', unit: '政务大厅' });
    await insertMember(f, unitRound, { id: 'P-round-unit', position: 0 });
    await insertResult(f, i, { subject: 'P-result', period: '2024', unit: '政务大厅', grade: '称职', final: true });
    await insertResult(f, i, { subject: 'P-nounit', period: '2024', grade: '称职', final: true });
    const officer = await unitOfficer(f, i, ['办公室', '人事处'], ['author']);
    const row = (subject: string) => ({ subject, period: '2025', grade: '优秀', score: 99, unit: '办公室' });

    const r = await post({ scheme: PROVINCE_ID, results: [row('P-mine'), row('P-other'), row('P-round-unit'), row('P-result'), row('P-nounit'), row('P-new')] }, officer);
    expect([r.status, r.body.error.code]).toEqual([403, 'unit_not_allowed']);
    expect(r.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual([
      ['results[1]', 'unit_not_allowed'], ['results[2]', 'unit_not_allowed'], ['results[3]', 'unit_not_allowed'], ['results[4]', 'unit_not_allowed'],
    ]);
    expect(r.body.error.message).toContain('`P-other` is a person of a unit your account does not cover');
    expect(r.body.error.details[3].message).toContain('without a unit');
    expect(r.body.error.message).not.toContain('政务大厅');
    for (const s of ['P-mine', 'P-other', 'P-new']) expect(await imported(s)).toBe(0);

    const zh = await post({ scheme: PROVINCE_ID, results: [row('P-other')] }, officer, 'zh');
    expect(zh.body.error.message).toBe('“P-other”是您的账号无权处理的单位的人员（见本组织考核批次名单或已有结果），只有负责该单位的账号才能为其导入结果');

    const mine = await post({ scheme: PROVINCE_ID, results: [row('P-mine'), row('P-new')] }, officer);
    expect(mine.status, mine.text).toBe(200);
    const all = await post({ scheme: PROVINCE_ID, results: [{ ...row('P-other'), unit: '政务大厅' }] });
    expect(all.status, all.text).toBe(200);
  });

  it('people of another organization do not count', async () => {
    const round = await insertRound(f, i, { org: i.orgB, period: '2026' });
    await insertMember(f, round, { id: 'P-elsewhere', unit: '政务大厅', position: 0 });
    const officer = await unitOfficer(f, i, ['办公室', '档案室'], ['author']);
    const r = await post({ scheme: PROVINCE_ID, results: [{ subject: 'P-elsewhere', period: '2025', grade: '称职', unit: '办公室' }] }, officer);
    expect(r.status, r.text).toBe(200);
  });
});
