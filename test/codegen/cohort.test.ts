// Cohorts through the compiled engine (issue 16): every member runs on the generated program —
// quota competitors too (engine/codegen/competitor.ts: the race keys and the lower grades' conditions
// come from the program; a competitor the quotas leave is made final from its provisional result, a
// demoted one runs again with its final grade). The batch result JSON equals the closures' byte for
// byte: on every reference scheme with quotas acting (near-elite subjects, copied inputs for ties),
// and on small schemes built for the hard cases — ties on the tiebreak keys, demotion through several
// grades and to a grade by its second rule, exact halves at the quota line and in the ranking key,
// `rank by` with a quota table, and a subject that bails in the middle of a cohort.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CohortResult, EvalOptions, SubjectInput } from '../../engine/api.js';
import { evaluateCohort, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { load, periodFor, referenceSchemes } from '../backends/corpus.js';
import { elites, nearElite } from '../backends/elite.js';
import { recordArb, sameQuotaKeys } from '../jre/subjects.js';
import { GRADES, SCHEME, subject } from '../stream/competitor-schemes.js';
import { FULL_TIER } from '../tier.js';

/** Cohorts of 60 a reference scheme (fixed seeds 160…) and the elite subjects they are drawn near (quotas bind on the
 * same schemes with 2): `npm test` 2 and 2, `npm run test:differential` 3 and 3 (KAOHE_FULL). */
const BATCHES = FULL_TIER ? 3 : 2;
const ELITES = FULL_TIER ? 3 : 2;

type Result = CohortResult['results'][number];

/** Closures and compiled on the same cohort: the same JSON text; the compiled outcome. */
async function same(scheme: ReturnType<typeof load>, subjects: SubjectInput[], opts: EvalOptions): Promise<CohortResult | undefined> {
  const ref = await evaluateCohort(scheme, subjects, { ...opts, backend: 'closures' });
  const got = await evaluateCohort(scheme, subjects, { ...opts, backend: 'compiled' });
  expect(JSON.stringify(got)).toBe(JSON.stringify(ref));
  return got.ok ? got.value : undefined;
}

const demotions = (r: CohortResult | undefined) => (r?.results ?? []).filter((x: Result) => x.quota && x.quota.demotedTo !== null).length;

describe('cohorts on the compiled engine = on the closures, competitors included', () => {
  for (const { name, source } of referenceSchemes()) {
    it(name, async () => {
      const scheme = load(source, name);
      const plan = planOf(scheme);
      if (!compileJs(plan).program) return; // runs on closures (test/backends says why)
      const base: EvalOptions = periodFor(plan);
      const elite = await elites(scheme, plan, base, ELITES, 16);
      resetCounters();
      let demoted = 0;
      for (let b = 0; b < BATCHES; b++) {
        const drawn = fc.sample(fc.oneof(recordArb(plan.contract), nearElite(plan, elite)), { seed: 160 + b, numRuns: 60 });
        const inputs = sameQuotaKeys(plan, drawn);
        // every third a copy of an earlier one: ties on every key across the quota lines
        const subjects = inputs.map((input, i) => ({ id: `s${i}`, input: i % 3 === 2 ? inputs[i - 2] : input, ...(i % 5 === 0 ? { display: { 姓名: `张${i}` } } : {}) }));
        for (const opts of [{ ...base, lang: 'zh' as const }, { ...base, lang: 'en' as const, exactValues: true }]) demoted += demotions(await same(scheme, subjects, opts));
      }
      const reasons = Object.keys(codegenCounters.reasons);
      expect(reasons.filter((r) => r.startsWith('exception'))).toEqual([]);
      expect(reasons).not.toContain('cohort keys'); // every reference scheme's cohort keys lower
      expect(reasons).not.toContain('competes'); // … and its tiebreak keys: competitors compiled
      expect(codegenCounters.compiled).toBeGreaterThan(100 * BATCHES); // of 120 member runs a cohort
      if (process.env.KAOHE_COHORT_SAY) console.log(name, { demoted, ...codegenCounters });
    }, 300_000);
  }
});

async function both(source: string, subjects: SubjectInput[]): Promise<CohortResult> {
  const scheme = prepare(source, 'competitors.kaohe');
  expect(scheme.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  resetCounters();
  let last: CohortResult | undefined;
  for (const lang of ['zh', 'en'] as const) last = await same(scheme.value!, subjects, { lang });
  expect(Object.keys(codegenCounters.reasons).filter((r) => r.startsWith('exception') || r === 'competes' || r === 'cohort keys')).toEqual([]);
  return last!;
}

const grades = (r: CohortResult) => r.results.map((x: Result) => x.grade);

describe('quota competitors on the compiled engine: the hard cases', () => {
  it('ties on the tiebreak keys: the second key decides, a full tie straddling the line is demoted whole', async () => {
    const r = await both(SCHEME(GRADES), [
      subject('a', 92, 92, { 档: '低' }), subject('b', 92, 92, { 档: '高' }), // same score and 乙项: 档 decides
      subject('c', 94, 90), subject('d', 90, 94), subject('e', 90, 94), // d, e tied on every key
      subject('f', 50, 50), subject('g', 50, 50), subject('h', 70, 70),
    ]);
    expect(codegenCounters.compiled).toBeGreaterThanOrEqual(2 * 8);
    // 优秀: 6 holders, 25% of 8 = 2 → d, e (乙项 94) keep it; b before a on 档
    expect(grades(r).slice(0, 5)).toEqual(['良好', '良好', '良好', '优秀', '优秀']);
    expect(r.cohorts[0].quotas[0].ties).toEqual([]);
    const tie = await both(SCHEME(GRADES), [
      subject('a', 92, 92), subject('b', 92, 92), subject('c', 92, 92), subject('d', 50, 50), subject('e', 50, 50), subject('f', 50, 50),
      subject('g', 50, 50), subject('h', 50, 50), subject('i', 50, 50), subject('j', 96, 96),
    ]);
    // 25% of 10 = 2.5 → 3 (round nearest, half up): j, then a–c tied across the line: all demoted
    expect(grades(tie).slice(0, 3)).toEqual(['良好', '良好', '良好']);
    expect(tie.cohorts[0].quotas[0].ties).toEqual(['a', 'b', 'c']);
  });

  it('demotion through several grades, and onto a grade by its second rule', async () => {
    const many = Array.from({ length: 6 }, (_, i) => subject(`x${i}`, 99 - i, 99 - i));
    const low = Array.from({ length: 4 }, (_, i) => subject(`y${i}`, 40 + i, 40));
    // 乙项 ≥ 95 holds 良好 by its second line though score < 80
    const r = await both(SCHEME(GRADES), [...many, subject('z', 20, 96), ...low]);
    // 11 graded: 优秀 25% → 3 (2.75 rounds to 3); 良好 40% → 4 of the 3 demoted + z: x5 demoted to 合格
    expect(grades(r).slice(0, 7)).toEqual(['优秀', '优秀', '优秀', '良好', '良好', '良好', '良好']);
    const twice = await both(SCHEME(GRADES.replace('quota 40%', 'quota 20%')), [...many, subject('z', 20, 96), ...low]);
    expect(grades(twice).slice(3, 6)).toEqual(['良好', '良好', '合格']); // x5: 优秀 → 良好 → 合格
    const x5 = twice.results[5] as Result & { quota: { demotedTo: string } };
    expect(x5.quota.demotedTo).toBe('合格');
    expect(x5.bonus).toBe(1);
    expect(x5.actions).toEqual(['提醒']);
  });

  it('exact halves: at the quota line (round nearest) and in the ranking key (precision 2)', async () => {
    // 89.995 reports as 90.00 (half away from zero): holds 优秀 and ranks equal to 90 exactly
    const r = await both(SCHEME(GRADES), [
      subject('a', 89.99, 90), subject('b', 90, 90), subject('c', 100, 80), subject('d', 80, 100),
      subject('e', 10, 10), subject('f', 10, 10),
    ]);
    // 25% of 6 = 1.5 → 2; d first (乙项 100), then a and b tied on every key across the line: both
    // demoted with c; 良好 40% of 6 = 2.4 → 2: a, b keep it, c goes on to 合格
    expect(r.cohorts[0].quotas[0].limit).toBe(2);
    expect(r.cohorts[0].quotas[0].ties).toEqual(['a', 'b']);
    expect(grades(r).slice(0, 4)).toEqual(['良好', '良好', '合格', '优秀']);
  });

  it('`rank by` with a quota table looked up by an enum input', async () => {
    const source = SCHEME(GRADES.replace('quota 25% round nearest', 'quota 班子等次 { 好: 50%, 一般: 25% }'), '  rank by 甲项 asc');
    const subjects = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => subject(id, 90 + i, 98 - i));
    const r = await both(source, subjects);
    // all score 94; 好: 50% of 6 → 3 keep 优秀, lowest 甲项 first; 良好 40% → 2 of the other three
    expect(grades(r).slice(0, 6)).toEqual(['优秀', '优秀', '优秀', '良好', '良好', '合格']);
    expect(r.results.map((x: Result) => (x as { rank: { cohort: number } }).rank.cohort)).toEqual([1, 2, 3, 4, 5, 6]);
    const mixed = subjects.map((s, i) => (i === 4 ? { ...s, input: { ...s.input as object, 班子等次: '一般' } } : s));
    const bad = await evaluateCohort(prepare(source, 'x.kaohe').value!, mixed, { backend: 'compiled' });
    const ref = await evaluateCohort(prepare(source, 'x.kaohe').value!, mixed, { backend: 'closures' });
    expect(JSON.stringify(bad)).toBe(JSON.stringify(ref)); // KH-E043: the table key differs in the cohort
    expect(bad.ok).toBe(false);
  });

  it('a subject that bails in the middle of a cohort runs on the closures, the rest compiled', async () => {
    const subjects = Array.from({ length: 9 }, (_, i) => subject(`s${i}`, 99 - i, 95 - i, i === 4 ? { 大数: 2 ** 20 } : {}));
    const r = await both(SCHEME(GRADES), subjects);
    expect(codegenCounters.bailed).toBeGreaterThanOrEqual(2); // s4, in each language
    expect(codegenCounters.compiled).toBeGreaterThanOrEqual(2 * 8);
    expect(demotions(r)).toBeGreaterThan(0);
    expect(r.results[4].grade).not.toBeNull();
  });
});
