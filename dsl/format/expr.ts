// Expression and type printing for the formatter: canonical spacing, the fewest parentheses the
// precedence of LANGUAGE.md §4 allows without changing the tree, and the places a long line may
// break (a Doc, laid out by doc.ts):
// - before a binary operator: a chain of one precedence level (`a + b - c`, `x and y and z`) is one
//   group, so it breaks before each of its operators or none; a chain inside it is a group of its own;
// - before each `else` of an `if … then … else if …` chain;
// - after each `,` of call arguments, `[…]` lists and `{…}` entries (tables, bands, levels, linear
//   points, `in` sets, records), one item per line, the closer on a line of its own — except a list
//   of numbers, which fills its lines (`[95, 92, 90,` …);
// - before `where`, `weighted by` and `:` of an aggregate.
// Continuation lines are indented one level; nothing else ever breaks (names, numbers, strings,
// `a.b`, `a[i]`, unary operators).
//
// Precedence levels (higher binds tighter): 1 `if`, 2 `or`, 3 `and`, 4 `not`, 5 comparisons and `in`,
// 6 `+ -`, 7 `* /`, 8 unary `-`, 9 postfix and primaries. Each position says the lowest level it can
// hold unparenthesized; the levels follow the grammar (dsl/parser/grammar.ts), e.g. `bands` subjects,
// `in` sets, effect amounts and tiebreak keys are additive (6), constraint bounds are unary (8).

import type { Constraint, OneOf, Expr, TypeExpr, Field, NumberLit, Label } from '../ast.js';
import { builtinText, COHORT_FUNCTIONS, keywordOf, keywordText, type KeywordId, type Lang } from '../keywords.js';
import { quoteName } from '../quote-name.js';
import { subjectField, subjectFieldName, subjectId } from './cohort-example.js';
import { periodFieldName, periodResultsType } from './period-fields.js';
import { fill, firstText, group, indent, join, line, softline, type Doc } from './doc.js';

export interface Ctx {
  lang: Lang;
  kw(id: KeywordId): string;
  /** A built-in function or result name in the output language. */
  builtin(canonical: string): string;
  /** A declared name, quoted when it is reserved (issue 12): `` `其他` `` in English, 「其他」 in Chinese. */
  name(n: string): string;
  /** A cohort aggregate's function word (`max`/`最大`, `rank`/`名次`; issue 13). */
  cohortFn(canonical: string): string;
  /** The subjects' ids while printing a cohort example's expectations (`A1.grade`; issue 13). */
  subjects?: ReadonlySet<string>;
  /** The scheme's declared names (inputs, indicators, groups, …): `ID.X` keeps such an X as written
   * and is never translated into one (issue 13; dsl/format/cohort-example.ts). */
  declared?: ReadonlySet<string>;
  /** Field expressions and given entries naming a period result's field (issue 14; period-fields.ts). */
  periodFields?: ReadonlySet<object>;
}

export function makeCtx(lang: Lang): Ctx {
  return { lang, kw: (id) => keywordText(id, lang), builtin: (c) => builtinText(c, lang), name: (n) => quoteName(n, lang),
    cohortFn: (f) => (lang === 'zh' ? COHORT_FUNCTIONS[f] ?? f : f) };
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
    case 'In': case 'Interval': return P.cmp;
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
export function expr(e: Expr, c: Ctx, min: number = P.top): Doc {
  const d = bare(e, c);
  return prec(e) < min ? ['(', d, ')'] : d;
}

/** `open item, item close`, broken after each `,` with the items one level in. `pad` is what
 * stands inside the brackets on one line (`{ a, b }` but `[a, b]`). */
function bracketed(open: string, items: readonly Doc[], close: string, pad: typeof line | typeof softline): Doc {
  if (items.length === 0) return open + close;
  return group(open, indent(pad, join([',', line], items)), pad, close);
}

/** `{ a, b }` with the usual inner spaces, `{}` when empty; one item per line when broken. */
export function braces(items: readonly Doc[]): Doc {
  return bracketed('{', items, '}', line);
}

function args(open: string, items: Expr[], c: Ctx, close: string): Doc {
  return bracketed(open, items.map((i) => expr(i, c)), close, softline);
}

const AGGREGATE_FNS = new Set(['avg', 'sum', 'count', 'min', 'max', 'any', 'all']);

/** A built-in aggregate's call arguments: a first argument `x in L` / `x in [a, b]` keeps its
 * parentheses, unparenthesized it would read as the aggregate `f(x in L …)`. */
function callArgs(e: Expr & { kind: 'Call' }, c: Ctx): Doc {
  const first = e.args[0];
  const ambiguous = first !== undefined && AGGREGATE_FNS.has(e.fn)
    && ((first.kind === 'In' && first.of !== undefined) || first.kind === 'Interval') && first.value.kind === 'Name';
  if (!ambiguous) return args('(', e.args, c, ')');
  return bracketed('(', [['(', bare(first, c), ')'], ...e.args.slice(1).map((i) => expr(i, c))], ')', softline);
}

const isNumber = (e: Expr): boolean => e.kind === 'Number' || (e.kind === 'Unary' && e.op === '-' && e.operand.kind === 'Number');

/** A list of numbers (ratings, quarterly scores) breaks like a paragraph: as many a line as fit. */
function numbers(items: Expr[], c: Ctx): Doc {
  return group('[', indent(softline, fill(join([',', line], items.map((i) => expr(i, c))))), softline, ']');
}

/** The object of `.`/`[]`: a `rate` form must be parenthesized, its subject would swallow the postfix. */
function postfixObject(e: Expr, c: Ctx): Doc {
  return e.kind === 'Rate' ? ['(', bare(e, c), ')'] : expr(e, c, P.postfix);
}

/** A left-associative chain of one precedence level (`a + b - c`), collected along the left spine
 * without recursion: one group that breaks before each operator. Comparisons do not chain. */
function binaryChain(e: Expr & { kind: 'Binary' }, c: Ctx): Doc {
  const p = BINARY_PREC[e.op];
  const rights: (Expr & { kind: 'Binary' })[] = [];
  let left: Expr = e;
  while (left.kind === 'Binary' && BINARY_PREC[left.op] === p && (rights.length === 0 || p !== P.cmp)) {
    rights.push(left);
    left = left.left;
  }
  // Left operands of a comparison are one level tighter (no chaining); others left associative.
  const tail = rights.reverse().map((b) => [line, b.op === 'and' || b.op === 'or' ? c.kw(b.op) : b.op, ' ', expr(b.right, c, p + 1)]);
  return group(expr(left, c, p === P.cmp ? p + 1 : p), indent(tail));
}

/** `if a then x else if b then y else z`: one group that breaks before each `else`. */
function ifChain(e: Expr & { kind: 'If' }, c: Ctx): Doc {
  const head = (x: Expr & { kind: 'If' }): Doc => [c.kw('if'), ' ', expr(x.cond, c, P.or), ' ', c.kw('then'), ' ', expr(x.then, c, P.or)];
  const rest: Doc[] = [];
  let x: Expr = e.else;
  while (x.kind === 'If') {
    rest.push(line, c.kw('else'), ' ', head(x));
    x = x.else;
  }
  rest.push(line, c.kw('else'), ' ', expr(x, c));
  return group(head(e), indent(rest));
}

function bare(e: Expr, c: Ctx): Doc {
  switch (e.kind) {
    case 'Number': return num(e);
    case 'String': return quote(e.value);
    case 'Bool': return c.kw(e.value ? 'true' : 'false');
    // Quoted when it was (a built-in's spelling) or must be (a keyword); `合计` unquoted stays so.
    case 'Name': return e.builtin ? c.builtin(e.builtin) : e.quoted || keywordOf(e.name) ? c.name(e.name) : e.name;
    case 'Unary': {
      if (e.op === 'not') return [c.kw('not'), ' ', expr(e.operand, c, P.not)];
      const operand = expr(e.operand, c, P.neg);
      return [firstText(operand).startsWith('-') ? '- ' : '-', operand];
    }
    case 'Binary': return binaryChain(e, c);
    case 'In': {
      // `约谈 in A1.actions` (issue 13): a subject's list, its name in the output language
      const of = e.of && e.ofSubject ? `${subjectId(e.ofSubject.name, c)}.${subjectFieldName(e.of.name, c)}` : e.of && expr(e.of, c);
      return [expr(e.value, c, P.add), ' ', c.kw('in'), ' ', of || braces(e.set.map((s) => expr(s, c, P.add)))];
    }
    case 'Interval': return [expr(e.value, c, P.add), ' ', c.kw('in'), ' ', e.loOpen ? '(' : '[', expr(e.lo, c, P.or), ', ', expr(e.hi, c, P.or), e.hiOpen ? ')' : ']'];
    case 'Duration': return [num(e.amount), ' ', c.kw(e.unit)];
    case 'If': return ifChain(e, c);
    case 'Field': return subjectField(e, c) ?? [postfixObject(e.object, c), '.', c.periodFields?.has(e) ? periodFieldName(e.field.name, c.lang) : c.name(e.field.name)]; // `A1.grade` (issue 13), `r.得分` (issue 14)
    case 'Index': return [postfixObject(e.object, c), '[', expr(e.index, c), ']'];
    case 'Call': return [e.fn ? c.builtin(e.fn) : c.name(e.callee.name), callArgs(e, c)];
    case 'Aggregate': {
      const clauses: Doc[] = [];
      if (e.where) clauses.push(line, c.kw('where'), ' ', expr(e.where, c));
      if (e.weight) clauses.push(line, c.kw('weightedBy'), ' ', expr(e.weight, c));
      if (e.body) clauses.push(line, ': ', expr(e.body, c));
      return group(c.builtin(e.fn), '(', c.name(e.binder.name), ' ', c.kw('in'), ' ', expr(e.list, c, P.add), indent(clauses), ')');
    }
    // `overall max(x)`, `本组 百分位(score, 50)`, `overall rank(x asc)` (issue 13)
    case 'CohortAgg': return [c.kw(e.scope), ' ', c.cohortFn(e.fn), '(', expr(e.arg, c), e.p ? [', ', expr(e.p, c)] : '', e.dir ? [' ', c.kw(e.dir)] : '', ')'];
    case 'Bands': {
      const entries: Doc[] = e.bands.map((b) => [b.op, ' ', expr(b.threshold, c, P.add), ': ', expr(b.score, c)]);
      if (e.else) entries.push([c.kw('else'), ': ', expr(e.else, c)]);
      return [c.kw('bands'), ' ', expr(e.subject, c, P.add), ' ', braces(entries)];
    }
    case 'Levels': {
      const entries: Doc[] = e.entries.map((l) => [c.name(l.member.name), ': ', expr(l.score, c)]);
      if (e.else) entries.push([c.kw('else'), ': ', expr(e.else, c)]);
      return [c.kw('levels'), ' ', expr(e.subject, c, P.add), ' ', braces(entries)];
    }
    case 'Linear': {
      const entries: Doc[] = e.points.map((p) => [expr(p.x, c, P.add), ' => ', expr(p.y, c, P.add)]);
      return [c.kw('linear'), ' ', expr(e.subject, c, P.add), ' ', braces(entries)];
    }
    case 'Rate': return [c.kw('rate'), ' ', postfixObject(e.subject, c)];
    case 'Object': return braces(e.entries.map((en) => [c.periodFields?.has(en) ? periodFieldName(en.key.name, c.lang) : c.name(en.key.name), ': ', expr(en.value, c)]));
    case 'List': return e.items.length > 0 && e.items.every(isNumber) ? numbers(e.items, c) : args('[', e.items, c, ']');
    case 'Error': return '/* ? */';
  }
}

// ---------------------------------------------------------------- types

function constraint(k: Constraint | undefined, c: Ctx): Doc {
  if (!k) return '';
  if (k.kind === 'Range') return [' ', c.kw('in'), ' [', expr(k.lo, c, P.neg), ', ', expr(k.hi, c, P.neg), ']'];
  return [' ', k.op, ' ', expr(k.value, c, P.neg)];
}

/** `in {100, 95, 90}` / `in 评分档` (issue 12). */
function oneOf(o: OneOf | undefined, c: Ctx): Doc {
  if (!o) return '';
  return [' ', c.kw('in'), ' ', o.kind === 'Scale' ? c.name(o.scale.name) : valueSet(o.values, c)];
}

/** `{100, 95, 90}`: a scale tier or an `in` set. */
export function valueSet(values: readonly Expr[], c: Ctx): Doc {
  return braces(values.map((v) => expr(v, c, P.neg)));
}

export function typeExpr(t: TypeExpr, c: Ctx): Doc {
  switch (t.kind) {
    case 'PrimType': return [c.kw(t.name), constraint(t.constraint, c), oneOf(t.oneOf, c)];
    case 'NamedType': return [c.name(t.name.name), constraint(t.constraint, c), oneOf(t.oneOf, c)];
    case 'ListType': {
      const s: Doc[] = [c.kw('listOf'), ' ', typeExpr(t.element, c)];
      if (t.min) s.push(' ', c.kw('min'), ' ', num(t.min));
      if (t.max) s.push(' ', c.kw('max'), ' ', num(t.max));
      return s;
    }
    case 'RecordType': return braces(t.fields.map((f) => field(f, c)));
    case 'RatingsType': return `${c.kw('ratingsOf')} ${c.name(t.panel.name)}`;
    case 'PeriodResults': return periodResultsType(t, c); // issue 14
    case 'ErrorType': return '/* ? */';
  }
}

/** `名称 "label": type = default` — input fields and record fields. */
export function field(f: Field, c: Ctx): Doc {
  return [c.name(f.name.name), label(f.label), ': ', typeExpr(f.type, c), f.display ? ' ' + c.kw('display') : '', f.default ? [' = ', expr(f.default, c)] : ''];
}
