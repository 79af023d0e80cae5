// Limits of scales and ballots found by the hostile tester (hostile12): validation linear in
// criteria × ballots, at most 100 criteria (KH-C076), a tier named twice (KH-C070), a value shown
// exactly in KH-E020 (never rounded to look allowed), a ballot key repeated in the JSON (KH-E021).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { render } from '../../dsl/i18n/index.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { PanelDecl } from '../../dsl/ast.js';
import { compileField, type TypeSpec } from '../../engine/contract.js';
import { evaluate, prepare } from '../../engine/index.js';
import { duplicateKeys, parseJsonExact } from '../../engine/json-exact.js';
import { validateInput } from '../../engine/validate.js';

const codes = (src: string) => analyze(src, 't.kaohe').diagnostics.map((d) => d.code);

/** A scheme whose panel has `n` criteria weighing 100% together (n ≤ 100: n−1 of ⌊100/n⌋%, one the rest). */
function manyCriteria(n: number, tail = ''): string {
  const w = Math.floor(100 / n);
  const items = Array.from({ length: n }, (_, i) => `c${i} weight ${i === 0 ? 100 - w * (n - 1) : w}%`);
  return `scheme 多 {
  panel 测 {
    criteria { ${items.join(', ')} }
    自评 weight 100%
    ${tail}
  }
  input { 票: ratings of 测 }
  indicator 甲 weight 100% = rate 票
  grades { 好 otherwise }
}`;
}

describe('ballots: evaluation linear in criteria × ballots', () => {
  it('reads each criterion a bounded number of times per category, not once per rating (was C² per ballot)', () => {
    const C = 200, B = 50;
    // 200 criteria is past the cap (KH-C076), so the contract is built from the parse tree alone.
    const items = Array.from({ length: C }, (_, i) => `c${i} weight 0.5%`).join(', ');
    const ast = parse(new SourceFile(`scheme 多 { panel 测 { criteria { ${items} }
      自评 weight 100% } input { 票: ratings of 测 } }`)).value;
    const panel = ast.scheme!.decls.find((d): d is PanelDecl => d.kind === 'Panel')!;
    const input = ast.scheme!.decls.find((d) => d.kind === 'Input')!;
    if (input.kind !== 'Input') throw new Error('no input');
    const field = compileField(input.fields[0], { enums: new Map(), panels: new Map([['测', panel]]), enumValues: new Map() });
    const spec = field.type as Extract<TypeSpec, { kind: 'ratings' }>;
    let reads = 0;
    spec.criteria = new Proxy(spec.criteria!, {
      get(t, k, r) { if (typeof k === 'string' && /^\d+$/.test(k)) reads++; return Reflect.get(t, k, r); },
    });
    const ballot = Object.fromEntries(Array.from({ length: C }, (_, i) => [`c${i}`, 90]));
    const v = validateInput({ 票: { 自评: Array.from({ length: B }, () => ({ ...ballot })) } }, [field]);
    expect(v.errors).toEqual([]);
    // linear: a few passes over the criteria per category (the name set, the listing); the old
    // `criteria.includes` per rating read C·B·C/2 = 1,000,000 of them
    expect(reads).toBeLessThanOrEqual(5 * C);
  });

  it('at most 100 criteria: 101 is KH-C076, 100 is not', () => {
    expect(codes(manyCriteria(101))).toContain('KH-C076');
    expect(codes(manyCriteria(100))).not.toContain('KH-C076');
    expect(codes(manyCriteria(100))).not.toContain('KH-C073');
    const d = analyze(manyCriteria(101), 't.kaohe').diagnostics.find((x) => x.code === 'KH-C076')!;
    expect(d.message).toContain('101 criteria; at most 100');
    expect(render(d.msg!, 'zh')).toBe('测评组“测”有 101 个要素，至多允许 100 个（一张选票只评少数几个要素，如德、能、勤、绩、廉）');
  });
});

describe('scales: a tier named twice', () => {
  it('`scale 重 { a: {1}, a: {2} }` is KH-C070 at the second name', () => {
    const src = `scheme D {
  scale 重 { a: {1}, a: {2} }
  input { x: number in 重 }
  indicator 甲 weight 100% = x
  grades { 好 otherwise }
}`;
    const ds = analyze(src, 't.kaohe').diagnostics.filter((d) => d.code === 'KH-C070');
    expect(ds).toHaveLength(1);
    expect(ds[0].range.start).toMatchObject({ line: 2, column: 21 });
    expect(ds[0].message).toBe('tier a appears twice in scale 重: merge its values into one tier');
    // distinct names stay clean
    expect(codes(src.replace('a: {2}', 'b: {2}'))).not.toContain('KH-C070');
  });
});

const S1 = `scheme S1 {
  scale 档 { 优秀: {100, 95, 90}, 称职: {85, 80, 75} }
  panel 测 {
    criteria { 德 weight 20%, 绩 weight 80% }
    scale 档
    自评 weight 100%
  }
  input {
    票: ratings of 测
    自: number in 档
  }
  indicator 甲 weight 100% = rate 票
  grades { 好 otherwise }
}`;

async function errorsOf(body: string) {
  const p = prepare(S1, 't.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => d.message).join('\n'));
  const r = await evaluate(p.value, { id: 's', input: (parseJsonExact(body) as { input: Record<string, unknown> }).input });
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => ({ code: e.code, path: e.path, found: e.found, en: e.message, zh: render(e.msg!, 'zh') }));
}

describe('KH-E020 shows the value exactly', () => {
  it('95.000…0001 (60 zeros) is not reported as "95 is not on scale"', async () => {
    const near = `95.${'0'.repeat(60)}1`;
    const [e] = await errorsOf(`{"input": {"自": ${near}, "票": {"自评": [{"德": 95}]}}}`);
    expect(e.code).toBe('KH-E020');
    expect(e.en).toBe(`自: ${near} is not on scale 档: 优秀 (100, 95, 90), 称职 (85, 80, 75)`);
    expect(e.zh).toBe(`自：${near} 不在量表“档”之内：优秀（100、95、90）、称职（85、80、75）`);
    expect(e.found).toBe(near);
  });

  it('a value too long to show whole is elided in the middle, never rounded', async () => {
    const near = `95.${'0'.repeat(300)}1`;
    const [e] = await errorsOf(`{"input": {"自": ${near}, "票": {"自评": [{"绩": ${near}}]}}}`);
    expect(e.en).toContain(`${near.slice(0, 30)}…${near.slice(-30)} is not on scale`);
  });
});

describe('KH-E021: a ballot key repeated in the JSON', () => {
  it('`{"德": 95, "德": 100}` is an input error at the key, not the last value kept', async () => {
    const es = await errorsOf('{"input": {"自": 95, "票": {"自评": [{"绩": 90}, {"德": 95, "绩": 90, "\\u5fb7": 100}]}}}');
    expect(es).toEqual([expect.objectContaining({ code: 'KH-E021', path: '票.自评[1].德' })]);
    expect(es[0].en).toContain('rates 德 twice');
    expect(es[0].zh).toBe('票.自评[1].德：这张选票对“德”评了两次（该键在对象中重复出现）：一张选票对每个要素只评一次');
  });

  it('the reader records repeats per object, in inexact-number bodies too, and none when there are none', () => {
    const v = parseJsonExact('{"a": [{"x": 1, "y": 0.1000000000000000055511151231257827, "x": 2}, {"x": 1}], "b": {"x": 1}}') as
      { a: object[]; b: object };
    expect(duplicateKeys(v.a[0])).toEqual(['x']);
    expect(duplicateKeys(v.a[1])).toBeUndefined();
    expect(duplicateKeys(v.b)).toBeUndefined();
    const w = parseJsonExact('{"s": "\\"x\\": 1, \\"x\\": 2", "k": {"x": 1}}') as { k: object };
    expect(duplicateKeys(w.k)).toBeUndefined();
  });
});
