// Prepared (parsed, checked, compiled) schemes by source hash. Preparing is the expensive step of an
// evaluation; a version's source never changes under its hash, so the cache needs no invalidation,
// only a bound on its size: a bound in bytes, not entries (a prepared scheme of 10,000 indicators
// holds ≈50 MB, one of the reference schemes ≈0.25 MB), least recently used going first. Only
// schemes that prepared cleanly are kept: a failure is answered and forgotten (a 1.8 MB source of
// junk held ≈350 MB of diagnostics, and each new one added as much).

import { createHash } from 'node:crypto';
import { hasErrors, type Diagnostic } from '../dsl/diagnostics.js';
import type { EngineApi, PreparedScheme } from '../engine/api.js';
import { DEFAULT_PREPARED_CACHE_BYTES } from './limits.js';

export interface Prepared { value?: PreparedScheme; diagnostics: Diagnostic[] }

/** The text with lone UTF-16 surrogates replaced by U+FFFD. JSON escapes can carry them (`"\uD800"`)
 * but SQLite stores UTF-8 and replaces them itself, so an incoming source is normalized before it
 * is hashed, stored or analyzed: the hash then matches the text read back. (`toWellFormed` is
 * Node 20+, newer than the project's ES2022 lib types.) */
export const wellFormed = (text: string): string => (text as string & { toWellFormed(): string }).toWellFormed();

/** `sha256:<hex>` of the source text, as stored with every version. */
export const sourceHash = (source: string): string => 'sha256:' + createHash('sha256').update(source, 'utf8').digest('hex');

/** Bytes a prepared scheme keeps alive per UTF-16 unit of its source, an over-estimate. Measured
 * with `node --expose-gc`, a fresh process per scheme: N distinct copies prepared and held, the
 * growth of heapUsed after forced collections divided by N — 61–76 bytes/char for the five
 * reference schemes, 66–68 for generated schemes (bench/gen-scheme.ts) of 100 and 1,000
 * indicators, 48 for 3,000, 62 for 10,000 — plus the source text itself (1–2 bytes/char).
 * test/server/limits.test.ts measures it again for the province scheme. */
export const PREPARED_BYTES_PER_CHAR = 96;

/** The estimated memory a prepared scheme of this source keeps. */
export const preparedBytes = (sourceLength: number) => sourceLength * PREPARED_BYTES_PER_CHAR;

interface Entry { prepared: Prepared; bytes: number }

export class PreparedCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  constructor(private readonly maxBytes = DEFAULT_PREPARED_CACHE_BYTES) {}

  /** Estimated bytes held now (never above the limit). */
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

  /** `source` is a string or, so that a hit never reads the text, a function returning it. */
  get(engine: EngineApi, source: string | (() => string), hash?: string): Prepared {
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
    const text = typeof source === 'string' ? source : source();
    const prepared = engine.prepare(text, '<source>');
    if (prepared.value && !hasErrors(prepared.diagnostics)) this.add(hash, prepared, preparedBytes(text.length));
    return prepared;
  }

  private add(hash: string, prepared: Prepared, bytes: number): void {
    if (bytes > this.maxBytes) return; // larger than the whole cache: answered, not kept
    this.entries.set(hash, { prepared, bytes });
    this.total += bytes;
    for (const [key, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(key);
      this.total -= e.bytes;
    }
  }
}
