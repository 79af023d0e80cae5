// Cohort aggregates in the parser (issue 13): `SCOPE FN(X [, P] [asc|desc])` in both keyword languages,
// a primary (binds tighter than any operator), the function word read only after a scope keyword (so
// `名次`, `rank`, `百分位` stay free names elsewhere), spans, and a clear error for another word.

import { describe, expect, it } from 'vitest';
import type { CohortAgg } from '../../dsl/ast.js';
import { parseExpr, parseText, sexpr, shiftsExactlyOnce } from './helpers.js';

describe('cohort aggregates', () => {
  it('parse in both keyword languages, as primaries', () => {
    expect(sexpr(parseExpr('x / overall max(x) * 600'))).toBe('(* (/ x overall max(x)) 600)');
    expect(sexpr(parseExpr('x / 全体 最大(x) * 600'))).toBe('(* (/ x overall max(x)) 600)');
    expect(sexpr(parseExpr('100 - 2 * (overall rank(x) - 1)'))).toBe('(- 100 (* 2 (- overall rank(x) 1)))');
    expect(sexpr(parseExpr('本组 平均(a + b) > 本组 最小(a)'))).toBe('(> cohort avg((+ a b)) cohort min(a))');
    expect(sexpr(parseExpr('-overall min(x)'))).toBe('(- overall min(x))');
    expect(sexpr(parseExpr('全体 百分位(总分, 50)'))).toBe('overall percentile(总分@score 50)');
    expect(sexpr(parseExpr('本组 名次(x 升序)'))).toBe('cohort rank(x asc)');
    expect(sexpr(parseExpr('overall rank(x desc)'))).toBe('overall rank(x desc)');
    expect(sexpr(parseExpr('overall rank(if a then x else y)'))).toBe('overall rank((if a x y))');
  });

  it('keep the function word as written, the order only when written, and exact spans', () => {
    const text = 'x + 全体 名次(x)';
    const e = parseExpr(text);
    if (e.kind !== 'Binary' || e.right.kind !== 'CohortAgg') throw new Error(sexpr(e));
    const a: CohortAgg = e.right;
    expect([a.fn, a.callee.name, a.dir, a.p]).toEqual(['rank', '名次', undefined, undefined]);
    const src = `scheme S { let x = ${text} }`;
    const at = src.indexOf('全体');
    expect(a.span).toEqual({ start: at, end: src.indexOf(')', at) + 1 });
    expect(a.callee.span).toEqual({ start: src.indexOf('名次'), end: src.indexOf('名次') + 2 });
  });

  it('the function words are not reserved: names elsewhere, and calls of declared functions', () => {
    const r = parseText(`scheme S {
  input { 名次: number, rank: number, 百分位: number }
  function percentile(x: number) = x
  let a = 名次 + rank + 百分位 + percentile(1) + overall rank(名次)
}`);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('another word after a scope is a syntax error naming the five; the parse goes on', () => {
    const r = parseText('scheme S {\n  let a = overall sum(x)\n  let b = cohort max(x)\n}');
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((d) => [d.code, d.range.start.line, d.range.start.column, d.message])).toEqual([
      ['KH-P001', 2, 19, 'expected `max`, `min`, `avg`, `percentile` or `rank` but found `sum`'],
    ]);
    const b = r.scheme!.decls[1];
    expect(b.kind === 'Let' && b.value.kind).toBe('CohortAgg');
  });

  it('an unclosed aggregate is an error at the end, not a crash', () => {
    const r = parseText('scheme S {\n  let a = overall max(x\n}');
    expect(r.diagnostics.some((d) => d.code === 'KH-P001')).toBe(true);
    expect(r.scheme).toBeDefined();
  });
});

describe('SpanShifter on cohort aggregates', () => {
  const text = `scheme S {
  input { x: number, y: number }
  let a = overall max(x) + cohort percentile(y, 50) + overall rank(x asc)
  indicator b weight 100% = x / 全体 最大(x)
  grades { g when score >= cohort avg(score)\n h otherwise }
}`;
  it('moves the scope, callee, argument and percent spans exactly once', () => {
    for (const at of [0, text.indexOf('percentile'), text.indexOf('50'), text.indexOf('全体')]) {
      shiftsExactlyOnce(text, at);
    }
  });
});
