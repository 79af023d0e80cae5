// Which worksheet of an .xlsx roster is read (sheets/sheet-choice.ts; user trial U4 MED-3/LOW-4):
// the template's 名单 sheet wherever it is (also when openpyxl stored absolute part names, which
// exceljs's streaming reader does not match to the sheet's name), else the sheet whose header fits
// the scheme, else the first — the same for the streaming reader (node/xlsx-stream.ts, through
// readRosterFile) and the in-memory one (xlsx.ts, the editor's); a sheet longer than what is kept
// while looking is read again whole. The notice names the sheet read; a cell right of an .xlsx
// header gets no CSV comma hint; a 合计 row is one problem, not one per empty column. Hidden sheets
// (workbook.xml state="hidden"/"veryHidden") are passed over, also one named 名单, unless every sheet
// is hidden (session 5); a sheet without a header row is named, not called the first sheet.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { buildTemplate, parseCsv, readRoster, readXlsxRoster, readXlsxRows, sheetChoice, writeXlsx, type SheetData } from '../../sheets/index.js';
import { readRosterFile } from '../../sheets/node/files.js';
import { streamXlsxRows } from '../../sheets/node/xlsx-stream.js';
import { emptyRoster } from '../../sheets/roster.js';
import { contractOf } from '../../sheets/scheme.js';
import { tempDirs } from '../temp-dirs.js';
import { SMALL_SCHEME as SMALL } from './fixtures.js';

const tempDir = tempDirs('kaohe-sheet-choice-');
const dir = tempDir();

const contract = contractOf(SMALL);
const zh = (p: { msg: Parameters<typeof render>[0] }) => render(p.msg, 'zh');
const en = (p: { msg: Parameters<typeof render>[0] }) => render(p.msg, 'en');

const HEADER = ['编号', '姓名', '岗位', '得分'];
const person = (i: number) => [`P${i}`, `人员${i}`, '科员', 80 + (i % 20)];
const sheet = (name: string, rows: (string | number | null)[][], header = HEADER): SheetData =>
  ({ name, columns: header.map((h) => ({ header: h })), rows });
/** A 填表说明 sheet as government workbooks have it: one row per column, naming it. */
const notes = (name: string) => sheet(name, [['编号', '人员编号，必填'], ['岗位', '文本'], ['得分', '0 至 100']], ['列', '说明']);

async function file(name: string, sheets: SheetData[], absolute = false, hidden: Record<string, string> = {}): Promise<string> {
  let bytes = await writeXlsx({ sheets, locale: 'zh' });
  if (absolute) bytes = await absoluteTargets(bytes);
  if (Object.keys(hidden).length > 0) bytes = await hide(bytes, hidden);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The workbook's relationships as openpyxl writes them (`/xl/worksheets/sheet1.xml`). */
async function absoluteTargets(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  zip.file('xl/_rels/workbook.xml.rels', rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'));
  return zip.generateAsync({ type: 'uint8array' });
}

/** The workbook with the named sheets' state set (`hidden` / `veryHidden`), as Excel's Hide writes it. */
async function hide(bytes: Uint8Array, states: Record<string, string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const book = await zip.file('xl/workbook.xml')!.async('string');
  zip.file('xl/workbook.xml', book.replace(/<sheet ([^>]*?)\/>/g, (tag, attrs: string) => {
    const name = /name="([^"]*)"/.exec(attrs)![1];
    return states[name] ? `<sheet ${attrs.replace(/\s*state="[^"]*"/, '')} state="${states[name]}"/>` : tag;
  }));
  return zip.generateAsync({ type: 'uint8array' });
}

/** The in-memory reader's choice (the editor's, readXlsxRoster) for the same bytes. */
async function inMemory(path: string) {
  const read = await readXlsxRoster(readFileSync(path), contract.fields);
  const rows = await readXlsxRows(readFileSync(path), sheetChoice(emptyRoster(contract.fields)));
  expect(rows.length).toBe(read.index.rows.length + 1); // the header and the people of the same sheet
  return { sheet: read.index.sheet, notices: read.notices.map(zh), ids: read.subjects.map((s) => s.id) };
}

describe('the roster sheet of a workbook', () => {
  it('reads kaohe’s own template with its 说明 sheet moved first (absolute part names), its 名单 sheet without a notice', async () => {
    const t = buildTemplate(contract, 'zh');
    const path = await file('moved.xlsx', [t.sheets[1], t.sheets[0]], true);
    const r = await readRosterFile(path, contract.fields);
    expect(r.problems.map(zh)).toEqual([]);
    expect(r.subjects.map((s) => s.id)).toEqual([t.sheets[0].rows[0][0]]);
    // The template's own sheet name says which sheet is the roster: a notice on every filled template would be noise.
    expect(r.notices.map(zh)).toEqual([]);
    expect((await inMemory(path)).sheet).toBe('名单');
  });

  it('reads the sheet whose header fits the scheme when a 填表说明 sheet comes first', async () => {
    const path = await file('notes-first.xlsx', [notes('填表说明'), sheet('Sheet1', [person(1), person(2)])]);
    const r = await readRosterFile(path, contract.fields);
    expect(r.problems).toEqual([]);
    expect(r.subjects.map((s) => s.id)).toEqual(['P1', 'P2']);
    expect(r.notices.map(zh)).toEqual(['读取工作表 “Sheet1”（工作簿共 2 个工作表）']);
    expect(await inMemory(path)).toEqual({ sheet: 'Sheet1', notices: ['读取工作表 “Sheet1”（工作簿共 2 个工作表）'], ids: ['P1', 'P2'] });
  });

  it('reads a long best sheet again whole when its header lacks a column (it was not kept while looking)', async () => {
    const rows = Array.from({ length: 5100 }, (_, i) => person(i).slice(0, 3)); // no 得分 column: not a full fit
    const path = await file('long.xlsx', [sheet('数据', rows, HEADER.slice(0, 3)), notes('说明')]);
    const r = await readRosterFile(path, contract.fields);
    expect(r.subjects).toHaveLength(5100);
    expect(r.subjects[5099].id).toBe('P5099');
    expect(r.notices.map(zh)).toContain('读取工作表 “数据”（工作簿共 2 个工作表）');
    expect(r.problems.map(zh)).toEqual(['缺少必填列 “得分”，应填数值，0 至 100']);
  }, 60_000);

  it('reads the first sheet when none fits, and says nothing of sheets for a workbook of one', async () => {
    const none = await file('none.xlsx', [sheet('甲', [['x', 'y']], ['a', 'b']), sheet('乙', [['z']], ['c'])]);
    const r = await readRosterFile(none, contract.fields);
    expect(r.notices.map(zh)[0]).toBe('读取工作表 “甲”（工作簿共 2 个工作表）');
    const one = await readRosterFile(await file('one.xlsx', [sheet('Sheet1', [person(1)])]), contract.fields);
    expect(one.notices).toEqual([]);
    expect(one.subjects.map((s) => s.id)).toEqual(['P1']);
  });
});

describe('hidden sheets and a sheet without a header', () => {
  it('passes over a hidden sheet whose header fits, stored first; the notice says a hidden one was not read', async () => {
    const path = await file('hidden-copy.xlsx', [sheet('2025备份', [person(1), person(2)]), sheet('2026', [person(3), person(4)])], false, { '2025备份': 'hidden' });
    const r = await readRosterFile(path, contract.fields);
    const notice = '读取工作表 “2026”（工作簿共 2 个工作表，其中 1 个隐藏的工作表不读取）';
    expect(r.subjects.map((s) => s.id)).toEqual(['P3', 'P4']);
    expect(r.notices.map(zh)).toEqual([notice]);
    expect(r.notices.map(en)).toEqual(['read the worksheet “2026” (the workbook has 2 worksheets; a hidden one is not read)']);
    expect(await inMemory(path)).toEqual({ sheet: '2026', notices: [notice], ids: ['P3', 'P4'] });
    // Without a choice (the editor's round roster): the first visible sheet, not the hidden one.
    expect((await readXlsxRows(readFileSync(path)))[1].cells[0]).toBe('P3');
    const streamed: unknown[] = [];
    for await (const r of streamXlsxRows(path)) streamed.push(r.cells[0]);
    expect(streamed).toEqual(['编号', 'P3', 'P4']);
  });

  it('passes over a very hidden 名单 sheet for the visible list, and a hidden sheet left of a visible 填表说明', async () => {
    const path = await file('hidden-named.xlsx', [notes('说明'), sheet('名单', [person(1)]), sheet('字典', [['科员'], ['科长']], ['岗位']), sheet('人员', [person(5)])], false,
      { 名单: 'veryHidden', 字典: 'hidden' });
    const r = await readRosterFile(path, contract.fields);
    expect(r.subjects.map((s) => s.id)).toEqual(['P5']);
    expect(r.notices.map(en)).toEqual(['read the worksheet “人员” (the workbook has 4 worksheets; 2 hidden ones are not read)']);
    expect((await inMemory(path)).ids).toEqual(['P5']);
  });

  it('chooses among all sheets when every one is hidden (Excel cannot save that; other writers can)', async () => {
    const path = await file('all-hidden.xlsx', [notes('说明'), sheet('Sheet1', [person(1)])], false, { 说明: 'hidden', Sheet1: 'hidden' });
    const r = await readRosterFile(path, contract.fields);
    expect(r.subjects.map((s) => s.id)).toEqual(['P1']);
    expect(r.notices.map(zh)).toEqual(['读取工作表 “Sheet1”（工作簿共 2 个工作表）']);
    expect((await inMemory(path)).ids).toEqual(['P1']);
  });

  it('names the sheet read when it has no header row (not “the first sheet”); a CSV is “the roster”', async () => {
    const path = await file('empty-roster.xlsx', [notes('填表说明'), sheet('名单', [], [])]);
    const r = await readRosterFile(path, contract.fields);
    expect(r.problems.map(zh)).toEqual(['工作表 “名单” 没有表头行：该表没有填写任何内容']);
    expect(r.problems.map(en)).toEqual(['the worksheet “名单” has no header row: nothing is filled in on it']);
    expect((await readXlsxRoster(readFileSync(path), contract.fields)).problems.map(zh)).toEqual(['工作表 “名单” 没有表头行：该表没有填写任何内容']);
    const csv = await readRoster(parseCsv('\n,,\n'), contract.fields);
    expect(csv.problems.map(zh)).toEqual(['名单没有表头行：没有填写任何内容']);
    expect(csv.problems.map(en)).toEqual(['the roster has no header row: nothing is filled in']);
  });
});

describe('rows that are not what a CSV would make them', () => {
  it('an .xlsx value right of the header’s last column: no stray-comma hint', async () => {
    const path = await file('extra.xlsx', [sheet('Sheet1', [[...person(1), '多出']])]);
    const r = await readRosterFile(path, contract.fields);
    expect(r.problems.map(zh)).toEqual(['第 2 行：表头最后一列的右边还有 1 个值，这些列没有表头：请补上列名或清空这些单元格']);
    expect(r.problems.map(en)[0]).not.toMatch(/comma/);
  });

  it('a 合计 row (id or first cells) is one problem, not one per empty column', async () => {
    const path = await file('total.xlsx', [sheet('Sheet1', [person(1), person(2), ['合计', null, null, 161], [null, '总 计', null, 161]])]);
    const r = await readRosterFile(path, contract.fields);
    expect(r.subjects.map((s) => s.id)).toEqual(['P1', 'P2']);
    expect(r.problems.map(zh)).toEqual(['第 4 行：像是合计行（“合计”），不是人员：请删除该行', '第 5 行：像是合计行（“总 计”），不是人员：请删除该行']);
    expect(r.problems.map(en)[0]).toBe('row 4: looks like a total row (“合计”), not a person: delete the row');
    // A person whose name is 合计 is still a person: the id cell decides.
    const named = await readRosterFile(await file('named.xlsx', [sheet('Sheet1', [['P9', '合计', '科员', 90]])]), contract.fields);
    expect(named.problems).toEqual([]);
  });
});
