// GET /api/statistics as a workbook (issue 15): `?format=xlsx` or the Accept header; one sheet per
// table with zh headings (en with `lang=en`); opened with exceljs and its cells read back.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellCsvText } from '../../sheets/index.js';
import type { Fixture } from './helpers.js';
import { quarterScheme, withRoundsApp } from './rounds-helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ID = '统计表格';
const P = '统计精度';

/** What Excel shows for `value` under the number formats used here (`0.00`, `0.0000`, `0.00##`). */
function shown(value: number, fmt: string): string {
  const m = /^0\.(0*)(#*)$/.exec(fmt)!;
  let text = value.toFixed(m[1].length + m[2].length);
  for (let k = 0; k < m[2].length && text.endsWith('0'); k++) text = text.slice(0, -1);
  return text;
}

let f: Fixture;
// 实绩 a 95, b 93, c 91, d 80, e 70 in unit 甲: 优秀 quota 40% of five = two (a, b); c demoted.
withRoundsApp(() => [quarterScheme(ID, { quota: true }), quarterScheme(P)], async (fx, rc) => {
  f = fx;
  const people = (scores: Record<string, number>) => Object.entries(scores).map(([id, v]) => ({ id, unit: '甲', input: { 实绩: v } }));
  await rc.finalRound(ID, '2026-Q1', people({ a: 95, b: 93, c: 91, d: 80, e: 70 }));
  await rc.finalRound(P, '2026-Q1', people({ a: 72.83, b: 75.31, c: 82.5, d: 88.3, e: 90.12, f: 93.16 }));
});

async function workbook(query: string, headers: Record<string, string> = {}, file = /^attachment; filename="statistics\.xlsx"; filename\*=UTF-8''/) {
  const res = await f.app.request(`/api/statistics?${query}`, { headers: { authorization: `Bearer ${f.tokens.A.evaluator}`, ...headers } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  expect(res.headers.get('content-disposition')).toMatch(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe('statistics workbook', () => {
  it('has one sheet per table, zh headings and the numbers of the JSON answer', async () => {
    const name = encodeURIComponent(`统计分析-${ID}-2026-Q1.xlsx`);
    const book = await workbook(`scheme=${encodeURIComponent(ID)}&period=2026-Q1&format=xlsx`, {}, new RegExp(`filename\\*=UTF-8''${name}$`));
    expect(book.worksheets.map((s) => s.name)).toEqual(['等次分布', '名额', '总分', '指标', '指标组', '负面清单与加分', '处理措施', '各单位等次变化', '等次升降人员', '趋势']);
    const dist = book.getWorksheet('等次分布')!;
    expect(rowValues(dist, 1)).toEqual(['考核期', '单位', '人数', '优秀人数', '优秀占比（%）', '称职人数', '称职占比（%）', '未定等次人数', '未定等次占比（%）']);
    expect(rowValues(dist, 2)).toEqual(['2026-Q1', '全部', 5, 2, 40, 3, 60, 0, 0]);
    expect(rowValues(dist, 3).slice(0, 3)).toEqual(['2026-Q1', '甲', 5]);
    const quota = book.getWorksheet('名额')!;
    // A quota applies per 分组 (the scheme's `cohort by`), not per 测评组 (a rating panel).
    expect(rowValues(quota, 1).slice(3)).toEqual(['名额范围', '名额上限', '基数', '确定人数', '正常比例人数', '分组数']);
    expect(rowValues(quota, 2).slice(2, 7)).toEqual(['优秀', '按分组', 2, 5, 2]);
    expect(JSON.stringify(quota.getSheetValues())).not.toContain('测评组');
    // 95 93 91 80 70: mean 429/5 = 85.8, median 91, QUARTILE.INC q1 = 80 (h = 1), q3 = 93 (h = 3).
    const score = book.getWorksheet('总分')!;
    expect(rowValues(score, 1).slice(0, 6)).toEqual(['考核期', '单位', '人数', '平均分', '平均分（精确值）', '最低分']);
    expect(rowValues(score, 2)).toEqual(['2026-Q1', '全部', 5, 85.8, '429/5', 70, 80, 91, 93, 95]);
    // Formats show what the JSON text shows: mean p + 2 (85.8000), min and max p (70.00), quartiles p..p + 2.
    const fmt = (sheet: ExcelJS.Worksheet) => (rowValues(sheet, 1) as string[]).map((_, i) => sheet.getRow(2).getCell(i + 1).numFmt);
    expect(fmt(score).slice(3)).toEqual(['0.0000', '@', '0.00', '0.00##', '0.00##', '0.00##', '0.00']);
  });

  it('shows min and max at the scheme\'s precision, the mean at p + 2, quartiles as exact as the JSON text', async () => {
    const json = await f.app.request(`/api/statistics?scheme=${encodeURIComponent(P)}&period=2026-Q1`, { headers: { authorization: `Bearer ${f.tokens.A.evaluator}` } });
    const row = ((await json.json()) as { periods: { score: { overall: { mean: { text: string } } & Record<string, string> } }[] }).periods[0].score.overall;
    // 72.83 75.31 82.50 88.30 90.12 93.16: q1 h = 1.25, median h = 2.5, q3 h = 3.75 (QUARTILE.INC).
    const texts = [row.mean.text, row.min, row.q1, row.median, row.q3, row.max];
    expect(texts).toEqual(['83.7033', '72.83', '77.1075', '85.40', '89.665', '93.16']);
    const score = (await workbook(`scheme=${encodeURIComponent(P)}&period=2026-Q1&format=xlsx`, {}, /./)).getWorksheet('总分')!;
    const cells = [4, 6, 7, 8, 9, 10].map((c) => score.getRow(2).getCell(c));
    expect(cells.map((c) => shown(c.value as number, c.numFmt))).toEqual(texts);
    // The same columns as CSV text (sheets/workbook.ts): p fixed places, up to two more when there.
    const q = { header: '', decimals: 2, moreDecimals: 2 };
    expect([85.4, 77.1075, 89.665].map((v) => cellCsvText(v, q))).toEqual(['85.40', '77.1075', '89.665']);
    expect([87, 87.5].map((v) => cellCsvText(v, { header: '', decimals: 0, moreDecimals: 2 }))).toEqual(['87', '87.5']);
  });

  it('answers the workbook for the Accept header too; lang=en gives en headings', async () => {
    const book = await workbook(`scheme=${encodeURIComponent(ID)}&period=2026-Q1&lang=en`, { accept: XLSX });
    expect(book.worksheets[0].name).toBe('Distribution');
    expect(rowValues(book.worksheets[0], 1).slice(0, 3)).toEqual(['Period', 'Unit', 'People']);
  });

  it('a refused query is still a JSON error', async () => {
    const res = await f.app.request(`/api/statistics?scheme=${encodeURIComponent(ID)}&period=2025-Q1&format=xlsx`, { headers: { authorization: `Bearer ${f.tokens.A.evaluator}` } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('no_rounds');
  });
});
