import { describe, expect, it } from 'vitest';
import { parseExpr, sexpr } from './helpers.js';

const cases: [string, string][] = [
  ['1 + 2 * 3', '(+ 1 (* 2 3))'],
  ['1 - 2 - 3', '(- (- 1 2) 3)'],
  ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
  ['-a * b', '(* (- a) b)'],
  ['- a - b', '(- (- a) b)'],
  ['a * - b', '(* a (- b))'],
  ['not a == b', '(not (== a b))'],
  ['not a and b', '(and (not a) b)'],
  ['a or b and c', '(or a (and b c))'],
  ['a and b or c', '(or (and a b) c)'],
  ['a + 1 >= b * 2 and c', '(and (>= (+ a 1) (* b 2)) c)'],
  ['x in { a, b } and y', '(and (in x {a b}) y)'],
  ['not x in { a, b }', '(not (in x {a b}))'],
  ['if a then 1 else if b then 2 else 3', '(if a 1 (if b 2 3))'],
  ['if 案件受理数 == 0 then 1 else 案件办结数 / 案件受理数', '(if (== 案件受理数 0) 1 (/ 案件办结数 案件受理数))'],
  ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
  ['难度系数[t.难度] * 角色系数[t.角色]', '(* 难度系数[t.难度] 角色系数[t.角色])'],
  ['a.b.c[d].e', 'a.b.c[d].e'],
  ['20%', '20%'],
  ['min(a, 1) * 100', '(* min(a 1) 100)'],
  ['最小(a, 1)', 'min(a 1)'],
  ['max(a, b, c)', 'max(a b c)'],
  ['avg(季度得分)', 'avg(季度得分)'],
  ['avg(t in 工作任务 weighted by 难度系数[t.难度] * 角色系数[t.角色] : min(t.完成率, 1) * 100)',
    'avg(t in 工作任务 weighted (* 难度系数[t.难度] 角色系数[t.角色]) : (* min(t.完成率 1) 100))'],
  ['count(q in 平时考核 where q == 好)', 'count(q in 平时考核 where (== q 好))'],
  ['any(q in L : q <= 一般)', 'any(q in L : (<= q 一般))'],
  ['计数(q 属于 L 满足 q == 好) >= 2', '(>= count(q in L where (== q 好)) 2)'],
  ['score >= 90', '(>= score@score 90)'],
  ['总分 >= 90 且 评定等次 == 好', '(and (>= 总分@score 90) (== 评定等次@grade 好))'],
  ['bands 办结率 { >= 98%: 100, >= 95%: 90, else: 60 }', 'bands(办结率 >=98%:100 >=95%:90 else:60)'],
  ['bands x { <= 1%: 100, <= 5%: 80, else: 50, }', 'bands(x <=1%:100 <=5%:80 else:50)'],
  ['levels 自评 { 优: 100, 良: 85, else: 50 }', 'levels(自评 优:100 良:85 else:50)'],
  ['min(linear 办件数 { 0 => 40, 300 => 100 } * 系数, 100)', 'min((* linear(办件数 0=>40 300=>100) 系数) 100)'],
  ['rate 政治素质评价', 'rate(政治素质评价)'],
  ['100 - 缺勤天数 * 5', '(- 100 (* 缺勤天数 5))'],
  ['如果 a 则 1 否则 2', '(if a 1 2)'],
  ['a == 是 或 非 b', '(or (== a true) (not b))'],
];

describe('expression precedence and forms', () => {
  for (const [src, want] of cases) {
    it(src, () => expect(sexpr(parseExpr(src))).toBe(want));
  }

  it('spans cover the written text', () => {
    const text = 'a + b * c';
    const e = parseExpr(text);
    const offset = 'scheme S { let x = '.length;
    expect(e.span).toEqual({ start: offset, end: offset + text.length });
  });
});
