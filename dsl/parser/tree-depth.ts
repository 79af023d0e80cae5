// The exact depth of a parsed tree, measured without recursion. Operator chains (`a + b + …`,
// `- - … x`) build deep trees without deep parser recursion, and the checker, formatter and
// engine walk trees recursively: a tree deeper than TREE_DEPTH_LIMIT is refused (KH-P008) before
// any of them sees it. parse() calls this only when the parser's counters say the depth may exceed
// the limit, so ordinary schemes never pay for the walk.

import type { Span } from '../ast.js';

/** Deepest tree the later stages accept; a cold process handles about 3,000. */
export const TREE_DEPTH_LIMIT = 500;

interface Node { kind: string; span: Span }
const isNode = (v: unknown): v is Node =>
  typeof v === 'object' && v !== null && typeof (v as Node).kind === 'string' && typeof (v as Node).span === 'object';

/** The first node found deeper than `limit` below `root`, or undefined. Nodes are objects with `kind`
 * and `span`; arrays and other objects (table entries, bands, rule items, fields…) are looked
 * through: they hold expressions too. */
export function tooDeep(root: object, limit = TREE_DEPTH_LIMIT): Node | undefined {
  const nodes: unknown[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const v = nodes.pop()!;
    let d = depths.pop()!;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) { nodes.push(x); depths.push(d); }
      continue;
    }
    if (isNode(v) && ++d > limit) return v;
    for (const key in v as object) {
      if (key === 'span') continue;
      const x = (v as Record<string, unknown>)[key];
      if (typeof x === 'object' && x !== null) { nodes.push(x); depths.push(d); }
    }
  }
  return undefined;
}
