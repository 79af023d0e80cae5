// Strongly connected components of a reference graph, iteratively (Tarjan): a 2,000-let chain
// overflowed the recursive walks, so no graph walk of the checker may recurse along references.
// The bookkeeping lives on the nodes themselves (no Map lookups in the loop). Shared by the cycles
// pass (KH-C030) and the chain-depth pass (KH-C061).

/** A graph node with Tarjan's bookkeeping; create it with `index: -1, low: -1, onStack: false, next: 0`. */
export interface TarjanNode<N extends TarjanNode<N>> {
  deps: N[];
  index: number;
  low: number;
  onStack: boolean;
  next: number;
  /** Set to the component's root node when its component is found. */
  scc?: N;
}

/** Every component, each after every component it depends on (Tarjan's output order). */
export function stronglyConnected<N extends TarjanNode<N>>(nodes: Iterable<N>): N[][] {
  const stack: N[] = [], out: N[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (root.index >= 0) continue;
    const work: N[] = [root];
    root.index = root.low = counter++; stack.push(root); root.onStack = true;
    while (work.length) {
      const top = work[work.length - 1];
      if (top.next < top.deps.length) {
        const m = top.deps[top.next++];
        if (m.index < 0) {
          m.index = m.low = counter++; stack.push(m); m.onStack = true;
          work.push(m);
        } else if (m.onStack) top.low = Math.min(top.low, m.index);
        continue;
      }
      work.pop();
      if (work.length) { const p = work[work.length - 1]; p.low = Math.min(p.low, top.low); }
      if (top.low === top.index) {
        const scc: N[] = [];
        let m: N;
        do { m = stack.pop()!; m.onStack = false; m.scc = top; scc.push(m); } while (m !== top);
        out.push(scc);
      }
    }
  }
  return out;
}
