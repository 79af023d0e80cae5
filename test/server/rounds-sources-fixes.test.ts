// Officer audit (issue 14 part 2), findings 1 and 9, against a real store:
// (1) a re-import (POST /api/subjects/import) replacing an imported row a round read — a related
//     field's team grade, or a roll-up's quarter — flags that round out of date as an amended source
//     round does, and the source refresh reads the new row, its reason naming what changed;
//     an amendment keeps the previous revision's filled values for everyone, the amended person too
//     (it used to re-read theirs: KH-E043, the 丙局 members' 班子档次 differed); messages name the round
//     by its name and say 重新评定.
// (9) the `amended` reason names the corrected field, old → new, without “本人”; an amendment in 公示
//     says 公示 should be restarted (`republish`, `notice`), the end date left as it is.
//
// Five members per 班子 scoring 99, 97, 95, 80, 70 (`分组 班子`); the 优秀 share by the team's grade:
// 好 40% × 5 = 2 places, 一般 20% × 5 = 1 place. 丙局 imported 一般 (75): only 丙1 (99) 优秀, 丙2 (97)
// and 丙3 (95) 称职 beyond the quota. Re-imported 好 (93) and refreshed: 2 places, 丙2 → 优秀.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { annualScheme, inDays, ok, publish, quarterScheme, rosterOf, TEAM_SCHEME, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const TEAM = TEAM_SCHEME();

const MEMBERS = `方案 班子成员考核 {
  周期 年度
  精度 2
  分组 班子
  枚举 班子等次 有序 { 较差, 一般, 较好, 好 }
  输入 {
    班子: 文本
    班子结果: 引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 报错
    测评分: 数值 属于 [0, 100]
  }
  定义 班子档次 = 班子结果.考核等次
  指标 测评成绩 权重 100% = 测评分
  等次 {
    优秀 当 总分 >= 90 比例 班子档次 { 好: 40%, 较好: 30%, 一般: 20%, 较差: 20% }
    称职 其他
  }
}`;

const NAME = '2025年度班子成员考核';
const UNTIL = inDays(60);
const SCORES = [99, 97, 95, 80, 70];
const PEOPLE = ['甲局', '乙局', '丙局'].flatMap((team) => SCORES.map((s, i) => ({ id: `${team[0]}${i + 1}`, unit: team, input: { 测评分: s } })));

let f: Fixture;
let a: RoundsClient;
let round: string;

const importTeams = (rows: { subject: string; grade: string; score: number }[], period = '2025', scheme = '领导班子考核') =>
  call(f.app, 'POST', '/api/subjects/import', { token: f.tokens.A.author, body: { scheme, results: rows.map((r) => ({ ...r, period })) } });
const amend = (id: string, body: unknown, lang = 'zh') => call(f.app, 'POST', `/api/rounds/${id}/amendments?lang=${lang}`, { token: f.tokens.A.author, body });
const stored = async (id: string, n: number, subject: string) =>
  (JSON.parse(((await f.store.get('SELECT inputs FROM revisions WHERE round_id = ? AND n = ?', [id, n])) as { inputs: string }).inputs)
    .subjects as { id: string; input: Record<string, unknown> }[]).find((s) => s.id === subject)!.input;
const sourcesOf = async (id: string, n: number) => JSON.parse(((await f.store.get('SELECT sources FROM revisions WHERE round_id = ? AND n = ?', [id, n])) as { sources: string }).sources);
type Change = { subject: string; before: { grade: string }; after: { grade: string }; why: string[]; reason: string };

withRoundsApp(() => [TEAM, MEMBERS], async (fx, c) => {
  f = fx;
  a = c;
  await ok(importTeams([{ subject: '甲局', grade: '好', score: 92 }, { subject: '乙局', grade: '好', score: 91 }, { subject: '丙局', grade: '一般', score: 75 }]), 200);
  round = (await ok(a.create({ scheme: '班子成员考核', period: '2025', name: NAME }), 201)).id;
  await ok(a.roster(round, rosterOf(PEOPLE)), 200);
  await ok(a.inputs(round, { subjects: PEOPLE.map((p) => ({ id: p.id, input: p.input })) }), 201);
  const ev = await ok(a.evaluate(round), 200);
  const g = Object.fromEntries((ev.result.results as { subject: string; grade: string }[]).map((r) => [r.subject, r.grade]));
  expect([g['甲1'], g['甲2'], g['甲3'], g['丙1'], g['丙2'], g['丙3']]).toEqual(['优秀', '优秀', '称职', '优秀', '称职', '称职']);
  await ok(a.publicize(round, UNTIL), 200);
});

describe('a re-imported team grade that a member round read', () => {
  it('the refresh refusal names the round by its name, and evaluating in 公示 says 重新评定', async () => {
    const r = await amend(round, { refresh: true, reason: '核对' });
    expect([r.status, r.body.error.code]).toEqual([422, 'nothing_amended']);
    expect(r.body.error.message).toBe(`考核批次“${NAME}”引用的结果（考核批次或导入的结果）在引用后未被更正，无须刷新引用结果`);
    const ev = await call(f.app, 'POST', `/api/rounds/${round}/evaluate?lang=zh`, { token: f.tokens.A.author });
    expect(ev.status).toBe(409);
    expect(ev.body.error.message).toBe(`考核批次“${NAME}”正在公示，重新评定会改变公示内容，请改为提交更正`);
  });

  it('records the imported rows it read in revisions.sources (GET revision lists only rounds)', async () => {
    const ids = ((await f.store.all("SELECT id FROM subject_results WHERE imported = 1 AND period = '2025' ORDER BY id")) as { id: number }[]).map((x) => x.id);
    expect(await sourcesOf(round, 1)).toEqual([{ imported: ids }]);
    expect((await ok(call(f.app, 'GET', `/api/rounds/${round}/revisions/1`, { token: f.tokens.A.author }), 200)).sources).toEqual([]);
  });

  it('a re-import with the same grade and score flags nothing; one that changes 丙局 一般 → 好 flags the round', async () => {
    const same = await ok(importTeams([{ subject: '甲局', grade: '好', score: 92 }]), 200);
    expect([same.replaced, same.outOfDate]).toEqual([1, undefined]);
    expect((await ok(a.get(round), 200)).outOfDate).toBe(false);
    const changed = await ok(importTeams([{ subject: '丙局', grade: '好', score: 93 }]), 200);
    expect([changed.replaced, changed.outOfDate]).toEqual([1, [round]]);
    expect((await ok(a.get(round), 200)).outOfDate).toBe(true);
  });

  it('an amendment of a 丙局 member keeps everyone\'s filled record (no KH-E043), names the field old → new, and asks to restart 公示', async () => {
    const r = await amend(round, { subject: '丙3', input: { 测评分: 96 }, reason: '复核：测评分更正' });
    expect(r.status, r.text).toBe(201);
    // The amended person keeps the record the revision read (一般), like the other 丙局 members.
    expect((await stored(round, 2, '丙3')).班子结果).toMatchObject({ grade: '一般', score: '75' });
    const c = (r.body.changes as Change[]).find((x) => x.subject === '丙3')!;
    expect([c.why, c.reason]).toEqual([['amended'], '输入已更正：“测评分” 95 → 96']);
    expect(r.body.republish).toBe(true);
    expect(r.body.notice).toBe(`考核批次“${NAME}”正在公示，本次更正改变了公示内容，请重新公示（重新发起公示并设定新的截止日期）；原公示截止日期${UNTIL}未自动更改`);
    const detail = await ok(a.get(round), 200);
    expect([detail.status, detail.publicityUntil, detail.outOfDate]).toEqual(['publicity', UNTIL, true]);
    const en = await amend(round, { subject: '甲4', input: { 测评分: 81 }, reason: 'score corrected' }, 'en');
    expect((en.body.changes as Change[]).find((x) => x.subject === '甲4')!.reason).toBe('input amended: `测评分` 80 → 81');
  });

  it('the source refresh reads the new grade: 丙局 has 2 places, 丙2 称职 → 优秀, the reason names 丙局\'s change', async () => {
    const r = await amend(round, { refresh: true, reason: '领导班子考核结果重新导入' });
    expect(r.status, r.text).toBe(201);
    const changes = r.body.changes as Change[];
    const c2 = changes.find((x) => x.subject === '丙2')!;
    expect([c2.before.grade, c2.after.grade]).toEqual(['称职', '优秀']);
    expect(c2.why).toEqual(['source', 'quota']);
    expect(c2.reason).toBe('引用的结果有变动：“丙局” 2025 等次 一般 → 好、“丙局” 2025 得分 75 → 93；进入“优秀”名额以内');
    expect(changes.map((x) => x.subject).filter((s) => !s.startsWith('丙'))).toEqual([]);
    expect((await stored(round, 4, '丙3')).班子结果).toMatchObject({ grade: '好', score: '93' });
    expect((await ok(a.get(round), 200)).outOfDate).toBe(false);
  });
});

describe('a re-imported quarter that a roll-up read', () => {
  it('flags the annual round; the refresh names the quarter and its score', async () => {
    await publish(f, quarterScheme('季度考核'));
    await publish(f, annualScheme('年度考核', '季度考核'));
    const imp = await call(f.app, 'POST', '/api/subjects/import', {
      token: f.tokens.A.author,
      body: { scheme: '季度考核', results: ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'].map((period) => ({ subject: 'p1', period, grade: '称职', score: 80 })) },
    });
    expect(imp.status, imp.text).toBe(200);
    const annual = await a.evaluated('年度考核', '2024', [{ id: 'p1', input: {} }]);
    const again = await ok(call(f.app, 'POST', '/api/subjects/import', {
      token: f.tokens.A.author, body: { scheme: '季度考核', results: [{ subject: 'p1', period: '2024-Q2', grade: '优秀', score: 100 }] },
    }), 200);
    expect(again.outOfDate).toEqual([annual]);
    const r = await amend(annual, { refresh: true, reason: '季度结果重新导入' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.changes).toMatchObject([{ subject: 'p1', before: { score: 80 }, after: { score: 85 }, why: ['source'] }]);
    expect(r.body.changes[0].reason).toBe('引用的结果有变动：“季度结果” 2024-Q2 等次 称职 → 优秀、“季度结果” 2024-Q2 得分 80 → 100');
    expect(r.body.republish).toBeUndefined();
  });
});

describe('an amendment that moves the person to another 班子 (their related FIELD)', () => {
  it('reads that person\'s related record afresh (of the new 班子), everyone else keeps theirs', async () => {
    await publish(f, MEMBERS.replace('班子成员考核', '班子成员考核乙').replace('分组 班子', '分组 单位')
      .replace('班子: 文本', '单位: 文本\n    班子: 文本').replace(' 比例 班子档次 { 好: 40%, 较好: 30%, 一般: 20%, 较差: 20% }', ''));
    await ok(importTeams([{ subject: '甲局', grade: '好', score: 92 }, { subject: '丙局', grade: '一般', score: 75 }], '2026'), 200);
    const people = [{ id: 'q1', unit: '本级', input: { 测评分: 91, 班子: '甲局' } }, { id: 'q2', unit: '本级', input: { 测评分: 85, 班子: '丙局' } }];
    const id = await a.evaluated('班子成员考核乙', '2026', people);
    expect((await ok(importTeams([{ subject: '丙局', grade: '好', score: 93 }], '2026'), 200)).outOfDate).toEqual([id]);
    const r = await amend(id, { subject: 'q1', input: { 班子: '丙局' }, reason: '调任丙局' });
    expect(r.status, r.text).toBe(201);
    // q1 reads 丙局's record as it is now; q2 keeps the one revision 1 read (the round stays out of date).
    expect((await stored(id, 2, 'q1')).班子结果).toMatchObject({ grade: '好', score: '93' });
    expect((await stored(id, 2, 'q2')).班子结果).toMatchObject({ grade: '一般', score: '75' });
    expect((await ok(a.get(id), 200)).outOfDate).toBe(true);
  });
});
