// The two issue-13 reference schemes — schemes/township-leaders.kaohe (Chinese keywords: 千分制, scores
// relative to the 片区's best, county places, 优秀 ≤ 30% per 片区) and schemes/leader-grades.kaohe
// (English keywords: a 班子-dependent quota table, ≤ 25% overall and normally 20%, committee
// decisions) — check clean, and their hand-computed cohort examples pass. The examples sit on the
// edges the issue names (a rank tie at a quota line, a quota that rounds to zero, a soft quota exactly
// reached, nested scopes where the outer binds and where the inner binds, a committee order breaking a
// tie, a decision a cap overrides), so each mutation below — one share, scope, rule or decision
// changed — must make a named example fail: the examples are not vacuous. Converting the keywords
// (zh ↔ en) keeps the meaning: the converted scheme's examples pass and its cohort results are equal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import type { ExampleDecl } from '../../dsl/ast.js';
import type { Lang } from '../../dsl/keywords.js';
import { evaluate, evaluateCohort, prepare, runExamples } from '../../engine/index.js';
import type { CohortMemberResult, PreparedScheme, SubjectInput } from '../../engine/api.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { memoryIO } from '../memory-io.js';
import { fmt } from '../format/helpers.js';
import { expectCaught, type Mutation } from './mutants.js';

const DIR = join(import.meta.dirname, '../../schemes');
const path = (name: string) => join(DIR, `${name}.kaohe`);
const read = (name: string) => readFileSync(path(name), 'utf8');
const SCHEMES: [name: string, lang: Lang][] = [['township-leaders', 'zh'], ['leader-grades', 'en']];

function prepared(source: string): PreparedScheme {
  const p = prepare(source, 'scheme.kaohe');
  expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return p.value!;
}

describe.each(SCHEMES)('schemes/%s.kaohe', (name, lang) => {
  const source = read(name);

  it('checks clean', () => {
    const a = analyze(source, `${name}.kaohe`);
    expect(a.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range.start.line}: ${d.message}`)).toEqual([]);
    expect(a.parsed.keywordLang).toBe(lang);
  });

  it('has at least 8 examples, every one a cohort example, all passing', async () => {
    const a = analyze(source, `${name}.kaohe`);
    const examples = a.checked!.scheme.decls.filter((d): d is ExampleDecl => d.kind === 'Example');
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.filter((e) => (e.subjects?.length ?? 0) < 2).map((e) => e.name.name)).toEqual([]);
    const outcomes = await runExamples(prepared(source));
    expect(outcomes.length).toBe(examples.length);
    expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
  });

  it('`kaohe test` passes it', async () => {
    const io = memoryIO({}, { disk: true });
    expect(await testCmd([path(name)], io), io.stdout + io.stderr).toBe(0);
    expect(io.stdout).toMatch(/\b\d+ passed, 0 failed/);
  });

  it('formats idempotently; zh ↔ en conversion round-trips and keeps the meaning', async () => {
    const other: Lang = lang === 'zh' ? 'en' : 'zh';
    const own = fmt(source, lang);
    const converted = fmt(source, other);
    expect(own, 'the reference scheme is written in canonical form, its comments where they were').toBe(source);
    expect(fmt(own)).toBe(own);
    expect(fmt(converted, lang)).toBe(own);
    expect(converted).not.toBe(own);
    // Same examples, all passing, in the other keyword language.
    const outcomes = await runExamples(prepared(converted));
    expect(outcomes.map((o) => [o.name, o.passed])).toEqual((await runExamples(prepared(source))).map((o) => [o.name, true]));
  });
});

it('leader-grades in Chinese keywords grades a batch exactly as in English keywords', async () => {
  const source = read('leader-grades');
  const outcome = async (text: string) => {
    const r = await evaluateCohort(prepared(text), TWO_GOOD_TEAMS);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value.results.map((m) => ({ id: m.subject, score: m.score, grade: m.grade, rank: m.rank, quota: m.quota && { ...m.quota, reason: '' }, flags: m.flags?.length }));
  };
  const en = await outcome(source);
  expect(en.filter((m) => m.quota?.demotedTo).map((m) => m.id)).toEqual(['C2', 'C3']);
  expect(await outcome(fmt(source, 'zh'))).toEqual(en);
});

// ---- township-leaders

describe('township-leaders: each rule is pinned by an example', () => {
  const source = read('township-leaders');
  const cases: Mutation[] = [
    ['主要指标 is relative to the 片区\'s best, not the county\'s (山口乡 2000 is 100 in 西片)',
      '财政收入 / 本组 最大(财政收入)', '财政收入 / 全体 最大(财政收入)', '分片区'],
    ['项目投资 places are county-wide (城关镇 is 4th of 4, not 2nd in 东片)',
      '(全体 名次(投资增速) - 1)', '(本组 名次(投资增速) - 1)', '分片区'],
    ['每降低 1 位减 2% (not 3%)', '100 - 2 * (全体 名次', '100 - 3 * (全体 名次', '相对计分'],
    ['the highest growth is 1st (10, 10, 7 → 100, 100, 96; ascending would give 黄庄乡 100)',
      '(全体 名次(投资增速) - 1)', '(全体 名次(投资增速 升序) - 1)', '名次并列'],
    ['the county average, not the 片区 average, bars 优秀 (甲镇 0.93: above 中片 0.91, below 0.936)',
      '满意率 < 全体 平均(满意率)', '满意率 < 本组 平均(满意率)', '满意度偏低'],
    ['"低于平均" is strict: 孤山乡 exactly on the average keeps 优秀', '满意率 < 全体', '满意率 <= 全体', '单独片区'],
    ['a vetoed township is ranked last', '排名依据 (如果 安全事故 则 0 否则 总分) 降序', '排名依据 总分 降序', '否决'],
    ['the 非访 item max (four make 40, capped at 30)', '每 非访起数 上限 30', '每 非访起数', '加扣分'],
    ['the reward list max (60 capped at 50)', '"创先争优加分" 上限 50', '"创先争优加分" 上限 70', '加扣分'],
    ['30% of seven is two places (50% would be three)', '比例 30% 至少 1', '比例 50% 至少 1', '七镇两名额'],
    ['at least one place in a 片区 of one to three', '比例 30% 至少 1', '比例 30%', '单独片区'],
    ['equal 总分 at the line goes to the better 经济发展', '并列 经济发展 降序', '并列 经济发展 升序', '名次并列'],
    ['the veto makes 较差 whatever the score', '当 安全事故 => 一票否决', '当 安全事故 => 最高 良好', '否决'],
  ];
  it.each(cases)('%s', async (_why, from, to, example) => expectCaught(source, from, to, example));

  it('a township cannot be scored alone: KH-E040 points to batch evaluation', async () => {
    const r = await evaluate(prepared(source), {
      id: '城关镇', input: { 片区: '东片', 财政收入: 6000, 投资增速: 15, 党建得分: 96, 满意率: 0.95 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toContain('KH-E040');
  });
});

// ---- leader-grades

const member = (id: string, 班子: string, 班子等次: string, 测评: number, 实绩 = 测评, extra: Partial<SubjectInput> = {}): SubjectInput =>
  ({ id, input: { 班子, 班子等次, 测评分: 测评, 实绩分: 实绩 }, ...extra });

/** The batch of the example 全体比例: two 好 班子 of seven (2 places each; overall 3, normally 2). */
const TWO_GOOD_TEAMS = [
  ...[96, 92, 91, 85, 80, 78, 72].map((s, i) => member(`C${i + 1}`, '县委办', '好', s)),
  ...[95, 93, 86, 82, 80, 76, 65].map((s, i) => member(`D${i + 1}`, '组织部', '好', s)),
];

describe('leader-grades: each rule is pinned by an example', () => {
  const source = read('leader-grades');
  const cases: Mutation[] = [
    ['一般班子 20%: 7 members have 1 place (30% would give A2 a second)', '一般: 20%', '一般: 30%', '班子比例'],
    ['较差班子 15% of 6 rounds to zero (20% would be 1)', '较差: 15%', '较差: 20%', '名额为零'],
    ['好班子 30% of 7 is 2 (20% would be 1: D2 demoted)', '好: 30%', '好: 20%', '全体比例'],
    ['the overall 25%: 3 of 14 (30% would be 4)', 'quota 25% normally 20% overall', 'quota 30% normally 20% overall', '全体比例'],
    ['without the overall quota C2 would keep 优秀', '\n      quota 25% normally 20% overall', '', '全体比例'],
    ['normally 20%: 3 of 12 is above it (25% would not flag Q3)', 'normally 20% overall', 'normally 25% overall', '超通常比例'],
    ['normally 20%: 2 of 12 is exactly the normal share (15% would flag)', 'normally 20% overall', 'normally 15% overall', '班子比例'],
    ['the tie at the line demotes both: broken by 工作实绩 (E3 95/90 is still 92), E2 keeps 优秀',
      'given E3 { 班子: "财政局", 班子等次: 好, 测评分: 92, 实绩分: 92 }',
      'given E3 { 班子: "财政局", 班子等次: 好, 测评分: 95, 实绩分: 90 }', '名额线并列'],
    ['the second rule for 优秀 (表彰 and 85)', '优秀 when 表彰 and score >= 85\n', '', '表彰与否决'],
    ['85, not 88, with a 表彰', '表彰 and score >= 85', '表彰 and score >= 88', '表彰与否决'],
    ['the committee order comes before the tiebreak',
      ' decision {\n      order: 1,\n      reason: "党委会研究，综合表现排第一"\n    }', '', '研究排序'],
    ['a decided 称职 gives up the place', 'grade: 称职,', 'grade: 优秀,', '名额顺延'],
    ['a cap is never lifted by a decision', 'when 诫勉 => cap 称职', 'when 诫勉 => cap 优秀', '名额顺延'],
    ['a decided 优秀 still competes within the quota',
      ' decision {\n      grade: 优秀,\n      reason: "重点项目攻坚成效明显"\n    }', '', '决定仍受比例'],
    ['the veto', 'when 处分 => veto', 'when 处分 => cap 称职', '表彰与否决'],
  ];
  it.each(cases)('%s', async (_why, from, to, example) => expectCaught(source, from, to, example));

  it('each demotion names its scope; the soft quota flags and the overall summary says so', async () => {
    const r = await evaluateCohort(prepared(source), TWO_GOOD_TEAMS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const by = new Map<string, CohortMemberResult>(r.value.results.map((m) => [m.subject, m]));
    expect(by.get('C3')!.quota).toMatchObject({ grade: '优秀', scope: 'cohort', demotedTo: '称职', limit: 2 });
    expect(by.get('C2')!.quota).toMatchObject({ grade: '优秀', scope: 'overall', demotedTo: '称职', limit: 3 });
    expect(by.get('D2')!.flags).toEqual([expect.objectContaining({ grade: '优秀', scope: 'overall', normal: 2 })]);
    expect(by.get('D1')!.flags).toBeUndefined();
    expect(by.get('C2')!.rank).toEqual({ overall: 4, cohort: 2 });
    const overall = r.value.overall!;
    expect(overall.size).toBe(14);
    expect(overall.quotas).toEqual([expect.objectContaining({ grade: '优秀', scope: 'overall', limit: 3, base: 14, normal: 2, over: ['D2'] })]);
    expect(overall.distribution).toMatchObject({ 优秀: 3, 称职: 10, 基本称职: 1 });
  });

  it('a decision is echoed with its reason and leads the grade reasons', async () => {
    const reason = '群众来信反映的问题尚在核实';
    const batch = [
      member('J1', '卫健局', '好', 96, 96, { decision: { grade: '称职', reason } }),
      member('J2', '卫健局', '好', 93), member('J4', '卫健局', '好', 80),
    ];
    const r = await evaluateCohort(prepared(source), batch);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const j1 = r.value.results[0];
    expect(j1.decision).toEqual({ grade: '称职', reason });
    expect(j1.grade).toBe('称职');
    expect(j1.gradeReasons[0]).toContain(reason);
  });
});

describe('docs/指南.md', () => {
  it('its committee-order example runs as written, in the Chinese-keyword leader-grades scheme', async () => {
    const guide = readFileSync(join(import.meta.dirname, '../../docs/指南.md'), 'utf8');
    const snippet = /```kaohe\n(示例 研究排序[\s\S]*?\n)```/.exec(guide)?.[1];
    expect(snippet).toBeDefined();
    const zh = fmt(read('leader-grades'), 'zh');
    const withGuide = zh.replace(/\n}\n$/, `\n${snippet!.replace('示例 研究排序', '示例 指南示例')}}\n`);
    const outcomes = await runExamples(prepared(withGuide));
    expect(outcomes.find((o) => o.name === '指南示例')).toMatchObject({ passed: true });
  });
});
