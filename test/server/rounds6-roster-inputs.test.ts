// A round roster's columns that are scheme inputs are taken as inputs (user trial U6 H-1, issue 16
// session 6): her HR export, uploaded as the roster, had 受党纪处分 = 是 and 缺勤天数 = 3, kept as display
// only — evaluate ran on the defaults (否, 0) and the vetoed person came out 称职. The editor sends
// those columns as each member's `input`; the server checks them as an inputs part is checked (every
// problem at `members[i].input.FIELD`, nothing stored), stores them with the roster, and its answer
// says which columns were taken (zh and en). A later inputs part of the same field wins; uploading
// the same roster again (to change a status) does not undo it.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { codes, ok, roundCounts, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

/** 实绩 as the score, minus 0.5 per day absent; a 党纪处分 is a veto (the lowest grade, 不称职). */
const SCHEME = `scheme 纪律测试 {
  period quarterly
  precision 2
  input {
    实绩: number in [0, 100]
    受党纪处分: bool = false
    缺勤天数: number in [0, 366] = 0
  }
  indicator 实绩分 weight 100% = 实绩
  negative 情形 {
    item 党纪 when 受党纪处分 => veto
    item 缺勤 when 缺勤天数 > 0 => deduct 0.5 per 缺勤天数
  }
  grades {
    优秀 when score >= 90
    称职 when score >= 60
    不称职 otherwise
  }
}`;

let f: Fixture;
let rc: RoundsClient;

withRoundsApp(() => [SCHEME], (fx, c) => { f = fx; rc = c; });

/** Her roster: 龙浩玉 with a 党纪处分 and 3 days absent, 侯鹏刚 half a day absent (display as the file has them). */
const ROSTER = [
  { id: '龙浩玉', status: 'take', display: { 姓名: '龙浩玉', 受党纪处分: '是', 缺勤天数: 3 }, input: { 受党纪处分: true, 缺勤天数: 3 } },
  { id: '侯鹏刚', status: 'take', display: { 姓名: '侯鹏刚', 受党纪处分: '否', 缺勤天数: 0.5 }, input: { 受党纪处分: false, 缺勤天数: 0.5 } },
];

const putRoster = (id: string, members: unknown[], lang: 'zh' | 'en') =>
  call(f.app, 'PUT', `/api/rounds/${id}/roster`, { token: f.tokens.A.author, body: { members }, headers: { 'accept-language': lang } });

async function newRound(): Promise<string> {
  return (await ok(rc.create({ scheme: '纪律测试', period: '2026-Q1' }), 201)).id as string;
}

/** Evaluates the round; each person's [score, grade]. */
async function graded(id: string): Promise<Record<string, [unknown, unknown]>> {
  const body = await ok(rc.evaluate(id), 200);
  return Object.fromEntries(body.result.results.map((r: { subject: string; score: unknown; grade: unknown }) => [r.subject, [r.score, r.grade]]));
}

describe('roster columns that are scheme inputs (U6 H-1)', () => {
  it('are taken as inputs: the 党纪处分 is a veto, the absence a deduction; the answer names the columns in zh and en', async () => {
    const id = await newRound();
    const zh = await putRoster(id, ROSTER, 'zh');
    expect(zh.status, zh.text).toBe(200);
    expect(zh.body.rosterInputs).toEqual(['受党纪处分', '缺勤天数']);
    expect(zh.body.notice).toContain('名册中的列“受党纪处分”、“缺勤天数”是方案的输入项，已作为输入数据读取（2人）');
    // The ratings come separately, as hers did.
    await ok(rc.inputs(id, { part: '实绩', subjects: [{ id: '龙浩玉', input: { 实绩: 80 } }, { id: '侯鹏刚', input: { 实绩: 92.5 } }] }), 201);
    expect(await graded(id)).toEqual({ 龙浩玉: [78.5, '不称职'], 侯鹏刚: [92.25, '优秀'] });

    const en = await putRoster(await newRound(), ROSTER, 'en');
    expect(en.status, en.text).toBe(200);
    expect(en.body.notice).toContain('the roster columns `受党纪处分`, `缺勤天数` are inputs of the scheme: they were taken as inputs (for 2 people)');
  });

  it('a later inputs part wins; the same roster uploaded again keeps it, a changed roster value wins again', async () => {
    const id = await newRound();
    await ok(putRoster(id, ROSTER, 'en'), 200);
    await ok(rc.inputs(id, { subjects: [{ id: '龙浩玉', input: { 实绩: 80, 受党纪处分: false, 缺勤天数: 1 } }, { id: '侯鹏刚', input: { 实绩: 92.5 } }] }), 201);
    expect((await graded(id)).龙浩玉).toEqual([79.5, '称职']);
    // Again, to mark 侯鹏刚 不定等次: the roster's unchanged values do not undo the part sent since.
    const again = await putRoster(id, [ROSTER[0], { ...ROSTER[1], status: 'ungraded' }], 'en');
    expect(again.status, again.text).toBe(200);
    expect(again.body.notice).toContain('their values are as the previous roster gave them, so the inputs submitted since stay');
    expect((await graded(id)).龙浩玉).toEqual([79.5, '称职']);
    // HR corrected the days: the roster's new value is the latest.
    await ok(putRoster(id, [{ ...ROSTER[0], input: { 受党纪处分: false, 缺勤天数: 2 } }, ROSTER[1]], 'en'), 200);
    expect((await graded(id)).龙浩玉).toEqual([79, '称职']);
  });

  it('a wrong value refuses the whole roster with every problem at its row and column; nothing is stored', async () => {
    const id = await newRound();
    await ok(putRoster(id, [ROSTER[1]], 'en'), 200);
    const before = (await roundCounts(f, id)).parts;
    const r = await putRoster(id, [
      { ...ROSTER[0], display: { 受党纪处分: '也许' }, input: { 受党纪处分: '也许', 缺勤天数: 3 } },
      { ...ROSTER[1], input: { 缺勤天数: 400, 单位: '办公室', 职务: '科员' } },
    ], 'zh');
    expect(r.status, r.text).toBe(422);
    expect(codes(r.body)).toEqual([
      ['members[0].input.受党纪处分', 'KH-E003'],
      ['members[1].input.单位', 'unknown_field'],
      ['members[1].input.职务', 'unknown_field'],
      ['members[1].input.缺勤天数', 'KH-E006'],
    ]);
    expect(r.body.error.message).toBe('名册有错误，未保存任何内容');
    expect(r.body.error.details[0].message).toContain('受党纪处分');
    const shown = await ok(rc.get(id), 200);
    expect(shown.members.map((m: { id: string }) => m.id)).toEqual(['侯鹏刚']);
    expect((await roundCounts(f, id)).parts).toBe(before);
  });

  it('a roster without inputs answers no notice and stores no part', async () => {
    const id = await newRound();
    const r = await putRoster(id, [{ id: '王五', status: 'take', display: { 姓名: '王五' } }], 'zh');
    expect(r.status, r.text).toBe(200);
    expect(r.body.notice).toBeUndefined();
    expect((await roundCounts(f, id)).parts).toBe(0);
  });
});
