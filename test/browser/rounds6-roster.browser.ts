// User trial U6 M-1 / M-2 on the round page (issue 16, session 6): a WPS export whose 说明 sheet is
// first, ids in 身份证号, uploaded as a round's roster is read from its roster sheet — saved, with the
// notice naming the sheet read (editor/src/rounds/sheet.ts, sheets/sheet-choice.ts) — and a file
// without any id column is refused under a heading that does not claim it could not be read, naming
// the id headers taken. Screenshot: test/artifacts/rounds6-roster.png.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, shot } from './harness.js';
import { RoundsSession } from './rounds-harness.js';

/** 说明 first, then the roster below a title row, ids in 身份证号 (as U6's county export). */
async function wpsExport(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'WPS 表格';
  const info = book.addWorksheet('说明');
  for (const r of [['填表说明'], ['1. 本表由县人事管理信息系统导出，请勿修改表头。'], ['2. 身份证号为文本格式。']]) info.addRow(r);
  const ws = book.addWorksheet('人员花名册');
  for (const r of [['某县2026年第三季度人员花名册'], ['序号', '姓名', '身份证号', '单位', '职务'],
    [1, '张伟', '110101199001011234', '综合科', '科员'], [2, '王芳', '110101199202022345', '综合科', '科员']]) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.skipIf(!BROWSER_TESTS)('a round roster from a WPS export (U6 M-1, M-2)', () => {
  const session = new RoundsSession();
  const { api, upload } = session;
  let page: Page;

  beforeAll(async () => {
    ({ page } = await session.open());
    const round = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period: '2026-Q3', name: '花名册测试' });
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, round.id);
    await page.waitForSelector(`.rounds-view [data-round-id="${round.id}"]`);
  });
  afterAll(session.close);

  it('a file without an id column: refused, naming the id headers taken', async () => {
    await upload('[data-upload-roster-file]', '名单.csv', '姓名,单位\n张伟,综合科\n');
    await page.waitForSelector('.rounds-view .round-output .problems-box');
    expect(await page.textContent('.round-output .problems-box b')).toBe('未上传：文件有以下问题');
    expect(await page.textContent('.round-output .problems-box li')).toMatch(/^名册没有人员编号列：表头须有“编号”、.*“身份证号”/);
  });

  it('the 说明 sheet is passed over: the roster sheet is saved, the notice names it', async () => {
    await upload('[data-upload-roster-file]', '年度考核花名册.xlsx', await wpsExport());
    await page.waitForSelector('.rounds-view .round-output .notices');
    expect(await page.textContent('.toast-area')).toBe('名册已保存：共 2 人');
    const notices = await page.locator('.rounds-view .round-output .notices li').allTextContents();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('人员花名册');
    expect(await page.textContent('.rounds-view')).toContain('110101199001011234');
    await shot(page, 'rounds6-roster');
  });
});
