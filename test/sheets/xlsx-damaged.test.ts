// A damaged .xlsx roster is refused as a whole (sheets/node/xlsx-check.ts), never read as a shorter
// roster and never left hanging: a worksheet cut short inside a sound zip (hostile F5), a byte changed
// in a stored or deflated sheet, a zip cut at ¾ (F6), and a run of white space or text longer than any
// cell holds (F7: was parsed in super-linear time). Files of a few KB to 2 MiB, built in memory.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRosterFile } from '../../sheets/node/files.js';
import { rosterStream } from '../../sheets/node/roster-stream.js';
import { writeXlsx } from '../../sheets/xlsx.js';
import { contract, zh } from './fixtures.js';
import { rawXlsx, type RawCell } from './raw-xlsx.js';
import { tempDirs } from '../temp-dirs.js';

const tempXlsxDamagedDir = tempDirs('kaohe-xlsx-damaged-');
const dir = tempXlsxDamagedDir();
const file = (name: string, data: Uint8Array) => { const p = join(dir, name); writeFileSync(p, data); return p; };
const HEAD: RawCell[] = ['s:编号', 's:岗位', 's:单位', 's:结案数', 's:考评分.上级', 's:票.赞成', 's:任务'];
const person = (id: string): RawCell[] => [`s:${id}`, 's:受理', 's:一科', 'n:3', 'n:90', 'n:3', 's:[]'];
const ROWS = [HEAD, ...Array.from({ length: 20 }, (_, i) => person(`A${i + 1}`))];
const invalid = (name: string) => `无法读取 “${name}”：不是有效的 “.xlsx” 表格文件`;

/** The roster read both ways (whole, and as the streaming cohort's first pass): its subjects' count and problems. */
async function read(name: string, bytes: Uint8Array) {
  const path = file(name, bytes);
  const whole = await readRosterFile(path, contract.fields);
  const stream = rosterStream(path, contract.fields);
  let streamed = 0;
  for await (const s of stream.source.open()) if (s) streamed++;
  expect(stream.roster.problems.map(zh)).toEqual(whole.problems.map(zh));
  expect(streamed).toBe(whole.subjects.length);
  return { subjects: whole.subjects.length, problems: whole.problems.map(zh) };
}

describe('damaged .xlsx rosters', () => {
  it('reads the sound file (the control)', async () => {
    expect(await read('sound.xlsx', rawXlsx(ROWS))).toEqual({ subjects: 20, problems: [] });
  });

  it('refuses a worksheet cut short at a row boundary or inside a cell, though its zip is sound', async () => {
    const atRow = (xml: string) => xml.slice(0, xml.indexOf('<row r="12"'));
    const inCell = (xml: string) => xml.slice(0, xml.indexOf('<c r="B12"') + 6);
    expect(await read('cut-row.xlsx', rawXlsx(ROWS, undefined, false, atRow))).toEqual({ subjects: 0, problems: [invalid('cut-row.xlsx')] });
    expect(await read('cut-cell.xlsx', rawXlsx(ROWS, undefined, false, inCell))).toEqual({ subjects: 0, problems: [invalid('cut-cell.xlsx')] });
  });

  it('refuses a changed byte (CRC-32), a corrupt deflate stream and a zip cut at ¾, without hanging', async () => {
    const stored = rawXlsx(ROWS);
    const at = stored.indexOf('<v>90</v>');
    stored[at + 3] = '8'.charCodeAt(0); // 90 → 80: a sound sheet, the wrong score
    expect(await read('changed.xlsx', stored)).toEqual({ subjects: 0, problems: [invalid('changed.xlsx')] });
    const book = { sheets: [{ name: '名单', columns: HEAD.map((h) => ({ header: String(h).slice(2) })), rows: Array.from({ length: 300 }, (_, i) => [`A${i}`, '受理', '一科', 3, 90, 3, '[]']) }] };
    const deflated = Buffer.from(await writeXlsx(book));
    const sheetAt = deflated.indexOf('xl/worksheets/sheet1.xml') + 60;
    for (let k = 0; k < 4; k++) deflated[sheetAt + k * 7] ^= 0x5a;
    expect(await read('corrupt.xlsx', deflated)).toEqual({ subjects: 0, problems: [invalid('corrupt.xlsx')] });
    const sound = Buffer.from(await writeXlsx(book));
    expect(await read('cut.xlsx', sound.subarray(0, Math.floor(sound.length * 3 / 4)))).toEqual({ subjects: 0, problems: [invalid('cut.xlsx')] });
  });

  it('refuses more than 1 MiB of white space or text without a tag, with its own message', async () => {
    const spaces = (xml: string) => xml.replace('</sheetData>', `${' '.repeat((1 << 20) + 1)}</sheetData>`);
    const long = `无法读取 “spaces.xlsx”：文件中有超过 1 兆字节的连续文字或空白，超出任何单元格的容量`;
    expect(await read('spaces.xlsx', rawXlsx(ROWS, undefined, false, spaces))).toEqual({ subjects: 0, problems: [long] });
    const text = rawXlsx([...ROWS, ['s:B1', `s:${'长'.repeat(400_000)}`]]); // 1.2 MB of UTF-8 in one cell
    expect((await read('text.xlsx', text)).problems).toEqual([long.replace('spaces', 'text')]);
    const under = (xml: string) => xml.replace('</sheetData>', `${' '.repeat(1 << 19)}</sheetData>`);
    expect(await read('under.xlsx', rawXlsx(ROWS, undefined, false, under))).toEqual({ subjects: 20, problems: [] });
  });
});
