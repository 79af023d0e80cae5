// sheets/results.ts: results per person — id, display fields, inputs, indicator and group scores,
// total, grade, reasons, actions — with the scheme's precision, and the grade distribution per unit.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CohortResult } from '../../engine/api.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { parseCsv } from '../../sheets/csv.js';
import { buildResults, mergeOrder } from '../../sheets/results.js';
import { sheetCsv } from '../../sheets/workbook.js';
import { writeXlsx } from '../../sheets/xlsx.js';
import { contract, csvRoster, prepared } from './fixtures.js';

const HEAD = '编号,姓名,科室,岗位,单位,结案数,考评分.上级,考评分.同级,任务[1].名称,任务[1].难度,任务[1].完成率,票.赞成,表彰';
const roster = () => csvRoster([
  HEAD,
  'A1,张三,综合科,受理,一科,100,100,100,课题,困难,1,10,是',
  'A2,李四,综合科,受理,一科,100,100,100,课题,困难,1,10,否',
  'A3,王五,,审批,二科,0,60,60,调研,一般,0.5,3,否',
].join('\n'));

async function cohort() {
  const r = await roster();
  const out = await evaluateCohort(prepared, r.subjects);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return { subjects: r.subjects, result: out.value as CohortResult };
}

describe('results as CSV: formula injection', () => {
  it('writes text starting with = + - @ tab or CR with a leading apostrophe, numbers unchanged', () => {
    const csv = sheetCsv({
      name: 'r', columns: [{ header: '=cmd|calc' }, { header: '姓名' }, { header: 'score', decimals: 2 }],
      rows: [['=HYPERLINK("http://x","y")', '+1', -3.5], ['-2', '@SUM(A1)', 0], ['\tx', '\rz', 1], ['张三', 'a=b', 2]],
    });
    expect(parseCsv(csv.slice(1)).map((r) => r.cells)).toEqual([
      ["'=cmd|calc", '姓名', 'score'],
      [`'=HYPERLINK("http://x","y")`, "'+1", '-3.50'],
      ["'-2", "'@SUM(A1)", '0.00'],
      ["'\tx", "'\rz", '1.00'],
      ['张三', 'a=b', '2.00'],
    ]);
  });
});

describe('results workbook', () => {
  it('has one row per person with display fields, inputs, scores at the scheme precision, grade and reasons', async () => {
    const { subjects, result } = await cohort();
    const book = buildResults({ contract, subjects, result, locale: 'zh' });
    const [sheet, dist] = book.sheets;
    expect(sheet.name).toBe('考核结果');
    const headers = sheet.columns.map((c) => c.header);
    expect(headers.slice(0, 3)).toEqual(['编号', '姓名', '科室']);
    expect(headers).toEqual(expect.arrayContaining(['考评分.上级', '任务[1].完成率', '评价', '办案', '任务完成', '满意', '基础分', '总加分', '总扣分', '总分', '评定等次', '等次依据', '措施']));
    const csv = parseCsv(sheetCsv(sheet)).map((r) => r.cells);
    const col = (h: string) => headers.indexOf(h);
    expect(csv[1][col('姓名')]).toBe('张三');
    expect(csv[3][col('科室')]).toBe('');
    expect(csv[1][col('总分')]).toBe('101.00');
    expect(csv[1][col('办案')]).toBe('100.00');
    expect(csv[1][col('表彰')]).toBe('是');
    expect(csv[3][col('考评分.上级')]).toBe('60');
    // quota 50% of 2 in 一科 is 1: A2 is demoted, and says why
    expect(result.results[1].grade).toBe('称职');
    expect(csv[2][col('评定等次')]).toBe('称职');
    expect(csv[2][col('等次依据')]).toContain(result.results[1].quota!.reason);
    expect(dist.name).toBe('等次分布');
    expect(dist.columns.map((c) => c.header)).toEqual(['单位', '人数', '优秀', '称职', '不称职', '不定等次']);
    expect(dist.rows).toEqual([['一科', 2, 1, 1, 0, 0], ['二科', 1, 0, 0, 1, 0], ['合计', 3, 1, 1, 1, 0]]);
  });

  it('writes scores as numbers with the precision format in .xlsx', async () => {
    const { subjects, result } = await cohort();
    const bytes = await writeXlsx(buildResults({ contract, subjects, result, locale: 'en' }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const score = headers.indexOf('score') + 1;
    expect(ws.getRow(2).getCell(score).value).toBe(101);
    expect(ws.getRow(2).getCell(score).numFmt).toBe('0.00');
    expect(book.worksheets.map((w) => w.name)).toEqual(['results', 'distribution']);
    expect((book.worksheets[1].getRow(4).values as unknown[]).slice(1)).toEqual(['total', 3, 1, 1, 1, 0]);
    // The id column shows an 18-digit ID number in full (default font: about one width unit a digit).
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(19);
  });

  it('writes one subject evaluated alone, its display fields from the subject', async () => {
    const { subjects } = await cohort();
    const out = await evaluate(prepared, subjects[2]);
    if (!out.ok) throw new Error('failed');
    const book = buildResults({ contract, subjects: [subjects[2]], result: out.value, locale: 'zh' });
    expect(book.sheets[0].rows).toHaveLength(1);
    expect(book.sheets[0].rows[0].slice(0, 2)).toEqual(['A3', '王五']);
    expect(book.sheets[1].rows).toEqual([['全部', 1, 0, 0, 1, 0]]);
  });
});

describe('results: roster columns named like result columns', () => {
  it('renames a display column called 总分 or 评定等次 so the real columns stand alone under their headers', async () => {
    const { subjects, result } = await cohort();
    const forge = <T extends { display?: Record<string, string | number> }>(x: T): T => ({ ...x, display: { ...x.display, 总分: '100', 评定等次: '优秀' } });
    const book = buildResults({ contract, subjects: subjects.map(forge), result: { ...result, results: result.results.map(forge) }, locale: 'zh' });
    const head = book.sheets[0].columns.map((c) => c.header);
    expect(head.filter((h) => h === '总分')).toHaveLength(1);
    expect(head).toContain('总分（名册）');
    expect(head).toContain('评定等次（名册）');
    expect(head.indexOf('总分（名册）')).toBeLessThan(head.indexOf('总分'));
  });
});

describe('mergeOrder', () => {
  it('keeps every subject’s order of the indicators that apply to it', () => {
    expect(mergeOrder([['群众评价', '按时办结', '受理量', '出勤'], ['群众评价', '按时办结', '审批量', '审批时效', '出勤']]))
      .toEqual(['群众评价', '按时办结', '审批量', '审批时效', '受理量', '出勤']);
    expect(mergeOrder([['b'], ['a', 'b', 'c']])).toEqual(['a', 'b', 'c']);
  });
});
