// Issue 13: the explanation of a grade a committee decided. explain.grade.reasons says why the
// candidate grade: a decided grade has no condition that held, so the decision itself is the reason
// (as at the head of gradeReasons) — the explanation used to be empty for it.

import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { loadSource } from './helpers.js';

const src = `scheme 干部 {
  input { 实绩: number = 0 }
  indicator 实绩分 weight 100% = 实绩
  grades by committee {
    优秀 when score >= 90
    称职 when score >= 60
    不称职 otherwise
  }
}`;

describe('explain.grade.reasons with a committee decision', () => {
  it('carries the decision for a decided grade, in the subject\'s language, like gradeReasons', async () => {
    const { scheme } = loadSource(src);
    for (const lang of ['en', 'zh'] as const) {
      const r = await evaluateCohort(scheme, [
        { id: 'A', input: { 实绩: 50 }, decision: { grade: '优秀', reason: '党委会研究' } },
        { id: 'B', input: { 实绩: 70 } },
      ], { lang, explain: true });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const [a, b] = r.value.results;
      expect(a.grade).toBe('优秀');
      expect(a.explain!.grade.candidate).toBe('优秀');
      expect(a.explain!.grade.reasons).toEqual([a.gradeReasons[0]]);
      expect(a.explain!.grade.reasons[0]).toContain('党委会研究');
      // no decision: the condition's words, then (gradeReasons only) why the better grade was missed
      expect(b.gradeReasons).toEqual([...b.explain!.grade.reasons, lang === 'zh' ? '未达到“优秀”：总分 70 < 90' : '优秀 not reached: score 70 < 90']);
    }
  });

  it('puts an order-only decision before the condition that gave the grade', async () => {
    const { scheme } = loadSource(src);
    const r = await evaluate(scheme, { id: 'A', input: { 实绩: 95 }, decision: { order: 1, reason: '排序靠前' } }, { explain: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.grade).toBe('优秀');
    expect(r.value.explain!.grade.reasons[0]).toContain('排序靠前');
    expect(r.value.explain!.grade.reasons.slice(1)).toEqual(r.value.gradeReasons.slice(1));
    expect(r.value.explain!.grade.reasons.length).toBeGreaterThan(1);
  });
});
