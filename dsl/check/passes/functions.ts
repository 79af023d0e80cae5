// Pass `functions`: what needs every function of the scheme at once (issue 12). No recursion,
// direct or through other functions (KH-C081): the calls between function bodies form a graph whose
// strongly connected components (tarjan.ts) of several functions, or of one calling itself, are
// reported once each, at the first function in source order, naming the cycle. Functions nothing
// calls (KH-C085) and parameters a body never names (KH-C086) are warnings, like unused inputs.
// Calls are read off the syntax (a call's name that declares a function), so a cycle is found even
// where typing stopped early.

import type { FunctionDecl, Name } from '../../ast.js';
import type { Pass } from '../context.js';
import { arrowPath, M } from '../messages.js';
import { signaturesOf } from '../infer/functions.js';
import { stronglyConnected, type TarjanNode } from '../tarjan.js';
import { visit } from '../walk.js';

interface Node extends TarjanNode<Node> { name: Name }

/** A shortest real cycle from `first` back to it inside its component (breadth first, calls in
 * source order): every arrow of the path is a call the body makes. */
function cycleThrough(first: Node, inScc: ReadonlySet<Node>): Node[] {
  const from = new Map<Node, Node>();
  const queue = [first];
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i];
    if (cur.deps.includes(first)) {
      const path = [cur];
      while (path[0] !== first) path.unshift(from.get(path[0])!);
      return path;
    }
    for (const x of cur.deps) if (inScc.has(x) && x !== first && !from.has(x)) { from.set(x, cur); queue.push(x); }
  }
  return [first]; // not reached: a component of several functions has a cycle through each of them
}

export const functionsPass: Pass = {
  name: 'functions',
  run(ctx) {
    const fns: FunctionDecl[] = [];
    for (const d of ctx.scheme.decls) if (d.kind === 'Function') fns.push(d);
    if (fns.length === 0) return;
    const nodes = new Map<FunctionDecl, Node>();
    for (const d of fns) nodes.set(d, { name: d.name, deps: [], index: -1, low: -1, onStack: false, next: 0 });
    for (const d of fns) {
      const node = nodes.get(d)!;
      visit(d.body, (e) => {
        if (e.kind !== 'Call') return;
        const s = ctx.symbols.names.get(e.callee.name);
        const callee = s?.kind === 'function' ? nodes.get(s.decl) : undefined;
        if (callee && !node.deps.includes(callee)) node.deps.push(callee);
      });
    }
    for (const scc of stronglyConnected(nodes.values())) {
      if (scc.length === 1 && !scc[0].deps.includes(scc[0])) continue;
      const inScc = new Set(scc);
      const first = scc.reduce((a, b) => (b.name.span.start < a.name.span.start ? b : a));
      if (scc.length === 1) { ctx.sink.add('KH-C081', first.name.span, M.recursiveSelf({ name: first.name.name })); continue; }
      const path = cycleThrough(first, inScc);
      ctx.sink.add('KH-C081', first.name.span, M.recursiveCycle({ path: arrowPath([...path, first].map((n) => n.name.name)) }));
    }
    const sigs = signaturesOf(ctx);
    for (const d of fns) {
      const s = ctx.symbols.names.get(d.name.name);
      if (s?.kind === 'function' && s.decl === d && !ctx.used.has(s)) ctx.sink.add('KH-C085', d.name.span, M.unusedFunction({ name: d.name.name }));
      const sig = sigs.get(d);
      // (not for a parameter already reported: declared twice, KH-C083 — the body's name reads the
      // first — or of a type refused, KH-C084)
      if (sig) d.params.forEach((p, i) => {
        if (sig.used[i] || sig.params[i].kind === 'error' || d.params.findIndex((q) => q.name.name === p.name.name) !== i) return;
        ctx.sink.add('KH-C086', p.name.span, M.unusedParam({ name: p.name.name, fn: d.name.name }));
      });
    }
  },
};
