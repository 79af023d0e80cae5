// Type inference for expressions. `infer` records the type of every node in `types`; `expected`
// is only a hint for resolving enum members by type (`q == 好` where q is a 平时等次); `expectType`
// also reports a mismatch. One mistake gives one diagnostic: the `error` type matches anything.

import type { BinaryExpr, Expr, LetDecl } from '../../ast.js';
import { lookup } from '../../symbols.js';
import { BOOL, ERROR, INTEGER, NUMBER, TEXT, compatible, typeName, type Type } from '../types.js';
import { inferAggregate, inferCall, inferForm } from './forms.js';
import { resolveName } from './name.js';
import { record, report, type InferState, type Scope } from './state.js';

/** Deepest `infer` nesting at which a let not yet typed is entered. The resolve pass types lets in
 * dependency order (order.ts), so a let is entered from inside another only around a cycle, which
 * the cycles pass reports; the guard keeps a long cycle of deep expressions from overflowing the
 * stack. Far above any expression (TREE_DEPTH_LIMIT is 500) and far below what a cold process
 * survives (test/check/chains-cold.ts). */
export const INFER_DEPTH_GUARD = 600;

export function inferLet(st: InferState, d: LetDecl): Type {
  const known = st.letTypes.get(d);
  if (known) return known;
  if (st.inProgress.has(d) || st.level > INFER_DEPTH_GUARD) return ERROR; // a cycle: reported by the cycles pass
  st.inProgress.add(d);
  const t = infer(st, d.value, { area: 'scheme' });
  st.inProgress.delete(d);
  st.letTypes.set(d, t);
  return t;
}

const isNum = (t: Type) => t.kind === 'number' || t.kind === 'error';
const isBool = (t: Type) => t.kind === 'bool' || t.kind === 'error';

/** Infers `e` and reports KH-C005 unless it has type `want`; `what` (+ `of`, when given) names the
 * position for the message. The two parts are joined only for the message: this runs on most nodes. */
export function expectType(st: InferState, e: Expr, want: Type, scope: Scope, what: string, of?: string): Type {
  const t = infer(st, e, scope, want);
  if (!compatible(t, want)) report(st, 'KH-C005', e.span, `${of === undefined ? what : what + of} must be ${article(want)}, but this is ${article(t)}`);
  return t;
}

/** `the left side of '+'` … for every operator, built once. */
const SIDE: Record<string, readonly [string, string]> = {};
for (const op of ['and', 'or', '+', '-', '*', '/']) SIDE[op] = [`the left side of '${op}'`, `the right side of '${op}'`];

export function article(t: Type): string {
  const n = typeName(t);
  return /^[aeiou]/.test(n) ? `an ${n}` : `a ${n}`;
}

/** A bare name that is only an enum member: infer the other side of a comparison first. */
function memberOnly(st: InferState, e: Expr, scope: Scope): boolean {
  if (e.kind !== 'Name' || e.builtin) return false;
  for (let b = scope.binders; b; b = b.parent) if (b.name === e.name) return false;
  return !lookup(st.ctx.symbols, e.name) && st.ctx.symbols.members.has(e.name);
}

function inferBinary(st: InferState, e: BinaryExpr, scope: Scope): Type {
  const op = e.op;
  if (op === 'and' || op === 'or') {
    expectType(st, e.left, BOOL, scope, SIDE[op][0]);
    expectType(st, e.right, BOOL, scope, SIDE[op][1]);
    return BOOL;
  }
  if (op === '+' || op === '-' || op === '*' || op === '/') {
    if (op === '/') st.ctx.siteCount++; // for the division check (facts.ts)
    const l = expectType(st, e.left, NUMBER, scope, SIDE[op][0]);
    const r = expectType(st, e.right, NUMBER, scope, SIDE[op][1]);
    return l.kind === 'number' && r.kind === 'number' && l.integer && r.integer && op !== '/' ? INTEGER : NUMBER;
  }
  // comparison: resolve a bare member against the other side's type
  let l: Type, r: Type;
  if (memberOnly(st, e.left, scope) && !memberOnly(st, e.right, scope)) {
    r = infer(st, e.right, scope);
    l = infer(st, e.left, scope, r);
  } else {
    l = infer(st, e.left, scope);
    r = infer(st, e.right, scope, l);
  }
  if (l.kind === 'error' || r.kind === 'error') return BOOL;
  const same = compatible(l, r);
  if (!same) {
    report(st, 'KH-C005', e.span, `cannot compare ${article(l)} with ${article(r)}`);
  } else if (op !== '==' && op !== '!=') {
    if (l.kind === 'enum' && !l.ordered) {
      report(st, 'KH-C005', e.span, `enum ${l.name} is not ordered: its members can be compared only with == and != (declare it \`ordered\`)`);
    } else if (l.kind !== 'number' && l.kind !== 'enum') {
      report(st, 'KH-C005', e.span, `'${op}' needs numbers or members of an ordered enum, not ${article(l)}`);
    }
  } else if (l.kind !== 'number' && l.kind !== 'enum' && l.kind !== 'bool' && l.kind !== 'text') {
    report(st, 'KH-C005', e.span, `${article(l)} cannot be compared with '${op}'`);
  }
  return BOOL;
}

export function infer(st: InferState, e: Expr, scope: Scope, expected?: Type): Type {
  st.level++;
  const t = inferInner(st, e, scope, expected);
  st.level--;
  return record(st, e, t);
}

function inferInner(st: InferState, e: Expr, scope: Scope, expected?: Type): Type {
  switch (e.kind) {
    case 'Number': return !e.percent && isDigits(e.text) ? INTEGER : NUMBER;
    case 'String': return TEXT;
    case 'Bool': return BOOL;
    case 'Name': return resolveName(st, e, scope, expected);
    case 'Unary':
      if (e.op === 'not') { expectType(st, e.operand, BOOL, scope, "the operand of 'not'"); return BOOL; }
      return expectType(st, e.operand, NUMBER, scope, "the operand of '-'");
    case 'Binary': return inferBinary(st, e, scope);
    case 'In': {
      const v = infer(st, e.value, scope);
      for (const x of e.set) {
        const t = infer(st, x, scope, v);
        if (!compatible(t, v)) report(st, 'KH-C005', x.span, `'in' compares ${article(v)} with ${article(t)}`);
      }
      return BOOL;
    }
    case 'If': {
      const c = expectType(st, e.cond, BOOL, scope, 'the condition of if');
      void c;
      const a = infer(st, e.then, scope, expected);
      const b = infer(st, e.else, scope, expected ?? (a.kind === 'enum' ? a : undefined));
      if (a.kind === 'error') return b;
      if (b.kind === 'error') return a;
      if (a.kind === 'number' && b.kind === 'number') return a.integer && b.integer ? INTEGER : NUMBER;
      if (!compatible(a, b)) return report(st, 'KH-C005', e.span, `the branches of if differ: ${article(a)} and ${article(b)}`);
      return a;
    }
    case 'Field': {
      const o = infer(st, e.object, scope);
      if (o.kind === 'error') return ERROR;
      if (o.kind === 'record') {
        const f = o.fields.get(e.field.name);
        return f ?? report(st, 'KH-C007', e.field.span, `unknown field '${e.field.name}'; the record has ${[...o.fields.keys()].join(', ')}`);
      }
      if (o.kind === 'ratings') {
        const p = st.ctx.symbols.names.get(o.panel);
        const cats = p?.kind === 'panel' ? p.decl.categories.map((c) => c.name.name) : [];
        if (!cats.includes(e.field.name)) return report(st, 'KH-C007', e.field.span, `panel ${o.panel} has no category '${e.field.name}'; it has ${cats.join(', ')}`);
        return { kind: 'list', element: NUMBER };
      }
      return report(st, 'KH-C005', e.span, `${article(o)} has no fields`);
    }
    case 'Index': {
      const o = infer(st, e.object, scope);
      if (o.kind !== 'table') {
        infer(st, e.index, scope);
        return o.kind === 'error' ? ERROR : report(st, 'KH-C008', e.span, `only a table can be looked up with [ ], not ${article(o)}`);
      }
      const key: Type = o.key ? { kind: 'enum', name: o.key, ordered: st.ctx.symbols.enums.get(o.key)?.ordered ?? false } : ERROR;
      const i = infer(st, e.index, scope, key);
      if (!compatible(i, key)) report(st, 'KH-C005', e.index.span, `table ${o.name} is looked up by ${article(key)}, not ${article(i)}`);
      return o.value;
    }
    case 'Call': return inferCall(st, e, scope);
    case 'Aggregate': return inferAggregate(st, e, scope);
    case 'Bands': case 'Levels': case 'Linear': case 'Rate': return inferForm(st, e, scope);
    case 'Object': case 'List':
      for (const c of e.kind === 'Object' ? e.entries.map((x) => x.value) : e.items) infer(st, c, scope);
      return report(st, 'KH-C005', e.span, `${e.kind === 'Object' ? 'an object' : 'a list'} literal can appear only in an example's given`);
    case 'Error': return ERROR;
  }
}

/** `/^\d+$/.test(s)` without a regex call per literal. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c < 48 || c > 57) return false; }
  return true;
}

export { isNum, isBool };
