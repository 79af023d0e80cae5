// The page at `/` when the editor was not built (C10: `npm start` where editor/dist is missing showed
// it in English only, server/web.ts). Users read Chinese: the page is Chinese first with English
// beside it, each language's words from the `webPlaceholder` catalog, and both still say how to build
// the editor (`npm run build:editor`) and where the API is (/api/openapi.json).

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredCatalogs, render } from '../../dsl/i18n/index.js';
import { closeDb, openDb, type Db } from '../../server/db/client.js';
import { appFor, removeTempDirs, tempDir } from './helpers.js';

let db: Db;
let dir: string;
beforeAll(() => { dir = tempDir(); db = openDb(join(dir, 'kaohe.db')); });
afterAll(() => { closeDb(db); removeTempDirs(); });

const HAN = /\p{Script=Han}/u;

describe('the placeholder page at / (editor not built)', () => {
  it('is Chinese first, English beside it, each telling how to build the editor and where the API is', async () => {
    const app = await appFor(db, { staticDir: join(dir, 'no-editor') });
    const r = await app.request('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await r.text();
    expect(page).toMatch(/<html lang="zh-CN">/);
    const split = page.indexOf('<div lang="en">');
    expect(split).toBeGreaterThan(0);
    const [zh, en] = [page.slice(0, split), page.slice(split)];
    const text = (html: string) => html.replace(/<[^>]*>/g, ' ');
    // each part in its language: Chinese prose before, no Chinese after
    expect(text(zh).replace(/“[^”]*”/g, '')).toMatch(HAN);
    expect(text(en)).not.toMatch(HAN);
    for (const part of [zh, en]) {
      expect(part).toContain('<code>npm run build:editor</code>');
      expect(part).toContain('<a href="/api/openapi.json">');
      expect(part).toContain('<code>editor/dist</code>');
    }
  });

  it('takes its words from the webPlaceholder catalog, the same keys and placeholders in zh and en', async () => {
    const app = await appFor(db, { staticDir: join(dir, 'no-editor') });
    const page = await (await app.request('/')).text();
    const catalog = registeredCatalogs().get('webPlaceholder');
    expect(catalog).toBeDefined();
    expect(Object.keys(catalog!.zh).sort()).toEqual(Object.keys(catalog!.en).sort());
    // the heading of each language, rendered from the catalog, is on the page: Chinese first
    const zhHeading = render({ id: 'webPlaceholder.heading' }, 'zh');
    const enHeading = render({ id: 'webPlaceholder.heading' }, 'en');
    expect(page.indexOf(zhHeading)).toBeGreaterThan(0);
    expect(page.indexOf(enHeading)).toBeGreaterThan(page.indexOf(zhHeading));
  });
});
