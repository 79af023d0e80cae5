// Prepared (parsed, checked, compiled) schemes by source hash. Preparing is the expensive step of an
// evaluation; a version's source never changes under its hash, so the cache needs no invalidation,
// only a bound on its size (least recently used goes first).

import { createHash } from 'node:crypto';
import type { Diagnostic } from '../dsl/diagnostics.js';
import type { EngineApi, PreparedScheme } from '../engine/api.js';

export interface Prepared { value?: PreparedScheme; diagnostics: Diagnostic[] }

/** The text with lone UTF-16 surrogates replaced by U+FFFD. JSON escapes can carry them (`"\uD800"`)
 * but SQLite stores UTF-8 and replaces them itself, so an incoming source is normalized before it
 * is hashed, stored or analyzed: the hash then matches the text read back. (`toWellFormed` is
 * Node 20+, newer than the project's ES2022 lib types.) */
export const wellFormed = (text: string): string => (text as string & { toWellFormed(): string }).toWellFormed();

/** `sha256:<hex>` of the source text, as stored with every version. */
export const sourceHash = (source: string): string => 'sha256:' + createHash('sha256').update(source, 'utf8').digest('hex');

export class PreparedCache {
  private readonly entries = new Map<string, Prepared>();
  constructor(private readonly limit = 64) {}

  /** `source` is a string or, so that a hit never reads the text, a function returning it. */
  get(engine: EngineApi, source: string | (() => string), hash?: string): Prepared {
    hash ??= sourceHash(typeof source === 'string' ? source : source());
    const hit = this.entries.get(hash);
    if (hit) {
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return hit;
    }
    const prepared = engine.prepare(typeof source === 'string' ? source : source(), '<source>');
    this.entries.set(hash, prepared);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return prepared;
  }
}
