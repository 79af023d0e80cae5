// The checks an .xlsx file's parts pass before exceljs is given them, shared by the command line's
// streaming reader (node/xlsx-check.ts: a file, zlib) and the in-memory reader the editor uses for a
// dropped file (xlsx.ts readXlsxRows: the bytes, the platform's DecompressionStream). exceljs takes a
// damaged file for a shorter one or never settles: a worksheet cut short inside a valid zip was read
// as a shorter roster (hostile F5); a flipped byte or a zip cut at ¾ left the reader waiting (F6);
// a few KB inflating to gigabytes of white space or one giant text was parsed for minutes (F7) — in
// a browser, a frozen tab. So each part is inflated here first, chunk by chunk, and must
//   - inflate to its end (a deflate stream that stops early or is corrupt is refused),
//   - have the CRC-32 and size its central directory record states (never inflated past that size),
//   - for a worksheet, end with its closing `</worksheet>` tag (a sheet cut at a row boundary and
//     zipped again passes the checks above: its end is what tells),
//   - have no run of more than MAX_RUN bytes without a tag (`<`) in an XML part: no cell holds that
//     much (Excel's limit is 32,767 characters), so it is refused at its first MiB (XlsxRunTooLong).
// The in-memory reader holds every part whole as text (exceljs's load), so a file whose parts state
// more than MAX_IN_MEMORY bytes in all is refused before anything is inflated (XlsxTooLarge).

import type { Msg } from '../dsl/i18n/index.js';
import { M } from './messages.js';
import { BadXlsx, entryEnds, readZipDirectory, type ZipEntry } from './zip-directory.js';
import { MAX_CELL_TEXT, MAX_SHARED_STRINGS, MAX_SHARED_TEXT, XlsxCellTooLong, XlsxTooManyStrings } from './xlsx-xml.js';

/** The longest run of bytes with no `<` a part may hold (1 MiB). Documented in docs/guide.md §4. */
export const MAX_RUN = 1 << 20;

/** The most bytes the parts of a file read whole in memory (the editor) may state in all (128 MiB). */
export const MAX_IN_MEMORY = 128 << 20;

/** A part has a run longer than MAX_RUN: refused with its own message (not "not a valid file"). */
export class XlsxRunTooLong extends BadXlsx {}

/** A file read in memory states more than MAX_IN_MEMORY bytes of parts: refused with its own message. */
export class XlsxTooLarge extends BadXlsx {}

/** The words for a file refused over a limit — a run of text too long to be a cell, parts too
 * large to read in memory, a cell's text longer than Excel allows, too many shared texts
 * (xlsx-xml.ts) — or undefined for any other error. */
export function xlsxLimitProblem(e: unknown, file: string): Msg | undefined {
  if (e instanceof XlsxRunTooLong) return M.xlsxRunTooLong({ file, max: MAX_RUN >> 20 });
  if (e instanceof XlsxTooLarge) return M.xlsxTooLarge({ file, max: MAX_IN_MEMORY >> 20 });
  if (e instanceof XlsxCellTooLong) return M.xlsxCellTooLong({ file, max: MAX_CELL_TEXT });
  if (e instanceof XlsxTooManyStrings) return M.xlsxTooManyStrings({ file, count: MAX_SHARED_STRINGS, size: MAX_SHARED_TEXT });
  return undefined;
}

/** Why an .xlsx file could not be read, as its one problem: over a limit, or (anything else exceljs
 * or the checks threw) not a valid .xlsx file. */
export const unreadableXlsx = (e: unknown, file: string): Msg => xlsxLimitProblem(e, file) ?? M.unreadableXlsx({ file });

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;
const WORKSHEET_END = /<\/(?:[\w.-]+:)?worksheet>\s*$/;
const XML_PART = /\.(?:xml|rels|vml)$/i;
const PIECE = 1 << 16;

const decoder = new TextDecoder();

/** An entry read: its record, where the next entry starts (`end`), where its data starts (`start`). */
export type ReadEntry = ZipEntry & { end: number; start: number };

/** How many bytes of an entry's local header dataStart needs: the fixed 30 and the name (a UTF-16
 * code unit of the name as read from the directory comes from at most 3 bytes). */
export const headerLength = (entry: ZipEntry): number => 30 + 3 * entry.name.length;

/** Where an entry's data starts, from its local header (headerLength bytes); throws BadXlsx when the
 * header is not one, names another entry or another method than the central directory's record
 * (hostile F7: what is read must be the entry the directory lists), its data runs past `end` (the
 * next entry), or its method is not stored/deflate. */
export function dataStart(entry: ZipEntry & { end: number }, header: Uint8Array): number {
  const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || h.getUint32(0, true) !== 0x04034b50) throw new BadXlsx(`${entry.name}: no local header`);
  const named = header.subarray(30, 30 + h.getUint16(26, true));
  if (named.length !== h.getUint16(26, true) || decoder.decode(named) !== entry.name) {
    throw new BadXlsx(`${entry.name}: its local header names another entry`);
  }
  if (h.getUint16(8, true) !== entry.method) throw new BadXlsx(`${entry.name}: its local header states another method`);
  const start = entry.offset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
  if (start + entry.packed > entry.end) throw new BadXlsx(`${entry.name}: data past its entry`);
  if (entry.method !== 0 && entry.method !== 8) throw new BadXlsx(`${entry.name}: compression method ${entry.method}`);
  if (entry.packed === 0 && (entry.method === 8 || entry.size !== 0)) throw new BadXlsx(`${entry.name}: no data`);
  return start;
}

export type Crc32 = (data: Uint8Array, value: number) => number;

/** One part's inflated bytes, checked as they come (`add`), then as a whole (`end`). */
export class PartCheck {
  private crc = 0;
  private size = 0;
  private run = 0;
  private tail = '';
  private readonly runs: boolean;

  constructor(private readonly entry: ZipEntry, private readonly crc32: Crc32 = crc32Js) {
    this.runs = XML_PART.test(entry.name);
  }

  add(chunk: Uint8Array): void {
    // pieces of ≤ 64 KiB (< MAX_RUN): a run longer than MAX_RUN spans pieces, so counting across them is enough
    for (let at = 0; at < chunk.length; at += PIECE) this.piece(chunk.subarray(at, at + PIECE));
  }

  private piece(chunk: Uint8Array): void {
    this.crc = this.crc32(chunk, this.crc);
    this.size += chunk.length;
    if (this.size > this.entry.size) throw new BadXlsx(`${this.entry.name}: longer than its stated size`);
    if (this.runs) {
      const first = chunk.indexOf(0x3c);
      if (first >= 0 && this.run + first > MAX_RUN) throw new XlsxRunTooLong(this.entry.name);
      this.run = first < 0 ? this.run + chunk.length : chunk.length - chunk.lastIndexOf(0x3c) - 1;
      if (this.run > MAX_RUN) throw new XlsxRunTooLong(this.entry.name);
    }
    this.tail = (this.tail + String.fromCharCode(...chunk.subarray(Math.max(0, chunk.length - 64)))).slice(-64);
  }

  end(): void {
    if (this.size !== this.entry.size || this.crc !== this.entry.crc) throw new BadXlsx(`${this.entry.name}: size or CRC-32 differs`);
    if (WORKSHEET.test(this.entry.name) && !WORKSHEET_END.test(this.tail)) throw new BadXlsx(`${this.entry.name}: cut short`);
  }
}

/** Throws BadXlsx (XlsxRunTooLong, XlsxTooLarge) unless every part of the file's bytes is whole —
 * before any is parsed; returns the entries, each with where its data starts (what is read is each
 * entry exactly as the central directory lists it). Where the platform cannot inflate raw deflate
 * data (a browser before 2023), only the zip's directory, the local headers and the stated sizes are
 * checked (and such a browser cannot read the file either). */
export async function checkXlsxBytes(bytes: Uint8Array): Promise<ReadEntry[]> {
  const listed = entryEnds(await readZipDirectory(bytes.length, async (at, length) => bytes.subarray(at, at + length)));
  if (listed.reduce((n, e) => n + e.size, 0) > MAX_IN_MEMORY) throw new XlsxTooLarge();
  const entries = listed.map((e) => ({ ...e, start: dataStart(e, bytes.subarray(e.offset, e.offset + headerLength(e))) }));
  for (const entry of entries) {
    const packed = bytes.subarray(entry.start, entry.start + entry.packed);
    const inflate = entry.method === 8 ? rawInflater() : undefined;
    if (entry.method === 8 && !inflate) return entries;
    const check = new PartCheck(entry);
    if (!inflate) check.add(packed); // stored: as is
    else {
      const reader = pieces(packed).pipeThrough(inflate).getReader();
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) check.add(r.value);
      } catch (e) {
        if (e instanceof BadXlsx) throw e;
        throw new BadXlsx(`${entry.name}: ${(e as Error).message}`); // corrupt or cut deflate data
      } finally {
        reader.cancel().catch(() => undefined);
      }
    }
    check.end();
  }
  return entries;
}

/** Bytes as a stream of 4 KiB pieces, each given when the reader wants more: deflate inflates at
 * most ~1,000-fold, so a part is stopped past its stated size within ~4 MB (one piece at once). */
function pieces(bytes: Uint8Array): ReadableStream<Uint8Array<ArrayBuffer>> {
  let at = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(c) {
      if (at >= bytes.length) c.close();
      else c.enqueue(bytes.subarray(at, (at += 4096)) as Uint8Array<ArrayBuffer>);
    },
  }, { highWaterMark: 0 });
}

/** A raw-deflate decompressor, or undefined where the platform has none. */
function rawInflater(): TransformStream<Uint8Array<ArrayBuffer>, Uint8Array> | undefined {
  try {
    return new DecompressionStream('deflate-raw') as TransformStream<Uint8Array<ArrayBuffer>, Uint8Array>;
  } catch {
    return undefined;
  }
}

let table: Int32Array | undefined;

/** CRC-32 (the zip polynomial) of `data`, continuing from `value`. */
export function crc32Js(data: Uint8Array, value = 0): number {
  table ??= Int32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
