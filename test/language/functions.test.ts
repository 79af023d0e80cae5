// Functions declared in the scheme (issue 12, item 3): parsed in both keyword languages, checked
// (purity KH-C080, recursion KH-C081 with the cycle named, arity KH-C082, parameters KH-C083/C084,
// unused KH-C085/C086, argument and result types KH-C005), evaluated exactly wherever an expression
// stands (an indicator, a let, a grade condition, a negative item, an example), explained, formatted
// and converted, and known to hover and completion.

import { describe, expect, it } from 'vitest';
import { analyze, reanalyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';
import { format } from '../../dsl/format/index.js';
import { LanguageService } from '../../dsl/service/index.js';
import { evaluate, prepare, runExamples } from '../../engine/index.js';
import { exportRules } from '../../engine/jre/export.js';
import { cursor } from '../service/helpers.js';

const codes = (src: string) => analyze(src).diagnostics.map((d) => d.code);
const diags = (src: string, code: string) => analyze(src).diagnostics.filter((d) => d.code === code);

function scheme(src: string) {
  const r = prepare(src, 'functions.kaohe');
  if (!r.value) throw new Error(r.diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`).join('\n'));
  return r.value;
}

async function run(src: string, input: Record<string, unknown>, opts = {}) {
  const out = await evaluate(scheme(src), { id: 'p1', input }, opts);
  if (!out.ok) throw new Error(out.errors.map((e) => e.message).join('\n'));
  return out.value;
}

/** `x / 满分值 * 100`: 折算 for a document's "按百分制折算". */
const BASE = `scheme 函数样例 {
  precision 2
  enum 平时等次 { 好, 较好, 一般, 较差 }
  input { 得分: number in [0, 200], 总分值: number in [1, 200], 平时: 平时等次 }
  function 折算 "折算为百分制" (x: number, 满分值: number): number = x / 满分值 * 100
  function 档次分(g: 平时等次) = levels g { 好: 100, 较好: 85, 一般: 70, 较差: 50 }
  let 平时分 = 档次分(平时)
  indicator 考试 weight 60% = 折算(得分, 总分值)
  indicator 平时成绩 weight 40% = 平时分
  grades {
    优秀 when 折算(score, 100) >= 90
    称职 otherwise
  }
`;

describe('functions: parsing', () => {
  it('reads the declaration in both keyword languages, the result type and the label optional', () => {
    const en = analyze('scheme S { function 折算 "百分制" (x: number, 满分值: number): number = x / 满分值 * 100 }');
    const zh = analyze('方案 S { 函数 折算 "百分制" (x: 数值, 满分值: 数值): 数值 = x / 满分值 * 100 }');
    for (const a of [en, zh]) {
      const d = a.parsed.scheme!.decls[0];
      expect(d.kind).toBe('Function');
      if (d.kind !== 'Function') return;
      expect(d.name.name).toBe('折算');
      expect(d.label?.value).toBe('百分制');
      expect(d.params.map((p) => [p.name.name, p.type.kind === 'PrimType' && p.type.name])).toEqual([['x', 'number'], ['满分值', 'number']]);
      expect(d.result?.kind).toBe('PrimType');
      expect(a.diagnostics.filter((x) => x.code.startsWith('KH-P'))).toEqual([]);
    }
    const bare = analyze('scheme S { function 基数() = 100 }').parsed.scheme!.decls[0];
    expect(bare.kind === 'Function' && [bare.params.length, bare.result, bare.label]).toEqual([0, undefined, undefined]);
  });
});

describe('functions: checking', () => {
  it('accepts a scheme that uses functions in an indicator, a let and a grade condition', () => {
    const errors = analyze(`${BASE}}`).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('names direct recursion and the whole cycle of indirect recursion (KH-C081)', () => {
    const src = `scheme S {
      input { a: number }
      function 阶乘(n: number): number = if n <= 1 then 1 else n * 阶乘(n - 1)
      function 甲(x: number): number = 乙(x) + 1
      function 乙(x: number): number = 丙(x)
      function 丙(x: number): number = if x > 0 then 甲(x - 1) else 0
      indicator i weight 100% = 阶乘(a) + 甲(a)
    }`;
    const ds = diags(src, 'KH-C081');
    expect(ds.map((d) => d.message)).toEqual([
      'function 阶乘 calls itself: functions cannot be recursive',
      'functions call each other in a cycle: 甲 → 乙 → 丙 → 甲; functions cannot be recursive',
    ]);
    expect(ds.map((d) => d.range.start.line)).toEqual([3, 4]);
    expect(localizeDiagnostic(ds[1], 'zh').message).toBe('函数之间循环调用：甲 → 乙 → 丙 → 甲；函数不能递归');
    // without recursion: no KH-C081
    expect(codes(src.replace('then 甲(x - 1)', 'then x').replace('else n * 阶乘(n - 1)', 'else n'))).not.toContain('KH-C081');
  });

  it('refuses an input, a let, an indicator and a result name in a body and says to pass a parameter (KH-C080)', () => {
    const src = `scheme S {
      input { a: number, b: number }
      let l = a * 2
      function f1(x: number) = x + b
      function f2(x: number) = x + l
      function f3(x: number) = x + i
      function f4(x: number) = x + score
      indicator i weight 100% = f1(a) + f2(a) + f4(a)
      let m = f3(1)
      grades { 好 when m > 0 \n 差 otherwise }
    }`;
    const ds = diags(src, 'KH-C080');
    expect(ds.map((d) => d.message)).toEqual([
      "function f1 cannot use input 'b': a function sees only its parameters; pass 'b' as a parameter",
      "function f2 cannot use let 'l': a function sees only its parameters; pass 'l' as a parameter",
      "function f3 cannot use indicator 'i': a function sees only its parameters; pass 'i' as a parameter",
      "function f4 cannot use the result name 'score': a function sees only its parameters",
    ]);
    expect(localizeDiagnostic(ds[0], 'zh').message).toBe('函数“f1”不能使用输入项“b”：函数只能使用自己的参数；请把“b”作为参数传入');
    // b is named (wrongly), not unused
    expect(codes(src)).not.toContain('KH-C040');
  });

  it('lets a parameter hide a declared name of the same spelling, so the fix needs no renaming', () => {
    const src = `scheme S {
      input { 得分: number }
      function 折算(得分: number) = 得分 / 2
      indicator i weight 100% = 折算(得分)
    }`;
    expect(analyze(src).diagnostics).toEqual([]);
  });

  it('checks the number of arguments (KH-C082) and each argument against its parameter (KH-C005)', () => {
    const src = `${BASE}
      let 错1 = 折算(得分)
      let 错2 = 档次分(得分) + 折算(得分, 90, 1)
      let 对 = 档次分(好)
    }`;
    const arity = diags(src, 'KH-C082').map((d) => d.message);
    expect(arity).toEqual([
      '折算 takes 2 arguments (x, 满分值), not 1',
      '折算 takes 2 arguments (x, 满分值), not 3',
    ]);
    const types = diags(src, 'KH-C005').map((d) => d.message);
    expect(types).toEqual(['argument 1 of 档次分 must be an enum 平时等次, but this is a number']);
  });

  it('checks a declared result type against the body, and infers it when absent', () => {
    const src = `scheme S {
      input { a: number }
      function f(x: number): bool = x + 1
      function g(x: number) = x > 1
      indicator i weight 100% = g(a)
    }`;
    const ds = diags(src, 'KH-C005').map((d) => d.message);
    expect(ds).toEqual([
      'the result of f must be a bool, but this is a number',
      'the score of i must be a number, but this is a bool',
    ]);
  });

  it('reports a parameter twice (KH-C083), of type ratings or with a constraint (KH-C084), unused ones (KH-C085/C086)', () => {
    expect(codes('scheme S { input { a: number } function f(x: number, x: number) = x  indicator i weight 100% = f(a, a) }')).toContain('KH-C083');
    const c084 = diags(`scheme S {
      panel P { 上级 weight 100% }
      input { a: number, r: ratings of P }
      function f(x: number in [0, 100]) = x
      function g(r: ratings of P) = 1
      indicator i weight 100% = f(a) + g(r) + rate r
    }`, 'KH-C084');
    expect(c084.map((d) => d.range.start.line)).toEqual([4, 5]);
    const unused = analyze('scheme S { input { a: number } function f(x: number, y: number) = x  function g() = 1  indicator i weight 100% = f(a, 1) }');
    expect(unused.diagnostics.map((d) => [d.code, d.severity])).toEqual([['KH-C086', 'warning'], ['KH-C085', 'warning']]);
  });

  it('types a long chain of functions without recursing through it, and a table lookup by a parameter', async () => {
    const chain = (n: number) => {
      const fns = Array.from({ length: n }, (_, i) => `function f${i}(x: number) = ${i === n - 1 ? 'x' : `f${i + 1}(x) + 1`}`).join('\n');
      return `scheme S {\n input { a: number }\n ${fns}\n indicator i weight 100% = f0(a) / 10 }`;
    };
    // 800 calls deep is typed without overflowing, and refused as too deep (functions-limits.test.ts)
    expect(codes(chain(800))).toEqual(['KH-C061']);
    expect(analyze(chain(300)).diagnostics).toEqual([]);
    expect((await run(chain(300), { a: 1 })).score).toBe(30); // (1 + 299) / 10
    const table = `scheme S {
      enum 难度 { 常规, 困难 }
      table 难度名 { 常规: "常规任务", 困难: "困难任务" }
      input { d: 难度 }
      function 名(x: 难度) = 难度名[x]
      indicator i weight 100% = if 名(d) == "困难任务" then 100 else 50
    }`;
    expect(analyze(table).diagnostics).toEqual([]);
    expect((await run(table, { d: '困难' })).score).toBe(100);
  });

  it('shares the scheme namespace: a function and a let of one name are declared twice', () => {
    expect(codes('scheme S { input { a: number } let f = 1 function f(x: number) = x indicator i weight 100% = f(a) }')).toContain('KH-C002');
  });
});

describe('functions: evaluation', () => {
  it('computes exactly through a call: a third stays a third, and only the reported score is rounded', async () => {
    const src = `scheme S {
      precision 2
      input { a: number }
      function 三分之一(x: number) = x / 3
      indicator i weight 100% = 三分之一(a)
    }`;
    const r = await run(src, { a: 100 });
    expect(r.score).toBe(33.33); // 100/3 = 33.333…
    expect(r.explain).toBeUndefined();
    const exact = await run(src, { a: 100 }, { explain: true });
    expect(exact.explain!.score.exact).toBe('33.3333333333'); // the exact base is 100/3, not a rounded call result
    // arguments bind exactly: 0.1 + 0.2 is 3/10 (in floating point 0.30000000000000004)
    const sum = 'function 和(x: number, y: number) = x + y\n indicator i weight 100% = if 和(a / 1000, 0.2) == 0.3 then 100 else 0';
    expect((await run(src.replace('indicator i weight 100% = 三分之一(a)', sum).replace('function 三分之一(x: number) = x / 3', ''), { a: 100 })).score).toBe(100);
  });

  it('rounds a half on the rounding edge up: 折算(24.69, 200) is 12.345 exactly → 12.35', async () => {
    const src = `scheme S {
      precision 2
      input { a: number, m: number }
      function 折算(x: number, 满分值: number): number = x / 满分值 * 100
      indicator i weight 100% = 折算(a, m)
    }`;
    // 24.69 / 200 × 100 = 2469/200 = 12.345 exactly (the nearest double is 12.34499999…, which rounds to 12.34)
    expect((await run(src, { a: 24.69, m: 200 })).score).toBe(12.35);
  });

  it('serves an indicator, a let and a grade condition (the BASE scheme)', async () => {
    // 考试 = 170/200 × 100 = 85; 平时 = 档次分(较好) = 85; score = 85 × 60% + 85 × 40% = 85 → 称职
    const r = await run(`${BASE}}`, { 得分: 170, 总分值: 200, 平时: '较好' });
    expect([r.score, r.grade]).toEqual([85, '称职']);
    // 考试 = 190/200 × 100 = 95, 平时 = 100: score = 57 + 40 = 97 → 折算(97, 100) = 97 ≥ 90 → 优秀
    const top = await run(`${BASE}}`, { 得分: 190, 总分值: 200, 平时: '好' });
    expect([top.score, top.grade]).toEqual([97, '优秀']);
  });

  it('runs examples whose expectations call functions', async () => {
    const src = `${BASE}
      example 较好 {
        given { 得分: 170, 总分值: 200, 平时: 较好 }
        expect 考试 == 折算(170, 200)
        expect score == 85
        expect grade == 称职
      }
      example 三分 {
        given { 得分: 100, 总分值: 150, 平时: 一般 }
        expect 折算(得分, 总分值) == 折算(1, 1.5)
        expect 考试 == 66.67
      }
    }`;
    // 100/150 × 100 = 200/3 and 1/1.5 × 100 = 200/3: equal exactly (an indicator in `expect` is its reported 66.67)
    const out = await runExamples(scheme(src));
    expect(out.map((o) => [o.name, o.passed, o.failures.map((f) => f.message)])).toEqual([['较好', true, []], ['三分', true, []]]);
  });

  it('serves a negative item condition, in the native and the json-rules-engine runtime, and exports it as a computed fact', async () => {
    const src = `scheme S {
      input { a: number, m: number }
      function 折算(x: number, 满分值: number): number = x / 满分值 * 100
      indicator i weight 100% = 50
      negative 清单 { item 低分 when 折算(a, m) < 60 => deduct 5 }
    }`;
    for (const rulesRuntime of ['native', 'jre'] as const) {
      expect((await run(src, { a: 50, m: 100 }, { rulesRuntime })).score).toBe(45);
      expect((await run(src, { a: 60, m: 100 }, { rulesRuntime })).score).toBe(50); // 60 is not < 60
    }
    const a = analyze(src);
    const doc = exportRules(a.checked!, a.file).doc;
    expect(Object.values(doc.facts).map((f) => [f.kind, f.expr])).toContainEqual(['computed', '折算(a, m)']);
  });

  it('reports a division by zero inside a body at the body and names the call line', async () => {
    const src = `scheme S {
      input { a: number, m: number }
      function 折算(x: number, 满分值: number): number =
        x / 满分值 * 100
      indicator i weight 100% = 折算(a, m)
    }`;
    const out = await evaluate(scheme(src), { id: 'p', input: { a: 1, m: 0 } });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const e = out.errors[0];
    expect([e.code, e.line]).toEqual(['KH-E010', 4]);
    expect(e.message).toMatch(/\(line 4\), in 折算 called at line 5$/);
    expect(e.path).toBe('m');
  });

  it('explains each call with its arguments and result', async () => {
    const r = await run(`${BASE}}`, { 得分: 170, 总分值: 200, 平时: '较好' }, { explain: true });
    const exam = r.indicators.find((i) => i.id === '考试')!;
    expect(JSON.stringify(exam.trace)).toContain('"form":"function","function":"折算","args":{"x":170,"满分值":200},"result":85');
  });
});

describe('functions: editing', () => {
  it('re-parses an edit inside a body incrementally, with the result a full analysis gives', () => {
    const before = `${BASE}}`;
    const after = before.replace('x / 满分值 * 100', 'x / 满分值 * 10');
    const again = reanalyze(analyze(before), after);
    expect(again).toBeDefined();
    const full = analyze(after);
    expect(again!.diagnostics).toEqual(full.diagnostics);
    const body = (a: typeof full) => { const d = a.parsed.scheme!.decls.find((x) => x.kind === 'Function')!; return d.kind === 'Function' ? [d.span, d.body.span, d.params.map((p) => p.span)] : []; };
    expect(body(again!)).toEqual(body(full));
  });
});

describe('functions: formatting', () => {
  const src = 'scheme S {\n  input { a: number }\n  function  折算 "百分制"( x : number ,满分值:number ) : number=x/满分值*100\n  indicator i weight 100% = 折算(a, 2)\n}\n';
  it('prints the canonical form and converts the keywords and types', () => {
    const a = analyze(src);
    expect(format(a.parsed, a.file)).toContain('  function 折算 "百分制"(x: number, 满分值: number): number = x / 满分值 * 100\n');
    const zh = format(a.parsed, a.file, { keywords: 'zh' });
    expect(zh).toContain('  函数 折算 "百分制"(x: 数值, 满分值: 数值): 数值 = x / 满分值 * 100\n');
    const back = analyze(zh);
    expect(format(back.parsed, back.file, { keywords: 'en' })).toBe(format(a.parsed, a.file));
  });
});

describe('functions: hover and completion', () => {
  const text = `${BASE}
    let 再算 = |
  }`;
  it('offers functions with their parameter list, and inside a body the parameters but no inputs', () => {
    const { text: t, offset } = cursor(text);
    const ls = new LanguageService({ ui: 'en' });
    ls.update(t);
    const items = ls.complete(offset).items;
    expect(items.find((i) => i.label === '折算')).toMatchObject({ kind: 'function', detail: '折算(x: number, 满分值: number): number', documentation: '折算为百分制' });
    expect(items.find((i) => i.label === '档次分')?.detail).toBe('档次分(g: 平时等次)');
    const body = cursor(`${BASE}
      function 新(甲: number, 乙: 平时等次) = |
    }`);
    ls.update(body.text);
    const inBody = ls.complete(body.offset).items.map((i) => i.label);
    expect(inBody.slice(0, 2)).toEqual(['甲', '乙']);
    expect(inBody).toContain('折算');
    expect(inBody).not.toContain('得分'); // an input: not usable in a body
  });

  it('shows the signature and label on a call and on the declaration, and a parameter in the body', () => {
    const ls = new LanguageService({ ui: 'en' });
    ls.update(`${BASE}}`);
    const src = `${BASE}}`;
    const call = ls.hover(src.indexOf('折算(得分') + 1)!.markdown;
    expect(call).toContain('**折算** “折算为百分制” — function');
    expect(call).toContain('折算(x: number, 满分值: number): number');
    const param = ls.hover(src.indexOf('满分值 * 100') + 1)!.markdown;
    expect(param).toContain('**满分值** — parameter of 折算');
    expect(param).toContain('满分值: number');
    // go to definition and references: a parameter's use → its declaration; a function's calls
    const decl = src.indexOf('满分值: number');
    expect(ls.definition(src.indexOf('满分值 * 100') + 1)).toEqual({ start: decl, end: decl + 3 });
    expect(ls.references(src.indexOf('折算 "') + 1).map((r) => src.slice(r.start, r.end + 3))).toEqual(['折算 "折', '折算(得分', '折算(sc']);
    const zh = new LanguageService({ ui: 'zh' });
    zh.update(src);
    expect(zh.hover(src.indexOf('折算(得分') + 1)!.markdown).toContain('— 函数');
  });
});
