// The order in which the resolve pass types lets, tables and functions: dependencies first. A let is typed
// when first referred to (inferLet), so typing `let a0 = a1 + 1`, …, `let a1999 = 1` in source
// order recursed 2,000 lets deep and overflowed the stack; typed from the end of the chain, every
// reference finds its let already typed and nothing recurses. Only a cycle can still recurse, and
// that is cut short by inferLet's guard (a cycle is reported by the cycles pass).
//
// Names are not resolved yet, so the edges are read off the syntax: every name in a let's value or
// a table's entries that is declared as a let or table, except where an aggregate's binder of that
// name hides it. The walk is an explicit stack (iterative post-order) over the declarations; the
// expressions themselves are walked recursively, their depth bounded by the parser (KH-P008).

import type { AggregateExpr, Expr, FunctionDecl, LetDecl, TableDecl } from '../../ast.js';
import type { CheckContext } from '../context.js';
import { eachChild } from '../walk.js';

/** Functions (issue 12) too: a let or table may call one, and a body may look up a table. */
export type Typed = LetDecl | TableDecl | FunctionDecl;

/** Lets and tables, each after the lets and tables its expressions name. */
export function typingOrder(ctx: CheckContext): Typed[] {
  const decls: Typed[] = [];
  for (const d of ctx.scheme.decls) if (d.kind === 'Let' || d.kind === 'Table' || d.kind === 'Function') decls.push(d);
  if (decls.length < 2) return decls;
  const byName = new Map<string, Typed>();
  for (const d of decls) if (!byName.has(d.name.name)) byName.set(d.name.name, d);
  const deps = new Map<Typed, Typed[]>();
  for (const d of decls) deps.set(d, namedDeps(d, byName));
  const out: Typed[] = [];
  const state = new Map<Typed, number>(); // 1: on the stack, 2: done
  for (const root of decls) {
    if (state.has(root)) continue;
    const stack: Typed[] = [root], next: number[] = [0];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1], ds = deps.get(top)!;
      const i = next[next.length - 1]++;
      if (i < ds.length) {
        if (!state.has(ds[i])) { state.set(ds[i], 1); stack.push(ds[i]); next.push(0); }
        continue;
      }
      stack.pop(); next.pop();
      state.set(top, 2);
      out.push(top);
    }
  }
  return out;
}

interface Collect { byName: Map<string, Typed>; hidden: string[]; out: Typed[] }

function namedDeps(d: Typed, byName: Map<string, Typed>): Typed[] {
  const c: Collect = { byName, hidden: [], out: [] };
  if (d.kind === 'Let') names(d.value, c);
  else if (d.kind === 'Function') { c.hidden.push(...d.params.map((p) => p.name.name)); names(d.body, c); }
  else for (const x of d.entries) names(x.value, c);
  return c.out;
}

function names(e: Expr, c: Collect): void {
  if (e.kind === 'Name') {
    const d = c.byName.get(e.name);
    if (d && !c.hidden.includes(e.name)) c.out.push(d);
    return;
  }
  if (e.kind === 'Aggregate') return aggregate(e, c);
  if (e.kind === 'Call') { // a function declared in the scheme
    const d = c.byName.get(e.callee.name);
    if (d?.kind === 'Function') c.out.push(d);
  }
  eachChild(e, names, c);
}

function aggregate(e: AggregateExpr, c: Collect): void {
  names(e.list, c); // the list is outside the binder's scope
  c.hidden.push(e.binder.name);
  if (e.where) names(e.where, c);
  if (e.weight) names(e.weight, c);
  if (e.body) names(e.body, c);
  c.hidden.pop();
}
