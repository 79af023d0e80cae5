// Expression compiler: AST Expr → closure over a subject context (Ctx). Names are taken from the
// checker's `refs` (never re-resolved). `reported` compiles the grade/outcome/example flavour, where
// indicators, groups and result names stand for their rounded values (§8). `and`, `or` and `if`
// short-circuit; every failure is an EvalFailure located at the expression's source line.

import type { AggregateExpr, BinaryExpr, CallExpr, DurationExpr, Expr, GroupDecl, IndicatorDecl, InExpr, LetDecl, NameRef, TableDecl } from '../dsl/ast.js';
import type { CheckedScheme } from '../dsl/check/types.js';
import { Rational } from '../dsl/rational.js';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../dsl/keywords.js';
import type { SourceFile } from '../dsl/source.js';
import { fail } from './errors.js';
import { kindWord, M } from './messages.js';
import { aggregate, callBuiltin } from './functions.js';
import { compileForm } from './forms.js';
import { compileFunctionCall, compileParam, paramPath } from './user-functions.js';
import { compileInterval, compilePeriodName, compileShift } from './dates.js';
import type { Compiled, Ctx, GroupPlan, IndicatorPlan, LetPlan, PathFn } from './plan.js';
import { compareValues, equalValues, isNum, show, type EnumVal, type Value } from './values.js';
import { scaleSpec } from './scales.js';
import { compileSubjectField } from './cohort-examples.js';
import { compileCohortAgg, type CohortAggPlan } from './cohort-values.js';

export interface CompileEnv {
  checked: CheckedScheme;
  file: SourceFile;
  lets: Map<LetDecl, LetPlan>;
  indicators: Map<IndicatorDecl, IndicatorPlan>;
  groups: Map<GroupDecl, GroupPlan>;
  /** Table entries by member name, compiled on first use. */
  tables: Map<TableDecl, Map<string, Compiled>>;
  enumValues: Map<string, EnumVal[]>;
  /** Cohort aggregates by AST node, registered as they are compiled (issue 13, cohort-values.ts). */
  cohortAggs?: Map<import('../dsl/ast.js').CohortAgg, CohortAggPlan>;
  /** A cohort example's subject ids while compiling its expectations (`A1.grade`; issue 13). */
  subjects?: ReadonlySet<string>;
}

export type Compiler = (e: Expr) => Compiled;

/** A number, or an evaluation error naming the expression. */
export function num(v: Value, env: CompileEnv, e: Expr): Rational {
  if (isNum(v)) return v;
  if (v === null && readsScore(e)) return noScore(env, e);
  return fail('KH-E018', M.expectedNumberFrom({ code: env.file.slice(e.span), value: show(v) }), env.file, e.span);
}

/** Whether `e` reads a result record's score (`r.得分`, `季度结果.得分`): null there is a record sent
 * without one, which the input check accepts (a grade alone is a result) — only a scheme that computes
 * with the score needs it. */
export const readsScore = (e: Expr): boolean => e.kind === 'Field' && canonicalIn(PERIOD_RESULT_FIELDS, e.field.name) === 'score';

/** KH-E018 for a score the scheme computes with and a record without one (V11b MED-5: it was
 * "应得出数值，实为 null", the roster's row and the scheme's line in one sentence, no record named):
 * names the record (`list`, item `index` from 0) and, with `path`, is located at its score. */
export function noScore(env: CompileEnv, e: Expr, at?: { list: string; index: number; path: string }): never {
  const item = at ? M.resultItem({ list: at.list, n: at.index + 1 }) : M.aResult();
  return fail('KH-E018', M.noScore({ code: env.file.slice(e.span), item }), env.file, e.span, at?.path);
}
export function bool(v: Value, env: CompileEnv, e: Expr): boolean {
  if (typeof v === 'boolean') return v;
  return fail('KH-E018', M.expectedBoolFrom({ code: env.file.slice(e.span), value: show(v) }), env.file, e.span);
}
export function list(v: Value, env: CompileEnv, e: Expr): Value[] {
  if (Array.isArray(v)) return v;
  return fail('KH-E018', M.expectedListFrom({ code: env.file.slice(e.span), value: show(v) }), env.file, e.span);
}

export function compileExpr(e: Expr, env: CompileEnv, reported: boolean): Compiled {
  const c: Compiler = (x) => compileExpr(x, env, reported);
  switch (e.kind) {
    case 'Number': { const v = Rational.parse(e.text, e.percent)!; return () => v; }
    case 'String': { const v = e.value; return () => v; }
    case 'Bool': { const v = e.value; return () => v; }
    case 'Name': return compileName(e, env, reported);
    case 'Unary': {
      const o = c(e.operand);
      if (e.op === 'not') return (ctx) => !bool(o(ctx), env, e.operand);
      return (ctx) => num(o(ctx), env, e.operand).neg();
    }
    case 'Binary': return compileBinary(e, env, c);
    case 'In': {
      if (e.of) return compileMembership(e, env, c);
      const v = c(e.value), set = e.set.map(c);
      return (ctx) => { const x = v(ctx); return set.some((s) => equalValues(x, s(ctx))); };
    }
    case 'If': {
      const cond = c(e.cond), th = c(e.then), el = c(e.else);
      return (ctx) => (bool(cond(ctx), env, e.cond) ? th(ctx) : el(ctx));
    }
    case 'Field': {
      const subject = env.subjects && compileSubjectField(e, env); // `A1.grade` in a cohort example (issue 13)
      if (subject) return subject;
      const o = c(e.object), name = e.field.name;
      const alias = canonicalIn(PERIOD_RESULT_FIELDS, name); // `r.得分` of a result record is its `score` (issue 14)
      const fieldOf = (r: Value): Value => typeof r === 'object' && r !== null && !Array.isArray(r) && !isNum(r) && r.kind === 'record'
        ? r.fields.get(name) ?? (alias !== undefined ? r.fields.get(alias) : undefined) ?? null
        : null;
      return (ctx) => {
        const v = o(ctx);
        // `季度结果.得分`: the checker allows a projection only on a list of period results (issue 14).
        if (Array.isArray(v)) return v.map(fieldOf);
        if (typeof v === 'object' && v !== null && !isNum(v)) {
          if (v.kind === 'record') return fieldOf(v);
          if (v.kind === 'ratings') return v.categories.get(name) ?? [];
        }
        return fail('KH-E018', M.noField({ code: env.file.slice(e.object.span), name }), env.file, e.span);
      };
    }
    case 'Index': return compileIndex(e, env, c);
    case 'Call': return compileCall(e, env, c);
    case 'Aggregate': return aggregate(e, env, c, compilePath(e.list, env));
    // Issue 13: computed per scope by the cohort phases (cohort-values.ts); here only looked up.
    case 'CohortAgg': return compileCohortAgg(e, env, (x) => compileExpr(x, env, false));
    case 'Bands': case 'Levels': case 'Linear': case 'Rate':
      return compileForm(e, env, c, compilePath(e.subject, env));
    case 'Interval': return compileInterval(e, env, c);
    case 'Object': case 'List': case 'Duration': case 'Error':
      return () => fail('KH-E018', M.notEvaluable({ code: env.file.slice(e.span) }), env.file, e.span);
  }
}

function compileName(e: NameRef, env: CompileEnv, reported: boolean): Compiled {
  const r = env.checked.refs.get(e);
  const unresolved = () => fail('KH-E099', M.unresolvedName({ name: e.name }), env.file, e.span);
  if (!r) return unresolved;
  switch (r.kind) {
    case 'input': { const n = r.name; return (ctx) => ctx.input(n); }
    case 'let': {
      const l = env.lets.get(r.decl);
      if (!l) return unresolved;
      return (ctx) => { const v = ctx.let(l); ctx.trace?.useLet(l.name, v); return v; };
    }
    case 'adjust': return (ctx) => ctx.result('adjust', false, e.span);
    case 'indicator': {
      const i = env.indicators.get(r.decl);
      if (!i) return unresolved;
      return (ctx) => { const v = ctx.indicator(i, reported, e.span); ctx.trace?.useRef(i.name, v); return v; };
    }
    case 'group': {
      const g = env.groups.get(r.decl);
      if (!g) return unresolved;
      return (ctx) => { const v = ctx.group(g, reported, e.span); ctx.trace?.useRef(g.name, v); return v; };
    }
    case 'member': case 'grade': {
      const v = env.enumValues.get(r.enumName)?.[r.index];
      if (!v) return unresolved;
      return () => v;
    }
    case 'binder': {
      const decl = r.decl;
      return (ctx) => {
        const f = ctx.binders.get(decl);
        return f ? f.value : fail('KH-E099', M.binderOutside({ name: e.name }), env.file, e.span);
      };
    }
    case 'result': { const n = r.name; return (ctx) => ctx.result(n, reported, e.span); }
    case 'param': return compileParam(r, env, e.span); // inside a function's body (issue 12)
    case 'period': return compilePeriodName(r.name, e.name, env, e.span);
    default:
      return () => fail('KH-E018', M.notAValue({ name: e.name, kind: kindWord(r.kind) }), env.file, e.span);
  }
}

/** `X in L` with L a list-valued name (issue 12): in an example, `书面检查 in actions` — an action or
 * item named on the left stands for its name (the checker resolved it to the declaration). */
function compileMembership(e: InExpr, env: CompileEnv, c: Compiler): Compiled {
  const [left, of] = membershipSides(e, c, env);
  return (ctx) => { const x = left(ctx); return list(of(ctx), env, e.of!).some((y) => equalValues(x, y)); };
}

/** Both sides of `X in L` (a failing expectation shows them). */
export function membershipSides(e: InExpr, c: Compiler, env: CompileEnv): [Compiled, Compiled] {
  const r = e.value.kind === 'Name' ? env.checked.refs.get(e.value) : undefined;
  const left: Compiled = r && (r.kind === 'action' || r.kind === 'item') ? ((n) => () => n)(r.name) : c(e.value);
  if (e.ofSubject) { // `约谈 in A1.actions` in a cohort example (issue 13): subject A1's list
    const field: Expr = { kind: 'Field', object: e.ofSubject, field: { name: e.of!.name, span: e.of!.span }, span: { start: e.ofSubject.span.start, end: e.of!.span.end } };
    return [left, c(field)];
  }
  const of = env.checked.refs.get(e.of!);
  if (of?.kind === 'scale') { const values = scaleSpec(of.decl).values; return [left, () => values]; } // `x in 评分档` (issue 12)
  return [left, c(e.of!)];
}

function compileBinary(e: Extract<Expr, { kind: 'Binary' }>, env: CompileEnv, c: Compiler): Compiled {
  if ((e.op === '+' || e.op === '-') && e.right.kind === 'Duration') return compileShift(e as BinaryExpr & { right: DurationExpr }, env, c);
  const l = c(e.left), r = c(e.right);
  switch (e.op) {
    case 'and': return (ctx) => bool(l(ctx), env, e.left) && bool(r(ctx), env, e.right);
    case 'or': return (ctx) => bool(l(ctx), env, e.left) || bool(r(ctx), env, e.right);
    case '+': return (ctx) => num(l(ctx), env, e.left).add(num(r(ctx), env, e.right));
    case '-': return (ctx) => num(l(ctx), env, e.left).sub(num(r(ctx), env, e.right));
    case '*': return (ctx) => num(l(ctx), env, e.left).mul(num(r(ctx), env, e.right));
    case '/': {
      const divisorPath = compilePath(e.right, env);
      return (ctx) => {
        const a = num(l(ctx), env, e.left), b = num(r(ctx), env, e.right);
        if (b.isZero()) {
          fail('KH-E010', M.divisionByZero({ divisor: env.file.slice(e.right.span), code: env.file.slice(e.span) }), env.file, e.span, divisorPath(ctx));
        }
        return a.div(b);
      };
    }
    case '==': return (ctx) => equalValues(l(ctx), r(ctx));
    case '!=': return (ctx) => !equalValues(l(ctx), r(ctx));
    default: {
      const op = e.op;
      return (ctx) => {
        const a = l(ctx), b = r(ctx);
        if (a === null || b === null) return false; // no grade: an ordered comparison does not hold
        let d: number;
        try { d = compareValues(a, b); } catch {
          return fail('KH-E018', M.cannotCompare({ a: show(a), b: show(b) }), env.file, e.span);
        }
        return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
      };
    }
  }
}

function compileIndex(e: Extract<Expr, { kind: 'Index' }>, env: CompileEnv, c: Compiler): Compiled {
  const ref = e.object.kind === 'Name' ? env.checked.refs.get(e.object) : undefined;
  const idx = c(e.index);
  if (ref?.kind === 'table') {
    const decl = ref.decl;
    let entries = env.tables.get(decl);
    if (!entries) {
      entries = new Map();
      for (const en of decl.entries) {
        const key = env.checked.memberRefs.get(en.key)?.name ?? en.key.name;
        entries.set(key, compileExpr(en.value, env, false));
      }
      env.tables.set(decl, entries);
    }
    const table = entries;
    return (ctx) => {
      const k = idx(ctx);
      const name = typeof k === 'object' && k !== null && !Array.isArray(k) && !isNum(k) && k.kind === 'enum' ? k.name : show(k);
      const f = table.get(name);
      return f ? f(ctx) : fail('KH-E019', M.tableNoEntry({ table: decl.name.name, key: show(k) }), env.file, e.span);
    };
  }
  // A list indexed by a number (not in the reference schemes, but cheap to support): 0-based.
  const o = c(e.object);
  return (ctx) => {
    const xs = list(o(ctx), env, e.object), i = num(idx(ctx), env, e.index);
    if (!i.isInteger() || i.sign() < 0 || Number(i.num) >= xs.length) {
      return fail('KH-E018', M.indexOutside({ index: show(i), n: xs.length }), env.file, e.span);
    }
    return xs[Number(i.num)];
  };
}

function compileCall(e: CallExpr, env: CompileEnv, c: Compiler): Compiled {
  const args = e.args.map(c);
  const paths = e.args.map((a) => compilePath(a, env));
  const f = e.fn ? undefined : env.checked.symbols.names.get(e.callee.name);
  if (f?.kind === 'function') return compileFunctionCall(e, f.decl, env, args, paths); // declared in the scheme
  return callBuiltin(e, env, args, paths);
}

/** The data path of an expression that denotes input data (an input, a binder, a field of those). */
export function compilePath(e: Expr, env: CompileEnv): PathFn {
  if (e.kind === 'Name') {
    const r = env.checked.refs.get(e);
    if (r?.kind === 'input') { const n = r.name; return () => n; }
    if (r?.kind === 'let') { const n = r.name; return () => n; }
    if (r?.kind === 'param') return paramPath(r, env);
    if (r?.kind === 'binder') {
      const d: AggregateExpr = r.decl;
      return (ctx) => { const f = ctx.binders.get(d); return f?.listPath !== undefined ? `${f.listPath}[${f.index}]` : undefined; };
    }
    return () => undefined;
  }
  if (e.kind === 'Field') {
    const o = compilePath(e.object, env), name = e.field.name;
    return (ctx) => { const p = o(ctx); return p === undefined ? undefined : `${p}.${name}`; };
  }
  return () => undefined;
}

export type { Ctx };
