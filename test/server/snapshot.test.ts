// The evaluate hot path reads tokens, schemes and versions from an in-memory snapshot tied to the
// database's generation counter (server/db/snapshot-cache.ts). These tests change the rows through
// a second connection — as `kaohe token` in another process or direct SQL would — and check that
// the very next request sees the change (on PostgreSQL a stored evaluation is checked at its commit;
// a new version is used once the server heard of it, within a bounded time). Also: the stored input is the body exactly as sent, and
// the body limit answers 413 from the Content-Length alone and for a chunked body.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/auth/tokens.js';
import { SnapshotCache } from '../../server/db/snapshot-cache.js';
import { sourceHash } from '../../server/prepared.js';
import type { Sql, Store } from '../../server/store/types.js';
import { appFor, call, enc, otherConnection, PROVINCE, PROVINCE_ID, publishedProvince, rowsIn, setup, singleCase, type Fixture } from './helpers.js';

let f: Fixture;
let other: Store;
beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  other = await otherConnection(f);
});
afterAll(async () => {
  await other?.close();
  await f.close();
});

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const evaluate = (token: string, body: unknown = singleCase().subject) => call(f.app, 'POST', `${S}/evaluate`, { token, body });

describe('snapshot of tokens, schemes and versions', () => {
  it('refuses a token revoked by another connection on the next request', async () => {
    const token = f.tokens.A.evaluator;
    expect((await evaluate(token)).status).toBe(201);
    expect((await evaluate(token)).status).toBe(201); // served from the snapshot
    await other.run('UPDATE tokens SET revoked_at = ? WHERE hash = ?', [new Date().toISOString(), sha256(token)]);
    const r = await evaluate(token);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
  });

  it('refuses a revoked token on the very next request of any other route too (the app reads the counter: review H13)', async () => {
    const made = await call(f.app, 'POST', '/api/tokens', { token: f.tokens.A.admin, body: { role: 'author' } });
    expect(made.status, made.text).toBe(201);
    const token = made.body.token as string;
    expect((await call(f.app, 'GET', '/api/schemes', { token })).status).toBe(200);
    await other.run('UPDATE tokens SET revoked_at = ? WHERE hash = ?', [new Date().toISOString(), sha256(token)]);
    expect((await call(f.app, 'GET', '/api/schemes', { token })).status).toBe(401);
  });

  it('evaluates on a version published by another connection from the next request on', async () => {
    const token = f.tokens.A.author;
    const first = await evaluate(token);
    expect(first.status).toBe(201);
    expect(first.body.scheme.hash).toBe(sourceHash(PROVINCE()));
    // A second published version with a different text (a comment), written behind the server's back.
    const source = `${PROVINCE()}\n// v2\n`;
    const scheme = (await other.get<{ id: number }>('SELECT id FROM schemes WHERE name = ?', [PROVINCE_ID]))!;
    const tokenId = (await other.get<{ id: number }>('SELECT id FROM tokens WHERE hash = ?', [sha256(token)]))!.id;
    const at = new Date().toISOString();
    await other.run(`INSERT INTO scheme_versions (scheme_id, n, source, hash, status, created_by, created_at, updated_at, published_by, published_at)
      VALUES (?, 2, ?, ?, 'published', ?, ?, ?, ?, ?)`, [scheme.id, source, sourceHash(source), tokenId, at, at, tokenId, at]);
    // SQLite: the very next request. PostgreSQL: the server hears of the change (LISTEN) a moment after
    // its commit — another connection's change is seen within a bounded time (db/snapshot-cache.ts).
    let second = await evaluate(token);
    for (const start = Date.now(); f.store.dialect === 'postgres' && second.body.scheme?.hash !== sourceHash(source) && Date.now() - start < 2000;) {
      await new Promise((r) => setTimeout(r, 10));
      second = await evaluate(token);
    }
    expect(second.status, second.text).toBe(201);
    expect(second.body.scheme.hash).toBe(sourceHash(source));
    const stored = await call(f.app, 'GET', `/api/evaluations/${second.body.evaluationId}`, { token });
    expect(stored.body.scheme).toMatchObject({ version: 2, status: 'published' });
  });

  it('stores the body exactly as sent', async () => {
    const text = `{ "id": "spaced",\n  "input": ${JSON.stringify(singleCase().subject!.input)} }`;
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.author, body: text });
    expect(r.status, r.text).toBe(201);
    const row = (await f.store.get<{ input: string }>('SELECT input FROM evaluations WHERE id = ?', [r.body.evaluationId]))!;
    expect(row.input).toBe(text);
    const stored = await call(f.app, 'GET', `/api/evaluations/${r.body.evaluationId}?replay=1`, { token: f.tokens.A.author });
    expect(stored.body.input).toEqual(JSON.parse(text));
    expect(stored.body.replay).toEqual({ identical: true });
  });
});

describe('body limit', () => {
  it('answers 413 from the Content-Length and for a chunked body, storing nothing', async () => {
    const app = await appFor(f.store, { maxBodyBytes: 1000 });
    const before = await rowsIn(f, 'evaluations');
    const big = JSON.stringify({ id: 'x', input: { pad: 'x'.repeat(2000) } });
    const headers = { authorization: `Bearer ${f.tokens.A.author}`, 'content-type': 'application/json' };
    const sized = await app.request(`${S}/evaluate`, { method: 'POST', headers: { ...headers, 'content-length': String(big.length) }, body: big });
    expect(sized.status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(c) { for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 600, (i + 1) * 600))); c.close(); },
    });
    const chunked = await app.request(`${S}/evaluate`, { method: 'POST', headers, body: chunks, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.code).toBe('payload_too_large');
    expect(await rowsIn(f, 'evaluations')).toBe(before);
  });
});

describe('a row read while the generation moved on', () => {
  // On PostgreSQL a row's read may arrive after another request's refresh saw a newer generation:
  // the value answers its own request but is not kept (it may predate the change).
  it('is answered but not kept', async () => {
    let generation = 1;
    const counter = { dialect: 'postgres', get: async () => ({ n: generation }) } as unknown as Sql;
    const cache = new SnapshotCache(counter);
    await cache.refresh();
    let arrive!: (v: string) => void;
    const pending = cache.get('token k', () => new Promise<string>((resolve) => (arrive = resolve)));
    generation = 2;
    await cache.refresh();
    arrive('read before the change');
    expect(await pending).toBe('read before the change');
    expect(await cache.get('token k', async () => 'read after it')).toBe('read after it');
    expect(await cache.get('token k', async () => 'not asked: kept')).toBe('read after it');
  });
});
