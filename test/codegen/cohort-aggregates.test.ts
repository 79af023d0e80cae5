// Cohort aggregates on the compiled engine (issue 16; `overall max(x)`, `本组 名次(x)`, issue 13): a
// batch of such a scheme runs its stages on the generated programs (engine/codegen/cohort-aggs.ts) —
// the arguments, the values over the cohort, the program with them — and its result JSON equals the
// closures' byte for byte: every function and scope, aggregates over score in grades (quotas acting)
// and actions, in rule items and in indicators; values past 2^53 (the subject's values leave the
// program's safe integers: it runs on the closures, counted, same answer); exact halves at the
// reported precision; invalid subjects and failing arguments (the batch fails alike).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CohortResult, EvalOptions, SubjectInput } from '../../engine/api.js';
import { evaluateCohort, planOf } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { load, referenceSchemes } from '../backends/corpus.js';
import { recordArb } from '../jre/subjects.js';

/** Every function and scope; ranks both ways; two aggregates of one argument share its slot. */
const ALL_FNS = `scheme 汇总 {
  precision 4
  input { x: number, 组: text }
  cohort by 组
  indicator Extremes weight 20% = overall max(x) - cohort min(x) + overall rank(x asc)
  indicator Means weight 20% = overall avg(x) + cohort percentile(x, 30) - overall percentile(x, 0)
  indicator Top weight 20% = overall percentile(x, 100) - overall percentile(x, 50) + overall rank(x)
  indicator Group weight 40% = cohort rank(x) + 0 * overall max(x * 3) + cohort avg(x * 3)
  grades { 好 otherwise }
}`;

/** Aggregates over score in the grades (with a quota) and an action; a 'pre' one in a rule item. */
const OVER_SCORE = `scheme 相对等次 {
  precision 1
  input { x: number, 表彰: bool = false, 组: text }
  cohort by 组
  indicator A weight 100% = x
  negative Below { item 低于平均 when x < overall avg(x) => deduct 1 }
  reward 加分 max 10 { item 表彰加分 when 表彰 => add 10 }
  grades {
    优 when score >= overall percentile(score, 50) quota 30% min 1
    良 when score >= cohort avg(score) or base > overall max(base) - 5
    差 otherwise
  }
  outcomes { action 约谈 when score < overall min(score) + 5 }
}`;

/** Precision 0: averages of integers land on exact halves, rounded half away from zero. */
const HALVES = `scheme 半数 {
  precision 0
  input { x: number, g: number }
  cohort by g
  indicator M weight 50% = cohort avg(x)
  indicator P weight 50% = overall percentile(x, 50)
  grades { 好 when score > overall avg(score) 差 otherwise }
}`;

const num = fc.oneof(
  fc.integer({ min: -50, max: 150 }),
  fc.integer({ min: -5000, max: 15000 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 200 }).map((n) => n / 2 + 0.5 - 0.5),
);
const subjectsOf = (inputs: Record<string, unknown>[]): SubjectInput[] => inputs.map((input, i) => ({ id: `s${i}`, input }));

/** Closures and compiled on the same batch: the same JSON text; whether it evaluated (`results`: its results). */
async function same(source: string, subjects: SubjectInput[], opts?: EvalOptions): Promise<boolean>;
async function same(source: string, subjects: SubjectInput[], opts: EvalOptions, results: true): Promise<CohortResult['results']>;
async function same(source: string, subjects: SubjectInput[], opts: EvalOptions = {}, results?: true): Promise<boolean | CohortResult['results']> {
  const scheme = load(source, 'aggs.kaohe');
  const ref = await evaluateCohort(scheme, subjects, { ...opts, backend: 'closures' });
  const got = await evaluateCohort(scheme, subjects, { ...opts, backend: 'compiled' });
  expect(JSON.stringify(got)).toBe(JSON.stringify(ref));
  return results ? (got.ok ? got.value.results : []) : ref.ok;
}

const optsOf = (i: number): EvalOptions => ({ lang: i % 2 ? 'zh' : 'en', exactValues: i % 3 === 0 });

describe('cohort aggregates compiled = closures', () => {
  it('every scheme here and township-leaders compile (no `unsupported`)', () => {
    const town = referenceSchemes().find((s) => s.name.includes('township-leaders'))!;
    for (const [name, src] of [['ALL_FNS', ALL_FNS], ['OVER_SCORE', OVER_SCORE], ['HALVES', HALVES], [town.name, town.source]]) {
      const c = compileJs(planOf(load(src, `${name}.kaohe`)));
      expect(c.unsupported, name).toEqual([]);
      expect(c.program?.ir.aggs?.count, name).toBeGreaterThan(0);
    }
  });

  for (const [name, source, group] of [['every function and scope', ALL_FNS, ['a', 'b', 'c']], ['aggregates over score, quotas acting', OVER_SCORE, ['东', '西']]] as const) {
    it(`${name}: random batches, both languages, exact values`, async () => {
      resetCounters();
      let i = 0, ok = 0, n = 0, demoted = 0;
      const input = fc.record({ x: num, 组: fc.constantFrom(...group), ...(source === OVER_SCORE ? { 表彰: fc.boolean() } : {}) });
      await fc.assert(fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 40 }), async (inputs) => {
        n += inputs.length;
        const results = await same(source, subjectsOf(inputs), optsOf(i++), true);
        if (results.length) ok++;
        demoted += results.filter((x) => x.quota?.demotedTo).length;
      }), { numRuns: 40, seed: 16 });
      expect(ok).toBe(40); // every batch evaluates: the comparison is of results
      if (source === OVER_SCORE) expect(demoted).toBeGreaterThan(10);
      expect(Object.keys(codegenCounters.reasons).filter((r) => r.startsWith('exception'))).toEqual([]);
      expect(codegenCounters.bailed).toBe(0); // every member ran on the program (a demoted one twice)
      expect(codegenCounters.compiled).toBeGreaterThanOrEqual(n);
    }, 120_000);
  }

  it('exact halves: averages and percentiles of integers rounded at precision 0', async () => {
    resetCounters();
    const input = fc.record({ x: fc.integer({ min: -9, max: 9 }), g: fc.integer({ min: 1, max: 3 }) });
    await fc.assert(fc.asyncProperty(fc.array(input, { minLength: 2, maxLength: 12 }), async (inputs) => {
      expect(await same(HALVES, subjectsOf(inputs))).toBe(true);
    }), { numRuns: 60, seed: 17 });
    expect(codegenCounters.compiled).toBeGreaterThan(60);
    // a half by construction: x 1, 2 → avg 3/2 → 2; 8, 9 → 17/2 → 9
    const r = await evaluateCohort(load(HALVES, 'h.kaohe'), subjectsOf([{ x: 1, g: 1 }, { x: 2, g: 1 }, { x: 8, g: 2 }, { x: 9, g: 2 }]), { backend: 'compiled' });
    expect(r.ok && r.value.results.map((x) => x.indicators[0].score)).toEqual([2, 2, 9, 9]);
  });

  it('values past 2^53: the subject runs on the closures (counted), the answer is the same', async () => {
    resetCounters();
    const big = fc.integer({ min: 2 ** 50, max: 2 ** 53 - 1 }).map((n) => n - (n % 7) + 0.5);
    const input = fc.record({ x: fc.oneof(num, big), 组: fc.constantFrom('a', 'b') });
    await fc.assert(fc.asyncProperty(fc.array(input, { minLength: 2, maxLength: 20 }), async (inputs) => {
      await same(ALL_FNS, subjectsOf(inputs));
    }), { numRuns: 40, seed: 18 });
    expect(codegenCounters.reasons['cohort value beyond 2^53']).toBeGreaterThan(0);
    expect(codegenCounters.compiled).toBeGreaterThan(0);
  }, 120_000);

  it('invalid subjects and an argument that fails: the batch fails alike', async () => {
    const failing = `scheme 出错 { input { x: number } indicator A weight 100% = overall max(10 / x) grades { 好 otherwise } }`;
    expect(await same(failing, subjectsOf([{ x: 2 }, { x: 0 }, { x: 4 }]))).toBe(false);
    expect(await same(ALL_FNS, subjectsOf([{ x: 'x', 组: 'g' }, { 组: 'g' }, { x: 1, 组: 'a' }]))).toBe(false);
    expect(await same(ALL_FNS, subjectsOf([{ x: 1, 组: 'a' }]))).toBe(true); // one subject: its own cohort
  });

  it('township-leaders: generated 片区 batches (vetoes, deductions, honours, the 30% quota)', async () => {
    const town = referenceSchemes().find((s) => s.name.includes('township-leaders'))!;
    const plan = planOf(load(town.source, town.name));
    resetCounters();
    let i = 0;
    const input = recordArb(plan.contract).map((r) => ({ ...r, 片区: ['东片', '西片', '南片'][String(r.片区 ?? '').length % 3] }));
    await fc.assert(fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 30 }), async (inputs) => {
      await same(town.source, subjectsOf(inputs), optsOf(i++));
    }), { numRuns: 30, seed: 19 });
    expect(codegenCounters.compiled).toBeGreaterThan(30);
    // near the top of their 片区 (≥ 850 points): the 30% quota demotes, ties on 总分 and on 经济发展 included
    const strong = fc.record({
      片区: fc.constantFrom('东片', '西片'), 财政收入: fc.integer({ min: 90, max: 100 }).map((n) => n * 60), 投资增速: fc.integer({ min: 0, max: 6 }),
      党建得分: fc.integer({ min: 180, max: 200 }).map((n) => n / 2), 满意率: fc.constantFrom(0.9, 0.95, 1),
      非访起数: fc.constantFrom(0, 0, 0, 1), 省级表彰: fc.constantFrom(0, 1),
    });
    let demoted = 0;
    resetCounters();
    await fc.assert(fc.asyncProperty(fc.array(strong, { minLength: 4, maxLength: 25 }), async (inputs) => {
      const r = await same(town.source, subjectsOf(inputs), optsOf(i++), true);
      demoted += r.filter((x) => x.quota?.demotedTo).length;
    }), { numRuns: 20, seed: 20 });
    expect(demoted).toBeGreaterThan(10);
    expect(codegenCounters.bailed).toBe(0);
  }, 120_000);
});
