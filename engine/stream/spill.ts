// The results of pass 1, kept on disk until pass 2 writes them in input order. A subject that cannot
// compete for a quota grade has its final result after its own evaluation, except its rank (known
// when everyone is ranked); a compiled competitor has its provisional one (stream/compiled.ts). Each
// is written as its JSON text with `"rank":null` in the rank's place, one line per subject, so pass 2
// puts the rank in by text, without evaluating or parsing it again. The placeholder is found by
// text: in JSON a quote inside a string is always escaped, so `,"rank":null,` can only be the key
// itself (the keys before it — scheme, subject, display of texts, period, cohort — hold no `rank`
// with a null value), and JSON.stringify escapes every control character, so a newline ends a line.

import { createReadStream, type ReadStream } from 'node:fs';
import { BufferedWriter } from './buffered.js';
import { once } from 'node:events';
import type { Rank } from '../api.js';

const PLACE = ',"rank":null,';

/** A result's spilled line: its JSON with the rank left null (`result` has a rank key, any value). */
export function unranked(result: object): string {
  return JSON.stringify({ ...result, rank: null });
}

/** A spilled line with its rank put in. */
export function withRank(line: string, rank: Rank): string {
  const at = line.indexOf(PLACE);
  if (at < 0) throw new Error('a spilled result without its rank');
  return `${line.slice(0, at)},"rank":{"overall":${rank.overall},"cohort":${rank.cohort}},${line.slice(at + PLACE.length)}`;
}

/** Appends lines to the spill file (buffered.ts). */
export class SpillWriter {
  private readonly file: BufferedWriter;

  constructor(readonly path: string) { this.file = new BufferedWriter(path); }

  add(line: string): Promise<void> { return this.file.write(`${line}\n`); }

  close(): Promise<void> { return this.file.end(); }
}

/** The spilled lines in order, read in large chunks and split at newlines (readline costs more per
 * line than the rest of pass 2 for a subject); `close` releases the file before its folder is removed. */
export class SpillReader {
  private readonly input: ReadStream;
  private readonly chunks: AsyncIterator<Buffer>;
  private buf: Buffer = Buffer.alloc(0);
  private at = 0;

  constructor(path: string) {
    this.input = createReadStream(path, { highWaterMark: 1 << 20 });
    this.chunks = this.input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  async next(): Promise<string> {
    for (;;) {
      const end = this.buf.indexOf(10, this.at);
      if (end >= 0) {
        const line = this.buf.toString('utf8', this.at, end);
        this.at = end + 1;
        return line;
      }
      const chunk = await this.chunks.next();
      if (chunk.done) throw new Error('the spill file ended early');
      this.buf = this.at < this.buf.length ? Buffer.concat([this.buf.subarray(this.at), chunk.value]) : chunk.value;
      this.at = 0;
    }
  }

  async close(): Promise<void> {
    if (this.input.closed) return;
    const closed = once(this.input, 'close').catch(() => undefined);
    this.input.destroy();
    await closed;
  }
}
