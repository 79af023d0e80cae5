// Pass `chains`: how deep evaluating a declaration can recurse (KH-C061). The engine computes lets,
// indicators, groups, adjust and table entries when first needed, recursively: a let evaluates the
// lets it names, a group its children, an indicator the `when` conditions above it (and what they
// name). A chain `let a0 = a1 + 1`, …, `let a2000 = 1` recursed 2,000 lets deep and overflowed the
// stack in evaluation; the checker's condition and range analyses (conditions.ts, interval.ts) read
// through lets the same way. So every chain is measured here, without recursion, and one deeper
// than CHAIN_DEPTH_LIMIT is refused: the passes that would follow it do not run (`followsReferences`
// in index.ts), and a scheme with an error is never compiled.
//
// Depth counts what recursion costs: along a chain, each reference adds its depth inside the
// expression that holds it, plus one for the step to the declaration; a group adds one per child,
// an indicator one per group above it to its `when` conditions. The graph comes from the shared
// walk (facts.ts: references with their owner and depth); its strongly connected components (a
// cycle, reported by the cycles pass or caught while evaluating) count every edge inside them once.
// Components come out of Tarjan's algorithm (iterative) dependencies first, so one sweep gives
// every depth. A function is a node too (issue 12): a call steps into the callee's body like a
// reference into a let, and a body's calls into further functions (function-cost.ts finds them).

import type { AdjustDecl, Expr, GroupDecl, IndicatorDecl, LetDecl, Span, TableDecl } from '../../ast.js';
import type { MsgArg } from '../../i18n/index.js';
import { shortCode, type CheckContext, type Pass } from '../context.js';
import { sitesOf } from '../facts.js';
import { bodiesOf } from './function-cost.js';
import { arrowPath, M } from '../messages.js';
import { stronglyConnected, type TarjanNode } from '../tarjan.js';
import { allConditions } from '../walk.js';

/** Deepest chain a scheme may have (in the units above). A real scheme stays below 50; a chain of
 * 300 plain lets (`let a = b + 1`) is about 900. test/check/chains-cold.ts evaluates the deepest
 * accepted chains of every kind in a fresh process. */
export const CHAIN_DEPTH_LIMIT = 1000;

interface Node extends TarjanNode<Node> {
  key: object;
  /** A declaration's name, or `when …` for a condition (for the message). */
  name: MsgArg;
  span: Span;
  weights: number[];
  depth: number;
  /** The dependency outside its component through which `depth` is reached. */
  via?: Node;
}

/** What owns a reference (facts.ts): a declaration, or the `when` condition it is in. */
type Decl = LetDecl | AdjustDecl | IndicatorDecl | GroupDecl | TableDecl;
type Owner = Decl | Expr;
const DECLS = new Set(['Let', 'Adjust', 'Indicator', 'Group', 'Table']);
const isDecl = (o: Owner): o is Decl => DECLS.has(o.kind);

function graph(ctx: CheckContext): Map<object, Node> | undefined {
  const { refs, calls } = sitesOf(ctx);
  const bodies = bodiesOf(ctx);
  // without a reference or a call every chain is a group's nesting
  if (refs.length === 0 && calls.length === 0 && bodies.size === 0) return undefined;
  const nodes = new Map<object, Node>();
  const nodeOf = (key: object, name: MsgArg, span: Span): Node => {
    let n = nodes.get(key);
    if (!n) {
      n = { key, name, span, deps: [], weights: [], index: -1, low: -1, onStack: false, next: 0, depth: 0 };
      nodes.set(key, n);
    }
    return n;
  };
  const edge = (from: Node, to: Node, w: number) => { from.deps.push(to); from.weights.push(w); };
  const declNode = (d: { name: { name: string; span: Span } }) => nodeOf(d, d.name.name, d.name.span);
  for (const s of refs) {
    const o = s.owner as Owner | undefined;
    if (!o) continue; // a rule, grade, outcome or example: evaluated from the top, not from a chain
    const from = isDecl(o) ? declNode(o)
      : nodeOf(o, M.whenNode({ text: shorten(ctx.file.slice(o.span)) }), o.span);
    edge(from, declNode(s.ref.decl), s.level + 1);
  }
  // Calls of declared functions (issue 12): a call evaluates the callee's body, which calls others.
  for (const s of calls) {
    const o = s.owner as Owner | undefined;
    if (!o) continue;
    const from = isDecl(o) ? declNode(o) : nodeOf(o, M.whenNode({ text: shorten(ctx.file.slice(o.span)) }), o.span);
    edge(from, declNode(s.fn), s.level + 1);
  }
  for (const b of bodies.values()) for (const c of b.calls) edge(declNode(b.decl), declNode(c.fn), c.level + 1);
  const placed = ctx.placed; // indexed loops: see CheckContext.placed
  for (let i = 0; i < placed.length; i++) {
    const p = placed[i];
    if (p.up) edge(declNode(p.up.decl), declNode(p.decl), 1);
    const conds = allConditions(p);
    if (conds.length === 0) continue;
    let nesting = 1;
    for (let u = p.up; u; u = u.up) nesting++;
    for (const c of conds) { const n = nodes.get(c); if (n) edge(declNode(p.decl), n, nesting); }
  }
  return nodes;
}

/** A `when` condition named in a chain. */
const shorten = (s: string) => shortCode(s, 30);

/** Sets every node's depth and `via`, components in dependency order. */
function measure(sccs: Node[][]): void {
  for (const scc of sccs) {
    let outside = 0, via: Node | undefined, inside = 0;
    for (const n of scc) {
      for (let i = 0; i < n.deps.length; i++) {
        const d = n.deps[i], w = n.weights[i];
        if (d.scc !== n.scc) {
          if (w + d.depth > outside) { outside = w + d.depth; via = d; }
        } else inside += w;
      }
    }
    for (const n of scc) { n.depth = outside + inside; n.via = via; }
  }
}

function report(ctx: CheckContext, head: Node): void {
  const path: Node[] = [head];
  for (let n = head.via; n; n = n.via) path.push(n); // `via` leads to other components: no cycle
  const names = path.length <= 5 ? path.map((n) => n.name)
    : [...path.slice(0, 3).map((n) => n.name), '…', path[path.length - 1].name];
  ctx.sink.add('KH-C061', head.span, M.chainTooLong({
    path: arrowPath(names), steps: path.length.toLocaleString('en'), depth: head.depth.toLocaleString('en'),
    limit: CHAIN_DEPTH_LIMIT.toLocaleString('en'),
  }));
}

export const chainsPass: Pass = {
  name: 'chains',
  run(ctx) {
    const nodes = graph(ctx);
    if (!nodes) return;
    measure(stronglyConnected(nodes.values()));
    // Report where a too-deep chain starts: at a node that no too-deep node of another component
    // depends on; one per component (its first in the source).
    const covered = new Set<Node>();
    for (const n of nodes.values()) {
      if (n.depth <= CHAIN_DEPTH_LIMIT) continue;
      for (const d of n.deps) if (d.scc !== n.scc) covered.add(d.scc!);
    }
    const heads = new Map<Node, Node>();
    for (const n of nodes.values()) {
      if (n.depth <= CHAIN_DEPTH_LIMIT || covered.has(n.scc!)) continue;
      const h = heads.get(n.scc!);
      if (!h || n.span.start < h.span.start) heads.set(n.scc!, n);
    }
    if (heads.size === 0) return;
    ctx.chainsTooDeep = true;
    for (const h of [...heads.values()].sort((a, b) => a.span.start - b.span.start)) report(ctx, h);
  },
};
