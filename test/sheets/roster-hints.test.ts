// What a roster's reader says about cells Excel or an input method changed (user trial U5): ids Excel
// wrote in scientific notation into a .csv (A-11: `3.30100E+17`, one problem at each such row naming
// what to do, not "duplicate id"); JSON typed with a Chinese input method's quotes, commas or colons
// which character, as the scheme parser's KH-P005 says it); a list of records written as words
// (one problem with an example of the JSON form, a period result's fields named in the reader's
// language, not four in the API's English field names).

import { describe, expect, it } from 'vitest';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { parseCsv } from '../../sheets/csv.js';
import { fullWidthAt } from '../../sheets/json-cell.js';
import { locateErrors, readRoster } from '../../sheets/roster.js';
import { scientificId } from '../../sheets/row-checks.js';
import { contractOf } from '../../sheets/scheme.js';
import { csvRoster, en, problemsOf, schemeSource, zh } from './fixtures.js';

const HEAD = '编号,岗位,单位,结案数,考评分.上级,票.赞成,任务';
const REST = ',受理,一科,80,95,10,"[{""名称"": ""课题"", ""难度"": ""困难"", ""完成率"": 1.2}]"';

describe('ids Excel wrote in scientific notation (A-11)', () => {
  it('knows the form Excel writes, and nothing else', () => {
    for (const id of ['3.30100E+17', '3.301E+17', '1E+15', '3.30100e+17']) expect(scientificId(id), id).toBe(true);
    for (const id of ['330100199001011234', 'A001', '3.30100E-17', 'E+17', '3,30100E+17', '33010019900101123X']) expect(scientificId(id), id).toBe(false);
  });

  it('is one problem at each such row, in both languages, instead of "duplicate id"; a real duplicate is still one', async () => {
    const r = await csvRoster(`${HEAD}\n3.30100E+17${REST}\n3.30100E+17${REST}\nA1${REST}\nA1${REST}\n3.2E+17${REST}`);
    const problems = await problemsOf(r);
    const said = (row: number, id: string) => `第 ${row} 行 “编号” 列：编号 “${id}” 是被 “Excel” 改成科学计数法的数字，其余各位已丢失：`
      + '请在 “Excel” 中把编号列设为文本格式，重新填入完整编号后再导出，或直接读取 “.xlsx” 文件';
    expect(problems.map(zh)).toEqual([said(2, '3.30100E+17'), said(3, '3.30100E+17'), said(6, '3.2E+17'), '第 5 行 “编号” 列：编号 “A1” 与第 4 行重复']);
    expect(en(problems[0])).toBe('row 2, column “编号”: id “3.30100E+17” is a number Excel wrote in scientific notation, its other digits lost: in Excel, format the id column as text, enter the full ids again and export again, or read the .xlsx file instead');
  });
});

describe('JSON typed with a Chinese input method (A-14)', () => {
  it('names the full-width character and the ASCII one meant', () => {
    expect(fullWidthAt('[{“名称”: 1}]', 2)).toEqual({ char: '“', ascii: '"' });
    expect(fullWidthAt('{"a"：1}', 4)).toEqual({ char: '：', ascii: ':' });
    expect(fullWidthAt('{"a": 1,}', 8)).toBeUndefined();
    expect(fullWidthAt('{', 1)).toBeUndefined();
  });

  it('says which character to retype, at the cell, in both languages; other malformed JSON as before', async () => {
    const cells = ['"[{“名称”: ""课题"", ""难度"": ""困难"", ""完成率"": 1}]"', '"[{""名称""：""课题"", ""难度"": ""困难"", ""完成率"": 1}]"', '［］', '"[{""名称"": ""课题"",}]"'];
    const r = await csvRoster([HEAD, ...cells.map((c, i) => `A${i},受理,一科,80,95,10,${c}`)].join('\n'));
    const problems = (await problemsOf(r)).filter((p) => p.column === '任务');
    const said = (row: number, at: number, char: string, ascii: string) => `第 ${row} 行 “任务” 列：不是有效的 “JSON” 数据：第 ${at} 个字符是全角字符「${char}」（中文输入法），`
      + `此处不允许；请改用半角的「${ascii}」（“JSON” 的引号、逗号、冒号须在英文状态下输入）`;
    expect(problems.map(zh)).toEqual([said(2, 3, '“', '"'), said(3, 7, '：', ':'), said(4, 1, '［', '['), '第 5 行 “任务” 列：不是有效的 “JSON” 数据（第 14 个字符处）']);
    expect(en(problems[0])).toBe('row 2, column “任务”: not valid JSON: character 3 is the full-width `“` of a Chinese input method, not allowed here; use the ASCII `"` (type the quotes, commas and colons of JSON in English mode)');
  });
});

describe('a list of records written as words (A-14)', () => {
  it('is one problem with an example of the JSON form, not one per item', async () => {
    const r = await csvRoster(`${HEAD}\nA1,受理,一科,80,95,10,课题、调研`);
    const problems = (await problemsOf(r)).filter((p) => p.column === '任务');
    expect(problems.map(zh)).toEqual(['第 2 行 “任务” 列：应为列表（每项：记录（名称、难度、完成率）），至少 1 项，以 “JSON” 填写，如 [{"名称": "…", "难度": "一般", "完成率": 1.5}]；实为 “课题、调研”']);
  });

  it("names a period result's fields in the reader's language (annual-review's 季度结果), and the example reads back", async () => {
    const annual = contractOf(schemeSource('annual-review'));
    const read = (cell: string) => readRoster(parseCsv(`编号,单位,季度结果,往年,年度测评分\n王五,办公室,${cell},[],92`), annual.fields);
    const r = await read('一季度好、二季度较好');
    expect(r.problems.map(zh)).toEqual(['第 2 行 “季度结果” 列：应为列表（每项：记录（考核期、得分、考核等次、导入）），以 “JSON” 填写，如 [{"考核期": "2026-Q1", "得分": 92, "考核等次": "好"}]；实为 “一季度好、二季度较好”']);
    expect(r.problems.map(en)).toEqual(['row 2, column “季度结果”: expected a list of a record (period, score, grade, imported), written as JSON such as [{"period": "2026-Q1", "score": 92, "grade": "好"}]; found “一季度好、二季度较好”']);
    // The zh example, typed into the cell, is read and evaluated.
    const example = /如 (\[.*\])；/.exec(zh(r.problems[0]))![1];
    const back = await read(`"${example.replaceAll('"', '""')}"`);
    expect(back.problems).toEqual([]);
    const p = prepare(schemeSource('annual-review'), 'annual-review.kaohe').value!;
    const out = await evaluateCohort(p, back.subjects, { period: '2026' });
    expect(out.ok ? [] : locateErrors(back, out.errors).map(zh)).toEqual([]);
  });
});
