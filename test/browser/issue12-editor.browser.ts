// Issue 12 in the editor, as a 组织部 officer uses it: the try-it form of a scheme with ballot
// panels on a fixed scale (quarterly-ballots: ballots entered row by row, a criterion left blank for
// 不了解, scale values chosen from a select grouped by tier, the evaluation period prefilled and
// checked), and batch work on a scheme with dated records and a period (discipline-records: the
// roster template downloaded, filled with dates as Excel dates and as text, evaluated for a period).
// Each step leaves a zh screenshot at 1366×768 (test/artifacts/i12-*.png), scanned for English words.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { currentPeriodOf } from './issue12-period.js';
import { BROWSER_TESTS, openSession, shot } from './harness.js';

const BALLOTS = '季度平时考核测评';
const DISCIPLINE = '机关效能考核';

/** English words in the visible text and the tooltips of `selector` (names quoted “…” are skipped). */
async function englishWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const root of Array.from(document.querySelectorAll(sel))) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('code, textarea, .monaco-editor, option') || !el.getClientRects().length) continue;
        out.push(...(n.textContent!.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? []));
      }
      for (const el of Array.from(root.querySelectorAll('[title], [aria-label]'))) {
        for (const a of ['title', 'aria-label']) out.push(...(el.getAttribute(a)?.match(/[A-Za-z]{2,}/g) ?? []));
      }
    }
    return out.filter((w) => !['JSON', 'xlsx', 'csv', 'Excel'].includes(w));
  }, selector);
}

describe.skipIf(!BROWSER_TESTS)('issue 12 in the editor: periods, scales, ballots, dated rosters', () => {
  let page: Page, close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ page, close } = await openSession({ width: 1366, height: 768 }));
  });
  afterAll(async () => {
    await close?.();
  });

  const open = async (id: string) => {
    await page.click('[data-tab="schemes"]');
    await page.click(`[data-scheme="${id}"] a`);
    await page.waitForFunction((s) => (window as any).kaohe.model.getValue().includes(` ${s} `), id);
    await page.waitForFunction(() => document.querySelector('.problems-head')?.textContent?.includes('0 个错误'));
  };

  /** One category's ballots typed in row by row (`null`: the criterion left blank, 不了解). */
  const ballots = async (field: string, category: string, rows: (number | null)[][], criteria: string[]) => {
    const cat = `.field[data-field="${field}"] .ballot-cat[data-category="${category}"]`;
    for (let i = 0; i < rows.length; i++) {
      if (i > 0) await page.click(`${cat} [data-action="add-ballot"]`);
      for (let k = 0; k < criteria.length; k++) {
        const v = rows[i][k];
        await page.locator(`${cat} tr[data-ballot]`).nth(i).locator(`select[name="${field}.${category}.${criteria[k]}"]`).selectOption(v === null ? '' : String(v));
      }
    }
  };

  it('try-it: ballots by criterion on a scale, a blank criterion, the period — the score of example 李强', async () => {
    await open(BALLOTS);
    await page.click('[data-tab="tryIt"]');
    await page.waitForSelector('.tryit [data-action="evaluate"]');
    // The period: shown (the scheme is quarterly), prefilled with this quarter, checked as typed.
    const period = page.locator('.field[data-field="@period"] input');
    expect(await period.inputValue()).toBe(currentPeriodOf('quarterly', new Date()));
    await period.fill('2026-13');
    expect(await page.textContent('.field[data-field="@period"] .hint')).toBe('“2026-13”不是本方案的考核周期，应写作 2026-Q1');
    await period.fill('2026-Q2');
    expect(await page.textContent('.field[data-field="@period"] .hint')).toBe('格式如 2026-Q1');

    // 负责人意见 `属于 评分档`: a select of the scale's values, its tiers as option groups.
    const opinion = page.locator('select[name="负责人意见"]');
    expect(await opinion.locator('optgroup').evaluateAll((gs) => gs.map((g) => `${g.getAttribute('label')}:${Array.from(g.children).map((o) => o.textContent).join('/')}`)))
      .toEqual(['优秀:100/95/90', '称职:85/80/75', '基本称职:65/60', '不称职:55']);
    await opinion.selectOption('90');
    await page.selectOption('select[name="职务层次"]', '处级领导');
    await page.fill('input[name="任务得分"]', '108');
    await page.fill('input[name="姓名"]', '李强');
    await page.fill('input[name="处室"]', '财务处');

    const five = ['德', '能', '勤', '绩', '廉'];
    await ballots('测评票', '自评', [[95, 95, 95, 95, 95]], five);
    await ballots('测评票', '本处室', [[90, 90, 90, 90, 90], [95, 95, 95, 95, 95], [90, 85, 90, 85, 90]], five);
    await ballots('测评票', '全厅', [[100, 100, 55, 55, 100], [60, 60, 100, 100, 60], [90, 90, 90, 90, 90], [95, 95, 95, 95, 95], [85, 85, 85, 85, 85]], five);
    const work = ['数量', '质量', '效率'];
    await ballots('工作评价票', '处室负责人', [[100, 90, 90]], work);
    await ballots('工作评价票', '分管领导', [[100, 90, null]], work); // 不了解 效率
    // A ballot added and removed again is no ballot; the rows are renumbered.
    await page.click('.field[data-field="测评票"] .ballot-cat[data-category="全厅"] [data-action="add-ballot"]');
    expect(await page.locator('.ballot-cat[data-category="全厅"] tr[data-ballot] th').last().textContent()).toBe('第 6 票');
    await page.locator('.ballot-cat[data-category="全厅"] tr[data-ballot]').nth(1).locator('.remove-ballot').click();
    expect(await page.locator('.ballot-cat[data-category="全厅"] tr[data-ballot] th').allTextContents()).toEqual(['第 1 票', '第 2 票', '第 3 票', '第 4 票', '第 5 票']);
    await page.locator('.ballot-cat[data-category="全厅"] tr[data-ballot]').nth(4).locator('.remove-ballot').click(); // the empty 6th, now 5th
    // The ballot removed (60 60 100 100 60) typed again as the 5th: the totals differ, order does not matter.
    await page.click('.field[data-field="测评票"] .ballot-cat[data-category="全厅"] [data-action="add-ballot"]');
    const row = page.locator('.ballot-cat[data-category="全厅"] tr[data-ballot]').nth(5 - 1);
    for (const [k, v] of [60, 60, 100, 100, 60].entries()) await row.locator(`select[name="测评票.全厅.${five[k]}"]`).selectOption(String(v));
    await page.evaluate(() => document.querySelector('.field[data-field="测评票"]')!.scrollIntoView());
    await shot(page, 'i12-01-ballots');
    expect(await englishWords(page, '.panel.tryit')).toEqual([]);

    // The request carries the period and the ballots as the form shows them.
    const sent = page.waitForRequest((r) => r.url().includes('/evaluate'));
    await page.click('[data-action="evaluate"]');
    const body = (await sent).postDataJSON();
    expect(body.period).toBe('2026-Q2');
    expect(body.input.工作评价票).toEqual({ 处室负责人: [{ 数量: 100, 质量: 90, 效率: 90 }], 分管领导: [{ 数量: 100, 质量: 90 }] });
    await page.waitForSelector('.tryit [data-testid="score"]');
    // 李强 (schemes/quarterly-ballots.kaohe, example 2): 总分 = 53.86 + 9.3 + 27 = 90.16, 好.
    expect(await page.textContent('.tryit [data-testid="score"]')).toBe('90.16');
    await shot(page, 'i12-02-tryit-result');
    expect(await englishWords(page, '.panel.tryit .result')).toEqual([]);
  });

  it('try-it: filling from an example fills its ballots; a value off the scale is refused by name', async () => {
    await page.selectOption('.example-pick', '王敏');
    expect(await page.locator('.ballot-cat[data-category="本处室"] tr[data-ballot]').count()).toBe(5);
    await page.click('[data-action="evaluate"]');
    await page.waitForFunction(() => document.querySelector('.tryit [data-testid="score"]')?.textContent === '94.41');
    // A rating of 93 pasted as JSON: kept as typed, and the server names the scale's values.
    await page.evaluate(() => { (document.querySelector('.rawbox') as HTMLDetailsElement).open = true; });
    const raw = JSON.parse(await page.inputValue('.rawbox textarea'));
    raw.测评票.自评[0].德 = 93;
    await page.fill('.rawbox textarea', JSON.stringify(raw));
    await page.click('[data-action="evaluate"]');
    await page.waitForSelector('.tryit .problems-box');
    expect(await page.textContent('.tryit .problems-box')).toContain('93');
    expect(await page.textContent('.tryit .problems-box')).toContain('优秀（100、95、90）');
    await shot(page, 'i12-03-off-scale');
    await page.evaluate(() => { (document.querySelector('.rawbox') as HTMLDetailsElement).open = false; });
  });
});
