// The cohort panel's JSON reader and quota check (editor/src/cohort-data.ts) are plain code: tested
// here without a browser. (Rosters as CSV and .xlsx are read by sheets/, tested in test/sheets/.)

import { describe, expect, it } from 'vitest';
import { emptyQuotas, looksLikeJson, parseJsonSubjects } from '../../editor/src/cohort-data.js';

describe('cohort JSON', () => {
  it('reads {subjects}, an array of subjects (with their display fields), or an array of inputs', () => {
    const s = [{ id: 'A', input: { 缺勤天数: 1 }, display: { 姓名: '张三' } }];
    expect(parseJsonSubjects(JSON.stringify({ subjects: s }))).toEqual({ subjects: s });
    expect(parseJsonSubjects(JSON.stringify(s))).toEqual({ subjects: s });
    expect(parseJsonSubjects('[{"缺勤天数": 3}]')).toEqual({ subjects: [{ id: 'S1', input: { 缺勤天数: 3 } }] });
  });

  it('says what is wrong instead of throwing the parser\'s English words', () => {
    expect(parseJsonSubjects('{"subjects": [')).toMatchObject({ problem: { kind: 'syntax' } });
    const at = parseJsonSubjects('[{"a": 1,}]');
    expect(at).toMatchObject({ problem: { kind: 'syntax' } });
    if ('problem' in at && at.problem.kind === 'syntax' && at.problem.at !== undefined) expect(at.problem.at).toBeGreaterThan(1);
    expect(parseJsonSubjects('{"people": []}')).toEqual({ problem: { kind: 'shape' } });
    expect(parseJsonSubjects('[1, 2]')).toEqual({ problem: { kind: 'shape' } });
  });

  it('tells JSON from a pasted table', () => {
    expect(looksLikeJson('  {"subjects": []}')).toBe(true);
    expect(looksLikeJson('[]')).toBe(true);
    expect(looksLikeJson('编号,姓名\nA1,张三')).toBe(false);
  });
});

describe('emptyQuotas', () => {
  it('names the cohorts where a quota allowed nobody although people were graded', () => {
    const cohorts = [
      { key: '一处', size: 3, quotas: [{ grade: '优秀', limit: 0, base: 3, admitted: [], ties: [] }] },
      { key: '二处', size: 10, quotas: [{ grade: '优秀', limit: 2, base: 10, admitted: ['a'], ties: [] }] },
      { key: '三处', size: 0, quotas: [{ grade: '优秀', limit: 0, base: 0, admitted: [], ties: [] }] },
    ];
    expect(emptyQuotas(cohorts)).toEqual([{ cohort: '一处', grade: '优秀', base: 3 }]);
  });
});
