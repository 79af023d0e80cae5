// User trial U6 M-1 / M-2 (issue 16, session 6): the round page's roster reader
// (editor/src/rounds/sheet.ts) chooses a workbook's sheet as the batch page and `kaohe eval` do
// (sheets/sheet-choice.ts): a WPS export with its 说明 sheet first is read from its roster sheet, with
// the notice naming it; the id column is any of the command line's names (身份证号…), the preferred
// one when there are several; a roster without any names them all; both languages. An inputs part
// (U6 M-4) leaves out the columns the server fills (季度结果), one notice per column.

import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../dsl/service/index.js';
import { writeXlsx } from '../../sheets/index.js';
import { uiModules } from './ui-lang.js';

const load = uiModules(async () => ({ sheet: await import('../../editor/src/rounds/sheet.js') }));

const FIELDS: FieldSpec[] = [
  { name: '单位', type: { kind: 'text' }, required: true },
  { name: '缺勤天数', type: { kind: 'number' }, required: false },
] as FieldSpec[];

/** A WPS-style export: 说明 first, then the roster below a title row, ids in 身份证号. */
async function wpsExport(): Promise<{ name: string; bytes: ArrayBuffer }> {
  const bytes = await writeXlsx({ sheets: [
    { name: '说明', columns: [{ header: '填表说明' }], rows: [['1. 本表由县人事管理信息系统导出，请勿修改表头。'], ['2. 身份证号为文本格式。']] },
    { name: '人员花名册', columns: ['序号', '姓名', '身份证号', '单位', '缺勤天数'].map((header) => ({ header })), rows: [
      [1, '张伟', '110101199001011234', '综合科', 0],
      [2, '王芳', '110101199202022345', '办公室', 3],
    ] },
  ] }, 'zh');
  return { name: '年度考核花名册.xlsx', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

const csv = (text: string) => ({ name: '名册.csv', bytes: new TextEncoder().encode(text).buffer as ArrayBuffer });

describe('the round roster reader: the sheet and the id column the command line takes (U6 M-1, M-2)', () => {
  it('reads the roster sheet of a workbook whose 说明 sheet is first, and says which sheet it read', async () => {
    for (const l of ['zh', 'en'] as const) {
      const { sheet } = await load(l);
      const read = await sheet.readMembers(await wpsExport(), FIELDS);
      expect(read.ok, JSON.stringify(read)).toBe(true);
      if (!read.ok) return;
      expect(read.items.map((m) => [m.id, m.unit, m.display])).toEqual([
        ['110101199001011234', '综合科', { 序号: 1, 姓名: '张伟', 缺勤天数: 0 }],
        ['110101199202022345', '办公室', { 序号: 2, 姓名: '王芳', 缺勤天数: 3 }],
      ]);
      expect(read.notices).toHaveLength(1);
      expect(read.notices[0]).toContain('人员花名册');
      expect(read.notices[0]).toMatch(l === 'zh' ? /\p{Script=Han}{2}/u : /sheet/i);
    }
  });

  it('takes 身份证号 as the id; of 身份证号 and 编号 prefers 编号 as the command line does; names every id header when none is there', async () => {
    const { sheet } = await load('zh');
    const byCard = await sheet.readMembers(csv('姓名,身份证号,单位\n张伟,110101199001011234,综合科'));
    expect(byCard).toMatchObject({ ok: true, items: [{ id: '110101199001011234', unit: '综合科', display: { 姓名: '张伟' } }] });
    const both = await sheet.readMembers(csv('身份证号,编号,单位\n110101199001011234,A1,综合科'));
    expect(both).toMatchObject({ ok: true, items: [{ id: 'A1', display: { 身份证号: '110101199001011234' } }] });
    const none = await sheet.readMembers(csv('姓名,单位\n张伟,综合科'));
    expect(none).toEqual({ ok: false, problems: ['名册没有人员编号列：表头须有“编号”、“id”、“人员编号”、“工号”、“身份证号”、“身份证号码”、“证件号码”、“subject”之一'] });
    const en = await load('en');
    expect(await en.sheet.readMembers(csv('姓名,单位\n张伟,综合科'))).toEqual({ ok: false, problems: [
      'the roster has no column of the person’s ID: its header needs one of “编号”, “id”, “人员编号”, “工号”, “身份证号”, “身份证号码”, “证件号码”, “subject”',
    ] });
  });
});

describe('a round inputs part from the roster template (U6 M-4)', () => {
  it('leaves out the columns the server fills, with one notice per column, not one per person', async () => {
    const fields = [...FIELDS, { name: '季度结果', type: { kind: 'unknown' }, required: false, results: { form: 'resultsOf', scheme: '季评', unit: 'quarterly' } }] as FieldSpec[];
    const rows = Array.from({ length: 30 }, (_, i) => `p${i},综合科,${i % 4},[]`);
    for (const l of ['zh', 'en'] as const) {
      const { sheet } = await load(l);
      const read = await sheet.readInputs(csv(['编号,单位,缺勤天数,季度结果', ...rows].join('\n')), fields, {});
      expect(read.ok, JSON.stringify(read)).toBe(true);
      if (!read.ok) return;
      expect(read.items).toHaveLength(30);
      expect(read.items[5]).toEqual({ id: 'p5', input: { 单位: '综合科', 缺勤天数: 1 } });
      expect(read.notices).toEqual([l === 'zh' ? '“季度结果”列由服务器根据已存的考核结果填写，未上传此列' : 'column “季度结果” is filled by the server from stored results: it was not uploaded']);
    }
  });
});
