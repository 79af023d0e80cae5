// Hover, go to definition, references, semantic tokens and outline.

import { describe, expect, it } from 'vitest';
import { at, cursor, edit, PROVINCE, SMALL } from './helpers.js';
import { LanguageService } from '../../dsl/service/index.js';

/** The text of a span. */
const slice = (text: string, s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : undefined);

describe('hover', () => {
  it('shows an indicator\'s label, weight, effective weight and points at a full score', () => {
    const { ls, offset } = at(edit(SMALL, 'indicator 出勤', 'indicator 出|勤'));
    const md = ls.hover(offset)!.markdown;
    expect(md).toContain('出勤');
    expect(md).toContain('出勤情况');
    expect(md).toContain('权重 50%');
    expect(md).toContain('有效权重 20%'); // 40% × 50%
    expect(md).toContain('最多得分 20');
  });

  it('computes effective weights through nested groups in the reference scheme', () => {
    const { ls, offset } = at(edit(PROVINCE, 'indicator 案件办结', 'indicator 案件|办结'), 'en');
    const md = ls.hover(offset)!.markdown;
    expect(md).toContain('effective weight 21%'); // 60% × 35%
    expect(md).toContain('applies when: `岗位 == 行政执法`');
  });

  it('shows an input\'s type, constraint and default where it is used', () => {
    const { ls, offset } = at(edit(SMALL, '100 - 缺勤天数 * 5', '100 - 缺勤|天数 * 5'));
    const h = ls.hover(offset)!;
    expect(h.markdown).toContain('缺勤天数: number in [0, 366]');
    expect(h.markdown).toContain('全年缺勤天数');
    expect(h.markdown).toContain('必填');
    const d = at(edit(SMALL, 'when 处分 =>', 'when 处|分 =>')).ls;
    expect(d.hover(at(edit(SMALL, 'when 处分 =>', 'when 处|分 =>')).offset)!.markdown).toContain('默认值：`false`'); // full-width colon in a Chinese sentence
  });

  it('shows a let\'s formula, an enum\'s members and a built-in\'s use', () => {
    const { ls, offset } = at(edit(SMALL, '* 系数', '* 系|数'));
    expect(ls.hover(offset)!.markdown).toContain('avg(t in 任务 : 难度系数[t.难度])');
    const e = at(edit(SMALL, '岗位: 岗位', '岗位: 岗|位'));
    expect(e.ls.hover(e.offset)!.markdown).toContain('成员：综合管理、行政执法');
    const en = at(edit(SMALL, '岗位: 岗位', '岗位: 岗|位'), 'en');
    expect(en.ls.hover(en.offset)!.markdown).toContain('members: 综合管理, 行政执法');
    const b = at(edit(SMALL, 'avg(t in 任务 : min', 'avg(t in 任务 : mi|n'));
    expect(b.ls.hover(b.offset)!.markdown).toContain('最小值');
  });

  it('shows the other language\'s spelling of a keyword', () => {
    const { ls, offset } = at(edit(SMALL, '  group 共性', '  gro|up 共性'));
    expect(ls.hover(offset)!.markdown).toContain('`类别`');
  });
});

describe('definition and references', () => {
  const def = (marked: string) => {
    const { ls, text, offset } = at(marked);
    const s = ls.definition(offset);
    return s && { text: slice(text, s), line: text.slice(0, s.start).split('\n').length };
  };

  it('goes from a use to the declaration of inputs, lets, binders, fields and members', () => {
    expect(def(edit(SMALL, '100 - 缺勤天数', '100 - 缺勤天数|'))).toEqual({ text: '缺勤天数', line: 13 });
    expect(def(edit(SMALL, '* 系数', '* 系|数'))).toEqual({ text: '系数', line: 18 });
    expect(def(edit(SMALL, 'min(t.完成率', 'min(|t.完成率'))).toEqual({ text: 't', line: 24 });
    expect(def(edit(SMALL, 'min(t.完成率', 'min(t.完成|率'))).toEqual({ text: '完成率', line: 15 });
    expect(def(edit(SMALL, 'cap 称职', 'cap 称|职'))).toEqual({ text: '称职', line: 31 });
    expect(def(edit(SMALL, 'rate 评价', 'rate 评价|'))).toEqual({ text: '评价', line: 14 });
  });

  it('goes from a `given` key to the input and from a ratings key to the panel category', () => {
    const src = SMALL.replace(/}\n$/, `  example 甲 {\n    given { 评价: { 上|级: [90] } }\n  }\n}\n`);
    expect(def(src)).toEqual({ text: '上级', line: 8 });
  });

  it('lists every reference of a declaration', () => {
    const { ls, offset } = at(edit(SMALL, '岗位: 岗位', '岗|位: 岗位'));
    expect(ls.references(offset).length).toBe(1);
    const t = at(edit(SMALL, '难度系数[t.难度]', '难度系数[t.难|度]'));
    expect(t.ls.references(t.offset).length).toBe(2); // the record field and its use
  });

  it('gives every rule line of a grade its target: hover, definition and references (issue 13)', () => {
    // 优秀 has a second rule line; the cursor is on it
    const src = edit(SMALL, '称职 when score >= 60', '称职 when score >= 60\n    优|秀 when score >= 85 and 出勤 >= 90');
    const first = def(edit(SMALL, '优秀 when', '优|秀 when'))!;
    expect(def(src)).toEqual(first);
    const { ls, text, offset } = at(src);
    expect(ls.hover(offset)?.markdown).toContain('优秀');
    const line = (s: { start: number }) => text.slice(0, s.start).split('\n').length;
    const refs = ls.references(offset).map(line);
    expect(refs).toContain(first.line);
    expect(refs).toContain(line({ start: offset })); // the later line itself
  });

  it('has nothing for built-ins and keywords', () => {
    expect(def(edit(SMALL, 'score >= 90', 'sco|re >= 90'))).toBeUndefined();
    expect(def(edit(SMALL, '  group 共性', '  gro|up 共性'))).toBeUndefined();
  });
});

describe('semantic tokens and outline', () => {
  it('colours names by what they are', () => {
    const ls = new LanguageService();
    ls.update(SMALL);
    const kinds = new Map(ls.semanticTokens().map((t) => [SMALL.slice(t.start, t.start + t.length) + (t.declaration ? '@decl' : ''), t.type]));
    expect(kinds.get('岗位@decl')).toBe('input'); // the field 岗位 (the enum 岗位 is declared first: enum)
    expect(kinds.get('出勤@decl')).toBe('indicator');
    expect(kinds.get('系数')).toBe('let');
    expect(kinds.get('称职')).toBe('grade');
    expect(kinds.get('t')).toBe('binder');
    expect(kinds.get('完成率')).toBe('field');
    expect(kinds.get('score')).toBe('result');
    expect(kinds.get('avg')).toBe('function');
  });

  it('outlines groups with their indicators', () => {
    const ls = new LanguageService();
    ls.update(PROVINCE);
    const [scheme] = ls.outline();
    const g = scheme.children.find((c) => c.name === '个性指标')!;
    expect(g.children.map((c) => c.name)).toContain('案件办结');
  });

  it('keeps working on an unparseable text without throwing', () => {
    const { text, offset } = cursor('scheme { |');
    const ls = new LanguageService();
    ls.update(text);
    expect(() => [ls.hover(offset), ls.definition(offset), ls.complete(offset), ls.semanticTokens(), ls.outline()]).not.toThrow();
  });
});
