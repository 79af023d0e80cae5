// Cohort examples (issue 13): `given ID { … } [decision { … }]` evaluated as one cohort in input
// order, each `expect` reading `ID.X` (result names, indicators, rank, cohortRank, demoted, flagged).
// Run through engine.runExamples, the call behind `kaohe test` and the server's /api/examples.
// Every expected value is hand-computed below (quota limit = floor(share × N), §8).

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import type { ExampleOutcome } from '../../engine/api.js';
import { prepare, runExamples } from '../../engine/index.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { memoryIO } from '../memory-io.js';

async function examples(source: string): Promise<ExampleOutcome[]> {
  const p = prepare(source);
  const errors = p.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return runExamples(p.value!);
}

const byName = (os: ExampleOutcome[], name: string) => os.find((o) => o.name === name)!;

/** 优秀 limited to 20% of each 班子; 称职 from 60. */
const scheme = (body: string) => `
方案 班子考核 {
  输入 { 班子: 文本, 得分: 数值 属于 [0, 100] }
  分组 班子
  指标 实绩 权重 100% = 得分
  等次 {
    优秀 当 总分 >= 90 比例 20%
    称职 当 总分 >= 60
    不称职 其他
  }
  结果运用 {
    措施 诫勉谈话 当 评定等次 == 不称职
  }
${body}
}
`;

describe('cohort examples that hold', () => {
  it('reads grades, ranks and demotions per subject: a binding quota and a quota that rounds to zero', async () => {
    // 一班 (5 graded): limit floor(20% × 5) = 1 → A1 (95) keeps 优秀, A2 (93) is demoted to 称职.
    // 二班 (1 graded): limit floor(20% × 1) = floor(1/5) = 0 → B1 (91) is demoted to 称职.
    // Overall by score: A1 95 → 1, A2 93 → 2, B1 91 → 3, 003 80 → 4, a-4 70 → 5, A5 50 → 6.
    const os = await examples(scheme(`
  示例 名额 "一班 5 人 1 个优秀名额，二班 1 人 0 个" {
    已知 A1 { 班子: "一班", 得分: 95 }
    已知 A2 { 班子: "一班", 得分: 93 }
    已知 「003」 { 班子: "一班", 得分: 80 }
    已知 "a-4" { 班子: "一班", 得分: 70 }
    已知 A5 { 班子: "一班", 得分: 50 }
    已知 B1 { 班子: "二班", 得分: 91 }
    预期 A1.评定等次 == 优秀 且 A1.名次 == 1 且 非 A1.比例调整
    预期 A2.比例调整 且 A2.评定等次 == 称职 且 A2.组内名次 == 2 且 A2.名次 == 2
    预期 B1.比例调整 且 B1.评定等次 == 称职 且 B1.名次 == 3 且 B1.组内名次 == 1
    预期 「003」.总分 == 80 且 "a-4".实绩 == 70 且 "a-4".名次 == 5
    预期 A5.评定等次 == 不称职 且 A5.名次 == 6 且 A5.组内名次 == 5 且 非 A5.超通常比例
    预期 A1.grade == 优秀 and A2.rank == 2 and A2.cohortRank == 2 and not A1.provisional
    预期 诫勉谈话 属于 A5.采取措施 且 非 诫勉谈话 in A1.actions
  }`));
    expect(os).toEqual([{ name: '名额', label: '一班 5 人 1 个优秀名额，二班 1 人 0 个', line: 15, passed: true, failures: [] }]);
  });

  it('a tie at the quota line: both tied are demoted, share rank 1, and the next rank is 3', async () => {
    // limit floor(20% × 5) = 1; T1 and T2 tie at 92 with no tiebreak key → both demoted (§8).
    const os = await examples(scheme(`
  示例 同分 {
    已知 T1 { 班子: "一班", 得分: 92 }
    已知 T2 { 班子: "一班", 得分: 92 }
    已知 T3 { 班子: "一班", 得分: 70 }
    已知 T4 { 班子: "一班", 得分: 65 }
    已知 T5 { 班子: "一班", 得分: 60 }
    预期 T1.评定等次 == 称职 且 T2.评定等次 == 称职 且 T1.比例调整 且 T2.比例调整
    预期 T1.名次 == 1 且 T2.名次 == 1 且 T3.名次 == 3 且 T5.名次 == 5
  }`));
    expect(byName(os, '同分')).toMatchObject({ passed: true, failures: [] });
  });

  it('a soft quota: above the normal share the subject keeps its grade and is flagged; exactly reached is no flag', async () => {
    // 一组 (5; S1–S3 ≥ 90): hard floor(40% × 5) = 2 keep 优秀, S3 demoted; normal floor(20% × 5) = 1 → S2 flagged.
    // 三组 (5; only R1 ≥ 90): 1 holder = the normal share exactly → no flag.
    const os = await examples(`
scheme 软比例 {
  input { 组: text, 得分: number in [0, 100] }
  cohort by 组
  indicator 实绩 weight 100% = 得分
  grades {
    优秀 when score >= 90 quota 40% normally 20%
    称职 otherwise
  }
  example 超通常比例 {
    given S1 { 组: "一组", 得分: 99 }
    given S2 { 组: "一组", 得分: 98 }
    given S3 { 组: "一组", 得分: 97 }
    given S4 { 组: "一组", 得分: 60 }
    given S5 { 组: "一组", 得分: 50 }
    given R1 { 组: "三组", 得分: 95 }
    given R2 { 组: "三组", 得分: 80 }
    given R3 { 组: "三组", 得分: 70 }
    given R4 { 组: "三组", 得分: 60 }
    given R5 { 组: "三组", 得分: 50 }
    expect S1.grade == 优秀 and not S1.flagged and not S1.demoted
    expect S2.grade == 优秀 and S2.flagged and not S2.demoted
    expect S3.grade == 称职 and S3.demoted and not S3.flagged
    expect R1.grade == 优秀 and not R1.flagged
  }
}`);
    expect(byName(os, '超通常比例')).toMatchObject({ passed: true, failures: [] });
  });

  it("passes each subject's decision: a committee grade replaces the score condition within the quota", async () => {
    // D1 (50) is decided 优秀; nobody else reaches 90: one holder, limit floor(20% × 5) = 1 → kept.
    // D2 (97 ≥ 96) is decided 称职 (order 1): the decision replaces its condition, whatever the score.
    const os = await examples(`
scheme 研究 {
  input { 得分: number in [0, 100] }
  indicator 实绩 weight 100% = 得分
  grades by committee {
    优秀 when score >= 96 quota 20%
    称职 otherwise
  }
  example 决定 {
    given D1 { 得分: 50 } decision { grade: 优秀, reason: "党委会研究" }
    given D2 { 得分: 97 } 研究决定 { 等次: 称职, 排序: 1, 理由: "班子研究" }
    given D3 { 得分: 80 }
    given D4 { 得分: 70 }
    given D5 { 得分: 60 }
    expect D1.grade == 优秀 and not D1.demoted and D1.rank == 5
    expect D2.grade == 称职 and D2.rank == 1
  }
}`);
    expect(byName(os, '决定')).toMatchObject({ passed: true, failures: [] });
  });
});

describe('cohort examples that fail', () => {
  const failing = scheme(`
  示例 写错 {
    已知 A1 { 班子: "一班", 得分: 95 }
    已知 A2 { 班子: "一班", 得分: 93 }
    预期 A1.评定等次 == 优秀
    预期 A2.名次 == 1
    预期 A1.总分 < A2.总分 + 1
    预期 A2.比例调整 且 A2.组内名次 == 1
  }`);

  it("shows each side's value of a failing comparison, like single examples", async () => {
    // 一班 N = 2: limit floor(20% × 2) = floor(2/5) = 0 → A1 (95) and A2 (93) are both demoted to 称职;
    // A1 ranks 1, A2 2 (overall and in 一班).
    const [o] = await examples(failing);
    expect(o.passed).toBe(false);
    expect(o.failures.map((f) => [f.expect, f.line, f.left, f.right])).toEqual([
      ['A1.评定等次 == 优秀', 18, '称职', '优秀'],
      ['A2.名次 == 1', 19, '2', '1'],
      ['A1.总分 < A2.总分 + 1', 20, '95', '94'],
      ['A2.比例调整 且 A2.组内名次 == 1', 21, undefined, undefined],
    ]);
    expect(o.failures[1].message).toBe('expected A2.名次 == 1, but the left side is 2 and the right side is 1');
    expect(render(o.failures[1].msg!, 'zh')).toBe('预期“A2.名次 == 1”不成立：左边为 2，右边为 1');
    expect(o.failures[3].message).toBe('does not hold: A2.比例调整 = true; A2.组内名次 = 2 != 1');
  });

  it('an evaluation error fails the example, naming the subject', async () => {
    const [o] = await examples(`
scheme 除零 {
  input { 得分: number in [0, 100], 人数: number }
  indicator 实绩 weight 100% = 得分 / 人数 * 10
  example 人数为零 {
    given A1 { 得分: 95, 人数: 10 }
    given A2 { 得分: 93, 人数: 0 }
    expect A1.score == 95
  }
}`);
    expect(o.passed).toBe(false);
    expect(o.failures).toHaveLength(1);
    expect(o.failures[0]).toMatchObject({ expect: 'given', line: 7 }); // A2's given; the scheme's line 4 is in the words
    expect(o.failures[0].message).toBe('subject A2: division by zero: `人数` is 0 in `得分 / 人数` (line 4)');
    expect(render(o.failures[0].msg!, 'zh')).toMatch(/^人员“A2”：/);
  });
});

describe('kaohe test', () => {
  it("lists a cohort example's failing expectations with both sides, in the reader's language", async () => {
    const source = scheme(`
  示例 写错 {
    已知 A1 { 班子: "一班", 得分: 95 }
    已知 A2 { 班子: "一班", 得分: 93 }
    预期 A2.名次 == 1
  }`);
    const io = memoryIO({ 's.kaohe': source });
    expect(await testCmd(['s.kaohe', '--lang', 'zh'], io)).toBe(1);
    expect(io.stdout).toContain('  ✗ ');
    expect(io.stdout).toContain('s.kaohe:18：预期“A2.名次 == 1”：左边为 2，右边为 1');
    const en = memoryIO({ 's.kaohe': source });
    expect(await testCmd(['s.kaohe', '--lang', 'en'], en)).toBe(1);
    expect(en.stdout).toContain('s.kaohe:18: expect A2.名次 == 1: left 2, right 1');
  });
});
