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
// A Zip64 file is read as it is; a zip with no end record or overlapping entries is refused (a file
// cut short: exceljs's unzipper would wait for the rest forever — hostile F6). Each entry's CRC-32,
// sizes and method go to xlsx-check.ts, which verifies them before the reader starts.

import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** The parts the reader reads before a worksheet, in this order (the worksheets follow). */
const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const CHUNK = 1 << 16;

/** One zip entry, as its central directory record describes it. */
export interface ZipEntry { name: string; offset: number; method: number; crc: number; packed: number; size: number }

/** The file is not a zip this reader can read (the caller reports it as not a valid .xlsx file). */
export class BadXlsx extends Error {}

export interface XlsxLayout {
  /** Byte ranges [start, end) of the file, in the order to read them. */
  ranges: [number, number][];
  /** The entries read, each with its range's end (the next entry's start); the worksheets last. */
  entries: (ZipEntry & { end: number })[];
  /** Whether the file has the part (a file may store its strings inline and have none). */
  has: { sharedStrings: boolean; workbookRels: boolean };
}

/** The ranges to read, or undefined for a Zip64 file (read as it is); throws BadXlsx for a zip
 * with no end record (cut short) or with entries that overlap. */
export async function xlsxLayout(handle: FileHandle): Promise<XlsxLayout | undefined> {
  const size = (await handle.stat()).size;
  const tailLength = Math.min(size, 65557); // the end record (22 bytes) + the longest comment
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > tail.length) throw new BadXlsx('no end of central directory');
  const dirSize = tail.readUInt32LE(end + 12), dirOffset = tail.readUInt32LE(end + 16);
  if (dirOffset === 0xffffffff || dirSize === 0xffffffff) return undefined; // Zip64
  if (dirOffset + dirSize > size || dirSize > 64 * 1024 * 1024) throw new BadXlsx('central directory out of the file');
  const dir = Buffer.alloc(dirSize);
  await handle.read(dir, 0, dirSize, dirOffset);
  const entries: ZipEntry[] = [];
  for (let p = 0; p + 46 <= dir.length && dir.readUInt32LE(p) === 0x02014b50;) {
    const nameLength = dir.readUInt16LE(p + 28), extra = dir.readUInt16LE(p + 30), comment = dir.readUInt16LE(p + 32);
    entries.push({
      name: dir.toString('utf8', p + 46, p + 46 + nameLength), offset: dir.readUInt32LE(p + 42), method: dir.readUInt16LE(p + 10),
      crc: dir.readUInt32LE(p + 16), packed: dir.readUInt32LE(p + 20), size: dir.readUInt32LE(p + 24),
    });
    p += 46 + nameLength + extra + comment;
  }
  const starts = entries.map((e) => e.offset).sort((a, b) => a - b);
  if (starts.some((s, i) => s >= (starts[i + 1] ?? dirOffset))) throw new BadXlsx('zip entries overlap');
  const ended = (e: ZipEntry) => ({ ...e, end: starts[starts.indexOf(e.offset) + 1] ?? dirOffset });
  const named = (name: string) => entries.find((e) => e.name === name);
  const first = FIRST.map(named).filter((e) => e !== undefined);
  const sheets = entries.filter((e) => WORKSHEET.test(e.name)).sort((a, b) => a.offset - b.offset);
  const read = [...first, ...sheets].map(ended);
  return {
    ranges: [...read.map((e): [number, number] => [e.offset, e.end]), [dirOffset, size]],
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
