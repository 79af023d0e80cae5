// Pass `function-cost`: how much evaluating a call of a declared function costs (KH-C087, issue 12).
// A call evaluates the whole body of the function it calls, so `g1(x) = g0(x) + g0(x)`, …,
// `g59(x) = g58(x) + g58(x)` is a few lines whose one call takes 2^60 steps: the check was clean
// and the evaluator never answered. Each function's cost is measured here over the call graph,
// without expanding it: cost(f) = nodes of f's body + Σ over its calls of cost(callee), memoized
// (components of tarjan.ts come out dependencies first, so one sweep gives every cost: linear in
// the bodies' size). A function whose cost exceeds FUNCTION_COST_LIMIT is refused where the
// expansion starts (the costly function no costly function calls), naming the chain of its
// costliest calls; an expression (a let, an indicator, an item …) whose calls together exceed it,
// each call within it, is refused at the call that crosses the bound. Functions in a cycle are
// KH-C081's (their cost stops at their own body).
//
// The call sites of each body (with their depth in the body) are also what the chains pass follows
// through functions (KH-C061): `bodiesOf` serves both.

import type { CallExpr, Expr, FunctionDecl } from '../../ast.js';
import type { MsgArg } from '../../i18n/index.js';
import type { CheckContext, Pass } from '../context.js';
import { sitesOf } from '../facts.js';
import { arrowPath, M } from '../messages.js';
import { stronglyConnected, type TarjanNode } from '../tarjan.js';
import { eachChild } from '../walk.js';

/** Most evaluation steps (expression nodes evaluated) one call, or one expression's calls, may
 * expand to. A real scheme's functions cost tens of steps; 100,000 evaluate in well under a second. */
export const FUNCTION_COST_LIMIT = 100_000;
/** Costs saturate here (a 1,000-deep doubling would otherwise reach Infinity); shown as `> 10^15`. */
const CAP = 1e15;

export interface BodyCall { e: CallExpr; fn: FunctionDecl; level: number }
export interface Body { decl: FunctionDecl; size: number; calls: BodyCall[] }

interface BodyWalk { fns: ReadonlyMap<string, FunctionDecl>; body: Body; level: number }

function walkBody(e: Expr, w: BodyWalk): void {
  w.level++;
  w.body.size++;
  if (e.kind === 'Call') {
    const fn = w.fns.get(e.callee.name);
    if (fn) w.body.calls.push({ e, fn, level: w.level });
  }
  eachChild(e, walkBody, w);
  w.level--;
}

const BODIES = new WeakMap<CheckContext, Map<FunctionDecl, Body>>();

/** Every function's body size and calls of declared functions (depth in the body: the body is 1). */
export function bodiesOf(ctx: CheckContext): ReadonlyMap<FunctionDecl, Body> {
  let all = BODIES.get(ctx);
  if (all) return all;
  all = new Map();
  const fns = new Map<string, FunctionDecl>();
  for (const d of ctx.scheme.decls) {
    const s = d.kind === 'Function' ? ctx.symbols.names.get(d.name.name) : undefined;
    if (s?.kind === 'function') fns.set(s.name, s.decl);
  }
  for (const d of ctx.scheme.decls) {
    if (d.kind !== 'Function') continue;
    const w: BodyWalk = { fns, body: { decl: d, size: 0, calls: [] }, level: 0 };
    walkBody(d.body, w);
    all.set(d, w.body);
  }
  BODIES.set(ctx, all);
  return all;
}

interface Node extends TarjanNode<Node> { body: Body; cost: number; costly?: BodyCall }

const grouped = (n: number) => (n < CAP ? n.toLocaleString('en') : `> ${CAP.toLocaleString('en')}`);

/** `g59 → g58 → g57 → … → g0`: from a function along its costliest calls. */
function chainFrom(first: FunctionDecl, nodes: ReadonlyMap<FunctionDecl, Node>): MsgArg {
  const path: string[] = [];
  const seen = new Set<Node>();
  for (let n = nodes.get(first); n && !seen.has(n); n = n.costly && nodes.get(n.costly.fn)) { seen.add(n); path.push(n.body.decl.name.name); }
  return arrowPath(path.length <= 5 ? path : [...path.slice(0, 3), '…', path[path.length - 1]]);
}

function measure(ctx: CheckContext): Map<FunctionDecl, Node> {
  const nodes = new Map<FunctionDecl, Node>();
  for (const b of bodiesOf(ctx).values()) nodes.set(b.decl, { body: b, cost: b.size, deps: [], index: -1, low: -1, onStack: false, next: 0 });
  for (const n of nodes.values()) for (const c of n.body.calls) n.deps.push(nodes.get(c.fn)!);
  for (const scc of stronglyConnected(nodes.values())) {
    if (scc.length > 1 || scc[0].deps.includes(scc[0])) continue; // recursive: KH-C081
    const n = scc[0];
    let cost = n.body.size, top = -1;
    for (const c of n.body.calls) {
      const k = nodes.get(c.fn)!.cost;
      cost = Math.min(CAP, cost + k);
      if (k > top) { top = k; n.costly = c; }
    }
    n.cost = cost;
  }
  return nodes;
}

export const functionCostPass: Pass = {
  name: 'function-cost',
  run(ctx) {
    if (bodiesOf(ctx).size === 0) return;
    const nodes = measure(ctx);
    const limit = grouped(FUNCTION_COST_LIMIT);
    const over = (fn: FunctionDecl) => nodes.get(fn)!.cost > FUNCTION_COST_LIMIT;
    const covered = new Set<FunctionDecl>();
    for (const n of nodes.values()) if (n.cost > FUNCTION_COST_LIMIT) for (const c of n.body.calls) covered.add(c.fn);
    for (const n of nodes.values()) {
      const d = n.body.decl;
      if (n.cost <= FUNCTION_COST_LIMIT || covered.has(d)) continue;
      ctx.sink.add('KH-C087', d.name.span, M.functionTooCostly({ name: d.name.name, cost: grouped(n.cost), limit, path: chainFrom(d, nodes) }));
    }
    // Expressions outside functions: their calls together (a costly callee is reported above).
    const byTop = new Map<Expr, typeof calls>();
    const calls = sitesOf(ctx).calls;
    for (const s of calls) { let g = byTop.get(s.top); if (!g) byTop.set(s.top, g = []); g.push(s); }
    for (const g of byTop.values()) {
      if (g.some((s) => over(s.fn))) continue;
      let sum = 0;
      for (const s of g) {
        sum += nodes.get(s.fn)!.cost;
        if (sum <= FUNCTION_COST_LIMIT) continue;
        ctx.sink.add('KH-C087', s.e.span, M.callsTooCostly({ n: String(g.length), cost: grouped(g.reduce((a, x) => a + nodes.get(x.fn)!.cost, 0)), limit }));
        break;
      }
    }
  },
};
