// Pass `cycles`: lets, indicators, groups and adjust must not depend on themselves (KH-C030). A group
// depends on its children; the others on the names their expressions use. Strongly connected
// components (iterative Tarjan, so deep chains do not overflow the stack) of size > 1, or a node
// that uses itself, are reported once, at the first declaration in source order, naming the cycle.

import type { Expr, Name } from '../../ast.js';
import type { Pass } from '../context.js';
import { visit } from '../walk.js';

interface Node { name: Name; exprs: Expr[]; deps: Node[]; index: number; low: number; onStack: boolean }

const node = (name: Name, exprs: Expr[]): Node => ({ name, exprs, deps: [], index: -1, low: -1, onStack: false });

export const cyclesPass: Pass = {
  name: 'cycles',
  run(ctx) {
    const nodes = new Map<object, Node>();
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Let' || d.kind === 'Adjust') nodes.set(d, node(d.name, [d.value]));
    }
    for (const p of ctx.placed) {
      const d = p.decl;
      nodes.set(d, node(d.name, d.kind === 'Indicator' ? [d.value, ...(d.range ? [d.range.lo, d.range.hi] : [])] : []));
    }
    for (const p of ctx.placed) if (p.parent) nodes.get(p.parent)!.deps.push(nodes.get(p.decl)!);
    let owner: Node;
    const edge = (x: Expr) => {
      if (x.kind !== 'Name') return;
      const r = ctx.refs.get(x);
      if (r && (r.kind === 'let' || r.kind === 'adjust' || r.kind === 'indicator' || r.kind === 'group')) {
        const dep = nodes.get(r.decl);
        if (dep) owner.deps.push(dep);
      }
    };
    for (const n of nodes.values()) { owner = n; for (const e of n.exprs) visit(e, edge); }
    // Iterative Tarjan, with its bookkeeping on the nodes (no Map lookups in the loop).
    const stack: Node[] = [];
    let counter = 0;
    const sccs: Node[][] = [];
    for (const root of nodes.values()) {
      if (root.index >= 0) continue;
      const work: { n: Node; i: number }[] = [{ n: root, i: 0 }];
      root.index = root.low = counter++; stack.push(root); root.onStack = true;
      while (work.length) {
        const top = work[work.length - 1];
        if (top.i < top.n.deps.length) {
          const m = top.n.deps[top.i++];
          if (m.index < 0) {
            m.index = m.low = counter++; stack.push(m); m.onStack = true;
            work.push({ n: m, i: 0 });
          } else if (m.onStack) top.n.low = Math.min(top.n.low, m.index);
          continue;
        }
        work.pop();
        if (work.length) { const p = work[work.length - 1].n; p.low = Math.min(p.low, top.n.low); }
        if (top.n.low === top.n.index) {
          const scc: Node[] = [];
          let m: Node;
          do { m = stack.pop()!; m.onStack = false; scc.push(m); } while (m !== top.n);
          if (scc.length > 1 || top.n.deps.includes(top.n)) sccs.push(scc);
        }
      }
    }
    for (const scc of sccs) {
      const inScc = new Set(scc);
      const first = scc.reduce((a, b) => (b.name.span.start < a.name.span.start ? b : a));
      // Follow the cycle from the first node for the message.
      const path = [first];
      let cur = first;
      for (;;) {
        const next = cur.deps.find((d) => inScc.has(d) && (d === first || !path.includes(d)))!;
        if (next === first || !next) break;
        path.push(next); cur = next;
      }
      ctx.sink.add('KH-C030', first.name.span, `cyclic reference: ${[...path, first].map((n) => n.name.name).join(' → ')}`);
    }
  },
};
