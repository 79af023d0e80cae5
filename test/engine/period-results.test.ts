// Roll-up and history inputs in the engine (issue 14, engine/periods/): the calendar of sub-periods
// and windows, `results of` values under each missing policy, reported vs exact scores, validation
// of result records (KH-E050…E055, every problem at its path, both languages), streak with `breaks`
// vs `skip`, the explanation of each such input, KH-E032 naming the input, and `kaohe eval --period`.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { parsePeriod, type Period } from '../../dsl/dates.js';
import type { EvalOptions, PreparedScheme, SubjectInput } from '../../engine/api.js';
import { engine } from '../../engine/index.js';
import { periodsBefore, subPeriods } from '../../engine/periods/calendar.js';
import { SubjectResultSchema } from '../../engine/result-schema.js';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';

const period = (t: string) => parsePeriod(t, undefined) as Period;

function prepare(src: string): PreparedScheme {
  const p = engine.prepare(src, 'test.kaohe');
  const errors = p.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return p.value!;
}

/** An annual scheme whose one indicator is the mean of the quarters' scores. */
const rollUp = (policy: string, values = '') => `
scheme 年度考核 "年度考核" {
  period annual
  precision 2
  enum 平时等次 { 好, 较好, 一般, 较差 }
  input {
    季度结果 "四个季度平时考核": results of 平时考核 quarterly grades 平时等次 missing ${policy} ${values}
  }
  let 好的季度 = count(r in 季度结果 where r.grade == 好)
  indicator 平时 "平时成绩" weight 100% = avg(r in 季度结果 : r.得分)
  grades {
    优秀 when score >= 90
    称职 when score >= 60
    不称职 otherwise
  }
  outcomes {
    action 季度表扬 when 好的季度 >= 2
  }
}`;

const evalOne = async (s: PreparedScheme, input: Record<string, unknown>, opts: EvalOptions = { period: '2026' }) =>
  engine.evaluate(s, { id: 'A', input }, opts);

// Q1 88.5, Q2 "1769/20" (= 88.45, exact text as the server passes it), Q3 missing, Q4 87 — given out of order
const threeQuarters = [
  { period: '2026-Q4', score: 87, grade: '较好' },
  { period: '2026-Q1', score: 88.5, grade: '好' },
  { period: '2026-Q2', score: '1769/20', grade: '好', imported: false },
];

describe('the calendar of periods', () => {
  it('splits a period into its sub-periods of a unit, oldest first', () => {
    expect(subPeriods(period('2026'), 'quarterly')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(subPeriods(period('2026-Q2'), 'monthly')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(subPeriods(period('2026'), 'annual')).toEqual(['2026']);
    expect(subPeriods(period('2026'), 'monthly')).toHaveLength(12);
    expect(subPeriods(period('2026-Q2'), 'annual')).toBeUndefined(); // a quarter is not made of years
    expect(subPeriods(period('2026-03'), 'quarterly')).toBeUndefined();
    expect(subPeriods(period('2026-04-01..2026-09-30'), 'quarterly')).toEqual(['2026-Q2', '2026-Q3']);
    expect(subPeriods(period('2026-04-02..2026-09-30'), 'quarterly')).toBeUndefined();
  });

  it('lists the N periods before one, oldest first, across year boundaries', () => {
    expect(periodsBefore(period('2026'), 'annual', 3)).toEqual(['2023', '2024', '2025']);
    expect(periodsBefore(period('2026-Q1'), 'quarterly', 2)).toEqual(['2025-Q3', '2025-Q4']);
    expect(periodsBefore(period('2026-02'), 'monthly', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(periodsBefore(period('0002'), 'annual', 3)).toEqual(['0001']); // nothing before year 1
  });
});

describe('results of: the missing policies', () => {
  it('skip leaves a missing quarter out: (88.5 + 1769/20 + 87) / 3 = 5279/60 = 87.98333…', async () => {
    const r = await evalOne(prepare(rollUp('skip')), { 季度结果: threeQuarters }, { period: '2026', exactValues: true, explain: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.score).toBe(87.98);
    expect(r.value.exact).toEqual({ score: '5279/60', base: '5279/60', rewards: '0', deductions: '0' });
    expect([r.value.explain!.lets.好的季度.result, r.value.actions]).toEqual([2, ['季度表扬']]); // Q1 and Q2 好
    // the explanation: covered, present (oldest first, whatever the input's order), absent, reported
    expect(r.value.explain!.periodInputs).toEqual([{
      input: '季度结果', form: 'resultsOf', scheme: '平时考核', unit: 'quarterly', values: 'reported', missing: 'skip',
      periods: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'], present: ['2026-Q1', '2026-Q2', '2026-Q4'], absent: ['2026-Q3'], imported: [],
    }]);
    expect(SubjectResultSchema.safeParse(r.value).success).toBe(true);
  });

  it('zero counts a missing quarter as score 0 without a grade: (88.5 + 88.45 + 0 + 87) / 4 = 5279/80 = 65.9875', async () => {
    const r = await evalOne(prepare(rollUp('zero')), { 季度结果: threeQuarters }, { period: '2026', exactValues: true, explain: true });
    expect(r.ok && r.value.exact!.score).toBe('5279/80');
    expect(r.ok && r.value.score).toBe(65.99);
    expect(r.ok && r.value.explain!.periodInputs![0]).toMatchObject({ present: ['2026-Q1', '2026-Q2', '2026-Q4'], absent: ['2026-Q3'], filledIn: ['2026-Q3'] });
  });

  it('error fails the subject naming the missing quarters (KH-E054)', async () => {
    const r = await evalOne(prepare(rollUp('error')), { 季度结果: threeQuarters.slice(1) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E054', '季度结果']]);
    expect(r.errors[0].message).toContain('2026-Q3, 2026-Q4');
    expect(render(r.errors[0].msg!, 'zh')).toBe('季度结果：2026-Q3、2026-Q4 没有结果（“缺失 报错”）');
    // all four present: evaluated
    const all = await evalOne(prepare(rollUp('error')), { 季度结果: [...threeQuarters, { period: '2026-Q3', score: 90, grade: '好' }] });
    expect(all.ok && all.value.score).toBe(88.49); // (88.5 + 88.45 + 90 + 87) / 4 = 353.95 / 4 = 88.4875
  });
});

describe('reported vs exact scores', () => {
  // Exact quarter scores 87.8849, 87.8849, 87.885, 87.885 are reported (2 digits, half away from zero)
  // as 87.88, 87.88, 87.89, 87.89. Mean of the reported: 351.54 / 4 = 87.885 → 87.89. Mean of the
  // exact: 351.5398 / 4 = 87.88495 = 1757699/20000 → 87.88.
  const q = (scores: (number | string)[]) => scores.map((score, i) => ({ period: `2026-Q${i + 1}`, score, grade: '好' }));

  it('give different totals, and the explanation says which were read', async () => {
    const reported = await evalOne(prepare(rollUp('skip')), { 季度结果: q([87.88, 87.88, 87.89, 87.89]) }, { period: '2026', exactValues: true, explain: true });
    expect(reported.ok && [reported.value.score, reported.value.exact!.score]).toEqual([87.89, '17577/200']);
    expect(reported.ok && reported.value.explain!.periodInputs![0].values).toBe('reported');
    const exact = await evalOne(prepare(rollUp('skip', 'exact')), { 季度结果: q(['878849/10000', '87.8849', '17577/200', '87.885']) },
      { period: '2026', exactValues: true, explain: true });
    expect(exact.ok && [exact.value.score, exact.value.exact!.score]).toEqual([87.88, '1757699/20000']);
    expect(exact.ok && exact.value.explain!.periodInputs![0].values).toBe('exact');
  });
});

describe('validation of result records', () => {
  it('reports every problem at once, each at its path, in both languages', async () => {
    const s = prepare(rollUp('skip'));
    const r = await evalOne(s, {
      季度结果: [
        { period: '2026-Q1', score: 'abc', grade: '优' },      // E053, E052
        { period: '2026-Q1', score: 90 },                      // E051
        { period: '2025-Q4', score: '1769/0' },                // E050, E053 (zero denominator)
        { period: 5 },                                         // E003
        { 考核期: '2026-Q3', 得分: '88.45', grade: null, foo: 1 }, // E001 (Chinese keys are fine)
        { score: 1 },                                          // E002
        { period: '2026-Q4', imported: 'yes' },                // E003
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['KH-E053', '季度结果[0].score'], ['KH-E052', '季度结果[0].grade'],
      ['KH-E051', '季度结果[1].period'],
      ['KH-E050', '季度结果[2].period'], ['KH-E053', '季度结果[2].score'],
      ['KH-E003', '季度结果[3].period'],
      ['KH-E001', '季度结果[4].foo'],
      ['KH-E002', '季度结果[5].period'],
      ['KH-E003', '季度结果[6].imported'],
    ]);
    const e050 = r.errors[3];
    expect(e050.message).toBe('季度结果[2].period: "2025-Q4" is not one of the periods this input covers: 2026-Q1, 2026-Q2, 2026-Q3, 2026-Q4');
    expect(render(e050.msg!, 'zh')).toBe('季度结果[2].period：“2025-Q4”不是本项输入所含的考核期，应为 2026-Q1、2026-Q2、2026-Q3、2026-Q4');
    expect(render(r.errors[1].msg!, 'zh')).toBe('季度结果[0].grade：等次应为 好、较好、一般、较差 之一，不定等次时写 `null`');
    for (const e of r.errors) expect(render(e.msg!, 'zh')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('locates problems inside a cohort under subjects[i].input', async () => {
    const s = prepare(rollUp('skip'));
    const r = await engine.evaluateCohort(s, [
      { id: 'A', input: { 季度结果: [{ period: '2026-Q2', score: 80, grade: '一般' }] } },
      { id: 'B', input: { 季度结果: [{ period: '2026-Q1', score: 90, grade: '好' }, { period: '2026-Q5', score: 90 }] } },
    ], { period: '2026' });
    expect(!r.ok && r.errors.map((e) => [e.code, e.path, e.subject])).toEqual([['KH-E050', 'subjects[1].input.季度结果[1].period', 'B']]);
  });

  it('refuses a past record outside the window (KH-E055)', async () => {
    const s = prepare(history('breaks'));
    const r = await evalOne(s, { 本年分: 95, 往年: [{ period: '2026', grade: '优秀' }, { period: '2022', grade: '优秀' }, { period: '2025', grade: '特优' }] });
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E055', '往年[0].period'], ['KH-E055', '往年[1].period'], ['KH-E052', '往年[2].grade']]);
    expect(!r.ok && render(r.errors[0].msg!, 'zh')).toBe('往年[0].period：“2026”不在“2026”之前的 3 个考核期中，应为 2023、2024、2025');
  });

  it('needs the evaluation period, naming the input (KH-E032)', async () => {
    const r = await evalOne(prepare(rollUp('skip')), { 季度结果: [] }, {});
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E032', 'period']]);
    expect(!r.ok && r.errors[0].message).toContain('the input "季度结果" reads results by period');
    expect(!r.ok && render(r.errors[0].msg!, 'zh')).toContain('输入“季度结果”按考核期引用结果');
  });
});

/** An annual scheme with the person's past 3 years: 记三等功 on the third consecutive 优秀. */
const history = (policy: string) => `
scheme 年度考核 "年度考核" {
  period annual
  precision 2
  input {
    本年分: number in [0, 100]
    往年: past 3 years missing ${policy}
  }
  let 连续优秀 = streak(r in 往年 where r.grade == 优秀)
  indicator 本年 weight 100% = 本年分
  grades {
    优秀 when score >= 90
    称职 when score >= 60
    不称职 otherwise
  }
  outcomes {
    action 记三等功 when grade == 优秀 and 连续优秀 >= 2
  }
}`;

describe('streak over a past input', () => {
  const years = (g2023: string | null | undefined, g2024: string | null | undefined, g2025: string | null | undefined) =>
    ([['2023', g2023], ['2024', g2024], ['2025', g2025]] as const)
      .filter(([, g]) => g !== undefined).map(([period, grade]) => ({ period, score: 90, grade }));
  const streakOf = async (policy: string, past: object[]) => {
    const r = await evalOne(prepare(history(policy)), { 本年分: 95, 往年: past }, { period: '2026', explain: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const let_ = r.value.explain!.lets.连续优秀;
    return { n: let_.result, step: let_.steps![0] as Record<string, unknown>, actions: r.value.actions };
  };

  it('counts back from the newest period: a third consecutive 优秀 gives 记三等功', async () => {
    const s = await streakOf('breaks', years('优秀', '优秀', '优秀'));
    expect([s.n, s.actions]).toEqual([3, ['记三等功']]);
    expect(s.step).toMatchObject({ form: 'streak', list: '往年', items: 3, missing: 'breaks', counted: ['2025', '2024', '2023'], passed: [] });
    const two = await streakOf('breaks', years('称职', '优秀', '优秀'));
    expect([two.n, two.actions, two.step.stopped]).toEqual([2, ['记三等功'], { period: '2023', why: 'condition' }]);
    const none = await streakOf('breaks', years('优秀', '优秀', '称职'));
    expect([none.n, none.actions]).toEqual([0, []]);
  });

  it('a missing year: breaks stops the count, skip passes over it', async () => {
    const past = years('优秀', undefined, '优秀'); // 2024 missing
    const breaks = await streakOf('breaks', past);
    expect([breaks.n, breaks.step.stopped, breaks.actions]).toEqual([1, { period: '2024', why: 'missing' }, []]);
    const skip = await streakOf('skip', past);
    expect([skip.n, skip.step.passed, skip.actions]).toEqual([2, ['2024'], ['记三等功']]);
  });

  it('an ungraded year (不定等次, grade null): breaks stops, skip passes over', async () => {
    const past = years('优秀', '优秀', null); // 2025 ungraded (newest)
    expect((await streakOf('breaks', past)).n).toBe(0);
    const skip = await streakOf('skip', past);
    expect([skip.n, skip.step.passed, skip.step.counted]).toEqual([2, ['2025'], ['2024', '2023']]);
  });

  it('explains the history input: window, present, absent, imported', async () => {
    const r = await evalOne(prepare(history('breaks')), { 本年分: 95, 往年: [{ period: '2025', grade: '优秀', imported: true }] }, { period: '2026', explain: true });
    expect(r.ok && r.value.explain!.periodInputs).toEqual([{
      input: '往年', form: 'past', unit: 'annual', values: 'reported', missing: 'breaks',
      periods: ['2023', '2024', '2025'], present: ['2025'], absent: ['2023', '2024'], imported: ['2025'],
    }]);
    expect(r.ok && SubjectResultSchema.safeParse(r.value).success).toBe(true);
  });
});

describe('kaohe eval --period with a roll-up scheme', () => {
  it('evaluates the inputs inline and needs the period', async () => {
    const subject: SubjectInput = { id: 'A', input: { 季度结果: threeQuarters } };
    const files = { 's.kaohe': rollUp('skip'), 'in.json': JSON.stringify(subject) };
    const io = memoryIO(files);
    expect(await evalCmd(['s.kaohe', 'in.json', '--period', '2026'], io)).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ period: '2026', score: 87.98 });
    const none = memoryIO(files);
    expect(await evalCmd(['s.kaohe', 'in.json'], none)).toBe(1);
    expect(none.stdout + none.stderr).toContain('KH-E032');
  });
});

// After the officer's review: KH-E011 over an empty roll-up (`missing skip`, a person with no quarter)
// names the function as the reader's keywords do (平均 in zh), in both its forms.
describe('KH-E011 over an empty roll-up names the function in the reader\'s language', () => {
  it('avg(r in L : …) and avg(L.得分) over no quarter: 平均 in zh, avg in en', async () => {
    const s = prepare(rollUp('skip'));
    const zh = await evalOne(s, { 季度结果: [] }, { period: '2026', lang: 'zh' });
    expect(!zh.ok && zh.errors.map((e) => [e.code, render(e.msg!, 'zh')])).toEqual([['KH-E011', '“avg(r in 季度结果 : r.得分)”中的“平均”作用于空列表 季度结果（第 10 行）']]);
    expect(!zh.ok && zh.errors[0].message).toMatch(/^avg over an empty list 季度结果 in `avg\(r in 季度结果 : r\.得分\)`/);
    const call = prepare(rollUp('skip').replace('avg(r in 季度结果 : r.得分)', 'max(季度结果.得分)'));
    const r = await evalOne(call, { 季度结果: [] }, { period: '2026', lang: 'zh' });
    expect(!r.ok && render(r.errors[0].msg!, 'zh')).toMatch(/^“max\(季度结果\.得分\)”中的“最大”作用于空列表/);
  });
});
