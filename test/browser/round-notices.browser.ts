// The round page's input upload shows what the read says, as the batch panel does (batch.browser.ts
// “reads an .xlsx roster with extra columns”): issue 16 session 6 — the notices of a roster read (the
// worksheet read and the hidden ones passed over, columns kept as display fields — 姓名 alone is no news —, a CSV read as GBK)
// were dropped for a round's inputs; only the toast “已提交 N 人的输入数据” was left. Both shown above
// the round's output after the page is drawn again. Screenshot: test/artifacts/round-notices.png.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TESTS, shot } from './harness.js';
import { RoundsSession } from './rounds-harness.js';

/** `text` in GBK: each character's two bytes found by decoding GBK's double-byte range. */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const code = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) code.set(decoder.decode(new Uint8Array([a, b])), [a, b]);
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : code.get(c)!)));
}

/** A workbook: a hidden sheet (last year's copy) first, then the visible one with the part. */
async function partBook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const old = book.addWorksheet('去年');
  old.state = 'hidden';
  for (const r of [['编号', '实绩得分'], ['A1', 60]]) old.addRow(r);
  const ws = book.addWorksheet('工作实绩');
  for (const r of [['编号', '姓名', '职务', '实绩得分'], ['A1', '张伟', '科员', 96], ['A2', '王芳', '科员', 94]]) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.skipIf(!BROWSER_TESTS)('a round\'s input upload shows the read\'s notices', () => {
  const session = new RoundsSession();
  const { api, upload } = session;
  let page: Page;
  const notices = () => page.locator('.rounds-view .round-output .notices li').allTextContents();

  beforeAll(async () => {
    ({ page } = await session.open());
    const round = await api<{ id: string }>('POST', '/api/rounds', { scheme: '平时考核', period: '2026-Q3', name: '提示测试' });
    await api('PUT', `/api/rounds/${round.id}/roster`, { members: [{ id: 'A1', unit: '综合科', status: 'take' }, { id: 'A2', unit: '综合科', status: 'take' }] });
    await page.evaluate((id) => { location.hash = `#rounds/${id}`; }, round.id);
    await page.waitForSelector(`.rounds-view [data-round-id="${round.id}"]`);
  });
  afterAll(session.close);

  it('an .xlsx part: the sheet read (a hidden one passed over) and the column kept as a display field', async () => {
    await upload('[data-upload-inputs-file]', '工作实绩.xlsx', await partBook());
    await page.waitForSelector('.rounds-view .round-output .notices');
    expect(await page.textContent('.toast-area')).toBe('已提交 2 人的输入数据');
    expect(await notices()).toEqual([
      '读取工作表 “工作实绩”（工作簿共 2 个工作表，其中 1 个隐藏的工作表不读取）',
      '以下列不是方案的输入，作为人员信息保留，不参与计算：姓名、职务',
    ]);
    await shot(page, 'round-notices');
  });

  it('a CSV part in GBK: said so, with its other notices', async () => {
    await upload('[data-upload-inputs-file]', '测评.csv', gbk('编号,姓名,职务,实绩得分\r\nA1,张伟,科员,95\r\n'));
    await page.waitForFunction(() => document.querySelector('.round-output .notices li')?.textContent?.includes('GBK'));
    expect(await notices()).toEqual(['文件不是 UTF-8 编码，已按 GBK（GB18030）读取', '以下列不是方案的输入，作为人员信息保留，不参与计算：姓名、职务']);
  });
});
