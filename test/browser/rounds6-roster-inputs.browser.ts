// User trial U6 H-1 on the round page (issue 16, session 6): a roster whose columns include scheme
// inputs (平时考核's 迟到早退次数, 通报批评) — an HR export — is saved with those columns taken as
// inputs: the page shows the server's notice naming them, and evaluate uses them (通报批评 是 caps the
// grade at 一般, 2 迟到早退 take 1 point). A value the scheme refuses (通报批评 也许) refuses the whole
// upload, naming the person and the column; the roster stays as it was. Screenshot:
// test/artifacts/rounds6-roster-inputs.png.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, shot } from './harness.js';
import { RoundsSession } from './rounds-harness.js';

describe.skipIf(!BROWSER_TESTS)('a round roster with scheme-input columns (U6 H-1)', () => {
  const session = new RoundsSession();
  const { api, upload } = session;
  let page: Page;
  let id = '';

  beforeAll(async () => {
    ({ page } = await session.open());
    const round = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period: '2026-Q2', name: '名册带输入项' });
    id = round.id;
    await page.evaluate((rid) => { location.hash = `#rounds/${rid}`; }, id);
    await page.waitForSelector(`.rounds-view [data-round-id="${id}"]`);
  });
  afterAll(session.close);

  it('the columns are taken as inputs: the notice names them, evaluate uses them', async () => {
    await upload('[data-upload-roster-file]', '人事导出.csv', '编号,姓名,单位,迟到早退次数,通报批评\nA1,张伟,综合科,2,是\nA2,王芳,综合科,0,否\n');
    await page.waitForSelector('.rounds-view .round-output .notices');
    expect(await page.textContent('.toast-area')).toBe('名册已保存：共 2 人');
    const notices = await page.locator('.rounds-view .round-output .notices li').allTextContents();
    expect(notices).toEqual(['名册中的列“迟到早退次数”、“通报批评”是方案的输入项，已作为输入数据读取（2人）；此后上传的输入数据中同一项将替换它']);
    await shot(page, 'rounds6-roster-inputs');
    await api('POST', `/api/rounds/${id}/inputs`, { subjects: [
      { id: 'A1', input: { 实绩得分: 96, 测评票: [96, 96, 96] } }, { id: 'A2', input: { 实绩得分: 96, 测评票: [96, 96, 96] } },
    ] });
    const done = await api<{ result: { results: { subject: string; score: number; grade: string }[] } }>('POST', `/api/rounds/${id}/evaluate`);
    expect(done.result.results.map((r) => [r.subject, r.score, r.grade])).toEqual([['A1', 95, '一般'], ['A2', 96, '好']]);
  });

  it('a value the scheme refuses: nothing saved, the person and the column named', async () => {
    await upload('[data-upload-roster-file]', '人事导出.csv', '编号,姓名,单位,通报批评\nA1,张伟,综合科,也许\nA3,李强,综合科,否\n');
    await page.waitForSelector('.rounds-view .round-output .problems-box');
    // the heading says the roster was refused and why (FL7: was the generic 输入数据有误); the person by
    // the roster's 姓名 and id
    expect(await page.textContent('.round-output .problems-box b')).toBe('名册有错误，未保存任何内容');
    expect(await page.textContent('.round-output .problems-box li')).toContain('人员“张伟”（编号A1）的“通报批评”');
    await shot(page, 'rounds6-roster-inputs-refused');
    const round = await api<{ members: { id: string }[] }>('GET', `/api/rounds/${id}`);
    expect(round.members.map((m) => m.id)).toEqual(['A1', 'A2']);
  });
});
