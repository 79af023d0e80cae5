// Node only: the parts of an .xlsx file read from the file exactly as its zip's central directory
// lists them — each entry's compressed bytes at the offset and of the size its record states, its
// local header checked against the record (signature, name, method) — inflated as a stream and
// decoded as one UTF-8 text (a character split between two chunks kept whole, exceljs#2084). Bytes
// no listed entry covers are never read: a worksheet left out of the central directory (hostile F7)
// is not what is evaluated; what is read is what Excel, the editor and `unzip` show, and it is what
// xlsx-check.ts has checked (CRC-32, sizes, closing tag, runs) before any of it is parsed. The
// entries come from ../zip-directory.ts (Zip64 included); a zip with no end record, overlapping or
// repeated entries is refused.

import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { BadXlsx, entryEnds, readZipDirectory, type ZipEntry } from '../zip-directory.js';
import { dataStart, headerLength, type ReadEntry } from '../xlsx-part-check.js';
import { BOOK_PARTS, isWorksheetPart } from '../xlsx-book.js';

export { BadXlsx, type ReadEntry, type ZipEntry };

const CHUNK = 1 << 16;

export interface XlsxLayout {
  /** The entries a roster is read from (the workbook's parts, then the worksheets), checked first. */
  entries: ReadEntry[];
  /** An entry by its name (any case, as Excel finds parts). */
  entry(name: string): ReadEntry | undefined;
}

/** The entries to read; throws BadXlsx for a zip with no end record (cut short), entries that
 * overlap or repeat a name, or a local header that is not the one its record describes. */
export async function xlsxLayout(handle: FileHandle): Promise<XlsxLayout> {
  const size = (await handle.stat()).size;
  const readAt = async (at: number, length: number) => {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, at);
    return buffer.subarray(0, bytesRead);
  };
  const dir = await readZipDirectory(size, readAt);
  const byName = new Map(entryEnds(dir).map((e) => [e.name.toLowerCase(), e])); // no name twice (entryEnds)
  const wanted = [...BOOK_PARTS, ...[...byName.values()].map((e) => e.name).filter((n) => isWorksheetPart(n.toLowerCase()))];
  const entries: ReadEntry[] = [];
  for (const name of wanted) {
    const e = byName.get(name.toLowerCase());
    if (e) entries.push({ ...e, start: dataStart(e, await readAt(e.offset, headerLength(e))) });
  }
  const read = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  return { entries, entry: (name) => read.get(name.toLowerCase()) };
}

/** The bytes [start, end) of the file, read as the stream is read (64 KiB at a time). */
function rangeStream(handle: FileHandle, start: number, end: number): Readable {
  async function* chunks() {
    for (let at = start; at < end;) {
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(Math.min(CHUNK, end - at)), 0, Math.min(CHUNK, end - at), at);
      if (bytesRead === 0) throw new BadXlsx('the file got shorter while it was read');
      yield buffer.subarray(0, bytesRead);
      at += bytesRead;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** An entry's inflated bytes (stored entries as they are), read from the file as they are used;
 * `close` stops the reading. */
export function entryBytes(handle: FileHandle, entry: ReadEntry): { bytes: AsyncIterable<Buffer>; close(): void } {
  const packed = rangeStream(handle, entry.start, entry.start + entry.packed);
  if (entry.method !== 8) return { bytes: packed, close: () => packed.destroy() };
  const inflated = packed.pipe(createInflateRaw());
  packed.on('error', (e) => inflated.destroy(e));
  return { bytes: inflated, close: () => { packed.destroy(); inflated.destroy(); } };
}

/** An entry's text, decoded as one UTF-8 stream. */
export async function* entryText(handle: FileHandle, entry: ReadEntry): AsyncGenerator<string> {
  const { bytes, close } = entryBytes(handle, entry);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of bytes) {
      const text = decoder.write(chunk);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof BadXlsx) throw e;
    throw new BadXlsx(`${entry.name}: ${(e as Error).message}`); // zlib: corrupt deflate data
  } finally {
    close();
  }
}
