// The 发布前模拟 section's and the paper links' plain code, tested without a browser (in a UI language
// each test names: ui-lang.ts): their word catalogs (editor/src/whatif/i18n.ts,
// editor/src/papers/i18n.ts), the addresses of the printable pages and the units a round's papers
// are offered for (editor/src/papers/links.ts).

import { describe, expect, it, vi } from 'vitest';
import { uiModules } from './ui-lang.js';

/** The editor's modules in UI language `l`. */
const load = uiModules(async () => {
  // links.ts imports its stylesheet (Vite); without Vite, a CSS import is an empty module.
  vi.doMock('../../editor/src/papers/papers.css', () => ({}));
  await import('../../editor/src/whatif/i18n.js');
  return { links: await import('../../editor/src/papers/links.js') };
});

describe.each(['editor-whatif', 'editor-papers'])('the %s catalog', (name) => {
  it('has the same placeholders in both languages, and Chinese without English words or doubled punctuation', async () => {
    await load('zh');
    const { placeholders, registeredCatalogs } = await import('../../dsl/i18n/index.js');
    const c = registeredCatalogs().get(name)!;
    expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    for (const [k, t] of Object.entries(c.en)) {
      expect(placeholders(c.zh[k]), k).toEqual(placeholders(t));
      const zh = String(c.zh[k]).replace(/\{\w+\}/g, '').replace(/“[^”]*”/g, '').replace(/Excel|PDF|A4/g, '');
      expect(zh.match(/[A-Za-z]{2,}/g) ?? [], k).toEqual([]);
      expect(String(c.zh[k]).replace(/\{\w+\}/g, '甲'), k).not.toMatch(/。：|：。|，。|[，。：；]{2}/);
    }
  });
});

describe('the addresses of the printable pages', () => {
  it('name the round, the person or unit (escaped) and the UI language', async () => {
    const { links } = await load('zh');
    const { paperHref } = links;
    expect(paperHref.feedback('rd_1', 'A 1')).toBe('/api/rounds/rd_1/feedback/A%201?lang=zh');
    expect(paperHref.feedbackUnit('rd_1', '综合科')).toBe(`/api/rounds/rd_1/feedback?unit=${encodeURIComponent('综合科')}&lang=zh`);
    expect(paperHref.publicity('rd_1')).toBe('/api/rounds/rd_1/papers/publicity?lang=zh');
    expect(paperHref.publicity('rd_1', '办公室', true)).toBe(`/api/rounds/rd_1/papers/publicity?unit=${encodeURIComponent('办公室')}&format=xlsx&lang=zh`);
    expect(paperHref.register('rd_1', 'A1')).toBe('/api/rounds/rd_1/papers/register/A1?lang=zh');
    expect(paperHref.registerUnit('rd_1', 'U&V')).toBe('/api/rounds/rd_1/papers/register?unit=U%26V&lang=zh');
    expect(paperHref.notice('rd_1', 'A1')).toBe('/api/rounds/rd_1/papers/notice/A1?lang=zh');
    expect(paperHref.noticeUnit('rd_1', 'U')).toBe('/api/rounds/rd_1/papers/notice?unit=U&lang=zh');
    expect(paperHref.schemeDocument('平时考核', 2)).toBe(`/api/schemes/${encodeURIComponent('平时考核')}/versions/2/document?lang=zh`);
    const en = (await load('en')).links.paperHref;
    expect(en.feedback('rd_1', 'A1')).toBe('/api/rounds/rd_1/feedback/A1?lang=en');
  });

  it('offer a round’s papers per unit of its roster, first seen first, leaving out those not taking part', async () => {
    const { links } = await load('zh');
    const members = [
      { unit: '综合科', status: 'take' }, { unit: '办公室', status: 'take' }, { unit: '综合科', status: 'ungraded' },
      { unit: '财务科', status: 'absent' }, { unit: null, status: 'take' },
    ];
    expect(links.roundUnits(null, members)).toEqual(['综合科', '办公室']);
    expect(links.roundUnits('办公室', members)).toEqual(['办公室']);
  });
});
