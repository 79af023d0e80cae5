// The parsed revision behind a round's papers, kept for the next request (hostile F1). Every paper
// of a 10,000-person round read its revision again on the event loop — the 6.5 MB result parsed,
// the facts computed, the inputs parsed: 0.5–0.7 s — so sixteen 公示名单 at once still held the loop
// 6 s even with the documents built in a worker. A revision never changes once stored, so what is
// made of it is a function of (round, revision, version) and the roster's units (the facts group by
// them; the roster can change without a new revision): that is the key. The last two are kept (a
// big round's parsed result is tens of MB), per database, so apps of one process never share them
// (server/kept.ts).

import { createHash } from 'node:crypto';
import { keptPer } from '../kept.js';

const keptIn = keptPer<unknown>(2);

/** `make()`'s value for `key` in `db`'s cache, made on a miss; the least recently used goes first. */
export function memoRevision<T>(db: object, key: string, make: () => T): T {
  return keptIn(db).memo(key, make) as T;
}

/** A revision's key: the round, its revision and version, and a digest of the roster's units. */
export function revisionKey(round: { id: string; revision: number; versionId: number }, unitOf: ReadonlyMap<string, string | null>): string {
  const units = createHash('sha256');
  for (const [subject, unit] of unitOf) units.update(`${subject}\u0000${unit ?? '\u0001'}\u0002`);
  return `${round.id}#${round.revision}#${round.versionId}#${units.digest('base64')}`;
}
