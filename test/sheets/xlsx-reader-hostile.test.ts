// The .xlsx readers against the hostile audit's reader findings (issue 16, session 5, H5): one table of
// small crafted files, each read by the command line's streaming reader (node/xlsx-stream.ts) and the
// editor's in-memory one (xlsx.ts), which must both read what Excel shows —
//   F7  a worksheet left out of the zip's central directory (a local entry between two listed ones),
//   F10 a phonetic guide (`<rPh>`) in a shared and an inline string,
//   F3  an inline rich-text cell (runs, several `<t>`),
//   F3b inline and t="str" text decoded once (`R&amp;D` stays `R&amp;D`),
// and refuse what Excel would not hold (F2: a text past 32,767 characters, too many shared strings;
// local headers that are not the entry the directory lists; a name listed twice), with its words.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { streamXlsxRows } from '../../sheets/node/xlsx-stream.js';
import type { Cell, SheetRow } from '../../sheets/table.js';
import { unreadableXlsx } from '../../sheets/xlsx-part-check.js';
import { readSharedStrings, XlsxTooManyStrings } from '../../sheets/xlsx-xml.js';
import { readXlsxRows } from '../../sheets/xlsx.js';
import { tempDirs } from '../temp-dirs.js';

const dir = tempDirs('kaohe-xlsx-hostile-')();

interface Part { name: string; text: string; hidden?: boolean; localName?: string; stored?: boolean }

/** A zip of `parts` (deflated unless `stored`); a `hidden` part has its local entry only (no central
 * directory record), `localName` puts another name in the local header than in the directory. */
function zip(parts: Part[]): Buffer {
  const out: Buffer[] = [], central: Buffer[] = [];
  let offset = 0, listed = 0;
  for (const p of parts) {
    const raw = Buffer.from(p.text, 'utf8'), data = p.stored ? raw : deflateRawSync(raw), method = p.stored ? 0 : 8;
    const name = Buffer.from(p.name), localName = Buffer.from(p.localName ?? p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(raw), 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(raw.length, 22); local.writeUInt16LE(localName.length, 26);
    if (!p.hidden) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8); c.writeUInt16LE(method, 10);
      c.writeUInt32LE(crc32(raw), 16); c.writeUInt32LE(data.length, 20); c.writeUInt32LE(raw.length, 24); c.writeUInt16LE(name.length, 28);
      c.writeUInt32LE(offset, 42);
      central.push(c, name);
      listed++;
    }
    out.push(local, localName, data);
    offset += 30 + localName.length + data.length;
  }
  const dirBytes = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(listed, 8); end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(dirBytes.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dirBytes, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships ${RELS_NS}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A worksheet whose rows are the given cells' XML (header `id`, `a` first). */
const sheet = (...rows: string[]) => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${
  ['<c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>a</t></is></c>', ...rows]
    .map((cells, i) => `<row r="${i + 1}">${cells}</row>`).join('')}</sheetData></worksheet>`;
const sst = (...items: string[]) => `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${items.map((i) => `<si>${i}</si>`).join('')}</sst>`;
const inline = (ref: string, is: string) => `<c r="${ref}" t="inlineStr"><is>${is}</is></c>`;
const num = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;

/** The workbook's parts with `sheetXml` as sheet1 (and `strings` as the shared strings), `extra` parts before the sheet. */
function book(sheetXml: string, strings?: string, extra: Part[] = [], last: Partial<Part> = {}): Buffer {
  return zip([
    { name: 'xl/workbook.xml', text: WORKBOOK }, { name: 'xl/_rels/workbook.xml.rels', text: WORKBOOK_RELS },
    ...(strings ? [{ name: 'xl/sharedStrings.xml', text: strings }] : []), ...extra,
    { name: 'xl/worksheets/sheet1.xml', text: sheetXml, ...last },
  ]);
}

const RUNS = (n: number) => '<r><t>ab</t></r>'.repeat(n);

/** What both readers read: each file, the rows' cells after the header as Excel shows them. */
const READ: [string, Buffer, Cell[][]][] = [
  ['F7: a worksheet hidden from the central directory is not read, the listed one is',
    book(sheet(inline('A2', '<t>p1</t>') + num('B2', 1)), undefined, [
      { name: 'xl/worksheets/sheet1.xml', text: sheet(inline('A2', '<t>HIDDEN1</t>') + num('B2', 100)), hidden: true },
    ]), [['p1', 1]]],
  ['F7: a hidden entry after the listed sheet is not read either',
    zip([{ name: 'xl/workbook.xml', text: WORKBOOK }, { name: 'xl/_rels/workbook.xml.rels', text: WORKBOOK_RELS },
      { name: 'xl/worksheets/sheet1.xml', text: sheet(inline('A2', '<t>p1</t>') + num('B2', 1)), stored: true },
      { name: 'xl/worksheets/sheet1.xml', text: sheet(inline('A2', '<t>HIDDEN1</t>')), hidden: true, stored: true }]), [['p1', 1]]],
  ['F10: a phonetic guide is not the text (shared and inline)',
    book(sheet('<c r="A2" t="s"><v>0</v></c>' + num('B2', 1), inline('A3', '<t>A002</t><rPh sb="0" eb="1"><t>PHON2</t></rPh>') + num('B3', 2)),
      sst('<t>A001</t><rPh sb="0" eb="1"><t>PHON</t></rPh><phoneticPr fontId="1"/>')), [['A001', 1], ['A002', 2]]],
  ['F10: a phonetic guide inside rich-text runs is left out too',
    book(sheet('<c r="A2" t="s"><v>0</v></c>'), sst('<r><t>综合</t></r><r><rPr><b/></rPr><t>科</t></r><rPh sb="0" eb="2"><t>ZONGHE</t></rPh>')), [['综合科']]],
  ['F3: an inline rich-text cell is all its runs',
    book(sheet(inline('A2', '<r><t>A</t></r><r><rPr><b/></rPr><t>001</t></r>'), inline('A3', '<t>A</t><t>003</t>'))), [['A001'], ['A003']]],
  ['F3b: inline and formula texts are decoded once',
    book(sheet(inline('A2', '<t>R&amp;amp;D</t>'), inline('A3', '<t>x&amp;lt;y &amp; z</t>'), '<c r="A4" t="str"><f>"S"</f><v>S&amp;amp;T</v></c>')),
    [['R&amp;D'], ['x&lt;y & z'], ['S&amp;T']]],
  ['a CDATA section and a prefixed namespace are read as Excel reads them',
    book(`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t><![CDATA[a<b]]></x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`),
    [['a<b']]],
];

/** Files refused as a whole, and the words (en) that say why. */
const REFUSED: [string, Buffer, RegExp][] = [
  ['F2: a shared string of 40,000 characters in runs of two', book(sheet('<c r="A2" t="s"><v>0</v></c>'), sst(RUNS(20000))), /a cell holds more than 32767 characters/],
  ['F2: an inline string of 40,000 characters in runs of two', book(sheet(inline('A2', RUNS(20000)))), /a cell holds more than 32767 characters/],
  ['F2: a formula text of 40,000 characters', book(sheet(`<c r="A2" t="str"><f>"x"</f><v>${'ab<!---->'.repeat(20000)}</v></c>`)), /a cell holds more than 32767 characters/],
  ['F7: a local header naming another entry than the directory', book(sheet(inline('A2', '<t>p1</t>')), undefined, [], { localName: 'xl/worksheets/sheeT.xml' }), /not a valid Excel/],
  ['F7: one name listed twice', zip([{ name: 'xl/workbook.xml', text: WORKBOOK }, { name: 'xl/_rels/workbook.xml.rels', text: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', text: sheet(inline('A2', '<t>p1</t>')) }, { name: 'xl/worksheets/sheet1.xml', text: sheet(inline('A2', '<t>p2</t>')) }]), /not a valid Excel/],
  ['a cell reference past column XFD', book(sheet('<c r="XFE2"><v>1</v></c>')), /not a valid Excel/],
];

let n = 0;
const write = (bytes: Buffer) => { const p = join(dir, `f${n++}.xlsx`); writeFileSync(p, bytes); return p; };
async function streamed(path: string): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const r of streamXlsxRows(path)) rows.push(r);
  return rows;
}
const body = (rows: SheetRow[]) => rows.slice(1).map((r) => r.cells);
const why = async (read: Promise<unknown>) => read.then(() => 'read', (e) => render(unreadableXlsx(e, 'r.xlsx'), 'en'));

describe('the .xlsx readers on hostile files (H5)', () => {
  it.each(READ)('%s — the command line and the editor alike', async (_, bytes, cells) => {
    const rows = await streamed(write(bytes));
    expect(body(rows)).toEqual(cells);
    expect(await readXlsxRows(bytes)).toEqual(rows);
  });

  it.each(REFUSED)('%s — refused by both, with its words', async (_, bytes, words) => {
    expect(await why(streamed(write(bytes)))).toMatch(words);
    expect(await why(readXlsxRows(bytes))).toMatch(words);
  });

  it('refuses more shared strings, or more characters in all, than the limits', async () => {
    async function* text(t: string) { yield t; }
    const items = sst('<t>a</t>', '<t>bb</t>', '<t>ccc</t>');
    expect(await readSharedStrings('s', text(items), { strings: 3, text: 6 })).toEqual(['a', 'bb', 'ccc']);
    await expect(readSharedStrings('s', text(items), { strings: 2, text: 100 })).rejects.toBeInstanceOf(XlsxTooManyStrings);
    await expect(readSharedStrings('s', text(items), { strings: 100, text: 5 })).rejects.toBeInstanceOf(XlsxTooManyStrings);
    expect(render(unreadableXlsx(new XlsxTooManyStrings('s'), 'r.xlsx'), 'zh')).toMatch(/共享文字超过 4194304 条/);
  });
});
