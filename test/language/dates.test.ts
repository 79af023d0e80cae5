// Dates and periods (issue 12, item 6), through the stack: calendar arithmetic and period forms
// (dsl/dates.ts), parsing and printing in both keyword languages, the checker's codes (KH-C100 …
// KH-C103), evaluation with windows whose edges are written (engine), the period checked against the
// scheme's kind (KH-E031), missing (KH-E032), invalid input dates (KH-E030), results carrying the
// period, and the scheme's own hand-computed examples (dates.kaohe).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { addDuration, parseDate, parsePeriod } from '../../dsl/dates.js';
import { render } from '../../dsl/i18n/index.js';
import { engine } from '../../engine/index.js';
import type { EvalOutcome } from '../../engine/api.js';
import { convert } from '../../sheets/cells.js';
import { fmt, parseOk, sameTree } from '../format/helpers.js';

const SCHEME = readFileSync(join(import.meta.dirname, 'dates.kaohe'), 'utf8');

/** The codes of `src`'s errors (unused-input warnings of these small schemes left out). */
const codes = (src: string) => analyze(src).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const errorsOf = <T>(o: EvalOutcome<T>) => (o.ok ? [] : o.errors.map((e) => [e.code, e.path]));

function prepared(src: string) {
  const p = engine.prepare(src);
  expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return p.value!;
}

describe('calendar arithmetic (dsl/dates.ts)', () => {
  it('clamps months and years to the target month\'s last day', () => {
    expect(addDuration('2026-01-31', 1, 'months', 1)).toBe('2026-02-28');
    expect(addDuration('2024-01-31', 1, 'months', 1)).toBe('2024-02-29');
    expect(addDuration('2025-03-31', 1, 'months', -1)).toBe('2025-02-28');
    expect(addDuration('2024-02-29', 1, 'years', 1)).toBe('2025-02-28');
    expect(addDuration('2024-02-29', 4, 'years', 1)).toBe('2028-02-29');
    expect(addDuration('2026-03-31', 1, 'years', -1)).toBe('2025-03-31');
    expect(addDuration('2026-01-31', 13, 'months', 1)).toBe('2027-02-28');
    expect(addDuration('2026-01-15', 1, 'months', -1)).toBe('2025-12-15');
  });

  it('moves days along the calendar, over month, year and leap-day ends', () => {
    expect(addDuration('2026-12-31', 1, 'days', 1)).toBe('2027-01-01');
    expect(addDuration('2024-02-28', 1, 'days', 1)).toBe('2024-02-29');
    expect(addDuration('2026-03-01', 1, 'days', -1)).toBe('2026-02-28');
    expect(addDuration('2026-01-01', 365, 'days', 1)).toBe('2027-01-01');
    expect(addDuration('2024-01-01', 366, 'days', 1)).toBe('2025-01-01');
    expect(addDuration('2000-02-28', 1, 'days', 1)).toBe('2000-02-29'); // 2000 is a leap year
    expect(addDuration('1900-02-28', 1, 'days', 1)).toBe('1900-03-01'); // 1900 is not
    expect(addDuration('9999-12-31', 1, 'days', 1)).toBeUndefined();
    expect(addDuration('0001-01-01', 1, 'months', -1)).toBeUndefined();
  });

  it('reads only real calendar days in ISO form', () => {
    expect(parseDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    for (const bad of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-3-1', '2026/03/01', '0000-01-01', ' 2026-03-01']) {
      expect(parseDate(bad), bad).toBeUndefined();
    }
  });

  it('turns each period form into its first and last day, and refuses the others by kind', () => {
    expect(parsePeriod('2026', 'annual')).toEqual({ text: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(parsePeriod('2026-Q1', 'quarterly')).toEqual({ text: '2026-Q1', start: '2026-01-01', end: '2026-03-31' });
    expect(parsePeriod('2026-Q4', 'quarterly')).toEqual({ text: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(parsePeriod('2024-02', 'monthly')).toEqual({ text: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2026-03-01..2026-06-30', 'special')).toEqual({ text: '2026-03-01..2026-06-30', start: '2026-03-01', end: '2026-06-30' });
    expect(parsePeriod('2026-06-30..2026-06-30', 'special')).toMatchObject({ start: '2026-06-30', end: '2026-06-30' });
    // a wrong form per kind
    expect(parsePeriod('2026-Q1', 'annual')).toEqual({ problem: 'wrongKind', found: 'quarterly' });
    expect(parsePeriod('2026', 'quarterly')).toEqual({ problem: 'wrongKind', found: 'annual' });
    expect(parsePeriod('2026-Q1', 'monthly')).toEqual({ problem: 'wrongKind', found: 'quarterly' });
    expect(parsePeriod('2026-03', 'special')).toEqual({ problem: 'wrongKind', found: 'monthly' });
    for (const bad of ['2026-Q5', '2026-13', '2026-06-30..2026-03-01', '2026-02-30..2026-03-31', 'Q1', '26-Q1']) {
      expect(parsePeriod(bad, undefined), bad).toMatchObject({ problem: 'malformed' });
    }
    // no `period` setting: any form
    expect(parsePeriod('2026-03', undefined)).toMatchObject({ start: '2026-03-01', end: '2026-03-31' });
  });
});

describe('syntax: parse and print in both keyword languages', () => {
  const EN = `scheme S {
  input {
    d: date
  }
  let a = d in (periodEnd - 1 years, periodEnd]
  let b = d in [periodStart, periodStart + 30 days)
  let c = d + 2 months >= "2026-07-01"
  let n = 3 in (1, 5)
  example e {
    period "2026-Q1"
    given {
      d: "2026-01-31"
    }
  }
}
`;

  it('prints intervals, durations, date types, period names and an example period; zh converts and back', () => {
    expect(fmt(EN, 'en')).toBe(EN);
    const zh = fmt(EN, 'zh');
    expect(zh).toContain('d: 日期');
    expect(zh).toContain('定义 a = d 属于 (周期结束 - 1 年, 周期结束]');
    expect(zh).toContain('定义 b = d 属于 [周期开始, 周期开始 + 30 天)');
    expect(zh).toContain('定义 c = d + 2 个月 >= "2026-07-01"');
    expect(zh).toContain('周期 "2026-Q1"');
    sameTree(parseOk(EN), parseOk(zh));
    expect(fmt(zh, 'en')).toBe(EN);
    expect(codes(EN)).toEqual([]);
    expect(codes(zh)).toEqual([]);
  });

  it('matches the formatter goldens of dates.kaohe', async () => {
    await expect(fmt(SCHEME, 'en')).toMatchFileSnapshot('__golden__/dates.en.kaohe');
    await expect(fmt(SCHEME, 'zh')).toMatchFileSnapshot('__golden__/dates.zh.kaohe');
    expect(fmt(fmt(SCHEME, 'zh'), 'zh')).toBe(fmt(SCHEME, 'zh'));
  });
});

describe('checks', () => {
  const head = 'scheme S {\n  period quarterly\n  input { d: date, x: number }\n';

  it('KH-C100: a date literal that is not a real calendar day, in an expression and in a given', () => {
    expect(codes(`${head}  let a = d >= "2026-02-30"\n}`)).toEqual(['KH-C100']);
    expect(codes(`${head}  let a = d in ["2026-7-1", "2026-12-31"]\n}`)).toEqual(['KH-C100']);
    expect(codes(`${head}  let a = "2026-07-01" < d\n}`)).toEqual([]);
    expect(codes(`${head}  example e { period "2026-Q1" given { d: "2025-02-29", x: 1 } }\n}`)).toEqual(['KH-C100']);
  });

  it('KH-C101: a duration alone, a fractional one, or one added to a number', () => {
    expect(codes(`${head}  let a = 30 days\n}`)).toEqual(['KH-C101']);
    expect(codes(`${head}  let a = d + 1.5 months\n}`)).toEqual(['KH-C101']);
    expect(codes(`${head}  let a = x + 1 years\n}`)).toEqual(['KH-C101']);
  });

  it('KH-C005: date - date (not in v1), a date compared with a number, an interval of mixed ends', () => {
    expect(codes(`${head}  let a = d - periodStart\n}`)).toContain('KH-C005');
    expect(codes(`${head}  let a = d > 3\n}`)).toEqual(['KH-C005']);
    expect(codes(`${head}  let a = d in [1, 3]\n}`)).toEqual(['KH-C005']);
  });

  it('KH-C102 / KH-C103: an example period of the wrong form, or none where the scheme uses the period', () => {
    const uses = `${head}  let a = d <= periodEnd\n`;
    expect(codes(`${uses}  example e { period "2026" given { d: "2026-01-01", x: 1 } }\n}`)).toEqual(['KH-C102']);
    expect(codes(`${uses}  example e { period "2026-Q5" given { d: "2026-01-01", x: 1 } }\n}`)).toEqual(['KH-C102']);
    expect(codes(`${uses}  example e { given { d: "2026-01-01", x: 1 } }\n}`)).toEqual(['KH-C103']);
    expect(codes(`${uses}  example e { period "2026-Q2" given { d: "2026-01-01", x: 1 } }\n}`)).toEqual([]);
    // a scheme that never names the period needs none in its examples
    expect(codes(`${head}  let a = d <= "2026-12-31"\n  example e { given { d: "2026-01-01", x: 1 } }\n}`)).toEqual([]);
  });

  it('says each new message in both languages', () => {
    const d = analyze(`${head}  let a = d + 1.5 months\n  let b = d <= periodEnd\n  example e { given { d: "2026-02-30", x: 1 } }\n}`).diagnostics
      .filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code).sort()).toEqual(['KH-C100', 'KH-C101', 'KH-C103']);
    for (const x of d) {
      expect(render(x.msg!, 'en')).toBe(x.message);
      expect(render(x.msg!, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('evaluation', () => {
  const s = () => prepared(SCHEME);

  it('runs the scheme\'s hand-computed examples (window edges in and out, month ends)', async () => {
    const out = await engine.runExamples(s());
    expect(out.map((o) => [o.name, o.passed, o.failures.map((f) => f.message)])).toEqual([
      ['窗口边缘', true, []], ['一年内', true, []], ['期末当天', true, []], ['新入职', true, []], ['月末', true, []],
    ]);
  });

  it('counts a record exactly on a window\'s edge by the bracket written', async () => {
    // (periodEnd - 1 years, periodEnd] for 2026-Q2 is (2025-06-30, 2026-06-30]
    const input = (d: string) => ({ 入职日: '2020-01-01', 诫勉记录: [{ 发生日: d, 事由: 'x' }], 迟到记录: [] });
    const grade = async (d: string) => {
      const r = await engine.evaluate(s(), { id: 'a', input: input(d) }, { period: '2026-Q2' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value.grade;
    };
    expect(await grade('2025-06-30')).toBe('优秀'); // open edge: out
    expect(await grade('2025-07-01')).toBe('基本称职'); // the day after: in
    expect(await grade('2026-06-30')).toBe('基本称职'); // closed edge: in
    expect(await grade('2026-07-01')).toBe('优秀'); // after the period: out
  });

  it('carries the period into single and cohort results', async () => {
    const input = { 入职日: '2020-01-01', 诫勉记录: [], 迟到记录: [{ 发生日: '2026-04-01' }] };
    const one = await engine.evaluate(s(), { id: 'a', input }, { period: '2026-Q2' });
    expect(one.ok && [one.value.period, one.value.score]).toEqual(['2026-Q2', 95]);
    const many = await engine.evaluateCohort(s(), [{ id: 'a', input }, { id: 'b', input }], { period: '2026-Q1' });
    expect(many.ok && [many.value.period, many.value.results.map((r) => r.score)]).toEqual(['2026-Q1', [100, 100]]);
  });

  it('explains a window with the period\'s day it was measured against', async () => {
    const input = { 入职日: '2026-03-01', 诫勉记录: [], 迟到记录: [] };
    const r = await engine.evaluate(s(), { id: 'a', input }, { period: '2026-Q1', explain: true });
    expect(r.ok && r.value.explain?.lets['入职不满月']).toMatchObject({ inputs: { 入职日: '2026-03-01', periodEnd: '2026-03-31' }, result: true });
  });

  it('KH-E032: a scheme that names the period, evaluated without one', async () => {
    const input = { 入职日: '2020-01-01', 诫勉记录: [], 迟到记录: [] };
    const r = await engine.evaluate(s(), { id: 'a', input });
    expect(errorsOf(r)).toEqual([['KH-E032', 'period']]);
    expect(!r.ok && render(r.errors[0].msg!, 'zh')).toContain('2026-Q1');
    expect(errorsOf(await engine.evaluateCohort(s(), [{ id: 'a', input }]))).toEqual([['KH-E032', 'period']]);
  });

  it('KH-E031: a period of the wrong form for each kind, naming the expected form', async () => {
    const wrong: Record<string, [ok: string, bad: string[]]> = {
      annual: ['2026', ['2026-Q1', '2026-03', '2026-01-01..2026-12-31', '二〇二六']],
      quarterly: ['2026-Q3', ['2026', '2026-07', '2026-Q5', '2026-07-01..2026-09-30']],
      monthly: ['2026-02', ['2026', '2026-Q1', '2026-13', '2026-02-01..2026-02-28']],
      special: ['2026-03-01..2026-06-30', ['2026', '2026-Q1', '2026-03', '2026-06-30..2026-03-01']],
    };
    for (const [kind, [ok, bads]] of Object.entries(wrong)) {
      const p = prepared(`scheme S {\n  period ${kind}\n  input { d: date }\n  indicator i weight 100% = if d in [periodStart, periodEnd] then 100 else 0\n}`);
      const good = await engine.evaluate(p, { id: 'a', input: { d: '2026-03-01' } }, { period: ok });
      expect(good.ok, `${kind} ${ok}`).toBe(true);
      for (const bad of bads) {
        const r = await engine.evaluate(p, { id: 'a', input: { d: '2026-03-01' } }, { period: bad });
        expect(errorsOf(r), `${kind} ${bad}`).toEqual([['KH-E031', 'period']]);
        expect(!r.ok && r.errors[0].expected).toBe(ok.startsWith('2026-03') ? '2026-03-01..2026-06-30' : { annual: '2026', quarterly: '2026-Q1', monthly: '2026-03' }[kind]);
      }
    }
  });

  it('computes windows over the period\'s days: [periodStart, periodEnd] with the edges in', async () => {
    const p = prepared('scheme S {\n  period monthly\n  input { d: date }\n  indicator i weight 100% = if d in [periodStart, periodEnd] then 100 else 0\n}');
    const score = async (d: string) => { const r = await engine.evaluate(p, { id: 'a', input: { d } }, { period: '2024-02' }); return r.ok ? r.value.score : r.errors; };
    expect([await score('2024-01-31'), await score('2024-02-01'), await score('2024-02-29'), await score('2024-03-01')]).toEqual([0, 100, 100, 0]);
  });

  it('month-end arithmetic in a scheme: 31 Jan + 1 month, 29 Feb + 1 year', async () => {
    const p = prepared('scheme S {\n  input { d: date }\n  indicator i weight 100% = if d + 1 months == "2026-02-28" or "2024-02-29" + 1 years == d then 100 else 0\n}');
    const score = async (d: string) => { const r = await engine.evaluate(p, { id: 'a', input: { d } }); return r.ok ? r.value.score : r.errors; };
    expect(await score('2026-01-31')).toBe(100); // + 1 months clamps to 2026-02-28
    expect(await score('2026-01-28')).toBe(100); // so does the 28th
    expect(await score('2025-02-28')).toBe(100); // 2024-02-29 + 1 years = 2025-02-28
    expect(await score('2026-02-01')).toBe(0);
  });

  it('number intervals too: (60, 90] excludes 60 and includes 90', async () => {
    const p = prepared('scheme S {\n  input { x: number }\n  indicator i weight 100% = if x in (60, 90] then 100 else 0\n}');
    const score = async (x: number) => { const r = await engine.evaluate(p, { id: 'a', input: { x } }); return r.ok ? r.value.score : r.errors; };
    expect([await score(60), await score(60.5), await score(90), await score(90.01)]).toEqual([0, 100, 100, 0]);
  });

  it('KH-E030: an input date that is not ISO text of a real day, at its path', async () => {
    const input = (d: unknown) => ({ 入职日: '2020-01-01', 诫勉记录: [{ 发生日: d, 事由: 'x' }], 迟到记录: [] });
    for (const bad of ['2026-02-29', '2026/03/01', '2026-3-1', 20260301, null]) {
      const r = await engine.evaluate(s(), { id: 'a', input: input(bad) }, { period: '2026-Q1' });
      expect(errorsOf(r), String(bad)).toEqual([['KH-E030', '诫勉记录[0].发生日']]);
    }
  });

  it('KH-E033: a date moved outside the years 0001–9999', async () => {
    const p = prepared('scheme S {\n  input { d: date }\n  indicator i weight 100% = if d + 1 years > "2026-01-01" then 100 else 0\n}');
    const r = await engine.evaluate(p, { id: 'a', input: { d: '9999-06-01' } });
    expect(errorsOf(r).map((e) => e[0])).toEqual(['KH-E033']);
  });
});

describe('roster cells in a date column (sheets/cells.ts)', () => {
  const date = { kind: 'date' } as const;
  it('an Excel date cell and the usual written forms become ISO text', () => {
    expect(convert(new Date(Date.UTC(2026, 2, 1)), date)).toEqual({ value: '2026-03-01' });
    for (const t of ['2026-03-01', '2026/3/1', '2026.3.1', '2026年3月1日', ' 2026 / 03 / 01 ']) expect(convert(t, date), t).toEqual({ value: '2026-03-01' });
  });

  it('hands anything else on as text, for the engine to report (KH-E030)', () => {
    expect(convert('三月一日', date)).toEqual({ value: '三月一日' });
    expect(convert(46082.5, date)).toEqual({ value: 46082.5 });
    expect(convert('2026/13/01', date)).toEqual({ value: '2026-13-01' }); // the engine refuses month 13
  });
});
