// An example that leaves out a roll-up list (U6 L-4): `往年: 过去 1 年 缺失 跳过` left out of an example
// read “未给出必填字段“往年”” in each example, and the officer took `缺失 跳过` for a default. The
// engine requires the list as the checker does (a round's server fills it; `kaohe eval` needs it, or
// --periods); the message now says how to write none (`往年: []`) and what the missing rule is for.
// Other required fields keep their message.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { diags } from './helpers.js';

const scheme = (given: string) => `方案 年度 {
  周期 年度
  输入 {
    实绩: 数值
    往年 "上年度考核": 过去 1 年 缺失 跳过
  }
  指标 实绩分 权重 100% = 实绩
  等次 { 称职 当 总分 >= 60  不称职 其他 }
  示例 甲 { 周期 "2026"  已知 { ${given} }  预期 评定等次 == 称职 }
}`;

const c052 = (src: string) => diags(src).filter((d) => d.code === 'KH-C052');

describe('an example without a roll-up list (U6 L-4)', () => {
  it('says to write 往年: [] for none, zh and en', () => {
    const [d] = c052(scheme('实绩: 80'));
    expect(d).toBeDefined();
    const zh = render(d!.msg!, 'zh'), en = render(d!.msg!, 'en');
    expect(zh).toContain('未给出字段“往年”：请写出它读取的结果，没有结果时写“往年: []”');
    expect(en).toContain('or 往年: [] for none');
  });

  it('往年: [] passes; a missing plain field keeps its message', () => {
    expect(c052(scheme('实绩: 80, 往年: []'))).toEqual([]);
    const [d] = c052(scheme('往年: []'));
    expect(render(d!.msg!, 'zh')).toContain('未给出必填字段“实绩”');
  });
});
