// The `given { … }` object of an example: one top-level entry per line. A nested list that holds
// records or lists is printed one item per line (each item by the same rule), and so is a record
// that holds such a list; everything else stays inline (`{ 上级: [95], 同级: [90, 92] }`).
// The rule depends only on the tree's shape, so the layout is deterministic and idempotent. An entry
// longer than the width wraps like any expression (after the `,` of its lists and records).

import type { Expr, ObjectLit } from '../ast.js';
import { expr } from './expr.js';
import type { Printer } from './decls.js';

export function multiline(e: Expr): boolean {
  if (e.kind === 'List') return e.items.some((i) => i.kind === 'Object' || i.kind === 'List');
  if (e.kind === 'Object') return e.entries.some((en) => multiline(en.value));
  return false;
}

/** `prefix` is `key: ` (or '' for a list item); `start` the source offset of the entry. */
function value(prefix: string, v: Expr, ind: number, start: number, comma: string, p: Printer): void {
  const { out, c } = p;
  if (!multiline(v)) {
    out.add(ind, [prefix, expr(v, c), comma], start, v.span.end);
    return;
  }
  const list = v.kind === 'List';
  out.add(ind, `${prefix}${list ? '[' : '{'}`, start, v.span.start + 1, { open: true });
  children(v, ind + 1, p);
  out.add(ind, `${list ? ']' : '}'}${comma}`, v.span.end - 1, v.span.end, { close: true });
}

function children(v: Expr, ind: number, p: Printer): void {
  if (v.kind === 'List') {
    v.items.forEach((it, i) => value('', it, ind, it.span.start, i < v.items.length - 1 ? ',' : '', p));
  } else if (v.kind === 'Object') {
    v.entries.forEach((en, i) =>
      value(`${p.c.name(en.key.name)}: `, en.value, ind, en.span.start, i < v.entries.length - 1 ? ',' : '', p));
  }
}

export function givenBlock(g: ObjectLit, ind: number, p: Printer): void {
  const kw = p.c.kw('given');
  if (g.entries.length === 0) {
    p.out.add(ind, `${kw} {}`, g.span.start, g.span.end);
    return;
  }
  p.out.add(ind, `${kw} {`, g.span.start, g.span.start + 1, { open: true });
  children(g, ind + 1, p);
  p.out.add(ind, '}', g.span.end - 1, g.span.end, { close: true });
}
