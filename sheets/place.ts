// Placing a roster row's values into a subject's input: records and lists built from the columns'
// paths (`满意度评价.群众` into the ratings, `工作任务[2].名称` into the second task), then turned into
// plain objects and lists (roster.ts reads the cells; this builds the input from them). Keys are
// defined, not assigned, so a column called `__proto__` is a key like any other.

import { pathText, type Step } from './paths.js';

export class Rec { readonly m = new Map<string, unknown>(); }
export class Items { readonly m = new Map<number, unknown>(); }

export function place(root: Rec, steps: Step[], value: unknown): void {
  let at: Rec | Items = root;
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k];
    const key = 'name' in s ? s.name : s.index;
    const map = at.m as Map<string | number, unknown>;
    if (k === steps.length - 1) { map.set(key, value); return; }
    let next = map.get(key);
    if (!(next instanceof Rec || next instanceof Items)) map.set(key, (next = 'index' in steps[k + 1] ? new Items() : new Rec()));
    at = next as Rec | Items;
  }
}

export const define = (o: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** Rec → object, Items → a list of the items given, in order; gaps are recorded in `slots`. */
export function finish(v: unknown, path: Step[], slots: Map<string, number[]>): unknown {
  if (v instanceof Rec) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v.m) define(o, k, finish(x, [...path, { name: k }], slots));
    return o;
  }
  if (v instanceof Items) {
    const kept = [...v.m.keys()].sort((a, b) => a - b);
    if (kept.some((n, i) => n !== i)) slots.set(pathText(path), kept);
    return kept.map((n) => finish(v.m.get(n), [...path, { index: n }], slots));
  }
  return v;
}
