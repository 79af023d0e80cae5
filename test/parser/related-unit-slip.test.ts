// A unit word after a related subject's field (`对象 班子 年度 等次 …`, an officer's slip, issue 14
// part 2): one KH-P014 with the fix that removes it — the field is read as meant meanwhile, so no
// cascade (undefined 班子, a second 等次 block, every example) — in both keyword languages; and the
// syntax error for a missing unit after `results of S` names `对象`/`for` (not `计入`).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic, type Diagnostic } from '../../dsl/diagnostics.js';
import { parse, reparse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { Field, Scheme } from '../../dsl/ast.js';

const zh = (type: string) => `方案 班子成员考核 {
  周期 年度
  分组 班子
  枚举 班子等次 { 好, 较好, 一般, 较差 }
  输入 {
    班子: 文本
    考核分: 数值 属于 [0, 100]
    班子结果: ${type}
  }
  定义 班子档次 = 班子结果.考核等次
  指标 个人 权重 100% = 考核分
  等次 {
    优秀 当 总分 >= 90 比例 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }
    称职 其他
  }
  示例 一名成员 {
    周期 "2026"
    已知 { 班子: "发改局", 考核分: 93, 班子结果: { 考核期: "2026", 得分: 92, 考核等次: 好 } }
    预期 评定等次 == 优秀
  }
}
`;
const en = (type: string) => `scheme 班子成员考核 {
  period annual
  cohort by 班子
  enum 班子等次 { 好, 较好, 一般, 较差 }
  input { 班子: text, 考核分: number in [0, 100], 班子结果: ${type} }
  let 班子档次 = 班子结果.grade
  indicator 个人 weight 100% = 考核分
  grades {
    优秀 when score >= 90 quota 班子档次 { 好: 30%, 较好: 25%, 一般: 20%, 较差: 15% }
    称职 otherwise
  }
}
`;

const fixed = (src: string, d: Diagnostic) => {
  let out = src;
  for (const e of [...d.fix!.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
};
const related = (src: string) => {
  const s = parse(new SourceFile(src)).value.scheme as Scheme;
  const input = s.decls.find((d) => d.kind === 'Input') as { fields: Field[] } | undefined;
  return input?.fields.find((f) => f.name.name === '班子结果')?.type;
};

describe('KH-P014: a unit word after a related subject’s field', () => {
  for (const [lang, make, good, slip] of [
    ['zh', zh, '引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 报错', '引用结果 领导班子考核 对象 班子 年度 等次 班子等次 缺失 报错'],
    ['en', en, 'results of 领导班子考核 for 班子 grades 班子等次 missing error', 'results of 领导班子考核 for 班子 quarterly grades 班子等次 missing error'],
  ] as const) {
    it(`${lang}: one error, the field read as meant; the fix removes the word`, () => {
      const src = make(slip);
      const ds = analyze(src).diagnostics;
      expect(ds.map((d) => d.code)).toEqual(['KH-P014']);
      expect(related(src)).toMatchObject({ kind: 'PeriodResults', form: 'related', subject: { name: '班子' }, grades: { name: '班子等次' }, missing: { mode: 'error' } });
      expect(related(src)).not.toHaveProperty('unit');
      const after = fixed(src, ds[0]);
      expect(after).toBe(make(good));
      expect(analyze(after).diagnostics).toEqual([]);
    });
  }

  it('says what is wrong in Chinese, with the fix title', () => {
    const d = localizeDiagnostic(analyze(zh('引用结果 领导班子考核 对象 班子 年度 等次 班子等次 缺失 报错')).diagnostics[0], 'zh');
    expect(d.message).toBe('“对象 班子”读取所指对象本考核期的结果，输入项后不写考核期类型：请删除“年度”');
    expect(d.fix!.title).toBe('删除“年度”');
  });

  it("the editor's incremental re-parse leaves it to the full parse", () => {
    const before = zh('引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 报错');
    const prev = parse(new SourceFile(before));
    expect(prev.diagnostics).toEqual([]);
    expect(reparse(before, prev.value, new SourceFile(zh('引用结果 领导班子考核 对象 班子 年度 等次 班子等次 缺失 报错')))).toBeUndefined();
  });
});

describe('a missing unit after `results of S`', () => {
  it('lists `对象` (`for` in an English-keyword scheme) among what may follow, as the file spells keywords', () => {
    const d = analyze(zh('引用结果 领导班子考核 等次 班子等次 缺失 报错')).diagnostics.find((x) => x.code === 'KH-P001')!;
    expect(localizeDiagnostic(d, 'zh').message).toBe('此处应为“年度”、“季度”、“月度”或“对象”，实际是“等次”');
    expect(d.message).toBe('expected `年度`, `季度`, `月度` or `对象` but found `等次`');
    const e = analyze(en('results of 领导班子考核 grades 班子等次 missing error')).diagnostics.find((x) => x.code === 'KH-P001')!;
    expect(e.message).toBe('expected `annual`, `quarterly`, `monthly` or `for` but found `grades`');
  });
});
