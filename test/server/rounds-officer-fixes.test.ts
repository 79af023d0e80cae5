// Fixes after a 组织部 officer tried the rounds (issue 14), each against a real store through the
// HTTP API — every test fails without its fix:
// 1. the `cohort by` field (单位) comes from the roster only: refused in parts (officer and admin
//    alike) and amendments (422 filled_by_server), a part stored earlier never overrides the roster;
// 2. the missing report lists, per person, the roll-up periods without a final result, with the
//    policy (`missing error` ones blocking); evaluate's 422 names the person by id and says what to do;
// 3. finalize only after the 公示 `until` day (China time); an invalid `until` says what is wrong;
// 4. an imported score with more decimals than the scheme's precision is refused;
// 5. messages: 2026-Q5 gets the precise reason; finalize from evaluated asks for 公示; rounds by name;
// 6. defaulted-but-unsubmitted inputs are listed apart (`defaulted`) from required missing ones;
// 7. a person's results: by period start, the longer period first (2026 before 2026-Q1, not between).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { codes, endPublicity, QUARTERLY, today, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

// rounds-annual.kaohe with `missing error` on the quarters (and `past 2 years missing breaks` kept).
const ANNUAL_ERROR = () => readFileSync(join(import.meta.dirname, 'rounds-annual.kaohe'), 'utf8')
  .replace('方案 年度考核 "年度考核（测试）"', '方案 年度汇总 "年度汇总（测试）"')
  .replace('平时等次 缺失 跳过', '平时等次 缺失 报错');

let f: Fixture;
let rc: RoundsClient;
let officer: string;

withRoundsApp(() => [QUARTERLY(), ANNUAL_ERROR()], async (fx, c) => {
  f = fx;
  rc = c;
  await call(f.app, 'POST', '/api/accounts', { token: f.tokens.A.admin, body: { name: '办公室干部', roles: ['evaluator'], units: ['办公室'] } });
  officer = (await call(f.app, 'POST', '/api/tokens', { token: f.tokens.A.admin, body: { account: '办公室干部' } })).body.token as string;
});

let year = 2030; // one round per scheme and period: each test its own
const quarterRound = (name?: string, members: { id: string; unit?: string; status: string }[] = [{ id: '王五', unit: '办公室', status: 'take' }, { id: '孙八', unit: '财务科', status: 'take' }]) =>
  rc.rostered('平时考核', `${year++}-Q1`, members, name ? { name } : {});
const fullInputs = { subjects: [{ id: '王五', input: { 实绩得分: 87, 测评票: [90] } }, { id: '孙八', input: { 实绩得分: 80, 测评票: [80] } }] };
/** A quarterly round of 王五 (办公室) and 孙八 (财务科) with fullInputs, evaluated. */
const evaluatedQuarter = (name?: string) =>
  rc.evaluated('平时考核', `${year++}-Q1`, [{ id: '王五', unit: '办公室', input: fullInputs.subjects[0].input }, { id: '孙八', unit: '财务科', input: fullInputs.subjects[1].input }], name ? { name } : {});

describe('1. the unit comes from the roster', () => {
  it('a unit officer cannot move their person into another unit by submitting 单位 (422 filled_by_server), nor can an admin', async () => {
    const id = await quarterRound();
    const moved = await rc.inputs(id, { subjects: [{ id: '王五', input: { 单位: '财务科', 实绩得分: 87 } }] }, { token: officer });
    expect(moved.status).toBe(422);
    expect(codes(moved.body)).toEqual([['subjects[0].input.单位', 'filled_by_server']]);
    expect(moved.body.error.details[0].message).toMatch(/roster/);
    const admin = await rc.inputs(id, { subjects: [{ id: '王五', input: { 单位: '财务科' } }] }, { token: f.tokens.A.author });
    expect(codes(admin.body)).toEqual([['subjects[0].input.单位', 'filled_by_server']]);
    expect((await f.store.get('SELECT count(*) AS n FROM input_parts WHERE round_id = ?', [id]))).toEqual({ n: 0 });
  });

  it('a part stored before the refusal does not override the roster unit at evaluate; an amendment naming 单位 is refused', async () => {
    const id = await quarterRound();
    expect((await rc.inputs(id, fullInputs)).status).toBe(201);
    await f.store.run("INSERT INTO input_parts (round_id, subject_id, field, value, part, batch, token_id, account_id, at) SELECT round_id, subject_id, '单位', '\"财务科\"', part, batch, token_id, account_id, at FROM input_parts WHERE round_id = ? AND subject_id = '王五' LIMIT 1", [id]);
    const ev = await rc.evaluate(id);
    expect(ev.status, ev.text).toBe(200);
    expect(ev.body.result.results.find((x: { subject: string }) => x.subject === '王五').cohort).toBe('办公室');
    const am = await call(f.app, 'POST', `/api/rounds/${id}/amendments`, { token: f.tokens.A.author, body: { subject: '王五', input: { 单位: '财务科' }, reason: '调动' } });
    expect(am.status).toBe(422);
    expect(codes(am.body)).toEqual([['input.单位', 'filled_by_server']]);
  });
});

describe('2. roll-up periods without a final result', () => {
  let id: string;
  beforeAll(async () => {
    await rc.finalRound('平时考核', '2026-Q1', [{ id: 'A03', unit: '办公室', input: { 实绩得分: 87, 测评票: [90] } }]);
    // A01 absent comes first: the engine's index of A03 (0) is not its roster index (1).
    id = await rc.rostered('年度汇总', '2026', [{ id: 'A01', unit: '办公室', status: 'absent' }, { id: 'A03', unit: '办公室', status: 'take' }], { name: '2026年度考核' });
    await rc.inputs(id, { subjects: [{ id: 'A03', input: { 年度测评分: 90 } }] });
  }, 60_000);

  it('the missing report shows them per person with the policy, `missing error` ones blocking', async () => {
    const got = await rc.get(id);
    expect(got.body.missing).toEqual([{
      subject: 'A03', unit: '办公室', fields: [], defaulted: [],
      rollups: [
        { field: '季度结果', scheme: '平时考核', periods: ['2026-Q2', '2026-Q3', '2026-Q4'], missing: 'error', blocking: true },
        { field: '往年', scheme: '年度汇总', periods: ['2024', '2025'], missing: 'breaks', blocking: false },
      ],
    }]);
  });

  it('evaluate\'s 422 names the person by id (path and `subject`) and says what to do', async () => {
    const r = await call(f.app, 'POST', `/api/rounds/${id}/evaluate?lang=zh`, { token: f.tokens.A.author });
    expect(r.status).toBe(422);
    const d = r.body.error.details.find((x: { code: string }) => x.code === 'KH-E054');
    expect(d).toMatchObject({ path: 'subjects[A03].input.季度结果', subject: 'A03' });
    expect(d.message).toContain('A03');
    expect(d.message).toContain('2026-Q2');
    expect(d.message).toMatch(/定稿.*不参加/);
  });
});

describe('3. 公示 and finalize', () => {
  it('finalize on the `until` day itself is 409 publicity_running; from the day after it is allowed', async () => {
    const id = await evaluatedQuarter();
    expect((await rc.publicize(id, today())).status).toBe(200);
    const same = await rc.finalize(id);
    expect([same.status, same.body.error?.code]).toEqual([409, 'publicity_running']);
    expect(same.body.error.message).toContain(today());
    await endPublicity(f, id);
    expect((await rc.finalize(id)).status).toBe(200);
  });

  it('an invalid `until` says what is wrong (month 13), in the detail and the message', async () => {
    const id = await evaluatedQuarter();
    const r = await rc.publicize(id, '2026-13-01');
    expect(r.status).toBe(422);
    expect(codes(r.body)).toEqual([['until', 'invalid_date']]);
    expect(r.body.error.details[0].message).toContain('month 13');
    expect(r.body.error.message).toContain('month 13');
  });
});

describe('4. imported scores at the scheme\'s precision', () => {
  it('90.005 at precision 2 is 422 at results[i].score naming the precision; 90.01 is taken', async () => {
    const post = (score: number | string) => call(f.app, 'POST', '/api/subjects/import', { token: f.tokens.A.author, body: { scheme: '平时考核', results: [
      { subject: 'I01', period: '2025-Q1', score: 88 }, { subject: 'I01', period: '2025-Q2', score },
    ] } });
    const r = await post(90.005);
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['results[1].score']);
    expect(r.body.error.details[0].message).toMatch(/precision.*2 decimals/);
    expect((await post('90.005')).status).toBe(422);
    expect((await post(90.01)).status).toBe(200);
  });
});

describe('5. messages', () => {
  it('2026-Q5 gets the precise reason (quarters are Q1–Q4)', async () => {
    const r = await rc.create({ scheme: '平时考核', period: '2026-Q5' });
    expect(codes(r.body)).toEqual([['period', 'KH-E031']]);
    expect(r.body.error.details[0].message).toContain('quarters are Q1–Q4');
  });

  it('finalize from evaluated asks for 公示 first (round_not_in_publicity), naming the round by its name', async () => {
    const id = await evaluatedQuarter('2026年第一季度平时考核');
    const r = await rc.finalize(id);
    expect(r.body.error.code).toBe('round_not_in_publicity');
    expect(r.body.error.message).not.toMatch(/must be evaluated/);
    expect(r.body.error.message).toMatch(/public notice before/);
    expect(r.body.error.message).toContain('2026年第一季度平时考核');
    expect(r.body.error.message).not.toContain(id);
  });
});

describe('6. defaulted inputs apart from missing ones', () => {
  it('lists defaulted-but-unsubmitted inputs under `defaulted`, required ones under `fields`; 单位 only without a unit (V11: `fromRoster`)', async () => {
    const id = await quarterRound(undefined, [{ id: '王五', unit: '办公室', status: 'take' }, { id: '赵六', status: 'take' }]);
    await rc.inputs(id, { subjects: [{ id: '王五', input: { 实绩得分: 87 } }] });
    expect((await rc.get(id)).body.missing).toEqual([
      { subject: '王五', unit: '办公室', fields: [{ field: '测评票', hasDefault: false }], defaulted: ['迟到早退次数', '通报批评'], rollups: [] },
      {
        subject: '赵六', unit: null,
        fields: [{ field: '单位', hasDefault: false, fromRoster: true }, { field: '实绩得分', hasDefault: false }, { field: '测评票', hasDefault: false }],
        defaulted: ['迟到早退次数', '通报批评'], rollups: [],
      },
    ]);
  });
});

describe('7. a person\'s results in order', () => {
  it('by period start, the longer period first: 2026, 2026-Q1, 2026-Q2 (the year never between its quarters)', async () => {
    const imp = (scheme: string, results: unknown[]) => call(f.app, 'POST', '/api/subjects/import', { token: f.tokens.A.author, body: { scheme, results } });
    expect((await imp('平时考核', [{ subject: 'H01', period: '2026-Q2', grade: '好' }, { subject: 'H01', period: '2026-Q1', grade: '好' }, { subject: 'H01', period: '2025-Q4', grade: '好' }])).status).toBe(200);
    expect((await imp('年度汇总', [{ subject: 'H01', period: '2026', grade: '优秀' }])).status).toBe(200);
    const r = await call(f.app, 'GET', '/api/subjects/H01/results', { token: f.tokens.A.evaluator });
    expect(r.body.results.map((x: { period: string }) => x.period)).toEqual(['2025-Q4', '2026', '2026-Q1', '2026-Q2']);
  });
});
