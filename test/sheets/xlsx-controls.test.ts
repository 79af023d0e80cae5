// Control characters in a text written to .xlsx (issue 16, session 6): XML 1.0 cannot hold the C0
// controls but tab, LF and CR, and exceljs dropped them without a word — a name pasted from Word with
// its manual line break (U+000B) came out changed and nobody was told. Now every .xlsx writer
// (sheets/xlsx.ts xmlText: in memory for the editor, streamed for the CLI) writes each as its visible
// control picture (U+000B as “␋”), lists the cells, and `kaohe eval --out .xlsx` names them, by
// sheet, row and column, in zh and en; a .csv output keeps the characters.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { render } from '../../dsl/i18n/index.js';
import { people, WINDOW_SCHEME } from '../../bench/roster-data.js';
import { writeXlsxFile } from '../../sheets/node/xlsx-stream.js';
import type { WorkbookData } from '../../sheets/workbook.js';
import { controlsReplaced, writeXlsx, xmlText, type ControlCell } from '../../sheets/xlsx.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-controls-');

/** Each worksheet's cells by address. */
async function cells(bytes: Uint8Array | string): Promise<Record<string, unknown>> {
  const book = new ExcelJS.Workbook();
  if (typeof bytes === 'string') await book.xlsx.readFile(bytes);
  else await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, unknown> = {};
  for (const ws of book.worksheets) ws.eachRow((row) => row.eachCell((c) => { out[`${ws.name}!${c.address}`] = c.value; }));
  return out;
}

describe('control characters in .xlsx', () => {
  it('xmlText writes each C0 control XML cannot hold as its control picture; tab, LF, CR stay', () => {
    expect(xmlText('张\u000B三')).toBe('张␋三');
    expect(xmlText('\u0000\u0007\u001F')).toBe('␀␇␟');
    expect(xmlText('a\tb\nc\rd')).toBe('a\tb\nc\rd');
  });

  const BOOK: WorkbookData = {
    sheets: [{ name: '结果', columns: [{ header: '编号' }, { header: '姓名' }, { header: '' }], rows: [['a', '张\u000B三', 'x'], ['b', '李四', 'y\u0007']] }],
  };

  it.each(['memory', 'stream'])('the %s writer: visible in the file, the cells listed by sheet, row and column', async (how) => {
    const controls: ControlCell[] = [];
    let file: Uint8Array | string;
    if (how === 'memory') file = await writeXlsx(BOOK, 'zh', controls);
    else await writeXlsxFile((file = join(tempDir(), 'c.xlsx')), BOOK, controls);
    const c = await cells(file);
    expect(c['结果!B2']).toBe('张␋三');
    expect(c['结果!C3']).toBe('y␇');
    expect(controls).toEqual([{ sheet: '结果', row: 2, column: '姓名' }, { sheet: '结果', row: 3, column: 'C' }]);
  });

  it('the notice in zh and en, at most five cells named', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ sheet: '结果', row: i + 2, column: '姓名' }));
    expect(render(controlsReplaced('o.xlsx', many.slice(0, 1)), 'zh')).toBe(
      '“o.xlsx”：1 个单元格含有 “Excel” 文件不能保存的控制字符，已改写为可见符号（如 U+000B 写作 “␋”；“.json” 或 “.csv” 输出保留原字符）：工作表 “结果” 第 2 行 “姓名” 列');
    expect(render(controlsReplaced('o.xlsx', many), 'en')).toBe(
      '“o.xlsx”: 7 cells hold control characters an Excel file cannot keep, written as visible symbols instead (U+000B as “␋”; a .json or .csv output keeps them): '
      + 'sheet “结果” row 2, column “姓名”, sheet “结果” row 3, column “姓名”, sheet “结果” row 4, column “姓名”, sheet “结果” row 5, column “姓名”, sheet “结果” row 6, column “姓名”, 2 more');
  });

  it('kaohe eval ROSTER --out .xlsx names the changed cells (zh/en); --out .csv keeps the characters', async () => {
    const dir = tempDir();
    const ps = people(20, 5).map((p, i) => (i === 7 ? { ...p.subject, display: { ...p.subject.display, 姓名: '张\u000B三' } } : p.subject));
    writeFileSync(join(dir, 'r.jsonl'), ps.map((s) => JSON.stringify(s)).join('\n') + '\n');
    const zh = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--out', 'o.xlsx', '--lang', 'zh'], zh)).toBe(0);
    expect(zh.stderr).toMatch(/“o\.xlsx”：1 个单元格含有 “Excel” 文件不能保存的控制字符.*：工作表 “[^”]+” 第 9 行 “姓名” 列\n/);
    const row9 = Object.entries(await cells(join(dir, 'o.xlsx'))).filter(([k]) => /!B9$|!C9$|!D9$/.test(k)).map(([, v]) => v);
    expect(row9).toContain('张␋三');
    const en = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--out', 'o.xlsx', '--lang', 'en'], en)).toBe(0);
    expect(en.stderr).toMatch(/“o\.xlsx”: 1 cell holds control characters .*: sheet “[^”]+” row 9, column “姓名”\n/);
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--out', 'o.csv'], memoryIO({}, { disk: true, cwd: dir }))).toBe(0);
    expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toContain('张\u000B三');
  }, 60_000);
});
