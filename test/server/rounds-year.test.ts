// A year through the API against a real store (issue 14, "Prove it"): the reference schemes
// schemes/quarterly-review.kaohe (平时考核) and schemes/annual-review.kaohe (机关年度考核) published; four
// quarterly rounds of 30 people in 3 units (综合科 Z01–Z10, 办公室 B01–B10, 财务科 C01–C10), each
// with inputs in two parts, evaluated, in 公示, final; one appeal during Q4's 公示 that moves someone
// else across the 好 quota line; results from before kaohe imported (2024, 2025); the annual round
// rolling the four quarters up (and a copy of the annual scheme asking for exact values); the person
// history route; Z06 is absent (不参加) in Q2, and two more annual schemes (test/fixtures/rounds/) show
// `missing zero` and `missing error` on the same stored quarters. Everything asserted is computed by
// hand below.
//
// Quarterly (score = 3/4 × 实绩得分 + sum(测评票)/12, 好 ≤ 40% of a 单位 → 4 of 10 places):
// - person k (0…9) of a unit: 实绩得分 = 测评票 = 96 − 2k → score 96 − 2k: 96, 94, 92, 90 好 (4 places,
//   exactly four reach 90), 88 … 80 较好, 78 一般 (Z10);
// - B10: 50, [50, 50, 50] → 50 较差, 约谈提醒;
// - C10 王五: Q1 87 [90, 91, 91] → 1055/12 → 87.92; Q2 89 [84, 85, 85] → 1055/12 → 87.92;
//   Q3 and Q4 86 [91, 92, 92] → 1049/12 → 87.42 (all 较好).
// - The appeal in Q4: Z05's 实绩得分 was 88, corrected to 100: 75 + 88/4 = 97 → Z05 is 1st in 综合科
//   and takes a 好 place; Z04 (90) is now 5th of five reaching 90 → 较好 (`quota`). Ranks: Z05 13 → 1;
//   those above 88 move down one (Z01–Z04, B01–B04, C01–C04), and B05, C05 (88) 13 → 14; C10 (87.42)
//   stays 16th (15 above it before and after), and everyone below. 15 people change.
// - Q2: Z06 is absent (不参加): 综合科 has nine → 40% × 9 = 18/5 → 3 places, Z04 (90) is 较好.
// Annual (score = 19/20 × avg(quarters' reported 得分) + 1/20 × 年度测评分; 优秀 ≥ 90 with ≥ 2 好
// quarters, ≤ 20% of a 单位 → 2 of 10 places):
// - person k: 年度测评分 96 − 2k; Z01 96, Z02 94 优秀; Z03 92 and Z04 90 (好, 较好, 好, 较好: two 好) reach it
//   and are demoted to 称职; Z05: quarters 88, 88, 88, 97 → 361/4 = 90.25 → 19/20 × 90.25 =
//   85.7375, + 88/20 = 4.4 → 90.1375 → 90.14, one 好 quarter → 称职.
// - Z01: imported 2024 优秀, 2025 优秀 → 记三等功. Z02: 2024 优秀, 2025 imported without a grade
//   (不定等次) → `缺失 中断` ends the run → none. B10: 50 → 不称职, imported 2025 不称职 → 辞退.
// - C10 王五, 年度测评分 92: reported (87.92 + 87.92 + 87.42 + 87.42)/4 = 87.67 → 19/20 × 87.67 +
//   92/20 = 87.8865 (175773/2000) → 87.89; the exact copy: 19/20 × 263/3 + 92/20 = 5273/60 → 87.88.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, example, removeTempDirs, setup, type Fixture, type Res } from './helpers.js';
import { endPublicity, publish, today as chinaToday } from './rounds-helpers.js';

const UNITS = [['Z', '综合科'], ['B', '办公室'], ['C', '财务科']] as const;
const PEOPLE = UNITS.flatMap(([p, unit]) => Array.from({ length: 10 }, (_, k) => ({ id: `${p}${String(k + 1).padStart(2, '0')}`, unit, k })));
const WANG_WU: Record<string, [number, number[]]> = {
  '2026-Q1': [87, [90, 91, 91]], '2026-Q2': [89, [84, 85, 85]], '2026-Q3': [86, [91, 92, 92]], '2026-Q4': [86, [91, 92, 92]],
};
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const FIXTURES = join(import.meta.dirname, '../fixtures/rounds');
const today = chinaToday;

function quarterInput(id: string, k: number, period: string): { 实绩得分: number; 测评票: number[] } {
  if (id === 'C10') return { 实绩得分: WANG_WU[period][0], 测评票: WANG_WU[period][1] };
  const v = id === 'B10' ? 50 : 96 - 2 * k;
  return { 实绩得分: v, 测评票: [v, v, v] };
}
const annualInput = (id: string, k: number) => ({ 年度测评分: id === 'B10' ? 50 : id === 'C10' ? 92 : 96 - 2 * k });

let f: Fixture;
const author = () => f.tokens.A.author;
const ok = (r: Res, status = 200) => { expect(r.status, r.text).toBe(status); return r.body; };
const byId = (result: { results: any[] }) => new Map(result.results.map((r: any) => [r.subject, r]));

/** Each named person's score and grade in a result (byId). */
function expectGrades(r: Map<string, any>, want: Record<string, [number, string]>): void {
  for (const [id, [score, grade]] of Object.entries(want)) expect(r.get(id), id).toMatchObject({ score, grade });
}

async function createRound(scheme: string, period: string): Promise<string> {
  const r = ok(await call(f.app, 'POST', '/api/rounds', { token: author(), body: { scheme, period, name: `${scheme} ${period}` } }), 201);
  expect(r.status).toBe('open');
  ok(await call(f.app, 'PUT', `/api/rounds/${r.id}/roster`, {
    token: author(), body: { members: PEOPLE.map((p) => ({ id: p.id, unit: p.unit, status: 'take' })) },
  }));
  return r.id;
}

async function submit(round: string, part: string, input: (p: (typeof PEOPLE)[number]) => Record<string, unknown>, key?: string): Promise<Res> {
  return call(f.app, 'POST', `/api/rounds/${round}/inputs`, {
    token: f.tokens.A.evaluator, body: { part, subjects: PEOPLE.map((p) => ({ id: p.id, input: input(p) })) },
    ...(key && { headers: { 'idempotency-key': key } }),
  });
}

async function evaluate(round: string): Promise<any> {
  return ok(await call(f.app, 'POST', `/api/rounds/${round}/evaluate`, { token: author() }));
}

async function publicize(round: string): Promise<void> {
  expect(ok(await call(f.app, 'POST', `/api/rounds/${round}/publicize`, { token: author(), body: { until: today() } })).status).toBe('publicity');
}
async function finalize(round: string): Promise<void> {
  await endPublicity(f, round);
  expect(ok(await call(f.app, 'POST', `/api/rounds/${round}/finalize`, { token: author() })).status).toBe('final');
}

const quarterRounds: Record<string, string> = {};

beforeAll(async () => {
  f = await setup();
  await publish(f, example('quarterly-review.kaohe'));
  await publish(f, example('annual-review.kaohe'));
  // The same annual scheme asking for the quarters' exact values.
  const exactCopy = example('annual-review.kaohe')
    .replace('方案 机关年度考核 "机关工作人员年度考核"', '方案 年度考核精确 "机关工作人员年度考核（精确值汇总）"')
    .replace('引用结果 平时考核 季度 等次 平时等次 缺失 跳过', '引用结果 平时考核 季度 等次 平时等次 缺失 跳过 精确值');
  expect(exactCopy).toContain('缺失 跳过 精确值');
  await publish(f, exactCopy);
}, 60_000);
afterAll(async () => { await f?.close(); removeTempDirs(); });

describe('a year of 平时考核 and 年度考核 through the API (real store)', () => {
  it('Q1: two input parts, the missing list in between, an idempotent retry, evaluated, 公示, final', async () => {
    const id = await createRound('平时考核', '2026-Q1');
    quarterRounds['2026-Q1'] = id;
    const first = await submit(id, 'supervisors', (p) => ({ 实绩得分: quarterInput(p.id, p.k, '2026-Q1').实绩得分 }), 'q1-supervisors');
    expect(ok(first, 201)).toMatchObject({ subjects: 30, fields: 30 });
    const again = await submit(id, 'supervisors', (p) => ({ 实绩得分: quarterInput(p.id, p.k, '2026-Q1').实绩得分 }), 'q1-supervisors');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Nobody has sent 测评票; 迟到早退次数 and 通报批评 have defaults but were not sent either.
    const round = ok(await call(f.app, 'GET', `/api/rounds/${id}`, { token: author() }));
    expect(round.missing).toHaveLength(30);
    expect(round.missing.find((m: any) => m.subject === 'Z01')).toEqual({
      subject: 'Z01', unit: '综合科',
      fields: [{ field: '测评票', hasDefault: false }], defaulted: ['迟到早退次数', '通报批评'], rollups: [],
    });
    ok(await submit(id, 'colleagues', (p) => ({ 测评票: quarterInput(p.id, p.k, '2026-Q1').测评票 })), 201);
    const ev = await evaluate(id);
    expect(ev.revision).toBe(1);
    expect(ev.round.status).toBe('evaluated');
    const r = byId(ev.result);
    expectGrades(r, { Z01: [96, '好'], Z04: [90, '好'], Z05: [88, '较好'], Z10: [78, '一般'], B10: [50, '较差'], C10: [87.92, '较好'] });
    expect(r.get('B10').actions).toEqual(['约谈提醒']);
    expect(ev.result.results.filter((x: any) => x.grade === '好')).toHaveLength(12);
    await publicize(id);
    await finalize(id);
    // A final round takes no inputs.
    const late = await submit(id, 'late', () => ({ 实绩得分: 100 }));
    expect([late.status, late.body.error.code]).toEqual([409, 'round_final']);
  });

  it('Q2 (Z06 absent: 不参加), Q3: evaluated, 公示, final', async () => {
    for (const period of ['2026-Q2', '2026-Q3']) {
      const id = await createRound('平时考核', period);
      quarterRounds[period] = id;
      if (period === '2026-Q2') {
        ok(await call(f.app, 'PUT', `/api/rounds/${id}/roster`, {
          token: author(), body: { members: PEOPLE.map((p) => ({ id: p.id, unit: p.unit, status: p.id === 'Z06' ? '不参加' : 'take' })) },
        }));
      }
      ok(await submit(id, 'all', (p) => quarterInput(p.id, p.k, period)), 201);
      const r = byId((await evaluate(id)).result);
      expect(r.get('C10').score).toBe(period === '2026-Q2' ? 87.92 : 87.42);
      // Q2: 综合科 has nine taking part → 40% × 9 = 18/5 → 3 places: Z04 (90, 4th) is 较好.
      expect(r.get('Z04')).toMatchObject({ grade: period === '2026-Q2' ? '较好' : '好' });
      expect(r.has('Z06')).toBe(period !== '2026-Q2');
      await publicize(id);
      await finalize(id);
    }
  });

  it('results from before kaohe are imported for the history rules', async () => {
    const body = {
      scheme: '机关年度考核',
      results: [
        { subject: 'Z01', period: '2024', grade: '优秀', score: 95 },
        { subject: 'Z01', period: '2025', grade: '优秀', score: 96 },
        { subject: 'Z02', period: '2024', grade: '优秀', score: 94 },
        { subject: 'Z02', period: '2025', score: 91 },
        { subject: 'B10', period: '2025', grade: '不称职', score: 55 },
      ],
    };
    ok(await call(f.app, 'POST', '/api/subjects/import', { token: author(), body }));
  });

  let annual = '';
  it('Q4: an appeal during 公示 moves Z04 out of the 好 share; the annual round says Q4 is not final yet', async () => {
    const id = await createRound('平时考核', '2026-Q4');
    quarterRounds['2026-Q4'] = id;
    ok(await submit(id, 'all', (p) => quarterInput(p.id, p.k, '2026-Q4')), 201);
    const before = byId((await evaluate(id)).result);
    expect(before.get('Z04')).toMatchObject({ score: 90, grade: '好' });
    expect(before.get('Z05').rank.overall).toBe(13);
    await publicize(id);

    annual = await createRound('机关年度考核', '2026');
    const pending = ok(await call(f.app, 'GET', `/api/rounds/${annual}`, { token: author() })).pendingSources;
    expect(pending).toEqual([{ input: '季度结果', scheme: '平时考核', period: '2026-Q4', status: 'not_final', round: id, roundStatus: 'publicity' }]);

    const amended = ok(await call(f.app, 'POST', `/api/rounds/${id}/amendments`, {
      token: author(), body: { subject: 'Z05', input: { 实绩得分: 100 }, reason: '复核：主管领导评价分录入有误（应为 100 分）' },
    }), 201);
    expect(amended.revision).toBe(2);
    expect(amended.round.status).toBe('publicity');
    const changes = new Map<string, any>(amended.changes.map((c: any) => [c.subject, c]));
    expect(changes.get('Z05')).toMatchObject({ why: ['amended'], before: { score: 88, grade: '较好' }, after: { score: 97, grade: '好', rank: { overall: 1, cohort: 1 } } });
    expect(changes.get('Z04')).toMatchObject({ why: ['quota'], before: { score: 90, grade: '好' }, after: { score: 90, grade: '较好' } });
    const rankOnly = ['Z01', 'Z02', 'Z03', 'B01', 'B02', 'B03', 'B04', 'C01', 'C02', 'C03', 'C04', 'B05', 'C05'];
    expect([...changes.keys()].sort()).toEqual(['Z04', 'Z05', ...rankOnly].sort());
    for (const s of rankOnly) expect(changes.get(s).why, s).toEqual(['rank']);
    expect(changes.get('B05')).toMatchObject({ before: { rank: { overall: 13 } }, after: { rank: { overall: 14 } } });
    await finalize(id);
    expect(ok(await call(f.app, 'GET', `/api/rounds/${annual}`, { token: author() })).pendingSources).toEqual([]);
  });

  it('the annual round rolls up the four final quarters (reported values) and reads the past years', async () => {
    ok(await submit(annual, 'year-end', (p) => annualInput(p.id, p.k)), 201);
    const ev = await evaluate(annual);
    const r = byId(ev.result);
    expectGrades(r, {
      Z01: [96, '优秀'], Z02: [94, '优秀'], Z03: [92, '称职'], Z04: [90, '称职'], Z05: [90.14, '称职'], C10: [87.89, '称职'], B10: [50, '不称职'],
      // Z06 has no 2026-Q2 (absent): `缺失 跳过` averages Q1, Q3, Q4: 86, with 年度测评分 86 → 86.
      Z06: [86, '称职'],
    });
    const actions = (id: string): string[] => r.get(id).actions;
    expect(actions('Z01')).toContain('记三等功');
    expect(actions('Z02')).not.toContain('记三等功');
    expect(actions('B10')).toContain('辞退');
    expect(ev.result.results.filter((x: any) => x.grade === '优秀').map((x: any) => x.subject).sort()).toEqual(['B01', 'B02', 'C01', 'C02', 'Z01', 'Z02']);
    // The revision names the four quarterly rounds it read (Q4 at its amended revision 2).
    const rev = ok(await call(f.app, 'GET', `/api/rounds/${annual}/revisions/1`, { token: author() }));
    expect(rev.sources).toHaveLength(4);
    expect(rev.sources).toEqual(expect.arrayContaining(QUARTERS.map((q) => ({ roundId: quarterRounds[q], revision: q === '2026-Q4' ? 2 : 1 }))));
  });

  it('the same year rolled up at the quarters\' exact values: 王五 87.88 instead of 87.89', async () => {
    const id = await createRound('年度考核精确', '2026');
    ok(await submit(id, 'year-end', (p) => annualInput(p.id, p.k)), 201);
    const r = byId((await evaluate(id)).result);
    expect(r.get('C10')).toMatchObject({ score: 87.88, grade: '称职' });
    expect(r.get('Z05').score).toBe(90.14);
  });

  it('the missing quarter under `missing zero` and `missing error` (test/fixtures/rounds/)', async () => {
    await publish(f, readFileSync(join(FIXTURES, 'quarters-zero.kaohe'), 'utf8'));
    await publish(f, readFileSync(join(FIXTURES, 'quarters-error.kaohe'), 'utf8'));
    // zero: Z06 (86 + 0 + 86 + 86)/4 = 258/4 = 64.5 → 基本称职; Z01 96 → 优秀 (no quota in this scheme).
    const zero = byId((await evaluate(await createRound('年度考核计零', '2026'))).result);
    expectGrades(zero, { Z06: [64.5, '基本称职'], Z01: [96, '优秀'] });
    // error: the round is not evaluated; the answer names Z06's missing 2026-Q2; nothing is stored.
    const id = await createRound('年度考核报错', '2026');
    const refused = await call(f.app, 'POST', `/api/rounds/${id}/evaluate`, { token: author() });
    expect(refused.status, refused.text).toBe(422);
    const e054 = refused.body.error.details.filter((d: any) => d.code === 'KH-E054');
    expect(e054).toHaveLength(1);
    expect(JSON.stringify(e054[0])).toContain('Z06');
    expect(e054[0].message).toContain('2026-Q2');
    const after = ok(await call(f.app, 'GET', `/api/rounds/${id}`, { token: author() }));
    expect([after.status, after.revision, after.revisions]).toEqual(['open', 0, []]);
  });

  it('a person\'s history: imported years, four final quarters, this year\'s annual result in progress', async () => {
    const z01 = ok(await call(f.app, 'GET', '/api/subjects/Z01/results', { token: author() }));
    const rows = z01.results.map((x: any) => [x.scheme, x.period, x.score, x.grade, x.status]);
    expect(rows.filter((x: any[]) => x[0] === '机关年度考核')).toEqual([
      ['机关年度考核', '2024', 95, '优秀', 'imported'],
      ['机关年度考核', '2025', 96, '优秀', 'imported'],
      ['机关年度考核', '2026', 96, '优秀', 'evaluated'],
    ]);
    expect(rows.filter((x: any[]) => x[0] === '平时考核')).toEqual(QUARTERS.map((q) => ['平时考核', q, 96, '好', 'final']));
    const c10 = ok(await call(f.app, 'GET', '/api/subjects/C10/results?scheme=' + encodeURIComponent('平时考核'), { token: author() }));
    expect(c10.results.map((x: any) => [x.period, x.score, x.exact])).toEqual([
      ['2026-Q1', 87.92, '1055/12'], ['2026-Q2', 87.92, '1055/12'], ['2026-Q3', 87.42, '1049/12'], ['2026-Q4', 87.42, '1049/12'],
    ]);
    const z05 = ok(await call(f.app, 'GET', '/api/subjects/Z05/results?scheme=' + encodeURIComponent('平时考核'), { token: author() }));
    expect(z05.results.map((x: any) => [x.period, x.score, x.grade, x.round.revision])).toEqual([
      ['2026-Q1', 88, '较好', 1], ['2026-Q2', 88, '较好', 1], ['2026-Q3', 88, '较好', 1], ['2026-Q4', 97, '好', 2],
    ]);
    // Another organization sees nothing of it.
    expect(ok(await call(f.app, 'GET', '/api/subjects/Z01/results', { token: f.tokens.B.author })).results).toEqual([]);
  });
});
