// Zip files for the .xlsx reading benchmark (bench/eval-sheet.ts): the parts of a workbook read out of
// a zip and written back in another order — exceljs stores xl/sharedStrings.xml and xl/workbook.xml
// after the worksheet, Excel stores them first, and the streaming reader must take both — and a
// roster padded with a million empty rows (a hostile finding: each used to cost ~1 KB of memory).

import { deflateRawSync, inflateRawSync, crc32 } from 'node:zlib';

export type Parts = [name: string, data: Buffer][];

/** The entries of a zip archive, inflated, in the archive's order. */
export function readZip(zip: Buffer): Parts {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const parts: Parts = [];
  for (let p = zip.readUInt32LE(end + 16); zip.readUInt32LE(p) === 0x02014b50;) {
    const method = zip.readUInt16LE(p + 10), size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28), extra = zip.readUInt16LE(p + 30), comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    parts.push([zip.toString('utf8', p + 46, p + 46 + nameLength), method === 8 ? inflateRawSync(raw) : Buffer.from(raw)]);
    p += 46 + nameLength + extra + comment;
  }
  return parts;
}

/** A zip archive of `parts` in the order given, each deflated. */
export function writeZip(parts: Parts): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const packed = deflateRawSync(data), fname = Buffer.from(name, 'utf8'), crc = crc32(data);
    const local = Buffer.alloc(30), central = Buffer.alloc(46);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(fname.length, 26);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, fname, packed);
    centrals.push(central, fname);
    offset += 30 + fname.length + packed.length;
  }
  const dir = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts in Excel's order: the workbook, its relationships, styles and shared strings before the worksheets. */
export function excelOrder(parts: Parts): Parts {
  const rank = (name: string) => (/^xl\/worksheets\//.test(name) ? 1 : 0);
  return [...parts].sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** The rows of worksheet 1 followed by `empty` rows holding one empty cell each, `<row r="N"><c r="CN"/></row>`. */
export function padWithEmptyRows(parts: Parts, empty: number): Parts {
  return parts.map(([name, data]): Parts[number] => {
    if (name !== 'xl/worksheets/sheet1.xml') return [name, data];
    const xml = data.toString('utf8'), cut = xml.indexOf('</sheetData>');
    const last = Number(/^<row r="(\d+)"/.exec(xml.slice(xml.lastIndexOf('<row r="')))?.[1] ?? 0);
    const pad: string[] = [];
    for (let r = last + 1; r <= last + empty; r++) pad.push(`<row r="${r}"><c r="C${r}"/></row>`);
    return [name, Buffer.from(xml.slice(0, cut) + pad.join('') + xml.slice(cut).replace(/<dimension ref="[^"]*"\/>/, ''), 'utf8')];
  });
}
