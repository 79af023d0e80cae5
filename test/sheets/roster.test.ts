// sheets/roster.ts + columns.ts + cells.ts: a roster read against the scheme's inputs. Extra columns
// are display fields (one notice, "did you mean" for a near name); every problem is named by row and
// column, all at once; a wrong or missing column is reported once, not once per row; ids stay text.

import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { readRoster } from '../../sheets/roster.js';
import { readXlsxRows } from '../../sheets/xlsx.js';
import { rawXlsx } from './raw-xlsx.js';
import { contractOf } from '../../sheets/scheme.js';
import { contract, csvRoster, en, problemsOf, schemeSource, zh } from './fixtures.js';

const HEAD = '编号,姓名,科室,岗位,单位,结案数,考评分.上级,考评分.同级,任务[1].名称,任务[1].难度,任务[1].完成率,票.赞成';
const ROW = (id: string, more = '') => `${id},张三,综合科,受理,一科,80,95、90,88,课题,困难,1.2,10${more}`;

describe('reading a roster', () => {
  it('types each cell by its input and places it: ratings categories, list items, records', async () => {
    const r = await csvRoster(`${HEAD},表彰,季度分,满意率\n${ROW('A1', ',是,"90、85.5",95%')}`);
    expect(r.problems).toEqual([]);
    expect(r.subjects).toEqual([{
      id: 'A1',
      input: {
        岗位: '受理', 单位: '一科', 结案数: 80, 考评分: { 上级: [95, 90], 同级: [88] },
        任务: [{ 名称: '课题', 难度: '困难', 完成率: 1.2 }], 票: { 赞成: 10 }, 表彰: true, 季度分: [90, 85.5], 满意率: 0.95,
      },
      display: { 姓名: '张三', 科室: '综合科' },
    }]);
  });

  it('keeps extra columns as display fields with one notice', async () => {
    const r = await csvRoster(`${HEAD},职务\n${ROW('A1', ',科员')}\n${ROW('A2', ',副科长')}`);
    expect(r.problems).toEqual([]);
    expect(r.notices.map(zh)).toEqual(['以下列不是方案的输入，作为人员信息保留，不参与计算：姓名、科室、职务']);
    expect(r.subjects[1].display).toEqual({ 姓名: '张三', 科室: '综合科', 职务: '副科长' });
  });

  it('names the first ten extra columns and counts the rest (16,384 columns: not a 180 KB line)', async () => {
    const extra = Array.from({ length: 25 }, (_, i) => `备注${i + 1}`);
    const r = await csvRoster(`${HEAD},${extra.join(',')}\n${ROW('A1', ','.repeat(25))}`);
    expect(r.notices.map(zh)).toEqual([`以下列不是方案的输入，作为人员信息保留，不参与计算：姓名、科室、${extra.slice(0, 8).join('、')}、…另有 17 列`]);
    expect(r.notices.map(en)[0]).toMatch(/: 姓名, 科室, 备注1, .*, 备注8, … and 17 more$/);
  });

  it('keeps a two-character column one character from an unfilled input as a display field (表扬 beside 表彰, like 职务 beside 职级)', async () => {
    const r = await csvRoster(`${HEAD},表扬\n${ROW('A1', ',是')}`);
    expect(r.problems).toEqual([]);
    expect(r.subjects[0].display).toMatchObject({ 表扬: '是' });
  });

  it('refuses a column one slip from an input that has no column (满意律 for 满意率): the input would silently take its default', async () => {
    const r = await csvRoster(`${HEAD},职务,满意律\n${ROW('A1', ',科员,0.5')}\n${ROW('A2', ',副科长,0.6')}`);
    expect(r.problems.map(zh)).toEqual(['第 1 行 “满意律” 列：不是方案的输入；是否指输入 “满意率”？该输入没有对应的列，将按默认值计算：请改正列名']);
    expect(r.problems[0]).toMatchObject({ code: 'KH-E001', row: 1, column: '满意律' });
    expect(en(r.problems[0])).toBe('row 1, column “满意律”: not an input of the scheme; did you mean the input “满意率”? That input has no column, so it would take its default: rename the column');
    expect(r.notices.map(zh)).toEqual(['以下列不是方案的输入，作为人员信息保留，不参与计算：姓名、科室、职务']);
    // Every such column, at the header's own row.
    const two = await csvRoster(`名单\n${HEAD},满意律,季度份\n${ROW('A1', ',0.5,90')}`);
    expect(two.problems.map((p) => [p.row, p.column])).toEqual([[2, '满意律'], [2, '季度份']]);
  });

  it('does not suggest an input that already has its column (职务 beside 岗位 is no typo)', async () => {
    const r = await csvRoster(`${HEAD},岗立\n${ROW('A1', ',x')}`);
    expect(r.notices.map(zh)).toEqual(['以下列不是方案的输入，作为人员信息保留，不参与计算：姓名、科室、岗立']);
  });

  it('reports a required input without a column once, with the near column, not once per row', async () => {
    const head = HEAD.replace('结案数', '结按数');
    const r = await csvRoster(`${head}\n${ROW('A1')}\n${ROW('A2')}\n${ROW('A3')}`);
    const problems = await problemsOf(r);
    expect(problems.map(zh)).toEqual(['缺少必填列 “结案数”，应填整数，不小于 0；“结按数” 列是否就是它？']);
    expect(problems[0].code).toBe('KH-E002');
  });

  it('reports a column that names a part an input does not have once, with "did you mean"', async () => {
    const r = await csvRoster(`${HEAD},考评分.上极,票.弃权\n${ROW('A1', ',90,1')}\n${ROW('A2', ',90,1')}`);
    const problems = await problemsOf(r);
    expect(problems.map(zh)).toEqual([
      '“考评分.上极” 列：“考评分” 没有 “上极” 这一项；是否指 “上级”？',
      '“票.弃权” 列：“票” 没有 “弃权” 这一项（可填：赞成、反对）',
    ]);
    expect(problems.map((p) => p.code)).toEqual(['KH-E001', 'KH-E001']);
  });

  it('names row and column of every cell problem at once, in both languages', async () => {
    const r = await csvRoster([
      HEAD,
      ROW('A1').replace(',80,', ',八十,'),
      ROW('A2').replace('受理', '执法').replace(',1.2,', ',2,'),
      ROW('A3').replace(',一科,', ',,').replace('95、90', '95、190'),
      ROW('A1'),
      ',无编号,,受理,一科,1,90,90,课题,一般,1,1',
    ].join('\n'));
    const problems = await problemsOf(r);
    expect(problems.map(zh).sort()).toEqual([
      '第 2 行 “结案数” 列：应为整数，不小于 0，实为 “八十”',
      '第 3 行 “任务[1].完成率” 列：超出范围：应为数值，0 至 1.5，实为 2',
      '第 3 行 “岗位” 列：“执法” 不在可选值中（可选：受理、审批）',
      '第 4 行 “单位” 列：缺少必填值：应为文本',
      '第 4 行 “考评分.上级” 列：超出范围：应为数值，0 至 100，实为 190',
      '第 5 行 “编号” 列：编号 “A1” 与第 2 行重复',
      '第 6 行 “编号” 列：缺少编号',
    ]);
    expect(problems.map(en)).toContain('row 2, column “结案数”: expected an integer ≥ 0, found “八十”');
    expect(problems.find((p) => p.row === 3 && p.column === '岗位')).toMatchObject({ code: 'KH-E004', subject: 'A2' });
  });

  it('maps a list item back to its numbered column when an earlier item is left empty', async () => {
    const head = '编号,岗位,单位,结案数,考评分.上级,票.赞成,任务[1].名称,任务[1].难度,任务[1].完成率,任务[2].名称,任务[2].难度,任务[2].完成率';
    const r = await csvRoster(`${head}\nA1,受理,一科,1,90,1,,,,调研,很难,0.5`);
    expect(r.subjects[0].input.任务).toEqual([{ 名称: '调研', 难度: '很难', 完成率: 0.5 }]);
    expect((await problemsOf(r)).map(zh)).toEqual(['第 2 行 “任务[2].难度” 列：“很难” 不在可选值中（可选：一般、困难）']);
  });

  it('reports a filled list item or record that lacks a required part once, as a missing column', async () => {
    const head = '编号,岗位,单位,结案数,考评分.上级,票.反对,任务[1].名称,任务[1].完成率';
    const r = await csvRoster(`${head}\nA1,受理,一科,1,90,1,课题,1\nA2,受理,一科,1,90,1,课题,1`);
    expect((await problemsOf(r)).map(zh)).toEqual([
      '缺少必填列 “任务[1].难度”，应填一般、困难 之一',
      '缺少必填列 “票.赞成”，应填整数，不小于 0',
    ]);
  });

  it('reads ratings in one column (群众：95、90；同事：88) or as JSON, and JSON cells exactly', async () => {
    const head = '编号,岗位,单位,结案数,考评分,票,任务';
    const r = await csvRoster(`${head}\nA1,受理,一科,1,上级：95、90；同级:88,"{""赞成"": 3}","[{""名称"":""课题"",""难度"":""一般"",""完成率"":0.1000000000000000055511151231257827}]"\n`
      + 'A2,受理,一科,1,"{""分管领导"": [1]}",{,[]');
    expect(r.subjects[0].input.考评分).toEqual({ 上级: [95, 90], 同级: [88] });
    expect(r.subjects[0].input.票).toEqual({ 赞成: 3 });
    const rate = (r.subjects[0].input.任务 as { 完成率: Rational }[])[0].完成率;
    expect(rate).toBeInstanceOf(Rational);
    expect(rate.eq(Rational.parse('0.1000000000000000055511151231257827')!)).toBe(true);
    const problems = (await problemsOf(r)).map(zh);
    expect(problems).toContain('第 3 行 “票” 列：不是有效的 “JSON” 数据（第 2 个字符处）');
    expect(problems).toContain('第 3 行 “考评分” 列：“分管领导” 不是此处可填的字段（可填：上级、同级）');
    expect(problems).toContain('第 3 行 “任务” 列：项数不符：应为列表（每项：记录（名称、难度、完成率）），至少 1 项，实为 0 项');
  });

  it('keeps ids and text as typed: leading zeros, 18-digit ID numbers, never an exponent', async () => {
    const r = await readRoster([
      { row: 1, cells: ['身份证号', '岗位', '单位', '结案数', '考评分.上级', '票.赞成', '任务'] },
      { row: 2, cells: ['110101199001011234', '受理', 1001, 1, 90, 1, '[]'] },
      { row: 3, cells: [1.1010119900101e17, '受理', '00123', 1, 90, 1, '[]'] },
    ], contract.fields);
    expect(r.subjects.map((s) => s.id)).toEqual(['110101199001011234', '110101199001010000']);
    expect(r.problems.map((p) => [p.row, p.msg.id])).toEqual([[3, 'sheets.atCell']]);
    expect(r.subjects.map((s) => s.input.单位)).toEqual(['1001', '00123']);
    const csv = await csvRoster('编号,岗位,单位,结案数,考评分.上级,票.赞成,任务\n00123,受理,一科,9007199254740993,90,1,[]');
    expect(csv.subjects[0].id).toBe('00123');
    expect((csv.subjects[0].input.结案数 as Rational).eq(Rational.parse('9007199254740993')!)).toBe(true);
  });

  it('refuses a numeric id of more than 15 digits (Excel already dropped some), and notices such a display column once', async () => {
    const rows = await readXlsxRows(rawXlsx([
      ['s:身份证号', 's:银行卡号', 's:岗位', 's:单位', 's:结案数', 's:考评分.上级', 's:票.赞成', 's:任务'],
      ['n:1.1010119911111235E+17', 'n:6.2220212345678899E+18', 's:受理', 's:一科', 'n:1', 'n:90', 'n:1', 's:[]'],
      ['n:110101199001011000', 'n:6.2220212345678899E+18', 's:受理', 's:一科', 'n:1', 'n:90', 'n:1', 's:[]'],
      ['n:123456789012345', 'n:12345', 's:受理', 's:一科', 'n:1', 'n:90', 'n:1', 's:[]'],
    ]));
    const r = await readRoster(rows, contract.fields);
    expect(r.subjects[0].id).toBe('110101199111112350');
    expect(r.problems.map(zh)).toEqual([
      '第 2 行 “身份证号” 列：数字格式的编号超过 15 位，已丢失精度；请把该列设为文本后重新填写',
      '第 3 行 “身份证号” 列：数字格式的编号超过 15 位，已丢失精度；请把该列设为文本后重新填写',
    ]);
    expect(r.problems[0]).toMatchObject({ code: 'KH-E008', row: 2, column: '身份证号' });
    expect(r.notices.map(zh)).toContain('“银行卡号” 列有超过 15 位的数字（首见于第 2 行），已丢失精度；如需保留，请把该列设为文本后重新填写');
    expect(r.notices.filter((n) => n.msg.id === 'sheets.displayLostDigits')).toHaveLength(1);
    // 15 digits are kept exactly: no problem for the third row.
    expect(r.subjects[2].id).toBe('123456789012345');
  });

  it('skips a title row above the header, and reports a sheet without id column once', async () => {
    const r = await csvRoster(`2026 年第一季度考核名单,,\n${HEAD}\n${ROW('A1')}`);
    expect(r.problems).toEqual([]);
    expect(r.notices.map(zh)[0]).toBe('表头在第 2 行，之前的行已略过');
    expect(r.index.rows).toEqual([3]);
    const noId = await csvRoster(`姓名,岗位,单位\n张三,受理,一科\n李四,受理,一科`);
    expect(noId.problems.map(zh)[0]).toBe('找不到编号列：请加一列 “编号”（也可用 “id”、“人员编号”、“工号”、“身份证号”、“身份证号码”、“证件号码”、“subject”）');
    expect(noId.problems.filter((p) => p.msg.id === 'sheets.noIdColumn')).toHaveLength(1);
  });

  it('reports a column given twice, and an input column beside its own parts', async () => {
    const r = await csvRoster(`${HEAD},结案数,考评分\n${ROW('A1', ',1,上级:1')}`);
    expect(r.problems.map(zh)).toEqual([
      '“结案数” 列：第 M 列与第 F 列（“结案数”）重复：请删除其中一列或改正列名', '“考评分” 列：第 N 列与第 G 列（“考评分.上级”）重复：请删除其中一列或改正列名',
    ]);
  });

  it('reads yes/no in the words people use and accepts labels as headers', async () => {
    const r = await csvRoster(`编号,岗位,单位,全年结案数,考评分.分管领导,票.赞成,任务,表彰\nA1,受理,一科,1,90,1,[],√\nA2,受理,一科,1,90,1,[],否\nA3,受理,一科,1,90,1,[],TRUE`);
    expect(r.problems).toEqual([]);
    expect(r.subjects.map((s) => s.input.表彰)).toEqual([true, false, true]);
    expect(r.subjects[0].input.结案数).toBe(1);
    expect(r.subjects[0].input.考评分).toEqual({ 上级: [90] });
  });

  it('reads the reference schemes’ rosters: province-annual numbered tasks', async () => {
    const c = contractOf(schemeSource('province-annual'));
    const r = await csvRoster('编号,工作任务[1].名称,工作任务[1].难度', c);
    expect(r.problems.map(zh)).toContain('缺少必填列 “工作任务[1].角色”，应填牵头、参与 之一');
  });
});
