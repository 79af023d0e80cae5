// Examples that say everything (issue 12, item 7): `expect X in actions` (the subject's actions),
// `expect X in items` (its matched negative and reward items: the reasons a grade was capped or
// vetoed), `expect provisional` / `expect not provisional`, in both keyword languages (采取措施,
// 触发事项, 暂定); these names only in `expect` (KH-C110); an unknown action or item named (KH-C111);
// a failing expectation shows each side; examples in a namespace of their own (an example may be
// called 优秀 beside the grade 优秀, but two examples may not share a name).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';
import { format } from '../../dsl/format/index.js';
import { prepare, runExamples } from '../../engine/index.js';
import { labels } from '../service/helpers.js';

const codes = (src: string) => analyze(src).diagnostics.map((d) => d.code);
const diags = (src: string, code: string) => analyze(src).diagnostics.filter((d) => d.code === code);

async function outcomes(src: string) {
  const r = prepare(src, 'examples.kaohe');
  if (!r.value) throw new Error(r.diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`).join('\n'));
  return runExamples(r.value);
}

/** 迟到 > 3 deducts 2 with 书面检查; 迟到 > 8 caps at 称职; 优秀 has a quota (provisional alone);
 * score < 60 gets 谈话 from the outcomes. Scores: 分 - 2 when 迟到 > 3 (the indicator is 100% of 分). */
const scheme = (examples: string) => `scheme 样例 {
  input { 分: number in [0, 100], 迟到: integer >= 0 }
  indicator 工作 weight 100% = 分
  negative 负面 {
    item 迟到多 when 迟到 > 3 => deduct 2, action 书面检查
    item 迟到很多 when 迟到 > 8 => cap 称职
  }
  reward 加分 { item 表彰 when 分 == 100 => add 1 }
  grades {
    优秀 when score >= 90 quota 20%
    称职 otherwise
  }
  outcomes { action 谈话 when score < 60 }
${examples}
}`;

describe('expectations on actions, items and provisional grades', () => {
  it('holds when they are true, in English and Chinese keywords', async () => {
    // 95 - 2 = 93 >= 90 → 优秀 with a quota: provisional; 书面检查 from 迟到多.
    const en = scheme(`  example 甲 {
    given { 分: 95, 迟到: 5 }
    expect 书面检查 in actions and 迟到多 in items and not 迟到很多 in items
    expect provisional and grade == 优秀
  }
  // 95 - 2 = 93, capped at 称职 by 迟到很多: not provisional (称职 has no quota).
  example 乙 {
    given { 分: 95, 迟到: 9 }
    expect 迟到很多 in items and 迟到多 in items and not provisional
  }
  // 100 + 1 = 101: the reward item is an item too; 50 → 谈话 (an outcome action) as a text.
  example 丙 { given { 分: 100, 迟到: 0 } expect 表彰 in items and not 书面检查 in actions }
  example 丁 { given { 分: 50, 迟到: 0 } expect "谈话" in actions and 谈话 in actions and not provisional }`);
    expect(codes(en)).toEqual([]);
    expect((await outcomes(en)).map((o) => [o.name, o.passed, o.failures.map((f) => f.message)])).toEqual([
      ['甲', true, []], ['乙', true, []], ['丙', true, []], ['丁', true, []],
    ]);
    const zh = format(analyze(en).parsed, analyze(en).file, { keywords: 'zh' });
    expect(zh).toContain('预期 书面检查 属于 采取措施 且 迟到多 属于 触发事项 且 非 迟到很多 属于 触发事项');
    expect(zh).toContain('预期 暂定 且 评定等次 == 优秀');
    expect(codes(zh)).toEqual([]);
    expect((await outcomes(zh)).every((o) => o.passed)).toBe(true);
  });

  it('fails showing each side: the name expected and the list it is not in', async () => {
    const src = scheme(`  example 甲 {
    given { 分: 50, 迟到: 0 }
    expect 书面检查 in actions
    expect provisional
    expect 迟到多 in items
  }`);
    const [o] = await outcomes(src);
    expect(o.passed).toBe(false);
    expect(o.failures.map((f) => [f.expect, f.left, f.right])).toEqual([
      ['书面检查 in actions', '"书面检查"', '["谈话"]'],
      ['provisional', undefined, undefined],
      ['迟到多 in items', '"迟到多"', '[]'],
    ]);
    expect(o.failures[1].message).toBe('does not hold: provisional = false');
    expect(o.failures[0].message).toBe('expected 书面检查 in actions, but the left side is "书面检查" and the right side is ["谈话"]');
  });

  it('reads 采取措施, 触发事项 and 暂定 in a scheme with Chinese keywords', async () => {
    const src = `方案 样例 {
  输入 { 分: 数值 属于 [0, 100] }
  指标 工作 权重 100% = 分
  负面清单 负面 { 事项 低分 当 分 < 60 => 扣 5, 措施 诫勉谈话 }
  等次 {
    优秀 当 总分 >= 90 比例 20%
    合格 其他
  }
  示例 甲 { 已知 { 分: 50 } 预期 诫勉谈话 属于 采取措施 且 低分 属于 触发事项 且 非 暂定 }
  示例 乙 { 已知 { 分: 95 } 预期 暂定 且 非 低分 属于 触发事项 }
}`;
    expect(codes(src)).toEqual([]);
    expect((await outcomes(src)).map((o) => o.passed)).toEqual([true, true]);
  });
});

describe('completion', () => {
  it('offers 采取措施, 暂定 and 触发事项 inside an example, and not elsewhere', () => {
    const src = `方案 样例 {
  输入 { 分: 数值 属于 [0, 100] }
  指标 工作 权重 100% = 分
  示例 甲 { 已知 { 分: 50 } 预期 | }
}`;
    expect(labels(src)).toEqual(expect.arrayContaining(['采取措施', '暂定', '触发事项', '总分']));
    expect(labels(src.replace('预期 | }', '预期 分 == 50 }').replace('= 分\n', '= 分 + |\n'))).not.toContain('暂定');
  });
});

describe('checking expectations', () => {
  it('allows actions, items and provisional only in expect (KH-C110)', () => {
    const src = scheme(`  let 数 = count(items)
  example 甲 { given { 分: 50, 迟到: 0 } expect count(actions) == 1 and provisional == false }`)
      .replace('outcomes { action 谈话 when score < 60 }', 'outcomes { action 谈话 when score < 60 and not 暂定 }');
    const found = diags(src, 'KH-C110');
    expect(found.map((d) => d.message)).toEqual([
      "'暂定' is a result of evaluating an example and can be used only in an example's `expect`",
      "'items' is a result of evaluating an example and can be used only in an example's `expect`",
    ]);
    expect(localizeDiagnostic(found[0], 'zh').message).toBe('“暂定”是示例的计算结果，只能用在示例的“预期”中');
    // inside expect they are a list of texts and a yes/no, usable like any value
    expect(codes(src).filter((c) => c !== 'KH-C110')).toEqual([]);
  });

  it('names the actions or items the scheme has when the one expected is not one (KH-C111)', () => {
    const src = scheme(`  example 甲 {
    given { 分: 50, 迟到: 0 }
    expect 书面检讨 in actions
    expect 迟到太多 in items
    expect 迟到多 in actions
  }`);
    expect(diags(src, 'KH-C111').map((d) => d.message)).toEqual([
      "'书面检讨' is not an action of this scheme; its actions are 书面检查, 谈话",
      "'迟到太多' is not a negative or reward item of this scheme; its items are 迟到多, 迟到很多, 表彰",
      "'迟到多' is not an action of this scheme; its actions are 书面检查, 谈话",
    ]);
    // before issue 12: KH-C005 ('书面检查' is an action, not a value) and a parse error at `actions`
    expect(codes(scheme('  example 甲 { given { 分: 50, 迟到: 0 } expect 书面检查 in actions }'))).toEqual([]);
  });

  it('types the left side: a number is not an action (KH-C005), a list-valued name needs a list', () => {
    const src = scheme('  example 甲 { given { 分: 50, 迟到: 0 } expect 分 + 1 in actions expect 1 in 分 }');
    expect(diags(src, 'KH-C005').map((d) => d.message)).toEqual([
      'the left side of `in actions` must be the name of an action or item, or a text, not a number',
      '`in` followed by a name needs a list, and \'分\' is a number',
    ]);
  });
});

describe('examples have a namespace of their own', () => {
  it('lets an example share its name with a grade or an item', () => {
    const src = scheme(`  example 优秀 { given { 分: 95, 迟到: 0 } expect grade == 优秀 }
  example 迟到多 { given { 分: 95, 迟到: 5 } expect 迟到多 in items }`);
    expect(codes(src)).toEqual([]); // was KH-C002 ('优秀' is declared twice: as grade … and as `example`)
  });

  it('still refuses two examples of one name, and an example is not a value', () => {
    const src = scheme(`  let x = 甲
  example 甲 { given { 分: 95, 迟到: 0 } expect score == 95 }
  example 甲 { given { 分: 90, 迟到: 0 } expect score == 90 }`);
    expect(diags(src, 'KH-C002').map((d) => d.message)).toEqual(["example '甲' is declared twice (first at line 15); examples need distinct names"]);
    expect(diags(src, 'KH-C005').map((d) => d.message)).toEqual(["'甲' is an example, not a value"]);
  });
});
