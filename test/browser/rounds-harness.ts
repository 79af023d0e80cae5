// What the rounds views' browser suites share (issue14-rounds, issue14-year, issue14-editor): a session
// at 1440×900 with the server's database file at hand, the API called from the page with its status
// checked, the end of a 公示 period (the server finalizes only after the `until` day, and the UI has
// no button to move it: it is moved back in the database, as test/server/rounds-helpers.ts does), file
// uploads, China dates and .xlsx rosters, and the person page with its history table.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, pageApi, type Server, type Session } from './harness.js';

/** A China date (UTC+8: 公示 days are China's) `days` from today, as the date input takes it. */
export const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** An .xlsx workbook of one sheet (名册) with `rows`. */
export async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The person page of `id`, opened from its row in the members table. */
export async function openPerson(page: Page, id: string): Promise<void> {
  await page.click(`.members-table tr[data-subject="${id}"] td.id a`);
  await page.waitForSelector(`.rounds-view [data-person="${id}"]`);
}

/** The person page's history table as shown: one array of cell texts a row. */
export const historyRows = (page: Page) =>
  page.$$eval('.history-table tbody tr', (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent)));

/** A suite's session: `open()` in beforeAll, `close()` in afterAll; the helpers work on its page once open. */
export class RoundsSession {
  page!: Page;
  server!: Server;
  dbFile = '';
  private session?: Session;

  async open(): Promise<Session> {
    this.session = await openSession({ width: 1440, height: 900 });
    ({ page: this.page, server: this.server } = this.session);
    this.dbFile = join(this.server.dir, 'kaohe.db');
    return this.session;
  }

  close = async () => { await this.session?.close(); };

  /** An API call from the page; its status must be one of `ok`; the JSON answer. */
  api = async <T = any>(method: string, path: string, body?: unknown, ok = [200, 201]) => {
    const r = await pageApi<T>(this.page, method, path, body);
    expect(ok, `${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`).toContain(r.status);
    return r.json;
  };

  /** The 公示 of `round` ended yesterday (China time), in the server's database. */
  endPublicity = (round: string) => {
    const db = new Database(this.dbFile);
    try {
      const changed = db.prepare("UPDATE rounds SET publicity_until = ? WHERE id = ? AND status = 'publicity'").run(chinaDay(-1), round).changes;
      expect(changed, `round ${round} in 公示`).toBe(1);
    } finally { db.close(); }
  };

  /** A file (.xlsx or .csv, by its name) set on the file input `selector`. */
  upload = async (selector: string, name: string, data: Buffer | string) => {
    await this.page.setInputFiles(selector, { name, mimeType: name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv', buffer: Buffer.from(data) });
  };
}
