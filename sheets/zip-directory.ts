// The central directory of an .xlsx file's zip: each entry's name, local header offset, method,
// CRC-32 and sizes, as the file's own index states them — what the checks of its parts
// (xlsx-part-check.ts) verify the parts against. Read through `read(at, length)`, so the same code
// serves a file handle (node/xlsx-parts.ts: the command line) and bytes in memory (the editor).
// Zip64 is read too (a zip64 end record, its locator, and the zip64 extra field of an entry whose
// size or offset is 0xFFFFFFFF): writers use it for huge files, some for any file they stream, and
// such a file must be checked like any other rather than read unchecked. A file with no end record
// (cut short), a directory outside the file, or a value past 2^53 is refused as BadXlsx.

/** The file is not a zip this reader can read (the caller reports it as not a valid .xlsx file). */
export class BadXlsx extends Error {}

/** One zip entry, as its central directory record describes it. */
export interface ZipEntry { name: string; offset: number; method: number; crc: number; packed: number; size: number }

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts (the last entry's data ends before it). */
  offset: number;
}

/** `length` bytes of the file from `at` (fewer only at its end). */
export type ReadAt = (at: number, length: number) => Promise<Uint8Array>;

const END = 0x06054b50, LOCATOR = 0x07064b50, END64 = 0x06064b50, CENTRAL = 0x02014b50;
const MAX_DIRECTORY = 64 * 1024 * 1024;
const utf8 = new TextDecoder();

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

function u64(v: DataView, at: number): number {
  const n = v.getBigUint64(at, true);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new BadXlsx('zip64 value out of range');
  return Number(n);
}

/** The last index of the 4-byte little-endian `signature` in `b` at or before `from`. */
function lastSignature(b: Uint8Array, signature: number, from: number): number {
  const v = view(b);
  for (let i = Math.min(from, b.length - 4); i >= 0; i--) if (v.getUint32(i, true) === signature) return i;
  return -1;
}

/** The central directory of a file of `size` bytes. */
export async function readZipDirectory(size: number, read: ReadAt): Promise<ZipDirectory> {
  const tailLength = Math.min(size, 65557); // the end record (22 bytes) + the longest comment
  const tail = await read(size - tailLength, tailLength);
  const end = lastSignature(tail, END, tail.length - 22);
  if (end < 0) throw new BadXlsx('no end of central directory');
  const t = view(tail);
  let count = t.getUint16(end + 10, true), dirSize = t.getUint32(end + 12, true), dirOffset = t.getUint32(end + 16, true);
  if (end >= 20 && t.getUint32(end - 20, true) === LOCATOR) {
    // Zip64: the locator (20 bytes) just before the end record names where the zip64 end record is.
    const at = u64(t, end - 20 + 8);
    const record = at + 56 <= size ? view(await read(at, 56)) : undefined;
    if (!record || record.getUint32(0, true) !== END64) throw new BadXlsx('no zip64 end record');
    count = u64(record, 32);
    dirSize = u64(record, 40);
    dirOffset = u64(record, 48);
  } else if (dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    throw new BadXlsx('zip64 end record not located');
  }
  if (dirOffset + dirSize > size || dirSize > MAX_DIRECTORY) throw new BadXlsx('central directory out of the file');
  const entries = centralEntries(await read(dirOffset, dirSize));
  if (entries.length !== count) throw new BadXlsx('central directory cut short');
  return { entries, offset: dirOffset };
}

/** The entries of central directory records. */
function centralEntries(dir: Uint8Array): ZipEntry[] {
  const d = view(dir);
  const entries: ZipEntry[] = [];
  for (let p = 0; p + 46 <= dir.length && d.getUint32(p, true) === CENTRAL;) {
    const nameLength = d.getUint16(p + 28, true), extra = d.getUint16(p + 30, true), comment = d.getUint16(p + 32, true);
    if (p + 46 + nameLength + extra > dir.length) throw new BadXlsx('central directory record cut short');
    const entry: ZipEntry = {
      name: utf8.decode(dir.subarray(p + 46, p + 46 + nameLength)), offset: d.getUint32(p + 42, true), method: d.getUint16(p + 10, true),
      crc: d.getUint32(p + 16, true), packed: d.getUint32(p + 20, true), size: d.getUint32(p + 24, true),
    };
    if (entry.size === 0xffffffff || entry.packed === 0xffffffff || entry.offset === 0xffffffff) {
      zip64Sizes(entry, dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extra));
    }
    entries.push(entry);
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Sets the entry's values that are 0xFFFFFFFF from its zip64 extra field (header 0x0001), which
 * holds only those, in this order: size, packed size, local header offset. */
function zip64Sizes(entry: ZipEntry, extra: Uint8Array): void {
  const x = view(extra);
  for (let q = 0; q + 4 <= extra.length; q += 4 + x.getUint16(q + 2, true)) {
    if (x.getUint16(q, true) !== 1) continue;
    const end = q + 4 + x.getUint16(q + 2, true);
    let at = q + 4;
    for (const key of ['size', 'packed', 'offset'] as const) {
      if (entry[key] !== 0xffffffff) continue;
      if (at + 8 > end || end > extra.length) throw new BadXlsx(`${entry.name}: zip64 extra field cut short`);
      entry[key] = u64(x, at);
      at += 8;
    }
    return;
  }
  throw new BadXlsx(`${entry.name}: no zip64 extra field`);
}

/** The entries, each with the offset where the next one (or the directory) starts: all its local
 * header, data and data descriptor lie before it. Throws BadXlsx when two entries start together or
 * share a name (in any case: which one a reader takes is its own choice — hostile F7). */
export function entryEnds(dir: ZipDirectory): (ZipEntry & { end: number })[] {
  const names = new Set<string>();
  for (const e of dir.entries) {
    if (names.has(e.name.toLowerCase())) throw new BadXlsx(`${e.name}: listed twice`);
    names.add(e.name.toLowerCase());
  }
  const starts = dir.entries.map((e) => e.offset).sort((a, b) => a - b);
  if (starts.some((s, i) => s >= (starts[i + 1] ?? dir.offset))) throw new BadXlsx('zip entries overlap');
  const next = new Map(starts.map((s, i) => [s, starts[i + 1] ?? dir.offset]));
  return dir.entries.map((e) => ({ ...e, end: next.get(e.offset)! }));
}
