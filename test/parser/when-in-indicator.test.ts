// A post-specific indicator written with its own `when` (`指标 班子 权重 30% 当 岗位 == 领导职务 = …`, the
// natural guess of an officer reading the guide; U5 A-1): one KH-P015 a line naming the block form, with
// the fix that rewrites the indicator as the block — not two syntax errors a line. The indicator is read
// as the block meanwhile, so the checker still checks each post's weights (and nothing else cascades).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic, type Diagnostic } from '../../dsl/diagnostics.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { Member, Scheme } from '../../dsl/ast.js';

const zh = (personal: string) => `方案 年度考核 {
  枚举 岗位类别 { 领导职务, 非领导职务 }
  输入 {
    岗位: 岗位类别
    班子建设: 数值 属于 [0, 100]
    任务: 数值 属于 [0, 100]
    考试: 数值 属于 [0, 100]
  }
  类别 共性指标 权重 40% {
    指标 任务完成 权重 100% = 任务
  }
  类别 个性指标 权重 60% {
${personal}
  }
  等次 {
    优秀 当 总分 >= 90
    称职 其他
  }
}
`;

const GUESS = `    指标 班子 "班子建设" 权重 30% 当 岗位 == 领导职务 = 班子建设
    指标 领导任务 权重 70% 当 岗位 == 领导职务 = 任务
    指标 考试成绩 权重 100% 当 岗位 == 非领导职务 = 考试`;

const fixedBy = (src: string, ds: Diagnostic[]) => {
  let out = src;
  const edits = ds.flatMap((d) => d.fix!.edits).sort((a, b) => b.span.start - a.span.start);
  for (const e of edits) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
};
const personal = (src: string): Member[] => {
  const s = parse(new SourceFile(src)).value.scheme as Scheme;
  const g = s.decls.find((d) => d.kind === 'Group' && d.name.name === '个性指标') as { members: Member[] };
  return g.members;
};

describe('KH-P015: a `when` written inside an indicator', () => {
  it('one error a line, read as the block it means', () => {
    const src = zh(GUESS);
    const ds = analyze(src).diagnostics;
    expect(ds.map((d) => `${d.code}@${d.range.start.line}`)).toEqual(['KH-P015@13', 'KH-P015@14', 'KH-P015@15']);
    const ms = personal(src);
    expect(ms.map((m) => m.kind)).toEqual(['When', 'When', 'When']);
    expect(ms.map((m) => m.kind === 'When' && m.members.map((x) => x.kind === 'Indicator' && x.name.name))).toEqual([['班子'], ['领导任务'], ['考试成绩']]);
  });

  it('the checker sees each post: a post whose weights miss 100% is still reported', () => {
    const ds = analyze(zh(GUESS.replace('权重 70%', '权重 60%'))).diagnostics;
    expect(ds.map((d) => d.code).sort()).toEqual(['KH-C010', 'KH-P015', 'KH-P015', 'KH-P015']);
    expect(localizeDiagnostic(ds.find((d) => d.code === 'KH-C010')!, 'zh').message).toContain('领导职务');
  });

  it('the fixes give the block form, which checks clean', () => {
    const src = zh(GUESS);
    const after = fixedBy(src, analyze(src).diagnostics);
    expect(after).toContain('    当 岗位 == 领导职务 { 指标 班子 "班子建设" 权重 30% = 班子建设 }\n');
    expect(after).toContain('    当 岗位 == 非领导职务 { 指标 考试成绩 权重 100% = 考试 }\n');
    expect(analyze(after).diagnostics).toEqual([]);
  });

  it('names the block form in Chinese and in English', () => {
    const d = analyze(zh(GUESS)).diagnostics[0];
    const z = localizeDiagnostic(d, 'zh');
    expect(z.message).toBe('指标中不能写“当”条件；只适用于部分人员（如某类岗位、职级）的指标写在“当”块中，条件相同的几项写在同一块内：当 岗位 == 领导职务 { 指标 班子 … }');
    expect(z.fix!.title).toBe('改写为“当”块：当 岗位 == 领导职务 { 指标 班子 … }');
    expect(d.message).toContain('in a `when` block');
  });

  it('English keywords: the same one error', () => {
    const src = `scheme s {
  enum post { lead, staff }
  input { p: post, x: number in [0, 100] }
  indicator a weight 100% when p == lead = x
  indicator b weight 100% when p == staff = x
  grades { good when score >= 90  ok otherwise }
}
`;
    const ds = analyze(src).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['KH-P015', 'KH-P015']);
    expect(fixedBy(src, ds)).toContain('  when p == lead { indicator a weight 100% = x }\n');
  });
});
