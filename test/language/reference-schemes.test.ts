// The two issue-12 reference schemes (schemes/quarterly-ballots.kaohe, schemes/discipline-records.kaohe)
// check clean and their hand-computed examples pass. The examples sit on the edges the issue names (a
// rating on a scale tier's edge, a date on a window's edge, a normalized group with none, one, two and
// three indicators missing), so each mutation below — one rule read the other way — must make a named
// example fail: the examples are not vacuous.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import type { NameRef } from '../../dsl/ast.js';
import { exprNodes } from '../check/helpers.js';
import { prepare, runExamples } from '../../engine/index.js';
import { failing, mutate, type Mutation } from './mutants.js';

const DIR = join(import.meta.dirname, '../../schemes');
const read = (name: string) => readFileSync(join(DIR, `${name}.kaohe`), 'utf8');

describe.each(['quarterly-ballots', 'discipline-records'])('schemes/%s.kaohe', (name) => {
  const source = read(name);

  it('checks clean', () => {
    const a = analyze(source, `${name}.kaohe`);
    expect(a.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range.start.line}: ${d.message}`)).toEqual([]);
  });

  it('resolves every name and types every expression (ballots, functions, dates, shares included)', () => {
    const a = analyze(source, `${name}.kaohe`);
    const c = a.checked!;
    const all = exprNodes(c.scheme);
    expect(all.filter((e): e is NameRef => e.kind === 'Name' && !c.refs.has(e)).map((n) => n.name)).toEqual([]);
    expect(all.filter((e) => !c.types.has(e)).map((e) => a.file.slice(e.span))).toEqual([]);
  });

  it('has at least 8 examples, all passing', async () => {
    const p = prepare(source, `${name}.kaohe`);
    expect(p.value).toBeDefined();
    const outcomes = await runExamples(p.value!);
    expect(outcomes.length).toBeGreaterThanOrEqual(8);
    expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
  });
});

describe('quarterly-ballots: each rule is pinned by an example', () => {
  const source = read('quarterly-ballots');
  const cases: Mutation[] = [
    ['whole-ballot trimming (per element would give 全厅 90, 测评分 91.05)', ' 每 整票', '', '李强'],
    ['至少 3 for 本处室 (2 ballots must count as missing)', '权重 55% 至少 3', '权重 55%', '吴桐'],
    ['至少 5 for 全厅 (4 ballots must count as missing)', '权重 35% 至少 5', '权重 35%', '陈默'],
    ['负责人意见 90, the lowest 优秀 value, passes `>= 90`', '负责人意见 >= 90', '负责人意见 > 90', '李强'],
    ['a total of exactly 90 is 好', '总分 >= 90 且', '总分 > 90 且', '孙悦'],
    ['the post decides the weights (处级领导 60/10/30, not 60/20/20)',
      ['则 10% 否则 20%', '则 30% 否则 20%'], ['则 20% 否则 20%', '则 20% 否则 20%'], '李强'],
    ['an item cap on 迟到 deductions', '每 超出次数 上限 2', '每 超出次数', '赵琳'],
  ];
  it.each(cases)('%s', async (_why, from, to, example) => {
    const r = await failing(mutate(source, from, to));
    expect(r === 'errors' || r.includes(example), JSON.stringify(r)).toBe(true);
  });

  it('a rating between the scale\'s values (93) is refused, not averaged', async () => {
    const ballot = '{ 德: 95, 能: 95, 勤: 95, 绩: 95, 廉: 95 }\n        ],\n        本处室: [\n          { 德: 100, 能: 100';
    const r = await failing(mutate(source, ballot, ballot.replace('德: 95', '德: 93')));
    expect(r === 'errors' || r.includes('王敏'), JSON.stringify(r)).toBe(true);
  });
});

describe('discipline-records: each rule is pinned by an example', () => {
  const source = read('discipline-records');
  const cases: Mutation[] = [
    ['"within a year" excludes periodEnd - 1 years', 'd in (periodEnd - 1 years', 'd in [periodEnd - 1 years', '一号'],
    ['"within a year" includes periodEnd', '1 years, periodEnd])', '1 years, periodEnd))', '八号'],
    ['"within six months" excludes periodEnd - 6 months (2026-06-30 for 2026-Q4)', 'in (periodEnd - 6 months', 'in [periodEnd - 6 months', '六号'],
    ['the quarter includes periodStart', '迟到, 早退 } and r.发生日期 in [periodStart', '迟到, 早退 } and r.发生日期 in (periodStart', '一号'],
    ['an attached deduction stays inside base (deductions = 0)', '"迟到、早退" for 考勤 when', '"迟到、早退" when', '一号'],
    ['the list max gives the last item the remainder', '"工作作风扣分" max 10', '"工作作风扣分" max 20', '五号'],
    ['a 市级 通报 counts twice', 'then 2 else 1', 'then 1 else 1', '五号'],
    ['the reward list max', '"效能加分" max 3', '"效能加分" max 5', '六号'],
    ['旷工 of 3 days vetoes', '期内旷工 >= 3 => veto', '期内旷工 >= 5 => veto', '四号'],
  ];
  it.each(cases)('%s', async (_why, from, to, example) => {
    const r = await failing(mutate(source, from, to));
    expect(r === 'errors' || r.includes(example), JSON.stringify(r)).toBe(true);
  });

  it('扣完为止: 四号 is at 0 whether 旷工 costs 5 or 6 a day, 七号 (not at the floor) moves', async () => {
    const r = await failing(mutate(source, 'deduct 5 per 期内旷工', 'deduct 6 per 期内旷工'));
    expect(r).toEqual(['七号']);
  });

  it('the normalized group is what makes 60 points out of fewer', async () => {
    const r = await failing(mutate(source, 'points 60 normalize {', 'points 60 {'));
    expect(r === 'errors' || ['二号', '三号', '四号'].every((e) => r.includes(e)), JSON.stringify(r)).toBe(true);
  });
});
