// The scheme document says how a quota is counted (U6 L-10): `比例 20%` without `向下取整` reads
// “不超过本组人数的20%” and a reader assumes 四舍五入; the engine takes floor(20% × N) (spec
// LANGUAGE.md, Quotas) and demotes everyone still tied across the line. Both said, zh and en; an
// explicit rounding is said as written.

import { describe, expect, it } from 'vitest';
import { docOf, docText } from './scheme-text.js';

const scheme = (quota: string) => `scheme 比例 {
  period annual
  cohort by 单位
  input { 单位: text  实绩: number }
  indicator 工作实绩 weight 100% = 实绩
  grades {
    优秀 when score >= 90 ${quota}
    称职 otherwise
  }
}`;

describe('quota words in the scheme document', () => {
  it('the default rounding (down) and the whole-tie rule, zh and en', () => {
    const zh = docText(docOf(scheme('quota 20%'), 'zh'));
    expect(zh).toContain('| “优秀” | 总分达到90分 | 不超过本组人数的20%（向下取整） |');
    expect(zh).toContain('按上述依据排序后仍完全并列、又跨越名额线的人员，均评为其符合条件的下一等次');
    const en = docText(docOf(scheme('quota 20%'), 'en'));
    expect(en).toContain('at most 20% of each group (rounded down) |');
    expect(en).toContain('People still tied on every one of these across the quota line are all given the next grade');
  });

  it('a rounding written in the scheme is said as written, once', () => {
    const zh = docText(docOf(scheme('quota 20% round up'), 'zh'));
    expect(zh).toContain('不超过本组人数的20%（向上取整） |');
    expect(zh).not.toContain('向下取整');
    expect(docText(docOf(scheme('quota 20% round down'), 'zh')).match(/向下取整/g)).toHaveLength(1);
  });

  it('no quota: neither sentence', () => {
    const zh = docText(docOf(scheme(''), 'zh'));
    expect(zh).not.toContain('向下取整');
    expect(zh).not.toContain('跨越名额线');
  });
});
