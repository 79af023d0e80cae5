// Unit tests per checker pass: assert codes, not wording (except where the wording is the contract:
// the weight proof names the failing combination).
import { describe, expect, it } from 'vitest';
import { PASSES } from '../../dsl/check/index.js';
import { codes, diags, wrap } from './helpers.js';

const ROLE = `  enum 岗位 { 综合管理, 行政执法, 窗口服务 }
  input { 岗位: 岗位, 领导职务: bool = false, 分数: number in [0, 100], 年限: integer >= 0 = 0 }`;

it('runs the passes in a fixed, named order', () => {
  expect(PASSES.map((p) => p.name)).toEqual(['names', 'reserved', 'resolve-and-types', 'chains', 'settings', 'weights', 'points', 'panels', 'scales',
    'coverage', 'bands-linear', 'grades', 'quotas', 'related-quota', 'cycles', 'cohort-aggregates', 'division', 'empty-aggregates', 'reachability', 'unused', 'display-inputs', 'periods-input', 'self-read', 'examples', 'cohort-examples', 'functions', 'function-cost']);
});

describe('weights', () => {
  it('proves role blocks that sum to 100% for every post', () => {
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 40% = 分数
  when 岗位 == 综合管理 { indicator 乙 weight 60% = 分数 }
  when 岗位 in { 行政执法, 窗口服务 } { indicator 丙 weight 30% = 分数  indicator 丁 weight 30% = 分数 + 年限 * 0 }
  when 领导职务 { indicator 戊 weight 0.0001% = 分数 }`))).toEqual(['KH-C010']);
  });

  it('says at `weight 40` that the % is missing, with the fix; `weight 1` and `weight 0.4` are fractions and fine', () => {
    const d = diags(wrap(`${ROLE}
  indicator 甲 weight 40 = 分数
  indicator 乙 weight 60% = 分数`)).filter((x) => x.code === 'KH-C010');
    expect(d).toHaveLength(2);
    const at = d.find((x) => x.fix)!;
    expect(at.message).toContain('4000%');
    expect(at.fix!.edits).toEqual([{ span: { start: at.span.end, end: at.span.end }, text: '%' }]);
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 0.4 = 分数
  indicator 乙 weight 0.6 = 分数`)).filter((c) => c === 'KH-C010')).toEqual([]);
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 1 = 分数`)).filter((c) => c === 'KH-C010')).toEqual([]);
  });

  it('names the failing combination of enum and bool inputs', () => {
    const d = diags(wrap(`${ROLE}
  group 个性指标 weight 100% {
    indicator 甲 weight 40% = 分数
    when 岗位 != 窗口服务 and not 领导职务 { indicator 乙 weight 60% = 分数 }
    when 岗位 != 窗口服务 and 领导职务 { indicator 丙 weight 60% = 分数 }
    when 岗位 == 窗口服务 and 领导职务 { indicator 丁 weight 50% = 分数 }
    when 岗位 == 窗口服务 and not 领导职务 { indicator 戊 weight 60% = 分数 + 年限 * 0 }
  }`)).filter((x) => x.code === 'KH-C010');
    expect(d.map((x) => x.message)).toEqual(['岗位=窗口服务, 领导职务=true: 个性指标 sums to 90%, not 100%']);
  });

  it('says the exact sum, never a rounded one that reads "sums to 100%, not 100%" (hostile F12)', () => {
    const d = diags(wrap(`${ROLE}
  group g weight 100% {
    indicator a weight 33.3333% = 分数
    indicator b weight 33.3333% = 分数
    indicator c weight 33.33341% = 分数
  }`)).filter((x) => x.code === 'KH-C010');
    expect(d.map((x) => x.message)).toEqual(['g sums to 100.00001% for every subject, not 100%']);
    const p = diags(wrap(`${ROLE}
  points total 100
  indicator a points 33.3333333 = 分数
  indicator b points 66.6666666 = 分数`)).filter((x) => x.code === 'KH-C012');
    expect(p.map((x) => x.message)).toEqual([expect.stringContaining('99.9999999')]);
  });

  it('takes the conditions around a group into account and exempts normalize groups', () => {
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 50% = 分数
  when 岗位 == 综合管理 {
    group 组 weight 50% {
      indicator 乙 weight 100% = 分数
      when 岗位 == 行政执法 { indicator 丙 weight 10% = 分数 + 年限 * 0 }
    }
  }
  when 岗位 != 综合管理 { group 归 weight 50% normalize { indicator 丁 weight 30% = 分数 when 领导职务 { indicator 戊 weight 5% = 分数 } } }`)))
      .toEqual(['KH-C043']); // 丙 can never apply; it does not break 组's sum
  });

  it('reports points/weights mixed, a missing share and points that miss the total', () => {
    expect(codes(wrap(`${ROLE}
  indicator 甲 points 60 = 分数 + 年限 * 0
  when 领导职务 { indicator 乙 points 40 = 分数 }`))).toEqual(['KH-C012', 'KH-C040']); // 岗位 unused
    expect(codes(wrap(`${ROLE}
  total 50
  group 共 { indicator 甲 points 30 = 分数 + 年限 * 0 }
  when 岗位 == 综合管理 { indicator 乙 points 20 = 分数 }
  when 岗位 != 综合管理 { indicator 丙 points 20 = 分数 }
  when 领导职务 { indicator 丁 points 0.5 = 分数 }`))).toEqual(['KH-C012']);
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 100% = 分数 + 年限 * 0
  indicator 乙 = 分数`)).sort()).toEqual(['KH-C013', 'KH-C040', 'KH-C040']);
  });

  it('warns that numeric conditions make the proof non-exhaustive', () => {
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 70% = 分数
  when 年限 > 5 { indicator 乙 weight 30% = 分数 }
  when 年限 <= 5 { indicator 丙 weight 30% = 分数 }`))).toEqual(['KH-C014', 'KH-C040', 'KH-C040']);
  });
});

describe('names and types', () => {
  it('reports unknown, duplicate and reserved names', () => {
    expect(codes(wrap(`${ROLE}\n  indicator 甲 weight 100% = 分数 + 未知 + 年限 * 0 + (if 领导职务 then 0 else 0)`)).sort()).toEqual(['KH-C001', 'KH-C040']);
    expect(codes(wrap(`${ROLE}\n  let 分数 = 1\n  indicator 甲 weight 100% = 分数 + 年限 + (if 领导职务 and 岗位 == 综合管理 then 0 else 0)`))).toEqual(['KH-C002']);
    expect(codes(wrap(`${ROLE}\n  let 平均 = 1\n  indicator 甲 weight 100% = 平均 + 分数 + 年限 + (if 领导职务 and 岗位 == 综合管理 then 0 else 0)`))).toEqual(['KH-C003']);
  });

  it('resolves members by the expected type and reports ambiguity and the wrong enum', () => {
    const enums = `  enum 甲等 ordered { 差, 中, 好 }\n  enum 乙等 { 好, 坏 }\n  input { 甲: 甲等, 乙: 乙等 }`;
    expect(codes(wrap(`${enums}\n  indicator 分 weight 100% = if 甲 >= 好 and 乙 == 好 and 好 == 乙 then 100 else 0`))).toEqual([]);
    expect(codes(wrap(`${enums}\n  let 标 = 好\n  indicator 分 weight 100% = if 甲 == 中 and 乙 == 坏 and 标 == 好 then 100 else 0`))).toEqual(['KH-C004']);
    expect(codes(wrap(`${enums}\n  indicator 分 weight 100% = if 甲 == 坏 or 乙 < 好 then 100 else 0`))).toEqual(['KH-C006', 'KH-C005']);
  });

  it('types grades as an ordered pseudo-enum and limits result names', () => {
    const g = `  input { 分数: number in [0, 100] }\n  indicator 甲 weight 100% = 分数\n`;
    expect(codes(wrap(`${g}  grades { 优秀 when score >= 90  称职 otherwise }\n  outcomes { action 谈话 when grade <= 称职 and grade != 优秀 }`))).toEqual([]);
    expect(codes(wrap(`${g}  let x = score\n  grades { 优秀 when score >= 90  称职 otherwise }`))).toEqual(['KH-C009']);
    expect(codes(wrap(`${g}  negative 负 { item 低 when score < 60 => deduct 1 }\n  grades { 优秀 when score >= 90  称职 otherwise }`))).toEqual(['KH-C031']);
  });

  it('checks fields, categories, calls and forms', () => {
    const src = `  panel 民主测评 { 上级 weight 100% }
  input { 任务: list of { 完成率: number } min 1, 评: ratings of 民主测评, 分数: number }
  indicator 甲 weight 50% = avg(t in 任务 : t.完成度) + count(评.同级) + abs(分数, 1)
  indicator 乙 weight 50% = rate 分数 + any(任务) + levels 分数 { 好: 1 }`;
    expect(codes(wrap(src))).toEqual(['KH-C007', 'KH-C007', 'KH-C008', 'KH-C008', 'KH-C008', 'KH-C005']);
  });

  it('suggests the space for a name glued to a Chinese keyword', () => {
    const d = diags(wrap(`${ROLE}\n  indicator 甲 weight 100% = min(如果分数, 1) + 年限 + (if 领导职务 and 岗位 == 综合管理 then 0 else 0)`));
    const p = d.find((x) => x.code === 'KH-P006')!;
    expect(p.fix?.edits).toEqual([{ span: { start: p.span.start + 2, end: p.span.start + 2 }, text: ' ' }]);
  });
});

describe('forms, grades, settings', () => {
  it('levels, tables and bonus must cover their members', () => {
    expect(codes(wrap(`  enum 等 { 优, 良, 差 }\n  table 系数 { 优: 1, 良: 0.8 }\n  input { 等: 等 }
  indicator 甲 weight 100% = levels 等 { 优: 100 } * 系数[等]
  grades { 好 when score >= 1  差等 otherwise }\n  outcomes { bonus by grade { 好: 1 } }`))).toEqual(['KH-C022', 'KH-C021', 'KH-C023']);
  });

  it('bands follow their direction, linear x increases, grades end with otherwise', () => {
    expect(codes(wrap(`  input { x: number }
  indicator 甲 weight 50% = bands x { <= 1%: 100, <= 5%: 80, else: 50 } + bands x { > 90: 1, >= 90: 2 }
  indicator 乙 weight 50% = linear x { 0 => 1, 0 => 2 }
  grades { 优 when score >= 90 quota 0%  良 otherwise  中 when score > 1 }`))).toEqual(['KH-C025', 'KH-C029', 'KH-C027']);
  });

  it('checks settings and constraints', () => {
    expect(codes(wrap(`  precision 1.5\n  input { x: integer in [5, 1] = 9, t: bool >= 1 }\n  indicator 甲 weight 100% = if t then x else 0`)))
      .toEqual(['KH-C028', 'KH-C028', 'KH-C028', 'KH-C028']);
  });
});

describe('cycles, division, reachability, unused, examples', () => {
  it('finds cycles through lets, indicators and groups', () => {
    expect(codes(wrap(`  input { x: number }\n  let a = b\n  let b = a + x\n  group g weight 100% { indicator i weight 100% = g }`))).toEqual(['KH-C030', 'KH-C030']);
  });

  it('finds a cycle through a table (the engine only met it while evaluating)', () => {
    const d = diags(wrap(`  enum E { m, n }
  input { e: E }
  table T { m: a, n: 1 }
  let a = T[e] + 1
  indicator i points 100 = a`)).filter((x) => x.code === 'KH-C030');
    expect(d.map((x) => x.message)).toEqual(['cyclic reference: T → a → T']);
  });

  it('warns on unguarded division only', () => {
    const base = `  input { n: integer >= 0, m: integer > 0, x: number in [0, 1] }\n  indicator 甲 weight 100% = `;
    expect(codes(wrap(`${base}x / n`)).sort()).toEqual(['KH-C032', 'KH-C040']);
    expect(codes(wrap(`${base}(if n == 0 then 0 else x / n) + (if n > 0 then x / n else 0) + x / m + (if n != 0 and x / n > 1 then 1 else 0)`))).toEqual([]);
    expect(codes(wrap(`${base}x / max(n, 1) + x / (n + m) + m * 0`))).toEqual([]);
  });

  it('warns about unreachable indicators and references that may not apply', () => {
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 100% = 分数 + 年限 + (if 领导职务 then 0 else 0)
  when 岗位 == 综合管理 and 岗位 == 窗口服务 { indicator 乙 weight 100% = 分数 }`))).toEqual(['KH-C043']);
    expect(codes(wrap(`${ROLE}
  indicator 甲 weight 60% = 分数 + 年限 + (if 领导职务 then 0 else 0)
  when 岗位 == 综合管理 { indicator 乙 weight 40% = 分数 }
  when 岗位 != 综合管理 { indicator 丙 weight 40% = 乙 }
  let ok = if 岗位 == 综合管理 then 乙 else 0
  grades { 优 when ok > 1 and 乙 > 1  差 otherwise }
  example e { given { 岗位: 行政执法, 分数: 1 } expect 乙 == 1 }`))).toEqual(['KH-C044', 'KH-C044', 'KH-C044']);
  });

  it('reports unused inputs, panels and tables, but counts cohort by and tiebreak uses', () => {
    expect(codes(wrap(`  enum 难 { 易 }\n  table 系 { 易: 1 }\n  panel 测 { 上 weight 100% }
  input { x: number, 单位: text, 年限: number, 没用: number }\n  cohort by 单位
  indicator 甲 weight 100% = x\n  grades tiebreak 年限 desc { 好 otherwise }`))).toEqual(['KH-C042', 'KH-C041', 'KH-C040']);
  });

  it('checks example inputs against the contract', () => {
    const src = `  enum 岗 { 甲, 乙 }
  panel 测 { 上 weight 100% }
  input { 岗: 岗, 分: number in [0, 100], 评: ratings of 测, 列: list of { n: integer } min 1 }
  indicator 甲分 weight 100% = if 岗 == 甲 then 分 + rate 评 + count(列) else 0
  example e { given { 岗: 丙, 分: 101, 评: { 下: [1] }, 列: [{ n: 1, m: 2 }], 多: 1 } expect 甲分 == 1 and 无 == 2 }`;
    expect(codes(wrap(src)).sort()).toEqual(['KH-C050', 'KH-C050', 'KH-C050', 'KH-C051', 'KH-C052', 'KH-C052']);
  });
});
