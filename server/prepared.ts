// Prepared (parsed, checked, compiled) schemes by source hash. Preparing is the expensive step of an
// evaluation; a version's source never changes under its hash, so the cache needs no invalidation,
// only a bound on its size: a bound in bytes, not entries (a prepared scheme of 10,000 indicators
// holds ≈50 MB, one of the reference schemes ≈0.25 MB), least recently used going first. Only
// schemes that prepared cleanly are kept: a failure is answered and forgotten (a 1.8 MB source of
// junk held ≈350 MB of diagnostics, and each new one added as much).
//
// The cache is shared by every organization, so none may hold more than OWNER_SHARE of it once it is
// full; and the event loop prepares only sources up to limits.mainPrepareMaxChars (preparesOnLoop):
// two 1.46 MB schemes evaluated in turn used to re-prepare on the loop at every request, the whole
// server stalled 4–8 s each time (hostile H5 F9). A longer source is prepared and evaluated in a
// language worker, which keeps its preparations in a cache of this class by their measured size
// (lang-pool/measured.ts).

import { createHash } from 'node:crypto';
import { hasErrors, type Diagnostic } from '../dsl/diagnostics.js';
import type { EngineApi, PreparedScheme } from '../engine/api.js';
import { DEFAULT_PREPARED_CACHE_BYTES } from './limits.js';
import { versionRefused } from './version-errors.js';

export interface Prepared { value?: PreparedScheme; diagnostics: Diagnostic[] }

/** The text with lone UTF-16 surrogates replaced by U+FFFD. JSON escapes can carry them (`"\uD800"`)
 * but SQLite stores UTF-8 and replaces them itself, so an incoming source is normalized before it
 * is hashed, stored or analyzed: the hash then matches the text read back. (`toWellFormed` is
 * Node 20+, newer than the project's ES2022 lib types.) */
export const wellFormed = (text: string): string => (text as string & { toWellFormed(): string }).toWellFormed();

/** `sha256:<hex>` of the source text, as stored with every version. */
export const sourceHash = (source: string): string => 'sha256:' + createHash('sha256').update(source, 'utf8').digest('hex');

/** Bytes a prepared scheme keeps alive per UTF-16 unit of its source, an over-estimate for the
 * sources the event loop prepares (≤ limits.mainPrepareMaxChars; longer ones are measured in the
 * worker, lang-pool/measured.ts). Measured 2026-12-06 (issue 16 session 6, load 12–13) with
 * `node --expose-gc`, 8 distinct copies prepared and held, heapUsed growth after forced collections
 * per copy per char (test/server/prepared-bytes-measure.ts, two runs): province-annual 4,007 chars
 * 103.9–104.5; quarterly-ballots 15,267 chars 41.1–41.7; a generated scheme of 380 indicators
 * (bench/gen-scheme.ts) 30,949 chars 61.5–61.6 — the small province scheme now keeps more than the
 * old estimate of 96 (session 5 measured 120 for a 1.46 MB generated one), so 120: ≈15% above the
 * highest. test/server/prepared-bytes.measure.test.ts checks all three stay below it. */
export const PREPARED_BYTES_PER_CHAR = 120;

/** The estimated memory a prepared scheme of this source keeps. */
export const preparedBytes = (sourceLength: number) => sourceLength * PREPARED_BYTES_PER_CHAR;

/** Share of a cache one owner (an organization) may fill while others have entries in it: beyond
 * it, the owner's own least recently used go first, so one organization's schemes cannot evict
 * everyone's (hostile H5 F9). */
export const OWNER_SHARE = 0.5;

/** Prepares a source and says what the result keeps alive. */
export type Preparer = (engine: EngineApi, text: string) => { prepared: Prepared; bytes: number };

/** The event loop's preparer: the estimate above (a forced collection to measure would hold the
 * loop longer than the preparation; the loop only prepares sources up to mainPrepareMaxChars). */
export const estimated: Preparer = (engine, text) => ({ prepared: engine.prepare(text, '<source>'), bytes: preparedBytes(text.length) });

interface Entry { prepared: Prepared; bytes: number; owner: number }

export class PreparedCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  private readonly owned = new Map<number, number>();
  constructor(private readonly maxBytes = DEFAULT_PREPARED_CACHE_BYTES, private readonly preparer: Preparer = estimated) {}

  /** Bytes held now, estimated or measured (never above the limit). */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether the scheme of this hash is cached (prepared cleanly). */
  has(hash: string): boolean {
    return this.entries.has(hash);
  }

  /** `source` is a string or, so that a hit never reads the text, a function returning it. `owner`:
   * the organization asking (its share is bounded, OWNER_SHARE); 0 when none is named. */
  get(engine: EngineApi, source: string | (() => string), hash?: string, owner = 0): Prepared {
    if (hash === undefined) {
      if (typeof source !== 'string') source = source();
      hash = sourceHash(source);
    }
    const hit = this.entries.get(hash);
    if (hit) {
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return hit.prepared;
    }
    const { prepared, bytes } = this.preparer(engine, typeof source === 'string' ? source : source());
    if (prepared.value && !hasErrors(prepared.diagnostics)) this.add(hash, { prepared, bytes, owner });
    return prepared;
  }

  private add(hash: string, e: Entry): void {
    if (e.bytes > this.maxBytes) return; // larger than the whole cache: answered, not kept
    this.entries.set(hash, e);
    this.count(e, 1);
    const share = this.maxBytes * OWNER_SHARE;
    while (this.total > this.maxBytes) {
      // The newcomer's owner pays first when it holds more than its share (its newest entry last).
      const own = (this.owned.get(e.owner) ?? 0) > share;
      const [key, victim] = [...this.entries].find(([, x]) => !own || x.owner === e.owner)!;
      this.entries.delete(key);
      this.count(victim, -1);
    }
  }

  private count(e: Entry, sign: 1 | -1): void {
    this.total += sign * e.bytes;
    const now = (this.owned.get(e.owner) ?? 0) + sign * e.bytes;
    if (now > 0) this.owned.set(e.owner, now);
    else this.owned.delete(e.owner);
  }
}

/** Whether the event loop prepares this version itself: cached, or its source short enough
 * (limits.mainPrepareMaxChars). A longer one — seconds of parsing, checking and code generation —
 * is prepared and evaluated in a language worker (server/evaluations/cohort-job.ts). */
export const preparesOnLoop = (cache: PreparedCache, hash: string, source: () => string, maxChars: number): boolean =>
  cache.has(hash) || source().length <= maxChars;

/** A stored version as the cache keeps it: its source's hash, the organization owning it (its share
 * of the cache) and its number (what a refusal names). */
export interface VersionKey { hash: string; owner: number; n: number }

/** The version prepared by the event loop, in its cache: the scheme, or the errors it does not
 * prepare with (one place for every route that prepares a stored version on the loop — evaluate,
 * the rounds' version-scheme.ts, the papers and statistics; whether the loop should is preparesOnLoop's). */
export function prepareHere(cache: PreparedCache, engine: EngineApi, v: VersionKey, source: string | (() => string)): { value: PreparedScheme } | { errors: Diagnostic[] } {
  const p = cache.get(engine, source, v.hash, v.owner);
  if (!p.value || hasErrors(p.diagnostics)) return { errors: p.diagnostics.filter((d) => d.severity === 'error') };
  return { value: p.value };
}

/** `prepareHere`, or 422 `invalid_scheme` "version n has errors" with its errors. */
export function preparedOrRefused(cache: PreparedCache, engine: EngineApi, v: VersionKey, source: string | (() => string)): PreparedScheme {
  const here = prepareHere(cache, engine, v, source);
  if ('errors' in here) throw versionRefused(v.n, here.errors);
  return here.value;
}
