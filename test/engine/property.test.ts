// Property tests (fast-check): for random subjects of annual-composite the evaluator agrees with a
// straightforward exact recomputation of §4–§8 written out by hand for that scheme; for random (often
// invalid) subjects of province-annual the engine never throws and always returns a result or errors.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { loadExample } from './helpers.js';

const R = (n: number) => Rational.fromNumber(n);
const ORDER = ['较差', '一般', '较好', '好'];
const cent = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => n / 100);

const subject = fc.record({
  季度得分: fc.array(cent(100), { minLength: 1, maxLength: 4 }),
  季度等次: fc.array(fc.constantFrom(...ORDER), { maxLength: 4 }),
  民主测评分: cent(100),
  领导评鉴分: cent(100),
  民主票: fc.record({ 优秀: fc.nat(12), 称职: fc.nat(12), 基本称职: fc.nat(6), 不称职: fc.nat(6) }),
  专项加分: cent(5),
  诫勉: fc.boolean(), 记过: fc.boolean(), 试用期: fc.boolean(), 拒不参加: fc.boolean(),
  病事假天数: fc.nat(200),
}, { requiredKeys: ['季度得分', '季度等次', '民主测评分', '领导评鉴分', '民主票'] });

type S = { 季度得分: number[]; 季度等次: string[]; 民主测评分: number; 领导评鉴分: number; 民主票: Record<string, number>;
  专项加分?: number; 诫勉?: boolean; 记过?: boolean; 试用期?: boolean; 拒不参加?: boolean; 病事假天数?: number };

/** The scheme annual-composite.kaohe recomputed directly. */
function expected(s: S) {
  const clamp = (x: Rational) => Rational.min(Rational.max(x, Rational.ZERO), Rational.HUNDRED);
  const avg = s.季度得分.map(R).reduce((a, b) => a.add(b), Rational.ZERO).div(Rational.int(s.季度得分.length));
  const base = clamp(avg).mul(R(0.6)).add(clamp(R(s.民主测评分)).mul(R(0.2))).add(clamp(R(s.领导评鉴分)).mul(R(0.2)));
  const bonus = R(s.专项加分 ?? 0);
  const rewards = bonus.gt(Rational.ZERO) ? Rational.min(bonus, Rational.int(3)) : Rational.ZERO;
  const score = Rational.max(Rational.ZERO, base.add(rewards));
  const reported = score.round(2);
  const v = s.民主票, total = v.优秀 + v.称职 + v.基本称职 + v.不称职;
  const share = total === 0 ? Rational.ONE : Rational.of(BigInt(v.优秀 + v.称职), BigInt(total));
  const level = (q: string) => ORDER.indexOf(q);
  const good = s.季度等次.filter((q) => q === '好').length, weak = s.季度等次.filter((q) => level(q) <= 1).length;
  const grades = ['优秀', '称职', '基本称职', '不称职'];
  let g = reported.ge(Rational.int(90)) && good >= 2 && weak === 0 ? 0 : reported.ge(Rational.int(70)) ? 1 : reported.ge(Rational.int(60)) ? 2 : 3;
  const negative: string[] = [];
  if (s.拒不参加) negative.push('拒考');
  if (s.记过) negative.push('记过处分');
  if (s.试用期) negative.push('试用');
  if (s.诫勉) negative.push('诫勉警告');
  if (Rational.int(s.病事假天数 ?? 0).gt(Rational.of(250n, 2n))) negative.push('长假');
  if (weak >= 3) negative.push('平时一般');
  if (share.lt(Rational.of(2n, 3n))) negative.push('得票');
  let grade: string | null;
  if (s.记过 || s.试用期) grade = null;
  else if (s.拒不参加) grade = '不称职';
  else {
    const caps = { 诫勉警告: 1, 长假: 1, 平时一般: 2, 得票: 1 } as Record<string, number>;
    for (const n of negative) if (n in caps) g = Math.max(g, caps[n]);
    grade = grades[g];
  }
  const bonusBy: Record<string, number> = { 优秀: 1.2, 称职: 1.0, 基本称职: 0.8, 不称职: 0 };
  return {
    score: reported.toNumber(), base: base.round(2).toNumber(), rewards: rewards.round(2).toNumber(), grade, negative,
    bonus: grade === null ? null : bonusBy[grade], actions: negative.includes('得票') ? ['诫勉谈话'] : [],
  };
}

describe('property: the evaluator agrees with an exact recomputation', () => {
  const { scheme } = loadExample('annual-composite');
  it('annual-composite, random subjects', async () => {
    await fc.assert(fc.asyncProperty(subject, async (s) => {
      const r = await evaluate(scheme, { id: 'p', input: s as Record<string, unknown> });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const got = r.value;
      const want = expected(s as S);
      expect({
        score: got.score, base: got.base, rewards: got.rewards, grade: got.grade, bonus: got.bonus,
        negative: (got.negative as { item: string }[]).map((x) => x.item), actions: got.actions,
      }).toEqual(want);
    }), { numRuns: 300 });
  });
});

describe('property: never throws, always a result or errors', () => {
  const { scheme } = loadExample('province-annual');
  const anyValue = fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 500 }),
    fc.constantFrom('行政执法', '窗口服务', '综合管理', '好', '一般', '市级', '无', 'x'), fc.boolean(), fc.constant(null),
    fc.array(fc.integer({ min: -1, max: 120 }), { maxLength: 6 }));
  const validRatings = fc.dictionary(fc.constantFrom('上级', '同级', '下级', '服务对象'), fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 6 }), { maxKeys: 4 });
  const brokenRatings = fc.dictionary(fc.constantFrom('上级', '隔壁'), fc.array(fc.integer({ min: -1, max: 101 }), { maxLength: 6 }));
  const ratings = fc.oneof({ arbitrary: validRatings, weight: 8 }, { arbitrary: brokenRatings, weight: 1 });
  const input = fc.record({
    岗位: fc.constantFrom('行政执法', '窗口服务', '综合管理'), 职级: fc.constant('一级科员'), 单位: fc.constantFrom('甲', '乙'),
    缺勤天数: fc.integer({ min: 0, max: 30 }), 政治素质评价: ratings, 职业道德评价: ratings, 工作作风评价: ratings, 廉洁自律评价: ratings,
    工作任务: fc.array(fc.record({ 名称: fc.constant('t'), 难度: fc.constantFrom('常规', '较难', '困难'), 角色: fc.constantFrom('牵头', '参与'), 完成率: cent(1.5) }), { maxLength: 3 }),
    案件受理数: fc.nat(60), 案件办结数: fc.nat(60), 执法过错数: fc.nat(12), 办件量: fc.nat(2500), 群众满意率: cent(1),
    文稿采用数: fc.nat(12), 政治纪律问题: fc.nat(1), 处分: fc.boolean(), 立案审查: fc.boolean(), 瞒报次数: fc.nat(4),
    有效投诉: fc.nat(6), 表彰: fc.constantFrom('无', '市级', '省部级'), 创新成果: fc.nat(3),
    平时考核: fc.array(fc.constantFrom('较差', '一般', '较好', '好'), { maxLength: 4 }),
    随机: anyValue,
  }, { requiredKeys: ['岗位', '职级', '单位', '缺勤天数', '政治素质评价', '职业道德评价', '工作作风评价', '廉洁自律评价', '工作任务', '平时考核'] });

  it('province-annual, random and broken subjects, alone and as a cohort', async () => {
    const seen = { ok: 0, invalid: 0, evalError: 0 };
    await fc.assert(fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 6 }), async (inputs) => {
      const subjects = inputs.map((input, i) => ({ id: `s${i}`, input: input as Record<string, unknown> }));
      for (const s of subjects) {
        const r = await evaluate(scheme, s);
        if (r.ok) seen.ok++; else if (r.errors.some((e) => e.code >= 'KH-E010')) seen.evalError++; else seen.invalid++;
        if (r.ok) {
          expect(Number.isFinite(r.value.score)).toBe(true);
          expect(r.value.score as number).toBeGreaterThanOrEqual(0);
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.code).toMatch(/^KH-E0(0\d|1\d)$/); // never an internal error
        }
      }
      const c = await evaluateCohort(scheme, subjects);
      if (c.ok) expect(c.value.results.map((x) => x.subject)).toEqual(subjects.map((s) => s.id));
      else for (const e of c.errors) expect(e.code).not.toBe('KH-E099');
    }), { numRuns: 150 });
    // The generator reaches all three outcomes (valid, invalid input, evaluation error).
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.invalid).toBeGreaterThan(0);
    expect(seen.evalError).toBeGreaterThan(0);
  });
});
