// Issue 13: a grade may head several rule lines. The exported outcome rules compare `grade` with a
// member as the set of grades for which the comparison holds; that set must be built from the grades
// (one each, best first), not from the lines, or `grade >= 称职` misses 称职 and `grade <= 称职`
// takes in 优秀 when 优秀 has two lines. Both runtimes must give the same actions.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { evaluate, prepare } from '../../engine/index.js';
import { exportRules } from '../../engine/jre/export.js';
import '../../engine/jre/register.js';

const source = `scheme 两条 {
  input { 分: number in [0, 100], 表彰: bool = false }
  indicator 实绩 weight 100% = 分
  grades {
    优秀 when score >= 90
    优秀 when 表彰 and score >= 85
    称职 when score >= 60
    不称职 otherwise
  }
  outcomes {
    action 肯定 "肯定" when grade >= 称职
    action 提醒 "提醒" when grade <= 称职
  }
}`;

describe('outcome rules over a grade with two rule lines', () => {
  it('list each grade once, best first, in the exported sets', () => {
    const a = analyze(source, 'two.kaohe');
    const { doc } = exportRules(a.checked!, a.file);
    const sets = doc.rules.outcome.map((r) => JSON.stringify(r.conditions));
    expect(sets.find((c) => c.includes('["优秀","称职"]'))).toBeDefined();
    expect(sets.find((c) => c.includes('["称职","不称职"]'))).toBeDefined();
  });

  it('give the same actions through the jre runtime as through kaohe\'s', async () => {
    const s = prepare(source, 'two.kaohe').value!;
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ 分: 95 }, '优秀', ['肯定']],
      [{ 分: 86, 表彰: true }, '优秀', ['肯定']], // the second line of 优秀
      [{ 分: 70 }, '称职', ['肯定', '提醒']],
      [{ 分: 50 }, '不称职', ['提醒']],
    ];
    for (const [input, grade, actions] of cases) {
      const native = await evaluate(s, { id: 'x', input });
      const jre = await evaluate(s, { id: 'x', input }, { rulesRuntime: 'jre' });
      expect(native.ok && native.value).toMatchObject({ grade, actions });
      expect(jre).toEqual(native);
    }
  });
});
