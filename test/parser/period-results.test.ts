// Results of other periods (issue 14) in the parser: the input field types `results of SCHEME UNIT
// [grades ENUM] [missing …] [exact|reported]` and `past N years|quarters|months [missing …]
// [exact|reported]` in both keyword languages, options in any order (a repeat kept aside for
// KH-C168, any policy word accepted for KH-C167), `streak(r in L where C)` / `连续(r 属于 L 满足 C)`
// as an aggregate, and the fields of a period result after `.` and as given keys.

import { describe, expect, it } from 'vitest';
import type { AggregateExpr, Decl, PeriodResultsType } from '../../dsl/ast.js';
import { parseText, shiftsExactlyOnce } from './helpers.js';

function inputTypes(text: string): PeriodResultsType[] {
  const r = parseText(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const input = r.scheme!.decls.find((d): d is Extract<Decl, { kind: 'Input' }> => d.kind === 'Input')!;
  return input.fields.map((f) => f.type as PeriodResultsType);
}

/** The type without spans, for comparison. */
const shape = (t: PeriodResultsType) => JSON.parse(JSON.stringify(t, (k, v) => (k === 'span' || k === 'unitAt' ? undefined : v)));

const EN = `scheme 年度考核 {
  input {
    季度结果 "四个季度": results of 平时考核 quarterly grades 平时等次 missing skip exact
    往年: past 3 years missing breaks
    月评: results of "月度 平时考核" monthly reported missing error
    近季: past 8 quarters missing skip
  }
}`;
const ZH = `方案 年度考核 {
  输入 {
    季度结果 "四个季度": 引用结果 平时考核 季度 等次 平时等次 缺失 跳过 精确值
    往年: 过去 3 年 缺失 中断
    月评: 引用结果 "月度 平时考核" 月度 公示值 缺失 报错
    近季: 过去 8 个季度 缺失 跳过
  }
}`;

describe('results of / past input types', () => {
  it('reads both forms with their options, the same in both keyword languages', () => {
    const en = inputTypes(EN);
    expect(en.map(shape)).toEqual([
      { kind: 'PeriodResults', form: 'resultsOf', scheme: { name: '平时考核' }, unit: 'quarterly', grades: { name: '平时等次' }, missing: { mode: 'skip' }, values: { mode: 'exact' } },
      { kind: 'PeriodResults', form: 'past', unit: 'annual', count: { kind: 'Number', text: '3', percent: false }, missing: { mode: 'breaks' } },
      { kind: 'PeriodResults', form: 'resultsOf', scheme: { name: '月度 平时考核' }, schemeString: true, unit: 'monthly', missing: { mode: 'error' }, values: { mode: 'reported' } },
      { kind: 'PeriodResults', form: 'past', unit: 'quarterly', count: { kind: 'Number', text: '8', percent: false }, missing: { mode: 'skip' } },
    ]);
    expect(inputTypes(ZH).map(shape)).toEqual(en.map(shape));
  });

  it('records the unit word and a policy without a missing word', () => {
    const [t] = inputTypes('scheme s { input { 往年: past 2 months } }');
    expect(t.unit).toBe('monthly');
    expect(t.missing).toBeUndefined();
    expect(t.values).toBeUndefined();
    const text = 'scheme s { input { 往年: past 2 months } }';
    expect(text.slice(t.unitAt!.span.start, t.unitAt!.span.end)).toBe('months');
  });

  it('keeps the first of a repeated option and the repeat aside; takes any policy word', () => {
    const text = 'scheme s { input { 季度结果: results of 甲 quarterly missing breaks exact missing zero reported grades 乙 grades 丙 } }';
    const [t] = inputTypes(text);
    expect(t.missing?.mode).toBe('breaks');
    expect(t.values?.mode).toBe('exact');
    expect(t.grades?.name).toBe('乙');
    expect(t.repeated!.map((r) => [r.option, text.slice(r.span.start, r.span.end)])).toEqual([
      ['missing', 'missing zero'], ['values', 'reported'], ['grades', 'grades 丙'],
    ]);
  });

  it('is a syntax error without the scheme, the unit or N', () => {
    for (const bad of ['results of quarterly missing skip', 'results of 甲 missing skip', 'past years missing skip', 'past 3 missing skip', 'results of 甲 years']) {
      const r = parseText(`scheme s { input { x: ${bad} } }`);
      expect(r.diagnostics.filter((d) => d.severity === 'error').length, bad).toBeGreaterThan(0);
    }
  });

  it('shifts every span of the new type exactly once (incremental parsing)', () => {
    const text = 'scheme s { input { 季度结果: results of 甲 quarterly grades 乙 missing skip exact missing zero\n 往年: past 3 years missing breaks } }';
    shiftsExactlyOnce(text, text.indexOf('past'));
  });
});

describe('streak and the fields of a period result', () => {
  const agg = (text: string): AggregateExpr => {
    const r = parseText(text);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const d = r.scheme!.decls.find((x) => x.kind === 'Let')!;
    return (d as Extract<Decl, { kind: 'Let' }>).value as AggregateExpr;
  };

  it('reads streak as an aggregate in both languages', () => {
    for (const text of ['scheme s { let n = streak(r in 往年 where r.grade == 优秀) }', '方案 s { 定义 n = 连续(r 属于 往年 满足 r.考核等次 == 优秀) }']) {
      const a = agg(text);
      expect(a.kind).toBe('Aggregate');
      expect(a.fn).toBe('streak');
      expect(a.binder.name).toBe('r');
      expect(a.where?.kind).toBe('Binary');
    }
  });

  it('reads keyword spellings after `.` and before `:` in a given as names', () => {
    const r = parseText(`scheme s {
  let p = count(r in 季度结果 where r.period == "2026-Q1")
  example e { given { 季度结果: [{ period: "2026-Q1", score: 1, grade: 好, imported: false }] } expect score == 1 }
}`);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ex = r.scheme!.decls.find((d) => d.kind === 'Example') as Extract<Decl, { kind: 'Example' }>;
    const list = ex.given.entries[0].value;
    expect(list.kind === 'List' && list.items[0].kind === 'Object' && list.items[0].entries.map((x) => x.key.name)).toEqual(['period', 'score', 'grade', 'imported']);
  });
});
