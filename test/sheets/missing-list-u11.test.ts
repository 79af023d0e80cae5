// A list-valued input left empty in a CSV/xlsx roster (black-box trial, session 10, LOW): the
// message of an empty 往年 cell said only “expected a list (each: a record …)”; it now shows how to
// write none — `[]` — and an example of some items, which typed into the cell reads and evaluates.
// A list that must have items (`至少 1`) shows the example only; a list of period results shows its
// own period's form (`2025` for the year before an annual round). The template's notes say `[]` too.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { buildTemplate, parseCsv, readRoster } from '../../sheets/index.js';
import { locateErrors } from '../../sheets/roster.js';
import { contractOf } from '../../sheets/scheme.js';
import { en, schemeSource, zh } from './fixtures.js';

/** The roster's problems after evaluating it as `kaohe eval --period PERIOD` does. */
async function problems(source: string, csv: string, period?: string) {
  const contract = contractOf(source);
  const roster = await readRoster(parseCsv(csv), contract.fields);
  const out = await evaluateCohort(prepare(source, 'x.kaohe').value!, roster.subjects, period ? { period } : {});
  return [...roster.problems, ...(out.ok ? [] : locateErrors(roster, out.errors))];
}

const annual = schemeSource('annual-review');
const annualRow = (pastCell: string) => `编号,单位,季度结果,往年,年度测评分\n王五,办公室,[],${pastCell},92`;

describe('an empty cell of a list input', () => {
  it('往年 (past years’ results): says to write [] for none and shows a result of the year before (zh, en)', async () => {
    const p = await problems(annual, annualRow(''), '2026');
    expect(p.map((x) => [x.code, x.column])).toEqual([['KH-E002', '往年']]);
    const [z, e] = [zh(p[0]), en(p[0])];
    expect(z).toContain('[]');
    expect(e).toContain('[]');
    expect(z).toContain('"考核期": "2025"');
    expect(e).toContain('"period": "2025"');
    // Both ways of writing it, typed in, read and evaluate.
    expect(await problems(annual, annualRow('[]'), '2026')).toEqual([]);
    const example = /(\[\{.*\}\])/.exec(z)![1];
    expect(await problems(annual, annualRow(`"${example.replaceAll('"', '""')}"`), '2026')).toEqual([]);
  });

  it('a list of numbers that may be empty: [] and numbers separated by “、”; typed in, both evaluate', async () => {
    const scheme = 'scheme 分数 {\n  input { 分: list of number in [0, 100] }\n  indicator 平均分 weight 100% = if count(分) == 0 then 0 else avg(分)\n}\n';
    const p = await problems(scheme, '编号,分\nA1,');
    expect(p.map((x) => [x.code, x.column])).toEqual([['KH-E002', '分']]);
    expect(zh(p[0])).toMatch(/\[\].*90、85/);
    expect(en(p[0])).toMatch(/\[\].*90、85/);
    expect(await problems(scheme, '编号,分\nA1,[]')).toEqual([]);
    expect(await problems(scheme, '编号,分\nA1,90、85')).toEqual([]);
  });

  it('a list that needs items (测评票 至少 1): the example, not [] (which would be refused)', async () => {
    const source = schemeSource('quarterly-review');
    const p = await problems(source, '编号,单位,实绩得分,测评票\nA1,办公室,90,', '2026-Q1');
    expect(p.map((x) => [x.code, x.column])).toEqual([['KH-E002', '测评票']]);
    expect(zh(p[0])).toContain('90、85');
    expect(zh(p[0])).not.toContain('[]');
    expect(en(p[0])).not.toContain('[]');
  });

  it('a text input left empty keeps the plain message (no list example)', async () => {
    const p = await problems(annual, '编号,单位,季度结果,往年,年度测评分\n王五,,[],[],92', '2026');
    expect(p.map((x) => [x.code, x.column])).toEqual([['KH-E002', '单位']]);
    expect(zh(p[0])).not.toContain('[]');
  });

  it('the template’s notes say [] is no results (zh, en)', () => {
    for (const lang of ['zh', 'en'] as const) {
      const notes = buildTemplate(contractOf(annual), lang).sheets[1];
      const past = notes.rows.find((r) => r[0] === '往年')!;
      expect(String(past[2])).toContain('[]');
    }
    expect(render({ id: 'sheets.missingList', args: { expected: 'x', example: 'y' } }, 'zh')).toContain('[]');
  });
});
