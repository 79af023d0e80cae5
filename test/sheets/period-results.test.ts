// Results of periods in a sheet (issue 14, sheets/period-results.ts): a related subject's result
// (`班子结果: 引用结果 领导班子考核 对象 班子 …`, one record) in sub-columns 班子结果.考核期/得分/考核等次/导入
// (or .period/.score/.grade/.imported), a list form (`引用结果 平时考核 季度`, `过去 2 年`) as JSON in one
// cell; none is a required column; the template's notes say what they are in words.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { parseCsv } from '../../sheets/csv.js';
import { locateErrors, readRoster, type Roster } from '../../sheets/roster.js';
import { contractOf } from '../../sheets/scheme.js';
import { buildTemplate } from '../../sheets/template.js';
import { sheetCsv } from '../../sheets/workbook.js';
import { readXlsxRows, writeXlsx } from '../../sheets/xlsx.js';
import { schemeSource } from './fixtures.js';

const MEMBERS = schemeSource('leader-members');
const members = contractOf(MEMBERS);
const prepared = (() => {
  const p = prepare(MEMBERS, 'leader-members.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => d.message).join('\n'));
  return p.value;
})();
const read = (csv: string, c = members): Promise<Roster> => readRoster(parseCsv(csv), c.fields);

async function run(roster: Roster) {
  const out = await evaluateCohort(prepared, roster.subjects, { period: '2026' });
  return { out, problems: [...roster.problems, ...(out.ok ? [] : locateErrors(roster, out.errors))] };
}

// 发改局 (好): 30% × 4 = 6/5 → 1 place: A1 95 keeps 优秀, A2 93 and A3 91.2 → 称职.
// 教育局 (一般): 20% × 3 = 3/5 → 0 places: B1 94 and B2 92 → 称职.
const ROWS = ['A1,发改局,95,2026,92.8,好', 'A2,发改局,93,2026,92.8,好', 'A3,发改局,91.2,2026,92.8,好', 'A4,发改局,86,2026,92.8,好',
  'B1,教育局,94,2026,72.7,一般', 'B2,教育局,92,2026,72.7,一般', 'B3,教育局,80,2026,72.7,一般'];
const GRADES = { A1: '优秀', A2: '称职', A3: '称职', A4: '称职', B1: '称职', B2: '称职', B3: '称职' };

describe('a related subject’s result in sub-columns', () => {
  for (const head of ['班子结果.考核期,班子结果.得分,班子结果.考核等次', '班子结果.period,班子结果.score,班子结果.grade']) {
    it(`reads ${head} into one record and the team's grade sets the 优秀 share`, async () => {
      const roster = await read([`编号,班子,考核分,${head}`, ...ROWS].join('\n'));
      expect(roster.problems).toEqual([]);
      expect(roster.subjects[0].input).toEqual({ 班子: '发改局', 考核分: 95, 班子结果: { period: '2026', score: 92.8, grade: '好' } });
      const { out } = await run(roster);
      if (!out.ok) throw new Error(JSON.stringify(out.errors));
      expect(Object.fromEntries(out.value.results.map((r) => [r.subject, r.grade]))).toEqual(GRADES);
    });
  }

  it('takes 导入 as yes/no; all sub-cells empty = no result (missing error → KH-E057 at the row)', async () => {
    const roster = await read(['编号,班子,考核分,班子结果.考核期,班子结果.得分,班子结果.考核等次,班子结果.导入',
      'A1,发改局,95,2026,92.8,好,是', 'A2,财政局,93,,,,'].join('\n'));
    expect(roster.problems).toEqual([]);
    expect(roster.subjects.map((s) => s.input.班子结果)).toEqual([{ period: '2026', score: 92.8, grade: '好', imported: true }, undefined]);
    const { problems } = await run(roster);
    expect(problems.map((p) => [p.code, p.row, p.subject])).toEqual([['KH-E057', 3, 'A2']]);
    expect(render(problems[0].msg, 'zh')).toContain('财政局');
  });

  it('reports a grade that is not a member, and a period not this one, at their cells', async () => {
    const roster = await read(['编号,班子,考核分,班子结果.考核期,班子结果.得分,班子结果.考核等次', 'A1,发改局,95,2025,92.8,中'].join('\n'));
    const { problems } = await run(roster);
    expect(problems.map((p) => [p.code, p.row, p.column])).toEqual([['KH-E050', 2, '班子结果.考核期'], ['KH-E052', 2, '班子结果.考核等次']]);
    expect(render(problems[1].msg, 'zh')).toBe('第 2 行 “班子结果.考核等次” 列：“中” 不在可选值中（可选：好、较好、一般、较差）');
  });

  it('is no required column, but its 考核期 is once any of its sub-columns is there', async () => {
    expect((await read('编号,班子,考核分\nA1,发改局,95')).problems).toEqual([]);
    const roster = await read('编号,班子,考核分,班子结果.考核等次\nA1,发改局,95,好');
    expect(roster.problems.map((p) => [p.code, render(p.msg, 'zh')])).toEqual([['KH-E002', expect.stringContaining('“班子结果.考核期”')]]);
  });
});

describe('the template', () => {
  it('has the related field’s sub-columns named in the locale, read back as the example’s record', async () => {
    for (const [locale, parts] of [['zh', ['考核期', '得分', '考核等次', '导入']], ['en', ['period', 'score', 'grade', 'imported']]] as const) {
      const book = buildTemplate(members, locale);
      expect(book.sheets[0].columns.map((c) => c.header)).toEqual([locale === 'zh' ? '编号' : 'id', locale === 'zh' ? '姓名' : 'name', '班子', '考核分', '诫勉',
        ...parts.map((p) => `班子结果.${p}`)]);
      const back = await readRoster(await readXlsxRows(await writeXlsx(book)), members.fields);
      expect(back.problems).toEqual([]);
      expect(back.subjects[0].input.班子结果).toEqual({ period: '2026', score: 92.8, grade: '好', imported: false });
    }
  });

  it('explains the related field and the list forms in words, never as a value the scheme cannot describe', () => {
    const notes = sheetCsv(buildTemplate(members, 'zh').sheets[1]);
    expect(notes).not.toContain('方案无法说明的值');
    expect(notes).toContain('班子结果.考核等次,“领导班子年度考核结果”：“班子”列所填对象本考核期在“领导班子考核”中的结果，此列为考核等次,好、较好、一般、较差 之一,否,');
    expect(notes).toContain('在考核批次中由服务器按“领导班子考核”已定案（或导入）的结果自动填入');
    const annual = contractOf(schemeSource('annual-review'));
    for (const locale of ['zh', 'en'] as const) {
      const text = sheetCsv(buildTemplate(annual, locale).sheets[1]);
      expect(text).not.toMatch(/方案无法说明的值|a value the scheme cannot describe/);
      expect(text).toContain(locale === 'zh' ? '“本年度四个季度平时考核结果”：本考核期内各季度考核期在“平时考核”中的结果' : 'the quarterly results of “平时考核” within this period');
      expect(text).toContain(locale === 'zh' ? '本方案在本期之前 2 个年度考核期的结果' : 'this scheme’s results of the 2 annual periods before this one');
    }
  });

  it('has a list form in one column, read as JSON (annual-review’s example 王五: 87.89)', async () => {
    const annual = contractOf(schemeSource('annual-review'));
    expect(buildTemplate(annual, 'zh').sheets[0].columns.map((c) => c.header)).toEqual(['编号', '姓名', '单位', '季度结果', '往年', '年度测评分']);
    const quarters = [['2026-Q1', '87.92'], ['2026-Q2', '87.92'], ['2026-Q3', '87.42'], ['2026-Q4', '87.42']]
      .map(([p, s]) => `{""考核期"": ""${p}"", ""得分"": ${s}, ""考核等次"": ""较好""}`).join(', ');
    const back = await readRoster(parseCsv(`编号,单位,季度结果,往年,年度测评分\n王五,办公室,"[${quarters}]",[],92`), annual.fields);
    expect(back.problems).toEqual([]);
    const p = prepare(schemeSource('annual-review'), 'annual-review.kaohe').value!;
    const out = await evaluateCohort(p, back.subjects, { period: '2026' });
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    // (87.92 + 87.92 + 87.42 + 87.42)/4 = 87.67; 19/20 × 87.67 + 1/20 × 92 = 87.8865 → 87.89
    expect([out.value.results[0].score, out.value.results[0].grade]).toEqual([87.89, '称职']);
  });
});
