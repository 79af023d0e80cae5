// The results of pass 1, kept on disk until pass 2 writes them in input order. A subject that cannot
// compete for a quota grade has its final result after its own evaluation, except its rank (known
// when everyone is ranked); a compiled competitor has its provisional one (stream/compiled.ts). Each
// is written as its JSON text with `"rank":null` in the rank's place, one line per subject, so pass 2
// puts the rank in by text, without evaluating or parsing it again. The placeholder is found by
// text: in JSON a quote inside a string is always escaped, so `,"rank":null,` can only be the key
// itself (the keys before it — scheme, subject, display of texts, period, cohort — hold no `rank`
// with a null value), and JSON.stringify escapes every control character, so a newline ends a line.
// Pass 2 copies most lines to the results as bytes (issue 16): the placeholder found in the bytes,
// the rank's text put between the two parts, nothing decoded or encoded again (`rankedPieces`).
// The spill is cut into segment files of about SEGMENT_BYTES, and pass 2 removes each one as soon as
// it has read it: the results it writes then go into the memory those pages just left. A page the
// system has not used for a while costs several times more to write into than one freed a moment ago
// (this VM: 1 GB written into fresh pages 1.3–1.9 s of system time, into pages freed just before
// 0.14 s), and a cohort's spill is as big as its results — with one spill file, a million-subject
// cohort wrote its results into fresh pages too, ≈ 5 s more than the single evaluations writing the same
// results (issue 16, session 9). The disk holds less of the spill as pass 2 goes, too.

import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { BufferedWriter } from './buffered.js';
import type { Rank } from '../api.js';

const PLACE = ',"rank":null,';

/** A result's spilled line: its JSON with the rank left null (`result` has a rank key, any value). */
export function unranked(result: object): string {
  return JSON.stringify({ ...result, rank: null });
}

const PLACE_BYTES = Buffer.from(PLACE, 'latin1');

/** A result's `rank` member, as JSON.stringify writes it (here between two members; compiled.ts keptPieces elsewhere). */
export const rankMember = (rank: Rank): string => `"rank":{"overall":${rank.overall},"cohort":${rank.cohort}}`;

/** Where a spilled line's placeholder is, how many bytes it is, and the rank's text to put there. */
export function rankSplice(line: Buffer, rank: Rank): { at: number; cut: number; text: string } {
  const at = line.indexOf(PLACE_BYTES);
  if (at < 0) throw new Error('a spilled result without its rank');
  return { at, cut: PLACE_BYTES.length, text: `,${rankMember(rank)},` };
}

/** A result's text from its pieces (rankedPieces, compiled.ts keptPieces): each piece of bytes is
 * cut at an ASCII character, so decoded alone. */
export function textOf(pieces: (Buffer | string)[]): string {
  let s = '';
  for (const p of pieces) s += typeof p === 'string' ? p : p.toString('utf8');
  return s;
}

/** A spilled line (its UTF-8 bytes) with its rank put in, as the pieces of its text: the bytes
 * before the placeholder, the rank, the bytes after it (views of `line`, not copies). */
export function rankedPieces(line: Buffer, rank: Rank): [Buffer, string, Buffer] {
  const { at, cut, text } = rankSplice(line, rank);
  return [line.subarray(0, at), text, line.subarray(at + cut)];
}

/** About how many bytes a spill segment holds (a line is never split: a segment ends after one). */
export const SEGMENT_BYTES = 32 << 20;

/** Segment k of the spill at `path`. */
const segmentPath = (path: string, k: number): string => `${path}.${k}`;

/** Appends lines to the spill, segment after segment (buffered.ts). */
export class SpillWriter {
  private file: BufferedWriter;
  private count = 1;
  /** The segments written before the current one, still being closed. */
  private readonly closing: Promise<void>[] = [];
  /** The writers' spare buffers, one list for all (buffered.ts). */
  private readonly spare: Buffer[] = [];

  constructor(readonly path: string, private readonly segmentBytes = SEGMENT_BYTES) { this.file = this.open(0); }

  /** How many segments there are (`SpillReader` reads them all). */
  get segments(): number { return this.count; }

  add(line: string): void | Promise<void> {
    if (this.file.written >= this.segmentBytes) this.next();
    return this.file.write(`${line}\n`);
  }

  async close(): Promise<void> { await Promise.all([...this.closing, this.file.end()]); }

  private next(): void {
    const ended = this.file.end();
    ended.catch(() => undefined); // awaited by close(), which reports its error
    this.closing.push(ended);
    this.file = this.open(this.count++);
  }

  private open(k: number): BufferedWriter { return new BufferedWriter(segmentPath(this.path, k), 0o600, this.spare); } // everyone's results: this user's only
}

/** The spilled lines in order, read in large chunks into one buffer that is used again (a fresh
 * buffer per chunk is external memory V8 collects: in a million-subject cohort more than the
 * reading) and split at newlines; read synchronously — temporary files of our own, read once, each
 * segment removed once read (see above). `close` releases the file before its folder is removed. */
export class SpillReader {
  private fd: number;
  private segment = 0;
  private buf = Buffer.allocUnsafe(1 << 20);
  private view = this.buf.subarray(0, 0); // the bytes read: buf[0, end)
  private at = 0;
  private eof = false;
  private closed = false;

  constructor(private readonly path: string, private readonly segments = 1) { this.fd = openSync(segmentPath(path, 0), 'r'); }

  /** The next line's bytes, without its newline: a view valid until the next call. */
  bytes(): Buffer {
    for (;;) {
      const end = this.view.indexOf(10, this.at);
      if (end >= 0) {
        const line = this.view.subarray(this.at, end);
        this.at = end + 1;
        return line;
      }
      if (this.eof) throw new Error('the spill file ended early');
      this.fill();
    }
  }

  /** The unread bytes moved to the front (the buffer doubled when they fill it), then more read. */
  private fill(): void {
    const left = this.view.length - this.at;
    if (left === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, this.at, this.view.length);
      this.buf = bigger;
    } else this.buf.copyWithin(0, this.at, this.view.length);
    let n = readSync(this.fd, this.buf, left, this.buf.length - left, null);
    while (n === 0 && this.segment + 1 < this.segments) { // this segment read: removed, the next opened
      closeSync(this.fd);
      unlinkSync(segmentPath(this.path, this.segment));
      this.fd = openSync(segmentPath(this.path, ++this.segment), 'r');
      n = readSync(this.fd, this.buf, left, this.buf.length - left, null);
    }
    if (n === 0) this.eof = true;
    this.at = 0;
    this.view = this.buf.subarray(0, left + n);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
