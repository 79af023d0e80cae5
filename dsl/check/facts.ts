// Visits every expression of the scheme together with the facts known where it is evaluated: the
// `when` blocks around an indicator, an item's `when` for its effects, `if` branches, the left side
// of `and`/`or` for the right side, and an aggregate's `where` for its weight and body. The chains,
// cycles, division and applicability checks read what this walk finds.
//
// The walk runs once per check (after resolve-and-types, on first use) and keeps only the nodes
// those passes look at — names that refer to a let, adjust, indicator, group or table, and
// divisions — each with its root, its owner, its depth in the root and its facts. Table entries are
// walked for their references only (owned by the table: the chains pass follows them). Facts are a
// linked chain while walking (one small object per `if` branch or `and`/`or`, no array copies) and
// become an array only when a pass asks (`factsAt`), which on large schemes is rarely.

import type { AggregateExpr, BinaryExpr, CallExpr, ExampleDecl, Expr, FunctionDecl, NameRef } from '../ast.js';
import type { Sym } from '../symbols.js';
import type { CheckContext } from './context.js';
import type { Resolved } from './types.js';
import { allConditions, eachChild } from './walk.js';

export interface Fact { e: Expr; truth: boolean }

/** Where a root expression sits: examples are checked against their given input. */
export interface Root { example?: ExampleDecl }

/** A fact inside a root expression, linked to the one outside it (innermost first). */
interface FactLink extends Fact { prev: FactLink | undefined }

export interface Site<E extends Expr = Expr> {
  e: E;
  root: Root;
  /** The let, adjust or indicator whose value (or range) holds the site, the table whose entry
   * holds it, or the `when` condition (the Expr) it is in; undefined elsewhere. */
  owner: object | undefined;
  /** Depth of the site in its root expression (the root is 1). */
  level: number;
  /** Facts from outside the root expression (`when` blocks, an item's `when`), shared by siblings. */
  base: readonly Fact[];
  chain: FactLink | undefined;
}

export type DeclRef = Extract<Sym, { kind: 'let' | 'adjust' | 'indicator' | 'group' | 'table' }>;
export interface RefSite extends Site<NameRef> { ref: DeclRef }

export interface Sites {
  /** Names that refer to a let, adjust, indicator, group or table, in walk order (pre-order, roots
   * in declaration order, then the `when` conditions and indicators in source order). */
  refs: RefSite[];
  /** Every `a / b`, in walk order. */
  divisions: Site<BinaryExpr>[];
  /** Every `avg`/`min`/`max` of a list (an aggregate, or a call with one argument), in walk order:
   * the list may be empty (KH-C112, issue 12). */
  emptiable: Site<AggregateExpr | CallExpr>[];
  /** Every call of a function declared in the scheme, in walk order, with its root expression (the
   * chains pass follows them, KH-C061; the function-cost pass sums them per root, KH-C087). */
  calls: CallSite[];
}

export interface CallSite extends Site<CallExpr> { fn: FunctionDecl; top: Expr }

/** The facts known at a site, outermost first. */
export function factsAt(s: Site): readonly Fact[] {
  if (!s.chain) return s.base;
  let n = 0;
  for (let l: FactLink | undefined = s.chain; l; l = l.prev) n++;
  const out = new Array<Fact>(s.base.length + n);
  for (let i = 0; i < s.base.length; i++) out[i] = s.base[i];
  let i = out.length;
  for (let l: FactLink | undefined = s.chain; l; l = l.prev) out[--i] = l;
  return out;
}

const NO_FACTS: readonly Fact[] = [];
const TOP: Root = {};

class Walker {
  readonly out: Sites = { refs: [], divisions: [], emptiable: [], calls: [] };
  root: Root = TOP;
  owner: object | undefined = undefined;
  base: readonly Fact[] = NO_FACTS;
  /** Depth of the node being walked in its root; divisions are not collected in table entries. */
  level = 0;
  divisions = true;
  /** The root expression being walked (for `calls`). */
  top: Expr | undefined = undefined;
  constructor(private refs: Map<NameRef, Resolved>, private fns: ReadonlyMap<string, FunctionDecl>) {}

  /** Walks a root expression (if present) with the given surroundings. */
  start(e: Expr | undefined, base: readonly Fact[] = NO_FACTS, owner?: object, root: Root = TOP): void {
    if (!e) return;
    this.base = base; this.owner = owner; this.root = root; this.top = e;
    this.walk(e, undefined);
  }

  private walk(e: Expr, chain: FactLink | undefined): void {
    this.level++;
    this.node(e, chain);
    this.level--;
  }

  private node(e: Expr, chain: FactLink | undefined): void {
    switch (e.kind) {
      case 'Name': {
        const r = this.refs.get(e);
        if (r && (r.kind === 'let' || r.kind === 'adjust' || r.kind === 'indicator' || r.kind === 'group' || r.kind === 'table')) {
          this.out.refs.push({ e, ref: r, root: this.root, owner: this.owner, level: this.level, base: this.base, chain });
        }
        return;
      }
      case 'If':
        this.walk(e.cond, chain);
        this.walk(e.then, { e: e.cond, truth: true, prev: chain });
        this.walk(e.else, { e: e.cond, truth: false, prev: chain });
        return;
      case 'Binary':
        if (e.op === 'and' || e.op === 'or') {
          this.walk(e.left, chain);
          this.walk(e.right, { e: e.left, truth: e.op === 'and', prev: chain });
          return;
        }
        if (e.op === '/' && this.divisions) this.out.divisions.push({ e, root: this.root, owner: this.owner, level: this.level, base: this.base, chain });
        this.walk(e.left, chain);
        this.walk(e.right, chain);
        return;
      case 'Call': {
        const fn = this.fns.get(e.callee.name);
        if (fn) this.out.calls.push({ e, fn, top: this.top!, root: this.root, owner: this.owner, level: this.level, base: this.base, chain });
      }
        if ((e.fn === 'avg' || e.fn === 'min' || e.fn === 'max') && e.args.length === 1) this.emptiable(e, chain);
        break;
      case 'Aggregate':
        if (e.fn === 'avg' || e.fn === 'min' || e.fn === 'max') this.emptiable(e, chain);
        if (e.where) {
          this.walk(e.list, chain);
          this.walk(e.where, chain);
          const inner: FactLink = { e: e.where, truth: true, prev: chain };
          if (e.weight) this.walk(e.weight, inner);
          if (e.body) this.walk(e.body, inner);
          return;
        }
        break;
      default: break;
    }
    this.chain = chain;
    eachChild(e, walkChild, this);
  }

  private emptiable(e: AggregateExpr | CallExpr, chain: FactLink | undefined): void {
    this.out.emptiable.push({ e, root: this.root, owner: this.owner, level: this.level, base: this.base, chain });
  }

  /** The chain for `eachChild`'s callback (children of one node share it; set right before). */
  private chain: FactLink | undefined = undefined;
  static child(c: Expr, w: Walker): void { const chain = w.chain; w.walk(c, chain); w.chain = chain; }
}

const walkChild = Walker.child;

function collect(ctx: CheckContext): Sites {
  const fns = new Map<string, FunctionDecl>();
  for (const d of ctx.scheme.decls) {
    const s = d.kind === 'Function' ? ctx.symbols.names.get(d.name.name) : undefined;
    if (s?.kind === 'function') fns.set(s.name, s.decl);
  }
  const w = new Walker(ctx.refs, fns);
  for (const d of ctx.scheme.decls) {
    switch (d.kind) {
      case 'Let': case 'Adjust': w.start(d.value, NO_FACTS, d); break;
      case 'Table':
        w.divisions = false;
        for (const x of d.entries) w.start(x.value, NO_FACTS, d);
        w.divisions = true;
        break;
      case 'Setting': if (d.key === 'cohortBy' || d.key === 'rankBy') w.start(d.value); break;
      case 'Negative': case 'Reward':
        w.start(d.max);
        for (const it of d.items) {
          w.start(it.when);
          const facts = [{ e: it.when, truth: true }];
          for (const ef of it.effects) if (ef.kind === 'deduct' || ef.kind === 'add') { w.start(ef.amount, facts); w.start(ef.per, facts); w.start(ef.max, facts); }
        }
        break;
      case 'Grades': for (const g of d.grades) w.start(g.when); for (const k of d.tiebreak) w.start(k.key); break;
      case 'Outcomes':
        for (const a of d.actions) w.start(a.when);
        for (const b of d.bonus?.entries ?? []) w.start(b.value);
        w.start(d.improve?.below);
        break;
      case 'Example': { const r = { example: d }; for (const x of d.expects) w.start(x, NO_FACTS, undefined, r); break; }
      default: break;
    }
  }
  const conds = new Set<Expr>();
  const factsOf = new Map<Expr[], Fact[]>(); // shared by the siblings of one when-block
  for (let i = 0; i < ctx.placed.length; i++) { // indexed: see CheckContext.placed
    const p = ctx.placed[i];
    for (const c of p.local) if (!conds.has(c)) { conds.add(c); w.start(c, NO_FACTS, c); }
    if (p.decl.kind === 'Indicator') {
      const all = allConditions(p);
      let facts = factsOf.get(all);
      if (!facts) { facts = all.map((e) => ({ e, truth: true })); factsOf.set(all, facts); }
      w.start(p.decl.value, facts, p.decl);
      if (p.decl.range) { w.start(p.decl.range.lo, facts, p.decl); w.start(p.decl.range.hi, facts, p.decl); }
    }
  }
  return w.out;
}

const memo = new WeakMap<CheckContext, Sites>();
/** The sites of a check run, collected once (needs `refs`: only after resolve-and-types). Every node
 * the walk reaches was typed, so when typing counted no site (`siteCount`) there is nothing to walk. */
export function sitesOf(ctx: CheckContext): Sites {
  let s = memo.get(ctx);
  if (!s) { s = ctx.siteCount === 0 ? { refs: [], divisions: [], emptiable: [], calls: [] } : collect(ctx); memo.set(ctx, s); }
  return s;
}
