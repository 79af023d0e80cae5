// The scheme endpoints and the version workflow: create, list, read, draft, publish, versions.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, enc, isErrorBody, PROVINCE, PROVINCE_ID, setup, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup(); });
afterAll(() => f.close());

const base = `/api/schemes/${enc(PROVINCE_ID)}`;
const author = () => f.tokens.A.author;

describe('schemes', () => {
  it('creates a scheme named after the source with draft version 1', async () => {
    const r = await call(f.app, 'POST', '/api/schemes', { token: author(), body: { source: PROVINCE() } });
    expect(r.status).toBe(201);
    expect(r.body.id).toBe(PROVINCE_ID);
    expect(r.body.version).toMatchObject({ n: 1, status: 'draft', publishedAt: null });
    expect(r.body.version.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Array.isArray(r.body.diagnostics)).toBe(true);
  });

  it('refuses a second scheme of the same name (409)', async () => {
    const r = await call(f.app, 'POST', '/api/schemes', { token: author(), body: { source: PROVINCE() } });
    expect(r.status).toBe(409);
    expect(isErrorBody(r.body)).toBe(true);
  });

  it('refuses a source without a scheme header (422 with diagnostics)', async () => {
    const r = await call(f.app, 'POST', '/api/schemes', { token: author(), body: { source: '这不是方案' } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_scheme');
    expect(r.body.error.details.length).toBeGreaterThan(0);
  });

  it('evaluating before any publish is a conflict; an author may name the draft', async () => {
    const r = await call(f.app, 'POST', `${base}/evaluate`, { token: author(), body: { id: 'x', input: {} } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('not_published');
    const ev = await call(f.app, 'POST', `${base}/evaluate?version=draft`, { token: f.tokens.A.evaluator, body: { id: 'x', input: {} } });
    expect(ev.status).toBe(403);
  });

  it('lists and reads the scheme', async () => {
    const list = await call(f.app, 'GET', '/api/schemes', { token: f.tokens.A.evaluator });
    expect(list.status).toBe(200);
    expect(list.body.schemes).toEqual([expect.objectContaining({ id: PROVINCE_ID, published: null, latest: expect.objectContaining({ n: 1, status: 'draft' }) })]);
    const one = await call(f.app, 'GET', base, { token: f.tokens.A.admin });
    expect(one.status).toBe(200);
    expect(one.body.versions).toHaveLength(1);
    expect(one.body.versions[0]).toEqual(expect.objectContaining({ n: 1, status: 'draft', createdBy: expect.stringMatching(/^tok_/), createdAt: expect.any(String) }));
  });

  it('publishes the draft as immutable version 1', async () => {
    const r = await call(f.app, 'POST', `${base}/publish`, { token: author() });
    expect(r.status).toBe(200);
    expect(r.body.version).toMatchObject({ n: 1, status: 'published' });
    expect(r.body.version.publishedAt).toEqual(expect.any(String));
    const again = await call(f.app, 'POST', `${base}/publish`, { token: author() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('no_draft');
  });

  it('PUT draft opens version 2, then replaces it', async () => {
    const edited = PROVINCE().replace('precision 2', 'precision 2\n  // edited');
    const a = await call(f.app, 'PUT', `${base}/draft`, { token: author(), body: { source: edited } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ opened: true, version: { n: 2, status: 'draft' } });
    const b = await call(f.app, 'PUT', `${base}/draft`, { token: author(), body: { source: edited + '\n' } });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ opened: false, version: { n: 2, status: 'draft' } });
    expect(b.body.version.hash).not.toBe(a.body.version.hash);
  });

  it('reads a version with its source', async () => {
    const v1 = await call(f.app, 'GET', `${base}/versions/1`, { token: f.tokens.A.evaluator });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ scheme: PROVINCE_ID, n: 1, status: 'published', source: PROVINCE() });
    const v2 = await call(f.app, 'GET', `${base}/versions/2`, { token: f.tokens.A.evaluator });
    expect(v2.body.source.endsWith('\n\n') || v2.body.source.endsWith('\n')).toBe(true);
    expect((await call(f.app, 'GET', `${base}/versions/3`, { token: author() })).status).toBe(404);
  });

  it('refuses a draft that renames the scheme', async () => {
    const r = await call(f.app, 'PUT', `${base}/draft`, { token: author(), body: { source: PROVINCE().replace(PROVINCE_ID, '别的方案') } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('scheme_renamed');
  });

  it('refuses to publish a draft with errors (422, diagnostics) or a failing example (422)', async () => {
    const broken = PROVINCE().replace('weight 40% {', 'weight 45% {');
    await call(f.app, 'PUT', `${base}/draft`, { token: author(), body: { source: broken } });
    const r = await call(f.app, 'POST', `${base}/publish`, { token: author() });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid_scheme');
    expect(r.body.error.details[0]).toEqual(expect.objectContaining({ code: expect.stringMatching(/^KH-/), severity: 'error' }));

    const failing = PROVINCE().replace('expect score == 95.17', 'expect score == 1.01');
    await call(f.app, 'PUT', `${base}/draft`, { token: author(), body: { source: failing } });
    const e = await call(f.app, 'POST', `${base}/publish`, { token: author() });
    expect(e.status).toBe(422);
    expect(e.body.error.code).toBe('failing_examples');
    expect(e.body.error.details[0]).toEqual(expect.objectContaining({ name: expect.any(String), passed: false }));
    const detail = await call(f.app, 'GET', base, { token: author() });
    expect(detail.body.versions.map((v: { status: string }) => v.status)).toEqual(['published', 'draft']);
  });

  it('a published version cannot be altered through the API: PUT draft opens a new version', async () => {
    const fixed = PROVINCE().replace('precision 2', 'precision 2 // v2');
    await call(f.app, 'PUT', `${base}/draft`, { token: author(), body: { source: fixed } });
    expect((await call(f.app, 'POST', `${base}/publish`, { token: author() })).status).toBe(200);
    const v1 = await call(f.app, 'GET', `${base}/versions/1`, { token: author() });
    expect(v1.body.source).toBe(PROVINCE());
    const next = await call(f.app, 'PUT', `${base}/draft`, { token: author(), body: { source: PROVINCE() } });
    expect(next.body.version.n).toBe(3);
    const list = await call(f.app, 'GET', '/api/schemes', { token: author() });
    expect(list.body.schemes[0]).toMatchObject({ published: 2, latest: { n: 3, status: 'draft' } });
  });
});
