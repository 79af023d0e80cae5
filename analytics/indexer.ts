// First-seen indexing by key, shared by facts.ts (units, items, actions of one result) and view.ts
// (the names of several rounds' facts merged into one period).

import type { ItemFact } from './types.js';

/** A list with first-seen indices by key. */
export class Indexer<T> {
  readonly list: T[] = [];
  readonly index = new Map<string, number>();
  constructor(private readonly key: (x: T) => string, initial: readonly T[] = []) {
    for (const x of initial) this.of(x);
  }
  of(x: T): number {
    const k = this.key(x);
    let i = this.index.get(k);
    if (i === undefined) { i = this.list.length; this.list.push(x); this.index.set(k, i); }
    return i;
  }
}

/** An item's identity: its kind, list and name. */
export const itemKey = (it: ItemFact): string => `${it.kind}\u0000${it.list}\u0000${it.item}`;
