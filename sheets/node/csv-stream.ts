// Node only: a CSV roster read from its file as a stream (issue 16, user trial: a CSV over 64 MiB was
// refused although rosters stream). The bytes are decoded as text.ts decodes a whole file — UTF-16
// by its byte-order mark, else UTF-8 when every byte of the file is valid UTF-8 (one quick pass over
// the file decides, as decodeText decides on all the bytes), else GB18030 — piece by piece, a
// character split between two pieces kept whole, and parsed by csv.ts's CsvParser as the pieces come:
// the same rows parseCsv gives for the whole text (quoted cells with line breaks, CRLF, the
// separator of the header line, a byte-order mark dropped).

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvParser, CsvRecordTooLong, CsvUnclosedQuote, MAX_RECORD_CHARS } from '../csv.js';
import { M } from '../messages.js';
import { problemAt, type SheetProblem } from '../problems.js';
import type { SheetRow } from '../table.js';
import type { Encoding } from '../text.js';

const CHUNK = 1 << 20;

/** How the file's bytes are text (text.ts decodeText's rule, decided without holding the file). */
export async function csvEncoding(path: string): Promise<Encoding> {
  const head = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) strict.decode(chunk, { stream: true });
    strict.decode();
    return 'utf-8';
  } catch (e) {
    if (!(e instanceof TypeError)) throw e; // a read error, not the decoder's "not UTF-8"
  }
  // Not all UTF-8 (hostile F5): a file with a UTF-8 byte-order mark, or whose multi-byte characters
  // are mostly well-formed UTF-8, is a UTF-8 file with a bad byte — read as GB18030 every name
  // would come out garbled, silently. GBK text is almost all ill-formed as UTF-8.
  const seen = await utf8Census(path);
  if (seen.bom || (seen.multi > 0 && seen.bad * 4 <= seen.multi)) throw new CsvNotUtf8(seen.line, seen.byte);
  return 'gb18030';
}

/** A byte that is not UTF-8 in a file that is otherwise UTF-8: at its line and byte (1-based). */
export class CsvNotUtf8 extends Error {
  constructor(readonly line: number, readonly byte: number) { super(`byte ${byte} (line ${line}) is not UTF-8`); }
}

/** Well-formed multi-byte UTF-8 sequences and ill-formed bytes of the file, where the first bad one is. */
async function utf8Census(path: string): Promise<{ bom: boolean; multi: number; bad: number; line: number; byte: number }> {
  const out = { bom: false, multi: 0, bad: 0, line: 1, byte: 0 };
  let carry = Buffer.alloc(0), offset = 0, lines = 1, first = true;
  const scan = (b: Buffer, final: boolean): number => { // returns where an unfinished sequence starts
    let i = 0;
    while (i < b.length) {
      const c = b[i];
      if (c < 0x80) { if (c === 10) lines++; i++; continue; }
      const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
      const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80, hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
      if (need > 0 && i + need >= b.length && !final) {
        let ok = true; // incomplete at the piece's end: decided with the next piece if well-formed so far
        for (let k = 1; i + k < b.length; k++) if (b[i + k] < (k === 1 ? lo : 0x80) || b[i + k] > (k === 1 ? hi : 0xbf)) ok = false;
        if (ok) return i;
      }
      let ok = need > 0 && i + need < b.length;
      for (let k = 1; ok && k <= need; k++) if (b[i + k] < (k === 1 ? lo : 0x80) || b[i + k] > (k === 1 ? hi : 0xbf)) ok = false;
      if (ok) { out.multi++; i += need + 1; continue; }
      if (out.bad++ === 0) { out.line = lines; out.byte = offset + i + 1; }
      i++;
    }
    return b.length;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const b = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (first) { out.bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf; first = false; }
    const done = scan(b, false);
    carry = Buffer.from(b.subarray(done));
    offset += done;
  }
  scan(carry, true);
  return out;
}

/** The rows of a CSV file, as they are read; `encoding` when already known (csvEncoding). */
export async function* streamCsvRows(path: string, encoding?: Encoding): AsyncGenerator<SheetRow> {
  const enc = encoding ?? await csvEncoding(path);
  const decoder = new TextDecoder(enc);
  const rows: SheetRow[] = [];
  // A blank line (every cell empty) is skipped here, kept nowhere (hostile F4: a file of newlines
  // held a row object per line until its piece was done); roster.ts skips blank rows anyway.
  const parser = new CsvParser((r) => { if (r.cells.some((c) => c !== '')) rows.push(r); });
  const start = enc === 'utf-16le' || enc === 'utf-16be' ? 2 : 0; // the byte-order mark (decodeText skips it too)
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, start }) as AsyncIterable<Buffer>) {
    parser.push(decoder.decode(chunk, { stream: true }));
    yield* rows;
    rows.length = 0;
  }
  parser.push(decoder.decode());
  parser.end();
  const open = parser.unclosedQuote; // that record is the rest of the file: not read as a row
  yield* open === undefined ? rows : rows.filter((r) => r.row !== open);
  if (open !== undefined) throw new CsvUnclosedQuote(open);
}

/** A CSV reading error as the roster's problem at its row (undefined: not one of them). */
export function csvProblem(e: unknown): SheetProblem | undefined {
  if (e instanceof CsvRecordTooLong) return problemAt('KH-E008', { row: e.row }, M.csvRowTooLong({ max: MAX_RECORD_CHARS / 2 ** 20 }));
  if (e instanceof CsvUnclosedQuote) return problemAt('KH-E008', { row: e.row }, M.csvUnclosedQuote());
  if (e instanceof CsvNotUtf8) return problemAt('KH-E008', { row: e.line }, M.csvNotUtf8({ at: e.byte }));
  return undefined;
}
