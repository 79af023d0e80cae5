// A related subject's result (issue 14 part 2) printed by `kaohe fmt` and converted by --keywords:
// `results of 领导班子考核 for 班子 grades 班子等次 missing error` ↔ `引用结果 领导班子考核 对象 班子 等次
// 班子等次 缺失 报错`. `for` has two Chinese spellings and the formatter picks by position: 对象 here,
// 计入 for an item attached to an indicator, in the same file. The field names of the one record
// (`班子结果.grade` ↔ `班子结果.考核等次`, the keys of the record given in an example) are translated.
// Goldens; the tree survives the round trip.

import { describe, expect, it } from 'vitest';
import { fmt } from './helpers.js';
import { expectGoldensAndRoundTrip } from './period-round-trip.js';

const en = `scheme 班子成员考核 {
  period annual
  cohort by 班子
  enum 班子等次 ordered { 较差, 一般, 较好, 好 }
  input {
    班子 "所在领导班子": text
    班子结果 "领导班子年度考核": results of 领导班子考核 for 班子   missing error grades 班子等次
    单位结果: results of "单位 考核" for 班子 reported missing zero
    测评分: number in [0, 100]
    迟到: integer = 0
  }
  let 班子档次 = 班子结果.grade
  indicator 民主测评 weight 100% = 测评分 + 单位结果.score * 0
  negative 扣分 { item 迟到扣分 for 民主测评 when 迟到 > 0 => deduct 1 per 迟到 }
  grades {
    优秀 when score >= 90 quota 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }
    称职 otherwise
  }
  example 甲 {
    period "2026"
    given { 班子: "发改局班子", 班子结果: { period: "2026", score: 91, grade: 好, imported: false }, 单位结果: { period: "2026", score: 80 }, 测评分: 95 }
    expect score == 95
  }
}
`;
const zh = `方案 班子成员考核 {
  周期 年度
  枚举 班子等次 { 好, 一般 }
  输入 {
    班子: 文本
    班子结果: 引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 计零 精确值
  }
  指标 测评分 权重 100% = 班子结果.得分
  等次 { 优秀 当 班子结果.考核等次 == 好  称职 其他 }
  示例 一 {
    周期 "2026"
    已知 { 班子: "甲", 班子结果: { 考核期: "2026", 得分: 88, 考核等次: 好 } }
    预期 总分 == 88
  }
}
`;

describe('a related subject\'s result in the formatter', () => {
  it('prints and converts, matching the goldens', async () => {
    await expectGoldensAndRoundTrip('related-results', ['members', en], ['plain', zh]);
  });

  it('writes `for` as 对象 before the subject field and 计入 for an attached item', () => {
    const z = fmt(en, 'zh');
    expect(z).toContain('班子结果 "领导班子年度考核": 引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 报错\n');
    expect(z).toContain('单位结果: 引用结果 "单位 考核" 对象 班子 缺失 计零 公示值\n');
    expect(z).toContain('事项 迟到扣分 计入 民主测评 当 迟到 > 0');
    expect(z).toContain('定义 班子档次 = 班子结果.考核等次');
    expect(z).toContain('班子结果: { 考核期: "2026", 得分: 91, 考核等次: 好, 导入: 否 }');
    const e = fmt(zh, 'en');
    expect(e).toContain('班子结果: results of 领导班子考核 for 班子 grades 班子等次 missing zero exact\n');
    expect(e).toContain('班子结果: { period: "2026", score: 88, grade: 好 }');
    expect(e).toContain('优秀 when 班子结果.grade == 好');
  });
});
