// Issue 14 part 2 in the editor (zh, then en): an annual round whose results go stale and are brought
// up to date from the page. The annual 机关年度考核 (schemes/annual-review.kaohe) rolls up two final
// quarters of 平时考核 (schemes/quarterly-review.kaohe); the page says plainly when its roster or
// inputs changed since the evaluation (publicize waits) and, after an appeal in a quarter, that it is
// out of date — in 公示 the way out is a source refresh (来源刷新), recorded from the page with its
// reason: who changed and why, the revision listed as 来源刷新, then finalize. The person page names
// the person (the roster's 姓名 and 职务). The quarters, the annual round's roster and its first
// inputs, and the quarter's appeal are sent through the API (the UI for those is
// issue14-rounds.browser.ts's). Screenshots test/artifacts/i14e-*.png.
//
// Quarters (平时考核: 3/4 × 实绩得分 + sum(测评票)/12; 综合科 of 2: 40% × 2 → 0, at least 1 好 place):
//   Q1  A1 72 + 279/12 = 95.25 好;  A2 66 + 273/12 = 88.75 较好
//   Q2  A1 69 + 270/12 = 91.5 好;   A2 69 + 264/12 = 91 reaches 好, beyond its quota → 较好
// Annual (19/20 × average of the quarters' reported scores + 1/20 × 年度测评分; Q3, Q4 skipped; 优秀 needs
// 总分 ≥ 90 and two 好 quarters, 20% × 2 → 0, at least 1 place):
//   A1 (95.25 + 91.5)/2 = 93.375 → 88.70625 + 4.5 = 93.20625 → 93.21, two 好 → 优秀, rank 1
//   A2 (88.75 + 91)/2 = 89.875 → 85.38125 + 4.5 = 89.88125 → 89.88 → 称职, rank 2
// The appeal in Q1: A2's 实绩得分 88 → 100: 75 + 22.75 = 97.75 > 95.25 → A2 好, A1 较好 (quota line).
// After the source refresh:
//   A1 (95.25 + 91.5)/2 → 93.21 as before, but one 好 quarter → 称职, rank 2
//   A2 (97.75 + 91)/2 = 94.375 → 89.65625 + 4.5 = 94.15625 → 94.16, one 好 → 称职, rank 1

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, englishWords, pageApi, shot } from './harness.js';
import { chinaDay, historyRows, openPerson, RoundsSession } from './rounds-harness.js';

const MEMBERS = [
  { id: 'A1', unit: '综合科', status: 'take', display: { 姓名: '张伟', 职务: '科长' } },
  { id: 'A2', unit: '综合科', status: 'take', display: { 姓名: '王芳', 职务: '科员' } },
];

describe.skipIf(!BROWSER_TESTS)('issue 14 part 2 in the editor: stale rounds, source refresh, named history', () => {
  const session = new RoundsSession();
  const { api, endPublicity } = session;
  let page: Page;
  let q1 = '', annual = '';
  const quarter = async (period: string, inputs: Record<string, unknown>[]) => {
    const r = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period, name: `${period} 平时考核`, appealDays: 30 });
    await api('PUT', `/api/rounds/${r.id}/roster`, { members: MEMBERS });
    await api('POST', `/api/rounds/${r.id}/inputs`, { subjects: inputs });
    await api('POST', `/api/rounds/${r.id}/evaluate`);
    await api('POST', `/api/rounds/${r.id}/publicize`, { until: chinaDay(0) });
    endPublicity(r.id);
    await api('POST', `/api/rounds/${r.id}/finalize`);
    return r.id;
  };
  const upload = (name: string, text: string) => session.upload('[data-upload-inputs-file]', name, text);
  const statusIs = (s: string) => page.waitForFunction((x) => document.querySelector('.rounds-view h2 [data-round-status]')?.textContent === x, s);
  const cells = (sel: string) => page.$$eval(sel, (trs) => trs.map((tr) => [tr.getAttribute('data-subject'), tr.querySelector('td.score')!.textContent, tr.querySelector('td.grade')!.textContent, tr.querySelector('td.rank')!.textContent]));

  beforeAll(async () => {
    ({ page } = await session.open());
    q1 = await quarter('2026-Q1', [
      { id: 'A1', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
      { id: 'A2', input: { 实绩得分: 88, 测评票: [90, 90, 93] } },
    ]);
    await quarter('2026-Q2', [
      { id: 'A1', input: { 实绩得分: 92, 测评票: [90, 90, 90] } },
      { id: 'A2', input: { 实绩得分: 92, 测评票: [88, 88, 88] } },
    ]);
    annual = (await api<{ id: string }>('POST', '/api/rounds', { scheme: '机关年度考核', period: '2026', name: '2026年度考核', appealDays: 30 })).id;
    await api('PUT', `/api/rounds/${annual}/roster`, { members: MEMBERS });
    await api('POST', `/api/rounds/${annual}/inputs`, { part: '民主测评', subjects: [{ id: 'A1', input: { 年度测评分: 90 } }, { id: 'A2', input: { 年度测评分: 90 } }] });
  });
  afterAll(session.close);

  it('says when the roster or inputs changed since the evaluation, and 公示 waits for it', async () => {
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, annual);
    await page.waitForSelector('.members-table tr[data-subject="A2"]');
    await page.click('[data-action="evaluate-round"]');
    await statusIs('已评定');
    expect(await cells('.members-table tbody tr')).toEqual([['A1', '93.21', '优秀', '1'], ['A2', '89.88', '称职', '2']]);
    expect(await page.$('[data-changed]')).toBeNull();
    expect(await page.$('[data-out-of-date]')).toBeNull();
    // A later part with another value: the results shown no longer match the inputs.
    await upload('补报.csv', '编号,年度测评分\nA2,92');
    await page.waitForSelector('[data-changed]');
    expect(await page.textContent('[data-changed]')).toBe('上次评定之后有变化。 名册或输入数据在最近一次评定之后有变化，当前结果没有反映：请重新评定后再公示。');
    expect(await page.isDisabled('[data-action="publicize"]')).toBe(true);
    await page.evaluate(() => document.querySelector('[data-changed]')!.scrollIntoView());
    await shot(page, 'i14e-01-changed');
    // The value sent back as it was: decided by content, nothing changed any more.
    await upload('更正.csv', '编号,年度测评分\nA2,90');
    await page.waitForSelector('[data-changed]', { state: 'detached' });
    expect(await page.isDisabled('[data-action="publicize"]')).toBe(false);
    await page.fill('.rounds-view input[name="until"]', chinaDay(0));
    await page.click('[data-action="publicize"]');
    await statusIs('公示中');
  });

  it('an appeal in a quarter flags the annual round; in 公示 a source refresh brings it up to date', async () => {
    await api('POST', `/api/rounds/${q1}/amendments`, { subject: 'A2', input: { 实绩得分: 100 }, reason: '一季度复核：工作实绩评分更正' });
    endPublicity(annual);
    // The list marks it.
    await page.click('[data-action="all-rounds"]');
    await page.waitForSelector(`.rounds-list tr[data-round="${annual}"]`);
    expect(await page.textContent(`.rounds-list tr[data-round="${annual}"] [data-out-of-date-mark]`)).toBe('⚠ 引用结果已更正');
    expect(await page.$(`.rounds-list tr[data-round="${q1}"] [data-out-of-date-mark]`)).toBeNull();
    await page.click(`.rounds-list tr[data-round="${annual}"] a`);
    await page.waitForSelector('[data-out-of-date]');
    expect(await page.textContent('[data-out-of-date] .lead')).toBe('本批次引用的考核结果在最近一次评定之后已更正或新近确定，当前结果仍按原先读到的结果计算。');
    expect(await page.textContent('[data-out-of-date] .way-out')).toBe('公示期间和结果确定后不再重新评定：请写明理由并刷新引用结果，所有引用的结果重新读取，生成新的一次评定，原结果保留。');
    // 公示 is over, but the server would refuse to finalize stale results: the button waits.
    expect(await page.isDisabled('[data-action="finalize"]')).toBe(true);
    expect(await page.isDisabled('[data-action="evaluate-round"]')).toBe(true);
    await shot(page, 'i14e-02-out-of-date');
    // Without a reason nothing is sent.
    await page.click('[data-action="refresh-sources"]');
    expect(await page.textContent('[data-out-of-date] .error')).toBe('请写明更正理由');
    expect(await page.textContent('.rounds-view .round-meta')).toContain('第 1 次评定');
    await page.fill('textarea[name="refresh-reason"]', '一季度复核更正后重新引用平时考核结果');
    await page.click('[data-action="refresh-sources"]');
    await page.waitForSelector('.changes[data-kind="refresh"]');
    expect(await page.textContent('.toast-area')).toBe('已刷新引用结果：第 2 次评定');
    expect(await page.$('[data-out-of-date]')).toBeNull();
    expect(await page.textContent('.changes .amended-by')).toMatch(/^来源刷新，批准人 .+：一季度复核更正后重新引用平时考核结果$/);
    const changes = await page.$$eval('.changes-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-subject'), tr.getAttribute('data-why'),
      ...Array.from((tr as HTMLTableRowElement).cells).slice(1, 4).map((c) => c.textContent)]));
    expect(changes).toEqual(expect.arrayContaining([
      ['A1', expect.stringContaining('source'), '张伟', '93.21 · 优秀 · 第 1 名', '93.21 · 称职 · 第 2 名'],
      ['A2', expect.stringContaining('source'), '王芳', '89.88 · 称职 · 第 2 名', '94.16 · 称职 · 第 1 名'],
    ]));
    expect(changes).toHaveLength(2);
    expect(await cells('.members-table tbody tr')).toEqual([['A1', '93.21', '称职', '2'], ['A2', '94.16', '称职', '1']]);
    // The revisions: the evaluation, then the refresh, listed as 来源刷新 with its reason.
    const revisions = await page.$$eval('.revisions li', (lis) => lis.map((li) => [li.getAttribute('data-why'), li.textContent]));
    expect(revisions.map((r) => r[0])).toEqual(['evaluate', 'refresh']);
    expect(revisions[1][1]).toMatch(/来源刷新：一季度复核更正后重新引用平时考核结果$/);
    expect(await page.textContent('.revisions li[data-why="refresh"] .source-refresh')).toBe('来源刷新');
    await shot(page, 'i14e-03-refreshed');
    expect(await englishWords(page, '.rounds-view')).toEqual([]);
    // Up to date again: finalize.
    expect(await page.isDisabled('[data-action="finalize"]')).toBe(false);
    await page.click('[data-action="finalize"]');
    await page.click('dialog[data-dialog="finalize"] [data-answer="ok"]');
    await statusIs('已确定');
    // A second refresh has nothing to do: the server says so, in words, nothing stored.
    const again = await pageApi(page, 'POST', `/api/rounds/${annual}/amendments`, { refresh: true, reason: '再刷新' });
    expect(again.status).toBe(422);
  });

  it('names the person on the history page', async () => {
    await openPerson(page, 'A2');
    expect(await page.textContent('.rounds-view h2')).toBe('王芳（A2）的历次考核结果');
    expect(await page.textContent('.rounds-view .person-meta')).toBe('职务：科员');
    expect(await historyRows(page)).toEqual([
      ['机关年度考核', '2026', '综合科', '94.16', '称职', '已确定'],
      ['平时考核', '2026-Q1', '综合科', '97.75', '好', '已确定'],
      ['平时考核', '2026-Q2', '综合科', '91', '较好', '已确定'],
    ]);
    await shot(page, 'i14e-04-person-named');
    expect(await englishWords(page, '.rounds-view')).toEqual([]);
  });

  it('speaks English: the refresh in the revisions, the named history', async () => {
    await page.evaluate((id) => { localStorage.setItem('kaohe.lang', 'en'); location.hash = `#rounds/${id}`; }, annual);
    await page.reload();
    await page.waitForSelector('.revisions li[data-why="refresh"]');
    expect(await page.textContent('.revisions li[data-why="refresh"]')).toMatch(/Source refresh: 一季度复核更正后重新引用平时考核结果$/);
    await page.evaluate(() => { location.hash = '#person/A1'; });
    await page.waitForSelector('.rounds-view [data-person="A1"]');
    expect(await page.textContent('.rounds-view h2')).toBe('Results of 张伟 (A1)');
    expect(await page.textContent('.rounds-view .person-meta')).toBe('职务: 科长');
    await page.evaluate(() => localStorage.setItem('kaohe.lang', 'zh'));
  });
});
