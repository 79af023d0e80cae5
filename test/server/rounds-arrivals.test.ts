// Results that arrive after a round read them as missing (part-2 hostile audit, finding 1 B): a member
// round read "no result" for its 班子 under `缺失 计零` (the team round was not final yet, or nothing was
// imported) and scored the team part 0. When the team's result arrives — the team round is finalized,
// or a result is imported — the member round is out of date like a round whose source was amended, and
// the source refresh reads the result. Hand-computed: 总分 = 50% × 测评分 80 + 50% × 班子得分.
//   no team result: 50% × 80 + 50% × 0 = 40 (称职); team 92: 40 + 46 = 86 (称职); team 2025 imported 96: 88.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { endPublicity, TEAM_SCHEME, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const TEAM = TEAM_SCHEME('好 当 总分 >= 90\n    一般 其他');

const MEMBERS = `方案 班子成员考核 {
  周期 年度
  精度 2
  分组 班子
  输入 {
    班子: 文本
    班子结果: 引用结果 领导班子考核 对象 班子 缺失 计零
    测评分: 数值 属于 [0, 100]
  }
  指标 测评成绩 权重 50% = 测评分
  指标 班子成绩 权重 50% = 班子结果.得分
  等次 { 优秀 当 总分 >= 90  称职 其他 }
}`;

let f: Fixture;
let a: RoundsClient;

withRoundsApp(() => [TEAM, MEMBERS], (fx, c) => {
  f = fx;
  a = c;
});

const ok = (r: { status: number; text: string; body: any }, status: number) => { expect(r.status, r.text).toBe(status); return r.body; };
const refresh = (round: string) => call(f.app, 'POST', `/api/rounds/${round}/amendments`, { token: f.tokens.A.author, body: { refresh: true, reason: '班子结果已确定' } });
const scoreOf = (body: { results: { subject: string; score: number }[] }, id: string) => body.results.find((r) => r.subject === id)?.score;

async function memberRound(period: string): Promise<string> {
  const round = ok(await a.create({ scheme: '班子成员考核', period }), 201).id as string;
  ok(await a.roster(round, [{ id: '甲1', unit: '发改局班子', status: 'take' }]), 200);
  ok(await a.inputs(round, { subjects: [{ id: '甲1', input: { 测评分: 80 } }] }), 201);
  const ev = ok(await a.evaluate(round), 200);
  expect(scoreOf(ev.result, '甲1')).toBe(40); // the team part read as missing: 0
  return round;
}

describe('a result read as missing arrives later', () => {
  it('the team round finalized after the member round read "no result" flags it; the refresh reads 92', async () => {
    const team = await a.finalRound('领导班子考核', '2026', [{ id: '发改局班子', unit: '班子', input: { 实绩: 92 } }], false);
    const round = await memberRound('2026');
    expect((await ok(await a.get(round), 200)).outOfDate).toBe(false);
    ok(await a.publicize(team), 200);
    await endPublicity(f, team);
    ok(await a.finalize(team), 200);
    expect((await ok(await a.get(round), 200)).outOfDate).toBe(true);
    const r = ok(await refresh(round), 201);
    expect(r.changes.map((c: { subject: string; after: { score: number } }) => [c.subject, c.after.score])).toEqual([['甲1', 86]]);
    expect((await ok(await a.get(round), 200)).outOfDate).toBe(false);
  });

  it('an imported team result of a period the member round read as missing flags it (and the answer names it)', async () => {
    const round = await memberRound('2025');
    const imp = ok(await call(f.app, 'POST', '/api/subjects/import', {
      token: f.tokens.A.author, body: { scheme: '领导班子考核', results: [{ subject: '发改局班子', period: '2025', grade: '好', score: 96 }] },
    }), 200);
    expect(imp.outOfDate).toEqual([round]);
    expect((await ok(await a.get(round), 200)).outOfDate).toBe(true);
    const r = ok(await refresh(round), 201);
    expect(r.changes.map((c: { subject: string; after: { score: number } }) => [c.subject, c.after.score])).toEqual([['甲1', 88]]);
  });

  it('a result of another subject or period arriving flags nothing', async () => {
    const round = await memberRound('2024');
    const imp = ok(await call(f.app, 'POST', '/api/subjects/import', {
      token: f.tokens.A.author, body: { scheme: '领导班子考核', results: [{ subject: '财政局班子', period: '2024', grade: '好', score: 96 }, { subject: '发改局班子', period: '2023', grade: '好', score: 96 }] },
    }), 200);
    expect(imp.outOfDate).toBeUndefined();
    expect((await ok(await a.get(round), 200)).outOfDate).toBe(false);
  });
});
