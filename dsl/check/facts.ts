// Visits every expression of the scheme together with the facts known where it is evaluated: the
// `when` blocks around an indicator, an item's `when` for its effects, `if` branches, the left side
// of `and`/`or` for the right side, and an aggregate's `where` for its weight and body. The division
// and applicability checks read these facts.

import type { ExampleDecl, Expr } from '../ast.js';
import type { CheckContext } from './context.js';
import { allConditions, children } from './walk.js';

export interface Fact { e: Expr; truth: boolean }

/** Where a root expression sits: examples are checked against their given input. */
export interface Root { example?: ExampleDecl }

export type Visitor = (e: Expr, facts: readonly Fact[], root: Root) => void;

function walk(e: Expr, facts: Fact[], root: Root, f: Visitor): void {
  f(e, facts, root);
  if (e.kind === 'If') {
    walk(e.cond, facts, root, f);
    walk(e.then, [...facts, { e: e.cond, truth: true }], root, f);
    walk(e.else, [...facts, { e: e.cond, truth: false }], root, f);
  } else if (e.kind === 'Binary' && (e.op === 'and' || e.op === 'or')) {
    walk(e.left, facts, root, f);
    walk(e.right, [...facts, { e: e.left, truth: e.op === 'and' }], root, f);
  } else if (e.kind === 'Aggregate' && e.where) {
    walk(e.list, facts, root, f);
    walk(e.where, facts, root, f);
    const inner = [...facts, { e: e.where, truth: true }];
    for (const x of [e.weight, e.body]) if (x) walk(x, inner, root, f);
  } else for (const c of children(e)) walk(c, facts, root, f);
}

export function walkWithFacts(ctx: CheckContext, f: Visitor): void {
  const top: Root = {};
  const root = (e: Expr | undefined, facts: Fact[] = [], r: Root = top) => { if (e) walk(e, facts, r, f); };
  for (const d of ctx.scheme.decls) {
    switch (d.kind) {
      case 'Let': case 'Adjust': root(d.value); break;
      case 'Setting': if (d.key === 'cohortBy') root(d.value); break;
      case 'Negative': case 'Reward':
        root(d.max);
        for (const it of d.items) {
          root(it.when);
          const facts = [{ e: it.when, truth: true }];
          for (const ef of it.effects) if (ef.kind === 'deduct' || ef.kind === 'add') { root(ef.amount, facts); root(ef.per, facts); root(ef.max, facts); }
        }
        break;
      case 'Grades': for (const g of d.grades) root(g.when); for (const k of d.tiebreak) root(k.key); break;
      case 'Outcomes':
        for (const a of d.actions) root(a.when);
        for (const b of d.bonus?.entries ?? []) root(b.value);
        root(d.improve?.below);
        break;
      case 'Example': { const r = { example: d }; for (const x of d.expects) root(x, [], r); break; }
      default: break;
    }
  }
  const conds = new Set<Expr>();
  const factsOf = new Map<Expr[], Fact[]>(); // shared by the siblings of one when-block
  for (const p of ctx.placed) {
    for (const c of p.local) if (!conds.has(c)) { conds.add(c); root(c); }
    if (p.decl.kind === 'Indicator') {
      const all = allConditions(p);
      let facts = factsOf.get(all);
      if (!facts) { facts = all.map((e) => ({ e, truth: true })); factsOf.set(all, facts); }
      root(p.decl.value, facts);
      if (p.decl.range) { root(p.decl.range.lo, facts); root(p.decl.range.hi, facts); }
    }
  }
}
