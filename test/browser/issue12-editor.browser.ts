// Issue 12 in the editor, as a 组织部 officer uses it: the try-it form of a scheme with ballot
// panels on a fixed scale (quarterly-ballots: ballots entered row by row, a criterion left blank for
// 不了解, scale values chosen from a select grouped by tier, the evaluation period prefilled and
// checked), and batch work on a scheme with dated records and a period (discipline-records: the
// roster template downloaded, filled with dates as Excel dates and as text, evaluated for a period).
// Each step leaves a zh screenshot at 1366×768 (test/artifacts/i12-*.png), scanned for English words.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentPeriodOf } from './issue12-period.js';
import { BROWSER_TESTS, englishWords, openSession, shot } from './harness.js';

const BALLOTS = '季度平时考核测评';
const DISCIPLINE = '机关效能考核';

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
    expect(await page.textContent('.tryit .period-line')).toBe('考核周期 2026-Q2');
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

  it('batch: the template of a scheme with dated records, filled with Excel dates and text dates, evaluated for a period', async () => {
    await open(DISCIPLINE);
    await page.click('[data-tab="cohort"]');
    const period = page.locator('.cohort .field[data-field="@period"] input');
    await period.waitFor();
    expect(await period.inputValue()).toBe(currentPeriodOf('quarterly', new Date()));
    expect(await page.textContent('.cohort .field[data-field="@period"] .hint')).toBe('格式如 2026-Q1；整份名册使用同一考核周期');

    // The template: the first example (一号) as row 2, its dated records in numbered columns.
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-template"]')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await d.path())!);
    const sheet = book.worksheets[0];
    const head = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(head.slice(0, 3)).toEqual(['编号', '姓名', '科室']); // the scheme's own 姓名, once
    const col = (h: string) => { const i = head.indexOf(h); expect(i, h).toBeGreaterThanOrEqual(0); return i + 1; };
    expect(sheet.getRow(2).getCell(col('考勤记录[1].发生日期')).value).toBe('2026-03-31');
    // As an officer fills it: one record's date typed 2026/4/1, another entered as an Excel date.
    sheet.getRow(2).getCell(col('考勤记录[2].发生日期')).value = '2026/4/1';
    sheet.getRow(2).getCell(col('考勤记录[3].发生日期')).value = new Date(Date.UTC(2026, 5, 30));
    // 二号 (孙立): 诫勉 on 2025-07-01 as an Excel date, one day inside the year before 2026-06-30.
    const two = sheet.getRow(3);
    const cells: Record<string, unknown> = { 编号: '二号', 姓名: '孙立', 科室: '综合科', 诫勉记录: new Date(Date.UTC(2025, 6, 1)), 办文任务: '是', 窗口任务: '是', 执法任务: '否', 督办按时率: 0.95 };
    for (const [h, v] of Object.entries(cells)) two.getCell(col(h)).value = v as ExcelJS.CellValue;
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    await page.setInputFiles('[data-roster-input]', { name: '效能名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });

    // Without a period the scheme cannot count its windows: said in words, nothing sent.
    await period.fill('');
    expect(await page.textContent('.cohort .field[data-field="@period"] .hint')).toBe('方案用到了周期开始或周期结束，必须填写考核周期');
    let requests = 0;
    const count = (r: { url(): string }) => { if (r.url().includes('/evaluate')) requests++; };
    page.on('request', count);
    await page.click('[data-action="evaluate-cohort"]');
    await page.waitForSelector('.cohort .problems-box');
    expect(await page.textContent('.cohort .problems-box')).toBe('考核周期方案用到了周期开始或周期结束，必须填写考核周期');
    await period.fill('2026');
    await page.click('[data-action="evaluate-cohort"]');
    await page.waitForFunction(() => document.querySelector('.cohort .problems-box')?.textContent?.includes('“2026”不是本方案的考核周期，应写作 2026-Q1'));
    page.off('request', count);
    expect(requests).toBe(0);
    await shot(page, 'i12-04-batch-no-period');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);

    await period.fill('2026-Q2');
    const sent = page.waitForRequest((r) => r.url().includes('/evaluate'));
    await page.click('[data-action="evaluate-cohort"]');
    const body = (await sent).postDataJSON();
    expect(body.period).toBe('2026-Q2');
    expect(body.subjects[0].input.考勤记录.map((r: { 发生日期: string }) => r.发生日期)).toEqual(['2026-03-31', '2026-04-01', '2026-06-30']);
    expect(body.subjects[1].input.诫勉记录).toEqual(['2025-07-01']);
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    // 一号 94.5 and 二号 98 (称职: 诫勉 within the year), as the scheme's examples say.
    expect(await page.textContent('.cohort-result tr[data-subject="一号"] td.n')).toBe('94.50');
    expect(await page.textContent('.cohort-result tr[data-subject="二号"] td.n')).toBe('98.00');
    expect(await page.textContent('.cohort-result tr[data-subject="二号"] td.grade')).toBe('称职');
    await shot(page, 'i12-05-batch-result');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);
  });

  it('batch: a ballot panel’s roster template (one column per category and element) read back and scored as its example (王敏 94.41)', async () => {
    await open(BALLOTS);
    await page.click('[data-tab="cohort"]');
    await page.locator('.cohort .field[data-field="@period"] input').waitFor();
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-template"]')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await d.path())!);
    const head = (book.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    expect(head).toContain('测评票.本处室.德');
    expect(book.worksheets[0].getRow(2).getCell(head.indexOf('测评票.本处室.德') + 1).value).toBe('100、100、100、95、90');
    await page.setInputFiles('[data-roster-input]', { name: '测评名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) });
    await page.click('[data-action="evaluate-cohort"]');
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    expect(await page.textContent('.cohort-result tr[data-subject="王敏"] td.n')).toBe('94.41');
    await shot(page, 'i12-06-batch-ballots');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);
  });

  it('try-it: dated records as rows with a date picker, the example’s period filled in', async () => {
    await open(DISCIPLINE);
    await page.click('[data-tab="tryIt"]');
    await page.waitForSelector('.tryit [data-action="evaluate"]');
    await page.selectOption('.example-pick', '一号');
    expect(await page.inputValue('.tryit .field[data-field="@period"] input')).toBe('2026-Q2');
    const rows = page.locator('.field[data-field="考勤记录"] tr[data-item]');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).locator('input[type="date"]').inputValue()).toBe('2026-03-31');
    // One more 迟到 inside the quarter, entered in the form: 考勤 20 − 3 = 17, one point less than 一号's 94.5.
    await page.click('.field[data-field="考勤记录"] [data-action="add-item"]');
    await rows.nth(3).locator('input[type="date"]').fill('2026-05-01');
    await rows.nth(3).locator('select').selectOption('迟到');
    await page.evaluate(() => document.querySelector('.field[data-field="考勤记录"]')!.scrollIntoView());
    await shot(page, 'i12-07-tryit-records');
    expect(await englishWords(page, '.panel.tryit')).toEqual([]);
    const sent = page.waitForRequest((r) => r.url().includes('/evaluate'));
    await page.click('[data-action="evaluate"]');
    const body = (await sent).postDataJSON();
    expect(body.period).toBe('2026-Q2');
    expect(body.input.考勤记录.at(-1)).toEqual({ 发生日期: '2026-05-01', 种类: '迟到' });
    await page.waitForSelector('.tryit [data-testid="score"]');
    expect(await page.textContent('.tryit [data-testid="score"]')).toBe('93.50');
  });
});
