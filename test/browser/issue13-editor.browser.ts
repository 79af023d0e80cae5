// Issue 13 in the editor, as a 组织部 officer uses it (zh, 1366×768): a batch of two teams under a
// scheme with per-team and overall quotas, a soft share and committee decisions — ranks (总名次,
// 组内名次), the scope of each demotion, the soft-quota flag with its reason, the committee's decision,
// the quotas per scope and the results file; the roster's decision columns with a wrong cell named by
// row and column; try-it's decision field; the examples panel running a cohort example (passing, then
// with failing expects shown side by side); and a scheme that compares each person with the batch,
// which try-it refuses in words, pointing to the batch. Screenshots in test/artifacts/i13-*.png.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, englishWords, inPage, openSession, pageApi, shot } from './harness.js';

// Two teams of 4 (the same cohort as test/sheets/cohort-rules.test.ts). 优秀: score ≥ 90, at most 50%
// per team (2), normally 25% (1), at most 40% of the batch (⌊8 × 40%⌋ = 3).
//   一班 98, 95, 93, 70: 93 is demoted by the team's limit; 95 is flagged (2 holders, normally 1).
//   二班 97, 91, 80 (decided 优秀 by the committee, order 2), 50: 80 is third in the team's race and
//   demoted by the team's limit; the batch's holders 98, 97, 95, 91 exceed 3: 91 (rank 5) is demoted
//   by the overall quota.
const COMMITTEE = `scheme 班子考核 {
  cohort by 班子
  input { 班子: text, 得分: number in [0, 100] }
  indicator 实绩 weight 100% = 得分
  grades by committee {
    优秀 when score >= 90 quota 50% normally 25% quota 40% overall
    称职 when score >= 60
    不称职 otherwise
  }
  example 班子名额 "一班两个优秀名额，二班研究决定" {
    given A1 { 班子: "一班", 得分: 98 }
    given A2 { 班子: "一班", 得分: 95 }
    given A3 { 班子: "一班", 得分: 93 }
    given A4 { 班子: "一班", 得分: 70 }
    given B1 { 班子: "二班", 得分: 97 }
    given B2 { 班子: "二班", 得分: 91 }
    given B3 { 班子: "二班", 得分: 80 } decision { grade: 优秀, order: 2, reason: "党委会研究决定" }
    given B4 { 班子: "二班", 得分: 50 }
    expect A1.grade == 优秀 and A1.rank == 1
    expect A2.flagged and A2.cohortRank == 2
    expect A3.demoted and A3.grade == 称职
    expect B2.demoted and B2.rank == 5
  }
  example 单人 {
    given { 班子: "一班", 得分: 88 }
    expect grade == 称职
  }
}
`;

// Scores relative to the best of the batch: one person alone cannot be evaluated (KH-E040).
const RELATIVE = `scheme 相对得分 {
  input { 单位: text, 原始分: number in [0, 1000] }
  indicator 实绩 weight 100% = 原始分 / overall max(原始分) * 100
  grades {
    好 when score >= 90
    一般 otherwise
  }
}
`;

const ROSTER = [
  '编号,姓名,班子,得分,研究决定等次,研究决定排序,研究决定理由',
  'A1,张伟,一班,98,,,',
  'A2,王芳,一班,95,,,',
  'A3,李娜,一班,93,,,',
  'A4,刘洋,一班,70,,,',
  'B1,陈静,二班,97,,,',
  'B2,杨磊,二班,91,,,',
  'B3,赵敏,二班,80,优秀,2,党委会研究决定',
  'B4,黄勇,二班,50,,,',
].join('\n');

describe.skipIf(!BROWSER_TESTS)('issue 13 in the editor: ranks, quota scopes, soft quotas, committee decisions, cohort examples', () => {
  let page: Page, close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ page, close } = await openSession({ width: 1366, height: 768 }));
    for (const source of [COMMITTEE, RELATIVE]) {
      const r = await pageApi<{ id?: string }>(page, 'POST', '/api/schemes', { source });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
    }
  });
  afterAll(async () => {
    await close?.();
  });

  const open = async (id: string) => {
    await page.click('[data-tab="schemes"]');
    await page.click('.panel.schemes [data-action="refresh"]');
    await page.click(`[data-scheme="${id}"] a`);
    await page.waitForFunction((s) => (window as any).kaohe.model.getValue().includes(` ${s} `), id);
    await page.waitForFunction(() => document.querySelector('.problems-head')?.textContent?.includes('0 个错误'));
  };

  const evaluateRoster = async (text: string) => {
    await page.click('[data-tab="cohort"]');
    await page.fill('.cohort-input', text);
    await page.evaluate(() => document.querySelector('.cohort .output')!.replaceChildren());
    await page.click('[data-action="evaluate-cohort"]');
  };

  it('batch: ranks, each demotion’s scope, the soft-quota flag, the decision, the quotas per scope', async () => {
    await open('班子考核');
    const sent = page.waitForRequest((r) => r.url().includes('/evaluate'));
    await evaluateRoster(ROSTER);
    // The decision columns went to the engine as the subject's decision, not as display fields.
    const body = (await sent).postDataJSON();
    expect(body.subjects[6]).toEqual({ id: 'B3', input: { 班子: '二班', 得分: 80 }, display: { 姓名: '赵敏' }, decision: { grade: '优秀', order: 2, reason: '党委会研究决定' } });
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    expect(await page.locator('.cohort-result table.subjects th').allTextContents()).toEqual(['编号', '姓名', '班子', '总分', '等次', '总名次', '组内名次', '说明']);
    const row = (id: string) => page.locator(`.cohort-result tr[data-subject="${id}"]`);
    const ranks = await page.$$eval('.cohort-result table.subjects tbody tr', (trs) => trs.map((tr) =>
      [tr.getAttribute('data-subject'), tr.querySelector('td.grade')!.textContent, ...Array.from(tr.querySelectorAll('td.rank')).map((td) => td.textContent)]));
    expect(ranks).toEqual([
      ['A1', '优秀', '1', '1'], ['A2', '优秀 ⚑', '3', '2'], ['A3', '称职', '4', '3'], ['A4', '称职', '7', '4'],
      ['B1', '优秀', '2', '1'], ['B2', '称职', '5', '2'], ['B3', '称职', '6', '3'], ['B4', '不称职', '8', '4'],
    ]);
    // Demotions say which limit moved them down, once: with an overall quota the engine's reason says it.
    expect(await row('A3').locator('td.note').getAttribute('data-scope')).toBe('cohort');
    expect(await row('A3').locator('td.note > div').first().textContent()).toMatch(/^调整为称职：按本组比例，“优秀”名额 2 = 4 人的 50%/);
    expect(await row('B2').locator('td.note').getAttribute('data-scope')).toBe('overall');
    expect(await row('B2').locator('td.note > div').first().textContent()).toMatch(/^调整为称职：按全体比例，“优秀”名额 3 = 8 人的 40%/);
    // The soft quota: flagged with the reason, not demoted.
    expect(await row('A2').getAttribute('data-flagged')).toBe('');
    expect(await row('A2').locator('.flag').textContent()).toMatch(/^⚑ 超出优秀的通常比例：按本组比例，“优秀”通常不超过 1 人/);
    expect(await row('A2').locator('.flag-mark').getAttribute('title')).toMatch(/^按本组比例，“优秀”通常不超过 1 人/);
    // The committee's decision, with its reason; quotas still applied.
    expect(await row('B3').locator('.decision').textContent()).toBe('集体研究决定为优秀，排序第 2：党委会研究决定');
    // The quotas per scope and the whole batch's distribution.
    expect(await page.$$eval('.cohort-result table.quotas tbody tr', (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent)))).toEqual([
      ['本组比例', '一班', '优秀', '2（共 4 人）', '1', '2', expect.stringMatching(/^⚑ A2：按本组比例，“优秀”共 2 人，超过通常比例/)],
      ['本组比例', '二班', '优秀', '2（共 4 人）', '1', '2', ''],
      ['全体比例', '全体', '优秀', '3（共 8 人）', '', '3', ''],
    ]);
    expect(await page.textContent('.cohort-result .overall-line')).toBe('全体（8 人）：优秀 3 人、称职 4 人、不称职 1 人');
    await page.evaluate(() => document.querySelector('.cohort-result table.subjects')!.scrollIntoView());
    await shot(page, 'i13-01-batch-ranks-flags');
    await page.evaluate(() => document.querySelector('.cohort-result table.quotas')!.scrollIntoView());
    await shot(page, 'i13-02-batch-quotas');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);
  });

  it('batch: the results file has the ranks, the demotion scopes, the flag, the decision and a quotas sheet', async () => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-xlsx"]')]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await d.path())!);
    expect(book.worksheets.map((w) => w.name)).toEqual(['考核结果', '等次分布', '比例限额']);
    const head = (book.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    for (const h of ['总名次', '组内名次', '比例调整', '超通常比例', '研究决定等次', '研究决定排序', '研究决定理由']) expect(head).toContain(h);
    const cell = (r: number, h: string) => book.worksheets[0].getRow(r).getCell(head.indexOf(h) + 1).value;
    expect([cell(7, '编号'), cell(7, '总名次'), cell(7, '组内名次'), cell(7, '比例调整')]).toEqual(['B2', 5, 2, '全体比例：优秀 → 称职']);
    expect([cell(8, '研究决定等次'), cell(8, '研究决定排序'), cell(8, '研究决定理由')]).toEqual(['优秀', 2, '党委会研究决定']);
  });

  it('batch: a wrong decision cell is named by row and column, and nothing is evaluated', async () => {
    let requests = 0;
    const count = (r: { url(): string }) => { if (r.url().includes('/evaluate')) requests++; };
    page.on('request', count);
    await evaluateRoster(ROSTER.replace('B3,赵敏,二班,80,优秀,2,', 'B3,赵敏,二班,80,优秀,第二,').replace('A4,刘洋,一班,70,,,', 'A4,刘洋,一班,70,,0,排在最后')
      .replace('B1,陈静,二班,97,,,', 'B1,陈静,二班,97,良好,,研究'));
    await page.waitForSelector('.cohort .problems-box');
    page.off('request', count);
    expect(requests).toBe(0);
    expect(await page.locator('.cohort .problems-box li').allTextContents()).toEqual([
      '第 5 行 “研究决定排序” 列：研究决定的排序应为从 1 起的整数（1 最靠前），实为 “0”',
      '第 6 行 “研究决定等次” 列：“良好” 不是方案的等次（可选：优秀、称职、不称职）',
      '第 8 行 “研究决定排序” 列：研究决定的排序应为从 1 起的整数（1 最靠前），实为 “第二”',
    ]);
    await shot(page, 'i13-03-decision-cells');
    expect(await englishWords(page, '.panel.cohort')).toEqual([]);
  });

  it('try-it: a collapsible committee decision, checked before sending; a cohort example is not offered', async () => {
    await page.click('[data-tab="tryIt"]');
    await page.waitForSelector('.tryit [data-action="evaluate"]');
    expect(await page.locator('.example-pick option').allTextContents()).toEqual(['— 用示例填充 —', '单人']);
    const box = page.locator('.tryit details.decision-box');
    expect(await box.getAttribute('open')).toBeNull(); // collapsed until wanted
    await box.locator('summary').click();
    expect(await box.locator('select[name="@decision.grade"] option').allTextContents()).toEqual(['— 不指定 —', '优秀', '称职', '不称职']);
    await page.fill('input[name="班子"]', '一班');
    await page.fill('input[name="得分"]', '75');
    await box.locator('select[name="@decision.grade"]').selectOption('优秀');
    let requests = 0;
    const count = (r: { url(): string }) => { if (r.url().includes('/evaluate')) requests++; };
    page.on('request', count);
    await page.click('[data-action="evaluate"]');
    await page.waitForSelector('.tryit .problems-box');
    page.off('request', count);
    expect(requests).toBe(0);
    expect(await page.textContent('.tryit .problems-box')).toBe('集体研究决定：集体研究决定须写明理由');
    expect(await box.getAttribute('open')).toBe('');
    expect(await box.locator('.hint.error').textContent()).toBe('集体研究决定须写明理由');
    await box.locator('textarea[name="@decision.reason"]').fill('年度工作突出，党委会研究决定');
    const sent = page.waitForRequest((r) => r.url().includes('/evaluate'));
    await page.click('[data-action="evaluate"]');
    expect((await sent).postDataJSON().decision).toEqual({ grade: '优秀', reason: '年度工作突出，党委会研究决定' });
    await page.waitForSelector('.tryit [data-testid="score"]');
    expect(await page.textContent('.tryit .output')).toContain('集体研究决定为优秀：年度工作突出，党委会研究决定');
    await page.evaluate(() => document.querySelector('.tryit details.decision-box')!.scrollIntoView());
    await shot(page, 'i13-04-tryit-decision');
    // (the heading's evaluation id is a code, not words)
    expect(await englishWords(page, '.panel.tryit .form, .panel.tryit .decision-box, .panel.tryit .result')).toEqual([]);
  });

  it('examples: a cohort example is listed and run; failing expects show both sides', async () => {
    await page.click('[data-tab="examples"]');
    await page.click('[data-action="run-examples"]');
    await page.waitForSelector('.examples tr[data-example]');
    expect(await page.textContent('.examples .summary')).toBe('全部 2 个示例通过');
    const cohortRow = page.locator('.examples tr[data-example="班子名额"]');
    expect(await cohortRow.getAttribute('data-cohort')).toBe('8');
    expect(await cohortRow.locator('.cohort-tag').textContent()).toBe('本组示例 · 8 人');
    // Two expects that do not hold: each failure under the example, with the actual and expected value.
    await inPage(page, (k) => k.model.setValue(k.model.getValue()
      .replace('expect A1.grade == 优秀 and A1.rank == 1', 'expect A1.grade == 优秀 and A1.rank == 1\n    expect A3.grade == 优秀\n    expect B3.rank == 2')));
    await page.click('[data-action="run-examples"]');
    await page.waitForFunction(() => document.querySelector('.examples .summary')?.textContent === '1 / 2 个示例未通过');
    const failures = page.locator('.examples tr.failure');
    expect(await failures.count()).toBe(2);
    expect(await failures.nth(0).locator('code').textContent()).toBe('预期 A3.grade == 优秀');
    expect(await failures.nth(0).locator('div').first().textContent()).toBe('实际值：称职　预期值：优秀');
    expect(await failures.nth(1).locator('div').first().textContent()).toBe('实际值：6　预期值：2');
    await shot(page, 'i13-05-examples-cohort');
    await inPage(page, (k) => k.model.setValue(k.model.getValue().replace('\n    expect A3.grade == 优秀\n    expect B3.rank == 2', '')));
  });

  it('try-it: a scheme that compares each person with the batch says so and points to the batch', async () => {
    await open('相对得分');
    await page.click('[data-tab="tryIt"]');
    await page.waitForSelector('.tryit [data-cohort-only]');
    expect(await page.textContent('.tryit [data-cohort-only]')).toBe(
      '本方案要把每个人与同批人员比较，不能只对一个人试算第 3 行用到了 overall max(原始分)；请在“批量评定”中评定多人的名册。转到“批量评定”');
    await page.fill('input[name="单位"]', '一镇');
    await page.fill('input[name="原始分"]', '500');
    await page.click('[data-action="evaluate"]');
    await page.waitForSelector('.tryit .output [data-code="KH-E040"]');
    const refusal = await page.textContent('.tryit .output [data-code="KH-E040"]');
    expect(refusal).toMatch(/^本方案要把每个人与同批人员比较，不能只对一个人试算/);
    expect(refusal).toContain('overall max(原始分)');
    await shot(page, 'i13-06-tryit-cohort-only');
    expect(await englishWords(page, '.panel.tryit')).toEqual([]);
    await page.click('.tryit .output [data-action="to-batch"]');
    expect(await page.isVisible('.panel.cohort')).toBe(true);
    await evaluateRoster('编号,单位,原始分\nT1,一镇,500\nT2,二镇,400\nT3,三镇,450');
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    // 500 is the best: 100; 400 / 500 × 100 = 80; 450 / 500 × 100 = 90.
    expect(await page.$$eval('.cohort-result table.subjects tbody tr', (trs) => trs.map((tr) => [(tr as HTMLTableRowElement).cells[0].textContent, tr.querySelector('td.n')!.textContent, tr.querySelector('td.rank')!.textContent])))
      .toEqual([['T1', '100.00', '1'], ['T2', '80.00', '3'], ['T3', '90.00', '2']]);
    await shot(page, 'i13-07-batch-relative');
  });

  it('batch in English: the same columns, scopes, flag and decision in the English UI', async () => {
    await open('班子考核');
    await page.click('[data-action="lang"]');
    await page.waitForSelector('[data-tab="schemes"]:has-text("Schemes")');
    await evaluateRoster(ROSTER);
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    expect(await page.locator('.cohort-result table.subjects th').allTextContents()).toEqual(['ID', '姓名', '班子', 'Score', 'Grade', 'Rank', 'Rank in unit', 'Note']);
    const note = (id: string) => page.locator(`.cohort-result tr[data-subject="${id}"] td.note`);
    expect(await note('B2').locator('div').first().textContent()).toMatch(/^demoted to 称职: 优秀 overall quota 3 = 40% of 8/);
    expect(await note('A2').locator('.flag').textContent()).toMatch(/^⚑ above the normal share of 优秀: 优秀 cohort normally at most 1/);
    expect(await note('B3').locator('.decision').textContent()).toBe('committee decided 优秀, order 2: 党委会研究决定');
    expect(await page.textContent('.cohort-result .overall-line')).toBe('Everyone (8): 优秀 3, 称职 4, 不称职 1');
    await page.evaluate(() => document.querySelector('.cohort-result table.subjects')!.scrollIntoView());
    await shot(page, 'i13-08-batch-en');
    await page.click('[data-action="lang"]');
    await page.waitForSelector('[data-tab="schemes"]:has-text("方案")');
  });
});
