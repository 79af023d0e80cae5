// User trial U6 H-1 (issue 16, session 6): the round page sends a roster's columns that are scheme
// inputs (受党纪处分, 缺勤天数) as each member's `input` (editor/src/rounds/roster-columns.ts), read as
// the inputs upload reads them (是 → true, numbers exactly); never the `cohort by` field (the roster's
// 单位) nor a server-filled one; a value that does not read refuses the upload by row and column.
// The server's side (checked, stored, the answer's notice): test/server/rounds6-roster-inputs.test.ts.

import { describe, expect, it } from 'vitest';
import type { Contract, FieldSpec } from '../../dsl/service/index.js';
import { uiModules } from './ui-lang.js';

const load = uiModules(async () => ({
  sheet: await import('../../editor/src/rounds/sheet.js'),
  columns: await import('../../editor/src/rounds/roster-columns.js'),
}));

const CONTRACT = {
  cohortBy: '单位', grades: ['优秀', '称职', '不称职'], precision: 2,
  fields: [
    { name: '单位', type: { kind: 'text' }, required: true },
    { name: '实绩', type: { kind: 'number' }, required: true },
    { name: '受党纪处分', type: { kind: 'bool' }, required: false, default: false },
    { name: '缺勤天数', type: { kind: 'number' }, required: false, default: 0 },
    { name: '季度结果', type: { kind: 'unknown' }, required: false, results: {} },
  ] as FieldSpec[],
} as unknown as Contract;

const csv = (text: string) => ({ name: '名册.csv', bytes: new TextEncoder().encode(text).buffer as ArrayBuffer });

async function read(text: string, l: 'zh' | 'en' = 'zh') {
  const { sheet, columns } = await load(l);
  const members = await sheet.readMembers(csv(text), CONTRACT.fields);
  if (!members.ok) throw new Error(JSON.stringify(members));
  return columns.withRosterInputs(csv(text), members.items, CONTRACT, {});
}

describe('a round roster\'s scheme-input columns (U6 H-1)', () => {
  it('are each member\'s input, read as the inputs upload reads them; the unit and filled fields are not', async () => {
    const got = await read('编号,姓名,单位,受党纪处分,缺勤天数,季度结果\n龙浩玉,龙浩玉,纪委,是,3,\n侯鹏刚,侯鹏刚,纪委,否,0.5,\n李伟,李伟,纪委,,,');
    expect(got).toMatchObject({ ok: true });
    if (!got.ok) return;
    expect(got.items.map((m) => [m.id, m.unit, m.input])).toEqual([
      ['龙浩玉', '纪委', { 受党纪处分: true, 缺勤天数: 3 }],
      ['侯鹏刚', '纪委', { 受党纪处分: false, 缺勤天数: 0.5 }],
      ['李伟', '纪委', undefined],
    ]);
    // The display keeps what the file shows (a CSV's text).
    expect(got.items[0].display).toEqual({ 姓名: '龙浩玉', 受党纪处分: '是', 缺勤天数: '3' });
  });

  it('a roster without such columns is sent as before', async () => {
    const got = await read('编号,姓名,单位\nA1,张伟,综合科');
    expect(got).toEqual({ ok: true, items: [{ id: 'A1', status: 'take', unit: '综合科', display: { 姓名: '张伟' } }], notices: [] });
  });

  it('a number that does not read exactly refuses the upload, naming the row and the column', async () => {
    for (const l of ['zh', 'en'] as const) {
      const got = await read(`编号,单位,缺勤天数\nA1,综合科,1${'0'.repeat(400)}`, l);
      expect(got.ok).toBe(false);
      if (got.ok) return;
      const text = got.problems.map((p) => (typeof p === 'string' ? p : p.map((x) => (typeof x === 'string' ? x : x.textContent)).join(''))).join('\n');
      expect(text).toMatch(l === 'zh' ? /第\s*2\s*行/ : /row 2/i);
      expect(text).toContain('缺勤天数');
    }
  });
});
