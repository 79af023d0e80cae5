// Issue 12 in rosters (sheets/ballots.ts, cells.ts, template.ts): a ballot panel laid out as one
// column per rater category and criterion (`测评票.本处室.德` holding `100、95、90`, `-` for a criterion
// a ballot leaves blank), read back into ballots and evaluated to the scheme's own examples; errors
// inside a ballot located at the criterion's column with the ballot's number; values on a scale
// described and offered as a drop-down; date columns from Excel dates and Chinese-style text;
// a scheme's own 姓名 input not doubled by the template's 姓名 column.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { parseCsv } from '../../sheets/csv.js';
import { locateErrors, readRoster } from '../../sheets/roster.js';
import { contractOf } from '../../sheets/scheme.js';
import { buildTemplate } from '../../sheets/template.js';
import { sheetCsv } from '../../sheets/workbook.js';
import { readXlsxRows } from '../../sheets/xlsx.js';
import { schemeSource } from './fixtures.js';

const BALLOTS = schemeSource('quarterly-ballots');
const DISCIPLINE = schemeSource('discipline-records');
const ballots = contractOf(BALLOTS);
const discipline = contractOf(DISCIPLINE);
const prepared = (src: string) => { const p = prepare(src, 'x.kaohe'); if (!p.value) throw new Error('scheme'); return p.value; };

const zh = (p: { msg: Parameters<typeof render>[0] }) => render(p.msg, 'zh');

describe('ballot panels in a roster', () => {
  const book = buildTemplate(ballots, 'zh');
  const head = book.sheets[0].columns.map((c) => c.header);

  it('lays a ballot panel out one column per category and criterion, the example’s ballots in order', () => {
    expect(head.slice(0, 4)).toEqual(['编号', '姓名', '处室', '职务层次']); // the scheme’s 姓名, not a second one
    expect(buildTemplate(ballots, 'en').sheets[0].columns.map((c) => c.header).slice(0, 3)).toEqual(['id', '姓名', '处室']);
    expect(head.filter((h) => h.startsWith('测评票.本处室.'))).toEqual(['测评票.本处室.德', '测评票.本处室.能', '测评票.本处室.勤', '测评票.本处室.绩', '测评票.本处室.廉']);
    const row = book.sheets[0].rows[0];
    // 王敏: 本处室's five ballots' 德 are 100, 100, 100, 95, 90.
    expect(row[head.indexOf('测评票.本处室.德')]).toBe('100、100、100、95、90');
    expect(row[head.indexOf('测评票.自评.德')]).toBe('95');
    // A value on a scale is a drop-down of the scale’s values.
    expect(book.sheets[0].columns[head.indexOf('负责人意见')].choices).toEqual(['100', '95', '90', '85', '80', '75', '65', '60', '55']);
    const notes = book.sheets[1].rows.map((r) => r.join(' | '));
    expect(notes.find((r) => r.startsWith('负责人意见 |'))).toContain('量表“测评档次”中的值：优秀（100、95、90）、称职（85、80、75）、基本称职（65、60）、不称职（55）');
    expect(notes.find((r) => r.startsWith('测评票.全厅.勤 |'))).toContain('“德能勤绩廉测评票” 中 “全厅人员” 各票的 “勤” 评分');
    expect(notes.some((r) => r.startsWith('测评票（如 “测评票.自评.德”）：每个测评类别的每个要素一列'))).toBe(true);
  });

  it('reads the template back into the example’s ballots and scores it as the example says (王敏 94.41)', async () => {
    const roster = await readRoster(parseCsv(sheetCsv(book.sheets[0])), ballots.fields);
    expect(roster.problems).toEqual([]);
    expect(roster.subjects[0].input.测评票).toEqual(ballots.examples[0].input.测评票);
    const out = await evaluateCohort(prepared(BALLOTS), roster.subjects);
    expect(out.ok && out.value.results[0].score).toBe(94.41);
  });

  it('writes “/” and takes “/”, “-” or 不了解 for a criterion a ballot leaves blank: 李强 90.16', async () => {
    const li = ballots.examples.find((e) => e.name === '李强')!;
    const csv = sheetCsv(buildTemplate({ ...ballots, examples: [li] }, 'zh').sheets[0]);
    expect(csv).toContain('100,90,/,108'); // 分管领导's 效率 column: one ballot, blank
    for (const blank of ['/', '不了解', '—']) {
      const roster = await readRoster(parseCsv(csv.replace('100,90,/,108', `100,90,${blank},108`)), ballots.fields);
      expect(roster.subjects[0].input.工作评价票).toEqual({ 处室负责人: [{ 数量: 100, 质量: 90, 效率: 90 }], 分管领导: [{ 数量: 100, 质量: 90 }] });
    }
    const roster = await readRoster(parseCsv(csv), ballots.fields);
    const out = await evaluateCohort(prepared(BALLOTS), roster.subjects);
    expect(out.ok && out.value.results[0].score).toBe(90.16);
  });

  it('names the column and the ballot of a rating off the scale, and of an incomplete ballot', async () => {
    const csv = sheetCsv(book.sheets[0]).replace('100、100、100、95、90', '100、100、93、95、90').replace('100、100、95、95、85', '100、100、95、95、-')
      .replace('100、95、90、95、85', '100、95、90、95、/').replace('100、95、90、95、80', '100、95、90、95、-').replace('100、100、95、95、90', '100、100、95、95、弃权');
    const roster = await readRoster(parseCsv(csv), ballots.fields);
    expect(roster.problems).toEqual([]);
    const out = await evaluateCohort(prepared(BALLOTS), roster.subjects);
    expect(out.ok).toBe(false);
    const located = out.ok ? [] : locateErrors(roster, out.errors);
    const lines = located.map((p) => `${p.row}|${p.column}|${zh(p)}`);
    expect(lines).toContain('2|测评票.本处室.德|第 2 行 “测评票.本处室.德” 列：第 3 票：93 不在量表“评分档”之内：优秀（100、95、90）、称职（85、80、75）、基本称职（65、60）、不称职（55）');
    // Ballots are trimmed whole (`每 整票`): the 5th ballot, rated only on 德, must be complete.
    expect(lines).toContain('2|测评票.本处室.德|第 2 行 “测评票.本处室.德” 列：第 5 票：测评组按整票去掉（“每 整票”），每张选票都须评全所有要素；缺少：能、勤、绩、廉');
  });
});

describe('date columns and the period', () => {
  it('reads dates typed as Excel dates, as 2026/4/1 and as 2026年6月30日, and evaluates with the period (example 一号)', async () => {
    const book = buildTemplate(discipline, 'zh');
    const head = book.sheets[0].columns.map((c) => c.header);
    expect(head).toContain('考勤记录[1].发生日期');
    const row = [...book.sheets[0].rows[0]];
    expect(row[head.indexOf('考勤记录[1].发生日期')]).toBe('2026-03-31');
    expect(book.sheets[1].rows.at(-1)).toEqual(['本方案按考核周期评定（如 “2026-Q1”）：周期不在名册中填写，评定时在“批量评定”面板的“考核周期”一栏填写，或在命令行加 “--period 2026-Q1”。']);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(head);
    row[head.indexOf('考勤记录[1].发生日期')] = new Date(Date.UTC(2026, 2, 31)) as never;
    row[head.indexOf('考勤记录[2].发生日期')] = '2026/4/1';
    row[head.indexOf('考勤记录[3].发生日期')] = '2026年6月30日';
    ws.addRow(row);
    const roster = await readRoster(await readXlsxRows(new Uint8Array(await wb.xlsx.writeBuffer())), discipline.fields);
    expect(roster.problems).toEqual([]);
    expect((roster.subjects[0].input.考勤记录 as { 发生日期: string }[]).map((r) => r.发生日期)).toEqual(['2026-03-31', '2026-04-01', '2026-06-30']);
    expect(roster.subjects[0].input.诫勉记录).toEqual(['2025-06-30']);
    const out = await evaluateCohort(prepared(DISCIPLINE), roster.subjects, { period: '2026-Q2' });
    expect(out.ok && out.value.results[0].score).toBe(94.5);
    // Without a period: one problem of the whole roster, not a “period” column.
    const none = await evaluateCohort(prepared(DISCIPLINE), roster.subjects);
    expect(!none.ok && none.errors[0].code).toBe('KH-E032');
    const located = none.ok ? [] : locateErrors(roster, none.errors);
    expect(located.map((p) => [p.row, p.column, p.code])).toEqual([[undefined, undefined, 'KH-E032']]);
    expect(zh(located[0])).toContain('本方案用到了周期开始或周期结束');
  });

  it('says a scheme asks for a period, of which kind and form (the editor shows the field)', () => {
    expect(discipline.period).toEqual({ kind: 'quarterly', form: '2026-Q1', required: true });
    expect(ballots.period).toEqual({ kind: 'quarterly', form: '2026-Q1', required: false });
    expect(discipline.examples.map((e) => e.period)).toContain('2026-Q4');
  });
});
