// The issue-14 reference schemes — schemes/quarterly-review.kaohe (平时考核, quarterly, 好 ≤ 40% per 单位)
// and schemes/annual-review.kaohe (年度考核: `引用结果 平时考核 季度 … 缺失 跳过`, `过去 2 年 缺失 中断`,
// 记三等功 and 辞退) — plus the small companions in test/fixtures/rounds/ that show the other policies
// (`missing zero`, `missing error`, `past … missing skip`). Each checks clean, its hand-computed
// examples pass, it formats idempotently and converts zh ↔ en keeping the meaning; each rule is
// pinned by a mutation a named example catches. The roll-up chain is run through the engine: the
// quarterly scheme's own results for 王五, reported (87.92, 87.92, 87.42, 87.42) or exact (1055/12, …),
// give the annual totals 87.89 and 87.88 — the "87.88 vs 87.89".
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import type { SubjectInput } from '../../engine/api.js';
import { fmt } from '../format/helpers.js';
import { expectCaught } from './mutants.js';
import { describeSchemeFiles, pinRules, prepared, read } from './scheme-checks.js';

describeSchemeFiles([
  ['schemes/quarterly-review.kaohe', 'zh', 4],
  ['schemes/annual-review.kaohe', 'zh', 5],
  ['test/fixtures/rounds/quarters-zero.kaohe', 'en', 2],
  ['test/fixtures/rounds/quarters-error.kaohe', 'en', 1],
  ['test/fixtures/rounds/past-skip.kaohe', 'en', 1],
]);

it('the converted annual scheme reads the roll-up and history forms in English keywords', () => {
  const en = fmt(read('schemes/annual-review.kaohe'), 'en');
  expect(en).toContain('季度结果 "本年度四个季度平时考核结果": results of 平时考核 quarterly grades 平时等次 missing skip');
  expect(en).toContain('往年 "前两年年度考核结果": past 2 years missing breaks');
  expect(en).toContain('let 连续优秀 = streak(r in 往年 where r.grade == 优秀)');
  expect(en).toContain('{ period: "2026-Q1", score: 87.92, grade: 较好 }');
  expect(en).toContain('let 季度平均 = if 季度数 == 0 then 0 else avg(季度结果.score)');
});

describe('each rule is pinned by an example', () => {
  pinRules('quarterly', 'schemes/quarterly-review.kaohe', [
    ['工作实绩 75% / 同事测评 25% (70/30 changes 王五)', ['权重 75%', '权重 25%'], ['权重 70%', '权重 30%'], '王五'],
    ['好 ≤ 40% of a 单位: 3 × 40% → 1 place (70% would keep 乙)', '比例 40% 至少 1', '比例 70% 至少 1', '好等次比例'],
    ['at least one place in a 单位 of one (丁)', '比例 40% 至少 1', '比例 40%', '好等次比例'],
    ['equal 总分 at the line goes to the better 工作实绩', '并列 工作实绩 降序', '并列 工作实绩 升序', '同分'],
    ['迟到早退 at most 2 (辛: five make 2.5)', '每 迟到早退次数 上限 2', '每 迟到早退次数', '扣分'],
    ['通报批评 caps at 一般', '当 通报批评 => 最高 一般', '当 通报批评 => 最高 较好', '扣分'],
  ]);

  pinRules('annual', 'schemes/annual-review.kaohe', [
    ['4 个季度综合评分占 95% (90/10 changes 王五)', ['权重 95%', '权重 5%'], ['权重 90%', '权重 10%'], '公示值汇总'],
    ['a missing quarter is left out (计零 would average 赵六 over four)', '平时等次 缺失 跳过', '平时等次 缺失 计零', '缺少季度'],
    ['fewer than two quarters → 不定等次 (钱七 has one)', '季度数 < 2 =>', '季度数 < 1 =>', '缺少季度'],
    ['记三等功 needs two earlier 优秀 years in a row (郑一, 何二 have one)', '且 连续优秀 >= 2', '且 连续优秀 >= 1', '三年优秀'],
    ['记三等功 needs this year 优秀 too', '当 评定等次 == 优秀 且 连续优秀', '当 评定等次 == 称职 且 连续优秀', '三年优秀'],
    ['an ungraded year ends 连续 (杨四: 2024 不称职, 2025 不定等次)', '过去 2 年 缺失 中断', '过去 2 年 缺失 跳过', '两年不称职'],
    ['辞退 needs the year before 不称职 (陈三: 2024 only)', '且 连续不称职 >= 1', '且 连续不称职 >= 0', '两年不称职'],
    ['优秀 ≤ 20% of a 单位: 5 × 20% → 1 place (40% would keep 蒋七)', '比例 20% 至少 1', '比例 40% 至少 1', '优秀比例'],
    ['平时一般 twice caps at 称职 (褚四 would take the place)', '=> 最高 称职', '=> 最高 优秀', '优秀比例'],
    ['优秀 needs two 好 quarters, not four (赵六 has three)', '且 好的次数 >= 2', '且 好的次数 >= 4', '缺少季度'],
  ]);

  it('past-skip: `missing breaks` instead of `missing skip` stops A and B', async () => {
    await expectCaught(read('test/fixtures/rounds/past-skip.kaohe'), 'past 3 years missing skip', 'past 3 years missing breaks', '略过');
  });
  it('quarters-zero: `missing skip` instead of `missing zero` averages 赵六 over three', async () => {
    await expectCaught(read('test/fixtures/rounds/quarters-zero.kaohe'), 'grades 平时等次 missing zero', 'grades 平时等次 missing skip', '缺一季度');
  });
});

// ---- the roll-up chain and the missing-quarter policies, through the engine

const WANG_WU: { unit: string; 实绩得分: number; 测评票: number[] }[] = [
  { unit: '办公室', 实绩得分: 87, 测评票: [90, 91, 91] },
  { unit: '办公室', 实绩得分: 89, 测评票: [84, 85, 85] },
  { unit: '办公室', 实绩得分: 86, 测评票: [91, 92, 92] },
  { unit: '办公室', 实绩得分: 86, 测评票: [91, 92, 92] },
];

/** 王五's four quarters through the quarterly scheme: reported score, exact score (a fraction string),
 * grade. */
async function wangWuQuarters(): Promise<{ period: string; score: number; exact: string; grade: string | null }[]> {
  const s = prepared(read('schemes/quarterly-review.kaohe'));
  const out = [];
  for (const [i, q] of WANG_WU.entries()) {
    const period = `2026-Q${i + 1}`;
    const r = await evaluate(s, { id: '王五', input: { 单位: q.unit, 实绩得分: q.实绩得分, 测评票: q.测评票 } }, { period, exactValues: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    out.push({ period, score: r.value.score, exact: r.value.exact!.score, grade: r.value.grade });
  }
  return out;
}

describe('the roll-up of 王五\'s year (87.88 vs 87.89)', () => {
  it('the quarterly scheme reports 87.92, 87.92, 87.42, 87.42 and keeps 1055/12, 1055/12, 1049/12, 1049/12', async () => {
    expect(await wangWuQuarters()).toEqual([
      { period: '2026-Q1', score: 87.92, exact: '1055/12', grade: '较好' },
      { period: '2026-Q2', score: 87.92, exact: '1055/12', grade: '较好' },
      { period: '2026-Q3', score: 87.42, exact: '1049/12', grade: '较好' },
      { period: '2026-Q4', score: 87.42, exact: '1049/12', grade: '较好' },
    ]);
  });

  it('the annual total is 87.89 from the reported quarters and 87.88 from the exact ones (strings in the JSON)', async () => {
    const annual = prepared(read('schemes/annual-review.kaohe'));
    const quarters = await wangWuQuarters();
    const subject = (score: (q: (typeof quarters)[number]) => number | string): SubjectInput => ({
      id: '王五',
      input: { 单位: '办公室', 年度测评分: 92, 往年: [], 季度结果: quarters.map((q) => ({ period: q.period, score: score(q), grade: q.grade, imported: false })) },
    });
    const reported = await evaluate(annual, subject((q) => q.score), { period: '2026', exactValues: true });
    const exact = await evaluate(annual, subject((q) => q.exact), { period: '2026', exactValues: true });
    if (!reported.ok || !exact.ok) throw new Error(JSON.stringify([reported, exact]));
    // 19/20 × 350.68/4 + 92/20 = 175773/2000 = 87.8865 → 87.89; 19/20 × 263/3 + 92/20 = 5273/60 → 87.88.
    expect(reported.value.score).toBe(87.89);
    expect(reported.value.exact!.score).toBe('175773/2000');
    expect(exact.value.score).toBe(87.88);
    expect(exact.value.exact!.score).toBe('5273/60');
  });
});

describe('a missing quarter under each policy', () => {
  const three = [
    { period: '2026-Q2', score: 90, grade: '好' },
    { period: '2026-Q3', score: 92, grade: '好' },
    { period: '2026-Q4', score: 94, grade: '好' },
  ];
  it('skip (annual-review): the average of three, 92 → 91.9 优秀', async () => {
    const r = await evaluateCohort(prepared(read('schemes/annual-review.kaohe')),
      [{ id: '赵六', input: { 单位: '综合科', 季度结果: three, 往年: [], 年度测评分: 90 } }], { period: '2026' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.results[0]).toMatchObject({ score: 91.9, grade: '优秀' });
  });
  it('zero: (0 + 90 + 92 + 94)/4 = 69 → 基本称职', async () => {
    const r = await evaluate(prepared(read('test/fixtures/rounds/quarters-zero.kaohe')), { id: '赵六', input: { 季度结果: three } }, { period: '2026' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect([r.value.score, r.value.grade]).toEqual([69, '基本称职']);
  });
  it('error: KH-E054 names 2026-Q1, nothing is scored', async () => {
    const r = await evaluate(prepared(read('test/fixtures/rounds/quarters-error.kaohe')), { id: '赵六', input: { 季度结果: three } }, { period: '2026' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(['KH-E054']);
    expect(r.errors[0].message).toContain('2026-Q1');
    expect(r.errors[0].path).toMatch(/^季度结果/);
  });
  it('the annual scheme without a period is KH-E032 (its roll-up needs to know which quarters)', async () => {
    const r = await evaluate(prepared(read('test/fixtures/rounds/quarters-zero.kaohe')), { id: '赵六', input: { 季度结果: three } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toContain('KH-E032');
  });
});
