// Node only: an .xlsx file's parts checked before any of them is parsed — the checks of
// ../xlsx-part-check.ts (whole deflate stream, CRC-32 and size as the central directory states them,
// a worksheet's closing tag, no run of more than MAX_RUN bytes without a tag), each part inflated here
// as a stream from the file (flat memory, zlib's native inflate and CRC-32). The parts are those the
// reader will read, from the same bytes (xlsx-parts.ts: each entry exactly as the central directory
// lists it), Zip64 files included. The cost is one inflate of the parts.

import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { PartCheck } from '../xlsx-part-check.js';
import { BadXlsx, entryBytes, type XlsxLayout } from './xlsx-parts.js';

/** Throws BadXlsx (or XlsxRunTooLong) unless every part of `layout` is whole. */
export async function checkXlsxParts(handle: FileHandle, layout: XlsxLayout): Promise<void> {
  for (const entry of layout.entries) {
    const { bytes, close } = entryBytes(handle, entry);
    const check = new PartCheck(entry, (data, value) => crc32(data, value));
    try {
      for await (const chunk of bytes) check.add(chunk);
    } catch (e) {
      if (e instanceof BadXlsx) throw e;
      throw new BadXlsx(`${entry.name}: ${(e as Error).message}`); // zlib: corrupt or cut deflate data
    } finally {
      close();
    }
    check.end();
  }
}
