// What a few server paths keep of a stored version or revision for the next request — the papers'
// view of a version (reports/paper-scheme.ts), a worker-prepared version's plain view
// (rounds/version-scheme.ts), a round's parsed revision (reports/revision-cache.ts): a bounded map,
// the least recently used entry dropped first, one per app (keyed by an object the app owns — its
// database, its prepared-scheme cache — so apps of one process never share entries, and a closed
// app's entries go with it). One implementation: the three kept their own copies of it before.

/** At most `max` entries; reading one makes it the most recently used. */
export class Kept<V> {
  private readonly entries = new Map<string, V>();
  constructor(readonly max: number) {}

  get size(): number { return this.entries.size; }

  /** The entry for `key` (now the most recently used), or undefined. */
  get(key: string): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Keeps `value` as the most recently used entry for `key`, dropping the oldest beyond `max`. */
  set(key: string, value: V): V {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** The entry for `key`, made by `make()` and kept on a miss. */
  memo(key: string, make: () => V): V {
    return this.entries.has(key) ? this.get(key)! : this.set(key, make());
  }
}

/** A Kept of `max` entries per owner, made on its first use. */
export function keptPer<V>(max: number): (owner: object) => Kept<V> {
  const all = new WeakMap<object, Kept<V>>();
  return (owner) => {
    let kept = all.get(owner);
    if (!kept) all.set(owner, (kept = new Kept<V>(max)));
    return kept;
  };
}
