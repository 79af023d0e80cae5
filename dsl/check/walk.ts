// Tree walking shared by the passes: the direct sub-expressions of an expression, and the scheme's
// declaration tree flattened into indicators/groups with the `when` conditions that guard them.

import type { Decl, Expr, GroupDecl, IndicatorDecl, Member } from '../ast.js';

/** Direct sub-expressions, in source order. Plain loops: this runs on every node several times. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'Unary': return [e.operand];
    case 'Binary': return [e.left, e.right];
    case 'In': return [e.value, ...e.set];
    case 'If': return [e.cond, e.then, e.else];
    case 'Field': return [e.object];
    case 'Index': return [e.object, e.index];
    case 'Call': return e.args;
    case 'Aggregate': {
      const out = [e.list];
      if (e.where) out.push(e.where);
      if (e.weight) out.push(e.weight);
      if (e.body) out.push(e.body);
      return out;
    }
    case 'Bands': {
      const out = [e.subject];
      for (const b of e.bands) out.push(b.threshold, b.score);
      if (e.else) out.push(e.else);
      return out;
    }
    case 'Levels': {
      const out = [e.subject];
      for (const x of e.entries) out.push(x.score);
      if (e.else) out.push(e.else);
      return out;
    }
    case 'Linear': {
      const out = [e.subject];
      for (const p of e.points) out.push(p.x, p.y);
      return out;
    }
    case 'Rate': return [e.subject];
    case 'Object': return e.entries.map((x) => x.value);
    case 'List': return e.items;
    default: return NONE;
  }
}

const NONE: Expr[] = [];

/** Calls `f` on `e` and every expression below it (pre-order). */
export function visit(e: Expr, f: (e: Expr) => void): void {
  f(e);
  for (const c of children(e)) visit(c, f);
}

/** An indicator or group with its parent group and the `when` conditions on its path from the root
 * (`outer`: conditions above its parent group; `local`: `when` blocks inside the parent). */
export interface Placed<D extends IndicatorDecl | GroupDecl = IndicatorDecl | GroupDecl> {
  decl: D;
  parent?: GroupDecl;
  outer: Expr[];
  local: Expr[];
}

/** Every indicator and group of the scheme, in source order. */
export function placeMembers(decls: readonly Decl[]): Placed[] {
  const out: Placed[] = [];
  const walk = (members: readonly Member[], parent: GroupDecl | undefined, outer: Expr[], local: Expr[]) => {
    for (const m of members) {
      if (m.kind === 'When') walk(m.members, parent, outer, [...local, m.cond]);
      else {
        out.push({ decl: m, parent, outer, local });
        if (m.kind === 'Group') walk(m.members, m, [...outer, ...local], []);
      }
    }
  };
  walk(decls.filter((d): d is Member => d.kind === 'Indicator' || d.kind === 'Group' || d.kind === 'When'), undefined, [], []);
  return out;
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
