// The authorization matrix: every /api route × role (admin, author, evaluator) × own / other
// organization, plus no token and a bad token. A scheme of another organization answers 404 as if
// absent; a role that may not use a route answers 403 whatever the organization.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth/tokens.js';
import { createToken } from '../../server/auth/tokens.js';
import { call, enc, isErrorBody, PROVINCE, PROVINCE_ID, publishedProvince, setup, singleCase, type Fixture } from './helpers.js';

let f: Fixture;
let evaluationId = '';
let counter = 0;
const scheme = `/api/schemes/${enc(PROVINCE_ID)}`;

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  const r = await call(f.app, 'POST', `${scheme}/evaluate`, { token: f.tokens.A.evaluator, body: singleCase().subject });
  evaluationId = r.body?.evaluationId;
});
afterAll(() => f.close());

interface Req { method: string; path: string; body?: unknown }
interface RouteCase {
  name: string;
  allowed: Role[] | 'any';
  /** Targets a resource of organization A (a foreign caller gets 404). */
  scoped: boolean;
  ok: number;
  req: () => Promise<Req> | Req;
}

const renamed = () => PROVINCE().replace(PROVINCE_ID, `方案${++counter}`);

const ROUTES: RouteCase[] = [
  { name: 'GET /api/schemes', allowed: 'any', scoped: false, ok: 200, req: () => ({ method: 'GET', path: '/api/schemes' }) },
  { name: 'POST /api/schemes', allowed: ['author'], scoped: false, ok: 201, req: () => ({ method: 'POST', path: '/api/schemes', body: { source: renamed() } }) },
  { name: 'GET /api/schemes/:id', allowed: 'any', scoped: true, ok: 200, req: () => ({ method: 'GET', path: scheme }) },
  { name: 'PUT /api/schemes/:id/draft', allowed: ['author'], scoped: true, ok: 200, req: () => ({ method: 'PUT', path: `${scheme}/draft`, body: { source: PROVINCE() } }) },
  {
    name: 'POST /api/schemes/:id/publish', allowed: ['author'], scoped: true, ok: 200,
    req: async () => {
      // Make sure there is a draft to publish, written by org A's author.
      await call(f.app, 'PUT', `${scheme}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() } });
      return { method: 'POST', path: `${scheme}/publish` };
    },
  },
  { name: 'GET /api/schemes/:id/versions/:n', allowed: 'any', scoped: true, ok: 200, req: () => ({ method: 'GET', path: `${scheme}/versions/1` }) },
  { name: 'POST /api/schemes/:id/evaluate', allowed: ['evaluator', 'author'], scoped: true, ok: 201, req: () => ({ method: 'POST', path: `${scheme}/evaluate`, body: singleCase().subject }) },
  { name: 'GET /api/evaluations/:id', allowed: 'any', scoped: true, ok: 200, req: () => ({ method: 'GET', path: `/api/evaluations/${evaluationId}` }) },
  { name: 'POST /api/check', allowed: 'any', scoped: false, ok: 200, req: () => ({ method: 'POST', path: '/api/check', body: { source: PROVINCE() } }) },
  { name: 'POST /api/format', allowed: 'any', scoped: false, ok: 200, req: () => ({ method: 'POST', path: '/api/format', body: { source: PROVINCE() } }) },
  { name: 'GET /api/me', allowed: 'any', scoped: false, ok: 200, req: () => ({ method: 'GET', path: '/api/me' }) },
  { name: 'GET /api/tokens', allowed: ['admin'], scoped: false, ok: 200, req: () => ({ method: 'GET', path: '/api/tokens' }) },
  { name: 'POST /api/tokens', allowed: ['admin'], scoped: false, ok: 201, req: () => ({ method: 'POST', path: '/api/tokens', body: { role: 'evaluator' } }) },
  {
    name: 'DELETE /api/tokens/:id', allowed: ['admin'], scoped: true, ok: 200,
    req: async () => {
      // A disposable token of organization A to revoke.
      const orgA = (await f.store.get<{ id: number }>("select id from organizations where name = 'org-A'"))!;
      return { method: 'DELETE', path: `/api/tokens/${(await createToken(f.store, { orgId: orgA.id, roles: ['evaluator'] })).publicId}` };
    },
  },
];

const ROLES: Role[] = ['admin', 'author', 'evaluator'];

function expected(route: RouteCase, role: Role, own: boolean): number {
  const allowed = route.allowed === 'any' || route.allowed.includes(role);
  if (!allowed) return 403;
  return !own && route.scoped ? 404 : route.ok;
}

describe('authorization matrix', () => {
  const cases = ROUTES.flatMap((route) => [
    ...ROLES.flatMap((role) => [true, false].map((own) => ({ route, who: `${role} of ${own ? 'own' : 'other'} org`, role, own }))),
    { route, who: 'no token', role: undefined, own: true },
    { route, who: 'bad token', role: undefined, own: false },
  ]);

  it.each(cases.map((c) => [`${c.route.name} as ${c.who}`, c] as const))('%s', async (_name, c) => {
    const req = await c.route.req();
    const token = c.role ? f.tokens[c.own ? 'A' : 'B'][c.role] : c.own ? undefined : 'kh_not-a-real-token';
    const r = await call(f.app, req.method, req.path, { token, body: req.body });
    const want = c.role ? expected(c.route, c.role, c.own) : 401;
    expect(r.status, r.text).toBe(want);
    if (want >= 400) expect(isErrorBody(r.body)).toBe(true);
  });

  it('a foreign organization sees none of our schemes in lists', async () => {
    const r = await call(f.app, 'GET', '/api/schemes', { token: f.tokens.B.evaluator });
    expect(r.body.schemes.map((s: { id: string }) => s.id)).not.toContain(PROVINCE_ID);
  });

  it('a revoked token is refused', async () => {
    const created = await call(f.app, 'POST', '/api/tokens', { token: f.tokens.A.admin, body: { role: 'evaluator' } });
    expect((await call(f.app, 'GET', '/api/me', { token: created.body.token })).status).toBe(200);
    expect((await call(f.app, 'DELETE', `/api/tokens/${created.body.id}`, { token: f.tokens.A.admin })).status).toBe(200);
    expect((await call(f.app, 'GET', '/api/me', { token: created.body.token })).status).toBe(401);
  });

  it('a malformed Authorization header is 401', async () => {
    for (const h of ['Basic abc', 'Bearer', 'Bearer a b', 'token']) {
      const r = await call(f.app, 'GET', '/api/me', { headers: { authorization: h } });
      expect(r.status).toBe(401);
      expect(isErrorBody(r.body)).toBe(true);
    }
  });
});
