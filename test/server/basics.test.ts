// Health, the generated OpenAPI document, check and format, /api/me, token management, request ids
// and the one-line-per-request structured log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor, call, PROVINCE, setup, type Fixture } from './helpers.js';

let f: Fixture;
const logs: Record<string, unknown>[] = [];
beforeAll(async () => { f = await setup({ log: (r) => logs.push(r) }); });
afterAll(() => f.close());

describe('basics', () => {
  it('GET /healthz needs no token', async () => {
    const r = await call(f.app, 'GET', '/healthz');
    expect(r).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves an OpenAPI document generated from the routes', async () => {
    const r = await call(f.app, 'GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(r.body.paths);
    for (const p of ['/healthz', '/api/schemes', '/api/schemes/{id}', '/api/schemes/{id}/draft', '/api/schemes/{id}/publish',
      '/api/schemes/{id}/versions/{n}', '/api/schemes/{id}/evaluate', '/api/evaluations/{id}', '/api/check', '/api/format',
      '/api/me', '/api/tokens', '/api/tokens/{id}']) expect(paths).toContain(p);
    expect(Object.keys(r.body.paths['/api/schemes/{id}/evaluate'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '413', '422']));
    expect(r.body.components.schemas.Error).toBeDefined();
    expect(r.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('POST /api/check returns diagnostics', async () => {
    const r = await call(f.app, 'POST', '/api/check', { token: f.tokens.A.evaluator, body: { source: PROVINCE() } });
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body.diagnostics)).toBe(true);
    expect(r.body.diagnostics.every((d: { severity: string }) => d.severity !== 'error')).toBe(true);
  });

  it('POST /api/format returns the canonical layout, idempotently', async () => {
    const a = await call(f.app, 'POST', '/api/format', { token: f.tokens.A.evaluator, body: { source: PROVINCE() } });
    expect(a.status).toBe(200);
    expect(typeof a.body.source).toBe('string');
    const b = await call(f.app, 'POST', '/api/format', { token: f.tokens.A.evaluator, body: { source: a.body.source } });
    expect(b.body.source).toBe(a.body.source);
    const zh = await call(f.app, 'POST', '/api/format', { token: f.tokens.A.evaluator, body: { source: PROVINCE(), keywords: 'zh' } });
    expect(zh.status).toBe(200);
  });

  it('GET /api/me names the organization and roles', async () => {
    const r = await call(f.app, 'GET', '/api/me', { token: f.tokens.B.author });
    expect(r.body).toMatchObject({ organization: 'org-B', roles: ['author'], token: expect.stringMatching(/^tok_/) });
  });

  it('admins create, list and revoke tokens of their organization', async () => {
    const created = await call(f.app, 'POST', '/api/tokens', { token: f.tokens.A.admin, body: { role: 'author', name: 'ci' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ roles: ['author'], name: 'ci', token: expect.stringMatching(/^kh_/) });
    const list = await call(f.app, 'GET', '/api/tokens', { token: f.tokens.A.admin });
    expect(list.body.tokens.some((t: { id: string }) => t.id === created.body.id)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const other = await call(f.app, 'GET', '/api/tokens', { token: f.tokens.B.admin });
    expect(other.body.tokens.some((t: { id: string }) => t.id === created.body.id)).toBe(false);
    expect((await call(f.app, 'DELETE', `/api/tokens/${created.body.id}`, { token: f.tokens.B.admin })).status).toBe(404);
    expect((await call(f.app, 'DELETE', `/api/tokens/${created.body.id}`, { token: f.tokens.A.admin })).status).toBe(200);
  });

  it('answers with a request id and logs one JSON line per request', async () => {
    logs.length = 0;
    const r = await call(f.app, 'GET', '/api/me', { token: f.tokens.A.author, headers: { 'x-request-id': 'trace-123' } });
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    const fresh = await call(f.app, 'GET', '/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logs.filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ requestId: 'trace-123', method: 'GET', path: '/api/me', status: 200, caller: expect.stringMatching(/^tok_/) });
    expect(typeof lines[0].ms).toBe('number');
    expect(() => JSON.stringify(lines)).not.toThrow();
  });

  it('a bug answers 500 with the error body and is logged', async () => {
    const boom = () => { throw new Error('boom'); };
    const app = await appFor(f.store, { lang: { analyze: boom, format: boom }, log: (r) => logs.push(r) });
    logs.length = 0;
    const r = await call(app, 'POST', '/api/check', { token: f.tokens.A.author, body: { source: 'x' } });
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('internal');
    expect(r.text).not.toContain('boom');
    expect(logs.some((l) => l.level === 'error' && String(l.error).includes('boom'))).toBe(true);
  });
});
