// The words of the try-it form's issue-12 controls (editor/src/i18n-form.ts) and the current period
// the form prefills (editor/src/form.ts currentPeriod): plain code, tested without a browser (in a
// UI language each test names: ui-lang.ts; form.ts only builds DOM when called).

import { describe, expect, it } from 'vitest';
import { uiModules } from './ui-lang.js';

/** The editor's modules in UI language `l`. */
const load = uiModules(async () => ({ form: await import('../../editor/src/form.js'), words: await import('../../editor/src/i18n-form.js') }));

describe('the editor-form catalog', () => {
  it('has the same placeholders in both languages, and Chinese without English words or doubled punctuation', async () => {
    await load('zh');
    const { placeholders, registeredCatalogs } = await import('../../dsl/i18n/index.js');
    const c = registeredCatalogs().get('editor-form')!;
    expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    for (const [k, t] of Object.entries(c.en)) {
      expect(placeholders(c.zh[k]), k).toEqual(placeholders(t));
      const zh = String(c.zh[k]).replace(/\{\w+\}/g, '').replace(/“[^”]*”/g, '');
      expect(zh.match(/[A-Za-z]{2,}/g) ?? [], k).toEqual([]);
      expect(String(c.zh[k]).replace(/\{\w+\}/g, '甲'), k).not.toMatch(/。：|：。|，。|[，。：；]{2}/);
    }
  });

  it('describes a scale by its tiers and a set by its values, in each language', async () => {
    const scale = { scale: '评分档', label: '测评档次', values: [100, 95, 90, 85], tiers: [{ name: '优秀', values: [100, 95, 90] }, { name: '称职', values: [85] }] };
    const zh = await load('zh');
    expect(zh.form.oneOfWords(scale)).toBe('量表“测评档次”：优秀（100、95、90）、称职（85）');
    expect(zh.form.oneOfWords({ values: [1, 2, 3], tiers: [{ values: [1, 2, 3] }] })).toBe('可选值：1、2、3');
    const en = await load('en');
    expect(en.form.oneOfWords(scale)).toBe('scale “测评档次”: 优秀 (100, 95, 90), 称职 (85)');
  });
});

describe('the current period the form prefills', () => {
  it('is the quarter, month or year of the day, or the quarter as a range for a special period', async () => {
    const { form } = await load('zh');
    const day = new Date(2026, 11, 5); // 2026-12-05, local time
    expect(form.currentPeriod('quarterly', day)).toBe('2026-Q4');
    expect(form.currentPeriod(undefined, day)).toBe('2026-Q4');
    expect(form.currentPeriod('monthly', day)).toBe('2026-12');
    expect(form.currentPeriod('annual', day)).toBe('2026');
    expect(form.currentPeriod('special', day)).toBe('2026-10-01..2026-12-31');
    expect(form.currentPeriod('quarterly', new Date(2026, 2, 31))).toBe('2026-Q1');
    expect(form.currentPeriod('special', new Date(2024, 1, 10))).toBe('2024-01-01..2024-03-31');
    expect(form.currentPeriod('quarterly', new Date(2026, 3, 1))).toBe('2026-Q2');
  });
});
