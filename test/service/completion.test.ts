// Completion: keyword language, names in scope, enum members where an enum is expected, fields
// after `t.`, categories in ratings, given keys and values, types in the input contract.

import { describe, expect, it } from 'vitest';
import { at, edit, labels, reference, SMALL } from './helpers.js';

describe('completion', () => {
  it('offers declaration keywords at the start of a statement, in the file\'s keyword language', () => {
    const en = labels(edit(SMALL, '  total 100\n', '  total 100\n  |\n'));
    expect(en).toContain('indicator');
    expect(en).toContain('grades');
    expect(en).not.toContain('指标');
    const zhSource = reference('quarterly-routine.kaohe');
    const i = zhSource.indexOf('{') + 1;
    const zh = labels(zhSource.slice(0, i) + '\n  |' + zhSource.slice(i));
    expect(zh).toContain('指标');
    expect(zh).toContain('等次');
    expect(zh).not.toContain('indicator');
  });

  it('offers input names, lets, indicators and built-ins in an expression', () => {
    const l = labels(edit(SMALL, '= 100 - 缺勤天数 * 5', '= 100 - 缺|'));
    expect(l).toEqual(expect.arrayContaining(['缺勤天数', '系数', '民主', 'min', 'avg']));
    expect(l).not.toContain('score'); // result names only in grades, outcomes and examples
  });

  it('replaces the whole word under the cursor', () => {
    const { ls, text, offset } = at(edit(SMALL, '= 100 - 缺勤天数 * 5', '= 100 - 缺|勤 * 5'));
    const c = ls.complete(offset);
    expect(text.slice(c.from, c.to)).toBe('缺勤');
  });

  it('puts the enum\'s members first after a comparison with an enum input', () => {
    const { ls, offset } = at(edit(SMALL, 'indicator 民主 weight 50% = rate 评价', 'indicator 民主 weight 50% = if 岗位 == | then 1 else 2'));
    const items = ls.complete(offset).items;
    expect(items.slice(0, 2).map((i) => i.label)).toEqual(['综合管理', '行政执法']);
    expect(items.map((i) => i.label)).toContain('缺勤天数');
  });

  it('offers the members of the tested enum in `x in { … }`', () => {
    expect(labels(edit(SMALL, '= rate 评价', '= if 岗位 in { 综合管理, | } then 1 else 2')).slice(0, 2)).toEqual(['综合管理', '行政执法']);
  });

  it('offers record fields after `t.` inside an aggregate', () => {
    const l = labels(edit(SMALL, 'min(t.完成率, 1)', 'min(t.|, 1)'));
    expect(l).toEqual(['名称', '难度', '完成率']);
  });

  it('offers panel categories after a ratings input and `.`', () => {
    expect(labels(edit(SMALL, '= rate 评价', '= avg(评价.|)'))).toEqual(['上级', '同级']);
  });

  it('offers the aggregate binder in scope', () => {
    const { ls, offset } = at(edit(SMALL, 'min(t.完成率, 1)', 'min(|, 1)'));
    const t = ls.complete(offset).items.find((i) => i.label === 't');
    expect(t?.kind).toBe('binder');
  });

  it('offers types after `name:` in the input contract', () => {
    const l = labels(edit(SMALL, '    处分: bool = false', '    处分: |'));
    expect(l).toEqual(expect.arrayContaining(['number', 'integer', 'bool', 'text', 'list of', 'ratings of', '岗位', '难度']));
  });

  it('offers only ratings inputs after `rate`', () => {
    expect(labels(edit(SMALL, 'rate 评价', 'rate |'))).toEqual(['评价']);
  });

  it('offers panels after `ratings of`', () => {
    expect(labels(edit(SMALL, 'ratings of 民主测评', 'ratings of |'))).toEqual(['民主测评']);
  });

  it('offers grades after `cap` and in `bonus by grade`', () => {
    expect(labels(edit(SMALL, 'cap 称职', 'cap |'))).toEqual(['优秀', '称职', '不称职']);
  });

  it('offers result names in grade conditions', () => {
    expect(labels(edit(SMALL, '优秀 when score >= 90', '优秀 when | >= 90'))).toContain('score');
  });

  it('offers effects after `=>` in a negative list', () => {
    expect(labels(edit(SMALL, '=> cap 称职', '=> |'))).toEqual(expect.arrayContaining(['veto', 'cap', 'nograde', 'deduct', 'action']));
  });

  it('offers unused input names as keys of `given`, and categories inside a ratings value', () => {
    const example = `  example 甲 {\n    given { 岗位: 行政执法, | }\n  }\n}\n`;
    const src = SMALL.replace(/}\n$/, example);
    const l = labels(src);
    expect(l).toContain('缺勤天数');
    expect(l).not.toContain('岗位');
    const ratings = SMALL.replace(/}\n$/, `  example 甲 {\n    given { 评价: { 上级: [90], | } }\n  }\n}\n`);
    expect(labels(ratings)).toEqual(['同级']);
  });

  it('offers enum members as values in `given`, also inside list elements', () => {
    expect(labels(SMALL.replace(/}\n$/, `  example 甲 {\n    given { 岗位: | }\n  }\n}\n`))).toEqual(['综合管理', '行政执法']);
    expect(labels(SMALL.replace(/}\n$/, `  example 甲 {\n    given { 任务: [{ 名称: "a", 难度: | }] }\n  }\n}\n`))).toEqual(['常规', '较难']);
    expect(labels(SMALL.replace(/}\n$/, `  example 甲 {\n    given { 任务: [{ 名称: "a", | }] }\n  }\n}\n`))).toEqual(['难度', '完成率']);
  });

  it('offers members in `levels` and table keys', () => {
    expect(labels(edit(SMALL, '= rate 评价', '= levels 岗位 { 综合管理: 100, | }')).slice(0, 2)).toEqual(['综合管理', '行政执法']);
    expect(labels(edit(SMALL, '{ 常规: 1.0, 较难: 1.2 }', '{ 常规: 1.0, | }'))).toEqual(['常规', '较难']);
  });

  it('offers nothing inside strings and comments', () => {
    expect(labels(edit(SMALL, '"测试方案"', '"测试|方案"'))).toEqual([]);
    expect(labels(edit(SMALL, '  version "1"', '  // 注释 |\n  version "1"'))).toEqual([]);
  });

  it('still completes names while the file has a syntax error', () => {
    const l = labels(edit(SMALL, '= 100 - 缺勤天数 * 5', '= 100 - (缺|'));
    expect(l).toContain('缺勤天数');
  });
});

describe('completion after `grades` (issue 13)', () => {
  it('offers `by committee` and `tiebreak`, then `tiebreak` after `by committee`', () => {
    expect(labels(edit(SMALL, '  grades {', '  grades |{'))).toEqual(['by committee', 'tiebreak']);
    expect(labels(edit(SMALL, '  grades {', '  grades by committee |{'))).toEqual(['tiebreak']);
  });
});
