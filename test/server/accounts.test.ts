// Accounts (issue 14 item 2, server/accounts/): named people with roles and the units they may see;
// tokens and browser sessions made for an account take its roles and units as they are now, and a
// disabled account's credentials are refused (401) without being revoked. Real SQLite through
// createApp; another organization's account is 404; bad input is 400 (shape) or 422 (values) at its
// path, never 500.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seesAllUnits, seesUnit, unitFilter, unitWhere } from '../../server/accounts/scope.js';
import { issueSigninCode, SESSION_COOKIE } from '../../server/auth/signin.js';
import { findOrCreateOrg } from '../../server/auth/tokens.js';
import { call, enc, isErrorBody, PROVINCE, PROVINCE_ID, removeTempDirs, setup, type Fixture, auditCommitted } from './helpers.js';

let f: Fixture;
let counter = 0;
const fresh = (stem = '账号') => `${stem}${++counter}`;

beforeAll(async () => { f = await setup(); });
afterAll(() => { f.close(); removeTempDirs(); });

const admin = () => f.tokens.A.admin;
const create = (body: unknown, token = admin(), lang = 'en') => call(f.app, 'POST', `/api/accounts?lang=${lang}`, { token, body });
const patch = (id: number, body: unknown, token = admin(), lang = 'en') => call(f.app, 'PATCH', `/api/accounts/${id}?lang=${lang}`, { token, body });
const tokenFor = async (account: string | number) => {
  const r = await call(f.app, 'POST', '/api/tokens', { token: admin(), body: { account } });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string; token: string; roles: string[]; account: string };
};
const me = (token: string) => call(f.app, 'GET', '/api/me', { token });
const paths = (r: { body: any }) => r.body.error.details.map((d: { path: string }) => d.path);

describe('accounts: create, list, change', () => {
  it('an admin creates an account and lists it; units default to every unit', async () => {
    const r = await create({ name: ' 张三 ', roles: ['evaluator'], units: ['综合科', '财务科'] });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ name: '张三', roles: ['evaluator'], units: ['综合科', '财务科'], disabled: false, disabledAt: null });
    const all = await create({ name: '李四', roles: ['author', 'admin', 'author'] });
    expect(all.body).toMatchObject({ name: '李四', roles: ['admin', 'author'], units: null });
    const list = await call(f.app, 'GET', '/api/accounts', { token: admin() });
    expect(list.status).toBe(200);
    expect(list.body.accounts.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['张三', '李四']));
  });

  it('only admins manage accounts; another organization sees none of ours', async () => {
    for (const role of ['author', 'evaluator'] as const) {
      expect((await call(f.app, 'GET', '/api/accounts', { token: f.tokens.A[role] })).status).toBe(403);
      expect((await create({ name: fresh(), roles: ['evaluator'] }, f.tokens.A[role])).status).toBe(403);
    }
    expect((await call(f.app, 'GET', '/api/accounts')).status).toBe(401);
    const theirs = await call(f.app, 'GET', '/api/accounts', { token: f.tokens.B.admin });
    expect(theirs.body.accounts.map((a: { name: string }) => a.name)).not.toContain('张三');
  });

  it('a name is unique within an organization, not across organizations', async () => {
    const name = fresh();
    expect((await create({ name, roles: ['evaluator'] })).status).toBe(201);
    const again = await create({ name: ` ${name}`, roles: ['author'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('account_exists');
    expect(paths(again)).toEqual(['name']);
    expect((await create({ name, roles: ['evaluator'] }, f.tokens.B.admin)).status).toBe(201);
  });

  it('bad values are 422 invalid_account with every problem at its path, in the reader\'s language', async () => {
    const r = await create({ name: '   ', roles: [], units: ['综合科', ' ', '综合科 ', 'x'.repeat(101)] });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.code).toBe('invalid_account');
    expect(paths(r)).toEqual(['name', 'roles', 'units[1]', 'units[2]', 'units[3]']);
    expect(r.body.error.details[3].message).toBe('the unit `综合科` is listed twice');
    const zh = await create({ name: 'x'.repeat(101), roles: ['evaluator'], units: [] }, admin(), 'zh');
    expect(zh.status).toBe(422);
    expect(paths(zh)).toEqual(['name', 'units']);
    expect(zh.body.error.details.map((d: { message: string }) => d.message)).toEqual(['名称有 101 个字符，最多 100 个', '请至少给出一个单位，或用“null”表示全部单位']);
    const many = await create({ name: fresh(), roles: ['evaluator'], units: Array.from({ length: 201 }, (_, i) => `科${i}`) });
    expect(many.status).toBe(422);
    expect(paths(many)).toEqual(['units']);
    // 100 characters (counted as characters, not UTF-16 units) and 200 units are fine.
    const edge = await create({ name: '𠀀'.repeat(100), roles: ['evaluator'], units: Array.from({ length: 200 }, (_, i) => `科${i}`) });
    expect(edge.status, edge.text).toBe(201);
  });

  it('a wrong shape is 400 invalid_request at its path', async () => {
    const cases: [unknown, string][] = [
      [{ name: 1, roles: ['evaluator'] }, 'name'],
      [{ name: 'a', roles: ['boss'] }, 'roles[0]'],
      [{ name: 'a', roles: 'admin' }, 'roles'],
      [{ name: 'a', roles: ['admin'], units: '综合科' }, 'units'],
      [{ name: 'a', roles: ['admin'], units: [3] }, 'units[0]'],
      [{ name: 'a', roles: ['admin'], extra: true }, ''],
      [{ roles: ['admin'] }, 'name'],
    ];
    for (const [body, path] of cases) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(paths(r)).toContain(path);
    }
    expect((await call(f.app, 'POST', '/api/accounts', { token: admin(), body: '{"name":' })).status).toBe(400);
  });

  it('PATCH changes name, roles and units; units null means every unit again', async () => {
    const a = (await create({ name: fresh(), roles: ['evaluator'], units: ['综合科'] })).body;
    const r = await patch(a.id, { name: fresh('改名'), roles: ['author'], units: ['财务科', '人事科'] });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ id: a.id, roles: ['author'], units: ['财务科', '人事科'] });
    expect((await patch(a.id, { units: null })).body.units).toBeNull();
    expect((await patch(a.id, {})).body).toMatchObject({ id: a.id, roles: ['author'], units: null });
    const bad = await patch(a.id, { name: '', units: ['a', 'a'] });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(['name', 'units[1]']);
    expect((await patch(a.id, { disabled: 'yes' })).status).toBe(400);
    const taken = await patch(a.id, { name: '张三' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('account_exists');
  });

  it("another organization's account, an unknown id and a malformed id are not found or refused, never 500", async () => {
    const theirs = (await create({ name: fresh(), roles: ['evaluator'] }, f.tokens.B.admin)).body;
    const r = await patch(theirs.id, { disabled: true });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect((await patch(999999, { disabled: true })).status).toBe(404);
    for (const id of ['abc', '0', '1.5', '99999999999999999999']) {
      const bad = await call(f.app, 'PATCH', `/api/accounts/${id}`, { token: admin(), body: {} });
      expect(bad.status, id).toBe(400);
      expect(isErrorBody(bad.body)).toBe(true);
    }
  });
});

describe('tokens for accounts', () => {
  it('a token for an account takes its roles and units; /api/me shows the account', async () => {
    const a = (await create({ name: fresh('王五'), roles: ['evaluator'], units: ['综合科'] })).body;
    const t = await tokenFor(a.name);
    expect(t).toMatchObject({ roles: ['evaluator'], account: a.name });
    const who = await me(t.token);
    expect(who.body).toMatchObject({ roles: ['evaluator'], account: { id: a.id, name: a.name, units: ['综合科'] } });
    // By id too; the token list names the account.
    const byId = await tokenFor(a.id);
    const list = await call(f.app, 'GET', '/api/tokens', { token: admin() });
    expect(list.body.tokens.find((x: { id: string }) => x.id === byId.id)).toMatchObject({ account: a.name, roles: ['evaluator'] });
    // A token without an account acts for the organization and sees every unit.
    expect((await me(f.tokens.A.author)).body.account).toBeNull();
  });

  it("a change to the account applies to its tokens at once (roles and units as they are now)", async () => {
    const a = (await create({ name: fresh(), roles: ['evaluator'], units: ['综合科'] })).body;
    const t = await tokenFor(a.name);
    expect((await call(f.app, 'POST', '/api/schemes', { token: t.token, body: { source: PROVINCE() } })).status).toBe(403);
    await me(t.token); // cached principal
    await patch(a.id, { roles: ['author'], units: ['财务科'] });
    expect((await me(t.token)).body).toMatchObject({ roles: ['author'], account: { units: ['财务科'] } });
    const created = await call(f.app, 'POST', '/api/schemes', { token: t.token, body: { source: PROVINCE() } });
    expect(created.status, created.text).toBe(201);
    // Publishing records the account: the scheme's versions name it beside the token.
    const pub = await call(f.app, 'POST', `/api/schemes/${enc(PROVINCE_ID)}/publish`, { token: t.token });
    expect(pub.status, pub.text).toBe(200);
    const scheme = await call(f.app, 'GET', `/api/schemes/${enc(PROVINCE_ID)}`, { token: f.tokens.A.evaluator });
    expect(scheme.body.versions[0]).toMatchObject({ createdBy: t.id, createdByAccount: a.name, publishedBy: t.id, publishedByAccount: a.name });
    const draft = await call(f.app, 'PUT', `/api/schemes/${enc(PROVINCE_ID)}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() } });
    expect(draft.status, draft.text).toBe(200);
    const again = await call(f.app, 'GET', `/api/schemes/${enc(PROVINCE_ID)}`, { token: f.tokens.A.evaluator });
    expect(again.body.versions[1]).toMatchObject({ createdByAccount: null, publishedByAccount: null });
  });

  it('refuses role with account, neither, an unknown or foreign account, a disabled one', async () => {
    const post = (body: unknown) => call(f.app, 'POST', '/api/tokens', { token: admin(), body });
    const both = await post({ role: 'admin', account: '张三' });
    expect(both.status).toBe(400);
    expect(paths(both)).toEqual(['role']);
    expect((await post({})).status).toBe(400);
    const unknown = await post({ account: '没有这个人' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_account');
    expect(paths(unknown)).toEqual(['account']);
    const theirs = (await create({ name: fresh('外单位'), roles: ['admin'] }, f.tokens.B.admin)).body;
    expect((await post({ account: theirs.name })).body.error.code).toBe('unknown_account');
    expect((await post({ account: theirs.id })).body.error.code).toBe('unknown_account');
    const off = (await create({ name: fresh(), roles: ['evaluator'] })).body;
    await patch(off.id, { disabled: true });
    const disabled = await post({ account: off.name });
    expect(disabled.status).toBe(422);
    expect(disabled.body.error.code).toBe('account_disabled');
    expect((await post({ account: 0 })).status).toBe(400);
    expect((await post({ account: '' })).status).toBe(400);
  });
});

describe('disabled accounts', () => {
  it("refuses a disabled account's tokens (401, not revoked) and takes them again when enabled", async () => {
    const a = (await create({ name: fresh(), roles: ['evaluator'] })).body;
    const t = await tokenFor(a.name);
    expect((await me(t.token)).status).toBe(200);
    const off = await patch(a.id, { disabled: true });
    expect(off.body).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    const refused = await call(f.app, 'GET', '/api/me?lang=zh', { token: t.token });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'unauthorized', message: `账号“${a.name}”已停用，其令牌和会话均不可用` });
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    // Disabling twice keeps the first time.
    expect((await patch(a.id, { disabled: true })).body.disabledAt).toBe(off.body.disabledAt);
    const list = await call(f.app, 'GET', '/api/tokens', { token: admin() });
    expect(list.body.tokens.find((x: { id: string }) => x.id === t.id).revokedAt).toBeNull();
    expect((await patch(a.id, { disabled: false })).body).toMatchObject({ disabled: false, disabledAt: null });
    expect((await me(t.token)).status).toBe(200);
  });

  it('a change made outside the server (another process, direct SQL) is seen by the next request', async () => {
    const a = (await create({ name: fresh(), roles: ['evaluator'] })).body;
    const t = await tokenFor(a.name);
    expect((await me(t.token)).status).toBe(200);
    await f.store.run(`update accounts set disabled_at = '2026-01-01T00:00:00.000Z' where id = ?`, [a.id]);
    expect((await me(t.token)).status).toBe(401);
    await f.store.run(`update accounts set disabled_at = null, units = '["综合科"]' where id = ?`, [a.id]);
    expect((await me(t.token)).body.account.units).toEqual(['综合科']);
  });

  it('a disabled account is not counted as a failed authentication', async () => {
    const g = await setup({ authFailures: { maxFailures: 2 } });
    try {
      const orgId = await findOrCreateOrg(g.store, 'org-A');
      const id = (await g.store.get<{ id: number }>(`insert into accounts (org_id, name, roles, created_at, disabled_at) values (?, '停用', 'evaluator', 'now', 'now') returning id`, [orgId]))!.id;
      const t = await call(g.app, 'POST', '/api/tokens', { token: g.tokens.A.admin, body: { account: id } });
      expect(t.body.error.code).toBe('account_disabled');
      await g.store.run('update accounts set disabled_at = null where id = ?', [id]);
      const secret = (await call(g.app, 'POST', '/api/tokens', { token: g.tokens.A.admin, body: { account: id } })).body.token;
      await g.store.run(`update accounts set disabled_at = 'now' where id = ?`, [id]);
      for (let i = 0; i < 4; i++) expect((await me(secret)).status).toBe(401);
      expect((await call(g.app, 'GET', '/api/me', { token: g.tokens.A.admin })).status).toBe(200);
    } finally {
      g.close();
    }
  });

  it('an admin cannot disable, or take admin from, the account it acts for', async () => {
    const a = (await create({ name: fresh(), roles: ['admin'] })).body;
    const t = await tokenFor(a.name);
    const self = await patch(a.id, { disabled: true, roles: ['author'] }, t.token);
    expect(self.status).toBe(422);
    expect(paths(self)).toEqual(['disabled', 'roles']);
    expect((await patch(a.id, { units: ['综合科'] }, t.token)).status).toBe(200);
    // Another admin may.
    expect((await patch(a.id, { disabled: true })).status).toBe(200);
    expect((await me(t.token)).status).toBe(401);
  });
});

describe('browser sessions of an account', () => {
  it('a sign-in code for an account opens a session acting for it; disabling refuses the session and unused codes', async () => {
    const a = (await create({ name: fresh('赵六'), roles: ['author'], units: ['人事科'] })).body;
    const orgId = await findOrCreateOrg(f.store, 'org-A');
    const code = await issueSigninCode(f.store, orgId, ['author'], a.id);
    // Another account's code, and the organization's own, stay valid: only the same account's earlier code dies.
    const other = await issueSigninCode(f.store, orgId, ['admin']);
    const signin = await f.app.request(`/signin?code=${code}`);
    expect(signin.status).toBe(302);
    const cookie = new RegExp(`${SESSION_COOKIE}=[^;]+`).exec(signin.headers.get('set-cookie')!)![0];
    const who = await call(f.app, 'GET', '/api/me', { headers: { cookie } });
    expect(who.body).toMatchObject({ roles: ['author'], account: { name: a.name, units: ['人事科'] } });
    const audit = await call(f.app, 'GET', `/api/audit?account=${enc(a.name)}&action=signin`, { token: admin() });
    expect(audit.body.records[0]).toMatchObject({ action: 'signin', account: a.name, actorKind: 'session' });
    const unused = await issueSigninCode(f.store, orgId, ['author'], a.id);
    await patch(a.id, { disabled: true });
    expect((await call(f.app, 'GET', '/api/me', { headers: { cookie } })).status).toBe(401);
    expect((await f.app.request(`/signin?code=${unused}`)).status).toBe(401);
    expect((await f.app.request(`/signin?code=${other}`)).status).toBe(302);
  });
});

describe('the audit log names the account', () => {
  it('records account changes and what an account did, found by its name or its token', async () => {
    const name = fresh('审计');
    const made = await create({ name, roles: ['evaluator'] });
    const t = await tokenFor(name);
    await call(f.app, 'GET', '/api/schemes', { token: t.token });
    await auditCommitted(f.app);
    const byName = await call(f.app, 'GET', `/api/audit?account=${enc(name)}`, { token: admin() });
    expect(byName.body.records[0]).toMatchObject({ action: 'read', target: 'schemes', actor: t.id, account: name });
    const byToken = await call(f.app, 'GET', `/api/audit?account=${t.id}`, { token: admin() });
    expect(byToken.body.records.length).toBe(byName.body.records.length);
    const changes = await call(f.app, 'GET', '/api/audit?action=account_create', { token: admin() });
    expect(changes.body.records.map((r: { target: string }) => r.target)).toContain(`account:${made.body.id}`);
    const upd = await patch(made.body.id, { units: ['综合科'] });
    expect(upd.status).toBe(200);
    const updated = await call(f.app, 'GET', `/api/audit?target=account:${made.body.id}&action=account_update`, { token: admin() });
    expect(updated.body.records[0]).toMatchObject({ status: 200, account: null });
  });

  it('the OpenAPI document has the accounts routes', async () => {
    const doc = await call(f.app, 'GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths['/api/accounts'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.body.paths['/api/accounts/{id}'])).toEqual(['patch']);
    expect(doc.body.components.schemas.Account).toBeDefined();
  });
});

describe('scope: which units a caller sees', () => {
  const all = { units: null };
  const two = { units: ['综合科', '财务科'] };
  it('null units see everyone, also members without a unit; listed units see only theirs', () => {
    expect([seesUnit(all, '综合科'), seesUnit(all, null), seesUnit(all, undefined)]).toEqual([true, true, true]);
    expect([seesUnit(two, '综合科'), seesUnit(two, '财务科'), seesUnit(two, '人事科'), seesUnit(two, null), seesUnit(two, undefined), seesUnit(two, '')]).toEqual([true, true, false, false, false, false]);
    expect([seesAllUnits(all), seesAllUnits(two)]).toEqual([true, false]);
    expect([unitFilter(all), unitFilter(two)]).toEqual([null, ['综合科', '财务科']]);
  });

  it('unitWhere filters a store query the same way', async () => {
    // A table of the fixture's own (a temporary one would live on one of PostgreSQL's pooled connections only).
    await f.store.run(`create table scoped_sql (unit text)`);
    await f.store.run(`insert into scoped_sql values ('综合科'), ('人事科'), (null)`);
    const rows = async (units: string[] | null) => {
      const w = unitWhere({ units }, 's.unit');
      const where = w ? `WHERE ${w.sql}` : '';
      // NULL first in both dialects (SQLite sorts it first, PostgreSQL last).
      return (await f.store.all<{ unit: string | null }>(`SELECT unit FROM scoped_sql s ${where} ORDER BY unit IS NOT NULL, unit`, w?.params)).map((r) => r.unit);
    };
    expect(await rows(null)).toEqual([null, '人事科', '综合科']);
    expect(await rows(['综合科', '财务科'])).toEqual(['综合科']);
    expect(await rows(['人事科'])).toEqual(['人事科']);
    expect(await rows([])).toEqual([]);
  });
});
