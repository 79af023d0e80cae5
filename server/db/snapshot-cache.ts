// In-memory copies of rows the evaluate hot path reads on every request (the caller's token, the
// scheme, its latest published version), valid for one value of the database's generation counter
// (migration 0002: triggers bump it on every change to organizations, tokens, schemes and
// versions, whichever process or connection makes it). One indexed read of a one-row table per
// request replaces a sha256 and three queries, and a revoked token or a new version is seen by the
// very next request, as without the cache.
//
// On the store (issue 17) reads are asynchronous, and on PostgreSQL a row's read may still be on
// its way when another request's refresh has moved to a newer generation: a value is kept only if
// the generation is still the one it was asked under when it arrives, so no row read before a change
// is ever kept as valid after it.

import type { Log } from '../log.js';
import type { Sql, Store } from '../store/types.js';

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

const READ_GENERATION = 'SELECT n FROM generation WHERE id = 1';

/** The tables whose changes bump the generation counter (their triggers: SQLite's migrations 0002 and
 * 0007, PostgreSQL's 0001): the rows this cache holds come from them. */
export const CACHED_TABLES = ['organizations', 'tokens', 'accounts', 'schemes', 'scheme_versions'] as const;
const WRITES_CACHED = new RegExp(`\\b(?:INSERT\\s+INTO|UPDATE(?:\\s+ONLY)?|DELETE\\s+FROM(?:\\s+ONLY)?)\\s+(?:"?\\w+"?\\.)?"?(?:${CACHED_TABLES.join('|')})\\b`, 'i');

/** The longest refresh trusts what it heard without a read: a listening connection that died without
 * a word (a network partition drops no FIN; a pooler in transaction mode never delivers a notification)
 * is not heard as lost, and this bounds what it can hide (review H13). */
const MAX_TRUST_MS = 1000;

/** Whether a statement may change rows this cache holds (it writes one of CACHED_TABLES). */
export const touchesCached = (sql: string): boolean => WRITES_CACHED.test(sql);

export class SnapshotCache {
  private generation = -1;
  private readonly entries = new Map<string, unknown>();
  private total = 0;
  /** PostgreSQL (follow): whether every change is heard now, and the change signals so far and as of
   * the start of the latest read — equal: nothing may have changed since that read. */
  private hearing = false;
  private changes = 0;
  private readAt = -1;
  private readMs = 0;

  constructor(private readonly sql: Sql, private readonly maxBytes = DEFAULT_SNAPSHOT_CACHE_BYTES) {}

  /** On a store that tells of changes (PostgreSQL: Store.follow), refresh reads the counter only after
   * one — by another server (a notification, ≈ a millisecond after its commit) or by this process — or
   * once MAX_TRUST_MS passed, instead of once per turn. Only the evaluate fast lane refreshes so
   * (fast-lane.ts): its evaluation is checked against the counter again inside its commit
   * (evaluations/writer.ts), and a change another server made meanwhile sends it back to the app, which
   * reads the counter for every request (read). */
  follow(store: Store, log?: Log): this {
    let heardBefore = false;
    const hearing = (yes: boolean) => {
      // Said once per loss and once when back (an operator sees why the counter is read per turn).
      if (!yes && this.hearing) log?.({ level: 'warn', msg: 'not hearing database changes; reading the generation counter per turn until reconnected' });
      if (yes && !this.hearing && heardBefore) log?.({ msg: 'hearing database changes again' });
      heardBefore ||= yes;
      this.hearing = yes;
      this.changes++; // what happened while it was not heard (or until it was) is not known
    };
    store.follow?.({ changed: () => void this.changes++, hearing }, touchesCached);
    return this;
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

  /** The counter as `read` gives it, without reading it while nothing may have changed since the last
   * read (follow): the evaluate fast lane's, whose evaluations are checked again at their commit. */
  async refresh(): Promise<number> {
    if (this.hearing && this.readAt === this.changes && performance.now() - this.readMs < MAX_TRUST_MS) return this.generation;
    return this.read();
  }

  /** Reads the counter and forgets everything if it moved: every request but the fast lane's
   * evaluations does, before its first `get` (authentication does), so a change made while it runs is
   * seen by the next one and entries loaded meanwhile are dropped then. `sql`: a transaction to read it
   * in (the writer's, as its commit will find it), `lock` a row lock to read it with there
   * (dialect.ts); default the store, no lock. Resolves to the value read. */
  async read(sql: Sql = this.sql, lock = ''): Promise<number> {
    const asked = this.changes;
    const g = (await sql.get<{ n: number }>(READ_GENERATION + lock))!.n;
    // A read begun before a later one's change signal is not kept over it; and what changed after
    // the read began is not known to be in it: the next refresh reads again.
    if (asked >= this.readAt) {
      this.seen(g);
      this.readAt = asked;
      this.readMs = performance.now();
    }
    return g;
  }

  /** The counter's value `g`, read by the caller: the entries are dropped if it moved. */
  private seen(g: number): void {
    if (g !== this.generation) {
      this.clear();
      this.generation = g;
    }
  }

  /** The cached value of `key`, or `load()`'s when it is not undefined (misses are not kept, so
   * unknown keys cannot fill the cache and a row created later is found). */
  get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.entries.get(key) as T | undefined;
    // A hit is settled at once (no async function's machinery: every request asks three times).
    return hit !== undefined ? Promise.resolve(hit) : this.loaded(key, load);
  }

  private async loaded<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const asked = this.generation;
    const value = await load();
    // A refresh meanwhile may have seen a change this value was read before: not kept.
    if (value !== undefined && asked === this.generation) {
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
