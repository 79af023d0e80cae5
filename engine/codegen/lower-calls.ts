// Lowering the forms of issue 12 (issue 16): calls of scheme functions, membership in a
// list (`x in 名单`, `x in 评分档`), dates (`periodStart`, `d - 6 months`, `x in (a, b]`). Names come
// from the checker's refs; a form the code generator does not handle throws Unsupported (the scheme
// then runs on closures). A function's body is lowered once per call site with its parameters bound
// to that call's arguments (`Param`), so every call gets the argument types it really has.

import type { DurationExpr, Expr, FunctionDecl, InExpr, IntervalExpr } from '../../dsl/ast.js';
import { scaleSpec } from '../scales.js';
import type { IR } from './ir.js';
import { frac, Unsupported, type LowerEnv } from './lower.js';

/** Lowers an expression in the caller's scope; `params` binds a function body's parameters. */
export type LowerIn = (x: Expr, params?: FunctionFrame) => IR;
/** The parameters of the function whose body is being lowered: by index, the id its `Param` reads. */
export interface FunctionFrame { fn: FunctionDecl; ids: number[]; args: IR[] }

const BOOL = { k: 'bool' } as const, TEXT = { k: 'text' } as const;

/** `f(a, b)` of a function declared in the scheme. */
export function lowerFnCall(env: LowerEnv, decl: FunctionDecl, args: IR[], c: LowerIn, line: number): IR {
  if (args.length !== decl.params.length) throw new Unsupported(`a call of ${decl.name.name}`, line);
  const ids = args.map(() => env.nextId.n++);
  const body = c(decl.body, { fn: decl, ids, args });
  return { op: 'Fn', name: decl.name.name, params: args.map((arg, i) => ({ id: ids[i], arg })), body, ty: body.ty };
}

/** A parameter inside its function's body. */
export function lowerParam(frame: FunctionFrame | undefined, fn: FunctionDecl, index: number, line: number): IR {
  if (!frame || frame.fn !== fn) throw new Unsupported('a parameter outside its function', line);
  return { op: 'Param', id: frame.ids[index], ty: frame.args[index].ty };
}

/** `x in L` with L a name: a scale's values, or a list of data (an input, let or parameter). */
export function lowerMembership(env: LowerEnv, e: InExpr, c: LowerIn, line: number): IR {
  if (e.ofSubject) throw new Unsupported('a subject\'s list', line);
  const x = c(e.value);
  if (x.ty.k === 'raw') throw new Unsupported('`in` of data', line);
  const of = env.plan.checked.refs.get(e.of!);
  if (of?.kind === 'scale') {
    if (x.ty.k !== 'num') throw new Unsupported('`in` a scale of a non-number', line);
    const set: IR[] = scaleSpec(of.decl).values.map((v) => ({ op: 'Num', v: frac(v, line), ty: { k: 'num' } }));
    return { op: 'In', x, set, ty: BOOL };
  }
  const list = c(e.of!);
  if (list.ty.k !== 'raw' || list.ty.spec.kind !== 'list') throw new Unsupported('`in` of this value', line);
  const el = list.ty.spec.element.kind;
  const ok = x.ty.k === 'num' ? el === 'number' : x.ty.k === 'text' ? el === 'text' || el === 'date' : x.ty.k === 'bool' ? el === 'bool' : el === 'enum';
  if (!ok) throw new Unsupported(`\`in\` a list of ${el}`, line);
  return { op: 'InList', x, list, ty: BOOL };
}

/** `d ± N unit` (the checker made sure the left side is a date). */
export function lowerShift(e: Expr & { kind: 'Binary'; right: DurationExpr }, c: LowerIn, line: number): IR {
  const x = c(e.left);
  if (x.ty.k !== 'text' || (e.op !== '+' && e.op !== '-')) throw new Unsupported('date arithmetic', line);
  const amount = Number(e.right.amount.text);
  if (!Number.isSafeInteger(amount)) throw new Unsupported('a duration', line);
  return { op: 'Shift', x, amount, unit: e.right.unit, sign: e.op === '-' ? -1 : 1, ty: TEXT };
}

/** `x in [a, b)`: numbers, dates (texts) or members of one enum. */
export function lowerInterval(e: IntervalExpr, c: LowerIn, line: number): IR {
  const x = c(e.value), lo = c(e.lo), hi = c(e.hi);
  for (const y of [lo, hi]) if (y.ty.k !== x.ty.k || x.ty.k === 'raw' || x.ty.k === 'bool') throw new Unsupported('an interval of these values', line);
  return { op: 'Interval', x, lo, hi, loOpen: e.loOpen, hiOpen: e.hiOpen, ty: BOOL };
}
