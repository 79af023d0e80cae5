// Quick fixes (the diagnostic's own fix and "did you mean") and format document.

import { describe, expect, it } from 'vitest';
import { LanguageService } from '../../dsl/service/index.js';
import { edit, SMALL } from './helpers.js';

function actionsAt(text: string, find: string) {
  const ls = new LanguageService();
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
