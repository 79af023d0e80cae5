// Test helpers for the parser: parse a source text, print expressions as fully parenthesized
// s-expressions so precedence is visible, strip spans for structural comparison, and check that
// SpanShifter moves every span of a tree exactly once.

import { expect } from 'vitest';
import { SourceFile } from '../../dsl/source.js';
import { parse } from '../../dsl/parser/index.js';
import { SpanShifter } from '../../dsl/parser/shift.js';
import type { Expr, Scheme, Span } from '../../dsl/ast.js';

export function parseText(text: string) {
  const file = new SourceFile(text, 'test.kaohe');
  const r = parse(file);
  return { file, ...r.value, diagnostics: r.diagnostics };
}

/** Every span object reachable from the tree, with its offsets before shifting. */
function spans(scheme: Scheme): Map<Span, [number, number]> {
  const out = new Map<Span, [number, number]>();
  const walk = (v: unknown, key: string): void => {
    if (v === null || typeof v !== 'object') return;
    if (key === 'span') { const s = v as Span; out.set(s, [s.start, s.end]); return; }
    if (Array.isArray(v)) { for (const x of v) walk(x, ''); return; }
    for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(scheme, '');
  return out;
}

/** Parses `text` (no syntax error), shifts by 3 at `at`: each span at or after `at` moves exactly once
 * and no other span moves (SpanShifter checked against a generic walk over the tree). */
export function shiftsExactlyOnce(text: string, at: number): void {
  const r = parseText(text);
  expect(r.diagnostics.filter((d) => d.code.startsWith('KH-P'))).toEqual([]);
  const before = spans(r.scheme!);
  new SpanShifter(at, 3).scheme(r.scheme!);
  for (const [s, [start, end]] of before) {
    expect([s.start, s.end]).toEqual([start >= at ? start + 3 : start, end >= at ? end + 3 : end]);
  }
}

/** The expression of `let x = …` inside a minimal scheme. */
export function parseExpr(expr: string): Expr {
  const r = parseText(`scheme S { let x = ${expr} }`);
  if (r.diagnostics.length) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const d = r.scheme!.decls[0];
  if (d.kind !== 'Let') throw new Error('expected a let');
  return d.value;
}

export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'Number': return e.text + (e.percent ? '%' : '');
    case 'String': return JSON.stringify(e.value);
    case 'Bool': return String(e.value);
    case 'Name': return e.builtin ? `${e.name}@${e.builtin}` : e.name;
    case 'Unary': return `(${e.op} ${sexpr(e.operand)})`;
    case 'Binary': return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'Interval': return `(in ${sexpr(e.value)} ${e.loOpen ? '(' : '['}${sexpr(e.lo)} ${sexpr(e.hi)}${e.hiOpen ? ')' : ']'})`;
    case 'Duration': return `${e.amount.text}${e.unit}`;
    case 'In': return `(in ${sexpr(e.value)} {${e.set.map(sexpr).join(' ')}})`;
    case 'If': return `(if ${sexpr(e.cond)} ${sexpr(e.then)} ${sexpr(e.else)})`;
    case 'Field': return `${sexpr(e.object)}.${e.field.name}`;
    case 'Index': return `${sexpr(e.object)}[${sexpr(e.index)}]`;
    case 'Call': return `${e.fn || e.callee.name}(${e.args.map(sexpr).join(' ')})`;
    case 'CohortAgg': return `${e.scope} ${e.fn}(${sexpr(e.arg)}${e.p ? ` ${sexpr(e.p)}` : ''}${e.dir ? ` ${e.dir}` : ''})`;
    case 'Aggregate':
      return `${e.fn}(${e.binder.name} in ${sexpr(e.list)}${e.where ? ` where ${sexpr(e.where)}` : ''}` +
        `${e.weight ? ` weighted ${sexpr(e.weight)}` : ''}${e.body ? ` : ${sexpr(e.body)}` : ''})`;
    case 'Bands': return `bands(${sexpr(e.subject)} ${e.bands.map((b) => `${b.op}${sexpr(b.threshold)}:${sexpr(b.score)}`).join(' ')}${e.else ? ` else:${sexpr(e.else)}` : ''})`;
    case 'Levels': return `levels(${sexpr(e.subject)} ${e.entries.map((l) => `${l.member.name}:${sexpr(l.score)}`).join(' ')}${e.else ? ` else:${sexpr(e.else)}` : ''})`;
    case 'Linear': return `linear(${sexpr(e.subject)} ${e.points.map((p) => `${sexpr(p.x)}=>${sexpr(p.y)}`).join(' ')})`;
    case 'Rate': return `rate(${sexpr(e.subject)})`;
    case 'Object': return `{${e.entries.map((x) => `${x.key.name}: ${sexpr(x.value)}`).join(', ')}}`;
    case 'List': return `[${e.items.map(sexpr).join(' ')}]`;
    case 'Error': return '<error>';
  }
}

/** Deep copy without `span` fields, for comparing trees. */
export function stripSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'span' ? undefined : v)));
}

/** A quarterly scheme with Chinese keywords and weights (as the issue's tax bureau wrote it). */
export const TAX = `方案 税务 "税务局季度考核" {
  输入 {
    迟到次数: 整数 >= 0 = 0
    办结率: 数值 属于 [0, 1]
    投诉数: 整数 >= 0 = 0
  }
  类别 共性 权重 40% {
    指标 出勤 权重 100% = 100 - 迟到次数 * 5
  }
  类别 个性 权重 60% {
    指标 办结 权重 100% = 办结率 * 100
  }
  负面清单 扣分 {
    事项 投诉 当 投诉数 > 0 => 扣 1 每 投诉数
  }
  等次 {
    优秀 当 总分 >= 90
    称职 其他
  }
}
`;
