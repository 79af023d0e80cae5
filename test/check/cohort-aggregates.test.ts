// Cohort aggregates in the checker (issue 13): typing (number), where they may stand (KH-C122/C123),
// what their arguments may read (KH-C120/C121/C126), the parts each function takes (KH-C124/C125),
// and the staging helper the engine reads (cohortSites: which aggregates need the score).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { cohortSites } from '../../dsl/check/cohort-deps.js';
import { codes, wrap } from './helpers.js';

const INPUT = `  cohort by 片区\n  input { 原始分: number in [1, 100], 片区: text }`;
const ok = (body: string) => wrap(`${INPUT}\n${body}`);
const errors = (src: string) => analyze(src).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);

describe('cohort aggregates: accepted', () => {
  it('in indicators over inputs, in grades and tiebreaks over the score, in both keyword languages', () => {
    expect(errors(ok(`  let 组均 = cohort avg(原始分)
  indicator 实绩 points 60 = 原始分 / overall max(原始分) * 60
  indicator 名次分 points 40 = max(0, 40 - 2 * (overall rank(原始分) - 1)) + 0 * 组均
  grades tiebreak overall rank(原始分 asc) desc {
    优秀 when score >= 90 and score >= overall percentile(score, 50) and rewards <= cohort max(rewards)
    合格 when score >= cohort min(base) + 0 * overall avg(deductions)
    不合格 otherwise
  }
  outcomes { action 通报 "通报" when score < overall percentile(score, 10) }`))).toEqual([]);
    expect(errors(`方案 甲 {
  输入 { 原始分: 数值 属于 [1, 100] }
  指标 实绩 分值 100 = 原始分 / 全体 最大(原始分) * 100
  等次 { 优秀 当 总分 >= 本组 百分位(总分, 90) 且 全体 名次(总分 降序) <= 3\n 合格 其他 }
}`)).toEqual([]);
  });

  it('a let of an aggregate of the score is fine while only the grades read it', () => {
    const src = ok(`  let 顶分 = overall max(score)
  indicator 实绩 weight 100% = 原始分
  grades { 优秀 when score >= 顶分 - 5\n 合格 otherwise }`);
    expect(errors(src)).toEqual([]);
    // … and a cycle as soon as the score is made of it
    expect(codes(src.replace('= 原始分\n', '= 原始分 + 0 * 顶分\n'))).toContain('KH-C122');
  });
});

describe('cohort aggregates: rejected', () => {
  it('a non-number argument is a type error; the aggregate itself is a number', () => {
    expect(codes(ok(`  indicator 实绩 weight 100% = overall max(片区)`))).toContain('KH-C005');
    expect(codes(ok(`  indicator 实绩 weight 100% = if overall max(原始分) then 1 else 0`))).toContain('KH-C005');
  });

  it('KH-C120: another aggregate in the argument, directly or through a let, naming the chain', () => {
    const d = analyze(ok(`  let 相对 = 原始分 / overall max(原始分)
  indicator 实绩 weight 100% = overall avg(相对) + cohort max(cohort min(原始分))`)).diagnostics.filter((x) => x.code === 'KH-C120');
    expect(d.map((x) => x.message)).toEqual([
      "`overall avg`'s value reads another cohort aggregate: 相对 → `overall max(原始分)`; compare a value each subject has on its own",
      "`cohort max`'s value reads another cohort aggregate: `cohort min(原始分)`; compare a value each subject has on its own",
    ]);
  });

  it('KH-C121: a binder of an enclosing list aggregate; its own binders are fine', () => {
    const src = (arg: string) => wrap(`  input { 任务: list of number in [1, 100] min 1 }\n  indicator 甲 weight 100% = ${arg}`);
    expect(codes(src('avg(t in 任务 : overall max(t))'))).toContain('KH-C121');
    expect(codes(src('overall max(avg(t in 任务 : t))'))).not.toContain('KH-C121');
  });

  it('KH-C122: an aggregate of score/base/rewards/deductions in what the score is made of', () => {
    const cycle = (body: string) => analyze(ok(body)).diagnostics.filter((x) => x.code === 'KH-C122').map((x) => x.message);
    expect(cycle(`  indicator 实绩 weight 100% = 原始分 / overall max(score) * 100`)).toEqual([
      'cycle through a cohort aggregate: 实绩 → `overall max(score)` → score → 实绩; compare a value the score does not depend on, or use it in the grades',
    ]);
    expect(cycle(`  let 均 = cohort avg(总分)\n  let 差 = 原始分 - 均\n  indicator 实绩 weight 100% = 差`)).toEqual([
      'cycle through a cohort aggregate: 实绩 → 差 → 均 → `cohort avg(总分)` → 总分 → 实绩; compare a value the score does not depend on, or use it in the grades',
    ]);
    expect(cycle(`  indicator 实绩 weight 100% = 原始分\n  adjust 调 = 0 * overall avg(base)`)).toHaveLength(1);
    expect(cycle(`  indicator 实绩 weight 100% = 原始分\n  negative 负 { item 落后 when 原始分 < cohort avg(deductions) => deduct 1 }`)).toHaveLength(1);
    expect(cycle(`  when overall max(rewards) > 1 { indicator 实绩 weight 100% = 原始分 }`)).toHaveLength(1);
    // an aggregate of an input in the same places is no cycle
    expect(cycle(`  indicator 实绩 weight 100% = 原始分 / overall max(原始分) * 100`)).toEqual([]);
  });

  it('KH-C123: cohort by, function bodies, input defaults and constraints, tables, example givens', () => {
    const c123 = (src: string) => codes(src).filter((c) => c === 'KH-C123').length;
    expect(c123(wrap(`  cohort by if 原始分 > overall avg(原始分) then "高" else "低"\n  input { 原始分: number }\n  indicator 甲 weight 100% = 原始分`))).toBe(1);
    expect(c123(wrap(`  input { 原始分: number }\n  function 折(x: number): number = x / overall max(x)\n  indicator 甲 weight 100% = 折(原始分)`))).toBe(1);
    expect(c123(wrap(`  input { 原始分: number <= overall max(原始分) = overall min(原始分) }\n  indicator 甲 weight 100% = 原始分`))).toBe(2);
    expect(c123(wrap(`  enum 档 { 甲, 乙 }\n  input { 原始分: number, d: 档 }\n  table 系数 { 甲: overall max(原始分), 乙: 1 }\n  indicator 甲 weight 100% = 原始分 * 系数[d]`))).toBe(1);
  });

  it('KH-C123 in a cohort example\'s expect is the only report there: no KH-C155 for the aggregate\'s argument', () => {
    const src = ok(`  indicator 实绩 weight 100% = 原始分
  example 乙 { given A { 原始分: 90, 片区: "东" } given B { 原始分: 80, 片区: "东" } expect A.score >= overall max(score) }`);
    const at = codes(src).filter((c) => c === 'KH-C123' || c === 'KH-C155');
    expect(at).toEqual(['KH-C123']);
    // outside the aggregate a bare value still needs its subject
    expect(codes(src.replace('A.score >=', 'score >='))).toContain('KH-C155');
  });

  it('KH-C124: percentile needs a plain number 0..100; the edges are fine', () => {
    const p = (x: string) => codes(ok(`  indicator 实绩 weight 100% = overall percentile(原始分${x})`)).filter((c) => c === 'KH-C124').length;
    expect([p(''), p(', 原始分'), p(', 50%'), p(', 101'), p(', -1')]).toEqual([1, 1, 1, 1, 1]);
    expect([p(', 0'), p(', 100'), p(', 37.5')]).toEqual([0, 0, 0]);
  });

  it('KH-C125: a percent or an order where the function takes none', () => {
    const c = (x: string) => codes(ok(`  indicator 实绩 weight 100% = ${x}`)).filter((k) => k === 'KH-C125').length;
    expect([c('overall max(原始分, 5)'), c('cohort avg(原始分 desc)'), c('overall min(原始分, 5 asc)')]).toEqual([1, 1, 2]);
    expect([c('overall rank(原始分 asc)'), c('overall percentile(原始分, 5)')]).toEqual([0, 0]);
  });

  it('KH-C126: grade or bonus in the argument', () => {
    expect(codes(ok(`  indicator 实绩 weight 100% = 原始分
  grades { 优秀 when score >= 90\n 合格 otherwise }
  outcomes { bonus by grade { 优秀: 2, 合格: 1 }\n action 奖 "奖" when bonus > overall avg(bonus) }`))).toContain('KH-C126');
  });

  it('an unknown function after a scope is a syntax error naming the five', () => {
    const d = analyze(ok(`  indicator 实绩 weight 100% = overall sum(原始分)`)).diagnostics;
    expect(d.map((x) => x.code)).toContain('KH-P001');
    expect(d.find((x) => x.code === 'KH-P001')!.message).toBe(
      'expected `max`, `min`, `avg`, `percentile` or `rank` but found `sum`');
  });
});

describe('cohortSites: what the engine stages', () => {
  it('lists every aggregate in source order with the score result its argument needs, through lets', () => {
    const a = analyze(ok(`  let 均 = cohort avg(总分)
  let 加 = rewards + 0
  indicator 实绩 weight 100% = 原始分 / overall max(原始分) * 100
  grades { 优秀 when score >= 均 and score >= overall percentile(score, 50) and 1 <= overall max(原始分 - 0 * 1)\n 合格 otherwise }`));
    const sites = cohortSites(a.checked!);
    const text = (s: { agg: { span: { start: number; end: number } } }) => a.file.slice(s.agg.span);
    expect(sites.map((s) => [text(s), s.result?.name ?? null])).toEqual([
      ['cohort avg(总分)', 'score'],
      ['overall max(原始分)', null],
      ['overall percentile(score, 50)', 'score'],
      ['overall max(原始分 - 0 * 1)', null],
    ]);
    expect(cohortSites(analyze(ok(`  indicator 实绩 weight 100% = 原始分`)).checked!)).toEqual([]);
  });
});
