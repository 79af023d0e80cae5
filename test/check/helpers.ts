// Test helpers: analyze a source and list its diagnostic codes or the types of its expressions; a fake
// IO for running commands.
import type { Expr } from '../../dsl/ast.js';
import { typeName } from '../../dsl/check/types.js';
import { analyze } from '../../dsl/index.js';
import { memoryIO } from '../memory-io.js';

export function codes(src: string): string[] {
  return analyze(src).diagnostics.map((d) => d.code);
}

export function diags(src: string) {
  return analyze(src).diagnostics;
}

/** Files from a map, `stdin` for `-` (see test/memory-io.ts). */
export const fakeIO = (files: Record<string, string>, stdin = '') => memoryIO(files, { stdin });

/** A minimal scheme around some declarations. */
export const wrap = (body: string) => `scheme 测试 {\n${body}\n}\n`;

const EXPR_KINDS = new Set(['Number', 'String', 'Bool', 'Name', 'Unary', 'Binary', 'In', 'If', 'Field', 'Index', 'Call',
  'Aggregate', 'Bands', 'Levels', 'Linear', 'Rate', 'Object', 'List', 'Error', 'Duration', 'Interval', 'CohortAgg']);

/** Every expression node of a tree, found by shape rather than by a walker that knows the grammar, so
 * a node kind the checker forgets to visit is still found (the reference-scheme tests read it). */
export function exprNodes(root: unknown): Expr[] {
  const out: Expr[] = [];
  const seen = new Set<object>();
  const walk = (o: unknown) => {
    if (!o || typeof o !== 'object' || seen.has(o)) return;
    seen.add(o);
    if (Array.isArray(o)) { o.forEach(walk); return; }
    const k = (o as { kind?: string }).kind;
    if (k && EXPR_KINDS.has(k) && 'span' in o) out.push(o as Expr);
    Object.values(o).forEach(walk);
  };
  walk(root);
  return out;
}

/** The checker's type name of each expression whose text is one of `texts`. */
export function typesOf(src: string, texts: string[]): Record<string, string> {
  const a = analyze(src);
  const out: Record<string, string> = {};
  for (const e of exprNodes(a.parsed.scheme)) {
    const text = src.slice(e.span.start, e.span.end);
    const t = a.checked!.types.get(e);
    if (texts.includes(text) && t) out[text] = typeName(t);
  }
  return out;
}
