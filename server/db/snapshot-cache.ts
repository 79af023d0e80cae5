// In-memory copies of rows the evaluate hot path reads on every request (the caller's token, the
// scheme, its latest published version), valid for one value of the database's generation counter
// (migration 0002: triggers bump it on every change to organizations, tokens, schemes and
// versions, whichever process or connection makes it). One indexed read of a one-row table per
// request replaces a sha256 and three queries, and a revoked token or a new version is seen by the
// very next request, as without the cache.

import type Database from 'better-sqlite3';

/** Entries kept before the cache starts over (a bound against callers sending many keys). */
const LIMIT = 10_000;

export class SnapshotCache {
  private readonly readGeneration: Database.Statement<[], number>;
  private generation = -1;
  private readonly entries = new Map<string, unknown>();

  constructor(sqlite: Database.Database) {
    this.readGeneration = sqlite.prepare<[], number>('SELECT n FROM generation WHERE id = 1').pluck();
  }

  /** Forgets everything if the database changed since the last call. Every request calls it once,
   * before its first `get` (authentication does): a change made while the request runs is then
   * seen by the next one, and entries loaded meanwhile are dropped by that next refresh. */
  refresh(): void {
    const g = this.readGeneration.get()!;
    if (g !== this.generation) {
      this.entries.clear();
      this.generation = g;
    }
  }

  /** The cached value of `key`, or `load()`'s when it is not undefined (misses are not kept, so
   * unknown keys cannot fill the cache and a row created later is found). */
  get<T>(key: string, load: () => T | undefined): T | undefined {
    const hit = this.entries.get(key) as T | undefined;
    if (hit !== undefined) return hit;
    const value = load();
    if (value !== undefined) {
      if (this.entries.size >= LIMIT) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
