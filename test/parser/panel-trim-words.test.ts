// A panel's trim rule written in the 指南's words (U6 M-10): `去掉最高最低分` on its own line in a 测评组
// gave three misleading errors — `单位` unknown (line 7), `权重` expected at the next line, and the input
// block "after the end of the scheme" — and none at the phrase. Now: one KH-P001 at the phrase, naming the
// rule's syntax (`去掉 1 当 计数 >= 5`, LANGUAGE.md §5) in the file's keyword language, a fix that writes
// it, and nothing after it (the rest of the panel and the file are read as written).
import { describe, expect, it } from 'vitest';
import { analyze, reanalyze } from '../../dsl/index.js';
import { localizeDiagnostic, type Diagnostic } from '../../dsl/diagnostics.js';

const zh = (line: string) => `方案 县年度考核 {
  分组 单位
  测评组 民主测评 "民主测评" {
    上级 权重 40%
    同级 权重 30%
    下级 权重 20%
    服务对象 权重 10%
    ${line}
    缺失 重新归一
  }
  输入 {
    单位: 文本
    政治素质评价: 评分 民主测评
  }
  类别 共性指标 权重 100% {
    指标 政治素质 权重 100% = 测评 政治素质评价
  }
  等次 {
    优秀 当 总分 >= 90
    称职 其他
  }
}
`;

const en = (line: string) => `scheme s {
  panel p {
    a weight 50%
    b weight 50%
    ${line}
  }
  input { r: ratings of p }
  indicator x weight 100% = rate r
}
`;

const fixed = (src: string, d: Diagnostic) => {
  const e = d.fix!.edits[0];
  return src.slice(0, e.span.start) + e.text + src.slice(e.span.end);
};

/** The only diagnostic of `src`: where it is (line), what it covers, its messages, and the fixed text. */
function one(src: string) {
  const ds = analyze(src).diagnostics;
  expect(ds.map((d) => `${d.code}@${d.range.start.line}`)).toHaveLength(1);
  const d = ds[0];
  return { code: d.code, line: d.range.start.line, at: src.slice(d.span.start, d.span.end), en: d.message,
    zh: localizeDiagnostic(d, 'zh').message, after: fixed(src, d) };
}

describe('a panel trim rule in words (U6 M-10)', () => {
  it('the rule as LANGUAGE.md writes it checks clean, in both keyword languages', () => {
    expect(analyze(zh('去掉 1 当 计数 >= 5')).diagnostics).toEqual([]);
    expect(analyze(en('trim 1 when count >= 5')).diagnostics).toEqual([]);
  });

  it('`去掉最高最低分`: one error on its line, naming the rule; the fix checks clean', () => {
    const r = one(zh('去掉最高最低分'));
    expect(r).toMatchObject({ code: 'KH-P001', line: 8, at: '去掉最高最低分' });
    expect(r.zh).toBe('“去掉最高最低分”不是测评组的写法：去掉最高分和最低分写作“去掉 1 当 计数 >= 5”（某类评价人的评分不少于 5 个时，去掉其中 1 个最高分和 1 个最低分；数字按办法填写）；此处未读取任何去分规则');
    expect(r.en).toBe('`去掉最高最低分` is not a panel line: dropping the highest and lowest ratings is the trim rule `去掉 1 当 计数 >= 5` (with at least 5 ratings in a category, drop its 1 highest and 1 lowest; choose the numbers); no rule was read here');
    expect(r.after).toBe(zh('去掉 1 当 计数 >= 5'));
    expect(analyze(r.after).diagnostics).toEqual([]);
  });

  for (const words of ['去掉 最高 最低分', '去掉一个最高分和一个最低分', '去掉最高最低分 当 计数 >= 5']) {
    it(`\`${words}\`: the whole line, once`, () => {
      const r = one(zh(words));
      expect(r).toMatchObject({ code: 'KH-P001', line: 8, at: words });
      expect(analyze(r.after).diagnostics).toEqual([]);
    });
  }

  it('as the panel\'s last line, before `}`', () => {
    const src = zh('去掉最高最低分').replace('    缺失 重新归一\n', '');
    expect(one(src)).toMatchObject({ line: 8, at: '去掉最高最低分' });
  });

  it('in English keywords the rule is named in English', () => {
    const r = one(en('trim highest and lowest'));
    expect(r).toMatchObject({ code: 'KH-P001', line: 5, at: 'trim highest and lowest' });
    expect(r.en).toContain('the trim rule `trim 1 when count >= 5`');
    expect(analyze(r.after).diagnostics).toEqual([]);
  });

  it('a category whose name starts with 去掉 or trim is still a category', () => {
    expect(analyze(en('trimmed weight 0%')).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).not.toContain('KH-P001');
    const src = zh('去掉项 "去掉的人" 权重 0%');
    expect(analyze(src).diagnostics.filter((d) => d.code.startsWith('KH-P'))).toEqual([]);
  });

  it('typing the phrase into a clean panel is not hidden by the editor\'s incremental re-parse', () => {
    const clean = zh('去掉 1 当 计数 >= 5');
    const edited = zh('去掉最高最低分');
    const again = reanalyze(analyze(clean), edited); // the edit lies inside the panel: only it would be re-parsed
    expect(again?.diagnostics ?? analyze(edited).diagnostics).toEqual(analyze(edited).diagnostics);
    expect(analyze(edited).diagnostics.map((d) => d.code)).toEqual(['KH-P001']);
  });
});
