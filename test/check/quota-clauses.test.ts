// A quota clause as a 组织部 officer writes it (issue 13 follow-up): the scope and the other options
// before the share (`比例 全体 25%`), a grade kept when its quota clause fails to parse (no cascade of
// "unknown grade" in the examples), and a soft share written with the document's word (`比例 20% 一般
// 15%`, "一般不超过 15%"): one KH-P013 with the fix that writes `通常`, read as meant meanwhile.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { parse, reparse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { Diagnostic } from '../../dsl/diagnostics.js';
import type { GradesDecl, Quota, Scheme } from '../../dsl/ast.js';
import { normalize } from '../format/helpers.js';

const zh = (quota: string, more = '') => `方案 甲 "测试" {
  分组 班子
  输入 { 班子: 文本, 得分: 数值 }
  指标 实绩 权重 100% = 得分
  等次 {
    优秀 当 总分 >= 90 ${quota}
    称职 其他${more}
  }
  示例 一 "两人" {
    已知 A1 { 班子: "一", 得分: 95 }
    已知 A2 { 班子: "一", 得分: 93 }
    预期 A1.评定等次 == 优秀 且 A2.评定等次 == 称职
  }
}
`;
const en = (quota: string) => `scheme 甲 {
  cohort by 班子
  input { 班子: text, 得分: number }
  indicator 实绩 weight 100% = 得分
  grades {
    优秀 when score >= 90 ${quota}
    称职 otherwise
  }
}
`;

const parsed = (src: string) => parse(new SourceFile(src));
const codesOf = (src: string) => analyze(src).diagnostics.map((d) => d.code);
const gradesOf = (s: Scheme | undefined) => s!.decls.find((d): d is GradesDecl => d.kind === 'Grades')!;
const quotasOf = (src: string): unknown => normalize(gradesOf(parsed(src).value.scheme).grades[0].quotas);
const numbers = (q: Quota) => ({ percent: q.percent?.text, normal: q.normal?.text, scope: q.scope });

/** `src` with the fix of `d` applied. */
function fixed(src: string, d: Diagnostic): string {
  let out = src;
  for (const e of [...d.fix!.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

describe('options before the share', () => {
  it('`比例 全体 25%` / `quota overall 25%` read as `quota 25% overall`', () => {
    expect(codesOf(zh('比例 全体 25%'))).toEqual([]);
    expect(quotasOf(zh('比例 全体 25%'))).toEqual(quotasOf(zh('比例 25% 全体')));
    expect(numbers(gradesOf(parsed(en('quota overall 25%')).value.scheme).grades[0].quotas[0])).toEqual({ percent: '25', normal: undefined, scope: 'overall' });
  });

  it('every option, and a soft-only share, may come first', () => {
    expect(quotasOf(en('quota round up min 1 of all cohort 50% normally 40%'))).toEqual(quotasOf(en('quota 50% normally 40% round up min 1 of all cohort')));
    expect(quotasOf(en('quota overall normally 15%'))).toEqual(quotasOf(en('quota normally 15% overall')));
    expect(codesOf(en('quota overall normally 15%'))).toEqual([]);
  });

  it('a share table still follows the keyword, and the next grade line is not read as one', () => {
    const src = en('quota 班子 { 一: 50% } overall').replace('cohort by 班子', 'cohort by 班子\n  enum 组 { 一, 二 }').replace('班子: text', '班子: 组');
    expect(parsed(src).diagnostics).toEqual([]);
    expect(gradesOf(parsed(src).value.scheme).grades.map((g) => g.name.name)).toEqual(['优秀', '称职']);
  });
});

describe('a quota clause that fails to parse keeps its grade', () => {
  it('`比例 全体` with no share: one syntax error, the grade declared, no example reports it unknown', () => {
    const src = zh('比例 全体');
    expect(codesOf(src)).toEqual(['KH-P001']);
    expect(gradesOf(parsed(src).value.scheme).grades.map((g) => g.name.name)).toEqual(['优秀', '称职']);
  });

  it('a second clause without its share (`比例 20% 比例 全体`): the grade and the clause before it are kept', () => {
    const src = zh('比例 20% 比例 全体');
    expect(codesOf(src)).toEqual(['KH-P001']);
    expect(gradesOf(parsed(src).value.scheme).grades[0].quotas.map(numbers)).toEqual([{ percent: '20', normal: undefined, scope: undefined }]);
  });
});

describe('KH-P013: a soft share in the words of the document', () => {
  it('`比例 20% 一般 15%`: one error, read as `通常 15%`, the fix writes it so', () => {
    const src = zh('比例 20% 一般 15%');
    const ds = analyze(src).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['KH-P013']);
    expect(ds[0].fix!.edits).toHaveLength(1);
    expect(numbers(gradesOf(parsed(src).value.scheme).grades[0].quotas[0])).toEqual({ percent: '20', normal: '15', scope: undefined });
    const after = fixed(src, ds[0]);
    expect(after).toContain('比例 20% 通常 15%');
    expect(codesOf(after)).toEqual([]);
  });

  it('`最多 20%` ("at most") is the hard share: read and fixed as `比例 20% 通常 15%`, no KH-C134', () => {
    const src = zh('比例 15% 最多 20%');
    const ds = analyze(src).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['KH-P013']);
    expect(numbers(gradesOf(parsed(src).value.scheme).grades[0].quotas[0])).toEqual({ percent: '20', normal: '15', scope: undefined });
    expect(fixed(src, ds[0])).toContain('比例 20% 通常 15%');
  });

  it('English words (usually, soft, normal) get `normally`; after another option only the word is replaced', () => {
    for (const word of ['usually', 'soft', 'normal']) {
      const src = en(`quota 20% ${word} 15%`);
      const ds = analyze(src).diagnostics;
      expect(ds.map((d) => d.code)).toEqual(['KH-P013']);
      expect(fixed(src, ds[0])).toContain('quota 20% normally 15%');
    }
    const src = zh('比例 20% 全体 一般 15%');
    const ds = analyze(src).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['KH-P013']);
    expect(fixed(src, ds[0])).toContain('比例 20% 全体 通常 15%');
  });

  it("the editor's incremental re-parse leaves such a line to the full parse, which reports it", () => {
    const before = zh('比例 20% 通常 15%'), after = zh('比例 20% 一般 15%');
    const prev = parse(new SourceFile(before));
    expect(prev.diagnostics).toEqual([]);
    expect(reparse(before, prev.value, new SourceFile(after))).toBeUndefined();
    expect(reparse(before, parse(new SourceFile(before)).value, new SourceFile(zh('比例 25% 通常 15%')))).toBeDefined(); // a clean edit is re-parsed alone
  });

  it('a grade named 一般 on the next line is a grade, not a soft share', () => {
    const src = zh('比例 20%', '').replace('    称职 其他', '    一般 当 总分 >= 80\n    称职 其他');
    expect(codesOf(src)).toEqual([]);
    expect(gradesOf(parsed(src).value.scheme).grades.map((g) => g.name.name)).toEqual(['优秀', '一般', '称职']);
  });
});
