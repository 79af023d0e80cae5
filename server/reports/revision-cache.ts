// The parsed revision behind a round's papers, kept for the next request (hostile F1). Every paper
// of a 10,000-person round read its revision again on the event loop — the 6.5 MB result parsed,
// the facts computed, the inputs parsed: 0.5–0.7 s — so sixteen 公示名单 at once still held the loop
// 6 s even with the documents built in a worker. A revision never changes once stored, so what is
// made of it is a function of (round, revision, version) and the roster's units (the facts group by
// them; the roster can change without a new revision): that is the key. The last two are kept (a
// big round's parsed result is tens of MB), per store, so apps of one process never share them
// (server/kept.ts). Made from reads of the store (asynchronous, issue 17): two requests missing
// the same key at once share one making (`making`), or both would parse the same megabytes.

import { createHash } from 'node:crypto';
import { keptPer } from '../kept.js';

const keptIn = keptPer<unknown>(2);
/** What is being made, per owner and key; a failed making is forgotten (the next request tries again). */
const making = new WeakMap<object, Map<string, Promise<unknown>>>();

/** `make()`'s value for `key` in `owner`'s cache (the app's store), made on a miss; the least
 * recently used goes first. */
export async function memoRevision<T>(owner: object, key: string, make: () => Promise<T>): Promise<T> {
  const kept = keptIn(owner);
  const hit = kept.get(key);
  if (hit !== undefined) return hit as T;
  let inFlight = making.get(owner);
  if (!inFlight) making.set(owner, (inFlight = new Map()));
  const pending = inFlight.get(key);
  if (pending) return pending as Promise<T>;
  const made = make().then((value) => kept.set(key, value) as T);
  inFlight.set(key, made);
  try {
    return await made;
  } finally {
    inFlight.delete(key);
  }
}

/** A revision's key: the round, its revision and version, and a digest of the roster's units. */
export function revisionKey(round: { id: string; revision: number; versionId: number }, unitOf: ReadonlyMap<string, string | null>): string {
  const units = createHash('sha256');
  for (const [subject, unit] of unitOf) units.update(`${subject}\u0000${unit ?? '\u0001'}\u0002`);
  return `${round.id}#${round.revision}#${round.versionId}#${units.digest('base64')}`;
}
