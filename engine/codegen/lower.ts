// Lowering expressions (issue 16): checked AST → IR. Names come from the checker's refs (never
// re-resolved), types from its `types` and the input contract. A construct the code generator does
// not handle throws Unsupported with its line: the scheme then runs on the closures engine. Scheme
// functions, `x in list` and dates are lowered in lower-calls.ts, tables and scoring forms in
// lower-forms.ts.

import type { AggregateExpr, CallExpr, Expr, FieldExpr } from '../../dsl/ast.js';
import type { Type } from '../../dsl/check/types.js';
import { isCompareOp } from '../../dsl/ops.js';
import { Rational } from '../../dsl/rational.js';
import { GRADE_ENUM } from '../../dsl/symbols.js';
import { cohortAggsOf } from '../cohort-values.js';
import { conditionText } from '../describe.js';
import type { FieldSpec, TypeSpec } from '../contract.js';
import type { Plan } from '../plan.js';
import type { CmpOp, DescIR, Frac, IR, Ty } from './ir.js';
import { lowerFnCall, lowerInterval, lowerMembership, lowerParam, lowerShift, type FunctionFrame, type LowerIn } from './lower-calls.js';
import { lowerBands, lowerLevels, lowerLinear, lowerRate, lowerTable } from './lower-forms.js';
import { lowerStreak, projection, resultField, resultsSpec } from './lower-results.js';

export class Unsupported extends Error {
  constructor(readonly what: string, readonly line?: number) { super(what); }
}

/** What lowering needs of the plan, built once per plan. */
export interface LowerEnv {
  plan: Plan;
  inputs: Map<string, FieldSpec>;
  lets: Map<object, number>;
  indicators: Map<object, number>;
  groups: Map<object, number>;
  /** Top-level inputs read so far (the program reads each once). */
  used: Set<string>;
  /** Result names an expression may read at this stage (others: unsupported). */
  results: ReadonlySet<string>;
  /** The next id of a binder (an aggregate's element) or of a scheme function's parameter. */
  nextId: { n: number };
}

/** Result names the tree's expressions may read (none), and those of every stage after the score
 * and before the grade: the grades' conditions, cohort keys, 'post' cohort aggregates. */
export const TREE: ReadonlySet<string> = new Set<string>();
export const BEFORE_GRADE: ReadonlySet<string> = new Set(['score', 'base', 'rewards', 'deductions', 'adjust']);

/** `f()` lowered at the stage that may read `results`; the env's stage is restored after. */
export function atStage<T>(env: LowerEnv, results: ReadonlySet<string>, f: () => T): T {
  const before = env.results;
  env.results = results;
  try { return f(); } finally { env.results = before; }
}

/** `frame`: inside a scheme function's body, its parameters (lower-calls.ts). */
interface Scope { reported: boolean; binders: Map<AggregateExpr, { id: number; spec: TypeSpec }>; frame?: FunctionFrame }

export const NUM: Ty = { k: 'num' };
const BOOL: Ty = { k: 'bool' }, TEXT: Ty = { k: 'text' };

export function frac(r: Rational, line?: number): Frac {
  const n = Number(r.num), d = Number(r.den);
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) throw new Unsupported('a number beyond 2^53', line);
  return { n, d };
}

export function lineOf(env: LowerEnv, e: { span: { start: number } }): number {
  return env.plan.file.position(e.span.start).line;
}

/** The IR type of an enum's members (the grade enum's may be null). */
export function enumTy(env: LowerEnv, name: string): Ty {
  const members = env.plan.env.enumValues.get(name)?.map((v) => v.name);
  if (!members) throw new Unsupported(`enum ${name}`);
  return { k: 'enum', members, grade: name === GRADE_ENUM };
}

/** The IR type of a contract type. */
export function specTy(env: LowerEnv, t: TypeSpec, line?: number): Ty {
  switch (t.kind) {
    case 'number': return NUM;
    case 'bool': return BOOL;
    case 'text': case 'date': return TEXT; // a date is its ISO text
    case 'enum': return enumTy(env, t.decl.name.name);
    case 'list': case 'record': return { k: 'raw', spec: t };
    case 'ratings': return { k: 'raw', spec: t }; // with criteria (ballots): only `rate` reads them
    case 'periodResults': return { k: 'raw', spec: resultsSpec(t) }; // plain records (lower-results.ts)
    default: throw new Unsupported(`input of type ${t.text}`, line);
  }
}

function checkedTy(env: LowerEnv, t: Type | undefined, line: number): Ty {
  switch (t?.kind) {
    case 'number': return NUM;
    case 'bool': return BOOL;
    case 'text': case 'date': return TEXT;
    case 'enum': return enumTy(env, t.name);
    default: throw new Unsupported(`a value of type ${t?.kind ?? 'unknown'}`, line);
  }
}

export function lowerExpr(env: LowerEnv, e: Expr, reported: boolean): IR {
  return lower(env, e, { reported, binders: new Map() });
}

function lower(env: LowerEnv, e: Expr, sc: Scope): IR {
  const line = lineOf(env, e);
  const c = (x: Expr) => lower(env, x, sc);
  // a function's body: its own scope, its parameters bound (it names no binder of the caller)
  const cf = (x: Expr, frame?: FunctionFrame) => frame ? lower(env, x, { reported: false, binders: new Map(), frame }) : c(x);
  switch (e.kind) {
    case 'Number': return { op: 'Num', v: frac(Rational.parse(e.text, e.percent)!, line), ty: NUM };
    case 'String': return { op: 'Str', v: e.value, ty: TEXT };
    case 'Bool': return { op: 'Bool', v: e.value, ty: BOOL };
    case 'Name': return lowerName(env, e, sc, line);
    case 'Unary': {
      const x = c(e.operand);
      if (e.op === 'not') { need(x, 'bool', line); return { op: 'Not', x, ty: BOOL }; }
      need(x, 'num', line);
      return { op: 'Neg', x, ty: NUM };
    }
    case 'Binary': {
      if (e.right.kind === 'Duration') return lowerShift(e as typeof e & { right: typeof e.right & { kind: 'Duration' } }, cf, line);
      const l = c(e.left), r = c(e.right);
      if (e.op === 'and' || e.op === 'or') {
        need(l, 'bool', line); need(r, 'bool', line);
        return { op: e.op === 'and' ? 'And' : 'Or', l, r, ty: BOOL };
      }
      if (isCompareOp(e.op)) { sameKind(l, r, line); return { op: 'Cmp', o: e.op as CmpOp, l, r, ty: BOOL }; }
      need(l, 'num', line); need(r, 'num', line);
      const op = ({ '+': 'Add', '-': 'Sub', '*': 'Mul', '/': 'Div' } as const)[e.op as '+' | '-' | '*' | '/'];
      if (!op) throw new Unsupported(`operator ${e.op}`, line);
      return { op, l, r, ty: NUM };
    }
    case 'In': {
      if (e.of) return lowerMembership(env, e, cf, line);
      const x = c(e.value), set = e.set.map(c);
      for (const s of set) sameKind(x, s, line);
      return { op: 'In', x, set, ty: BOOL };
    }
    case 'If': {
      const cond = c(e.cond), t = c(e.then), el = c(e.else);
      need(cond, 'bool', line);
      if (t.ty.k !== el.ty.k || t.ty.k === 'raw') throw new Unsupported('an `if` of mixed or data values', line);
      return { op: 'If', c: cond, t, e: el, ty: t.ty.k === 'enum' && el.ty.k === 'enum' ? { ...t.ty, grade: t.ty.grade || el.ty.grade } : t.ty };
    }
    case 'Field': return lowerField(env, e, c, line);
    case 'Index': return lowerTable(env, e, c, line);
    case 'Interval': return lowerInterval(e, cf, line);
    case 'Call': return lowerCall(env, e, c, cf, line);
    case 'Aggregate': return lowerAggregate(env, e, sc, line);
    case 'Bands': return lowerBands(e, c, line);
    case 'Levels': return lowerLevels(env, e, c, line);
    case 'Linear': return lowerLinear(e, c, line);
    case 'Rate': return lowerRate(e, c, line);
    case 'CohortAgg': { // its value for this subject, computed over the cohort (cohort-aggs.ts)
      const index = cohortAggsOf(env.plan).findIndex((a) => a.node === e);
      if (index < 0) throw new Unsupported('a cohort aggregate not in the plan', line);
      return { op: 'Cohort', index, ty: NUM };
    }
    default: throw new Unsupported(`expression ${e.kind}`, line);
  }
}

/** `记录.字段`: a category's ratings of a panel, every record's field of a list (`季度结果.得分`), a record's field. */
function lowerField(env: LowerEnv, e: FieldExpr, c: (x: Expr) => IR, line: number): IR {
  const o = c(e.object);
  if (o.ty.k === 'raw' && o.ty.spec.kind === 'ratings' && !o.ty.spec.criteria) { // `评价.上级`: that category's ratings
    const spec: TypeSpec = { kind: 'list', element: { kind: 'number', integer: false, text: 'number', msg: o.ty.spec.msg }, text: 'list', msg: o.ty.spec.msg };
    return { op: 'Field', obj: o, name: e.field.name, ty: { k: 'raw', spec } };
  }
  const each = projection(o, e.field.name, line); // `季度结果.得分`
  if (each) return each;
  if (o.ty.k !== 'raw' || o.ty.spec.kind !== 'record') throw new Unsupported('a field of this value', line);
  const f = resultField(o.ty.spec, e.field.name) ?? o.ty.spec.fields.find((x) => x.name === e.field.name);
  if (!f) throw new Unsupported(`field ${e.field.name}`, line);
  defaultOk(f, line);
  return { op: 'Field', obj: o, name: f.name, ty: specTy(env, f.type, line) };
}

/** A call: of a scheme function (lower-calls.ts), of a built-in over a list of data, or of a
 * built-in over numbers (min/max/sum/avg of one number: that number). */
function lowerCall(env: LowerEnv, e: CallExpr, c: (x: Expr) => IR, cf: LowerIn, line: number): IR {
  const args = e.args.map(c);
  const f = e.fn ? undefined : env.plan.checked.symbols.names.get(e.callee.name);
  if (f?.kind === 'function') return lowerFnCall(env, f.decl, args, cf, line);
  const one = args.length === 1 ? args[0] : undefined;
  if (one?.ty.k === 'raw' && one.ty.spec.kind === 'list' && ['min', 'max', 'sum', 'avg', 'count', 'any', 'all'].includes(e.fn)) {
    const fn = e.fn as 'min' | 'max' | 'sum' | 'avg' | 'count' | 'any' | 'all';
    const el = one.ty.spec.element.kind;
    if (fn !== 'count' && el !== (fn === 'any' || fn === 'all' ? 'bool' : 'number')) throw new Unsupported(`${fn} of this list`, line);
    return { op: 'ListFn', fn, list: one, ty: fn === 'any' || fn === 'all' ? BOOL : NUM };
  }
  if (one?.ty.k === 'num' && ['min', 'max', 'sum', 'avg'].includes(e.fn)) return one; // of one number: that number
  const fn = e.fn as 'min' | 'max' | 'abs' | 'floor' | 'ceil' | 'clamp' | 'round';
  if (!['min', 'max', 'abs', 'floor', 'ceil', 'clamp', 'round'].includes(fn)) throw new Unsupported(`function ${e.fn}`, line);
  for (const a of args) need(a, 'num', line);
  if ((fn === 'min' || fn === 'max') && args.length < 2) throw new Unsupported(`${fn} of a list`, line);
  if (fn === 'round' && args.length > 1 && args[1].op !== 'Num') throw new Unsupported('round to computed digits', line);
  return { op: 'Call', fn, args, ty: NUM };
}

/** `fn(x in list where … weighted by …: body)`: a new binder id for the element, its parts lowered
 * in a scope that names it (`streak`: lower-results.ts). */
function lowerAggregate(env: LowerEnv, e: AggregateExpr, sc: Scope, line: number): IR {
  const list = lower(env, e.list, sc);
  if (list.ty.k !== 'raw' || list.ty.spec.kind !== 'list') throw new Unsupported('an aggregate over this value', line);
  const id = env.nextId.n++;
  const inner: Scope = { ...sc, binders: new Map(sc.binders).set(e, { id, spec: list.ty.spec.element }) };
  const ci = (x: Expr | undefined) => x && lower(env, x, inner);
  const where = ci(e.where), weight = ci(e.weight), body = ci(e.body);
  if (e.fn === 'streak') return lowerStreak(e, list, env.inputs, id, where, line);
  const elem: IR = { op: 'Binder', id, ty: specTy(env, list.ty.spec.element, line) };
  if (where) need(where, 'bool', line);
  if (weight) need(weight, 'num', line);
  const fn = e.fn;
  if (fn === 'count' || fn === 'any' || fn === 'all') { if (body) need(body, 'bool', line); else if (fn !== 'count' && !where) need(elem, 'bool', line); }
  else need(body ?? elem, 'num', line);
  return { op: 'Agg', fn, id, list, where, weight, body, ty: fn === 'any' || fn === 'all' ? BOOL : NUM };
}

function lowerName(env: LowerEnv, e: Extract<Expr, { kind: 'Name' }>, sc: Scope, line: number): IR {
  const r = env.plan.checked.refs.get(e);
  switch (r?.kind) {
    case 'input': {
      const f = env.inputs.get(r.name);
      if (!f) throw new Unsupported(`input ${r.name}`, line);
      defaultOk(f, line);
      env.used.add(r.name);
      return { op: 'Input', name: r.name, ty: specTy(env, f.type, line) };
    }
    case 'let': {
      const index = env.lets.get(r.decl);
      if (index === undefined) throw new Unsupported(`let ${r.name}`, line);
      const t = env.plan.checked.types.get(r.decl.value);
      // a let of data (`let 高分 = hs`): the type its value lowers to
      const ty = t?.kind === 'list' ? lower(env, r.decl.value, { reported: false, binders: new Map() }).ty : checkedTy(env, t, line);
      if (ty.k === 'raw' && ty.spec.kind !== 'list') throw new Unsupported(`let ${r.name} of data`, line);
      return { op: 'Let', index, ty };
    }
    case 'param': return lowerParam(sc.frame, r.fn, r.index, line);
    case 'period': return { op: 'Period', which: r.name, ty: TEXT };
    case 'indicator': case 'group': {
      const index = (r.kind === 'indicator' ? env.indicators : env.groups).get(r.decl);
      if (index === undefined) throw new Unsupported(`${r.kind} ${r.name}`, line);
      return { op: 'Node', kind: r.kind, index, reported: sc.reported, ty: NUM };
    }
    case 'member': case 'grade': return { op: 'Member', name: r.name, ty: enumTy(env, r.enumName) };
    case 'binder': {
      const b = sc.binders.get(r.decl);
      if (!b) throw new Unsupported('a binder outside its aggregate', line);
      return { op: 'Binder', id: b.id, ty: specTy(env, b.spec, line) };
    }
    case 'adjust': case 'result': {
      const name = r.kind === 'adjust' ? 'adjust' : r.name;
      if (!env.results.has(name)) throw new Unsupported(`\`${name}\` here`, line);
      return { op: 'Result', name, reported: sc.reported, ty: name === 'grade' ? enumTy(env, GRADE_ENUM) : NUM };
    }
    default: throw new Unsupported(`the name ${e.name}`, line);
  }
}

/** A default the program can carry as JSON data (numbers whose JSON reading gives them back exactly). */
function defaultOk(f: FieldSpec, line: number): void {
  if (!f.hasDefault || f.default === undefined) return;
  const ok = (v: unknown): boolean => v instanceof Rational ? Rational.fromNumber(v.toNumber()).eq(v)
    : Array.isArray(v) ? v.every(ok) : typeof v !== 'object' || v === null || (v as { kind?: string }).kind === 'enum';
  if (!ok(f.default)) throw new Unsupported(`the default of ${f.name}`, line);
}

/** `x` has the run-time type `k`, else Unsupported. */
export function need(x: IR, k: Ty['k'], line: number): void {
  if (x.ty.k !== k) throw new Unsupported(`a ${x.ty.k} where a ${k} is needed`, line);
}

/** Two values that compare: the same kind, not data. */
export function sameKind(l: IR, r: IR, line: number): void {
  if (l.ty.k !== r.ty.k || l.ty.k === 'raw') throw new Unsupported(`comparing ${l.ty.k} with ${r.ty.k}`, line);
}

/** The one type of a form's results (bands, levels), not data. */
export function resultTy(xs: IR[], line: number): Ty {
  const t = xs[0]?.ty;
  if (!t || xs.some((x) => x.ty.k !== t.k) || t.k === 'raw') throw new Unsupported('a form of mixed values', line);
  return t;
}

const LITERAL = new Set(['Number', 'String', 'Bool']);

/** A condition's explanation (describe.ts compileDescriber), lowered with the same scope. */
export function lowerDesc(env: LowerEnv, e: Expr, reported: boolean): DescIR {
  const text = conditionText; // both languages' texts: the program picks by `lang`
  if (e.kind === 'Binary' && (e.op === 'and' || e.op === 'or')) {
    return { op: e.op === 'and' ? 'And' : 'Or', l: lowerDesc(env, e.left, reported), r: lowerDesc(env, e.right, reported) };
  }
  if (e.kind === 'Unary' && e.op === 'not') return { op: 'Not', x: lowerDesc(env, e.operand, reported) };
  if (e.kind === 'Binary' && isCompareOp(e.op)) {
    return {
      op: 'Cmp', o: e.op as CmpOp, l: lowerExpr(env, e.left, reported), r: lowerExpr(env, e.right, reported),
      lt: text(e.left), rt: text(e.right), leftName: e.left.kind === 'Name', leftLit: LITERAL.has(e.left.kind),
      rightLit: LITERAL.has(e.right.kind), rightName: e.right.kind === 'Name',
    };
  }
  return { op: 'Atom', x: lowerExpr(env, e, reported), text: text(e) };
}
