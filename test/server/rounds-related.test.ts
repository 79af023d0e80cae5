// A related subject's result filled by the server (issue 14 part 2, item 5's last sentence) against a
// real store: 班子成员考核 reads the grade of each member's 领导班子 from 领导班子考核 of the same
// period (`引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 报错`), and that grade sets the member's 优秀
// share (好 30%, 较好 25%, 一般 20%, 较差 15%, rounded down). `分组 班子`: the roster unit fills 班子.
//
// Three teams, 10 members each, every team's members scoring 99, 98, 97, 96, 95, 85, 80, 75, 70, 65
// (the scheme's score is the 测评分 itself); five reach 90, the quota decides how many keep 优秀:
//   发改局班子 实绩 92 → 好:   30% × 10 = 3       → 3 优秀 (99, 98, 97), 96 and 95 称职 (比例调整)
//   财政局班子 实绩 85 → 较好: 25% × 10 = 5/2 → 2 → 2 优秀 (99, 98)
//   教育局班子 实绩 60 → 较差: 15% × 10 = 3/2 → 1 → 1 优秀 (99)
// 85, 80, 75, 70 are 称职 (≥ 70), 65 基本称职 (≥ 60) — 6 优秀 in 30.
// The appeal: 财政局班子's 实绩 corrected 85 → 91 (较好 → 好) in the final team round flags the member
// round out of date; a source refresh moves 财政局's line from 2 to 3 places: 财03 (97) 称职 → 优秀.
// Imported team results (2024): all three 一般 → 20% × 10 = 2 places each.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, example, setup, type Fixture } from './helpers.js';
import { client, ok, publish, rosterOf, TEAM_SCHEME, withRoundsApp, type Person, type RoundsClient } from './rounds-helpers.js';

const TEAM = TEAM_SCHEME();

const MEMBERS = (missing: '报错' | '计零' = '报错', name = '班子成员考核') => `方案 ${name} "班子成员年度考核（测试）" {
  周期 年度
  精度 2
  分组 班子
  枚举 班子等次 有序 { 较差, 一般, 较好, 好 }
  输入 {
    班子 "所在领导班子": 文本
    班子结果 "领导班子年度考核": 引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 ${missing}
    测评分 "民主测评得分": 数值 属于 [0, 100]
  }
  定义 班子档次 = 班子结果.考核等次
  指标 测评成绩 权重 100% = 测评分
  等次 {
    优秀 当 总分 >= 90 比例 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }
    称职 当 总分 >= 70
    基本称职 当 总分 >= 60
    不称职 其他
  }
}`;

const TEAMS = { 发改局班子: '发', 财政局班子: '财', 教育局班子: '教' } as const;
type Team = keyof typeof TEAMS;
const SCORES = [99, 98, 97, 96, 95, 85, 80, 75, 70, 65];
/** 30 people: 发01…发10, 财01…财10, 教01…教10, each with the team as roster unit. */
const PEOPLE = (Object.keys(TEAMS) as Team[]).flatMap((team) =>
  SCORES.map((s, i) => ({ id: `${TEAMS[team]}${String(i + 1).padStart(2, '0')}`, unit: team, input: { 测评分: s } })));
const teamInput = (实绩: Record<Team, number>) => (Object.keys(实绩) as Team[]).map((t) => ({ id: t, unit: '领导班子', input: { 实绩: 实绩[t] } }));

let f: Fixture;
let a: RoundsClient;
let teamRound2026: string;

withRoundsApp(() => [TEAM, MEMBERS(), MEMBERS('计零', '班子成员考核计零')], async (fx, c) => {
  f = fx;
  a = c;
  const b = client(f, 'B');
  await publish(f, TEAM, 'B');
  // Organization A's team round of 2026, through final.
  teamRound2026 = await a.finalRound('领导班子考核', '2026', teamInput({ 发改局班子: 92, 财政局班子: 85, 教育局班子: 60 }));
  // Organization B: the same scheme name and team ids, final in 2025 and 2026 with other grades — never read by A.
  for (const period of ['2025', '2026']) await b.finalRound('领导班子考核', period, teamInput({ 发改局班子: 50, 财政局班子: 50, 教育局班子: 95 }));
});


async function memberRound(period: string, scheme = '班子成员考核', people: Person[] = PEOPLE): Promise<string> {
  const id = (await ok(a.create({ scheme, period }), 201)).id as string;
  await ok(a.roster(id, rosterOf(people)), 200);
  await ok(a.inputs(id, { subjects: people.map((p) => ({ id: p.id, input: p.input })) }), 201);
  return id;
}

type Res = { subject: string; grade: string | null; score: number; quota?: { grade: string; demotedTo: string | null; rank: number; limit: number } };
const limits = (r: { cohorts: { key: string; quotas: { grade: string; limit: number }[] }[] }) =>
  Object.fromEntries(r.cohorts.map((c) => [c.key, c.quotas.map((q) => `${q.grade} ${q.limit}`)]));
const gradesOf = (results: Res[]) => Object.fromEntries(results.map((r) => [r.subject, r.grade]));
const excellent = (results: Res[]) => results.filter((r) => r.grade === '优秀').map((r) => r.subject).sort();
const storedInput = async (round: string, n: number, subject: string) =>
  (JSON.parse(((await f.store.get('SELECT inputs FROM revisions WHERE round_id = ? AND n = ?', [round, n])) as { inputs: string }).inputs)
    .subjects as { id: string; input: Record<string, unknown> }[]).find((s) => s.id === subject)!.input;
const revisions = async (round: string) => ((await f.store.get('SELECT count(*) AS n FROM revisions WHERE round_id = ?', [round])) as { n: number }).n;

describe('results of 领导班子考核 for 班子, filled by the server', () => {
  let round: string;

  it('a member round of 30 in 3 班子: each team\'s grade sets its 优秀 share (好 3, 较好 2, 较差 1 of 10)', async () => {
    round = await memberRound('2026');
    const r = await ok(a.evaluate(round), 200);
    expect(r.pendingSources).toEqual([]);
    const results = r.result.results as Res[];
    expect(results).toHaveLength(30);
    expect(excellent(results)).toEqual(['发01', '发02', '发03', '教01', '财01', '财02']);
    const g = gradesOf(results);
    // The line: 96 and 95 of 发改局 are demoted (3 places), 97 of 财政局 (2), 98 of 教育局 (1).
    expect([g['发04'], g['发05'], g['财03'], g['教02']]).toEqual(['称职', '称职', '称职', '称职']);
    expect(results.find((x) => x.subject === '财03')!.quota).toMatchObject({ grade: '优秀', demotedTo: '称职', rank: 3, limit: 2 });
    expect(limits(r.result)).toEqual({ 发改局班子: ['优秀 3'], 财政局班子: ['优秀 2'], 教育局班子: ['优秀 1'] });
    expect([g['发06'], g['发09'], g['发10'], g['教10']]).toEqual(['称职', '称职', '基本称职', '基本称职']);
    // What was filled: one record of the team's, of this period, as the team round reported it.
    expect((await storedInput(round, 1, '财05')).班子结果).toEqual({ period: '2026', score: '85.00', grade: '较好', imported: false });
    expect((await storedInput(round, 1, '发01')).班子).toBe('发改局班子');
    // The team round is a source of this revision (what flags it out of date when the team round is amended).
    const sources = JSON.parse(((await f.store.get('SELECT sources FROM revisions WHERE round_id = ? AND n = 1', [round])) as { sources: string }).sources);
    expect(sources).toEqual([{ roundId: teamRound2026, revision: 1 }]);
  });

  it('submitting the related field is refused (422 filled_by_server at its path)', async () => {
    const r = await a.inputs(round, { subjects: [{ id: '发01', input: { 班子结果: { period: '2026', score: 99, grade: '好', imported: false } } }] });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual([['subjects[0].input.班子结果', 'filled_by_server']]);
  });

  it('an amendment of the team round flags the member round out of date; a source refresh moves 财政局\'s line (2 → 3 places)', async () => {
    const am = await call(f.app, 'POST', `/api/rounds/${teamRound2026}/amendments`, {
      token: f.tokens.A.author, body: { subject: '财政局班子', input: { 实绩: 91 }, reason: '复核：实绩得分更正' },
    });
    expect(am.status, am.text).toBe(201);
    expect(am.body.changes.map((c: { subject: string; after: { grade: string } }) => [c.subject, c.after.grade])).toEqual([['财政局班子', '好']]);
    expect((await ok(a.get(round), 200)).outOfDate).toBe(true);
    const pub = await a.publicize(round);
    expect([pub.status, pub.body.error?.code]).toEqual([409, 'round_out_of_date']);

    const refresh = await call(f.app, 'POST', `/api/rounds/${round}/amendments`, {
      token: f.tokens.A.author, body: { refresh: true, reason: '领导班子考核结果复核后更正' },
    });
    expect(refresh.status, refresh.text).toBe(201);
    const changes = refresh.body.changes as { subject: string; before: { grade: string }; after: { grade: string }; why: string[] }[];
    // Only 财03 crosses the line; 财政局's other members read the new record too but keep their grades.
    expect(changes.map((c) => [c.subject, c.before.grade, c.after.grade])).toEqual([['财03', '称职', '优秀']]);
    expect(changes[0].why).toContain('source');
    const detail = await ok(a.get(round), 200);
    expect([detail.outOfDate, detail.changed, detail.revision]).toEqual([false, false, 2]);
    expect((await storedInput(round, 2, '财05')).班子结果).toEqual({ period: '2026', score: '91.00', grade: '好', imported: false });
    const rev = await ok(call(f.app, 'GET', `/api/rounds/${round}/revisions/2`, { token: f.tokens.A.author }), 200);
    expect(excellent(rev.result.results)).toEqual(['发01', '发02', '发03', '教01', '财01', '财02', '财03']);
    expect(limits(rev.result)).toEqual({ 发改局班子: ['优秀 3'], 财政局班子: ['优秀 3'], 教育局班子: ['优秀 1'] });
    // The source is now the team round's revision 2.
    const sources = JSON.parse(((await f.store.get('SELECT sources FROM revisions WHERE round_id = ? AND n = 2', [round])) as { sources: string }).sources);
    expect(sources).toEqual([{ roundId: teamRound2026, revision: 2 }]);
  });
});

describe('team results not final', () => {
  it('a source scheme the organization lacks is refused at creation (422 unknown_source_scheme at input.班子结果)', async () => {
    await publish(f, MEMBERS('报错', '班子成员考核乙').replace('引用结果 领导班子考核', '引用结果 领导班子考评'), 'A');
    const r = await a.create({ scheme: '班子成员考核乙', period: '2026' });
    expect([r.status, r.body.error?.code]).toEqual([422, 'unknown_source_scheme']);
    expect(r.body.error.details).toMatchObject([{ path: 'input.班子结果', scheme: '领导班子考评' }]);
  });

  it('a 班子 submitted as an input part (not the cohort field) is read too, from the newest part', async () => {
    const scheme = MEMBERS('报错', '班子成员考核丙').replace('分组 班子', '分组 单位').replace('班子 "所在领导班子": 文本', '单位: 文本\n    班子 "所在领导班子": 文本');
    await publish(f, scheme, 'A');
    const people = [{ id: '丙01', unit: '本级', input: { 测评分: 95, 班子: '教育局班子' } }];
    const round = await memberRound('2026', '班子成员考核丙', people);
    await ok(a.inputs(round, { subjects: [{ id: '丙01', input: { 班子: '发改局班子' } }] }), 201);
    expect((await ok(a.get(round), 200)).missing).toEqual([]);
    await ok(a.evaluate(round), 200);
    // 发改局班子 is 好 in 2026 (the appeal above changed only 财政局班子).
    expect((await storedInput(round, 1, '丙01')).班子结果).toEqual({ period: '2026', score: '92.00', grade: '好', imported: false });
  });

  it('pending sources name each related subject and its round; evaluate is refused under `missing error`, nothing stored', async () => {
    const team = await a.finalRound('领导班子考核', '2027', teamInput({ 发改局班子: 92, 财政局班子: 85, 教育局班子: 60 }), false);
    const round = await memberRound('2027');
    const detail = await ok(a.get(round), 200);
    expect(detail.pendingSources).toEqual((Object.keys(TEAMS) as Team[]).map((subject) => (
      { input: '班子结果', scheme: '领导班子考核', period: '2027', subject, status: 'not_final', round: team, roundStatus: 'evaluated' })));
    const missing = detail.missing.find((m: { subject: string }) => m.subject === '财01');
    expect(missing.rollups).toEqual([{ field: '班子结果', scheme: '领导班子考核', periods: ['2027'], missing: 'error', blocking: true, subject: '财政局班子' }]);

    const r = await call(f.app, 'POST', `/api/rounds/${round}/evaluate?lang=zh`, { token: f.tokens.A.author });
    expect([r.status, r.body.error.code]).toEqual([422, 'invalid_input']);
    // One problem per team naming its 10 people (rounds-errors-fixes.test.ts), not one per person.
    expect(r.body.error.details).toHaveLength(3);
    expect(r.body.error.details[0]).toMatchObject({ code: 'KH-E057', related: '发改局班子', path: 'input.班子结果', round: team });
    expect(r.body.error.details[0].subjects).toHaveLength(10);
    expect(r.body.error.details[0].message).toBe(`“发01”、“发02”、“发03”、“发04”、“发05”、“发06”、“发07”、“发08”、“发09”、“发10”（共 10 人）的“班子结果”：“领导班子考核”中没有“班子”为“发改局班子”的对象在 2027 的考核结果（“缺失 报错”）；“领导班子考核”批次“${team}”已评定，尚未定稿，定稿后再评定`);
    expect(await revisions(round)).toBe(0);
  });

  it('a member without a 班子 (no roster unit): 422 naming the person and the field, nothing stored', async () => {
    const round = await memberRound('2026', '班子成员考核', [{ id: '无01', input: { 测评分: 90 } }]);
    const r = await a.evaluate(round);
    expect(r.status).toBe(422);
    expect(r.body.error.details).toContainEqual(expect.objectContaining({ subject: '无01', path: 'subjects[无01].input.班子', code: 'KH-E002' }));
    expect(await revisions(round)).toBe(0);
  });

  it('`missing zero`: a team without a result gives its members the zero record, whose null grade cannot key the quota (KH-E058)', async () => {
    const round = await memberRound('2027', '班子成员考核计零', PEOPLE.filter((p) => p.unit === '教育局班子').slice(0, 1));
    const detail = await ok(a.get(round), 200);
    expect(detail.missing[0].rollups).toEqual([{ field: '班子结果', scheme: '领导班子考核', periods: ['2027'], missing: 'zero', blocking: false, subject: '教育局班子' }]);
    const r = await a.evaluate(round);
    expect([r.status, r.body.error?.code], r.text).toEqual([422, 'invalid_input']);
    expect(r.body.error.details.map((d: { code: string }) => d.code)).toEqual(['KH-E058']);
  });
});

describe('only the round\'s own organization, and imported results', () => {
  it('another organization\'s 领导班子考核 of the same name is never read (2025: only B has team results)', async () => {
    const round = await memberRound('2025');
    const detail = await ok(a.get(round), 200);
    expect(detail.pendingSources.map((p: { subject: string; status: string }) => [p.subject, p.status])).toEqual([
      ['发改局班子', 'none'], ['财政局班子', 'none'], ['教育局班子', 'none'],
    ]);
    const r = await a.evaluate(round);
    expect(r.status).toBe(422);
    expect(new Set(r.body.error.details.map((d: { code: string }) => d.code))).toEqual(new Set(['KH-E057']));
    // And in 2026 A read its own grades (好/较好/较差), not B's (较差/较差/好): see the first test's 6 优秀.
  });

  it('imported team results are read (marked imported): all 一般 → 2 优秀 of 10 in each 班子', async () => {
    const imp = await call(f.app, 'POST', '/api/subjects/import', {
      token: f.tokens.A.author,
      body: { scheme: '领导班子考核', results: (Object.keys(TEAMS) as Team[]).map((subject) => ({ subject, period: '2024', grade: '一般', score: 75 })) },
    });
    expect(imp.status, imp.text).toBe(200);
    const round = await memberRound('2024');
    expect((await ok(a.get(round), 200)).pendingSources).toEqual([]);
    const r = await ok(a.evaluate(round), 200);
    expect(excellent(r.result.results)).toEqual(['发01', '发02', '教01', '教02', '财01', '财02']);
    expect((await storedInput(round, 1, '教07')).班子结果).toEqual({ period: '2024', score: '75', grade: '一般', imported: true });
    // Imported rows belong to no round; the rows read are recorded (a re-import replacing one flags the round).
    expect(JSON.parse(((await f.store.get('SELECT sources FROM revisions WHERE round_id = ? AND n = 1', [round])) as { sources: string }).sources))
      .toEqual([{ imported: expect.any(Array) }]);
  });
});

describe('the reference schemes (schemes/team-review.kaohe, schemes/leader-members.kaohe) through the server', () => {
  let g: Fixture;
  beforeAll(async () => { g = await setup(); }, 60_000);
  afterAll(async () => g?.close());

  // 发改局 92.8 → 好 and 教育局 72.7 → 一般 (hand-computed in team-review.kaohe). 发改局's 10 members score
  // 99 … 65 as above: 30% × 10 = 3 优秀; 教育局's 5 score 95, 94, 93, 80, 70: 20% × 5 = 1 优秀.
  it('a member round reads each 班子\'s grade from the final team round: 3 + 1 优秀', async () => {
    const c = client(g, 'A');
    await publish(g, example('team-review.kaohe'), 'A');
    await publish(g, example('leader-members.kaohe'), 'A');
    await c.finalRound('领导班子考核', '2026', [
      { id: '发改局', unit: '领导班子', input: { 政治建设分: 92, 实绩分: 94, 测评票: [90, 92, 94] } },
      { id: '教育局', unit: '领导班子', input: { 政治建设分: 75, 实绩分: 72, 测评票: [70, 71, 73] } },
    ]);
    const people = [
      ...SCORES.map((s, i) => ({ id: `发${i + 1}`, unit: '发改局', input: { 考核分: s } })),
      ...[95, 94, 93, 80, 70].map((s, i) => ({ id: `教${i + 1}`, unit: '教育局', input: { 考核分: s } })),
    ];
    const round = (await ok(c.create({ scheme: '班子成员考核', period: '2026' }), 201)).id as string;
    await ok(c.roster(round, rosterOf(people)), 200);
    await ok(c.inputs(round, { subjects: people.map((p) => ({ id: p.id, input: p.input })) }), 201);
    const r = await ok(c.evaluate(round), 200);
    expect(excellent(r.result.results)).toEqual(['发1', '发2', '发3', '教1']);
    expect(limits(r.result)).toEqual({ 发改局: ['优秀 3'], 教育局: ['优秀 1'] });
  });
});
