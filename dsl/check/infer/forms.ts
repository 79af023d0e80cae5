// Types of calls, aggregates and the scoring forms (bands, levels, linear, rate), with the arity
// and "wrong use" checks (KH-C008). Levels entries are enum members resolved against the subject's
// enum and recorded in `memberRefs`.

import type { AggregateExpr, BandsExpr, CallExpr, Expr, LevelsExpr, LinearExpr, Name, RateExpr } from '../../ast.js';
import { lookup } from '../../symbols.js';
import { BOOL, ERROR, INTEGER, NUMBER, compatible, type Type } from '../types.js';
import { article, expectType, infer } from './expr.js';
import { memberWhere } from './name.js';
import { report, type InferState, type Scope } from './state.js';

const LIST_OF_NUMBER: Type = { kind: 'list', element: NUMBER };

/** `argument N of ` prefixes, built once each (the function name is joined only for a message). */
const ARGUMENT: string[] = [];
const argumentOf = (i: number) => (ARGUMENT[i] ??= `argument ${i + 1} of `);

function numbers(st: InferState, args: Expr[], scope: Scope, fn: string): void {
  for (let i = 0; i < args.length; i++) expectType(st, args[i], NUMBER, scope, argumentOf(i), fn);
}

function inferAll(st: InferState, args: Expr[], scope: Scope): void {
  for (const a of args) infer(st, a, scope);
}

/** Reports a call with the wrong number of arguments; returns `ok`. */
function arity(st: InferState, e: CallExpr, ok: boolean, want: string): boolean {
  if (!ok) report(st, 'KH-C008', e.span, `${e.callee.name} takes ${want}, not ${e.args.length}`);
  return ok;
}

export function inferCall(st: InferState, e: CallExpr, scope: Scope): Type {
  const fn = e.fn, name = e.callee.name, n = e.args.length;
  switch (fn) {
    case 'min': case 'max':
      if (n === 1) { expectType(st, e.args[0], LIST_OF_NUMBER, scope, 'the argument of ', name); return NUMBER; }
      if (arity(st, e, n >= 2, 'a list of numbers or at least two numbers')) numbers(st, e.args, scope, name);
      return NUMBER;
    case 'sum': case 'avg':
      if (arity(st, e, n === 1, 'one list of numbers')) expectType(st, e.args[0], LIST_OF_NUMBER, scope, 'the argument of ', name);
      else inferAll(st, e.args, scope);
      return NUMBER;
    case 'count': {
      if (!arity(st, e, n === 1, 'one list')) { inferAll(st, e.args, scope); return INTEGER; }
      const t = infer(st, e.args[0], scope);
      if (t.kind !== 'list' && t.kind !== 'error') report(st, 'KH-C005', e.args[0].span, `count needs a list, not ${article(t)}`);
      return INTEGER;
    }
    case 'clamp': if (arity(st, e, n === 3, 'three arguments (x, lo, hi)')) numbers(st, e.args, scope, name); else inferAll(st, e.args, scope); return NUMBER;
    case 'abs': case 'floor': case 'ceil':
      if (arity(st, e, n === 1, 'one number')) numbers(st, e.args, scope, name); else inferAll(st, e.args, scope);
      return fn === 'abs' ? NUMBER : INTEGER;
    case 'round': if (arity(st, e, n === 1 || n === 2, 'a number and optionally the decimals')) numbers(st, e.args, scope, name); else inferAll(st, e.args, scope); return NUMBER;
    case 'any': case 'all':
      inferAll(st, e.args, scope);
      return report(st, 'KH-C008', e.span, `${name} needs a binder: ${name}(x in LIST : condition)`);
    default:
      inferAll(st, e.args, scope);
      if (lookup(st.ctx.symbols, name)) return report(st, 'KH-C008', e.callee.span, `'${name}' is not a function`);
      return report(st, 'KH-C001', e.callee.span, `unknown function '${name}'`);
  }
}

export function inferAggregate(st: InferState, e: AggregateExpr, scope: Scope): Type {
  const lt = infer(st, e.list, scope);
  let element: Type = ERROR;
  if (lt.kind === 'list') element = lt.element;
  else if (lt.kind !== 'error') report(st, 'KH-C005', e.list.span, `${e.callee.name} goes over a list, not ${article(lt)}`);
  const inner: Scope = { ...scope, binders: { name: e.binder.name, decl: e, element, parent: scope.binders } };
  if (e.where) expectType(st, e.where, BOOL, inner, 'a where filter');
  if (e.weight) {
    expectType(st, e.weight, NUMBER, inner, 'a weight');
    if (e.fn !== 'avg') report(st, 'KH-C008', e.weight.span, `'weighted by' applies only to avg, not ${e.callee.name}`);
  }
  const boolFn = e.fn === 'any' || e.fn === 'all';
  if (e.body) {
    if (e.fn === 'count') { infer(st, e.body, inner); report(st, 'KH-C008', e.body.span, 'count takes a where filter, not a body'); }
    else expectType(st, e.body, boolFn ? BOOL : NUMBER, inner, 'the body of ', e.callee.name);
  } else if (e.fn !== 'count' && !(element.kind === 'number' && !boolFn) && element.kind !== 'error') {
    report(st, 'KH-C008', e.span, `${e.callee.name} needs a body: ${e.callee.name}(${e.binder.name} in … : expression)`);
  }
  if (e.fn === 'count') return INTEGER;
  return boolFn ? BOOL : NUMBER;
}

/** Resolves a levels entry against the subject's enum. */
function levelMember(st: InferState, n: Name, enumName: string): void {
  const list = st.ctx.symbols.members.get(n.name);
  const m = list?.find((x) => x.enumName === enumName);
  if (m) { st.ctx.memberRefs.set(n, m); return; }
  if (list) report(st, 'KH-C006', n.span, `'${n.name}' is not a member of enum ${enumName}; it is declared in ${list.map((x) => memberWhere(st, x)).join(' and ')}`);
  else report(st, 'KH-C001', n.span, `unknown member '${n.name}' of enum ${enumName}`);
}

export function inferForm(st: InferState, e: BandsExpr | LevelsExpr | LinearExpr | RateExpr, scope: Scope): Type {
  if (e.kind !== 'Rate') st.ctx.forms.push(e);
  switch (e.kind) {
    case 'Bands': {
      const s = infer(st, e.subject, scope);
      if (s.kind !== 'number' && s.kind !== 'error' && !(s.kind === 'enum' && s.ordered)) {
        report(st, 'KH-C005', e.subject.span, `bands needs a number, not ${article(s)}`);
      }
      for (const b of e.bands) {
        const t = infer(st, b.threshold, scope, s);
        if (!compatible(t, s) && s.kind !== 'error') report(st, 'KH-C005', b.threshold.span, `a band threshold must be ${article(s)}, not ${article(t)}`);
        expectType(st, b.score, NUMBER, scope, 'a band score');
      }
      if (e.else) expectType(st, e.else, NUMBER, scope, 'the else score');
      return NUMBER;
    }
    case 'Levels': {
      const s = infer(st, e.subject, scope);
      if (s.kind === 'enum') for (const x of e.entries) levelMember(st, x.member, s.name);
      else if (s.kind !== 'error') report(st, 'KH-C005', e.subject.span, `levels needs an enum value, not ${article(s)}`);
      for (const x of e.entries) expectType(st, x.score, NUMBER, scope, 'a level score');
      if (e.else) expectType(st, e.else, NUMBER, scope, 'the else score');
      return NUMBER;
    }
    case 'Linear':
      expectType(st, e.subject, NUMBER, scope, 'the subject of linear');
      for (const p of e.points) {
        expectType(st, p.x, NUMBER, scope, 'a linear x');
        expectType(st, p.y, NUMBER, scope, 'a linear score');
      }
      return NUMBER;
    case 'Rate': {
      const s = infer(st, e.subject, scope);
      if (s.kind !== 'ratings' && s.kind !== 'error') report(st, 'KH-C008', e.subject.span, `rate needs an input of type \`ratings of PANEL\`, not ${article(s)}`);
      return NUMBER;
    }
  }
}
