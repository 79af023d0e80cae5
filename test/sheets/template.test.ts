// sheets/template.ts through sheets/xlsx.ts: a template generated from a scheme, written as .xlsx and
// read back as a roster, gives the scheme's first example input again — for every reference scheme —
// and explains each column in a notes sheet, in Chinese or English.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { readRoster } from '../../sheets/roster.js';
import { contractOf } from '../../sheets/scheme.js';
import { buildTemplate } from '../../sheets/template.js';
import { sheetCsv } from '../../sheets/workbook.js';
import { readXlsxRows, writeXlsx } from '../../sheets/xlsx.js';
import { parseCsv } from '../../sheets/csv.js';
import { contract, schemeSource } from './fixtures.js';

const SCHEMES = ['province-annual', 'quarterly-routine', 'annual-composite', 'window-quarterly', 'leaders-annual'];

describe('roster template', () => {
  for (const name of SCHEMES) {
    it(`${name}: the example row reads back as the scheme's first example, from .xlsx and .csv`, async () => {
      const c = contractOf(schemeSource(name));
      expect(c.examples.length).toBeGreaterThan(0);
      for (const locale of ['zh', 'en'] as const) {
        const book = buildTemplate(c, locale);
        const fromXlsx = await readRoster(await readXlsxRows(await writeXlsx(book)), c.fields);
        expect(fromXlsx.problems).toEqual([]);
        expect(fromXlsx.subjects).toEqual([{ id: c.examples[0].name, input: c.examples[0].input }]);
        const fromCsv = await readRoster(parseCsv(sheetCsv(book.sheets[0])), c.fields);
        expect(fromCsv.subjects).toEqual(fromXlsx.subjects);
      }
    });
  }

  it('lays out ids, 姓名, inputs, ratings categories, numbered list items and record parts, with a notes sheet', async () => {
    const book = buildTemplate(contract, 'zh');
    const [roster, notes] = book.sheets;
    expect(roster.name).toBe('名单');
    expect(roster.columns.map((c) => c.header)).toEqual([
      '编号', '姓名', '岗位', '单位', '结案数', '满意率', '考评分.上级', '考评分.同级',
      '任务[1].名称', '任务[1].难度', '任务[1].完成率', '任务[2].名称', '任务[2].难度', '任务[2].完成率',
      '票.赞成', '票.反对', '季度分', '表彰',
    ]);
    expect(roster.rows[0]).toEqual(['受理岗', null, '受理', '一科', 80, null, '95、90', '88', '课题', '困难', 1.2, null, null, null, 10, null, null, '是']);
    expect(notes.name).toBe('说明');
    const byColumn = new Map(notes.rows.map((r) => [r[0], r]));
    expect(byColumn.get('结案数')).toEqual(['结案数', '全年结案数', '整数，不小于 0', '是', null]);
    expect(byColumn.get('满意率')).toEqual(['满意率', '', '数值，0 至 1', '否', 1]);
    expect(byColumn.get('考评分.上级')).toEqual(['考评分.上级', '“考评分” 中 “分管领导” 的评分', '0 至 100 的分数，多个用 “、” 分隔', '否', null]);
    expect(byColumn.get('任务[1].难度')).toEqual(['任务[1].难度', '“任务” 第 1 项的 难度', '一般、困难 之一', '是', null]);
    expect(byColumn.get('任务[2].难度')![3]).toBe('否');
    // its default, the empty list, as it is written (`[]`: an empty cell would be a missing input, U11)
    expect(byColumn.get('季度分')).toEqual(['季度分', '', '列表（每项：数值，0 至 100），用 “、” 分隔', '否', '[]']);
    expect(byColumn.get('表彰')).toEqual(['表彰', '', '是或否', '否', '否']);
    expect(notes.rows.flat()).toContain('一格中的多个值（测评分、列表）用 “、” 分隔；“任务[1].名称” 这样带序号的列填写记录列表，项数不够时照样增加列。');
  });

  it('writes the notes and headers in English with --lang en', () => {
    const book = buildTemplate(contract, 'en');
    expect(book.sheets.map((s) => s.name)).toEqual(['roster', 'notes']);
    expect(book.sheets[0].columns.slice(0, 2).map((c) => c.header)).toEqual(['id', 'name']);
    const notes = new Map(book.sheets[1].rows.map((r) => [r[0], r]));
    expect(notes.get('结案数')).toEqual(['结案数', '全年结案数', 'an integer ≥ 0', 'yes', null]);
    expect(notes.get('季度分')![2]).toBe('a list of a number from 0 to 100, separated by “、”');
    expect(book.sheets[0].rows[0].at(-1)).toBe('true');
  });

  it('makes an example from the contract when the scheme has none', () => {
    const book = buildTemplate({ ...contract, examples: [] }, 'zh');
    // 单位 (text): a word, not an empty cell the engine would call missing (U11)
    expect(book.sheets[0].rows[0].slice(0, 6)).toEqual(['A001', null, '受理', '示例', 0, 1]);
  });

  it('keeps ids as text, offers enum members and 是/否 in drop-downs, freezes and bolds the header', async () => {
    const bytes = await writeXlsx(buildTemplate(contract, 'zh'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('A500').numFmt).toBe('@');
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"受理,审批"'] });
    expect(ws.getCell('C900').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('R2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(book.worksheets[1].name).toBe('说明');
    expect(render({ id: 'sheets.sheetNotes' }, 'en')).toBe('notes');
  });
});
