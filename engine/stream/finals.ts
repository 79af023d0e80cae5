// What pass 2 puts into a compiled competitor's spilled lines to make its result final (issue 16,
// session 9): its quota decisions' words, its rank, its `quota` note and its flags — the parts of
// codegen/competitor.ts finalOf as JSON text — worked out when the book has settled and kept as UTF-8
// bytes in one growable buffer, by entry number. Kept as the decisions themselves (a dozen objects
// a member), a million-subject cohort's ≈ 180,000 competitors were millions of objects that every
// major garbage collection of pass 2 marked; as strings, ≈ 200 MB of UTF-16 (the words hold Chinese
// grade names). The `quota` note's reason is its last decision's words: kept once, put in twice.

import type { Locale } from '../../dsl/i18n/index.js';
import type { Contender } from '../cohort.js';
import { finalOf } from '../codegen/competitor.js';
import { Column } from '../ranks.js';
import { rankMember } from './spill.js';

/** One entry's parts as byte views (valid until the next `add`): `words` the decisions' words as
 * JSON strings joined by commas; `rank` the rank member; `quota` the note as pieces, null when none;
 * `flags` the flags' JSON, null when none. */
export interface FinalText { words: Buffer; rank: Buffer; quota: (Buffer | string)[] | null; flags: Buffer | null }

/** Offsets an entry keeps: where its words, its last reason, its rank, its quota note's head (up to
 * its reason) and its flags start; it ends where the next entry starts. */
const PARTS = 5;

export class FinalTexts {
  private bytes: Buffer = null as unknown as Buffer; // stored twice: never a constant to V8 (ranks.ts Column)
  private used = 0;
  private readonly starts = new Column(new Int32Array(1024));

  constructor() { this.bytes = Buffer.allocUnsafe(1 << 20); }

  /** Records competitor `c`'s final parts in `lang` (finalOf); its entry number. Each reason is
   * stringified once and the parts written in as few pieces as their offsets allow (the rank member
   * is ASCII: its length in bytes is known) — at the settle of a million-subject cohort this runs for
   * each of its ≈ 180,000 competitors. */
  add(c: Contender, lang: Locale): number {
    const fin = finalOf(c, lang), k = this.starts.size / PARTS, reasons = fin.reasons, n = reasons.length;
    this.starts.push(this.used); // the words: each reason as JSON.stringify writes it, joined by commas …
    let head = '';
    for (let j = 0; j + 1 < n; j++) head += `${JSON.stringify(reasons[j])},`;
    if (head) this.put(head);
    this.starts.push(this.used); // … the last one kept apart: the `quota` note's reason too
    if (n) this.put(JSON.stringify(reasons[n - 1]));
    const rank = rankMember(fin.rank), q = fin.quota;
    this.starts.push(this.used);
    this.starts.push(this.used + rank.length); // ASCII: a byte a character
    // the note up to its reason, as JSON.stringify writes it (its keys in finalOf's order; rank and limit integers)
    this.put(q ? `${rank}{"grade":${JSON.stringify(q.grade)},"scope":${JSON.stringify(q.scope)},"demotedTo":${JSON.stringify(q.demotedTo)},"rank":${q.rank},"limit":${q.limit},"reason":` : rank);
    this.starts.push(this.used);
    if (fin.flags) this.put(JSON.stringify(fin.flags));
    return k;
  }

  /** Entry k's parts. */
  at(k: number): FinalText {
    const s = this.starts.data, o = k * PARTS, end = o + PARTS < this.starts.size ? s[o + PARTS] : this.used;
    const b = this.bytes, words = b.subarray(s[o], s[o + 2]), last = b.subarray(s[o + 1], s[o + 2]);
    return {
      words, rank: b.subarray(s[o + 2], s[o + 3]),
      quota: s[o + 4] > s[o + 3] ? [b.subarray(s[o + 3], s[o + 4]), last, '}'] : null,
      flags: end > s[o + 4] ? b.subarray(s[o + 4], end) : null,
    };
  }

  private put(text: string): void {
    if (this.used + text.length * 3 > this.bytes.length) { // a UTF-16 unit is at most 3 bytes of UTF-8
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + text.length * 3));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
  }
}
