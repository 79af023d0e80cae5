// `rate` of ballots on the compiled engine (issue 16; engine/ballots.ts, generated as
// runtime-ballots.ts): trimming per criterion and by whole ballots, `min` counted before trimming,
// categories missing under `zero`, `renormalize` and `error`, criteria left out of a ballot (不了解).
// Property test: every subject's result JSON equals the closures engine's byte for byte, with
// ratings of up to 12 decimals (their sums leave the safe integers: the compiled path bails, the
// answer is the same) and ratings whose means land on exact halves (x.xx5).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';

const SOURCE = `
方案 票测 {
  精度 2
  测评组 甲组 {
    要素 { 德 权重 30%, 能 权重 70% }
    自评 权重 10%
    同事 权重 55% 至少 2
    上级 权重 35%
    去掉 1 当 计数 >= 3
    缺失 计零
  }
  测评组 乙组 {
    要素 { 质 权重 40%, 效 权重 35%, 廉 权重 25% }
    本处 权重 60%
    全厅 权重 40% 至少 3
    去掉 1 当 计数 >= 4 每 整票
  }
  测评组 丙组 {
    要素 { 甲 权重 50%, 乙 权重 50% }
    一 权重 50%
    二 权重 50%
    缺失 报错
  }
  输入 { 甲票: 评分 甲组, 乙票: 评分 乙组, 丙票: 评分 丙组 }
  指标 A 权重 40% = 测评 甲票
  指标 B 权重 40% = 测评 乙票
  指标 C 权重 20% = 测评 丙票
  等次 {
    好 当 总分 >= 80
    一般 其他
  }
}
`;
const scheme = prepare(SOURCE).value!;

/** Ratings: whole, one decimal, exact halves of hundredths, and 12 decimals (sums past 2^53). */
const rating = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 40 },
  { arbitrary: fc.integer({ min: 0, max: 1000 }).map((k) => k / 10), weight: 40 },
  { arbitrary: fc.integer({ min: 0, max: 9999 }).map((k) => (2 * k + 1) / 200), weight: 40 },
  { arbitrary: fc.integer({ min: 0, max: 10 ** 12 }).map((k) => Number((k / 10 ** 10).toFixed(12))).filter((x) => x <= 100), weight: 1 },
);
/** A ballot rating some of the criteria (all of them when `complete`). */
const ballot = (crits: string[], complete: boolean) => (complete
  ? fc.tuple(...crits.map(() => rating)).map((rs) => Object.fromEntries(crits.map((c, i) => [c, rs[i]])))
  : fc.record(Object.fromEntries(crits.map((c) => [c, rating])), { requiredKeys: [] }).filter((b) => Object.keys(b).length > 0));
const category = (crits: string[], complete: boolean, max: number, min = 0) => fc.array(ballot(crits, complete), { minLength: min, maxLength: max });
const input = fc.record({
  甲票: fc.record({ 自评: category(['德', '能'], false, 1), 同事: category(['德', '能'], false, 6), 上级: category(['德', '能'], false, 3) }, { requiredKeys: [] }),
  乙票: fc.record({ 本处: category(['质', '效', '廉'], true, 6, 1), 全厅: category(['质', '效', '廉'], true, 7) }, { requiredKeys: ['本处'] }),
  丙票: fc.record({ 一: category(['甲', '乙'], true, 3, 1), 二: category(['甲', '乙'], false, 3, 1) }),
});

describe('rate of ballots compiled', () => {
  it('the scheme compiles', () => {
    expect(compileJs(planOf(scheme)).unsupported).toEqual([]);
    expect(compileJs(planOf(scheme)).program!.source).toContain('R.ballots(');
  });

  it('every subject equals the closures: trimming, min, missing policies, 2^53, exact halves', async () => {
    resetCounters();
    let failed = 0;
    await fc.assert(fc.asyncProperty(input, fc.constantFrom('zh', 'en'), async (inp, lang) => {
      const subject = { id: 's', input: inp };
      const ref = await evaluate(scheme, subject, { lang: lang as 'zh' | 'en', backend: 'closures' });
      const got = await evaluate(scheme, subject, { lang: lang as 'zh' | 'en', backend: 'compiled', exactValues: false });
      expect(JSON.stringify(got)).toBe(JSON.stringify(ref));
      if (!ref.ok) failed++;
    }), { numRuns: 1500, seed: 1612 });
    expect(codegenCounters.compiled).toBeGreaterThan(300); // the compiled path ran …
    expect(codegenCounters.reasons.overflow ?? 0).toBeGreaterThan(10); // … left it past 2^53 …
    expect(codegenCounters.reasons['KH-E014'] ?? 0).toBeGreaterThan(10); // … and bailed where the reference fails
    expect(failed).toBeGreaterThan(10);
  });
});
