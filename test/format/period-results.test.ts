// Results of other periods (issue 14) printed by `kaohe fmt` and converted by --keywords both ways:
// `results of … missing skip exact` ↔ `引用结果 … 缺失 跳过 精确值`, `past 3 years` ↔ `过去 3 年`,
// `streak` ↔ `连续`, and a period result's field names (`r.score` ↔ `r.得分`, `季度结果.grade` ↔
// `季度结果.考核等次`, the keys of the records given in examples) — but not a record input's own field
// that happens to be called `score`. Goldens; the tree survives the round trip.

import { describe, expect, it } from 'vitest';
import { fmt } from './helpers.js';
import { expectGoldensAndRoundTrip } from './period-round-trip.js';

const en = `scheme 年度考核 {
  period annual
  enum 平时等次 { 好, 较好, 一般, 较差 }
  input {
    季度结果 "四个季度平时考核": results of 平时考核 quarterly  missing skip grades 平时等次
    往年 "近三年年度考核": past 3 years exact missing breaks
    月评: results of "月度 考核" monthly missing zero reported
    任务: list of { score: number }
  }
  indicator 平时 weight 100% = avg(季度结果.score) * 0.95 + count(r in 季度结果 where r.grade == 好) + sum(t in 任务 : t.score) * 0 + count(月评) * 0
  grades { 优秀 when score >= 90  称职 when score >= 60  不称职 otherwise }
  outcomes {
    action 记三等功 when grade == 优秀 and streak(r in 往年 where r.grade == 优秀) >= 2
    action 辞退 when grade == 不称职 and streak(x in 往年 where x.grade == 不称职 and not x.imported) >= 1
  }
  example 一 {
    period "2026"
    given {
      季度结果: [{ period: "2026-Q1", score: 88.5, grade: 好 }, { period: "2026-Q2", score: 90, grade: 较好, imported: true }],
      往年: [{ period: "2025", score: 91, grade: 优秀 }],
      月评: [],
      任务: [{ score: 1 }]
    }
    expect score == 84.3125
  }
}
`;
const zh = `方案 年度考核 {
  周期 年度
  枚举 平时等次 { 好, 较好, 一般, 较差 }
  输入 {
    季度结果: 引用结果 平时考核 季度 等次 平时等次 缺失 跳过 精确值
    往年: 过去 3 年 缺失 中断
  }
  指标 平时 权重 100% = 平均(季度结果.得分)
  等次 { 优秀 当 总分 >= 90  称职 其他 }
  结果运用 { 措施 记三等功 当 评定等次 == 优秀 且 连续(r 属于 往年 满足 r.考核等次 == 优秀) >= 2 }
  示例 一 {
    周期 "2026"
    已知 { 季度结果: [{ 考核期: "2026-Q1", 得分: 88, 考核等次: 好, 导入: 否 }], 往年: [] }
    预期 总分 == 88
  }
}
`;

describe('results of other periods in the formatter', () => {
  it('prints and converts, matching the goldens', async () => {
    await expectGoldensAndRoundTrip('period-results', ['annual', en], ['plain', zh]);
  });

  it('translates the fields of period results only, and puts the options in a fixed order', () => {
    const z = fmt(en, 'zh');
    expect(z).toContain('季度结果 "四个季度平时考核": 引用结果 平时考核 季度 等次 平时等次 缺失 跳过\n');
    expect(z).toContain('往年 "近三年年度考核": 过去 3 年 缺失 中断 精确值\n');
    expect(z).toContain('月评: 引用结果 "月度 考核" 月度 缺失 计零 公示值\n');
    expect(z).toContain('平均(季度结果.得分)');
    expect(z).toContain('计数(r 属于 季度结果 满足 r.考核等次 == 好)');
    expect(z).toContain('连续(x 属于 往年 满足 x.考核等次 == 不称职 且 非 x.导入)');
    expect(z).toContain('合计(t 属于 任务 : t.「score」)'); // a declared record field keeps its name (quoted: reserved)
    expect(z).toContain('{ 考核期: "2026-Q2", 得分: 90, 考核等次: 较好, 导入: 是 }');
    expect(z).toContain('{ 「score」: 1 }');
    expect(fmt(zh, 'en')).toContain('{ period: "2026-Q1", score: 88, grade: 好, imported: false }');
    expect(fmt(zh, 'en')).toContain('streak(r in 往年 where r.grade == 优秀) >= 2');
  });
});
