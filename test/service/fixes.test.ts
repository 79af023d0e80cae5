// Quick fixes (the diagnostic's own fix and "did you mean") and format document.

import { describe, expect, it } from 'vitest';
import { LanguageService } from '../../dsl/service/index.js';
import { TAX } from '../parser/helpers.js';
import { edit, SMALL } from './helpers.js';

function actionsAt(text: string, find: string, ui: 'zh' | 'en' = 'zh') {
  const ls = new LanguageService({ ui });
  ls.update(text);
  const start = text.indexOf(find);
  return { ls, actions: ls.codeActions({ start, end: start + find.length }) };
}

const apply = (text: string, edits: { start: number; end: number; text: string }[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe('quick fixes', () => {
  it('suggests a known name one edit away from an unknown one', () => {
    const text = edit(SMALL, '100 - 缺勤天数 * 5', '100 - 缺勤日数 * 5');
    const { ls, actions } = actionsAt(text, '缺勤日数');
    expect(ls.diagnostics().map((d) => d.code)).toContain('KH-C001');
    const fix = actions.find((a) => a.title.includes('缺勤天数'))!;
    expect(fix.preferred).toBe(true);
    expect(fix.diagnostic?.code).toBe('KH-C001');
    const fixed = apply(text, fix.edits);
    ls.update(fixed);
    expect(ls.diagnostics().filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('suggests a record field for an unknown field', () => {
    const text = edit(SMALL, 'min(t.完成率, 1)', 'min(t.完层率, 1)');
    const { actions } = actionsAt(text, '完层率');
    expect(actions.map((a) => a.edits[0].text)).toContain('完成率');
  });

  it('suggests the keyword for a misspelt English keyword', () => {
    const text = edit(SMALL, '  group 个性', '  grop 个性');
    const { actions } = actionsAt(text, 'grop');
    expect(actions.map((a) => a.edits[0].text)).toContain('group');
  });

  it('offers the fix a diagnostic carries (a full-width operator, a glued Chinese keyword)', () => {
    const text = edit(SMALL, '100 - 缺勤天数 * 5', '100 － 缺勤天数 * 5');
    const { ls, actions } = actionsAt(text, '－');
    const d = ls.diagnostics().find((x) => x.fix)!;
    expect(d.code).toBe('KH-P005');
    const fix = actions.find((a) => a.diagnostic === d)!;
    expect(fix.preferred).toBe(true);
    expect(apply(text, fix.edits)).toBe(SMALL);
    const glued = actionsAt(edit(SMALL, '  let 系数', '  定义系数'), '定义系数');
    expect(glued.actions.find((a) => a.diagnostic?.code === 'KH-P006')?.edits).toEqual([{ start: SMALL.indexOf('  let 系数') + 4, end: SMALL.indexOf('  let 系数') + 4, text: ' ' }]);
  });

  it('suggests nothing for a name far from every known one', () => {
    const text = edit(SMALL, '100 - 缺勤天数 * 5', '100 - 完全无关的名字 * 5');
    const { actions } = actionsAt(text, '完全无关的名字');
    expect(actions).toEqual([]);
  });
});

describe('quick fixes in a Chinese scheme (issue 11, item 6)', () => {
  // An item named 迟到 beside the input 迟到次数: `迟到数` is one edit from both.
  const LATE = edit(TAX, '事项 投诉 当 投诉数 > 0 => 扣 1 每 投诉数', '事项 投诉 当 投诉数 > 0 => 扣 1 每 投诉数\n    事项 迟到 当 迟到次数 > 3 => 扣 1');

  it('offer values before negative-list items for an unknown name in a value position', () => {
    const text = edit(LATE, '100 - 迟到次数 * 5', '100 - 迟到数 * 5');
    const { ls, actions } = actionsAt(text, '迟到数');
    expect(ls.diagnostics().map((d) => d.code)).toEqual(['KH-C001']);
    expect(actions.map((a) => a.edits[0].text)).toEqual(['迟到次数', '迟到']); // before: 迟到 first, and preferred
    expect(actions[0]).toMatchObject({ preferred: true, title: '改为“迟到次数”' });
    expect(actionsAt(text, '迟到数', 'en').actions[0].title).toBe('Change to `迟到次数`');
    ls.update(apply(text, actions[0].edits));
    expect(ls.diagnostics()).toEqual([]);
  });

  it('offer values for an item used as a value', () => {
    const text = edit(TAX, '事项 投诉 当', '事项 迟到扣分 当 迟到次数 > 3 => 扣 1\n    事项 投诉 当').replace('100 - 迟到次数 * 5', '100 - 迟到扣分 * 5');
    const { ls, actions } = actionsAt(text, '迟到扣分 *');
    expect(ls.diagnostics().map((d) => d.code)).toContain('KH-C005');
    expect(actions.map((a) => a.edits[0].text)).toEqual(['迟到次数']);
  });

  it('fix a misspelt keyword with one action, titled in the UI language, and nothing else to fix', () => {
    const text = edit(TAX, '类别 个性 权重 60%', '类别 个性 全重 60%');
    const { ls, actions } = actionsAt(text, '全重');
    expect(ls.diagnostics().map((d) => d.code)).toEqual(['KH-P001']);
    expect(actions.map((a) => [a.title, a.edits[0].text, a.preferred])).toEqual([['改为“权重”', '权重', true]]);
    expect(actionsAt(text, '全重', 'en').actions.map((a) => a.title)).toEqual(['Change to `权重`']);
    ls.update(apply(text, actions[0].edits));
    expect(ls.diagnostics()).toEqual([]);
  });

  it('title a carried fix in the UI language (`≥` → `>=`)', () => {
    const text = edit(TAX, '总分 >= 90', '总分 ≥ 90');
    expect(actionsAt(text, '≥').actions.map((a) => a.title)).toEqual(['替换为“>=”']);
    expect(actionsAt(text, '≥', 'en').actions.map((a) => a.title)).toEqual(['Replace with `>=`']);
  });
});

describe('format document', () => {
  it('returns one whole-text edit with the canonical layout, and none when already canonical', () => {
    const ls = new LanguageService();
    ls.update(SMALL.replace('  total 100', '  total    100'));
    const edits = ls.format()!;
    expect(edits).toHaveLength(1);
    expect(edits[0].text).toContain('  total 100\n');
    ls.update(edits[0].text);
    expect(ls.format()).toEqual([]);
  });

  it('switches the keyword language on request', () => {
    const ls = new LanguageService();
    ls.update(SMALL);
    expect(ls.format('zh')![0].text).toContain('指标 出勤');
  });

  it('leaves a file with syntax errors alone', () => {
    const ls = new LanguageService();
    ls.update(SMALL.replace('weight 40% {', 'weight 40% {{'));
    expect(ls.format()).toBeUndefined();
  });
});
