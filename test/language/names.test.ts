// Names and checks (issue 12, item 8): a keyword, built-in or result name used as a name when quoted
// (`` `其他` ``, 「其他」), the helpful error with a fix for an unquoted one (KH-P011, KH-C003), a quoted
// name that is not one name (KH-P010), the formatter's quoting in each keyword language, keywords as
// object keys and fields without quotes, names beginning with letter-like numerals (Ⅲ类以上), `display`
// inputs (never unused, carried into the result, KH-C113), the warning for avg/min/max over a list
// that can be empty (KH-C112), and no KH-C032 for `x / count(L)` when L is declared `min 1`.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';
import { format } from '../../dsl/format/index.js';
import { evaluate, prepare } from '../../engine/index.js';

const codes = (src: string) => analyze(src).diagnostics.map((d) => d.code);
const diags = (src: string, code: string) => analyze(src).diagnostics.filter((d) => d.code === code);
const fmt = (src: string, keywords: 'en' | 'zh') => { const a = analyze(src); return format(a.parsed, a.file, { keywords }); };

async function run(src: string, input: Record<string, unknown>, display?: Record<string, string>) {
  const r = prepare(src, 'names.kaohe');
  if (!r.value) throw new Error(r.diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`).join('\n'));
  const out = await evaluate(r.value, { id: 'p1', input, display });
  if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('\n'));
  return out.value;
}

/** An indicator called 其他 ("other", a keyword: the grades' `otherwise`), one called score. */
const QUOTED = `scheme 其他项 {
  input { 分: number in [0, 100] }
  indicator \`其他\` "其他工作" weight 60% = 分
  indicator 「score」 weight 40% = 100 - 分
  let 合 = \`其他\` + \`score\`
  grades {
    好 when score >= 60 and 合 == 100
    差 otherwise
  }
}`;

describe('quoted names', () => {
  it('declare and refer to a keyword or result name, quoted either way', async () => {
    expect(codes(QUOTED)).toEqual([]);
    // score = 0.6 × 80 + 0.4 × 20 = 56: the result name `score`; the indicator `score` is 20
    const r = await run(QUOTED, { 分: 80 });
    expect(r.indicators.map((i) => [i.id, i.score])).toEqual([['其他', 80], ['score', 20]]);
    expect([r.score, r.grade]).toEqual([56, '差']);
  });

  it('are printed quoted in the output keyword language, and the tree is kept', () => {
    const en = fmt(QUOTED, 'en'), zh = fmt(QUOTED, 'zh');
    expect(en).toContain('indicator `其他` "其他工作" weight 60% = 分');
    expect(en).toContain('let 合 = `其他` + `score`');
    expect(zh).toContain('指标 「其他」 "其他工作" 权重 60% = 分');
    expect(zh).toContain('指标 「score」 权重 40% = 100 - 分');
    expect(zh).toContain('好 当 总分 >= 60 且 合 == 100'); // the result name stays a result name
    expect(codes(zh)).toEqual([]);
    expect(fmt(zh, 'en')).toBe(en);
  });

  it('reports a quoted text that is not one name (KH-P010)', () => {
    const src = QUOTED.replace('let 合 = `其他` + `score`', 'let 合 = `其 他` + `score`');
    expect(diags(src, 'KH-P010').map((d) => [d.range.start.line, d.range.start.column, d.message]))
      .toEqual([[5, 11, '`其 他` is not a quoted name: the quotes must hold exactly one name']]);
  });

  it('says to quote a keyword written as a name, with the fix (KH-P011)', () => {
    const src = `方案 测试 {
  输入 { 分数: 数值 属于 [0, 100] }
  指标 其他 权重 60% = 分数
  指标 最高 权重 40% = 其他
}`;
    const found = diags(src, 'KH-P011');
    expect(found.map((d) => [d.range.start.line, d.range.start.column])).toEqual([[3, 6], [4, 6], [4, 18]]);
    expect(found[0].message).toBe('`其他` is a keyword; to use it as a name, quote it: 「其他」');
    expect(localizeDiagnostic(found[0], 'zh').message).toBe('“其他”是关键字；用作名称时请加引号：「其他」');
    expect(found[0].fix?.edits).toEqual([{ span: found[0].span, text: '「其他」' }]);
    expect(codes(src)).toEqual(['KH-P011', 'KH-P011', 'KH-P011']); // the rest is read as if quoted
    // the fixes applied give a scheme without problems
    let fixed = src;
    for (const d of [...found].reverse()) fixed = fixed.slice(0, d.span.start) + d.fix!.edits[0].text + fixed.slice(d.span.end);
    expect(codes(fixed)).toEqual([]);
  });

  it('does not read a keyword that starts a declaration as a name', () => {
    const src = 'scheme S {\n  let a = 1 +\n  let b = 2\n}';
    expect(codes(src)).not.toContain('KH-P011');
  });

  it('offers to quote a declared built-in or result name (KH-C003)', () => {
    const src = 'scheme S {\n  input { 分: number in [0, 100] }\n  let 平均 = 分\n  indicator score weight 100% = 平均\n}';
    const found = diags(src, 'KH-C003');
    expect(found.map((d) => d.fix?.edits[0].text)).toEqual(['`平均`', '`score`']);
    expect(found[1].message).toBe("'score' is a reserved word (a keyword, built-in function or result name); to use it as a name, quote it: `score`");
  });

  it('lets an object key, a field being declared and a field after `.` be a keyword without quotes', () => {
    const src = `scheme S {
  input { 记录: list of { 日期: number, \`其他\`: number } min 1, 日期 : number }
  indicator 甲 weight 100% = avg(r in 记录 : r.日期 + r.其他) + 0 * 「日期」
  example 一 { given { 记录: [{ 日期: 60, 其他: 20 }], 日期: 1 } expect 甲 == 80 }
}`;
    expect(codes(src)).toEqual([]);
    // `else:` in bands stays the keyword
    expect(codes(src.replace('+ 0 * 「日期」', '+ bands 「日期」 { >= 1: 0, else: 0 }'))).toEqual([]);
  });
});

describe('letter-like numerals', () => {
  it('may begin a name (Ⅲ类以上, Ⅴ类) as they may continue one (劣Ⅴ类)', async () => {
    const src = `scheme 水质 {
  input { Ⅲ类以上 "Ⅲ类以上断面比例": number in [0, 1], 劣Ⅴ类: number in [0, 1] }
  indicator Ⅴ类 weight 100% = Ⅲ类以上 * 100 - 劣Ⅴ类 * 50
}`;
    expect(codes(src)).toEqual([]); // was KH-P004 (unexpected character `Ⅲ` (U+2162))
    // 0.9 × 100 − 0.1 × 50 = 85
    expect((await run(src, { Ⅲ类以上: 0.9, 劣Ⅴ类: 0.1 })).indicators[0]).toMatchObject({ id: 'Ⅴ类', score: 85 });
  });
});

describe('display inputs', () => {
  const SRC = `scheme 显示字段 {
  enum 单位类 { 办公室, 财务处 }
  input {
    姓名 "姓名": text display
    工号: integer display
    单位: 单位类 display
    备注: text display = "无"
    分: number in [0, 100]
  }
  indicator 甲 weight 100% = 分
}`;

  it('are never reported unused, and are formatted in both keyword languages', () => {
    expect(codes(SRC)).toEqual([]); // without display: three KH-C040 (never used)
    expect(codes(SRC.replace('姓名 "姓名": text display', '姓名 "姓名": text'))).toEqual(['KH-C040']);
    expect(fmt(SRC, 'zh')).toContain('姓名 "姓名": 文本 显示');
    expect(fmt(SRC, 'zh')).toContain('备注: 文本 显示 = "无"');
    expect(fmt(fmt(SRC, 'zh'), 'en')).toBe(fmt(SRC, 'en'));
  });

  it('are validated like any input and carried into the result as text', async () => {
    const r = await run(SRC, { 姓名: '张三', 工号: 1024, 单位: '财务处', 分: 90 }, { 科室: '综合科', 姓名: '旧名' });
    expect(r.display).toEqual({ 科室: '综合科', 姓名: '张三', 工号: '1024', 单位: '财务处', 备注: '无' });
    const p = prepare(SRC, 'x').value!;
    const bad = await evaluate(p, { id: 'p2', input: { 姓名: 5, 工号: 1, 单位: '财务处', 分: 90 } });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.code, e.path])).toEqual([['KH-E003', '姓名']]);
  });

  it('are one value shown as text: not a yes/no, a list, or a field inside a record (KH-C113)', () => {
    const src = SRC.replace('分: number in [0, 100]', '分: number in [0, 100]\n    在编: bool display\n    任务: list of { 名称: text display } min 1');
    expect(diags(src, 'KH-C113').map((d) => d.range.start.line)).toEqual([9, 10]);
  });
});

describe('aggregates over lists that can be empty', () => {
  const src = (lets: string) => `scheme S {
  input { 分: number in [0, 100], 记录: list of number in [0, 100], 季度分: list of number in [0, 100] min 1 }
${lets}
  indicator 甲 weight 100% = 分 + 0 * count(记录) + 0 * count(季度分)
}`;

  it('warns for avg/min/max over a filtered list or one without `min 1` (KH-C112)', () => {
    const found = diags(src(`  let a = avg(x in 记录 where x > 60)
  let b = max(记录)
  let c = min(x in 记录 : x)
  let d = avg(季度分) + min(x in 季度分 : x) + max(x in 季度分 where x > 0 : x)`), 'KH-C112');
    expect(found.map((d) => d.range.start.line)).toEqual([3, 4, 5, 6]);
    expect(found[0].message).toBe('avg(…) has no value when no element of `记录` satisfies `x > 60`: guard the expression (`if count(…) > 0 then … else …` with the same list and condition)');
    expect(found[1].message).toBe('max(…) has no value when `记录` is empty: declare `min 1` on the list or guard the expression (`if count(…) > 0 then … else …`)');
    expect(localizeDiagnostic(found[1], 'zh').message).toBe('当“记录”为空时，“max(…)”没有值：请在列表上声明“至少 1”，或先判断（“如果 计数(…) > 0 则 … 否则 …”）');
  });

  it('does not warn where a count of the same list and filter is known positive', () => {
    expect(codes(src(`  let a = if count(x in 记录 where x > 60) > 0 then avg(x in 记录 where x > 60) else 0
  let b = if count(记录) == 0 then 0 else max(记录)
  let c = count(记录) >= 1 and min(记录) > 50`))).toEqual([]);
    // a guard on another filter does not count
    expect(codes(src('  let a = if count(x in 记录 where x > 50) > 0 then avg(x in 记录 where x > 60) else 0'))).toEqual(['KH-C112']);
  });

  it('does not report KH-C032 for `x / count(L)` when L is declared `min 1`', () => {
    expect(codes(src('  let a = 100 / count(季度分) + 100 / (count(季度分) - 0)'))).toEqual([]); // was KH-C032 twice
    expect(codes(src('  let a = 100 / count(记录)'))).toEqual(['KH-C032']);
    expect(codes(src('  let a = 100 / count(x in 季度分 where x > 60)'))).toEqual(['KH-C032']);
  });
});
