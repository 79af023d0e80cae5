// Cohort aggregates (issue 13, engine/cohort-values.ts): `overall max(x)`, `cohort avg(x)`,
// `overall percentile(score, 50)`, `overall rank(x asc)`, computed exactly per scope in the cohort
// phases of batch.ts — before the main run when X needs no result name, after every score and before
// grades when it does. Every expected value is computed by hand (exact fractions in the comments).

import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import type { SubjectInput } from '../../engine/api.js';
import { percentile, Stats } from '../../engine/cohort-values.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { exportRules } from '../../engine/jre/export.js';
import { loadSource } from './helpers.js';

const q = (s: string) => Rational.parse(s)!;
const rs = (...xs: string[]) => xs.map(q);

async function cohortOf(src: string, subjects: SubjectInput[], opts?: Parameters<typeof evaluateCohort>[2]) {
  const { scheme } = loadSource(src);
  const r = await evaluateCohort(scheme, subjects, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const scoresOf = (results: { subject: string; indicators: { id: string; score: number }[] }[]) =>
  Object.fromEntries(results.map((r) => [r.subject, Object.fromEntries(r.indicators.map((i) => [i.id, i.score]))]));

describe('values (exact)', () => {
  it('percentile is PERCENTILE.INC: the value at h = (n−1)·P/100, interpolated between two', () => {
    const v = rs('1', '1', '3', '4', '5'); // ascending, n = 5
    expect(percentile(v, q('50')).eq(q('3'))).toBe(true); // h = 2 → v[2] = 3
    expect(percentile(v, q('30')).eq(q('1.4'))).toBe(true); // h = 6/5 → 1 + 1/5·(3 − 1) = 7/5
    expect(percentile(v, q('62.5')).eq(q('3.5'))).toBe(true); // h = 5/2 → 3 + 1/2·(4 − 3) = 7/2
    expect(percentile(v, q('0')).eq(q('1'))).toBe(true); // P = 0: the smallest
    expect(percentile(v, q('100')).eq(q('5'))).toBe(true); // P = 100: the largest (h = 4, nothing above)
    expect(percentile(rs('2', '3'), q('10')).eq(Rational.of(21n, 10n))).toBe(true); // h = 1/10 → 2 + 1/10 = 21/10
    expect(percentile(rs('7'), q('37')).eq(q('7'))).toBe(true); // one value
    // thirds stay exact: h = 2·(100/3)/100 = 2/3 → 0 + 2/3·(1 − 0) = 2/3
    expect(percentile(rs('0', '1', '5'), Rational.of(100n, 3n)).eq(Rational.of(2n, 3n))).toBe(true);
  });

  it('max, min, the exact mean; rank = 1 + how many are strictly better (1, 1, 3), desc or asc', () => {
    const third = Rational.of(1n, 3n);
    const s = new Stats([...rs('90', '90', '80', '70'), third]);
    expect(s.value('max').eq(q('90'))).toBe(true);
    expect(s.value('min').eq(Rational.of(1n, 3n))).toBe(true);
    expect(s.value('avg').eq(Rational.of(991n, 15n))).toBe(true); // (330 + 1/3)/5 = (991/3)/5 = 991/15
    expect(s.ranks('desc').map((r) => Number(r.num))).toEqual([1, 1, 3, 4, 5]);
    expect(s.ranks('asc').map((r) => Number(r.num))).toEqual([4, 4, 3, 2, 1]);
    // ties anywhere, the values in any order: the same ranks as 1 + how many are strictly better
    const t = new Stats(rs('5', '7', '5', '9', '7', '5'));
    expect(t.ranks('desc').map((r) => Number(r.num))).toEqual([4, 2, 4, 1, 2, 4]);
    expect(t.ranks('asc').map((r) => Number(r.num))).toEqual([1, 4, 1, 6, 4, 1]);
  });
});

const aggregates = `scheme 汇总 {
  precision 4
  input { x: number, 组: text }
  cohort by 组
  indicator Hi weight 10% = overall max(x)
  indicator Lo weight 10% = overall min(x)
  indicator Avg weight 10% = overall avg(x)
  indicator P50 weight 10% = overall percentile(x, 50)
  indicator P30 weight 10% = overall percentile(x, 30)
  indicator P0 weight 10% = overall percentile(x, 0)
  indicator P100 weight 10% = overall percentile(x, 100)
  indicator Rk weight 10% = overall rank(x)
  indicator RkAsc weight 10% = overall rank(x asc)
  indicator RkG weight 10% = cohort rank(x)
  grades { 好 otherwise }
}`;

describe('aggregates in a cohort', () => {
  // x: a 90 (g1), b 90 (g2), c 80 (g1), d 70 (g2), e 20 (g2)
  const subjects: SubjectInput[] = [['a', 90, 'g1'], ['b', 90, 'g2'], ['c', 80, 'g1'], ['d', 70, 'g2'], ['e', 20, 'g2']]
    .map(([id, x, g]) => ({ id: id as string, input: { x, 组: g } }));

  it('max, min, avg, percentile (P = 0, 30, 50, 100) and ranks over the whole batch', async () => {
    const s = scoresOf((await cohortOf(aggregates, subjects)).results);
    // ascending 20, 70, 80, 90, 90; mean 350/5 = 70; P50: h = 2 → 80; P30: h = 6/5 → 70 + 1/5·10 = 72
    for (const id of 'abcde') {
      expect(s[id]).toMatchObject({ Hi: 90, Lo: 20, Avg: 70, P50: 80, P30: 72, P0: 20, P100: 90 });
    }
    // desc: 90, 90 share 1, then 80 is 3 (1, 1, 3), 70 is 4, 20 is 5; asc: 20 is 1 … the 90s share 4
    expect(Object.fromEntries(Object.entries(s).map(([id, v]) => [id, [v.Rk, v.RkAsc]])))
      .toEqual({ a: [1, 4], b: [1, 4], c: [3, 3], d: [4, 2], e: [5, 1] });
  });

  it('cohort scope: within the subject\'s `cohort by` group', async () => {
    const s = scoresOf((await cohortOf(aggregates, subjects)).results);
    // g1: a 90, c 80 → ranks 1, 2; g2: b 90, d 70, e 20 → 1, 2, 3
    expect(Object.fromEntries(Object.entries(s).map(([id, v]) => [id, v.RkG]))).toEqual({ a: 1, c: 2, b: 1, d: 2, e: 3 });
    const src = `scheme 组 {
      precision 4
      input { x: number, 组: text }
      cohort by 组
      indicator GAvg weight 50% = cohort avg(x)
      indicator AllAvg weight 50% = overall avg(x)
      grades { 好 otherwise }
    }`;
    const t = scoresOf((await cohortOf(src, subjects)).results);
    // g1: (90 + 80)/2 = 85; g2: (90 + 70 + 20)/3 = 60; overall 70
    expect(t).toEqual({ a: { GAvg: 85, AllAvg: 70 }, c: { GAvg: 85, AllAvg: 70 }, b: { GAvg: 60, AllAvg: 70 }, d: { GAvg: 60, AllAvg: 70 }, e: { GAvg: 60, AllAvg: 70 } });
  });

  it('without `cohort by`, the cohort scope is the whole batch', async () => {
    const src = `scheme 无组 { precision 4 input { x: number } indicator GAvg weight 100% = cohort avg(x) grades { 好 otherwise } }`;
    const t = scoresOf((await cohortOf(src, [{ id: 'a', input: { x: 1 } }, { id: 'b', input: { x: 2 } }, { id: 'c', input: { x: 2 } }])).results);
    expect(Object.values(t).map((v) => v.GAvg)).toEqual([1.6667, 1.6667, 1.6667]); // 5/3
  });

  it('a relative score 得分 ÷ 最高分 × 600: the top unit gets exactly 600, the others their share', async () => {
    const src = `scheme 相对 {
      total 600
      input { 原始分: number }
      indicator 实绩 points 600 = 原始分 / overall max(原始分) * 100
      grades { 好 otherwise }
    }`;
    const r = await cohortOf(src, [{ id: '甲', input: { 原始分: 70 } }, { id: '乙', input: { 原始分: 87.5 } }, { id: '丙', input: { 原始分: 35 } }]);
    // max 87.5 = 175/2: 乙 100 → 600; 甲 70/(175/2) = 4/5 → 80 → 480; 丙 35/(175/2) = 2/5 → 40 → 240
    expect(r.results.map((x) => [x.subject, x.indicators[0].score, x.indicators[0].points, x.score]))
      .toEqual([['甲', 80, 480, 480], ['乙', 100, 600, 600], ['丙', 40, 240, 240]]);
  });

  it('an aggregate over score (after every score, before grades) in a grade condition', async () => {
    const src = `scheme 相对等次 {
      input { x: number, 表彰: bool = false }
      indicator A weight 100% = x
      reward 加分 max 10 { item 表彰加分 when 表彰 => add 10 }
      grades {
        优 when score >= overall percentile(score, 50)
        差 otherwise
      }
    }`;
    // scores: a 80 + 10 = 90, b 85, c 80, d 70 → ascending 70, 80, 85, 90; h = 3/2 → 80 + 1/2·5 = 165/2 = 82.5.
    // Over x without a's reward it would be 80 + 1/2·0 = 80 and c would hold 优: X is the score after rewards.
    const r = await cohortOf(src, [
      { id: 'a', input: { x: 80, 表彰: true } }, { id: 'b', input: { x: 85 } }, { id: 'c', input: { x: 80 } }, { id: 'd', input: { x: 70 } },
    ]);
    expect(r.results.map((x) => [x.subject, x.score, x.grade])).toEqual([['a', 90, '优'], ['b', 85, '优'], ['c', 80, '差'], ['d', 70, '差']]);
    expect(r.results[0].gradeReasons).toEqual(['score 90 >= overall percentile(score, 50) (82.5)']);
    const r2 = await cohortOf(src, [
      { id: 'a', input: { x: 80, 表彰: true } }, { id: 'b', input: { x: 85 } }, { id: 'c', input: { x: 80 } }, { id: 'd', input: { x: 100 } },
    ]);
    // scores 90, 85, 80, 100 → ascending 80, 85, 90, 100; h = 3/2 → 85 + 1/2·5 = 175/2 = 87.5: b drops to 差
    expect(r2.results.map((x) => [x.subject, x.grade])).toEqual([['a', '优'], ['b', '差'], ['c', '差'], ['d', '优']]);
  });

  it('explains each aggregate value as a trace step, in the result\'s language', async () => {
    const src = `scheme 解释 {
      input { x: number }
      indicator A weight 50% = x / overall max(x) * 100
      indicator B weight 50% = 100 - 10 * (overall rank(x) - 1)
      grades { 好 otherwise }
    }`;
    const subjects3 = [{ id: 'a', input: { x: 50 } }, { id: 'b', input: { x: 40 } }, { id: 'c', input: { x: 50 } }];
    const en = await cohortOf(src, subjects3, { explain: true });
    const b = en.results[1];
    expect(b.indicators[0].trace).toMatchObject({
      steps: [{ form: 'cohort', aggregate: 'overall max(x)', scope: 'overall', fn: 'max', of: 3, result: 50, text: 'overall max(x) = 50 (over 3)' }],
    });
    // b: 40 is ranked behind both 50s → 3 of 3; B = 100 − 10·2 = 80
    expect(b.indicators[1]).toMatchObject({ score: 80, trace: { steps: [{ form: 'cohort', fn: 'rank', value: 40, result: 3, text: 'overall rank(x) = 3 of 3' }] } });
    const zh = await cohortOf(src, subjects3, { explain: true, lang: 'zh' });
    expect(zh.results[1].indicators[1].trace).toMatchObject({ steps: [{ text: 'overall rank(x) = 第 3 名（共 3 个考核对象）' }] });
    expect(zh.results[1].indicators[0].trace).toMatchObject({ steps: [{ text: 'overall max(x) = 50（共 3 个考核对象）' }] });
  });

  it('counts vetoed and ungraded subjects: they are in the cohort', async () => {
    const src = `scheme 全员 {
      input { x: number, vetoed: bool = false }
      indicator A weight 100% = overall avg(x)
      negative N { item V when vetoed => veto  item NG when x < 10 => nograde }
      grades { 好 when score >= 0  差 otherwise }
    }`;
    const r = await cohortOf(src, [{ id: 'a', input: { x: 90, vetoed: true } }, { id: 'b', input: { x: 5 } }, { id: 'c', input: { x: 40 } }]);
    // (90 + 5 + 40)/3 = 45 for everyone, whatever their grade
    expect(r.results.map((x) => [x.subject, x.score, x.grade])).toEqual([['a', 45, '差'], ['b', 45, null], ['c', 45, '好']]);
  });

  it('a subject whose X fails fails the batch, naming the subject and the expression', async () => {
    const src = `scheme 出错 { input { x: number } indicator A weight 100% = overall max(10 / x) grades { 好 otherwise } }`;
    const { scheme } = loadSource(src);
    const r = await evaluateCohort(scheme, [{ id: 'a', input: { x: 2 } }, { id: 'b', input: { x: 0 } }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.subject, e.line])).toEqual([['KH-E010', 'b', 1]]);
  });

  it('reports invalid input of every subject before computing anything (validated once)', async () => {
    const { scheme } = loadSource(aggregates);
    const r = await evaluateCohort(scheme, [{ id: 'a', input: { x: 'x', 组: 'g' } }, { id: 'b', input: { 组: 'g' } }]);
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.subject, e.path])).toEqual([
      ['KH-E003', 'a', 'subjects[0].input.x'], ['KH-E002', 'b', 'subjects[1].input.x'],
    ]);
  });
});

describe('one subject alone', () => {
  it('KH-E040: a scheme that compares each subject with its cohort cannot evaluate one alone', async () => {
    const { scheme } = loadSource(`scheme 单个 {
      input { x: number }
      let 备用 = x
      indicator A weight 100% = x / overall max(x) * 100
      grades { 好 otherwise }
    }`);
    const r = await evaluate(scheme, { id: 'a', input: { x: 1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      code: 'KH-E040', message: 'this scheme compares each subject with its cohort (line 4: `overall max(x)`): evaluate a cohort',
    });
    const { render } = await import('../../dsl/i18n/index.js');
    expect(render(r.errors[0].msg!, 'zh')).toBe('本方案要把每个考核对象与同批考核对象相比较（第 4 行：“overall max(x)”），请整批考核');
  });

  it('the engine, the checker (KH-C150), the contract and the jre export name the same first aggregate', async () => {
    const src = (extra: string) => `scheme 首个 {
      input { x: number in [1, 100] }
      let 比 = x / overall max(x)
      indicator A weight 100% = 比 * 100 - overall min(x)
      grades { 好 otherwise }${extra}
    }`;
    const { scheme, plan } = loadSource(src(''));
    const r = await evaluate(scheme, { id: 'a', input: { x: 1 } });
    expect(!r.ok && r.errors[0].message).toContain('(line 3: `overall max(x)`)');
    expect(exportRules(plan.checked, plan.file).doc.cohort?.reason).toContain('(line 3: `overall max(x)`)');
    const { LanguageService } = await import('../../dsl/service/index.js');
    const ls = new LanguageService({ ui: 'en' });
    ls.update(src(''));
    expect(ls.contract().cohortAggregate).toEqual({ line: 3, text: 'overall max(x)' });
    const { analyze } = await import('../../dsl/index.js');
    const c150 = analyze(src('\n      example 单 { given { x: 5 } expect score >= 0 }')).diagnostics.filter((d) => d.code === 'KH-C150');
    expect(c150.map((d) => d.message)).toEqual([expect.stringContaining('(line 3: `overall max(x)`)')]);
  });

  it('a scheme without aggregates still evaluates alone', async () => {
    const { scheme } = loadSource(`scheme 普通 { input { x: number } indicator A weight 100% = x grades { 好 otherwise } }`);
    expect((await evaluate(scheme, { id: 'a', input: { x: 1 } })).ok).toBe(true);
  });
});

describe('json-rules-engine export', () => {
  it('hands a scheme with cohort aggregates back to kaohe, saying why and where', () => {
    const { plan } = loadSource(`scheme 导出 {
      input { x: number }
      indicator A weight 100% = x
      negative N { item 末位 when overall rank(x) > 2 => deduct 5 }
      grades { 好 otherwise }
    }`);
    const { doc } = exportRules(plan.checked, plan.file);
    expect(doc.cohort).toEqual({
      evaluator: 'kaohe',
      reason: expect.stringContaining('compares each subject with its cohort'),
      aggregates: ['line 4: overall rank(x)'],
    });
    const fact = Object.values(doc.facts).find((f) => f.expr === 'overall rank(x) > 2' || f.expr === 'overall rank(x)');
    expect(fact).toMatchObject({ kind: 'computed', cohort: true });
  });
});
