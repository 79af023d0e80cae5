// Ids in rosters as the API takes them (hostile H5 F2, F8; engine/subject-id.ts): at most 200
// characters, no control character, no lone surrogate — refused at the id cell's row and column
// (a .csv or .xlsx roster) or at the line (.jsonl), by the in-memory and the streamed cohort alike;
// and JSON lines that are not UTF-8 (GBK, a stray byte) refused at their line and byte (F4), as the
// API refuses such a body, with the hint that a .csv roster may be GBK.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCohort } from '../../engine/index.js';
import { IdCheck } from '../../engine/stream/ids.js';
import { idFlaw, MAX_ID_CHARS } from '../../engine/subject-id.js';
import { render } from '../../dsl/i18n/index.js';
import { readRosterFile } from '../../sheets/node/files.js';
import { readXlsxRows } from '../../sheets/xlsx.js';
import { readRoster } from '../../sheets/roster.js';
import { contract, csvRoster, en, prepared, problemsOf, zh } from './fixtures.js';
import { rawXlsx } from './raw-xlsx.js';
import { tempDirs } from '../temp-dirs.js';

const dir = tempDirs('kaohe-ids-')();
const HEAD = '编号,姓名,科室,岗位,单位,结案数,考评分.上级,考评分.同级,任务[1].名称,任务[1].难度,任务[1].完成率,票.赞成';
const REST = ',张三,综合科,受理,一科,80,95、90,88,课题,困难,1.2,10';
const INPUT = { 岗位: '受理', 单位: '一科', 结案数: 80, 考评分: { 上级: [95, 90], 同级: [88] }, 任务: [{ 名称: '课题', 难度: '困难', 完成率: 1.2 }], 票: { 赞成: 10 } };

describe('ids as the API takes them', () => {
  it('says what is wrong with an id, and nothing for a valid one', () => {
    expect(idFlaw('A001')).toBeUndefined();
    expect(idFlaw('张'.repeat(MAX_ID_CHARS))).toBeUndefined();
    expect(idFlaw('😀'.repeat(100))).toBeUndefined(); // 200 code units, pairs whole
    expect(render(idFlaw('x'.repeat(201))!, 'en')).toBe('the id has 201 characters, more than 200');
    expect(render(idFlaw('q\u0001')!, 'zh')).toBe('编号含控制字符（U+0001），表格中看不见');
    for (const id of ['a\u0000b', 'tab\there', 'c1\u0085', 'nc\uffff', 'del\u007f']) expect(idFlaw(id), id).toBeDefined();
    expect(render(idFlaw('p\ud800')!, 'en')).toMatch(/lone surrogate/);
    expect(render(idFlaw('\udc00p')!, 'en')).toMatch(/lone surrogate/);
  });

  it('refuses them in a .csv roster at the id cell, in-memory and streamed cohort alike', async () => {
    const r = await csvRoster(`${HEAD}\nA1${REST}\n"q\u0001"${REST}\n${'x'.repeat(201)}${REST}\nA2${REST}`);
    expect((await problemsOf(r)).map(zh)).toEqual([
      '第 3 行 “编号” 列：编号含控制字符（U+0001），表格中看不见',
      '第 4 行 “编号” 列：编号有 201 个字符，超过 200 个',
    ]);
    const check = new IdCheck(10);
    ['A1', 'q\u0001', 'x'.repeat(201), 'A2', 'p\ud800'].forEach((id, i) => check.see(i, id));
    const batch = await evaluateCohort(prepared, ['A1', 'q\u0001', 'x'.repeat(201), 'A2', 'p\ud800'].map((id) => ({ id, input: INPUT })));
    expect(batch.ok).toBe(false);
    expect(check.errors.map((e) => render(e.msg!, 'en'))).toEqual((batch.ok ? [] : batch.errors).map((e) => render(e.msg!, 'en')));
    expect(check.errors.map((e) => e.path)).toEqual(['subjects[1].id', 'subjects[2].id', 'subjects[4].id']);
  });

  it('refuses them in an .xlsx roster (a 300-character id no longer goes through)', async () => {
    const rows = await readXlsxRows(rawXlsx([['s:编号', 's:岗位'], ['s:A1', 's:受理'], [`s:${'ab'.repeat(150)}`, 's:受理']]));
    const r = await readRoster(rows, contract.fields);
    expect((await problemsOf(r)).map(en)).toContain('row 3, column “编号”: the id has 300 characters, more than 200');
  });

  it('refuses a .jsonl line that is not UTF-8 at its line and byte, and reads the others', async () => {
    const path = join(dir, 'gbk.jsonl');
    const good = (id: string) => Buffer.from(`${JSON.stringify({ id, input: INPUT })}\n`);
    writeFileSync(path, Buffer.concat([good('A1'), Buffer.from('{"id":"p'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('"}\n'), good('\ufffd1')]));
    const roster = await readRosterFile(path, contract.fields);
    expect(roster.subjects.map((s) => s.id)).toEqual(['A1', '\ufffd1']); // a U+FFFD written as UTF-8 is a character like any other
    expect(roster.problems.map(en)).toEqual([
      'line 2: not valid UTF-8 (byte 9 of the line is 0xd5): JSON lines are read as UTF-8, as the API reads them; save the file as UTF-8 (a .csv roster may also be GBK)',
    ]);
    expect(roster.problems.map(zh)[0]).toMatch(/^第 2 行：不是有效的 “UTF-8” 文本（此行第 9 个字节为 “0xd5”）/);
  });
});
