// `grades by committee` (issue 13) in both keyword languages: parsed into GradesDecl.committee,
// printed by `kaohe fmt` (with and without tiebreak keys), converted by --keywords both ways, golden.

import { describe, expect, it } from 'vitest';
import type { GradesDecl } from '../../dsl/ast.js';
import { fmt, parseOk, sameTree } from './helpers.js';

const en = `scheme 干部 {
  input { 实绩: number }
  indicator 实绩分 weight 100% = 实绩
  grades   by committee   tiebreak 实绩 desc {  // the committee decides
    优秀 when score >= 90 quota 20%
    称职 otherwise
  }
}
`;
const zhPlain = `方案 班子 {
  输入 { 实绩: 数值 }
  指标 实绩分 权重 100% = 实绩
  等次 集体研究 {
    好 当 总分 >= 90
    一般 其他
  }
}
`;

const gradesOf = (text: string) => parseOk(text).scheme!.decls.find((d): d is GradesDecl => d.kind === 'Grades')!;

describe('grades by committee', () => {
  it('parses in both keyword languages, before the tiebreak keys', () => {
    const g = gradesOf(en);
    expect(en.slice(g.committee!.span.start, g.committee!.span.end)).toBe('by committee');
    expect(g.tiebreak).toHaveLength(1);
    const z = gradesOf(zhPlain);
    expect(zhPlain.slice(z.committee!.span.start, z.committee!.span.end)).toBe('集体研究');
    expect(gradesOf(en.replace('by committee', '')).committee).toBeUndefined();
  });

  it('prints and converts, matching the goldens', async () => {
    await expect(fmt(en, 'en')).toMatchFileSnapshot('__golden__/committee/committee.en.kaohe');
    await expect(fmt(en, 'zh')).toMatchFileSnapshot('__golden__/committee/committee.zh.kaohe');
    await expect(fmt(zhPlain, 'en')).toMatchFileSnapshot('__golden__/committee/plain.en.kaohe');
    await expect(fmt(zhPlain, 'zh')).toMatchFileSnapshot('__golden__/committee/plain.zh.kaohe');
    for (const src of [en, zhPlain]) {
      const e = fmt(src, 'en'), z = fmt(src, 'zh');
      expect(fmt(z, 'en')).toBe(e);
      expect(fmt(e, 'zh')).toBe(z);
      expect(fmt(e)).toBe(e);
      sameTree(parseOk(src), parseOk(z));
    }
  });
});
