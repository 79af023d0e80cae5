// A related subject's result (issue 14 part 2) in the parser: `results of SCHEME for FIELD [grades
// ENUM] [missing …] [exact|reported]` / `引用结果 SCHEME 对象 FIELD …` — form 'related', the FIELD as
// `subject`, no unit. 对象 is a second Chinese spelling of `for` (a whole word: 服务对象 stays a name).

import { describe, expect, it } from 'vitest';
import type { Decl, PeriodResultsType } from '../../dsl/ast.js';
import { keywordOf } from '../../dsl/keywords.js';
import { parseText, shiftsExactlyOnce } from './helpers.js';

function inputTypes(text: string): PeriodResultsType[] {
  const r = parseText(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const input = r.scheme!.decls.find((d): d is Extract<Decl, { kind: 'Input' }> => d.kind === 'Input')!;
  return input.fields.map((f) => f.type as PeriodResultsType);
}

/** The type without spans, for comparison. */
const shape = (t: PeriodResultsType) => JSON.parse(JSON.stringify(t, (k, v) => (k === 'span' ? undefined : v)));

const EN = `scheme 班子成员考核 {
  input {
    班子: text
    班子结果 "领导班子年度考核": results of 领导班子考核 for 班子 grades 班子等次 missing error
    单位结果: results of "单位 考核" for 班子 exact missing zero
  }
}`;
const ZH = `方案 班子成员考核 {
  输入 {
    班子: 文本
    班子结果 "领导班子年度考核": 引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 报错
    单位结果: 引用结果 "单位 考核" 对象 班子 精确值 缺失 计零
  }
}`;

describe('results of SCHEME for FIELD', () => {
  it('parses the related form in both keyword languages to the same tree', () => {
    const en = inputTypes(EN).slice(1);
    expect(en.map(shape)).toEqual([
      { kind: 'PeriodResults', form: 'related', scheme: { name: '领导班子考核' }, subject: { name: '班子' }, grades: { name: '班子等次' }, missing: { mode: 'error' } },
      { kind: 'PeriodResults', form: 'related', scheme: { name: '单位 考核' }, schemeString: true, subject: { name: '班子' }, values: { mode: 'exact' }, missing: { mode: 'zero' } },
    ]);
    expect(inputTypes(ZH).slice(1).map(shape)).toEqual(en.map(shape));
    for (const t of en) { expect(t.unit).toBeUndefined(); expect(t.unitAt).toBeUndefined(); }
  });

  it('records where the field is written', () => {
    const [, t] = inputTypes(EN);
    expect(EN.slice(t.subject!.span.start, t.subject!.span.end)).toBe('班子');
    expect(EN.slice(t.span.start, t.span.end)).toBe('results of 领导班子考核 for 班子 grades 班子等次 missing error');
  });

  it('reads 对象 as `for` only as a whole word; 计入 is the same keyword', () => {
    expect(keywordOf('对象')).toBe('for');
    expect(keywordOf('服务对象')).toBeUndefined();
    const [, t] = inputTypes('方案 s { 输入 { 服务对象: 文本\n 结果: 引用结果 评议 计入 服务对象 缺失 计零 } }');
    expect(t.form).toBe('related');
    expect(t.subject?.name).toBe('服务对象');
  });

  it('is a syntax error without the field, and without the scheme', () => {
    for (const bad of ['results of 甲 for missing error', 'results of 甲 for', 'results of for 班子 missing error', '引用结果 甲 对象']) {
      const r = parseText(`scheme s { input { 班子: text\n x: ${bad} } }`);
      expect(r.diagnostics.filter((d) => d.code === 'KH-P001').length, bad).toBeGreaterThan(0);
    }
  });

  it('shifts every span of the related form exactly once (incremental parsing)', () => {
    const text = 'scheme s { input { 班子: text\n 班子结果: results of 甲 for 班子 grades 乙 missing error exact missing zero\n 往年: past 3 years missing breaks } }';
    shiftsExactlyOnce(text, text.indexOf('班子 grades'));
    shiftsExactlyOnce(text, text.indexOf('past'));
  });
});
