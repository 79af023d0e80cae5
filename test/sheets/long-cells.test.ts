// An Excel cell holds at most 32,767 characters; a longer one makes Excel refuse the whole file
// (hostile tester, issue 16, LOW). Every .xlsx writer goes through sheets/xlsx.ts (fillSheet and
// beginSheet: the editor's and the server's writeXlsx, the streamed writeXlsxFile, the streamed
// results of `kaohe eval`), which cuts such a text with a marker in the workbook's language and
// counts the cuts; `kaohe eval --out .xlsx` says how many, and `--out .csv` keeps the text whole.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { people, WINDOW_SCHEME } from '../../bench/roster-data.js';
import { writeXlsxFile } from '../../sheets/node/xlsx-stream.js';
import type { WorkbookData } from '../../sheets/workbook.js';
import { fitCell, longCells, MAX_CELL_CHARS, writeXlsx } from '../../sheets/xlsx.js';
import { memoryIO } from '../memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-long-cells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG = `开头${'长'.repeat(39_990)}结尾`; // 39,994 characters

async function cellsOf(bytes: Uint8Array | string): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  if (typeof bytes === 'string') await book.xlsx.readFile(bytes);
  else await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of book.worksheets) ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') out.push(c.value); }));
  return out;
}

describe('fitCell', () => {
  it('leaves a text that fits; cuts a longer one to the limit, its start kept, a marker saying how long it was', () => {
    expect(fitCell('短', 'zh')).toBe('短');
    expect(fitCell('x'.repeat(MAX_CELL_CHARS), 'en')).toHaveLength(MAX_CELL_CHARS);
    const zh = fitCell(LONG, 'zh'), en = fitCell(LONG, 'en');
    for (const t of [zh, en]) {
      expect(t.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
      expect(t.length).toBeGreaterThan(MAX_CELL_CHARS - 100);
      expect(t.startsWith('开头长长')).toBe(true);
    }
    expect(zh.endsWith('……〔此处截断：原文 39994 字，“Excel” 单元格至多 32767 字〕')).toBe(true);
    expect(en.endsWith('… [cut here: 39994 characters in full; an Excel cell holds at most 32767]')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const marker = fitCell('x'.repeat(MAX_CELL_CHARS + 1), 'en').slice(MAX_CELL_CHARS - 1 - 100).replace(/^x+/, '');
    for (const shift of [0, 1]) {
      const text = `${'x'.repeat(MAX_CELL_CHARS - marker.length - 1 - shift)}${'😀'.repeat(10)}${'y'.repeat(100)}`;
      const cut = fitCell(text, 'en');
      expect(cut.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});

describe('every .xlsx writer', () => {
  const book: WorkbookData = {
    locale: 'zh',
    sheets: [{ name: '表', columns: [{ header: '编号' }, { header: '说明' }], rows: [['A1', LONG], ['A2', '短'], ['A3', `${LONG}${LONG}`]] }],
  };

  it('in memory (editor, server) and streamed to a file: cut in the workbook\'s language, counted', async () => {
    expect(longCells(book)).toBe(2);
    const file = join(dir, 'b.xlsx');
    expect(await writeXlsxFile(file, book)).toBe(2);
    for (const cells of [await cellsOf(await writeXlsx(book)), await cellsOf(file)]) {
      const long = cells.filter((c) => c.startsWith('开头'));
      expect(long).toHaveLength(2);
      for (const c of long) {
        expect(c.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
        expect(c).toMatch(/〔此处截断：原文 (39994|79988) 字，“Excel” 单元格至多 32767 字〕$/);
      }
      expect(cells).toContain('短');
    }
    expect((await cellsOf(await writeXlsx(book, 'en'))).filter((c) => c.includes('[cut here: '))).toHaveLength(2);
  });

  it('kaohe eval ROSTER --out .xlsx: the long input cut and said (zh/en); --out .csv keeps it whole', async () => {
    const ps = people(30, 5).map((p, i) => (i === 7 ? { ...p.subject, input: { ...p.subject.input, 窗口: LONG } } : p.subject));
    writeFileSync(join(dir, 'r.jsonl'), ps.map((s) => JSON.stringify(s)).join('\n') + '\n');
    const zh = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--out', 'o.xlsx', '--lang', 'zh'], zh)).toBe(0);
    // the results sheet's 窗口 column and the distribution sheet's unit (窗口 is the cohort key)
    expect(zh.stderr).toContain('“o.xlsx”：2 个单元格超过 “Excel” 单元格的上限（32767 字），已截断并在截断处注明；“.json” 或 “.csv” 输出保留全文\n');
    const cells = (await cellsOf(join(dir, 'o.xlsx'))).filter((c) => c.startsWith('开头'));
    expect(cells).toHaveLength(2);
    expect(cells.every((c) => c.length <= MAX_CELL_CHARS && c.endsWith('字〕'))).toBe(true);
    const en = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--out', 'o.xlsx', '--lang', 'en'], en)).toBe(0);
    expect(en.stderr).toContain('“o.xlsx”: 2 cells were longer than an Excel cell holds (32767 characters) and cut, marked “[cut here: …]”; a .json or .csv output keeps the full text\n');
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--out', 'o.csv'], memoryIO({}, { disk: true, cwd: dir }))).toBe(0);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toContain(LONG);
  }, 60_000);
});
