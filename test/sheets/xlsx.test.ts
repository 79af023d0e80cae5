// Reading .xlsx: the in-memory reader (the browser's) and the streaming one (the command line's) give
// the same cells — numbers as Excel stores them (17 digits) read back as the decimal typed, formulas
// as their cached result, errors as text — and a file that is not .xlsx is one problem, not a throw.
// The streaming reader takes the zip's parts in any order (xlsx-parts.ts: strings and workbook handed
// over first, the sheet never copied to a temporary file) and skips empty rows keeping row numbers.

import { readdirSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRosterFile } from '../../sheets/node/files.js';
import { xlsxLayout } from '../../sheets/node/xlsx-parts.js';
import { streamXlsxRows, writeXlsxFile } from '../../sheets/node/xlsx-stream.js';
import type { SheetRow } from '../../sheets/table.js';
import { readXlsxRows, writeXlsx } from '../../sheets/xlsx.js';
import { contract, problemsOf, zh } from './fixtures.js';
import { rawXlsx, type RawCell } from './raw-xlsx.js';
import { tempDirs } from '../temp-dirs.js';

const tempXlsxDir = tempDirs('kaohe-xlsx-');
const tempXlsxTmpDir = tempDirs('kaohe-xlsx-tmp-');
const dir = tempXlsxDir();
const file = (name: string, data: Uint8Array | string) => { const p = join(dir, name); writeFileSync(p, data); return p; };
const collect = async (rows: AsyncIterable<SheetRow>) => { const out: SheetRow[] = []; for await (const r of rows) out.push(r); return out; };

describe('xlsx cells', () => {
  const bytes = rawXlsx([
    ['s:编号', 's:岗位', 's:单位', 's:结案数', 's:满意率', 's:考评分.上级', 's:票.赞成', 's:任务', 's:表彰'],
    ['n:110101199001011234', 's:受理', 'n:1001', 'f:A1+1=80', 'n:0.92674999999999996', 'n:92.674999999999997', 'n:3', 's:[]', 'b:1'],
    ['s:00123', 's:受理', 's:一科', 'e:#N/A', null, 'n:90', 'n:3', 's:[]', 'b:0'],
  ]);

  it('reads the same rows in memory and as a stream: doubles, formula results, errors, booleans', async () => {
    const inMemory = await readXlsxRows(bytes);
    expect(inMemory[1].cells).toEqual([110101199001011230, '受理', 1001, 80, 0.92675, 92.675, 3, '[]', true]);
    expect(inMemory[2].cells).toEqual(['00123', '受理', '一科', '#N/A', null, 90, 3, '[]', false]);
    expect(await collect(streamXlsxRows(file('cells.xlsx', bytes)))).toEqual(inMemory);
  });

  it('reads shared strings stored after the worksheet (exceljs streams the sheet before it has them)', async () => {
    const last = rawXlsx([['s:编号', 's:岗位'], ['s:00123', 't:0']], ['受理']);
    const rows = await collect(streamXlsxRows(file('sst-last.xlsx', last)));
    expect(rows[1].cells).toEqual(['00123', '受理']);
    expect(rows).toEqual(await readXlsxRows(last));
  });

  it('streams shared strings stored before or after the sheet, reads the workbook parts first, each entry where the central directory says, and leaves other parts out', async () => {
    const rows: RawCell[][] = [['s:编号', 's:岗位'], ['s:00123', 't:0'], [], ['x:', 'x:'], ['t:1', 'n:7']];
    for (const first of [true, false]) {
      const path = file(`order-${first}.xlsx`, rawXlsx(rows, ['受理', 'A5'], first));
      const streamed = await collect(streamXlsxRows(path));
      expect(streamed).toEqual([{ row: 1, cells: ['编号', '岗位'] }, { row: 2, cells: ['00123', '受理'] }, { row: 5, cells: ['A5', 7] }]);
      expect(streamed).toEqual(await readXlsxRows(await readFile(path)));
      const handle = await open(path);
      const bytes = await readFile(path);
      const layout = (await xlsxLayout(handle))!;
      await handle.close();
      expect(layout.entries.map((e) => e.name)).toEqual(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']);
      for (const e of layout.entries) {
        expect(bytes.toString('utf8', e.offset + 30, e.offset + 30 + bytes.readUInt16LE(e.offset + 26))).toBe(e.name);
        expect(e.start).toBe(e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28));
      }
    }
  });

  it('streams what exceljs writes (deflated entries, data descriptors, workbook.xml last) as the in-memory reader reads it', async () => {
    const book = { sheets: [{ name: '名单', columns: [{ header: '编号', text: true }, { header: '姓名' }, { header: '分' }], rows: [['001', '张三', 90], [null, null, null], ['002', '李四', 80.5]] }] };
    const inMemory = await writeXlsx(book);
    expect(await collect(streamXlsxRows(file('exceljs-memory.xlsx', inMemory)))).toEqual(await readXlsxRows(inMemory));
    const streamedPath = join(dir, 'exceljs-stream.xlsx');
    await writeXlsxFile(streamedPath, book);
    expect(await collect(streamXlsxRows(streamedPath))).toEqual(await readXlsxRows(inMemory));
  });

  it('reads a sheet of inline strings straight from the zip: no temporary copy of the sheet', async () => {
    const path = file('inline.xlsx', rawXlsx([['s:编号'], ['s:A1'], ['s:A2']]));
    const tmp = tempXlsxTmpDir();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // where exceljs would write the sheet while waiting for a string table
    try {
      const seen: string[][] = [];
      for await (const r of streamXlsxRows(path)) seen.push(readdirSync(tmp).concat(String(r.cells[0])));
      expect(seen).toEqual([['编号'], ['A1'], ['A2']]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('reports a bad cell after thousands of empty rows at its own row and column', async () => {
    const head: RawCell[] = ['s:编号', 's:岗位', 's:单位', 's:结案数', 's:考评分.上级', 's:票.赞成', 's:任务'];
    const person = (id: string, cases: RawCell): RawCell[] => [`s:${id}`, 's:受理', 's:一科', cases, 'n:90', 'n:3', 's:[{"名称":"甲","难度":"一般","完成率":1}]'];
    const rows: RawCell[][] = [head, person('A1', 'n:3')];
    for (let i = 0; i < 5000; i++) rows.push(i % 2 ? [] : [null, null, 'x:', 'x:']);
    rows.push(person('A2', 't:0'));
    const roster = await readRosterFile(file('padded.xlsx', rawXlsx(rows, ['八十'])), contract.fields);
    expect(roster.subjects.map((x) => x.id)).toEqual(['A1', 'A2']);
    expect((await problemsOf(roster)).map(zh)).toEqual(['第 5003 行 “结案数” 列：应为整数，不小于 0，实为 “八十”']);
  });

  it('gives the engine the decimal typed (92.675, not 92.67499…) and hands an error value (#N/A) on as text for the engine to report', async () => {
    const roster = await readRosterFile(file('roster.xlsx', bytes), contract.fields);
    expect(roster.subjects[0].input).toMatchObject({ 满意率: 0.92675, 考评分: { 上级: [92.675] }, 单位: '1001', 结案数: 80 });
    expect(roster.subjects[0].id).toBe('110101199001011230');
    expect(roster.subjects[1].id).toBe('00123');
    expect(roster.subjects[1].input.结案数).toBe('#N/A');
  });

  it('writes the same workbook streamed as in memory', async () => {
    const book = { sheets: [{ name: '结果', columns: [{ header: '编号', text: true }, { header: '总分', decimals: 2 }], rows: [['A1', 97], ['A2', 92.675]] }] };
    const streamed = join(dir, 'streamed.xlsx');
    await writeXlsxFile(streamed, book);
    const a = await collect(streamXlsxRows(streamed));
    const b = await readXlsxRows(await writeXlsx(book));
    expect(a).toEqual(b);
    expect(a).toEqual([{ row: 1, cells: ['编号', '总分'] }, { row: 2, cells: ['A1', 97] }, { row: 3, cells: ['A2', 92.675] }]);
  });

  it('turns a file that is not .xlsx, a missing file and an unknown extension into one problem each', async () => {
    const broken = await readRosterFile(file('broken.xlsx', 'not a zip'), contract.fields);
    expect(broken.problems.map(zh)).toEqual(['无法读取 “broken.xlsx”：不是有效的 “.xlsx” 表格文件']);
    const missing = await readRosterFile(join(dir, 'nope.csv'), contract.fields);
    expect(missing.problems.map(zh)).toEqual(['无法读取 “nope.csv”']);
    // exceljs's own read stream of a missing file had no 'error' listener: the process ended.
    const noXlsx = await readRosterFile(join(dir, 'nope.xlsx'), contract.fields);
    expect(noXlsx.problems.map(zh)).toEqual(['无法读取 “nope.xlsx”']);
    const odd = await readRosterFile(file('roster.ods', 'x'), contract.fields);
    expect(odd.problems.map(zh)).toEqual(['无法读取 “roster.ods”：请使用 “.xlsx”、“.csv”、“.json” 或 “.jsonl” 文件']);
  });

  it('reads GBK .csv files and JSON lines', async () => {
    // 编号,岗位 … in GB18030 bytes
    const gbk = new Uint8Array(Buffer.from('b1e0bac52cb8dacebb2cb5a5cebb2cbde1b0b8cafd2cbfbcc6c0b7d62ec9cfbcb62cc6b12ed4deb3c92cc8cecef10d0a41312ccadcc0ed2cd2bbbfc62c312c39302c312c5b5d0d0a', 'hex'));
    const csv = await readRosterFile(file('gbk.csv', gbk), contract.fields);
    expect(csv.problems).toEqual([]);
    expect(csv.subjects).toEqual([{ id: 'A1', input: { 岗位: '受理', 单位: '一科', 结案数: 1, 考评分: { 上级: [90] }, 票: { 赞成: 1 }, 任务: [] } }]);
    const lines = await readRosterFile(file('r.jsonl', '{"id":"A1","input":{"结案数":9007199254740993},"display":{"姓名":"张三"}}\n\nnot json\n[1]\n'), contract.fields);
    expect(lines.subjects).toHaveLength(1);
    expect(lines.subjects[0].display).toEqual({ 姓名: '张三' });
    expect(lines.problems.map(zh)).toEqual(['第 3 行：不是有效的 “JSON” 数据', '第 4 行：应为一个人员对象，含 “id” 与 “input”']);
  });
});
