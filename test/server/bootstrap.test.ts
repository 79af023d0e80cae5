// First start: an empty database gets an organization, an admin+author token and the reference
// schemes that pass the publish gate (files with errors are skipped with a log line); the one-time
// sign-in code sets an HttpOnly SameSite=Strict cookie that authenticates /api, and dies after use;
// the session it starts ends `sessionHours` later.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../server/auth/tokens.js';
import { bootstrap } from '../../server/bootstrap.js';
import { closeDb, openDb, type Db } from '../../server/db/client.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
import type { Store } from '../../server/store/types.js';
import { serviceLoaders, type ServiceLoaders } from '../../server/deps.js';
import { appFor, call, PROVINCE, PROVINCE_ID, removeTempDirs, tempDir } from './helpers.js';

let db: Db;
let store: Store;
let dir: string;
const logs: Record<string, unknown>[] = [];
let loaders: ServiceLoaders;

beforeAll(async () => {
  dir = tempDir();
  db = openDb(join(dir, 'kaohe.db'));
  store = sqliteStore(db.$client);
  loaders = serviceLoaders({});
  mkdirSync(join(dir, 'schemes'));
  writeFileSync(join(dir, 'schemes', 'province.kaohe'), PROVINCE());
  writeFileSync(join(dir, 'schemes', 'broken.kaohe'), 'scheme 坏的 { ERROR! weight }');
  writeFileSync(join(dir, 'schemes', 'notes.txt'), 'not a scheme');
});
afterAll(() => { closeDb(db); removeTempDirs(); });

describe('first start', () => {
  let first: Awaited<ReturnType<typeof bootstrap>>;

  it('creates the organization and token and loads the valid reference schemes', async () => {
    first = await bootstrap(store, { loaders, log: (r) => logs.push(r), schemesDir: join(dir, 'schemes') });
    expect(first.token).toMatch(/^kh_/);
    expect(first.loaded).toEqual([PROVINCE_ID]);
    expect(logs.some((l) => String(l.msg).includes('skipped') && l.file === 'broken.kaohe')).toBe(true);
    const app = await appFor(db);
    const me = await call(app, 'GET', '/api/me', { token: first.token });
    expect(me.body).toMatchObject({ organization: 'default', roles: ['admin', 'author'] });
    const list = await call(app, 'GET', '/api/schemes', { token: first.token });
    expect(list.body.schemes).toEqual([expect.objectContaining({ id: PROVINCE_ID, published: 1 })]);
  });

  it('the sign-in URL sets a session cookie once; the cookie authenticates /api', async () => {
    const app = await appFor(db);
    const r = await app.request(`/signin?code=${first.signinCode}`);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kaohe_session=khs_[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0];

    const me = await call(app, 'GET', '/api/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['admin', 'author']);
    const again = await app.request(`/signin?code=${first.signinCode}`);
    expect(again.status).toBe(401);

    // The editor's fetch() sends its Origin; an unsafe request signed in by the cookie needs it (csrf.ts).
    const out = await app.request('/signout', { method: 'POST', headers: { cookie: session, origin: 'http://localhost' } });
    expect(out.status).toBe(200);
    expect((await call(app, 'GET', '/api/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('a session lasts sessionHours from sign-in: the cookie says so, and after that /api answers 401', async () => {
    const app = await appFor(db, { sessionHours: 2 });
    const code = (await bootstrap(store, { loaders, log: () => {}, schemesDir: join(dir, 'schemes') })).signinCode;
    const r = await app.request(`/signin?code=${code}`);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/Max-Age=7200/);
    const session = cookie.split(';')[0];
    expect((await call(app, 'GET', '/api/me', { headers: { cookie: session } })).status).toBe(200);
    // Age the session past its lifetime (the generation trigger makes the server see it at once).
    const secret = session.split('=')[1];
    await store.run('update tokens set created_at = ? where hash = ?',
      [new Date(Date.now() - 2 * 3_600_000 - 1000).toISOString(), createHash('sha256').update(secret).digest('hex')]);
    const late = await call(app, 'GET', '/api/me', { headers: { cookie: session } });
    expect(late.status).toBe(401);
    expect(late.headers.get('www-authenticate')).toContain('invalid_token');
    // Bearer tokens do not expire.
    const bearer = (await createToken(store, { orgId: 1, roles: ['evaluator'] })).secret;
    await store.run("update tokens set created_at = '2000-01-01T00:00:00.000Z' where kind = 'bearer'");
    expect((await call(app, 'GET', '/api/schemes', { token: bearer })).status).toBe(200);
  });

  it('a used sign-in link opened in a browser gets a page in words (Chinese first), a program gets JSON', async () => {
    const app = await appFor(db);
    const code = (await bootstrap(store, { loaders, log: () => {}, schemesDir: join(dir, 'schemes') })).signinCode;
    expect((await app.request(`/signin?code=${code}`)).status).toBe(302);
    const page = await app.request(`/signin?code=${code}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('登录链接无效、已使用或已过期');
    const json = await app.request(`/signin?code=${code}`);
    expect(json.status).toBe(401);
    expect((await json.json()).error.code).toBe('invalid_code');
  });

  it('a later start loads nothing, keeps the data, and issues a new code; the earlier one stays valid', async () => {
    const second = await bootstrap(store, { loaders, log: () => {}, schemesDir: join(dir, 'schemes') });
    expect(second.token).toBeUndefined();
    expect(second.loaded).toEqual([]);
    // Another server's start on the same database (trial V12): its link must not kill this one's.
    const third = await bootstrap(store, { loaders, log: () => {}, schemesDir: join(dir, 'schemes') });
    const app = await appFor(db);
    expect((await app.request(`/signin?code=${second.signinCode}`)).status).toBe(302);
    expect((await app.request(`/signin?code=${third.signinCode}`)).status).toBe(302);
  });

  it('servers starting together on one empty database: one makes the first start, the others start as later', async () => {
    const other = sqliteStore(openDb(join(tempDir(), 'together.db')).$client);
    const empty = join(tempDir(), 'no-schemes');
    mkdirSync(empty);
    try {
      const starts = await Promise.all([1, 2, 3].map(() => bootstrap(other, { loaders, log: () => {}, schemesDir: empty })));
      expect(starts.filter((s) => s.token !== undefined)).toHaveLength(1);
      expect(starts.every((s) => /^khc_/.test(s.signinCode))).toBe(true);
      expect(await other.all('SELECT name FROM organizations')).toEqual([{ name: 'default' }]);
      expect(await other.get('SELECT count(*) AS n FROM tokens WHERE kind = ?', ['bearer'])).toEqual({ n: 1 });
    } finally {
      await other.close();
    }
  });

  it('serves a placeholder page at / when the editor is not built', async () => {
    const app = await appFor(db, { staticDir: join(dir, 'no-editor') });
    const r = await app.request('/');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('kaohe');
  });

  it('serves the editor from its dist folder when it exists', async () => {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<h1>editor</h1>');
    const app = await appFor(db, { staticDir: join(dir, 'dist') });
    expect(await (await app.request('/')).text()).toBe('<h1>editor</h1>');
    expect((await app.request('/missing.js')).status).toBe(404);
  });
});
