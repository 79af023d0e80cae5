// User trial U6 (issue 16, session 7), the round page in a real browser: M-3 — a round of a past
// quarter records the 公示 that was held on paper (first day, reason) and is finalized at once; a trial
// round is voided with a reason; M-9 — the results workbook from 打印与公文; L-6 — the change list
// puts the grade changes first at the scheme's precision (93.50) and folds the rank-only rows, and
// the amend form shows the field's current value; L-5 — the other person is named with their name.
// Screenshots: test/artifacts/rounds7-late-publicity.png, rounds7-changes.png.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readXlsxRows } from '../../sheets/xlsx.js';
import { BROWSER_TESTS, shot } from './harness.js';
import { chinaDay, RoundsSession } from './rounds-harness.js';

const LAST_YEAR = Number(chinaDay(0).slice(0, 4)) - 1;
const PEOPLE = [['A1', '张三', 95], ['A2', '李四', 93], ['A3', '王五', 91], ['A4', '马六', 86], ['A5', '赵七', 85], ['A6', '钱八', 84]] as const;

describe.skipIf(!BROWSER_TESTS)('catching up past quarters on the round page (U6 M-3, M-9, L-5, L-6)', () => {
  const session = new RoundsSession();
  const { api } = session;
  let page: Page;

  /** An evaluated round of 平时考核 for `period` of PEOPLE (score = 实绩得分: the votes equal it). */
  async function evaluated(period: string, name: string): Promise<string> {
    const round = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period, name });
    await api('PUT', `/api/rounds/${round.id}/roster`, { members: PEOPLE.map(([id, n]) => ({ id, unit: '综合科', status: 'take', display: { 姓名: n } })) });
    await api('POST', `/api/rounds/${round.id}/inputs`, { subjects: PEOPLE.map(([id, , v]) => ({ id, input: { 实绩得分: v, 测评票: [v] } })) });
    await api('POST', `/api/rounds/${round.id}/evaluate`);
    return round.id;
  }

  const open = async (id: string) => {
    await page.evaluate((x) => { location.hash = `#rounds/${x}`; }, id);
    await page.waitForSelector(`.rounds-view [data-round-id="${id}"]`);
  };

  beforeAll(async () => { ({ page } = await session.open()); });
  afterAll(session.close);

  it('records the 公示 held on paper and finalizes at once', async () => {
    const id = await evaluated(`${LAST_YEAR}-Q2`, `${LAST_YEAR}年二季度平时考核`);
    await open(id);
    await page.click('[data-late-publicity] summary');
    await page.fill('.rounds-view input[name="until"]', `${LAST_YEAR}-07-10`);
    await page.fill('input[name="publicity-from"]', `${LAST_YEAR}-07-03`);
    await page.fill('textarea[name="publicity-reason"]', '7月3日至10日已在单位公示栏公示，12月补录');
    await page.click('[data-action="publicize"]');
    await page.waitForSelector('[data-publicity-record]');
    expect(await page.textContent('[data-publicity-record]'))
      .toMatch(new RegExp(`^公示期${LAST_YEAR}-07-03至${LAST_YEAR}-07-10，于${chinaDay(0)}由.+补录，理由：7月3日至10日已在单位公示栏公示，12月补录$`));
    expect(await page.getAttribute('[data-round-status]', 'data-round-status')).toBe('publicity');
    await page.locator('[data-publicity-record]').scrollIntoViewIfNeeded();
    await shot(page, 'rounds7-late-publicity');
    await page.click('[data-action="finalize"]');
    await page.click('dialog[data-dialog="finalize"] [data-answer="ok"]');
    await page.waitForSelector('[data-round-status="final"]');
    expect(await page.textContent('[data-publicity-record]')).toContain('补录');
  });

  it('the results workbook from 打印与公文, and the change list after an amendment', async () => {
    const id = await evaluated(`${LAST_YEAR}-Q3`, `${LAST_YEAR}年三季度平时考核`);
    await open(id);
    const href = await page.getAttribute('[data-paper="results-xlsx"]', 'href');
    expect(href).toBe(`/api/rounds/${id}/export?format=xlsx&lang=zh`);
    const res = await page.context().request.get(new URL(href!, session.server.url).toString());
    expect(res.status()).toBe(200);
    const rows = (await readXlsxRows(new Uint8Array(await res.body()))).map((r) => r.cells);
    expect(rows[0].slice(0, 4)).toEqual(['序号', '编号', '姓名', '单位']);
    const total = rows[0].indexOf('总分');
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[total]])).toEqual(PEOPLE.map(([pid, n, v]) => [pid, n, '综合科', v]));

    // 马六 (A4) 实绩 86 → 96: 93.50 and 好; 李四 (A2, 93) drops past the quota of two; 王五 (A3) only moves a rank.
    await page.selectOption('select[name="amend-subject"]', 'A4');
    await page.waitForSelector('select[name="amend-field"] option[value="实绩得分"]', { state: 'attached' });
    await page.selectOption('select[name="amend-field"]', '实绩得分');
    await page.waitForFunction(() => document.querySelector('[data-current-value]')?.textContent === '当前值：86');
    await page.fill('input[name="amend-value"]', '96');
    await page.fill('textarea[name="amend-reason"]', '复核：实绩得分录入有误');
    await page.click('[data-action="amend"]');
    await page.waitForSelector('.changes .changes-table');
    const shown = await page.$$eval('.changes > .changes-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-subject')));
    expect(shown).toEqual(['A2', 'A4']);
    expect(await page.textContent('.changes > .changes-table tr[data-subject="A4"] td:nth-child(4)')).toContain('93.50');
    expect(await page.textContent('.changes > .changes-table tr[data-subject="A2"] td.why')).toContain('因“马六（A4）”更正后的得分升到其之上');
    expect(await page.textContent('[data-rank-only] summary')).toBe('另有 1 人仅排名变化（展开）');
    expect(await page.isVisible('[data-rank-only] tr[data-subject="A3"]')).toBe(false);
    await page.locator('.changes').scrollIntoViewIfNeeded();
    await shot(page, 'rounds7-changes');
  });

  it('voids a trial round with a reason and goes back to the list', async () => {
    const id = await evaluated(`${LAST_YEAR}-Q4`, '四季度试算');
    await open(id);
    await page.click('[data-action="void-round"]');
    await page.click('dialog[data-dialog="void-round"] [data-answer="ok"]');
    await page.waitForSelector('dialog[data-dialog="void-round"] .error:not(:empty)');
    await page.fill('dialog[data-dialog="void-round"] textarea[name="void-reason"]', '试算批次，改为导入纸质结果');
    await page.click('dialog[data-dialog="void-round"] [data-answer="ok"]');
    await page.waitForFunction(() => location.hash === '#rounds');
    const r = await page.evaluate(async (x) => { const res = await fetch(`/api/rounds/${x}`); return { status: res.status, body: await res.json() }; }, id);
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('试算批次，改为导入纸质结果');
  });
});
