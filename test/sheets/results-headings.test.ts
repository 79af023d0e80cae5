// The results workbook as the officer reads it (U6 L-2): an indicator or group headed by its label
// (重点任务, not the id 一般任务; its id where it has none; `label（id）` where two share a label, so no
// two columns read alike), the id column under the roster's own heading (身份证号, not 编号), and a
// display column of dates (出生日期: the roster reader turns an Excel date into 1983-11-28) written as
// date cells, shown yyyy-mm-dd; the same text in a .csv. The round's results file is the same writer
// (server/rounds/results-book.ts). The CLI end to end: a roster with 身份证号 and Excel dates.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { engine } from '../../engine/index.js';
import type { CohortResult } from '../../engine/api.js';
import { buildResults } from '../../sheets/results.js';
import { contractOf } from '../../sheets/scheme.js';
import { sheetCsv, writeXlsx } from '../../sheets/index.js';
import { memoryIO } from '../memory-io.js';

const SOURCE = `scheme 标签 {
  period annual
  precision 2
  input { 岗位: text  完成率: number  考试: number  满意: number }
  group 个性 "个性指标" weight 100% {
    when 岗位 == "领导" { indicator 领导任务 "重点任务（领导职务）" weight 60% = 完成率 * 100 }
    when 岗位 == "一般" { indicator 一般任务 "重点任务" weight 60% = 完成率 * 100 }
    indicator 业务考试 "重点任务" weight 20% = 考试
    indicator 满意度 weight 20% = 满意
  }
  grades { 称职 when score >= 60  不称职 otherwise }
}`;

const SUBJECTS = [
  { id: '53062319831128001X', input: { 岗位: '领导', 完成率: 1, 考试: 90, 满意: 80 }, display: { 姓名: '闫静', 出生日期: '1983-11-28', 备注: '2026-01-01' } },
  { id: '530623198706211385', input: { 岗位: '一般', 完成率: 0.9, 考试: 80, 满意: 70 }, display: { 姓名: '邓俊婷', 出生日期: '1987-06-21', 备注: '调入' } },
];

async function results(): Promise<CohortResult> {
  const out = await engine.evaluateCohort(engine.prepare(SOURCE).value!, SUBJECTS, { period: '2026', lang: 'zh' });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.value;
}

const dir = mkdtempSync(join(tmpdir(), 'kaohe-headings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('results headings (U6 L-2)', () => {
  it('labels for indicators and groups, the id where there is none, label（id） where two share one', async () => {
    const book = buildResults({ contract: contractOf(SOURCE), subjects: SUBJECTS, result: await results(), locale: 'zh', idHeader: '身份证号' });
    const headers = book.sheets[0]!.columns.map((c) => c.header);
    expect(headers.slice(0, 4)).toEqual(['身份证号', '姓名', '出生日期', '备注']);
    expect(headers).toContain('重点任务（领导职务）');
    expect(headers).toContain('重点任务（一般任务）');
    expect(headers).toContain('重点任务（业务考试）');
    expect(headers).toContain('满意度');
    expect(headers).toContain('个性指标');
    expect(headers).not.toContain('一般任务');
    expect(new Set(headers).size).toBe(headers.length);
    // without the roster's heading: 编号 as before
    const plain = buildResults({ contract: contractOf(SOURCE), subjects: SUBJECTS, result: await results(), locale: 'en' });
    expect(plain.sheets[0]!.columns[0]!.header).toBe('id');
    expect(plain.sheets[0]!.columns.map((c) => c.header)).toContain('重点任务 (一般任务)');
  });

  it('a display column of dates is written as date cells; a column with another value stays text; .csv keeps the text', async () => {
    const book = buildResults({ contract: contractOf(SOURCE), subjects: SUBJECTS, result: await results(), locale: 'zh' });
    const x = new ExcelJS.Workbook();
    await x.xlsx.load((await writeXlsx(book)) as unknown as ArrayBuffer);
    const ws = x.worksheets[0]!;
    const born = ws.getRow(2).getCell(3), note = ws.getRow(2).getCell(4);
    expect(born.value).toEqual(new Date('1983-11-28T00:00:00Z'));
    expect(born.numFmt).toBe('yyyy-mm-dd');
    expect(note.value).toBe('2026-01-01');
    expect(sheetCsv(book.sheets[0]!)).toContain('53062319831128001X,闫静,1983-11-28,2026-01-01,');
  });

  it('kaohe eval --out .xlsx keeps the roster\'s 身份证号 heading and its dates', async () => {
    writeFileSync(join(dir, 's.kaohe'), SOURCE);
    const roster = new ExcelJS.Workbook();
    const ws = roster.addWorksheet('名册');
    ws.addRow(['身份证号', '姓名', '出生日期', '岗位', '完成率', '考试', '满意']);
    ws.addRow(['53062319831128001X', '闫静', new Date(Date.UTC(1983, 10, 28)), '领导', 1, 90, 80]).getCell(3).numFmt = 'yyyy-mm-dd';
    await roster.xlsx.writeFile(join(dir, 'r.xlsx'));
    const io = memoryIO({}, { disk: true });
    expect(await main(['eval', join(dir, 's.kaohe'), join(dir, 'r.xlsx'), '--period', '2026', '--out', join(dir, 'out.xlsx'), '--lang', 'zh'], io), io.stderr).toBe(0);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(join(dir, 'out.xlsx'));
    const row = out.worksheets[0]!.getRow(1).values as unknown[];
    expect(row.slice(1, 4)).toEqual(['身份证号', '姓名', '出生日期']);
    expect(out.worksheets[0]!.getRow(2).getCell(3).value).toEqual(new Date('1983-11-28T00:00:00Z'));
    expect(readFileSync(join(dir, 'out.xlsx')).length).toBeGreaterThan(0);
  });
});
