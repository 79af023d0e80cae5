// The audit log (issue 10, item 9): who read, evaluated or changed what, and when. Every audited
// /api request leaves one record (also refused attempts: 403, 404), refused credentials leave one
// without an actor, sign-in and sign-out leave theirs; the table is append-only in SQL; admins read
// their own organization's records through GET /api/audit with filters and a cursor.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITED_ROUTES, UNAUDITED_ROUTES } from '../../server/audit/actions.js';
import { issueSigninCode, SESSION_COOKIE } from '../../server/auth/signin.js';
import { findOrCreateOrg } from '../../server/auth/tokens.js';
import type { Param } from '../../server/store/types.js';
import { call, enc, PROVINCE, PROVINCE_ID, publishedProvince, setup, singleCase, type Fixture, rowsIn, refuseInserts, auditCommitted } from './helpers.js';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
});
afterAll(() => f.close());

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
/** Buffered records (reads, refusals) committed: a turn of the event loop, and the commit's round trips. */
const turn = () => auditCommitted(f.app);

interface Row { id: number; at: string; org_id: number | null; actor: string | null; actor_kind: string | null; action: string; target: string | null; version: number | null; evaluation: string | null; status: number; request_id: string | null; address: string | null }
const rows = (where = '1 = 1', ...args: Param[]) => f.store.all<Row>(`select * from audit_log where ${where} order by id`, args);
const last = async () => (await rows()).at(-1)!;
const tokenId = async (token: string) => (await call(f.app, 'GET', '/api/me', { token })).body.token as string;
const audit = (query = '', token = f.tokens.A.admin) => call(f.app, 'GET', `/api/audit${query}`, { token });

describe('what is recorded', () => {
  it('an evaluation: actor, action, target, version, evaluation, status, request id, address — committed with the evaluation', async () => {
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: singleCase().subject, headers: { 'x-request-id': 'req-eval-1' } });
    expect(r.status).toBe(201);
    // No turn awaited: the record was in the evaluation's transaction.
    const [row] = await rows('request_id = ?', 'req-eval-1');
    expect(row).toMatchObject({
      actor: await tokenId(f.tokens.A.evaluator), actor_kind: 'bearer', action: 'evaluate', target: `scheme:${PROVINCE_ID}`,
      version: 1, evaluation: r.body.evaluationId, status: 201, address: 'unknown',
    });
    const stored = (await f.store.get<{ created_at: string }>('select created_at from evaluations where id = ?', [r.body.evaluationId]))!;
    expect(row.at).toBe(stored.created_at);
  });

  it('a change is recorded before its answer leaves; a read one turn later', async () => {
    const draft = await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() + '\n' }, headers: { 'x-request-id': 'req-draft' } });
    expect(draft.status).toBe(200);
    expect(await rows('request_id = ?', 'req-draft')).toMatchObject([{ action: 'save_draft', target: `scheme:${PROVINCE_ID}`, version: 2, status: 200 }]);
    await call(f.app, 'GET', `${S}/versions/1`, { token: f.tokens.A.evaluator, headers: { 'x-request-id': 'req-read' } });
    await turn();
    expect(await rows('request_id = ?', 'req-read')).toMatchObject([{ action: 'read', target: `scheme:${PROVINCE_ID}`, version: 1, status: 200 }]);
  });

  it('names the evaluation read or replayed, with its scheme and version', async () => {
    const ev = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: singleCase().subject });
    await call(f.app, 'GET', `/api/evaluations/${ev.body.evaluationId}?replay=1`, { token: f.tokens.A.author });
    await turn();
    expect(await last()).toMatchObject({ action: 'replay', evaluation: ev.body.evaluationId, target: `scheme:${PROVINCE_ID}`, version: 1, status: 200 });
  });

  it('records attempts that were refused: a role missing (403), another organization (404)', async () => {
    await call(f.app, 'POST', `${S}/publish`, { token: f.tokens.A.evaluator });
    await turn();
    expect(await last()).toMatchObject({ action: 'publish', status: 403, actor: await tokenId(f.tokens.A.evaluator) });
    await call(f.app, 'GET', S, { token: f.tokens.B.admin });
    await turn();
    expect(await last()).toMatchObject({ action: 'read', target: `scheme:${PROVINCE_ID}`, status: 404, actor: await tokenId(f.tokens.B.admin) });
  });

  it('records token creation and revocation with the token', async () => {
    const t = await call(f.app, 'POST', '/api/tokens', { token: f.tokens.A.admin, body: { role: 'evaluator' } });
    expect(await last()).toMatchObject({ action: 'token_create', target: `token:${t.body.id}`, status: 201 });
    await call(f.app, 'DELETE', `/api/tokens/${t.body.id}`, { token: f.tokens.A.admin });
    expect(await last()).toMatchObject({ action: 'token_revoke', target: `token:${t.body.id}`, status: 200 });
  });

  it('records a refused credential without actor or organization, with the kind tried', async () => {
    await call(f.app, 'GET', '/api/me', { token: 'kh_not-a-token', headers: { 'x-request-id': 'req-bad' } });
    await turn();
    expect(await rows('request_id = ?', 'req-bad')).toMatchObject([{ action: 'auth_failed', actor: null, org_id: null, actor_kind: 'bearer', status: 401 }]);
  });

  it('records sign-in and sign-out of the browser session', async () => {
    const code = await issueSigninCode(f.store, await findOrCreateOrg(f.store, 'org-A'), ['admin']);
    const signin = await f.app.request(`/signin?code=${code}`);
    expect(signin.status).toBe(302);
    const signedIn = await last();
    expect(signedIn).toMatchObject({ action: 'signin', actor_kind: 'session', status: 302 });
    expect(signedIn.actor).toMatch(/^tok_/);
    const cookie = new RegExp(`${SESSION_COOKIE}=[^;]+`).exec(signin.headers.get('set-cookie')!)![0];
    expect((await f.app.request('/signout', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect(await last()).toMatchObject({ action: 'signout', actor: signedIn.actor, actor_kind: 'session' });
    await f.app.request(`/signin?code=${code}`); // used already
    await turn();
    expect(await last()).toMatchObject({ action: 'auth_failed', actor_kind: 'signin', status: 401, actor: null });
  });

  it('does not record the language tools or /me (they read and change nothing stored)', async () => {
    const before = (await rows()).length;
    await call(f.app, 'POST', '/api/check', { token: f.tokens.A.author, body: { source: PROVINCE() } });
    await call(f.app, 'GET', '/api/me', { token: f.tokens.A.author });
    await turn();
    expect((await rows()).length).toBe(before);
  });

  it('stores an evaluation only together with its record (one savepoint)', async () => {
    const count = () => rowsIn(f, 'evaluations');
    const before = await count();
    const allow = await refuseInserts(f, 'audit_log', 'test: no audit');
    try {
      const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: singleCase().subject });
      expect(r.status).toBeGreaterThanOrEqual(400);
    } finally {
      await allow();
    }
    expect(await count()).toBe(before);
  });

  it('every route of the OpenAPI document is either audited or listed as reading nothing stored', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    const known = [...Object.keys(AUDITED_ROUTES), ...UNAUDITED_ROUTES];
    expect(operations.filter((o) => o !== 'GET /healthz' && !known.includes(o))).toEqual([]);
    expect(known.filter((k) => !operations.includes(k))).toEqual([]);
  });
});

describe('append-only', () => {
  it('refuses UPDATE and DELETE in SQL', async () => {
    expect((await rows()).length).toBeGreaterThan(0);
    await expect(f.store.run(`update audit_log set actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(f.store.run(`update audit_log set status = 200 where status = 403`)).rejects.toThrow(/append-only/);
    await expect(f.store.run('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('GET /api/audit', () => {
  it('is for admins only', async () => {
    expect((await audit('', f.tokens.A.author)).status).toBe(403);
    expect((await audit('', f.tokens.A.evaluator)).status).toBe(403);
  });

  it("shows an admin only their organization's records, newest first", async () => {
    // The records of earlier requests committed first (they are buffered), read before the request
    // whose own record is written after its answer.
    await auditCommitted(f.app);
    const orgA = await findOrCreateOrg(f.store, 'org-A');
    const stored = (await rows('org_id = ?', orgA)).map((r) => r.id).reverse().slice(0, 500);
    const a = await audit('?limit=500');
    expect(a.status).toBe(200);
    expect(a.body.records.map((r: Row) => r.id)).toEqual(stored);
    const b = await audit('?limit=500', f.tokens.B.admin);
    const bActors = new Set(b.body.records.map((r: { actor: string }) => r.actor));
    expect(bActors.has(await tokenId(f.tokens.A.evaluator))).toBe(false);
    expect(b.body.records.some((r: { status: number }) => r.status === 404)).toBe(true);
  });

  it('filters by action, account, target (scheme, evaluation, token) and time', async () => {
    const evaluator = await tokenId(f.tokens.A.evaluator);
    const byAction = (await audit('?action=evaluate')).body.records;
    expect(byAction.length).toBeGreaterThanOrEqual(2);
    expect(byAction.every((r: Row) => r.action === 'evaluate')).toBe(true);
    const byAccount = (await audit(`?account=${evaluator}`)).body.records;
    expect(byAccount.length).toBeGreaterThan(0);
    expect(byAccount.every((r: { actor: string }) => r.actor === evaluator)).toBe(true);
    const scheme = (await audit(`?target=${enc(`scheme:${PROVINCE_ID}`)}&action=evaluate`)).body.records;
    expect(scheme.length).toBe(byAction.length);
    // The newest evaluate record with an evaluation (a refused attempt's, e.g. the savepoint test's 409, has none).
    const evaluation = byAction.find((r: Row) => r.evaluation !== null).evaluation as string;
    const one = (await audit(`?target=evaluation:${evaluation}`)).body.records;
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((r: Row) => r.evaluation === evaluation)).toBe(true);
    const tokens = (await audit('?target=tokens')).body.records;
    expect(tokens.every((r: Row) => r.target === 'tokens')).toBe(true);
    const future = (await audit('?from=2999-01-01')).body.records;
    expect(future).toEqual([]);
    const past = (await audit('?to=2000-01-01T00:00:00%2B08:00')).body.records;
    expect(past).toEqual([]);
    const now = (await audit(`?from=2000-01-01&to=${enc(new Date(Date.now() + 60_000).toISOString())}&limit=1`)).body.records;
    expect(now).toHaveLength(1);
  });

  it('pages with a cursor: no record repeated or skipped, also while new ones arrive', async () => {
    const all = (await audit('?limit=500')).body.records.map((r: Row) => r.id) as number[];
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { records: Row[]; nextCursor: string | null } } = await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.records.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.records.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    // Each page read is itself recorded (newer than the first page): the walk still ends where the list did.
    expect(seen.filter((id) => all.includes(id))).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers 400 for a bad filter, limit or cursor', async () => {
    for (const q of ['?limit=0', '?limit=501', '?limit=1e2', '?action=delete', '?from=yesterday', '?to=2025-01-01T00:00:00', '?cursor=abc']) {
      const r = await audit(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('invalid_request');
    }
  });

  it('is itself audited', async () => {
    await audit('?action=publish', f.tokens.A.admin);
    await turn();
    expect(await last()).toMatchObject({ action: 'read', target: 'audit', status: 200 });
  });
});
