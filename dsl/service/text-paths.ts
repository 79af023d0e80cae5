// Reading names out of the text before the cursor, for completion: dotted paths (`t.难度`), their
// declared types through inputs, binders and record fields, the aggregate binders of the enclosing
// parentheses, the keys of a `given` block. Text-based on purpose: the code being completed is
// unfinished, so the tree may not hold it.

import type { TypeExpr } from '../ast.js';
import type { Env } from './candidates.js';
import type { CursorContext } from './context.js';
import type { Tok } from './scan.js';
import { elementOf, fieldsOf } from './targets.js';

/** The declared type at a `given` path: input, then fields, `[]` for list elements. */
export function typeOfGivenPath(path: string[], env: Env): TypeExpr | undefined {
  let t: TypeExpr | undefined = env.syms!.inputs.get(path[0] ?? '')?.type;
  for (const step of path.slice(1)) {
    if (step === '[]') { t = t?.kind === 'ListType' ? t.element : undefined; continue; }
    const m = fieldsOf(t, env.syms!).find((f) => f.name === step);
    t = m?.kind === 'field' ? m.field.type : undefined;
  }
  return t;
}

/** Keys already written at the top level of the current block (`key:` pairs). */
export function keysInBlock(toks: readonly Tok[], ctx: CursorContext): Set<string> {
  const used = new Set<string>();
  let depth = 0;
  for (let i = ctx.block.open + 1; i < toks.length; i++) {
    const t = toks[i];
    if (t.p === '{' || t.p === '[' || t.p === '(') depth++;
    else if (t.p === '}' || t.p === ']' || t.p === ')') { if (depth-- === 0) break; }
    else if (depth === 0 && t.p === ':' && toks[i - 1]?.kind === 'ident' && toks[i - 1].end <= ctx.from) used.add(toks[i - 1].text);
  }
  return used;
}

/** `a.b.c` ending at token index `end`, as names (empty if that is not a name path). */
export function pathEndingAt(toks: readonly Tok[], end: number): string[] {
  const out: string[] = [];
  let j = end;
  while (j >= 0 && toks[j].kind === 'ident') {
    out.unshift(toks[j].text);
    if (toks[j - 1]?.p !== '.') break;
    j -= 2;
  }
  return out;
}

/** The declared type of a name path: an input or binder, then record fields. */
export function resolvePath(path: string[], binders: Map<string, string[]>, env: Env, depth = 0): TypeExpr | undefined {
  if (!env.syms || path.length === 0 || depth > 8) return undefined;
  const b = binders.get(path[0]);
  let t = b ? elementOf(resolvePath(b, binders, env, depth + 1)) : env.syms.inputs.get(path[0])?.type;
  for (const step of path.slice(1)) {
    const m = fieldsOf(t, env.syms).find((f) => f.name === step);
    t = m?.kind === 'field' ? m.field.type : undefined;
  }
  return t;
}

/** Aggregate binders of the parentheses around the cursor: `avg(t in 工作任务 … |` → t ∈ 工作任务. */
export function bindersInScope(toks: readonly Tok[], ctx: CursorContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const b of ctx.blocks) {
    if (b.kind !== 'paren') continue;
    const name = toks[b.open + 1], kwIn = toks[b.open + 2];
    if (name?.kind !== 'ident' || kwIn?.kw !== 'in' || kwIn.end > ctx.from) continue;
    const list: string[] = [];
    for (let k = b.open + 3; toks[k]?.kind === 'ident'; k += 2) {
      list.push(toks[k].text);
      if (toks[k + 1]?.p !== '.') break;
    }
    out.set(name.text, list);
  }
  return out;
}
