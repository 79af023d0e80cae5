// Pass `cycles`: lets, indicators, groups, tables and adjust must not depend on themselves (KH-C030).
// A group depends on its children; the others on the names their expressions (a table's entries) use. Strongly connected
// components (iterative Tarjan, so deep chains do not overflow the stack) of size > 1, or a node
// that uses itself, are reported once, at the first declaration in source order, naming the cycle.

import type { Name } from '../../ast.js';
import type { Pass } from '../context.js';
import { arrowPath, M } from '../messages.js';
import { sitesOf } from '../facts.js';
import { stronglyConnected, type TarjanNode } from '../tarjan.js';

interface Node extends TarjanNode<Node> { name: Name }

const node = (name: Name): Node => ({ name, deps: [], index: -1, low: -1, onStack: false, next: 0 });

export const cyclesPass: Pass = {
  name: 'cycles',
  run(ctx) {
    // The edges from expressions are the shared walk's references (facts.ts), each with the let,
    // adjust or indicator it occurs in. Group → child edges form a tree, so without a reference
    // there is no cycle and no graph to build.
    const refs = sitesOf(ctx).refs;
    if (refs.length === 0) return;
    const nodes = new Map<object, Node>();
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Let' || d.kind === 'Adjust' || d.kind === 'Table') nodes.set(d, node(d.name));
    }
    const placed = ctx.placed; // indexed loops: see CheckContext.placed
    for (let i = 0; i < placed.length; i++) nodes.set(placed[i].decl, node(placed[i].decl.name));
    for (let i = 0; i < placed.length; i++) { const p = placed[i]; if (p.parent) nodes.get(p.parent)!.deps.push(nodes.get(p.decl)!); }
    for (const s of refs) {
      const owner = s.owner && nodes.get(s.owner);
      const dep = owner && nodes.get(s.ref.decl);
      if (dep) owner.deps.push(dep);
    }
    // Only real cycles: a component of several nodes, or one node that refers to itself.
    const sccs = stronglyConnected(nodes.values()).filter((scc) => scc.length > 1 || scc[0].deps.includes(scc[0]));
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
      ctx.sink.add('KH-C030', first.name.span, M.cycle({ path: arrowPath([...path, first].map((n) => n.name.name)) }));
    }
  },
};
