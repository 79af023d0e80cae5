// KH-C112 over results of other periods (issue 14, dsl/check/passes/empty-aggregates.ts): a `results of
// … missing skip` input and a `past …` input can be empty (a person with no result in those periods),
// so `avg`/`min`/`max` over them — or over a projection such as `季度结果.得分` — warn, with the guard
// as a fix (no `min 1` can be declared on such an input); `missing zero|error` never leave the list
// empty, and a `count` of the list (or of the list a projection is of, directly or through a let) guards it.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic, type Diagnostic } from '../../dsl/diagnostics.js';

const scheme = (lets: string, policy = 'skip') => `
scheme 年度考核 {
  period annual
  input {
    季度结果: results of 平时考核 quarterly missing ${policy}
    往年: past 2 years missing breaks
  }
${lets}
  indicator 实绩 weight 100% = 50
  grades {
    称职 when score >= 60
    不称职 otherwise
  }
}`;

const c112 = (src: string): Diagnostic[] => analyze(src).diagnostics.filter((d) => d.code === 'KH-C112');
const applyFix = (src: string, d: Diagnostic): string => {
  const [e] = d.fix!.edits; // spans are offsets into the source
  return src.slice(0, e.span.start) + e.text + src.slice(e.span.end);
};

describe('KH-C112 over results of other periods', () => {
  it('warns for `missing skip` and `past` lists, projections included, with the guard as a fix', () => {
    const src = scheme(`  let a = avg(季度结果.得分)
  let b = min(r in 季度结果 : r.得分)
  let c = max(往年.得分)
  let d = a + b + c`);
    const found = c112(src);
    expect(found.map((d) => d.range.start.line)).toEqual([8, 9, 10]);
    expect(found[0].message).toBe('avg(…) has no value when `季度结果.得分` is empty, and input 季度结果 is `missing skip`, which leaves out the periods without a result (a person may have none): guard the expression (`if count(…) > 0 then … else …`)');
    expect(localizeDiagnostic(found[2], 'zh').message).toBe('当“往年.得分”为空时，“max(…)”没有值，而输入项“往年”只含有结果的此前各期（一个人可能一期也没有）：请先判断（“如果 计数(…) > 0 则 … 否则 …”）');
    expect(found[0].fix?.title).toBe('guard it: `if count(季度结果) > 0 then avg(季度结果.得分) else 0`');
    // each fix silences its warning and leaves a scheme without errors
    for (const d of found) {
      const fixed = applyFix(src, d);
      const left = analyze(fixed).diagnostics;
      expect(left.filter((x) => x.severity === 'error')).toEqual([]);
      expect(left.filter((x) => x.code === 'KH-C112')).toHaveLength(found.length - 1);
    }
  });

  it('never for `missing zero|error` (a record or a failure per sub-period), nor under a count guard', () => {
    expect(c112(scheme('  let a = avg(季度结果.得分)', 'zero'))).toEqual([]);
    expect(c112(scheme('  let a = avg(r in 季度结果 : r.得分)', 'error'))).toEqual([]);
    expect(c112(scheme(`  let a = if count(季度结果) > 0 then avg(季度结果.得分) else 0
  let 往年数 = count(往年)
  let b = if 往年数 == 0 then 0 else max(r in 往年 : r.得分)
  let c = a + b`))).toEqual([]);
    // a filtered aggregate still needs its own filter's count
    expect(c112(scheme('  let a = if count(季度结果) > 0 then avg(r in 季度结果 where r.得分 > 60 : r.得分) else 0', 'zero'))).toHaveLength(1);
  });

  it('writes the fix in the file\'s keywords', () => {
    const src = `
方案 年度考核 {
  周期 年度
  输入 {
    季度结果: 引用结果 平时考核 季度 缺失 跳过
  }
  定义 均分 = 平均(季度结果.得分)
  指标 实绩 权重 100% = 均分
  等次 {
    称职 当 总分 >= 60
    不称职 其他
  }
}`;
    const [d] = c112(src);
    expect(localizeDiagnostic(d, 'zh').fix?.title).toBe('先判断：“如果 计数(季度结果) > 0 则 平均(季度结果.得分) 否则 0”');
    expect(analyze(applyFix(src, d)).diagnostics.filter((x) => x.code === 'KH-C112' || x.severity === 'error')).toEqual([]);
  });
});
