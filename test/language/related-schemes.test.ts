// The issue-14 part-2 reference schemes — schemes/team-review.kaohe (领导班子考核: subjects are teams,
// grades 好/较好/一般/较差) and schemes/leader-members.kaohe (班子成员考核: `引用结果 领导班子考核 对象 班子
// … 缺失 报错`, the team's grade keys the 优秀 quota table) — and the `missing zero` companion
// test/fixtures/rounds/related-zero.kaohe. Each checks clean, its hand-computed examples pass, it
// formats idempotently and converts zh ↔ en keeping the meaning; each rule is pinned by a mutation a
// named example catches. The chain is run through the engine: the team scheme's own results for
// 发改局 (好) and 教育局 (一般) set the members' shares (2 and 1 of 7), and a corrected 教育局 result
// (一般 → 好) moves the members' quota line.
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import type { SubjectInput } from '../../engine/api.js';
import { fmt } from '../format/helpers.js';
import { expectCaught } from './mutants.js';
import { describeSchemeFiles, pinRules, prepared, read } from './scheme-checks.js';

describeSchemeFiles([
  ['schemes/team-review.kaohe', 'zh', 3],
  ['schemes/leader-members.kaohe', 'zh', 3],
  ['test/fixtures/rounds/related-zero.kaohe', 'en', 2],
]);

it('the related form reads `for` in English and 对象 in Chinese', () => {
  const en = fmt(read('schemes/leader-members.kaohe'), 'en');
  expect(en).toContain('班子结果 "领导班子年度考核结果": results of 领导班子考核 for 班子 grades 班子等次 missing error');
  expect(en).toContain('let 班子档次 = 班子结果.grade');
  expect(en).toContain('quota 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }');
  expect(en).toContain('班子结果: { period: "2026", score: 92.8, grade: 好, imported: false }');
  const zh = fmt(read('test/fixtures/rounds/related-zero.kaohe'), 'zh');
  expect(zh).toContain('班子结果 "领导班子年度考核结果": 引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 计零');
});

describe('each rule is pinned by an example', () => {
  pinRules('team', 'schemes/team-review.kaohe', [
    ['政治建设 30% / 发展实绩 40% (40/30 makes 发改局 92.6)', ['权重 30% = 政治建设分', '权重 40% = 实绩分'], ['权重 40% = 政治建设分', '权重 30% = 实绩分'], '四个班子'],
    ['好 from exactly 90', '好 当 总分 >= 90', '好 当 总分 > 90', '等次分界'],
    ['一般 from exactly 70 (丙)', '一般 当 总分 >= 70', '一般 当 总分 > 70', '等次分界'],
    ['a sanctioned member caps at 一般', '班子成员受处分 => 最高 一般', '班子成员受处分 => 最高 较好', '受处分和事故'],
    ['a major accident caps at 较差', '重大责任事故 => 最高 较差', '重大责任事故 => 最高 一般', '受处分和事故'],
    ['整改 follows 较差', '当 评定等次 == 较差', '当 评定等次 == 一般', '四个班子'],
  ]);

  pinRules('members', 'schemes/leader-members.kaohe', [
    ['好 30%: 7 × 30% → 2 places (45% keeps A3)', '好: 30%', '好: 45%', '两个班子'],
    ['一般 20%: 7 × 20% → 1 place (30% keeps B2)', '一般: 20%', '一般: 30%', '两个班子'],
    ['较好 25%: 4 × 25% → 1 place (50% keeps C3)', '较好: 25%', '较好: 50%', '较好和较差'],
    ['较差 15%: 6 × 15% → 0 places (20% keeps D1)', '较差: 15%', '较差: 20%', '较好和较差'],
    ['the share follows the team\'s grade, not a fixed 30%', '比例 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }', '比例 30%', '两个班子'],
    ['优秀 from exactly 90 (B3 is a candidate)', '优秀 当 总分 >= 90', '优秀 当 总分 > 90', '两个班子'],
    ['诫勉 caps at 称职 (C1 would take the place)', '当 诫勉 => 最高 称职', '当 诫勉 => 最高 优秀', '较好和较差'],
    ['约谈 follows a 较差 team', '当 班子档次 == 较差', '当 班子档次 == 一般', '较好和较差'],
  ]);

  const zero = read('test/fixtures/rounds/related-zero.kaohe');
  it('related-zero: 90% / 10% (80/20 changes 甲)', async () => expectCaught(zero, ['weight 90%', 'weight 10%'], ['weight 80%', 'weight 20%'], '有班子结果'));
  it('related-zero: `missing error` instead of `missing zero` fails 丙 and 丁 (KH-E057)', async () =>
    expectCaught(zero, 'grades 班子等次 missing zero', 'grades 班子等次 missing error', '班子无结果'));
});

// ---- the chain: the team scheme's results set the members' shares

/** The inputs of the team scheme's first example. */
const TEAMS: Record<string, Record<string, unknown>> = {
  发改局: { 政治建设分: 92, 实绩分: 94, 测评票: [90, 92, 94] },
  教育局: { 政治建设分: 75, 实绩分: 72, 测评票: [70, 71, 73] },
};
/** The members of the members' scheme's second example (考核分 by id). */
const MEMBERS: [id: string, team: string, score: number][] = [
  ['A1', '发改局', 95], ['A2', '发改局', 93], ['A3', '发改局', 91.2], ['A4', '发改局', 86], ['A5', '发改局', 82], ['A6', '发改局', 78], ['A7', '发改局', 75],
  ['B1', '教育局', 94], ['B2', '教育局', 92], ['B3', '教育局', 90], ['B4', '教育局', 85], ['B5', '教育局', 80], ['B6', '教育局', 70], ['B7', '教育局', 58],
];

/** The teams' records as the server fills them: period, reported score, grade, imported. */
async function teamRecords(teams: Record<string, Record<string, unknown>>) {
  const s = prepared(read('schemes/team-review.kaohe'));
  const out: Record<string, { period: string; score: number; grade: string | null; imported: boolean }> = {};
  for (const [id, input] of Object.entries(teams)) {
    const r = await evaluate(s, { id, input }, { period: '2026' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    out[id] = { period: '2026', score: r.value.score, grade: r.value.grade, imported: false };
  }
  return out;
}

async function membersWith(records: Awaited<ReturnType<typeof teamRecords>>) {
  const s = prepared(read('schemes/leader-members.kaohe'));
  const subjects = MEMBERS.map(([id, team, score]): SubjectInput => ({ id, input: { 班子: team, 考核分: score, 班子结果: records[team] } }));
  const r = await evaluateCohort(s, subjects, { period: '2026' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('the chain: team results → members\' 优秀 shares', () => {
  it('the team scheme gives 发改局 92.8 好 and 教育局 72.7 一般; the members get 2 and 1 优秀 of 7', async () => {
    const records = await teamRecords(TEAMS);
    expect(records).toEqual({
      发改局: { period: '2026', score: 92.8, grade: '好', imported: false },
      教育局: { period: '2026', score: 72.7, grade: '一般', imported: false },
    });
    const r = await membersWith(records);
    expect(r.results.filter((x) => x.grade === '优秀').map((x) => x.subject)).toEqual(['A1', 'A2', 'B1']);
    // 30% × 7 = 21/10 → 2; 20% × 7 = 7/5 → 1
    expect(r.cohorts.map((c) => [c.key, c.quotas[0].limit, c.quotas[0].base])).toEqual([['发改局', 2, 7], ['教育局', 1, 7]]);
  });

  // A corrected 教育局 result: 实绩分 72 → 100 gives 45/2 + 40 + 107/5 = 839/10 = 83.9, 较好: 25% × 7 =
  // 7/4 → still 1 place; all 95 gives 95, 好: 30% × 7 = 21/10 → 2 places, and B2 becomes 优秀.
  it('a corrected team result moves the members\' quota line when it changes the share\'s whole number', async () => {
    const better = await teamRecords({ ...TEAMS, 教育局: { 政治建设分: 75, 实绩分: 100, 测评票: [70, 71, 73] } });
    expect(better.教育局).toMatchObject({ score: 83.9, grade: '较好' });
    expect((await membersWith(better)).results.filter((x) => x.grade === '优秀').map((x) => x.subject)).toEqual(['A1', 'A2', 'B1']);
    // 3/10 × 95 + 2/5 × 95 + 3/10 × 95 = 95 → 好
    const best = await teamRecords({ ...TEAMS, 教育局: { 政治建设分: 95, 实绩分: 95, 测评票: [95, 95, 95] } });
    expect(best.教育局).toMatchObject({ score: 95, grade: '好' });
    const r = await membersWith(best);
    expect(r.results.filter((x) => x.grade === '优秀').map((x) => x.subject)).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(r.results.find((x) => x.subject === 'B3')!.quota).toMatchObject({ demotedTo: '称职', rank: 3, limit: 2 });
  });
});
