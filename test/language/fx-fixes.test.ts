// Fixes after the issue 12 review (section FX: parser, names, examples). Each test fails without its
// fix: `f(x in L)` is an aggregate only for the built-in aggregates (and the formatter keeps the
// parentheses that say otherwise); a keyword before `:` is a name only where a key starts (not `30
// days : 2` ending an aggregate's filter); a keyword declared as a parameter or input (`满分`, a
// declaration keyword) gets KH-P011 "quote it" where it is used; a recursion cycle names calls that
// exist; recovered trees (holes.ts) give no follow-on diagnostics; a failing `expect not X in L`
// shows both sides, and an expectation's text keeps its closing `)`; `kaohe test` on a scheme with
// errors says its examples were not run instead of "0 passed, 0 failed".

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import type { Expr, IndicatorDecl, NegativeDecl, LetDecl } from '../../dsl/ast.js';
import { repairHoles } from '../../dsl/check/holes.js';
import { format } from '../../dsl/format/index.js';
import { evaluate, prepare, runExamples } from '../../engine/index.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { memoryIO } from '../memory-io.js';

const codes = (src: string) => analyze(src).diagnostics.map((d) => d.code);
const fmt = (src: string, keywords: 'en' | 'zh') => { const a = analyze(src); return format(a.parsed, a.file, { keywords }); };

async function score(src: string, input: Record<string, unknown>, period?: string): Promise<number> {
  const r = prepare(src, 'fx.kaohe');
  if (!r.value) throw new Error(r.diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`).join('\n'));
  const out = await evaluate(r.value, { id: 'p1', input }, period ? { period } : {});
  if (!out.ok) throw new Error(out.errors.map((e) => `${e.code} ${e.message}`).join('\n'));
  return out.value.score;
}

describe('`f(x in L)`: an aggregate only for the built-in aggregates', () => {
  const SRC = `scheme t {
  function ok(b: bool): number = if b then 100 else 0
  input { a: number in [0, 100], xs: list of number, d: date }
  indicator A weight 100% = ok(a in xs) / 4 + ok(a in [1, 50]) / 4 + ok(d in [periodStart, periodEnd]) / 2
}`;

  it('reads a user function\'s `x in L`, `x in [a, b]` as membership arguments', async () => {
    expect(codes(SRC)).toEqual([]); // was KH-C001/KH-C005 (an "aggregate" ok) and a KH-E099 crash
    // a = 50 in [50], in [1, 50], d in Q1: 100/4 + 100/4 + 100/2 = 100
    expect(await score(SRC, { a: 50, xs: [50], d: '2026-03-31' }, '2026-Q1')).toBe(100);
    // a = 51 not in [1], not in [1, 50]; d = 04-01 after Q1: 0
    expect(await score(SRC, { a: 51, xs: [1], d: '2026-04-01' }, '2026-Q1')).toBe(0);
    expect(await score(SRC, { a: 1, xs: [], d: '2026-01-01' }, '2026-Q1')).toBe(75); // 0 + 25 + 50
  });

  it('keeps the parentheses of `max((a in xs), …)` when formatting, so the meaning survives', () => {
    const src = `scheme t {
  input { a: number in [0, 100], xs: list of number }
  let m = any((a in xs), false)
  indicator A weight 100% = if m then 100 else 0
}`;
    for (const kw of ['en', 'zh'] as const) {
      const out = fmt(src, kw);
      expect(out).toMatch(kw === 'en' ? /any\(\(a in xs\), false\)/ : /任一\(\(a 属于 xs\), 否\)/);
      const let_ = analyze(out).parsed.scheme!.decls.find((d) => d.kind === 'Let') as LetDecl;
      expect(let_.value.kind).toBe('Call'); // not an Aggregate over xs
      expect((let_.value as Expr & { kind: 'Call' }).args[0].kind).toBe('In');
    }
  });
});

describe('a keyword before `:` is a name only where a key starts', () => {
  const SRC = `scheme t {
  input { 记录: list of { 日期: date } }
  indicator A weight 100% = sum(r in 记录 where r.日期 > periodStart + 30 days : 2)
}`;

  it('reads `30 days : 2` as a duration and the aggregate body', async () => {
    expect(codes(SRC)).toEqual([]); // was KH-P001 expected `)` but found `days`
    for (const kw of ['en', 'zh'] as const) expect(codes(fmt(SRC, kw))).toEqual([]);
    // 2026-Q1 starts 01-01; + 30 days = 01-31: 02-01 counts (2), 01-31 does not
    expect(await score(SRC, { 记录: [{ 日期: '2026-02-01' }, { 日期: '2026-01-31' }] }, '2026-Q1')).toBe(2);
  });

  it('still reads keys and fields after `{`, `,` and at a line start as names', () => {
    const src = `scheme t {
  input {
    日期: number
    记录: list of { 年: number, 日期: number }
  }
  indicator A weight 100% = sum(r in 记录 : r.日期 + r.年) + 「日期」
  example e { given { 日期: 1, 记录: [{ 年: 2, 日期: 3 }] } expect A == 6 }
}`;
    expect(codes(src)).toEqual([]);
  });
});

describe('a declaration keyword declared as a parameter or input', () => {
  it('gets KH-P011 "quote it" at its use, as any other keyword does', async () => {
    const fn = `scheme t {
  function 折算(x: number, 满分: number): number = x / 满分 * 100
  input { v: number in [0, 90] }
  indicator A weight 100% = 折算(v, 90)
}`;
    const d = analyze(fn).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['KH-P011']); // was two KH-P001 and "unknown function 折算"
    expect(d[0].range.start).toMatchObject({ line: 2, column: 52 });
    expect(d[0].fix?.edits[0].text).toBe('`满分`');
    const quoted = fn.replace('x / 满分', 'x / `满分`');
    expect(codes(quoted)).toEqual([]);
    expect(await score(quoted, { v: 45 })).toBe(50); // 45 / 90 × 100
    const input = `scheme t {
  input { v: number in [0, 90], 满分: number in [1, 100] }
  indicator A weight 100% = v / 满分 * 100
}`;
    expect(codes(input)).toEqual(['KH-P011']);
  });
});

describe('a recursion cycle', () => {
  it('names calls that exist', () => {
    const src = `scheme t {
  function a(x: number): number = b(x)
  function b(x: number): number = c(x) + a(x)
  function c(x: number): number = b(x)
  input { v: number }
  indicator A weight 100% = a(v)
}`;
    const d = analyze(src).diagnostics.filter((x) => x.code === 'KH-C081');
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('a → b → a'); // was a → b → c → a: c never calls a
  });
});

describe('recovered trees', () => {
  it('report the syntax error alone', () => {
    const share = `scheme t {
  input { lead: bool, a: number }
  indicator A weight if lead and then 40% else 60% = a
  indicator B weight 40% = a
}`;
    expect(codes(share)).toEqual(['KH-P001']); // no KH-C014 quoting `then`
    expect(codes(share.replace('weight if lead and then 40% else 60%', 'weight 60%').replace('indicator A', 'when lead and then { indicator A').replace('= a\n  indicator B', '= a }\n  indicator B')))
      .toEqual(['KH-P001']);
    const days = `scheme t {
  input { d: date }
  indicator A weight 100% = if d + days > d then 100 else 0
}`;
    expect(codes(days)).toEqual(['KH-P001']); // no KH-P011 "quote days", no unknown name 'days'
    const param = `scheme t {
  function f(x: , y: number) = x + y
  input { a: number }
  indicator A weight 100% = f(a, a)
}`;
    expect(codes(param)).toEqual(['KH-P001']); // no "unknown name x"
  });

  it('repairs conditional-share cases, `for` names and duration amounts', () => {
    const src = `scheme t {
  input { lead: bool, a: number, d: date }
  indicator A weight if lead then 40% else 100% = if d + 1 days > d then a else 0
  indicator B weight if lead then 60% else 0% = a
  negative N { item x for A when a > 1 => deduct 1 }
}`;
    const scheme = analyze(src).parsed.scheme!;
    const a = scheme.decls.find((d) => d.kind === 'Indicator') as IndicatorDecl;
    const cases = a.share!.cases!;
    delete (cases[0] as Partial<typeof cases[0]>).cond;
    delete (cases[0] as Partial<typeof cases[0]>).value;
    const duration = ((a.value as Expr & { kind: 'If' }).cond as Expr & { kind: 'Binary' }).left as Expr & { kind: 'Binary' };
    delete (duration.right as Partial<Expr & { kind: 'Duration' }>).amount;
    const item = (scheme.decls.find((d) => d.kind === 'Negative') as NegativeDecl).items[0];
    item.for!.span = { start: NaN, end: NaN };
    repairHoles(scheme, src.length);
    expect(cases[0].cond.kind).toBe('Error');
    expect(cases[0].value.text).toBe('');
    expect((duration.right as Expr & { kind: 'Duration' }).amount.text).toBe('');
    expect(Number.isFinite(item.for!.span.start)).toBe(true);
  });
});

describe('failing expectations', () => {
  const SRC = `scheme t {
  input { a: number in [0, 100] }
  indicator A weight 100% = a
  outcomes { action 约谈 when a < 60 }
  example e {
    given { a: 50 }
    expect not 约谈 in actions
    expect not (a < 60 and a > 1)
  }
}`;

  it('show both sides of `not X in L` and the whole text of `not (…)`', async () => {
    const [o] = await runExamples(prepare(SRC, 'fx.kaohe').value!);
    expect(o.passed).toBe(false);
    expect(o.failures[0]).toMatchObject({ expect: 'not 约谈 in actions', left: '"约谈"', right: '["约谈"]' });
    expect(o.failures[1].expect).toBe('not (a < 60 and a > 1)'); // was cut before `)`
  });

  it('`kaohe test` on a scheme with errors says the examples were not run', async () => {
    const io = memoryIO({ 'b.kaohe': SRC.replace('= a\n', '= b\n') });
    expect(await testCmd(['b.kaohe', '--lang', 'zh'], io)).toBe(2);
    expect(io.stderr).toContain('KH-C001');
    expect(io.stderr).toContain('b.kaohe：方案有错误，示例没有运行');
    expect(io.stdout).not.toContain('通过 0 个'); // was "通过 0 个，失败 0 个"
  });
});
