// Functions declared in the scheme (issue 12): their signatures, their bodies typed once in a scope
// that holds only their parameters, and calls to them (arity, argument types).
//
// A function is pure: its body sees its parameters, enum members, tables, built-ins, scoring forms
// and other functions, never a subject's inputs, lets, indicators, groups or result names (KH-C080,
// which says to pass the value as a parameter). A parameter hides a scheme name of the same
// spelling, so `function 折算(得分: number) = …` next to an input 得分 reads the parameter. The body
// is typed on the first call (or in declaration order), like a let: a call inside it to a function
// whose body is still being typed is recursion, reported by passes/functions.ts (KH-C081).
//
// Codes: KH-C080 impure use, KH-C082 wrong number of arguments, KH-C083 a parameter declared twice,
// KH-C084 a parameter of type `ratings of` or with a constraint; argument and result types are
// ordinary type mismatches (KH-C005).

import type { CallExpr, FunctionDecl, NameRef, Param, TypeExpr } from '../../ast.js';
import type { Sym } from '../../symbols.js';
import { kindMsg, M, names } from '../messages.js';
import { ERROR, typeMsg, type Type } from '../types.js';
import { expectType, infer } from './expr.js';
import { report, type InferState, type Scope } from './state.js';
import { resolveTypeExpr } from './typeexpr.js';

/** What a call needs to know of a function; `result` once its body is typed. */
export interface Signature {
  params: Type[];
  declared?: Type;
  result?: Type;
  state: 'new' | 'busy' | 'done';
  /** Parameters the body names (for the unused-parameter warning). */
  used: boolean[];
}

/** The function whose body is being typed: set on the scope of the body only. */
export interface FunctionScope { decl: FunctionDecl; sig: Signature }

const SIGNATURES = new WeakMap<InferState['ctx'], Map<FunctionDecl, Signature>>();

/** The signatures the resolve pass built (for the functions pass: unused parameters). */
export function signaturesOf(ctx: InferState['ctx']): ReadonlyMap<FunctionDecl, Signature> {
  return SIGNATURES.get(ctx) ?? new Map();
}

const argumentN: ReturnType<typeof M.pArgN>[] = [];
const argumentOf = (i: number) => (argumentN[i] ??= M.pArgN({ n: i + 1 }));
const RESULT = M.pFunctionResult();

export function signature(st: InferState, d: FunctionDecl): Signature {
  let all = SIGNATURES.get(st.ctx);
  if (!all) { all = new Map(); SIGNATURES.set(st.ctx, all); }
  let s = all.get(d);
  if (!s) {
    const seen = new Set<string>();
    const params = d.params.map((p) => {
      if (seen.has(p.name.name)) report(st, 'KH-C083', p.name.span, M.duplicateParam({ name: p.name.name, fn: d.name.name }));
      seen.add(p.name.name);
      return paramType(st, d, p);
    });
    s = { params, declared: d.result && resolveTypeExpr(st, d.result), state: 'new', used: d.params.map(() => false) };
    all.set(d, s);
  }
  return s;
}

function paramType(st: InferState, d: FunctionDecl, p: Param): Type {
  if (constrained(p.type)) {
    report(st, 'KH-C084', p.type.span, M.paramConstraint({ name: p.name.name, fn: d.name.name }));
    return ERROR;
  }
  const t = resolveTypeExpr(st, p.type);
  if (t.kind === 'ratings') return report(st, 'KH-C084', p.type.span, M.paramRatings({ name: p.name.name, fn: d.name.name, type: typeMsg(t) }));
  return t;
}

/** A type with a constraint anywhere (`in [0, 100]`, `min 1`, a record field's default). */
function constrained(t: TypeExpr): boolean {
  switch (t.kind) {
    case 'PrimType': case 'NamedType': return t.constraint !== undefined;
    case 'ListType': return t.min !== undefined || t.max !== undefined || constrained(t.element);
    case 'RecordType': return t.fields.some((f) => f.default !== undefined || constrained(f.type));
    default: return false;
  }
}

/** The function's result type, typing its body the first time. */
export function functionType(st: InferState, d: FunctionDecl): Type {
  const s = signature(st, d);
  if (s.state === 'done') return s.result ?? ERROR;
  if (s.state === 'busy') return s.declared ?? ERROR; // recursion: the functions pass reports it
  s.state = 'busy';
  const scope: Scope = { area: 'scheme', fn: { decl: d, sig: s } };
  const body = s.declared ? expectType(st, d.body, s.declared, scope, RESULT, d.name.name) : infer(st, d.body, scope);
  s.state = 'done';
  s.result = s.declared ?? body;
  return s.result;
}

/** Kinds of names a function body may not use: they differ from subject to subject. */
const IMPURE = new Set<Sym['kind']>(['input', 'let', 'adjust', 'indicator', 'group']);

/** A name inside a function body: its parameter, or KH-C080 for a subject's value; undefined when
 * the name resolves as anywhere else (an enum member, a table, a function …). */
export function nameInFunction(st: InferState, e: NameRef, fn: FunctionScope, resultName: boolean): Type | undefined {
  const { ctx } = st;
  const i = fn.decl.params.findIndex((p) => p.name.name === e.name);
  if (i >= 0) {
    fn.sig.used[i] = true;
    const type = fn.sig.params[i];
    ctx.refs.set(e, { kind: 'param', name: e.name, fn: fn.decl, index: i, type });
    return type;
  }
  if (resultName) return report(st, 'KH-C080', e.span, M.impureResult({ fn: fn.decl.name.name, name: e.name }));
  const sym = ctx.symbols.names.get(e.name);
  if (sym && IMPURE.has(sym.kind)) {
    ctx.refs.set(e, sym);
    ctx.used.add(sym); // named (wrongly): not also "never used"
    return report(st, 'KH-C080', e.span, M.impureUse({ fn: fn.decl.name.name, kind: kindMsg(sym), name: e.name }));
  }
  return undefined;
}

/** A call of a declared function: arity (KH-C082), each argument against its parameter's type. */
export function inferFunctionCall(st: InferState, e: CallExpr, d: FunctionDecl, scope: Scope): Type {
  const s = signature(st, d);
  st.ctx.siteCount++; // for the chains and function-cost passes (facts.ts)
  if (e.args.length !== d.params.length) {
    for (const a of e.args) infer(st, a, scope);
    report(st, 'KH-C082', e.span, M.functionArity({
      name: d.name.name, want: String(d.params.length), n: String(e.args.length), params: names(d.params.map((p) => p.name.name)),
    }));
  } else {
    for (let i = 0; i < e.args.length; i++) expectType(st, e.args[i], s.params[i], scope, argumentOf(i), d.name.name);
  }
  return functionType(st, d);
}
