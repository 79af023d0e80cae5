// User trial U6 M-8 (issue 16, session 6): an amendment (复核) during 公示 that changes grades is
// answered by the server with the advice to publicize again ("…请重新公示…"); the round page showed
// only the changes, never the advice. Now it stands above them as a warning until the next action,
// and the publicize button (重新公示 in 公示) follows it with a later end date.
// Screenshot: test/artifacts/rounds6-republish.png.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, shot } from './harness.js';
import { chinaDay, RoundsSession } from './rounds-harness.js';

describe.skipIf(!BROWSER_TESTS)('an amendment during 公示 says to publicize again (U6 M-8)', () => {
  const session = new RoundsSession();
  const { api } = session;
  let page: Page;

  beforeAll(async () => {
    ({ page } = await session.open());
    const round = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period: '2026-Q3', name: '公示中更正' });
    await api('PUT', `/api/rounds/${round.id}/roster`, { members: [{ id: 'A1', unit: '综合科', status: 'take' }, { id: 'A2', unit: '综合科', status: 'take' }] });
    await api('POST', `/api/rounds/${round.id}/inputs`, { subjects: [
      { id: 'A1', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
      { id: 'A2', input: { 实绩得分: 88, 测评票: [90, 90, 93] } },
    ] });
    await api('POST', `/api/rounds/${round.id}/evaluate`);
    await api('POST', `/api/rounds/${round.id}/publicize`, { until: chinaDay(5) });
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, round.id);
    await page.waitForSelector(`.rounds-view [data-round-id="${round.id}"]`);
  });
  afterAll(session.close);

  it('the advice is shown as a warning with the changes', async () => {
    expect(await page.$('[data-republish]')).toBeNull();
    await page.selectOption('select[name="amend-subject"]', 'A2');
    await page.waitForSelector('select[name="amend-field"] option[value="实绩得分"]', { state: 'attached' });
    await page.selectOption('select[name="amend-field"]', '实绩得分');
    await page.fill('input[name="amend-value"]', '99');
    await page.fill('textarea[name="amend-reason"]', '公示期间复核更正');
    await page.click('[data-action="amend"]');
    await page.waitForSelector('.rounds-view [data-republish]');
    const advice = await page.textContent('.rounds-view [data-republish]');
    expect(advice).toContain('请重新公示');
    expect(advice).toContain(chinaDay(5));
    await page.locator('.rounds-view [data-republish]').scrollIntoViewIfNeeded();
    await shot(page, 'rounds6-republish');
  });

  it('and the page lets it be followed: in 公示 the button publicizes again with a later end date', async () => {
    expect(await page.textContent('[data-action="publicize"]')).toBe('重新公示');
    expect(await page.isDisabled('[data-action="publicize"]')).toBe(false);
    await page.fill('.rounds-view input[name="until"]', chinaDay(9));
    await page.click('[data-action="publicize"]');
    await page.waitForFunction((d) => document.querySelector('.toast-area')?.textContent === `公示至 ${d}`, chinaDay(9));
    expect(await page.$('[data-republish]')).toBeNull();
  });
});
