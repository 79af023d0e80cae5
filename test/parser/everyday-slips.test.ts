// An officer's natural slips (U5 A-10), each one error at the slip with a fix that makes the scheme
// check clean — not two or three errors pointing past it, nor a cascade of weight sums:
// `并且`/`或者` for 且/或, `权重` left out (`类别 共性指标 40% {`), `比例 不超过 20%`, `最高为基本称职`, and
// `平均(r 属于 季度结果 => …)` for the aggregate's `:`. And a syntax error lists keywords once, as the file
// spells them (`此处应为“一票否决”、…`, not `“一票否决”/“veto”、…`).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic, type Diagnostic } from '../../dsl/diagnostics.js';

const scheme = (common: string, grade: string, item = '最高 基本称职') => `方案 年度考核 {
  输入 {
    得分: 数值 属于 [0, 100]
    次数: 整数 属于 [0, 4]
    旷工: 整数 属于 [0, 30]
  }
  ${common} {
    指标 业绩 权重 100% = 得分
  }
  类别 个性指标 权重 60% {
    指标 任务 权重 100% = 得分
  }
  负面清单 限制 {
    事项 旷工处理 当 旷工 >= 5 => ${item}
  }
  等次 {
    ${grade}
    称职 当 总分 >= 60
    基本称职 其他
  }
}
`;
const GOOD = scheme('类别 共性指标 权重 40%', '优秀 当 总分 >= 90 且 次数 >= 2 比例 20%');

const fixed = (src: string, d: Diagnostic) => {
  const e = d.fix!.edits[0];
  return src.slice(0, e.span.start) + e.text + src.slice(e.span.end);
};

/** The one diagnostic of `src`, in Chinese, and the text its fix gives. */
function one(src: string) {
  const ds = analyze(src).diagnostics;
  expect(ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`)).toHaveLength(1);
  const z = localizeDiagnostic(ds[0], 'zh');
  return { code: z.code, at: src.slice(z.span.start, z.span.end), message: z.message, fix: z.fix!.title, after: fixed(src, ds[0]) };
}

describe('everyday slips: one error each, read as meant', () => {
  it('the reference scheme checks clean', () => {
    expect(analyze(GOOD).diagnostics).toEqual([]);
  });

  for (const [word, kw] of [['并且', '且'], ['而且', '且'], ['或者', '或']] as const) {
    it(`${word} for ${kw}: at the word`, () => {
      const src = scheme('类别 共性指标 权重 40%', `优秀 当 总分 >= 90 ${word} 次数 >= 2 比例 20%`);
      const r = one(src);
      expect(r).toMatchObject({ code: 'KH-P001', at: word, message: `“${word}”不是关键字；是否想写“${kw}”？（此处已按“${kw}”读取）` });
      expect(analyze(r.after).diagnostics).toEqual([]);
    });
  }

  it('`权重` left out of a group (and of an indicator): at the share, no weight-sum cascade', () => {
    const r = one(scheme('类别 共性指标 40%', '优秀 当 总分 >= 90 且 次数 >= 2 比例 20%'));
    expect(r).toMatchObject({ code: 'KH-P001', at: '40%', message: '是否漏写了“权重”？权重写作“权重 40%”（此处已按此读取）', fix: '改为“权重 40%”' });
    expect(r.after).toBe(GOOD);
    const ind = one(GOOD.replace('指标 业绩 权重 100%', '指标 业绩 100%'));
    expect(ind.after).toBe(GOOD);
    const en = analyze('scheme s {\n  input { x: number }\n  indicator a 100% = x\n  grades { ok otherwise }\n}\n').diagnostics;
    expect(en.map((d) => d.message)).toEqual(['is `weight` missing? A share is written `weight 100%` (read so here)']);
  });

  it('`比例 不超过 20%`: at the word, the fix removes it', () => {
    const r = one(scheme('类别 共性指标 权重 40%', '优秀 当 总分 >= 90 且 次数 >= 2 比例 不超过 20%'));
    expect(r).toMatchObject({ code: 'KH-P001', at: '不超过', fix: '删除“不超过”' });
    expect(r.message).toBe('“不超过”不必写：比例 20% 就是不超过 20%（此处已按此读取），请删除“不超过”');
    expect(r.after).toBe(GOOD);
  });

  it('`最高为基本称职`: the fix writes `最高 基本称职`', () => {
    const r = one(scheme('类别 共性指标 权重 40%', '优秀 当 总分 >= 90 且 次数 >= 2 比例 20%', '最高为基本称职'));
    expect(r).toMatchObject({ code: 'KH-P006', message: '“最高为基本称职”被读作一个名称；是否想写“最高 基本称职”？', fix: '改为“最高 基本称职”' });
    expect(r.after).toBe(GOOD);
  });

  it('`=>` for the `:` of a list aggregate: at the arrow, the fix writes `:`', () => {
    const src = '方案 s {\n  输入 { 分数: 列表 数值 至少 1 }\n  指标 a 权重 100% = 平均(x 属于 分数 => x * 1)\n  等次 { 称职 其他 }\n}\n';
    const r = one(src);
    expect(r).toMatchObject({ code: 'KH-P001', at: '=>', fix: '替换为“:”' });
    expect(r.message).toBe('对列表每一项求的值写在“:”之后，不用“=>”：“平均(x 属于 列表 : f(x))”（此处已按此读取）');
    expect(analyze(r.after).diagnostics).toEqual([]);
  });

  it('a syntax error names the keywords once, as the file spells them (not `“最高”/“cap”`)', () => {
    const src = scheme('类别 共性指标 权重 40%', '优秀 当 总分 >= 90 且 次数 >= 2 比例 20%', '不称职');
    const [d] = analyze(src).diagnostics;
    expect(localizeDiagnostic(d, 'zh').message).toBe('此处应为“一票否决”、“不定等次”、“最高”、“措施”、“扣”或“加”，实际是“不称职”');
    expect(d.message).toBe('expected `一票否决`, `不定等次`, `最高`, `措施`, `扣` or `加` but found `不称职`');
    const en = analyze('scheme s {\n  input { x: number }\n  negative n { item i when x > 1 => 不称职 }\n}\n').diagnostics;
    expect(localizeDiagnostic(en[0], 'zh').message).toBe('此处应为“veto”、“nograde”、“cap”、“action”、“deduct”或“add”，实际是“不称职”');
  });

  it('a declared name 并且 stays a name', () => {
    const src = GOOD.replace('次数: 整数', '并且: 整数').replace('次数 >= 2', '并且 >= 2');
    expect(analyze(src).diagnostics).toEqual([]);
  });
});
