// Tree walking shared by the passes: the direct sub-expressions of an expression, and the scheme's
// declaration tree flattened into indicators/groups with the `when` conditions that guard them.

import type { Decl, Expr, GroupDecl, IndicatorDecl, Member } from '../ast.js';

/** Direct sub-expressions, in source order (allocates an array: hot loops use `eachChild`). */
export function children(e: Expr): Expr[] {
  const out: Expr[] = [];
  eachChild(e, pushTo, out);
  return out;
}

function pushTo(c: Expr, out: Expr[]): void { out.push(c); }

/** Calls `f` on `e` and every expression below it (pre-order). */
export function visit(e: Expr, f: (e: Expr) => void): void {
  f(e);
  eachChild(e, visit, f);
}

/** Calls `f(c, arg)` on each direct sub-expression `c` of `e`, in source order. No array and no
 * closure per node (`arg` carries the state): this runs on every node of 10k-indicator schemes. */
export function eachChild<A>(e: Expr, f: (c: Expr, arg: A) => void, arg: A): void {
  switch (e.kind) {
    case 'Unary': f(e.operand, arg); return;
    case 'Binary': f(e.left, arg); f(e.right, arg); return;
    case 'In': f(e.value, arg); for (const x of e.set) f(x, arg); if (e.of) f(e.of, arg); return;
    case 'Interval': f(e.value, arg); f(e.lo, arg); f(e.hi, arg); return;
    case 'If': f(e.cond, arg); f(e.then, arg); f(e.else, arg); return;
    case 'Field': f(e.object, arg); return;
    case 'Index': f(e.object, arg); f(e.index, arg); return;
    case 'Call': for (const x of e.args) f(x, arg); return;
    case 'CohortAgg': f(e.arg, arg); if (e.p) f(e.p, arg); return;
    case 'Aggregate':
      f(e.list, arg);
      if (e.where) f(e.where, arg);
      if (e.weight) f(e.weight, arg);
      if (e.body) f(e.body, arg);
      return;
    case 'Bands':
      f(e.subject, arg);
      for (const b of e.bands) { f(b.threshold, arg); f(b.score, arg); }
      if (e.else) f(e.else, arg);
      return;
    case 'Levels':
      f(e.subject, arg);
      for (const x of e.entries) f(x.score, arg);
      if (e.else) f(e.else, arg);
      return;
    case 'Linear':
      f(e.subject, arg);
      for (const p of e.points) { f(p.x, arg); f(p.y, arg); }
      return;
    case 'Rate': f(e.subject, arg); return;
    case 'Object': for (const x of e.entries) f(x.value, arg); return;
    case 'List': for (const x of e.items) f(x, arg); return;
    default: return;
  }
}

/** An indicator or group with its parent group and the `when` conditions on its path from the root
 * (`outer`: conditions above its parent group; `local`: `when` blocks inside the parent). */
export interface Placed<D extends IndicatorDecl | GroupDecl = IndicatorDecl | GroupDecl> {
  decl: D;
  parent?: GroupDecl;
  /** The parent group's own entry (`up.decl === parent`): walks up without a lookup by decl. */
  up?: Placed<GroupDecl>;
  outer: Expr[];
  local: Expr[];
}

/** Every indicator and group of the scheme, in source order. */
export function placeMembers(decls: readonly Decl[]): Placed[] {
  const out: Placed[] = [];
  const top: Member[] = [];
  for (const d of decls) if (d.kind === 'Indicator' || d.kind === 'Group' || d.kind === 'When') top.push(d);
  place(top, undefined, [], [], out);
  return out;
}

function place(members: readonly Member[], up: Placed<GroupDecl> | undefined, outer: Expr[], local: Expr[], out: Placed[]): void {
  for (const m of members) {
    if (m.kind === 'When') place(m.members, up, outer, [...local, m.cond], out);
    else if (m.kind === 'Group') {
      const g: Placed<GroupDecl> = { decl: m, parent: up?.decl, up, outer, local };
      out.push(g);
      place(m.members, g, [...outer, ...local], [], out);
    } else out.push({ decl: m, parent: up?.decl, up, outer, local });
  }
}

const joined = new WeakMap<Expr[], WeakMap<Expr[], Expr[]>>();
/** All `when` conditions guarding a placed member. Memoized so siblings in one `when` block share
 * one array: later stages cache formulas and proofs by array identity. */
export function allConditions(p: Placed): Expr[] {
  if (p.local.length === 0) return p.outer;
  if (p.outer.length === 0) return p.local;
  let inner = joined.get(p.outer);
  if (!inner) { inner = new WeakMap(); joined.set(p.outer, inner); }
  let all = inner.get(p.local);
  if (!all) { all = [...p.outer, ...p.local]; inner.set(p.local, all); }
  return all;
}
