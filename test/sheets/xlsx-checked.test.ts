// The in-memory .xlsx reader (sheets/xlsx.ts readXlsxRows: what the editor does with a dropped file)
// checks the file whole before exceljs loads it (sheets/xlsx-part-check.ts), as the command line's
// streaming reader does: a worksheet cut short in a sound zip, a changed byte, corrupt deflate data,
// a zip cut at ¾, a part inflating past its stated size (a zip bomb) are refused, not read as a
// shorter roster or left to freeze the page; more than 1 MiB without a tag and more than 128 MiB of
// parts are refused with their own words (zh/en). And Zip64 files (sheets/zip-directory.ts) are
// read and checked by both readers, not handed to exceljs unchecked.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { readRosterFile } from '../../sheets/node/files.js';
import { readXlsxRows, writeXlsx } from '../../sheets/xlsx.js';
import { unreadableXlsx } from '../../sheets/xlsx-part-check.js';
import { contract, zh } from './fixtures.js';
import { rawXlsx, type RawCell } from './raw-xlsx.js';
import { tempDirs } from '../temp-dirs.js';

const dir = tempDirs('kaohe-xlsx-checked-')();

const HEAD: RawCell[] = ['s:编号', 's:岗位', 's:单位', 's:结案数', 's:考评分.上级', 's:票.赞成', 's:任务'];
const person = (id: string): RawCell[] => [`s:${id}`, 's:受理', 's:一科', 'n:3', 'n:90', 'n:3', 's:[]'];
const ROWS = [HEAD, ...Array.from({ length: 20 }, (_, i) => person(`A${i + 1}`))];
const atRow = (xml: string) => xml.slice(0, xml.indexOf('<row r="12"'));

/** What the in-memory reader does with the bytes: its rows' count, or the words of its refusal (zh, en). */
async function inMemory(bytes: Uint8Array): Promise<number | [string, string]> {
  try {
    return (await readXlsxRows(bytes)).length;
  } catch (e) {
    const msg = unreadableXlsx(e, 'f.xlsx');
    return [render(msg, 'zh'), render(msg, 'en')];
  }
}

const invalid = ['无法读取 “f.xlsx”：不是有效的 “.xlsx” 表格文件', 'cannot read “f.xlsx”: not a valid Excel (.xlsx) file'];

/** A sound file's bytes with the deflated worksheet of `writeXlsx` replaced by `xml`, stating `size`. */
async function withSheet(xml: Buffer, size: number): Promise<Buffer> {
  const name = 'xl/worksheets/sheet1.xml';
  const book = Buffer.from(await writeXlsx({ sheets: [{ name: 'a', columns: [{ header: 'x' }], rows: [] }] }));
  const dirAt = book.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
  const central = book.indexOf(name, dirAt) - 46;
  const local = book.readUInt32LE(central + 42);
  const start = local + 30 + book.readUInt16LE(local + 26) + book.readUInt16LE(local + 28);
  const data = deflateRawSync(xml);
  const before = book.subarray(0, start), after = book.subarray(start + book.readUInt32LE(central + 20));
  const out = Buffer.concat([before, data, after]);
  const shift = data.length - book.readUInt32LE(central + 20);
  const c = central + shift;
  out.writeUInt32LE(data.length, c + 20);
  out.writeUInt32LE(size, c + 24);
  // entries after the sheet and the directory moved by `shift`
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  for (let p = out.readUInt32LE(end + 16) + shift; out.readUInt32LE(p) === 0x02014b50; p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32)) {
    if (out.readUInt32LE(p + 42) > local) out.writeUInt32LE(out.readUInt32LE(p + 42) + shift, p + 42);
  }
  out.writeUInt32LE(out.readUInt32LE(end + 16) + shift, end + 16);
  return out;
}

describe('the in-memory .xlsx reader (the editor)', () => {
  it('reads the sound file (the control) and refuses a damaged one with the cannot-read words', async () => {
    expect(await inMemory(rawXlsx(ROWS))).toBe(21);
    expect(await inMemory(rawXlsx(ROWS, undefined, false, atRow))).toEqual(invalid);
    const changed = rawXlsx(ROWS);
    changed[changed.indexOf('<v>90</v>') + 3] = '8'.charCodeAt(0);
    expect(await inMemory(changed)).toEqual(invalid);
    const book = { sheets: [{ name: '名单', columns: HEAD.map((h) => ({ header: String(h).slice(2) })), rows: Array.from({ length: 300 }, (_, i) => [`A${i}`, '受理', '一科', 3, 90, 3, '[]']) }] };
    const corrupt = Buffer.from(await writeXlsx(book));
    const sheetAt = corrupt.indexOf('xl/worksheets/sheet1.xml') + 60;
    for (let k = 0; k < 4; k++) corrupt[sheetAt + k * 7] ^= 0x5a;
    expect(await inMemory(corrupt)).toEqual(invalid);
    const sound = Buffer.from(await writeXlsx(book));
    expect(await inMemory(sound)).toBe(301);
    expect(await inMemory(sound.subarray(0, Math.floor(sound.length * 3 / 4)))).toEqual(invalid);
  });

  it('refuses more than 1 MiB without a tag, and a part inflating past its stated size, without parsing it', async () => {
    const spaces = (xml: string) => xml.replace('</sheetData>', `${' '.repeat((1 << 20) + 1)}</sheetData>`);
    expect(await inMemory(rawXlsx(ROWS, undefined, false, spaces))).toEqual([
      '无法读取 “f.xlsx”：文件中有超过 1 兆字节的连续文字或空白，超出任何单元格的容量',
      'cannot read “f.xlsx”: it holds a text or a run of spaces of more than 1 MiB, more than any cell can hold',
    ]);
    const rows = '<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(400_000); // 15 MB of sound XML, stated as 1 KB
    const sheet = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    const bomb = await withSheet(sheet, 1000);
    expect(await inMemory(bomb)).toEqual(invalid);
    // stopped at the stated size by the check (JSZip would inflate it all first, however large)
    await expect(readXlsxRows(bomb)).rejects.toThrow('xl/worksheets/sheet1.xml: longer than its stated size');
  });

  it('refuses parts stating more than 128 MiB in all before inflating them, with its own words', async () => {
    const sheet = Buffer.from('<worksheet><sheetData/></worksheet>');
    expect(await inMemory(await withSheet(sheet, 129 << 20))).toEqual([
      '无法读取 “f.xlsx”：文件解压后超过 128 兆字节，不能整个读入内存；命令行的 “kaohe eval” 可逐行读取',
      'cannot read “f.xlsx”: it unpacks to more than 128 MiB, more than is read whole in memory; `kaohe eval` on the command line reads it row by row',
    ]);
  });
});

describe('Zip64 .xlsx files', () => {
  /** Rows read whole (in memory) and persons read by the command line's streaming reader, or their problems. */
  async function both(name: string, bytes: Buffer) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const roster = await readRosterFile(path, contract.fields);
    return { inMemory: await inMemory(bytes), streamed: roster.problems.length ? roster.problems.map(zh) : roster.subjects.length };
  }

  it('are read by both readers, the same as the file without Zip64', async () => {
    expect(await both('plain.xlsx', rawXlsx(ROWS))).toEqual({ inMemory: 21, streamed: 20 });
    expect(await both('zip64.xlsx', rawXlsx(ROWS, ['共享'], false, undefined, true))).toEqual({ inMemory: 21, streamed: 20 });
  });

  it('are checked like any other: a worksheet cut short is refused by both', async () => {
    expect(await both('cut64.xlsx', rawXlsx(ROWS, undefined, false, atRow, true))).toEqual({
      inMemory: invalid, streamed: ['无法读取 “cut64.xlsx”：不是有效的 “.xlsx” 表格文件'],
    });
  });
});
