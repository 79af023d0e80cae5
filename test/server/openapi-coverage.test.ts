// The OpenAPI document covers the API (issue 14: "OpenAPI covers every new route"): every route under
// /api that the Hono app routes (app.routes, method-specific entries; `app.use` middleware is `ALL`)
// is an operation of GET /api/openapi.json, and every operation of the document is a route — so a
// handler mounted with plain `app.get()` and forgotten in the document fails here.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, removeTempDirs, setup, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup(); });
afterAll(() => { f.close(); removeTempDirs(); });

/** `GET /api/rounds/:id/export` for a Hono pattern or an OpenAPI path template. */
const op = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;

describe('OpenAPI coverage', () => {
  it('every /api route is in the document, and every documented operation is routed', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => op(m, path))));
    const routed = new Set(
      f.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json')
        .map((r) => op(r.method, r.path)),
    );
    expect(routed.has('GET /api/rounds/:id/export') && routed.has('POST /api/schemes/:id/evaluate')).toBe(true);
    expect([...routed].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((d) => d.includes(' /api/') && !routed.has(d)).sort()).toEqual([]);
  });

  it("includes issue 14's finding-things routes", async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/api/evaluations', 'get'], ['/api/rounds', 'get'], ['/api/rounds/{id}/export', 'get'],
      ['/api/subjects/{id}/results', 'get'], ['/api/subjects/import', 'post'],
    ]) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });
});
