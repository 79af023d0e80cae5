// Node only: an .xlsx file's parts checked before exceljs's streaming reader is given them. That
// reader (unzipper + saxes) takes a damaged file for a shorter one or never settles: a worksheet cut
// short inside a valid zip was read as a shorter roster, exit 0 (hostile F5); a flipped byte in the
// compressed sheet or a zip cut at ¾ left `kaohe eval` waiting forever (F6). So each part the reader
// will read is inflated here first, as a stream (flat memory), and must
//   - inflate to its end (zlib refuses a deflate stream that stops early or is corrupt),
//   - have the CRC-32 and size its central directory record states,
//   - for a worksheet, end with its closing `</worksheet>` tag (a sheet cut at a row boundary and
//     zipped again passes the two checks above: its end is what tells),
//   - have no run of more than MAX_RUN bytes without a tag (`<`): no cell can hold that much (Excel's
//     limit is 32,767 characters); a few-KB file inflating to gigabytes of white space or one giant
//     text is refused at its first MiB rather than parsed for minutes (F7).
// The cost is one inflate of the parts (~1/10 of exceljs's parse of the same sheet).

import type { FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { BadXlsx, rangesStream, type XlsxLayout } from './xlsx-parts.js';

/** The longest run of bytes with no `<` a part may hold (1 MiB). Documented in docs/guide.md §4. */
export const MAX_RUN = 1 << 20;

/** A part has a run longer than MAX_RUN: refused with its own message (not "not a valid file"). */
export class XlsxRunTooLong extends BadXlsx {}

const WORKSHEET_END = /<\/(?:[\w.-]+:)?worksheet>\s*$/;

/** Throws BadXlsx (or XlsxRunTooLong) unless every part of `layout` is whole. */
export async function checkXlsxParts(handle: FileHandle, layout: XlsxLayout): Promise<void> {
  for (const entry of layout.entries) {
    const header = Buffer.alloc(30);
    await handle.read(header, 0, 30, entry.offset);
    if (header.readUInt32LE(0) !== 0x04034b50) throw new BadXlsx(`${entry.name}: no local header`);
    const start = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.packed > entry.end) throw new BadXlsx(`${entry.name}: data past its entry`);
    if (entry.method !== 0 && entry.method !== 8) throw new BadXlsx(`${entry.name}: compression method ${entry.method}`);
    if (entry.packed === 0 && (entry.method === 8 || entry.size !== 0)) throw new BadXlsx(`${entry.name}: no data`);
    // chunks of ≤ 64 KiB (< MAX_RUN): a run longer than MAX_RUN spans chunks, so counting across them is enough
    const packed = rangesStream(handle, [[start, start + entry.packed]]);
    const bytes: AsyncIterable<Buffer> = entry.method === 8 ? packed.pipe(createInflateRaw()) : packed; // stored: as is
    let crc = 0, size = 0, run = 0, tail = '';
    try {
      for await (const chunk of bytes) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (size > entry.size) throw new BadXlsx(`${entry.name}: longer than its stated size`);
        const first = chunk.indexOf(0x3c);
        if (first >= 0 && run + first > MAX_RUN) throw new XlsxRunTooLong(entry.name);
        run = first < 0 ? run + chunk.length : chunk.length - chunk.lastIndexOf(0x3c) - 1;
        if (run > MAX_RUN) throw new XlsxRunTooLong(entry.name);
        tail = (tail + chunk.toString('latin1', Math.max(0, chunk.length - 64))).slice(-64);
      }
    } catch (e) {
      if (e instanceof BadXlsx) throw e;
      throw new BadXlsx(`${entry.name}: ${(e as Error).message}`); // zlib: corrupt or cut deflate data
    } finally {
      packed.destroy();
    }
    if (size !== entry.size || crc !== entry.crc) throw new BadXlsx(`${entry.name}: size or CRC-32 differs`);
    if (/^xl\/worksheets\//.test(entry.name) && !WORKSHEET_END.test(tail)) throw new BadXlsx(`${entry.name}: cut short`);
  }
}
