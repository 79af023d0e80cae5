// Expression and type printing for the formatter: one line per expression, canonical spacing, and
// the fewest parentheses the precedence of LANGUAGE.md §4 allows without changing the tree.
//
// Precedence levels (higher binds tighter): 1 `if`, 2 `or`, 3 `and`, 4 `not`, 5 comparisons and `in`,
// 6 `+ -`, 7 `* /`, 8 unary `-`, 9 postfix and primaries. Each position says the lowest level it can
// hold unparenthesized; the levels follow the grammar (dsl/parser/grammar.ts), e.g. `bands` subjects,
// `in` sets, effect amounts and tiebreak keys are additive (6), constraint bounds are unary (8).

import type { Constraint, Expr, TypeExpr, Field, NumberLit, Label } from '../ast.js';
import { builtinText, keywordText, type KeywordId, type Lang } from '../keywords.js';

export interface Ctx {
  lang: Lang;
  kw(id: KeywordId): string;
  /** A built-in function or result name in the output language. */
  builtin(canonical: string): string;
}

export function makeCtx(lang: Lang): Ctx {
  return { lang, kw: (id) => keywordText(id, lang), builtin: (c) => builtinText(c, lang) };
}

/** Operator precedence levels (see header). */
export const P = { top: 1, or: 2, and: 3, not: 4, cmp: 5, add: 6, mul: 7, neg: 8, postfix: 9 } as const;

const BINARY_PREC: Record<string, number> = {
  or: P.or, and: P.and, '==': P.cmp, '!=': P.cmp, '<': P.cmp, '<=': P.cmp, '>': P.cmp, '>=': P.cmp,
  '+': P.add, '-': P.add, '*': P.mul, '/': P.mul,
};

function prec(e: Expr): number {
  switch (e.kind) {
    case 'If': return P.top;
    case 'Binary': return BINARY_PREC[e.op];
    case 'Unary': return e.op === 'not' ? P.not : P.neg;
    case 'In': return P.cmp;
    default: return P.postfix;
  }
}

/** A string literal or label: always ASCII quotes, `\"` and `\\` escaped. */
export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function label(l: Label | undefined): string {
  return l ? ` ${quote(l.value)}` : '';
}

export function num(n: NumberLit): string {
  return n.percent ? `${n.text}%` : n.text;
}

/** Prints `e`, parenthesized when its precedence is below `min`. */
export function expr(e: Expr, c: Ctx, min: number = P.top): string {
  const s = bare(e, c);
  return prec(e) < min ? `(${s})` : s;
}

function list(items: Expr[], c: Ctx, min: number = P.top): string {
  return items.map((i) => expr(i, c, min)).join(', ');
}

/** `{ a, b }` with the usual inner spaces, `{}` when empty. */
export function braces(items: string[]): string {
  return items.length ? `{ ${items.join(', ')} }` : '{}';
}

/** The object of `.`/`[]`: a `rate` form must be parenthesized, its subject would swallow the postfix. */
function postfixObject(e: Expr, c: Ctx): string {
  return e.kind === 'Rate' ? `(${bare(e, c)})` : expr(e, c, P.postfix);
}

function bare(e: Expr, c: Ctx): string {
  switch (e.kind) {
    case 'Number': return num(e);
    case 'String': return quote(e.value);
    case 'Bool': return c.kw(e.value ? 'true' : 'false');
    case 'Name': return e.builtin ? c.builtin(e.builtin) : e.name;
    case 'Unary': {
      if (e.op === 'not') return `${c.kw('not')} ${expr(e.operand, c, P.not)}`;
      const operand = expr(e.operand, c, P.neg);
      return operand.startsWith('-') ? `- ${operand}` : `-${operand}`;
    }
    case 'Binary': {
      const p = BINARY_PREC[e.op];
      // Comparisons do not chain: both sides one level tighter. Others are left associative.
      const leftMin = p === P.cmp ? p + 1 : p;
      const op = e.op === 'and' || e.op === 'or' ? c.kw(e.op) : e.op;
      return `${expr(e.left, c, leftMin)} ${op} ${expr(e.right, c, p + 1)}`;
    }
    case 'In': return `${expr(e.value, c, P.add)} ${c.kw('in')} ${braces(e.set.map((s) => expr(s, c, P.add)))}`;
    case 'If':
      return `${c.kw('if')} ${expr(e.cond, c, P.or)} ${c.kw('then')} ${expr(e.then, c, P.or)} ${c.kw('else')} ${expr(e.else, c)}`;
    case 'Field': return `${postfixObject(e.object, c)}.${e.field.name}`;
    case 'Index': return `${postfixObject(e.object, c)}[${expr(e.index, c)}]`;
    case 'Call': return `${e.fn ? c.builtin(e.fn) : e.callee.name}(${list(e.args, c)})`;
    case 'Aggregate': {
      let s = `${c.builtin(e.fn)}(${e.binder.name} ${c.kw('in')} ${expr(e.list, c, P.add)}`;
      if (e.where) s += ` ${c.kw('where')} ${expr(e.where, c)}`;
      if (e.weight) s += ` ${c.kw('weightedBy')} ${expr(e.weight, c)}`;
      if (e.body) s += ` : ${expr(e.body, c)}`;
      return s + ')';
    }
    case 'Bands': {
      const entries = e.bands.map((b) => `${b.op} ${expr(b.threshold, c, P.add)}: ${expr(b.score, c)}`);
      if (e.else) entries.push(`${c.kw('else')}: ${expr(e.else, c)}`);
      return `${c.kw('bands')} ${expr(e.subject, c, P.add)} ${braces(entries)}`;
    }
    case 'Levels': {
      const entries = e.entries.map((l) => `${l.member.name}: ${expr(l.score, c)}`);
      if (e.else) entries.push(`${c.kw('else')}: ${expr(e.else, c)}`);
      return `${c.kw('levels')} ${expr(e.subject, c, P.add)} ${braces(entries)}`;
    }
    case 'Linear': {
      const entries = e.points.map((p) => `${expr(p.x, c, P.add)} => ${expr(p.y, c, P.add)}`);
      return `${c.kw('linear')} ${expr(e.subject, c, P.add)} ${braces(entries)}`;
    }
    case 'Rate': return `${c.kw('rate')} ${postfixObject(e.subject, c)}`;
    case 'Object': return braces(e.entries.map((en) => `${en.key.name}: ${expr(en.value, c)}`));
    case 'List': return `[${list(e.items, c)}]`;
    case 'Error': return '/* ? */';
  }
}

// ---------------------------------------------------------------- types

function constraint(k: Constraint | undefined, c: Ctx): string {
  if (!k) return '';
  if (k.kind === 'Range') return ` ${c.kw('in')} [${expr(k.lo, c, P.neg)}, ${expr(k.hi, c, P.neg)}]`;
  return ` ${k.op} ${expr(k.value, c, P.neg)}`;
}

export function typeExpr(t: TypeExpr, c: Ctx): string {
  switch (t.kind) {
    case 'PrimType': return c.kw(t.name) + constraint(t.constraint, c);
    case 'NamedType': return t.name.name + constraint(t.constraint, c);
    case 'ListType': {
      let s = `${c.kw('listOf')} ${typeExpr(t.element, c)}`;
      if (t.min) s += ` ${c.kw('min')} ${num(t.min)}`;
      if (t.max) s += ` ${c.kw('max')} ${num(t.max)}`;
      return s;
    }
    case 'RecordType': return braces(t.fields.map((f) => field(f, c)));
    case 'RatingsType': return `${c.kw('ratingsOf')} ${t.panel.name}`;
    case 'ErrorType': return '/* ? */';
  }
}

/** `名称 "label": type = default` — input fields and record fields. */
export function field(f: Field, c: Ctx): string {
  const dflt = f.default ? ` = ${expr(f.default, c)}` : '';
  return `${f.name.name}${label(f.label)}: ${typeExpr(f.type, c)}${dflt}`;
}
