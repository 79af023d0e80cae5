// 真/假, 对/错, True/False for a yes/no value (U5 A-2: `受处分: 布尔 = 假` gave a bare "未定义的名称“假”"):
// KH-C001 names the literals of the scheme's keyword language (是/否, true/false) and the fix writes the
// one meant; a scheme that declares such a name keeps it.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';

const zh = (value: string) => `方案 是非 {
  输入 { 受处分: 布尔 = ${value}, 得分: 数值 属于 [0, 100] }
  指标 业绩 权重 100% = 如果 受处分 则 0 否则 得分
  等次 { 称职 其他 }
}
`;

const fixed = (src: string) => {
  const [d] = analyze(src).diagnostics;
  const e = d.fix!.edits[0];
  return src.slice(0, e.span.start) + e.text + src.slice(e.span.end);
};

describe('KH-C001 for a word meaning yes or no', () => {
  for (const [word, meant] of [['假', '否'], ['错', '否'], ['真', '是'], ['对', '是'], ['False', '否'], ['TRUE', '是']] as const) {
    it(`${word} in a zh-keyword scheme: names 是/否, fix ${meant}`, () => {
      const src = zh(word);
      const ds = analyze(src).diagnostics;
      expect(ds.map((d) => d.code)).toEqual(['KH-C001']);
      const z = localizeDiagnostic(ds[0], 'zh');
      expect(z.message).toBe(`未定义的名称“${word}”；布尔值（是非）写作“是”或“否”`);
      expect(z.fix!.title).toBe(`改为“${meant}”`);
      expect(analyze(fixed(src)).diagnostics).toEqual([]);
    });
  }

  it('an English-keyword scheme names true/false', () => {
    const src = 'scheme s {\n  input { a: bool = False }\n  indicator x weight 100% = if a then 0 else 100\n  grades { ok otherwise }\n}\n';
    const [d] = analyze(src).diagnostics;
    expect(d.message).toBe("unknown name 'False'; a yes/no value is written 'true' or 'false'");
    expect(fixed(src)).toContain('a: bool = false');
  });

  it('a declared name 对 is a name, and another unknown name gets the plain message', () => {
    const src = zh('否').replace('得分: 数值', '对: 数值').replace('否则 得分', '否则 对');
    expect(analyze(src).diagnostics).toEqual([]);
    const [d] = analyze(zh('不详')).diagnostics;
    expect(localizeDiagnostic(d, 'zh').message).toBe('未定义的名称“不详”');
  });
});
