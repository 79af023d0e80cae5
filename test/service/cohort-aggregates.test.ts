// The language service and cohort aggregates (issue 13): after `overall `/`全体 ` (and `cohort `/`本组 `)
// completion offers the five functions in the file's keyword language — but not after a quota's scope
// (`quota 25% overall`); hovering the function word says what it computes over which subjects.

import { describe, expect, it } from 'vitest';
import { at, labels } from './helpers.js';

const zh = (body: string) => `方案 测试 {
  输入 { 得分: 数值 属于 [1, 100] }
  指标 实绩 权重 100% = ${body}
  等次 {
    优秀 当 总分 >= 90 比例 20% 全体
    称职 其他
  }
}`;
const en = (body: string) => `scheme t {
  input { s: number in [1, 100] }
  indicator a weight 100% = ${body}
  grades { good when score >= 90 quota 20% overall\n ok otherwise }
}`;

describe('completion after a scope keyword', () => {
  it('offers the five functions, in the keyword language of the file, and only those', () => {
    expect(labels(zh('得分 / 全体 |'))).toEqual(['最大', '最小', '平均', '百分位', '名次']);
    expect(labels(zh('本组 |'))).toEqual(['最大', '最小', '平均', '百分位', '名次']);
    expect(labels(en('s / overall |'))).toEqual(['max', 'min', 'avg', 'percentile', 'rank']);
  });

  it('offers the scope keywords in expressions', () => {
    expect(labels(zh('得分 / |'))).toEqual(expect.arrayContaining(['全体', '本组']));
  });

  it('not after a quota scope', () => {
    const text = `scheme t {
  input { s: number }
  indicator a weight 100% = s
  grades { good when score >= 90 quota 20% overall |\n ok otherwise }
}`;
    expect(labels(text)).not.toContain('max');
  });
});

describe('hover on the function word', () => {
  it('says the function and its scope, in the UI language', () => {
    const { ls, text } = at(zh('得分 / 全体 最大(得分) * 100|'));
    const h = ls.hover(text.indexOf('最大') + 1)!;
    expect(text.slice(h.span.start, h.span.end)).toBe('最大');
    expect(h.markdown).toContain('最大：全体或本组汇总值，范围为全体人员');
    expect(h.markdown).toContain('最大值');
    const e = at(en('s / cohort rank(s asc)|'), 'en');
    const he = e.ls.hover(e.text.indexOf('rank') + 1)!;
    expect(he.markdown).toContain("rank: cohort aggregate, over the subjects of the subject's cohort");
    expect(he.markdown).toContain('1 = largest');
  });
});
