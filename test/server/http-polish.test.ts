// HTTP details beyond the status code: 405 with `Allow` (and OPTIONS) derived from the registered
// routes, the RFC 6750 `WWW-Authenticate` challenge on every 401, `Location` on creations and their
// idempotent replays, and requests Node's parser refuses answered in the API's JSON error format
// (a real node server on a loopback port, spoken to over a raw socket).

import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Duplex } from 'node:stream';
import { Hono } from 'hono';
import { issueSigninCode } from '../../server/auth/signin.js';
import { methodAwareNotFound } from '../../server/methods.js';
import { createNodeServer, onClientError } from '../../server/node-server.js';
import { call, enc, type Fixture, isErrorBody, PROVINCE, PROVINCE_ID, singleCase, withPublishedProvince } from './helpers.js';

let f: Fixture;
withPublishedProvince((fixture) => (f = fixture));

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const allowOf = (h: Headers) => (h.get('allow') ?? '').split(',').map((m) => m.trim()).filter(Boolean);

describe('405 Method Not Allowed and OPTIONS', () => {
  it.each([
    ['DELETE', '/api/schemes', ['GET', 'HEAD', 'POST', 'OPTIONS']],
    ['GET', `${S}/publish`, ['POST', 'OPTIONS']],
    ['PATCH', `${S}/draft`, ['PUT', 'OPTIONS']],
    ['POST', `${S}/versions/1`, ['GET', 'HEAD', 'OPTIONS']],
    ['PUT', '/api/tokens/tok_x', ['DELETE', 'OPTIONS']],
    ['DELETE', '/api/openapi.json', ['GET', 'HEAD', 'OPTIONS']],
  ])('%s %s is 405 with Allow', async (method, path, allow) => {
    const r = await call(f.app, method, path, { token: f.tokens.A.admin });
    expect(r.status).toBe(405);
    expect(r.body.error.code).toBe('method_not_allowed');
    expect(isErrorBody(r.body)).toBe(true);
    expect(allowOf(r.headers)).toEqual(allow);
  });

  it('a public path needs no token for its 405', async () => {
    const r = await call(f.app, 'POST', '/healthz');
    expect(r.status).toBe(405);
    expect(r.body.error.code).toBe('method_not_allowed');
    expect(allowOf(r.headers)).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('HEAD on a path without GET is 405 too', async () => {
    const res = await f.app.request(`${S}/publish`, { method: 'HEAD', headers: { authorization: `Bearer ${f.tokens.A.author}` } });
    expect(res.status).toBe(405);
    expect(allowOf(res.headers)).toEqual(['POST', 'OPTIONS']);
  });

  it('an unknown path stays 404, whatever the method', async () => {
    for (const method of ['GET', 'DELETE', 'OPTIONS']) {
      const r = await call(f.app, method, '/api/nothing', { token: f.tokens.A.author });
      expect(r.status, method).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect(r.headers.get('allow')).toBeNull();
    }
    expect((await call(f.app, 'DELETE', '/nothing/here')).status).toBe(404);
  });

  it('under /api authentication comes first: 401, not 404 or 405, without a token', async () => {
    for (const [method, path] of [['GET', '/api/nothing'], ['DELETE', '/api/schemes'], ['OPTIONS', '/api/schemes'], ['POST', '/api/openapi.json']]) {
      const r = await call(f.app, method, path);
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.body.error.code).toBe('unauthorized');
      expect(r.headers.get('allow')).toBeNull();
    }
  });

  it('OPTIONS on a known path is 204 with Allow and no body', async () => {
    const r = await call(f.app, 'OPTIONS', `${S}/evaluate`, { token: f.tokens.A.evaluator });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(allowOf(r.headers)).toEqual(['POST', 'OPTIONS']);
    const h = await call(f.app, 'OPTIONS', '/healthz');
    expect(h.status).toBe(204);
    expect(allowOf(h.headers)).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('Allow agrees with every operation of the OpenAPI document', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(doc.paths);
    expect(paths.length).toBeGreaterThan(10);
    for (const [template, ops] of paths) {
      const path = template.replace(/\{[^}]+\}/g, 'x');
      const r = await call(f.app, 'OPTIONS', path, { token: f.tokens.A.author });
      expect(r.status, path).toBe(204);
      const documented = Object.keys(ops).map((m) => m.toUpperCase());
      expect(allowOf(r.headers).filter((m) => m !== 'HEAD' && m !== 'OPTIONS').sort(), path).toEqual(documented.sort());
    }
  });

  it('middleware is no route; a route that passes the request on gives its 404, not 405', async () => {
    const app = new Hono();
    app.use('/mw/*', async (_c, next) => next());
    app.get('/fallthrough', async (_c, next) => next());
    app.post('/fallthrough', (c) => c.text('ok'));
    app.notFound(methodAwareNotFound(() => app.routes));
    expect((await app.request('/mw/x', { method: 'POST' })).status).toBe(404);
    const r = await app.request('/fallthrough');
    expect(r.status).toBe(404);
    expect(r.headers.get('allow')).toBeNull();
    expect((await app.request('/fallthrough', { method: 'DELETE' })).headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
  });

  it('the OpenAPI document lists 405 with Allow among the common errors', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
    const op = doc.paths['/api/schemes'].get;
    expect(op.responses['405']).toBeDefined();
    expect(op.responses['405'].headers.Allow).toBeDefined();
    expect(op.responses['401'].headers['WWW-Authenticate']).toBeDefined();
    expect(doc.paths['/api/schemes'].post.responses['201'].headers.Location).toBeDefined();
  });
});

describe('WWW-Authenticate on every 401', () => {
  const challenge = (h: Headers) => h.get('www-authenticate') ?? '';

  it('no credential: a bare Bearer challenge', async () => {
    const r = await call(f.app, 'GET', '/api/schemes');
    expect(r.status).toBe(401);
    expect(challenge(r.headers)).toMatch(/^Bearer realm="kaohe"$/);
  });

  it('another Authorization scheme: a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const r = await call(f.app, 'GET', '/api/schemes', { headers: { authorization: 'Basic dTpw' } });
    expect(r.status).toBe(401);
    expect(challenge(r.headers)).toMatch(/^Bearer realm="kaohe"$/);
  });

  it.each([
    ['an unknown token', { authorization: 'Bearer kht_nope' }],
    ['a malformed bearer header', { authorization: 'Bearer a b' }],
    ['an empty bearer header', { authorization: 'Bearer' }],
    ['an ended session', { cookie: 'kaohe_session=khs_nope' }],
  ])('%s: error="invalid_token"', async (_name, headers) => {
    const r = await call(f.app, 'GET', '/api/schemes', { headers });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
    expect(challenge(r.headers)).toMatch(/^Bearer realm="kaohe", error="invalid_token"$/);
  });

  it('a revoked token: error="invalid_token"', async () => {
    const created = await call(f.app, 'POST', '/api/tokens', { token: f.tokens.A.admin, body: { role: 'evaluator' } });
    expect(created.status).toBe(201);
    expect((await call(f.app, 'DELETE', `/api/tokens/${created.body.id}`, { token: f.tokens.A.admin })).status).toBe(200);
    const r = await call(f.app, 'GET', '/api/me', { token: created.body.token });
    expect(r.status).toBe(401);
    expect(challenge(r.headers)).toContain('error="invalid_token"');
  });

  it('a used sign-in code (401 invalid_code) carries a challenge too', async () => {
    const orgId = (await f.store.get<{ id: number }>("select id from organizations where name = 'org-A'"))!.id;
    const code = await issueSigninCode(f.store, orgId, ['author']);
    expect((await call(f.app, 'GET', `/signin?code=${code}`)).status).toBe(302);
    const r = await call(f.app, 'GET', `/signin?code=${code}`);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_code');
    expect(challenge(r.headers)).toMatch(/^Bearer realm="kaohe"/);
  });

  it('a valid token is not challenged', async () => {
    const r = await call(f.app, 'GET', '/api/me', { token: f.tokens.A.evaluator });
    expect(r.status).toBe(200);
    expect(r.headers.get('www-authenticate')).toBeNull();
  });
});

describe('Location', () => {
  it('POST /api/schemes 201 names the scheme, percent-encoded', async () => {
    const source = PROVINCE().replace(PROVINCE_ID, '考核副本二');
    const r = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source } });
    expect(r.status, r.text.slice(0, 300)).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/schemes/${encodeURIComponent('考核副本二')}`);
    const again = await call(f.app, 'GET', r.headers.get('location')!, { token: f.tokens.A.author });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe('考核副本二');
  });

  it('an Idempotency-Key replay (200) carries the first 201 answer\'s Location', async () => {
    const opts = { token: f.tokens.A.evaluator, body: singleCase().subject, headers: { 'idempotency-key': 'loc-1' } };
    const first = await call(f.app, 'POST', `${S}/evaluate`, opts);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/evaluations/${first.body.evaluationId}`);
    const replay = await call(f.app, 'POST', `${S}/evaluate`, opts);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(first.headers.get('location'));
  });
});

/** Sends raw bytes and reads until the server closes the connection (or 3 s pass). */
function rawExchange(port: number, bytes: string): Promise<{ statusLine: string; headers: Record<string, string>; body: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let data = '';
    let closed = false;
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    socket.on('end', () => (closed = true));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ statusLine, headers, body: rest.join('\r\n\r\n'), closed });
    });
  });
}

describe('requests Node refuses, answered as JSON', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createNodeServer(f.app.fetch, { hostname: '127.0.0.1', fastLane: f.app.fastLane });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['a malformed Content-Length', 'POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n'],
    ['a garbage request line', 'HELLO THERE\r\n\r\n'],
    ['a header line without a colon', 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nnot a header\r\n\r\n'],
    ['no Host header on HTTP/1.1', 'GET /healthz HTTP/1.1\r\n\r\n'],
    ['a Host that makes no URL', 'GET /healthz HTTP/1.1\r\nHost: a b\r\n\r\n'],
  ])('%s: 400 malformed_request with a JSON body', async (_name, bytes) => {
    const r = await rawExchange(port, bytes);
    expect(r.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(r.body);
    expect(isErrorBody(body)).toBe(true);
    expect(body.error.code).toBe('malformed_request');
    expect(body.error.details).toEqual([]);
    expect(r.headers.connection).toBe('close');
    expect(r.closed).toBe(true);
  });

  it('the raw answer is a complete message: its Content-Length is the body\'s', async () => {
    const r = await rawExchange(port, 'POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n');
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
  });

  it('headers beyond Node\'s limit: 431 headers_too_large as JSON', async () => {
    const r = await rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(r.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(r.body).error.code).toBe('headers_too_large');
  });

  it('a reset or unwritable socket is destroyed without an answer', () => {
    for (const [code, writable] of [['ECONNRESET', true], ['HPE_INVALID_METHOD', false]] as const) {
      const written: unknown[] = [];
      let destroyed = false;
      const socket = { writable, write: (d: unknown) => written.push(d), end: (d: unknown) => written.push(d), destroy: () => (destroyed = true) };
      onClientError(Object.assign(new Error(code), { code }), socket as unknown as Duplex);
      expect(written, code).toEqual([]);
      expect(destroyed, code).toBe(true);
    }
  });

  it('a well-formed request still reaches the app', async () => {
    const r = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(r.statusLine).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(r.body)).toEqual({ status: 'ok' });
  });

  it('an HTTP/1.0 request without Host is served (Host is optional there)', async () => {
    const r = await rawExchange(port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(r.statusLine).toMatch(/^HTTP\/1\.1 200/);
  });
});

// Over a real socket the request id and the security headers are set on the Node response before
// the app runs (request-id.ts, security-headers.ts) and the evaluate answer's own headers come as
// one plain object (evaluations/handlers.ts): every answer must still carry all of them, once.
describe('the evaluate answer over a real socket', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createNodeServer(f.app.fetch, { hostname: '127.0.0.1', fastLane: f.app.fastLane });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const evaluate = (headers: Record<string, string>) => fetch(`${base}${S}/evaluate`, {
    method: 'POST', body: JSON.stringify(singleCase().subject),
    headers: { authorization: `Bearer ${f.tokens.A.evaluator}`, 'content-type': 'application/json', ...headers },
  });
  const security = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cache-control'];

  it('201: its headers, the request id, the security headers and the stored result', async () => {
    const r = await evaluate({ 'x-request-id': 'sock-1', 'accept-language': 'zh' });
    const text = await r.text();
    expect(r.status, text.slice(0, 300)).toBe(201);
    const body = JSON.parse(text);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('location')).toBe(`/api/evaluations/${body.evaluationId}`);
    expect(r.headers.get('content-language')).toBe('zh');
    expect(r.headers.get('vary')).toBe('Accept-Language');
    expect(r.headers.get('x-request-id')).toBe('sock-1');
    expect(r.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(r.headers.get('idempotent-replayed')).toBeNull();
    for (const h of security) expect(r.headers.get(h), h).toBeTruthy();
    expect(r.headers.get('cache-control')).toBe('no-store');
    const stored = await call(f.app, 'GET', `/api/evaluations/${body.evaluationId}`, { token: f.tokens.A.evaluator });
    expect({ ...stored.body.result, evaluationId: body.evaluationId }).toEqual(body);
  });

  it('a replay: Idempotent-Replayed, the first language, no Vary, the same Location; a fresh id when the client’s is unfit', async () => {
    const first = await evaluate({ 'idempotency-key': 'sock-key', 'accept-language': 'en' });
    const firstText = await first.text();
    expect(first.status).toBe(201);
    const replay = await evaluate({ 'idempotency-key': 'sock-key', 'accept-language': 'zh', 'x-request-id': 'not fit!' });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe(firstText);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('content-language')).toBe('en');
    expect(replay.headers.get('vary')).toBeNull();
    expect(replay.headers.get('location')).toBe(first.headers.get('location'));
    expect(replay.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an error answer carries the request id and the security headers too', async () => {
    const r = await fetch(`${base}${S}/evaluate`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-request-id': 'sock-err' } });
    expect(r.status).toBe(401);
    expect(isErrorBody(await r.json())).toBe(true);
    expect(r.headers.get('x-request-id')).toBe('sock-err');
    for (const h of security) expect(r.headers.get(h), h).toBeTruthy();
  });
});
