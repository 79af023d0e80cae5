// The cohort panel's reader (editor/src/cohort-data.ts) is plain code: tested here without a browser.

import { describe, expect, it } from 'vitest';
import { decodeFile, emptyQuotas, parseCohort, parseCsv } from '../../editor/src/cohort-data.js';
import type { FieldSpec } from '../../dsl/service/index.js';

const fields: FieldSpec[] = [
  { name: '岗位', type: { kind: 'enum', name: '岗位', members: [{ name: '行政执法' }] }, required: true },
  { name: '缺勤天数', type: { kind: 'number' }, required: true },
  { name: '处分', type: { kind: 'bool' }, required: false, default: false },
  { name: '平时考核', type: { kind: 'list', element: { kind: 'enum', name: '平时等次', members: [] } }, required: true },
  { name: '评价', type: { kind: 'ratings', panel: 'P', categories: [{ name: '上级' }] }, required: true },
];

describe('cohort data', () => {
  it('reads CSV typed by the input contract, with ratings columns and list cells', () => {
    const csv = 'id,岗位,缺勤天数,处分,平时考核,评价.上级,评价.同级\nA1,行政执法,2,否,好;较好,90;85,\n"A2",行政执法,0.5,是,好,95,"88;90"\n';
    expect(parseCohort(csv, fields)).toEqual([
      { id: 'A1', input: { 岗位: '行政执法', 缺勤天数: 2, 处分: false, 平时考核: ['好', '较好'], 评价: { 上级: [90, 85] } } },
      { id: 'A2', input: { 岗位: '行政执法', 缺勤天数: 0.5, 处分: true, 平时考核: ['好'], 评价: { 上级: [95], 同级: [88, 90] } } },
    ]);
  });

  it('reads JSON as {subjects}, an array of subjects, or an array of inputs', () => {
    const s = [{ id: 'A', input: { 缺勤天数: 1 } }];
    expect(parseCohort(JSON.stringify({ subjects: s }), fields)).toEqual(s);
    expect(parseCohort(JSON.stringify(s), fields)).toEqual(s);
    expect(parseCohort('[{"缺勤天数": 3}]', fields)).toEqual([{ id: 'S1', input: { 缺勤天数: 3 } }]);
  });

  it('parses quoted CSV cells with escaped quotes, CRLF and full-width commas', () => {
    expect(parseCsv('a,"b ""x"", c"\r\nd，e')).toEqual([['a', 'b "x", c'], ['d', 'e']]);
  });

  it('keeps a value that does not parse, so the server names the problem', () => {
    expect(parseCohort('id,缺勤天数\nA,两天', fields)[0].input).toEqual({ 缺勤天数: '两天' });
  });
});

describe('decodeFile', () => {
  it('reads UTF-8 (with or without a BOM) as UTF-8, and bytes that are not UTF-8 as GB18030 (Excel on Chinese Windows)', () => {
    const csv = '编号,岗位\r\nA1,行政执法\r\n';
    const utf8 = new TextEncoder().encode(csv);
    expect(decodeFile(utf8.buffer as ArrayBuffer)).toEqual({ text: csv, encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeFile(bom.buffer)).toEqual({ text: csv, encoding: 'utf-8' });
    // 编号,岗位 / A1,行政执法 in GBK
    const gbk = new Uint8Array([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xb8, 0xda, 0xce, 0xbb, 0x0d, 0x0a, 0x41, 0x31, 0x2c, 0xd0, 0xd0, 0xd5, 0xfe, 0xd6, 0xb4, 0xb7, 0xa8, 0x0d, 0x0a]);
    expect(decodeFile(gbk.buffer)).toEqual({ text: csv, encoding: 'gb18030' });
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
