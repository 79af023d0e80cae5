// report/words: each expression form reads as the sentence a reader expects (zh and en) — ordered
// members, sets, intervals, negation, and/or precedence, arithmetic, aggregates with their binder,
// cohort aggregates, streaks over earlier periods, the scoring forms and an item's effects.

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import type { Expr, RuleItem, Scheme } from '../../dsl/ast.js';
import { schemeWords } from '../../report/words/index.js';

const SOURCE = `
scheme 测试 {
  period annual
  enum 岗位 { 甲, 乙 }
  enum 档 ordered { 差, 中, 好 }
  input {
    岗位: 岗位
    缺勤 "全年缺勤天数": integer >= 0
    次数: integer >= 0
    处分: bool = false
    记录: list of { 档次: 档, 日期: date } = []
    往年: past 3 years missing breaks
    产值: number
  }
  let 连续好 = streak(r in 往年 where r.grade == 优秀)
  let 好的 = count(r in 记录 where r.档次 >= 好)
  let 期内 = count(r in 记录 where r.日期 in [periodStart, periodEnd))
  let 比 = 产值 / overall max(产值) * 100
  indicator 出勤 weight 50% = 100 - 缺勤 * 5
  indicator 产出 weight 50% = bands 比 { >= 90: 100, >= 60: 80, else: 50 }
  negative 清单 {
    item 多次 "多次违规" when 次数 > 2 and (岗位 in { 甲, 乙 } or not 处分) => deduct 1 per 次数 max 4, action 约谈
  }
  grades {
    优秀 when score >= 90 quota 20%
    称职 when grade >= 称职 or score >= 60
    不称职 otherwise
  }
}`;

const scheme = (): Scheme => {
  const a = analyze(SOURCE, 't.kaohe');
  expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return a.parsed.scheme!;
};
const decl = (s: Scheme, name: string) => s.decls.find((d) => 'name' in d && (d.name as { name: string }).name === name) as unknown as { value: Expr };
const item = (s: Scheme): RuleItem => (s.decls.find((d) => d.kind === 'Negative') as { items: RuleItem[] }).items[0];

describe('expressions in words', () => {
  const s = scheme();
  const zh = schemeWords(s, 'zh'), en = schemeWords(s, 'en');

  it('arithmetic is a formula with labels quoted', () => {
    expect(zh.expr(decl(s, '出勤').value)).toBe('100 − “全年缺勤天数” × 5');
    expect(zh.expr(decl(s, '比').value)).toBe('“产值” ÷ （全体被考核人中“产值”的最高值） × 100');
    expect(en.expr(decl(s, '比').value)).toBe('“产值” ÷ (the highest “产值” among everyone assessed) × 100');
  });

  it('aggregates read their binder as the entry', () => {
    expect(zh.expr(decl(s, '好的').value)).toBe('“记录”中其“档次”为“好”或以上的项数');
    expect(en.expr(decl(s, '好的').value)).toBe('the number of entries of “记录” where its “档次” is “好” or better');
    expect(zh.expr(decl(s, '期内').value)).toBe('“记录”中其“日期”在考核周期开始日（含）至考核周期结束日（不含）之间的项数');
    expect(zh.expr(decl(s, '连续好').value)).toBe('“往年”中从最近一期往前连续其“考核等次”为“优秀”的期数');
    expect(en.expr(decl(s, '连续好').value)).toContain('its “grade” is “优秀”');
  });

  it('bands read as thresholds with scores', () => {
    expect(zh.expr(decl(s, '产出').value)).toBe('按“比”分段计分：达到90的，得100分；达到60的，得80分；其他情况得50分');
    expect(en.expr(decl(s, '产出').value)).toBe('by “比”: at least 90: 100 points; at least 60: 80 points; otherwise 50 points');
  });

  it('conditions: and/or precedence, sets, negation of a bool, and the effects', () => {
    expect(zh.ruleItem(item(s))).toBe('“次数”大于2次，且（“岗位”为“甲”或“乙”，或“处分”为否）的，每次扣1分，最多扣4分，采取“约谈”措施');
    expect(en.ruleItem(item(s))).toBe('when “次数” is above 2 and (“岗位” is “甲” or “乙” or “处分” is no): deduct 1 point for each, at most 4 points in all, the action “约谈” follows');
    // Without the condition the rate names what it counts.
    expect(zh.effects(item(s))).toBe('按“次数”每次扣1分，最多扣4分，采取“约谈”措施');
    expect(en.effects(item(s))).toBe('deduct 1 point per “次数”, at most 4 points in all, the action “约谈” follows');
    expect(zh.condition(item(s).when)).toBe('“次数”大于2次，且（“岗位”为“甲”或“乙”，或“处分”为否）');
  });

  it('grades compare by order and scores take their unit', () => {
    const grades = s.decls.find((d) => d.kind === 'Grades')!;
    if (grades.kind !== 'Grades') throw new Error();
    expect(zh.condition(grades.grades[0].when!)).toBe('总分达到90分');
    expect(zh.condition(grades.grades[1].when!)).toBe('评定等次为“称职”或以上，或总分达到60分');
    expect(en.condition(grades.grades[1].when!)).toBe('the grade is “称职” or better or the score is at least 60 points');
  });

  it('a veto names the lowest grade', () => {
    const veto = { ...item(s), effects: [{ kind: 'veto' as const, span: item(s).span }] };
    expect(zh.effects(veto, { lowestGrade: '不称职' })).toBe('实行一票否决，不论得分，等次定为“不称职”');
  });
});
