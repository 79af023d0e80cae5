// Three points of the officer's audit (issue 14 part 2) in the editor: the new-scheme template follows
// the UI language also across a language switch (an untouched English template becomes the Chinese
// one); a roll-up period whose source round is in 公示 reads "公示中，结果尚未确定" (no final result), not "没有结果"
// (the round's own 公示 holds a result, just not a final one); and the trend chart's first point
// label clears the score axis. The quarters are made through the API (their UI is
// issue14-rounds.browser.ts's). Screenshots test/artifacts/i14o-*.png.
//
// Quarters (平时考核: 3/4 × 实绩得分 + sum(测评票)/12; 综合科 of 2: at least 1 好 place):
//   Q1 (final)    A1 72 + 279/12 = 95.25 好;  A2 66 + 273/12 = 88.75 较好
//   Q2 (in 公示)  A1 69 + 270/12 = 91.5 好;   A2 69 + 264/12 = 91 reaches 好, beyond its quota → 较好

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, inPage, openSession, pageApi, shot } from './harness.js';

const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const MEMBERS = [
  { id: 'A1', unit: '综合科', status: 'take', display: { 姓名: '张伟' } },
  { id: 'A2', unit: '综合科', status: 'take', display: { 姓名: '王芳' } },
];

describe.skipIf(!BROWSER_TESTS)('issue 14 officer points in the editor: template language, not-final roll-ups, trend labels', () => {
  let page: Page, close: (() => Promise<void>) | undefined, dbFile = '';
  let annual = '';
  const api = async <T = any>(method: string, path: string, body?: unknown) => {
    const r = await pageApi<T>(page, method, path, body);
    expect([200, 201], `${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`).toContain(r.status);
    return r.json;
  };
  /** A quarter evaluated and in 公示; `final` ends its 公示 yesterday and finalizes it. */
  const quarter = async (period: string, inputs: Record<string, unknown>[], final: boolean) => {
    const r = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period, name: `${period} 平时考核` });
    await api('PUT', `/api/rounds/${r.id}/roster`, { members: MEMBERS });
    await api('POST', `/api/rounds/${r.id}/inputs`, { subjects: inputs });
    await api('POST', `/api/rounds/${r.id}/evaluate`);
    await api('POST', `/api/rounds/${r.id}/publicize`, { until: chinaDay(final ? 0 : 3) });
    if (!final) return r.id;
    const db = new Database(dbFile);
    try { db.prepare("UPDATE rounds SET publicity_until = ? WHERE id = ?").run(chinaDay(-1), r.id); } finally { db.close(); }
    await api('POST', `/api/rounds/${r.id}/finalize`);
    return r.id;
  };
  /** Switches the UI language (the page reloads); `to` is the new language: the button then offers the other. */
  const switchLang = async (to: 'zh' | 'en') => {
    await page.click('[data-action="lang"]');
    await page.waitForSelector(`[data-action="lang"][lang="${to === 'en' ? 'zh-CN' : 'en'}"]`);
    await page.waitForFunction(() => !!(window as unknown as { kaohe?: unknown }).kaohe);
  };
  const text = () => inPage(page, (k) => k.model.getValue() as string);

  beforeAll(async () => {
    let server;
    ({ page, close, server } = await openSession({ width: 1440, height: 900 }));
    dbFile = join(server.dir, 'kaohe.db');
  });
  afterAll(async () => { await close?.(); });

  it('starts from the template in the UI language, and an untouched template follows a language switch', async () => {
    expect((await text()).startsWith('方案 新方案')).toBe(true);
    await switchLang('en');
    // Before: the Chinese template stayed on screen under the English UI (and the other way round).
    expect((await text()).startsWith('scheme 新方案')).toBe(true);
    expect(await page.getAttribute('.status [data-target]', 'data-status')).toBe('new');
    await switchLang('zh');
    expect((await text()).startsWith('方案 新方案')).toBe(true);
    await shot(page, 'i14o-01-template-zh');
    // An edited text is the author's work: kept as it is across the switch.
    await inPage(page, (k) => k.model.setValue((k.model.getValue() as string).replace('版本 "1"', '版本 "2"')));
    await switchLang('en');
    expect(await text()).toContain('方案 新方案');
    expect(await text()).toContain('版本 "2"');
    await switchLang('zh');
  });

  it('says a period in 公示 has no final result yet, apart from the periods with none at all', async () => {
    await quarter('2026-Q1', [
      { id: 'A1', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
      { id: 'A2', input: { 实绩得分: 88, 测评票: [90, 90, 93] } },
    ], true);
    await quarter('2026-Q2', [
      { id: 'A1', input: { 实绩得分: 92, 测评票: [90, 90, 90] } },
      { id: 'A2', input: { 实绩得分: 92, 测评票: [88, 88, 88] } },
    ], false);
    annual = (await api<{ id: string }>('POST', '/api/rounds', { scheme: '机关年度考核', period: '2026', name: '2026年度考核' })).id;
    await api('PUT', `/api/rounds/${annual}/roster`, { members: MEMBERS });
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, annual);
    await page.waitForSelector('.members-table tr[data-subject="A1"] .rollup[data-rollup="季度结果"]');
    const line = '.members-table tr[data-subject="A1"] .rollup[data-rollup="季度结果"]';
    expect(await page.getAttribute(line, 'data-periods')).toBe('2026-Q2,2026-Q3,2026-Q4');
    expect(await page.getAttribute(line, 'data-not-final-periods')).toBe('2026-Q2');
    expect(await page.textContent(line)).toBe('季度结果：平时考核 2026-Q2 公示中，结果尚未确定；平时考核 2026-Q3、2026-Q4 没有结果（缺失跳过：不计入）');
    await page.evaluate((s) => document.querySelector(s)!.scrollIntoView(), line);
    await shot(page, 'i14o-02-not-final-zh');
    await switchLang('en');
    await page.waitForSelector(line);
    expect(await page.textContent(line)).toBe('季度结果: 平时考核 2026-Q2 in publicity, no final result; no result for 平时考核 2026-Q3, 2026-Q4 (`missing skip`: left out)');
    await switchLang('zh');
  });

  it('keeps the first point\'s label of the trend chart clear of the score axis', async () => {
    await page.evaluate(() => { location.hash = '#person/A1'; });
    await page.waitForSelector('svg.trend .point');
    const boxes = await page.$$eval('svg.trend', (svgs) => svgs.map((svg) => {
      const axis = Array.from(svg.querySelectorAll('line')).find((l) => l.getAttribute('x1') === l.getAttribute('x2'))!;
      const labels = Array.from(svg.querySelectorAll('text.grade, text.period')).map((t) => (t as SVGTextElement).getBBox());
      const ticks = Array.from(svg.querySelectorAll('text:not(.grade):not(.period)')).slice(1).map((t) => (t as SVGTextElement).getBBox());
      const width = Number(svg.getAttribute('width'));
      return { axis: Number(axis.getAttribute('x1')), width, left: Math.min(...labels.map((b) => b.x)), right: Math.max(...labels.map((b) => b.x + b.width)),
        tickRight: Math.max(...ticks.map((b) => b.x + b.width)), labels: Array.from(svg.querySelectorAll('text.grade')).map((t) => t.textContent) };
    }));
    expect(boxes.length).toBeGreaterThan(0);
    const quarterly = boxes.find((b) => b.labels.includes('好 95.25'));
    expect(quarterly?.labels).toEqual(['好 95.25', '好 91.5']);
    for (const b of boxes) {
      expect(b.left, JSON.stringify(b)).toBeGreaterThan(b.axis + 2);
      expect(b.left).toBeGreaterThan(b.tickRight);
      expect(b.right).toBeLessThan(b.width);
    }
    await page.evaluate(() => document.querySelector('svg.trend')!.scrollIntoView());
    await shot(page, 'i14o-03-trend');
  });
});
