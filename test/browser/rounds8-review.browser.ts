// The round page after session 8's review mends, in a real browser: the round's export (every person's
// inputs: megabytes for 10,000 people) is downloaded once for a view of the page, though both the
// members table (a result the round's answer does not carry) and the amend form's current value read
// it (R2C 6); and a score reads the same in the members table as in the change list — at the scheme's
// precision, 93.50 and 95.00, not 93.5 and 95 (U6).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS } from './harness.js';
import { chinaDay, RoundsSession } from './rounds-harness.js';

const LAST_YEAR = Number(chinaDay(0).slice(0, 4)) - 1;
const PEOPLE = [['A1', '张三', 95], ['A2', '李四', 93], ['A3', '王五', 91], ['A4', '马六', 86]] as const;

describe.skipIf(!BROWSER_TESTS)('the round page: one export download, one score format (R8)', () => {
  const session = new RoundsSession();
  const { api } = session;
  let page: Page;
  /** The round export requests the page has made since the last `take()`. */
  let exports: string[] = [];
  const take = () => { const seen = exports; exports = []; return seen; };

  beforeAll(async () => {
    ({ page } = await session.open());
    page.on('request', (req) => { if (/\/api\/rounds\/[^/]+\/export$/.test(new URL(req.url()).pathname)) exports.push(req.url()); });
  });
  afterAll(session.close);

  const scores = () => page.$$eval('.members-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-subject'), tr.querySelector('td.score')?.textContent]));

  it('downloads the export once per view and shows the scheme\'s decimals in both tables', async () => {
    const round = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period: `${LAST_YEAR}-Q1`, name: `${LAST_YEAR}年一季度（R8）` });
    const id = round.id;
    await api('PUT', `/api/rounds/${id}/roster`, { members: PEOPLE.map(([pid, n]) => ({ id: pid, unit: '综合科', status: 'take', display: { 姓名: n } })) });
    await api('POST', `/api/rounds/${id}/inputs`, { subjects: PEOPLE.map(([pid, , v]) => ({ id: pid, input: { 实绩得分: v, 测评票: [v] } })) });
    await api('POST', `/api/rounds/${id}/evaluate`);
    take();
    await page.evaluate((x) => { location.hash = `#rounds/${x}`; }, id);
    await page.waitForSelector(`.rounds-view [data-round-id="${id}"]`);
    expect(await scores()).toEqual(PEOPLE.map(([pid, , v]) => [pid, `${v}.00`]));

    // The amend form's current value comes from the same download.
    await page.selectOption('select[name="amend-subject"]', 'A4');
    await page.waitForSelector('select[name="amend-field"] option[value="实绩得分"]', { state: 'attached' });
    await page.selectOption('select[name="amend-field"]', '实绩得分');
    await page.waitForFunction(() => document.querySelector('[data-current-value]')?.textContent === '当前值：86');
    expect(take()).toHaveLength(1);

    // 马六 86 → 96: 93.50 in the change list and in the members table of the page drawn again.
    await page.fill('input[name="amend-value"]', '96');
    await page.fill('textarea[name="amend-reason"]', '复核：实绩得分录入有误');
    await page.click('[data-action="amend"]');
    await page.waitForSelector('.changes .changes-table');
    expect(await page.textContent('.changes-table tr[data-subject="A4"] td:nth-child(4)')).toContain('93.50');
    expect(Object.fromEntries(await scores()).A4).toBe('93.50');
    await page.selectOption('select[name="amend-subject"]', 'A4');
    await page.selectOption('select[name="amend-field"]', '实绩得分');
    await page.waitForFunction(() => document.querySelector('[data-current-value]')?.textContent === '当前值：96');
    expect(take()).toHaveLength(1);
  });
});
