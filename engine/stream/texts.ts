// Many short texts kept packed (issue 16): a million-subject cohort checks a million ids for
// uniqueness (ids.ts) and the roster reader keeps each subject's id to locate errors
// (sheets/node/roster-stream.ts). As strings in a Set or an array they are a million objects (and
// a Set's entries) that every garbage collection of pass 1 walks and copies; here their UTF-16
// code units lie one after another in one growable array, with where each starts, and — for the
// set — an open-addressing hash table of text numbers. Exact: texts are compared unit by unit.

import { Column } from '../ranks.js';

/** Texts by number, in the order pushed. */
export class PackedTexts {
  private units: Uint16Array = null as unknown as Uint16Array; // stored twice: never a constant to V8 (ranks.ts Column)
  private used = 0;
  /** Where text k starts in `units`; it ends where k + 1 starts (`used` for the last). */
  private readonly starts = new Column(new Int32Array(1024));

  constructor() { this.units = new Uint16Array(1 << 16); }

  get size(): number { return this.starts.size; }

  /** Appends `s`; its number. */
  push(s: string): number {
    const n = s.length;
    if (this.used + n > this.units.length) {
      const bigger = new Uint16Array(Math.max(this.units.length * 2, this.used + n));
      bigger.set(this.units.subarray(0, this.used));
      this.units = bigger;
    }
    for (let i = 0; i < n; i++) this.units[this.used + i] = s.charCodeAt(i);
    this.starts.push(this.used);
    this.used += n;
    return this.starts.size - 1;
  }

  private end(k: number): number { return k + 1 < this.starts.size ? this.starts.data[k + 1] : this.used; }

  /** Whether text k is `s`. */
  equals(k: number, s: string): boolean {
    const from = this.starts.data[k];
    if (this.end(k) - from !== s.length) return false;
    for (let i = 0; i < s.length; i++) if (this.units[from + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Text k as a string (a streamed cohort's competitors' ids at its settle: ≈ 180,000 of them). A
   * short text unit by unit (V8 makes a string under 13 units flat, not a tree of pieces), a longer
   * one through `apply` in pieces of 4096 units (a spread made an iterator: 3–4 times slower). */
  at(k: number): string {
    let s = '';
    const from = this.starts.data[k], end = this.end(k), units = this.units;
    if (end - from < 13) {
      for (let i = from; i < end; i++) s += String.fromCharCode(units[i]);
      return s;
    }
    for (let i = from; i < end; i += 4096) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
    return s;
  }

  all(): string[] { return Array.from({ length: this.size }, (_, k) => this.at(k)); }
}

/** FNV-1a over UTF-16 code units, from a random start per set (a roster cannot be made of ids that
 * all land in one slot). */
function hash(s: string, start: number): number {
  let h = start;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** A set of texts. */
export class TextSet {
  private readonly texts = new PackedTexts();
  /** Each text's hash, by number (the table grows without reading the texts again). */
  private readonly hashes = new Column(new Int32Array(1024));
  /** Text numbers + 1 by hash slot (0: empty), at most half full. */
  private table: Int32Array = null as unknown as Int32Array; // stored twice: never a constant to V8 (ranks.ts Column)
  private readonly start = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;

  constructor() { this.table = new Int32Array(1 << 12); }

  /** Adds `s`; false when it was there already. */
  add(s: string): boolean {
    const h = hash(s, this.start);
    if (this.find(s, h)) return false;
    const k = this.texts.push(s);
    this.hashes.push(h);
    if (2 * this.texts.size > this.table.length) this.grow();
    else this.place(this.table, h, k);
    return true;
  }

  has(s: string): boolean { return this.find(s, hash(s, this.start)); }

  private find(s: string, h: number): boolean {
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = this.table[slot];
      if (k === 0) return false;
      if (this.texts.equals(k - 1, s)) return true;
    }
  }

  private place(table: Int32Array, h: number, k: number): void {
    const mask = table.length - 1;
    let slot = h & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = k + 1;
  }

  /** Twice the table, every text placed again. */
  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    for (let k = 0; k < this.texts.size; k++) this.place(table, this.hashes.data[k], k);
    this.table = table;
  }
}
