// Rating scales and value sets (issue 12, item 1): `scale` declarations, `in {…}` / `in SCALE` on
// number and integer inputs, list elements, record fields and panel ratings. A value outside the set
// is KH-E020 at its JSON path naming the allowed values (by tier for a scale with named tiers).
// Boundaries: the lowest value of a tier (90 of 优秀, 55 of 不称职) is accepted; the values just
// outside it (89, 56, 93) are not. The checker codes KH-C070…C075 have golden fixtures in
// test/fixtures/broken/c07*; the formatter's in test/format/wrapping/scales.kaohe.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { render } from '../../dsl/i18n/index.js';
import { evaluate, prepare, runExamples } from '../../engine/index.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import { normalize } from '../format/helpers.js';
import { LanguageService } from '../../dsl/service/index.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { memoryIO } from '../memory-io.js';

const SCALE = 'scale 评分档 "测评档次" { 优秀: {100, 95, 90}, 称职: {85, 80, 75}, 基本称职: {65, 60}, 不称职: {55} }';

const scheme = (inputs: string, value: string, extra = '') => `scheme 量表测试 {
  ${SCALE}
  scale 五级 {100, 90, 80, 70, 60}
  input { ${inputs} }
  indicator 甲 weight 100% = ${value}
  ${extra}
  grades { 好 when score >= 90
    差 otherwise }
}`;

async function run(source: string, input: Record<string, unknown>) {
  const p = prepare(source, 't.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return evaluate(p.value, { id: 's', input });
}

async function errors(source: string, input: Record<string, unknown>) {
  const r = await run(source, input);
  if (r.ok) throw new Error(`expected errors, got score ${r.value.score}`);
  return r.errors.map((e) => ({ code: e.code, path: e.path, en: e.message, zh: e.msg ? render(e.msg, 'zh') : '' }));
}

async function score(source: string, input: Record<string, unknown>) {
  const r = await run(source, input);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code} ${e.message}`).join('\n'));
  return r.value.score;
}

describe('scales and value sets: parsing', () => {
  it('parses `scale`, `in SCALE` and `in {…}` in both keyword languages to the same tree', () => {
    const en = `scheme 甲 {
  ${SCALE}
  scale 五级 {100, 90, 80}
  input { 自评: number in 评分档, 满意度: integer in {1, 2, 3} }
}`;
    const zh = `方案 甲 {
  量表 评分档 "测评档次" { 优秀: {100, 95, 90}, 称职: {85, 80, 75}, 基本称职: {65, 60}, 不称职: {55} }
  量表 五级 {100, 90, 80}
  输入 { 自评: 数值 属于 评分档, 满意度: 整数 属于 {1, 2, 3} }
}`;
    const a = parse(new SourceFile(en)), b = parse(new SourceFile(zh));
    expect(a.diagnostics).toEqual([]);
    expect(b.diagnostics).toEqual([]);
    expect(normalize(b.value.scheme!.decls)).toEqual(normalize(a.value.scheme!.decls));
    const [tiered, plain, input] = a.value.scheme!.decls;
    expect(tiered).toMatchObject({ kind: 'Scale', name: { name: '评分档' }, label: { value: '测评档次' } });
    expect(tiered.kind === 'Scale' && tiered.tiers.map((t) => [t.name?.name, t.values.length])).toEqual([['优秀', 3], ['称职', 3], ['基本称职', 2], ['不称职', 1]]);
    expect(plain.kind === 'Scale' && plain.tiers.map((t) => [t.name, t.values.length])).toEqual([[undefined, 3]]);
    expect(input.kind === 'Input' && input.fields.map((f) => f.type.kind === 'PrimType' && f.type.oneOf?.kind)).toEqual(['Scale', 'Set']);
  });

  it('no longer reports `in {100, 95, 90}` as a syntax error nor its input as never used (the issue\'s regression)', () => {
    const r = analyze(`scheme 甲 {
  input { 得分: number in {100, 95, 90} }
  indicator 甲 weight 100% = 得分
  grades { 好 when score >= 90
    差 otherwise }
}`, 't.kaohe');
    expect(r.diagnostics.map((d) => d.code)).toEqual([]);
  });
});

describe('scales and value sets: defaults', () => {
  it('a default must be one of the values (KH-C028, as outside a range); a default on the set is used', async () => {
    const off = analyze(scheme('满意度: integer in {1, 2, 3} = 0', '满意度'), 't.kaohe').diagnostics.filter((d) => d.code !== 'KH-C075');
    expect(off.map((d) => [d.code, d.message])).toEqual([['KH-C028', 'the default 0 of 满意度 breaks its constraint in {1, 2, 3}']]);
    const on = scheme('满意度: integer in {1, 2, 3} = 3, 记录: list of { 分: number in 五级 = 60 }', '满意度 + sum(r in 记录 : r.分)');
    expect(analyze(on, 't.kaohe').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(await score(on, { 记录: [{}] })).toBe(63); // 3 + 60
  });
});

describe('scales and value sets: input validation', () => {
  const src = scheme('自评 "自评分": number in 评分档', '自评');

  it('accepts a value exactly on a tier\'s lower edge and the scale\'s lowest value', async () => {
    expect(await score(src, { 自评: 90 })).toBe(90);   // lowest of 优秀
    expect(await score(src, { 自评: 60 })).toBe(60);   // lowest of 基本称职
    expect(await score(src, { 自评: 55 })).toBe(55);   // the scale's lowest value
    expect(await score(src, { 自评: 100 })).toBe(100); // its highest
  });

  it('rejects a value just outside the set (89, 56, 93, 101) with KH-E020 naming the tiers', async () => {
    for (const v of [89, 56, 93, 101, 0]) {
      const [e] = await errors(src, { 自评: v });
      expect(e.code).toBe('KH-E020');
      expect(e.path).toBe('自评');
    }
    const [e] = await errors(src, { 自评: 93 });
    expect(e.en).toBe('自评: 93 is not on scale 评分档: 优秀 (100, 95, 90), 称职 (85, 80, 75), 基本称职 (65, 60), 不称职 (55)');
    expect(e.zh).toBe('自评：93 不在量表“评分档”之内：优秀（100、95、90）、称职（85、80、75）、基本称职（65、60）、不称职（55）');
  });

  it('compares exactly: 90.0 is 90, 89.99999 is not', async () => {
    expect(await score(src, { 自评: 90.0 })).toBe(90);
    expect((await errors(src, { 自评: 89.99999 }))[0].code).toBe('KH-E020');
  });

  it('checks an inline integer set after the integer check', async () => {
    const s = scheme('满意度: integer in {1, 2, 3, 4, 5}', '满意度 * 20');
    expect(await score(s, { 满意度: 5 })).toBe(100);
    expect(await score(s, { 满意度: 1 })).toBe(20);
    const [six] = await errors(s, { 满意度: 6 });
    expect(six).toMatchObject({ code: 'KH-E020', path: '满意度', en: '满意度: 6 is not one of 1, 2, 3, 4, 5' });
    expect(six.zh).toBe('满意度：6 不在 1、2、3、4、5 之中');
    expect((await errors(s, { 满意度: 0 }))[0].code).toBe('KH-E020');
    expect((await errors(s, { 满意度: 2.5 }))[0].code).toBe('KH-E005');
  });

  it('checks list elements and record fields at their paths', async () => {
    const s = scheme('季度分: list of number in 五级 min 1, 记录: list of { 得分: number in {-5, 0, 5} }',
      'avg(季度分) + sum(r in 记录 : r.得分)');
    // avg(100, 60) + (5 - 5 + 0) = 80
    expect(await score(s, { 季度分: [100, 60], 记录: [{ 得分: 5 }, { 得分: -5 }, { 得分: 0 }] })).toBe(80);
    const es = await errors(s, { 季度分: [100, 95], 记录: [{ 得分: 4 }] });
    expect(es.map((e) => [e.code, e.path])).toEqual([['KH-E020', '季度分[1]'], ['KH-E020', '记录[0].得分']]);
    expect(es[0].en).toBe('季度分[1]: 95 is not on scale 五级: 100, 90, 80, 70, 60');
  });

  it('accepts percent values exactly (50% is 0.5)', async () => {
    const s = scheme('份额: number in {50%, 100%}', '份额 * 100');
    expect(await score(s, { 份额: 0.5 })).toBe(50);
    expect((await errors(s, { 份额: 50 }))[0].code).toBe('KH-E020');
  });

  it('restricts the ratings of a panel with a `scale`', async () => {
    const s = `scheme 测 {
  ${SCALE}
  panel 评议 { scale 评分档
    上级 weight 60%
    同级 weight 40% }
  input { 票: ratings of 评议 }
  indicator 甲 weight 100% = rate 票
  grades { 好 when score >= 90
    差 otherwise }
}`;
    // 上级 (90 + 55)/2 = 72.5, 同级 85: 0.6 × 72.5 + 0.4 × 85 = 43.5 + 34 = 77.5
    expect(await score(s, { 票: { 上级: [90, 55], 同级: [85] } })).toBe(77.5);
    const es = await errors(s, { 票: { 上级: [90, 93], 同级: [56] } });
    expect(es.map((e) => [e.code, e.path])).toEqual([['KH-E020', '票.上级[1]'], ['KH-E020', '票.同级[0]']]);
  });

  it('states the set in the input contract type (`expected`)', async () => {
    const r = await run(scheme('满意度: integer in {1, 2, 3}', '满意度'), { 满意度: 'x' });
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'KH-E003', expected: 'integer in {1, 2, 3}' });
  });
});

describe('`x in SCALE` in an expression', () => {
  it('is true exactly for the scale\'s values (and uses the scale)', async () => {
    const s = scheme('得分: number in [0, 100]', 'if 得分 in 评分档 then 100 else 0', 'let 五级内 = 得分 in 五级');
    expect(analyze(s, 't.kaohe').diagnostics.map((d) => d.code)).toEqual([]); // no KH-C075 for either scale
    expect(await score(s, { 得分: 55 })).toBe(100);  // the scale's lowest value
    expect(await score(s, { 得分: 90 })).toBe(100);  // the lowest of 优秀
    expect(await score(s, { 得分: 89 })).toBe(0);
    expect(await score(s, { 得分: 56 })).toBe(0);
    const bad = analyze(scheme('名: text', 'if 名 in 评分档 then 1 else 0'), 't.kaohe').diagnostics;
    expect(bad.map((d) => d.code)).toContain('KH-C005');
  });
});

describe('scales: examples in the scheme', () => {
  it('an example given a value on the scale\'s edge runs; one off the scale is KH-C052 when checked', async () => {
    const ok = scheme('自评: number in 评分档', '自评', 'example 边界 { given { 自评: 90 } expect score == 90 }');
    const out = await runExamples(prepare(ok, 't.kaohe').value!);
    expect(out.map((o) => [o.name, o.passed])).toEqual([['边界', true]]);
    const off = scheme('自评: number in 评分档', '自评', 'example 档外 { given { 自评: 93 } expect score == 93 }');
    const c052 = analyze(off, 't.kaohe').diagnostics.filter((d) => d.code === 'KH-C052');
    expect(c052.map((d) => [d.range.start.line, d.message])).toEqual([[6, expect.stringContaining('93')]]);
  });
});

describe('scales in the language service', () => {
  const marked = (cursorAt: string) => {
    const text = scheme('自评: number in 评分档', '自评');
    const i = text.indexOf(cursorAt);
    return { text, offset: i + 1 };
  };
  it('hovers a scale where it is used, with its values; completion offers `scale` and `criteria`', () => {
    const { text, offset } = marked(' 评分档 }');
    const ls = new LanguageService({ ui: 'zh' });
    ls.update(text);
    const md = ls.hover(offset)!.markdown;
    expect(md).toContain('量表');
    expect(md).toContain('优秀: {100, 95, 90}');
    expect(ls.definition(offset)).toMatchObject({ start: text.indexOf('评分档') });
    const panel = 'scheme 甲 {\n  panel 评议 {\n    \n  }\n}';
    ls.update(panel);
    expect(ls.complete(panel.indexOf('    \n') + 4).items.map((i) => i.label)).toEqual(expect.arrayContaining(['scale', 'criteria', 'trim', 'missing']));
  });
});

describe('scales: fixes after the issue 12 review', () => {
  it('a scale mixing named tiers and loose values is KH-C070 at the loose values', () => {
    const s = `scheme t {\n  scale S { 优: {100, 95}, 60 }\n  input { a: number in S }\n  indicator x weight 100% = a\n}`;
    const c070 = analyze(s, 't.kaohe').diagnostics.filter((d) => d.code === 'KH-C070');
    expect(c070.map((d) => [d.range.start.line, d.range.start.column, s.slice(d.span.start, d.span.end)])).toEqual([[2, 27, '60']]);
  });

  it('a misspelt scale name suggests the scale (with a fix) and does not call the scale unused', () => {
    const s = scheme('自评: number in 评分挡', '自评');
    const ds = analyze(s, 't.kaohe').diagnostics;
    expect(ds.filter((d) => d.code !== 'KH-C075' || d.message.includes('评分档')).map((d) => d.code)).toEqual(['KH-C071']);
    expect(ds.find((d) => d.code === 'KH-C071')!.fix?.edits.map((e) => e.text)).toEqual(['评分档']);
  });

  it('KH-C052 for a given value off a scale or set lists the values (as written) at the value', () => {
    const s = scheme('自评: number in 评分档, p: number in {100%, 50%}', '自评 * p', 'example 档外 { given { 自评: 93, p: 0.4 } expect score == 1 }');
    const c052 = analyze(s, 't.kaohe').diagnostics.filter((d) => d.code === 'KH-C052').map((d) => ({ at: s.slice(d.span.start, d.span.end), zh: render(d.msg!, 'zh') }));
    expect(c052.map((d) => d.at)).toEqual(['93', '0.4']);
    expect(c052[0].zh).toContain('优秀（100、95、90）');
    expect(c052[1].zh).toContain('100%、50%');
  });

  it('KH-E020 and the contract show set values as written (100%, not 1)', async () => {
    const s = scheme('p: number in {100%, 50%}', 'p');
    const [e] = await errors(s, { p: 0.4 });
    expect(e.code).toBe('KH-E020');
    expect(e.en).toContain('100%, 50%');
    const r = await run(s, { p: 'x' });
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'KH-E003', expected: 'number in {100%, 50%}' });
  });
});

describe('examples: a given that fails at run time, in Chinese', () => {
  it('`kaohe test --lang zh` names the example\'s part 已知, never `given`', async () => {
    const src = '方案 t {\n  输入 { a: 数值 属于 [0, 100] }\n  指标 x 权重 100% = 100 / a\n  示例 零 {\n    已知 { a: 0 }\n    预期 总分 == 1\n  }\n}\n';
    const io = memoryIO({ 's.kaohe': src }, { disk: true });
    expect(await testCmd(['s.kaohe', '--lang', 'zh'], io)).toBe(1);
    expect(io.stdout).toContain('“已知”');
    expect(io.stdout).not.toMatch(/given/);
  });
});
