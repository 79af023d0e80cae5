// Node only: an .xlsx file's zip entries handed to exceljs's streaming reader in the order it needs
// them. exceljs 4.4.0's WorkbookReader reads a zip front to back (unzipper on the local headers) and
// streams a worksheet only when the shared strings and the workbook's relationships came before it;
// otherwise it inflates the worksheet into a temporary file and its shared-string cells still come
// back empty. Every file exceljs writes — `kaohe template` output, results, until Excel re-saves it —
// stores xl/sharedStrings.xml and xl/workbook.xml after the sheet (Excel stores them first), and
// such a file used to be read whole in memory (1M empty rows: 923 MB). Instead the reader gets the
// file's own bytes in another order: each entry is the byte range from its local header to the next
// entry (header, compressed data, data descriptor — nothing is inflated or copied), found from the
// central directory; the parts the reader does not use (themes, images, docProps) are left out.
// The entries come from the zip's central directory (../zip-directory.ts, Zip64 included); a zip
// with no end record or overlapping entries is refused (a file cut short: exceljs's unzipper would
// wait for the rest forever — hostile F6). Each entry's CRC-32, sizes and method go to
// xlsx-check.ts, which verifies them before the reader starts.

import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BadXlsx, entryEnds, readZipDirectory, type ZipEntry } from '../zip-directory.js';

export { BadXlsx, type ZipEntry };

/** The parts the reader reads before a worksheet, in this order (the worksheets follow). */
const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const CHUNK = 1 << 16;

export interface XlsxLayout {
  /** Byte ranges [start, end) of the file, in the order to read them. */
  ranges: [number, number][];
  /** The entries read, each with its range's end (the next entry's start); the worksheets last. */
  entries: (ZipEntry & { end: number })[];
  /** Whether the file has the part (a file may store its strings inline and have none). */
  has: { sharedStrings: boolean; workbookRels: boolean };
}

/** The ranges to read; throws BadXlsx for a zip with no end record (cut short) or with entries
 * that overlap. */
export async function xlsxLayout(handle: FileHandle): Promise<XlsxLayout> {
  const size = (await handle.stat()).size;
  const dir = await readZipDirectory(size, async (at, length) => {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, at);
    return buffer.subarray(0, bytesRead);
  });
  const entries = entryEnds(dir);
  const named = (name: string) => entries.find((e) => e.name === name);
  const first = FIRST.map(named).filter((e) => e !== undefined);
  const read = [...first, ...entries.filter((e) => WORKSHEET.test(e.name)).sort((a, b) => a.offset - b.offset)];
  return {
    ranges: [...read.map((e): [number, number] => [e.offset, e.end]), [dir.offset, size]],
    entries: read,
    has: { sharedStrings: !!named(FIRST[2]), workbookRels: !!named(FIRST[0]) },
  };
}

/** The bytes of `ranges`, read from the file as the stream is read (64 KiB at a time). */
export function rangesStream(handle: FileHandle, ranges: readonly [number, number][]): Readable {
  async function* chunks() {
    for (const [start, end] of ranges) {
      for (let at = start; at < end;) {
        const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(Math.min(CHUNK, end - at)), 0, Math.min(CHUNK, end - at), at);
        if (bytesRead === 0) return; // the file got shorter: the zip reader reports the cut entry
        yield buffer.subarray(0, bytesRead);
        at += bytesRead;
      }
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
