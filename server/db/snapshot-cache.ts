// In-memory copies of rows the evaluate hot path reads on every request (the caller's token, the
// scheme, its latest published version), valid for one value of the database's generation counter
// (migration 0002: triggers bump it on every change to organizations, tokens, schemes and
// versions, whichever process or connection makes it). One indexed read of a one-row table per
// request replaces a sha256 and three queries, and a revoked token or a new version is seen by the
// very next request, as without the cache.

import type Database from 'better-sqlite3';

/** Entries kept, and their estimated bytes, before the cache starts over (a bound against callers
 * sending many keys). The values are small rows (a principal, a scheme row, a version reference
 * without its source): 10,000 of them are a few MB. */
const LIMIT = 10_000;
export const DEFAULT_SNAPSHOT_CACHE_BYTES = 16 * 1024 * 1024;

/** A rough size of a cached key and row: 2 bytes per UTF-16 unit of text, 8 per number, a fixed
 * overhead per object and entry; nested objects and arrays counted alike (rows are flat). */
export function approxBytes(v: unknown, depth = 0): number {
  if (typeof v === 'string') return 16 + 2 * v.length;
  if (typeof v !== 'object' || v === null) return 8;
  if (depth > 4) return 64;
  let n = 32;
  for (const x of Array.isArray(v) ? v : Object.values(v)) n += 8 + approxBytes(x, depth + 1);
  return n;
}

export class SnapshotCache {
  private readonly readGeneration: Database.Statement<[], number>;
  private generation = -1;
  private readonly entries = new Map<string, unknown>();
  private total = 0;

  constructor(sqlite: Database.Database, private readonly maxBytes = DEFAULT_SNAPSHOT_CACHE_BYTES) {
    this.readGeneration = sqlite.prepare<[], number>('SELECT n FROM generation WHERE id = 1').pluck();
  }

  /** Estimated bytes held now. */
  get bytes(): number {
    return this.total;
  }

  /** The generation counter's value at the last refresh, which the entries are valid for (-1: none
   * yet). The evaluate fast lane records it for a request it checked without a refresh of its own,
   * and the evaluations writer stores that request only if it is still the database's (writer.ts). */
  get checkedAt(): number {
    return this.generation;
  }

  /** Forgets everything if the database changed since the last call. Every request calls it once,
   * before its first `get` (authentication does): a change made while the request runs is then
   * seen by the next one, and entries loaded meanwhile are dropped by that next refresh. */
  refresh(): void {
    const g = this.readGeneration.get()!;
    if (g !== this.generation) {
      this.clear();
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
      const bytes = approxBytes(key) + approxBytes(value);
      if (bytes > this.maxBytes) return value;
      if (this.entries.size >= LIMIT || this.total + bytes > this.maxBytes) this.clear();
      this.entries.set(key, value);
      this.total += bytes;
    }
    return value;
  }

  private clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
