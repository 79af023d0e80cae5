// A minimal .xlsx written byte by byte (a stored zip of five XML parts), for what exceljs will not
// write: a number cell as Excel itself writes it, with 17 significant digits (92.674999999999997),
// inline strings, formulas with cached results, error values, empty styled cells, and the shared
// strings stored before the worksheet (as Excel does) or after it (as exceljs does).

import { crc32 } from 'node:zlib';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A cell as written in sheet XML: `n:` a number's text as Excel stores it, `s:` an inline string,
 * `t:` a shared string's index, `f:` a formula `f:FORMULA=CACHED`, `e:` an error value, `b:` a
 * boolean (1/0), `x:` a cell with a style and no value (`<c r="C7" s="1"/>`). */
export type RawCell = `n:${string}` | `s:${string}` | `t:${string}` | `f:${string}` | `e:${string}` | `b:${string}` | 'x:' | null;

const esc = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const col = (i: number) => String.fromCharCode(65 + i);

function cellXml(c: RawCell, ref: string): string {
  if (c === null) return '';
  const [kind, text] = [c.slice(0, 1), c.slice(2)];
  if (kind === 'n') return `<c r="${ref}"><v>${text}</v></c>`;
  if (kind === 's') return `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
  if (kind === 't') return `<c r="${ref}" t="s"><v>${text}</v></c>`;
  if (kind === 'e') return `<c r="${ref}" t="e"><v>${esc(text)}</v></c>`;
  if (kind === 'b') return `<c r="${ref}" t="b"><v>${text}</v></c>`;
  if (kind === 'x') return `<c r="${ref}" s="1"/>`;
  const [formula, cached] = text.split('=');
  return `<c r="${ref}"><f>${esc(formula)}</f><v>${cached}</v></c>`;
}

/** `sharedStrings` (cells `t:INDEX`) is stored as the last entry, after the worksheet, unless
 * `stringsFirst`. A row of no cells is written `<row r="N"/>`. `edit` changes the sheet's XML text
 * before it is zipped (a damaged sheet in a sound zip). */
export function rawXlsx(rows: RawCell[][], sharedStrings?: string[], stringsFirst = false, edit = (xml: string) => xml, zip64 = false): Buffer {
  const sheet = edit(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((r, i) => r.length === 0 ? `<row r="${i + 1}"/>` :
    `<row r="${i + 1}">${r.map((c, j) => cellXml(c, `${col(j)}${i + 1}`)).join('')}</row>`).join('')}</sheetData></worksheet>`);
  const strings: [string, string][] = sharedStrings ? [['xl/sharedStrings.xml', sstXml(sharedStrings)]] : [];
  return storedZip([
    ['[Content_Types].xml', CONTENT_TYPES], ['_rels/.rels', RELS], ['xl/workbook.xml', WORKBOOK],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS], ...(stringsFirst ? strings : []), ['xl/worksheets/sheet1.xml', sheet],
    ...(stringsFirst ? [] : strings),
  ], zip64);
}

function sstXml(strings: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`;
}

/** A zip archive whose entries are stored uncompressed; `zip64`: every size and offset in a zip64
 * extra field (local headers and central directory) and a zip64 end record, as writers that
 * stream or write huge files do. */
function storedZip(files: [string, string][], zip64 = false): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8'), fname = Buffer.from(name, 'utf8'), crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28); central.writeUInt32LE(offset, 42);
    if (!zip64) {
      locals.push(local, fname, data);
      centrals.push(central, fname);
      offset += 30 + fname.length + data.length;
      continue;
    }
    const localExtra = Buffer.alloc(20), centralExtra = Buffer.alloc(28);
    localExtra.writeUInt16LE(1, 0); localExtra.writeUInt16LE(16, 2);
    localExtra.writeBigUInt64LE(BigInt(data.length), 4); localExtra.writeBigUInt64LE(BigInt(data.length), 12);
    centralExtra.writeUInt16LE(1, 0); centralExtra.writeUInt16LE(24, 2);
    centralExtra.writeBigUInt64LE(BigInt(data.length), 4); centralExtra.writeBigUInt64LE(BigInt(data.length), 12);
    centralExtra.writeBigUInt64LE(BigInt(offset), 20);
    for (const [h, at] of [[local, 18], [local, 22], [central, 20], [central, 24], [central, 42]] as const) h.writeUInt32LE(0xffffffff, at);
    local.writeUInt16LE(45, 4); local.writeUInt16LE(20, 28); central.writeUInt16LE(45, 6); central.writeUInt16LE(28, 30);
    locals.push(local, fname, localExtra, data);
    centrals.push(central, fname, centralExtra);
    offset += 30 + fname.length + 20 + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  if (!zip64) return Buffer.concat([...locals, dir, end]);
  const end64 = Buffer.alloc(56), locator = Buffer.alloc(20);
  end64.writeUInt32LE(0x06064b50, 0); end64.writeBigUInt64LE(44n, 4); end64.writeUInt16LE(45, 12); end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(files.length), 24); end64.writeBigUInt64LE(BigInt(files.length), 32);
  end64.writeBigUInt64LE(BigInt(dir.length), 40); end64.writeBigUInt64LE(BigInt(offset), 48);
  locator.writeUInt32LE(0x07064b50, 0); locator.writeBigUInt64LE(BigInt(offset + dir.length), 8); locator.writeUInt32LE(1, 16);
  end.writeUInt32LE(0xffffffff, 12); end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([...locals, dir, end64, locator, end]);
}
