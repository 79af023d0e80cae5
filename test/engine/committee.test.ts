// Committee decisions (issue 13, `grades by committee`): a decided grade replaces the grade
// conditions (with no score at all), restrictions still win over it (cap, veto, nograde), quotas still
// demote it, the committee's order breaks the quota race where the ranking key ties (the issue's "with
// no score everyone ties, and everyone is demoted" now admits the committee's first N), and a
// malformed decision reports every problem at its JSON path (KH-E046), within `maxErrors`.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import type { DecisionInput, SubjectInput } from '../../engine/api.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { loadSource } from './helpers.js';

// 实绩 is optional: a committee may grade people nobody scored (score 0 then).
const src = (header = 'grades by committee') => `scheme 干部 {
  input { 实绩: number = 0, 限: bool = false, 否决了: bool = false, 无等次: bool = false }
  indicator 实绩分 weight 100% = 实绩
  negative 负面 {
    item 限制 when 限 => cap 称职
    item 否决项 when 否决了 => veto
    item 暂不定 when 无等次 => nograde
  }
  ${header} {
    优秀 when score >= 90 quota 20%
    称职 when score >= 60
    基本称职 when score >= 30
    不称职 otherwise
  }
}`;

type Row = [id: string, input: Record<string, unknown>, decision?: DecisionInput];
const subjects = (rows: Row[]): SubjectInput[] => rows.map(([id, input, decision]) => ({ id, input, ...(decision ? { decision } : {}) }));

async function cohort(rows: Row[], lang: 'zh' | 'en' = 'en') {
  const { scheme } = loadSource(src());
  const r = await evaluateCohort(scheme, subjects(rows), { lang });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { byId: Object.fromEntries(r.value.results.map((x) => [x.subject, x])), value: r.value };
}

describe('a decided grade', () => {
  it('replaces the grade conditions: 优秀 without any score, the decision first in gradeReasons and echoed', async () => {
    const { scheme } = loadSource(src());
    const r = await evaluate(scheme, { id: 'A', input: {}, decision: { grade: '优秀', reason: '党委会研究' } }, { lang: 'zh' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.score).toBe(0);
    expect(r.value.grade).toBe('优秀');
    expect(r.value.provisional).toBe(true); // alone, and 优秀 has a quota
    expect(r.value.gradeReasons[0]).toBe('集体研究决定为优秀：党委会研究');
    expect(r.value.decision).toEqual({ grade: '优秀', reason: '党委会研究' });
    // In English too, and a decision can also lower a grade the score would give.
    const low = await evaluate(scheme, { id: 'B', input: { 实绩: 95 }, decision: { grade: '基本称职', order: 2, reason: 'audit findings' } });
    if (!low.ok) throw new Error(JSON.stringify(low.errors));
    expect(low.value.grade).toBe('基本称职');
    expect(low.value.provisional).toBe(false);
    expect(low.value.gradeReasons).toEqual(['decided by committee: 基本称职, order 2: audit findings']);
    expect(low.value.decision).toEqual({ grade: '基本称职', order: 2, reason: 'audit findings' });
  });

  it('never lifts a cap, a veto or nograde', async () => {
    const d = { grade: '优秀', reason: '研究决定' };
    const { byId } = await cohort([
      ['capped', { 实绩: 95, 限: true }, d],
      ['vetoed', { 实绩: 95, 否决了: true }, d],
      ['none', { 实绩: 95, 无等次: true }, d],
    ]);
    expect(byId.capped.grade).toBe('称职');
    expect(byId.capped.gradeReasons[0]).toBe('decided by committee: 优秀: 研究决定');
    expect(byId.capped.gradeReasons[1]).toMatch(/称职/);
    expect(byId.vetoed.grade).toBe('不称职');
    expect(byId.none.grade).toBeNull();
    for (const x of Object.values(byId)) expect(x.decision).toEqual(d);
    // The json-rules-engine runtime runs the rule lists; the decision acts in the grade step, the same.
    const { scheme } = loadSource(src());
    const jre = await evaluate(scheme, { id: 'capped', input: { 实绩: 95, 限: true }, decision: d }, { rulesRuntime: 'jre' });
    expect(jre.ok && [jre.value.grade, jre.value.gradeReasons[0]]).toEqual(['称职', 'decided by committee: 优秀: 研究决定']);
  });

  it('stays within the quota: a decided 优秀 past the limit is demoted to the next grade whose condition holds', async () => {
    // 5 subjects, 20% of 5 = 1 优秀. Score 95 outranks the decided one (score 0 → 不称职 by its own
    // condition after demotion: 称职 needs 60, 基本称职 30).
    const { byId, value } = await cohort([
      ['top', { 实绩: 95 }],
      ['decided', {}, { grade: '优秀', reason: '研究决定' }],
      ['c', { 实绩: 70 }], ['d', { 实绩: 70 }], ['e', { 实绩: 70 }],
    ]);
    expect(byId.top.grade).toBe('优秀');
    expect(byId.decided.grade).toBe('不称职');
    expect(byId.decided.quota?.demotedTo).toBe('不称职');
    expect(byId.decided.gradeReasons[0]).toBe('decided by committee: 优秀: 研究决定');
    expect(value.cohorts[0].quotas[0].admitted).toEqual(['top']);
  });
});

describe('the committee order in the quota race', () => {
  // The issue: with no scores everyone ties, and a tie straddling the line is demoted whole.
  const noScores = (withOrder: boolean): Row[] => ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((id, i) =>
    [id, {}, { grade: '优秀', ...(withOrder && i >= 2 ? { order: 10 - i } : {}), reason: '民主推荐，集体研究' }]);

  it('admits the committee\'s first N where every score ties (20% of 10 = 2)', async () => {
    // Orders: C→8, D→7, …, J→1; A and B have none (after every ordered subject).
    const { byId, value } = await cohort(noScores(true));
    expect(value.cohorts[0].quotas[0].admitted.sort()).toEqual(['I', 'J']);
    expect(byId.J.grade).toBe('优秀');
    expect(byId.I.grade).toBe('优秀');
    for (const id of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) expect(byId[id].grade).toBe('不称职');
    expect(byId.J.quota?.rank).toBe(1);
    expect(byId.H.quota?.rank).toBe(3);
    expect(byId.A.quota?.rank).toBe(9); // A and B: no order, tied after everyone ordered
    expect(byId.B.quota?.rank).toBe(9);
    expect(byId.J.quota?.reason).toContain('committee order 1');
    expect(byId.A.quota?.reason).toContain('committee order —');
    const zh = await cohort(noScores(true), 'zh');
    expect(zh.byId.J.quota?.reason).toContain('集体研究排序 1');
  });

  it('without an order everyone ties and everyone is demoted (as before)', async () => {
    const { value } = await cohort(noScores(false));
    expect(value.cohorts[0].quotas[0].admitted).toEqual([]);
    expect(value.cohorts[0].quotas[0].ties).toHaveLength(10);
  });

  it('comes after the ranking key: a higher score still wins over a better order', async () => {
    const { byId } = await cohort([
      ['high', { 实绩: 96 }, { order: 5, reason: '排序' }],
      ['first', { 实绩: 92 }, { order: 1, reason: '排序' }],
      ['c', { 实绩: 50 }], ['d', { 实绩: 50 }], ['e', { 实绩: 50 }],
    ]);
    expect(byId.high.grade).toBe('优秀');
    expect(byId.first.grade).toBe('称职');
    expect(byId.first.gradeReasons[0]).toBe('committee order 1: 排序');
  });
});

describe('malformed decisions', () => {
  it('report every problem at once, each at its JSON path (KH-E046)', async () => {
    const { scheme } = loadSource(src());
    const r = await evaluateCohort(scheme, [
      { id: 'ok', input: {} },
      { id: 'a', input: {}, decision: { grade: '特优', order: 0, reason: '', note: 1 } as never },
      { id: 'b', input: {}, decision: { reason: 'x' } },
      { id: 'c', input: {}, decision: { grade: 5, order: 1.5 } as never },
      { id: 'd', input: {}, decision: 'yes' as never },
      { id: 'e', input: {}, decision: { grade: '优秀', reason: '长'.repeat(1001) } },
      { id: 'f', input: {}, decision: { order: 2, reason: '   ' } },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path, e.subject])).toEqual([
      ['KH-E046', 'subjects[1].decision.note', 'a'],
      ['KH-E046', 'subjects[1].decision.grade', 'a'],
      ['KH-E046', 'subjects[1].decision.order', 'a'],
      ['KH-E046', 'subjects[1].decision.reason', 'a'],
      ['KH-E046', 'subjects[2].decision', 'b'],
      ['KH-E046', 'subjects[3].decision.grade', 'c'],
      ['KH-E046', 'subjects[3].decision.order', 'c'],
      ['KH-E046', 'subjects[3].decision.reason', 'c'],
      ['KH-E046', 'subjects[4].decision', 'd'],
      ['KH-E046', 'subjects[5].decision.reason', 'e'],
      ['KH-E046', 'subjects[6].decision.reason', 'f'],
    ]);
    expect(r.errors[1].message).toBe('subjects[1].decision.grade: "特优" is not a grade of this scheme: one of 优秀, 称职, 基本称职, 不称职');
    expect(r.errors[9].message).toBe('subjects[5].decision.reason: the reason has at most 1000 characters, found 1001');
    expect(render(r.errors[1].msg!, 'zh')).toBe('subjects[1].decision.grade：“特优”不是本方案的等次，应为 优秀、称职、基本称职、不称职 之一');
  });

  it('respects maxErrors: the rest is announced by KH-E009', async () => {
    const { scheme } = loadSource(src());
    const r = await evaluateCohort(scheme, [
      { id: 'a', input: {}, decision: { grade: '特优', order: 0, reason: '' } },
      { id: 'b', input: {}, decision: { reason: '' } },
    ], { maxErrors: 2 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.path])).toEqual([
      ['KH-E046', 'subjects[0].decision.grade'],
      ['KH-E046', 'subjects[0].decision.order'],
      ['KH-E009', 'subjects[0].decision'],
    ]);
  });

  it('alone: the path has no subjects[] prefix', async () => {
    const { scheme } = loadSource(src());
    const r = await evaluate(scheme, { id: 'a', input: {}, decision: { grade: '优秀' } as never });
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E046', 'decision.reason']]);
  });

  it('a decision for a scheme whose grades are not by committee is KH-E047', async () => {
    const { scheme } = loadSource(src('grades'));
    const r = await evaluate(scheme, { id: 'a', input: {}, decision: { grade: '优秀', reason: 'x' } });
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E047', 'decision']]);
    const ok = await evaluate(scheme, { id: 'a', input: { 实绩: 95 } });
    expect(ok.ok).toBe(true);
  });
});

describe('kaohe eval', () => {
  it('passes a decision through, alone and in a cohort batch JSON', async () => {
    const { run } = await import('../../cli/commands/eval.js');
    const { memoryIO } = await import('../memory-io.js');
    const one = { id: 'A', input: {}, decision: { grade: '优秀', reason: '党委会研究' } };
    const batch = { subjects: [{ id: 'a', input: {}, decision: { grade: '优秀', order: 2, reason: '研究' } },
      { id: 'b', input: {}, decision: { grade: '优秀', order: 1, reason: '研究' } }, { id: 'c', input: {} }, { id: 'd', input: {} }, { id: 'e', input: {} }] };
    const io = memoryIO({ 's.kaohe': src(), 'one.json': JSON.stringify(one), 'batch.json': JSON.stringify(batch) });
    expect(await run(['s.kaohe', 'one.json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).decision).toEqual(one.decision);
    const io2 = memoryIO({ 's.kaohe': src(), 'batch.json': JSON.stringify(batch) });
    expect(await run(['s.kaohe', 'batch.json'], io2)).toBe(0);
    expect(JSON.parse(io2.stdout).results.map((x: { grade: string }) => x.grade)).toEqual(['不称职', '优秀', '不称职', '不称职', '不称职']);
  });
});

describe('with cohort aggregates (the staged path)', () => {
  it('the decided grade replaces a condition that compares with the cohort', async () => {
    const { scheme } = loadSource(`scheme 相对 {
  input { 实绩: number = 0 }
  indicator 实绩分 weight 100% = 实绩
  grades by committee {
    优秀 when score >= overall max(score) quota 50%
    称职 otherwise
  }
}`);
    const r = await evaluateCohort(scheme, [
      { id: 'best', input: { 实绩: 90 } },
      { id: 'decided', input: { 实绩: 50 }, decision: { grade: '优秀', order: 1, reason: '研究决定' } },
      { id: 'c', input: { 实绩: 40 } }, { id: 'd', input: { 实绩: 30 } },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 50% of 4 = 2 places: best (its own condition) and decided (the committee's) both keep 优秀.
    expect(r.value.results.map((x) => x.grade)).toEqual(['优秀', '优秀', '称职', '称职']);
    expect(r.value.results[1].gradeReasons[0]).toBe('decided by committee: 优秀, order 1: 研究决定');
  });
});
