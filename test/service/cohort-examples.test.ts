// The language service in a cohort example (issue 13): after `A1.` completion offers what an
// expectation may read of one subject, in the file's keyword language; elsewhere `x.` is unchanged.

import { describe, expect, it } from 'vitest';
import { at, labels } from './helpers.js';

const zh = (expect: string) => `方案 测试 {
  输入 { 班子: 文本, 得分: 数值 }
  分组 班子
  指标 实绩 权重 100% = 得分
  等次 {
    优秀 当 总分 >= 90 比例 20%
    称职 其他
  }
  示例 名额 {
    已知 A1 { 班子: "一班", 得分: 95 }
    已知 "a-2" { 班子: "一班", 得分: 93 }
    预期 ${expect}
  }
}`;

describe('completion after a subject id', () => {
  it('offers result names, rank, cohortRank, demoted, flagged and the indicators, in Chinese', () => {
    const got = labels(zh('A1.|'));
    expect(got).toEqual(expect.arrayContaining(['总分', '评定等次', '名次', '组内名次', '比例调整', '超通常比例', '采取措施', '实绩']));
    expect(got).not.toContain('得分'); // an input is not a result
  });

  it('works for a string id and with English keywords', () => {
    expect(labels(zh('"a-2".|'))).toContain('组内名次');
    const english = `scheme t {
  input { g: text, s: number }
  cohort by g
  indicator a weight 100% = s
  example e {
    given A1 { g: "x", s: 1 }
    expect A1.|
  }
}`;
    expect(labels(english)).toEqual(expect.arrayContaining(['score', 'grade', 'rank', 'cohortRank', 'demoted', 'flagged', 'a']));
  });

  it('is not offered after a name that is no subject of the example', () => {
    expect(labels(zh('B9.|'))).not.toContain('组内名次');
  });
});

describe('hover after a subject id', () => {
  const hoverAt = (marked: string, ui: 'zh' | 'en' = 'zh') => { const { ls, offset } = at(marked, ui); return ls.hover(offset)?.markdown ?? ''; };

  it('describes rank and cohortRank, result names and indicators', () => {
    expect(hoverAt(zh('A1.名|次 == 1'))).toContain('在全体中的名次');
    expect(hoverAt(zh('A1.组内名|次 == 1'), 'en')).toContain('rank in its cohort');
    expect(hoverAt(zh('A1.实|绩 == 95'))).toContain('实绩');
    expect(hoverAt(zh('A1.总|分 == 95'))).not.toBe('');
  });
});
