// Unit tests of the scheme structure: `normalize`, `when` applicability, effective weights, adjust,
// points mode with a total other than 100, referring to an indicator that does not apply, nograde
// outcomes, and examples reporting both sides.

import { describe, expect, it } from 'vitest';
import { evaluate, runExamples } from '../../engine/index.js';
import { loadSource } from './helpers.js';


const normalized = `scheme N {
  enum 岗 { 甲, 乙 }
  input { 岗: 岗, a: number, b: number = 0, c: number, k: number = 1, ng: bool = false }
  adjust 系数 = k
  group G weight 100% normalize {
    indicator A weight 50% = a
    when 岗 == 甲 { indicator B weight 50% = b }
    indicator C weight 25% = c
  }
  negative L {
    item 未定 when ng => nograde, action 谈话
  }
  reward R max 2 {
    item 奖 when 岗 == 甲 and B > 95 => add 1.5
    item 再奖 when a >= 100 => add 1
  }
  grades { 好 when score >= 90 quota 10%
    差 otherwise }
  outcomes {
    bonus by grade { 好: 2, 差: 0 }
    action 督促 when grade == 差
    action 关注 when score < 85
    improve below 85 max 1
  }
  example 乙岗 {
    given { 岗: 乙, a: 90, c: 60 }
    expect score == 80 and grade == 差
    expect A == 90
  }
}`;

async function run(src: string, input: Record<string, unknown>) {
  const { scheme } = loadSource(src);
  return evaluate(scheme, { id: 's', input });
}

describe('structure', () => {
  it('normalizes the weights of the applicable children and applies adjust', async () => {
    const r = await run(normalized, { 岗: '乙', a: 90, c: 60, k: 1.1 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const inds = r.value.indicators;
    expect(inds.map((i) => i.id)).toEqual(['A', 'C']);
    expect(inds.map((i) => i.weight)).toEqual([0.666667, 0.333333]);
    expect(r.value).toMatchObject({ base: 80, adjust: 1.1, score: 88, grade: '差', provisional: false });
    const 甲 = await run(normalized, { 岗: '甲', a: 100, b: 100, c: 100 });
    // 100 + rewards 1.5 + 1 capped at 2 by the list's max
    expect(甲.ok && 甲.value).toMatchObject({ base: 100, rewards: 2, score: 102, grade: '好', provisional: true, bonus: 2 });
  });

  it('reports an evaluation error for an indicator that does not apply where it is used', async () => {
    const src = normalized.replace('item 奖 when 岗 == 甲 and B > 95', 'item 奖 when B > 95');
    const { scheme } = loadSource(src);
    const r = await evaluate(scheme, { id: 's', input: { 岗: '乙', a: 90, c: 60 } });
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'KH-E015', subject: 's', line: 14 });
  });

  it('gives a nograde subject no grade and no bonus, but keeps its actions, score and improve list', async () => {
    const r = await run(normalized, { 岗: '乙', a: 90, c: 60, ng: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value).toMatchObject({ grade: null, bonus: null, score: 80, improve: ['C'], provisional: false });
    expect(r.value.actions).toEqual(['谈话', '关注']); // `督促` tests grade: it does not match
    expect(r.value.gradeReasons).toEqual(['no grade: L.未定 (scheme line 11)']);
  });

  it('scores points mode on the 0–total scale', async () => {
    const src = `scheme P {
  total 50
  input { a: number, b: number }
  group G {
    indicator A points 30 = a
    indicator B points 20 = b
  }
  grades { 好 when score >= 45
    差 otherwise }
}`;
    const r = await run(src, { a: 100, b: 50 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value).toMatchObject({ base: 40, score: 40, grade: '差' });
    expect(r.value.indicators.map((i) => [i.points, i.weight])).toEqual([[30, 0.6], [10, 0.4]]);
    expect(r.value.groups[0]).toMatchObject({ score: 80, points: 40, weight: 1 });
  });

  it('runs examples and shows both sides of a failing expect', async () => {
    const { scheme } = loadSource(normalized.replace('expect A == 90', 'expect A == 91'));
    const [o] = await runExamples(scheme);
    expect(o.passed).toBe(false);
    expect(o.failures).toEqual([expect.objectContaining({ expect: 'A == 91', left: '90', right: '91' })]);
    const [ok] = await runExamples(loadSource(normalized).scheme);
    expect(ok).toMatchObject({ name: '乙岗', passed: true });
  });
});

describe('examples with compound expects', () => {
  it('shows the value of every part of a failing `and`', async () => {
    const src = normalized.replace('expect score == 80 and grade == 差', 'expect score == 80 and grade == 好');
    const [o] = await runExamples(loadSource(src).scheme);
    expect(o.failures[0].message).toBe('does not hold: score 80 == 80; grade 差 != 好');
  });
});
