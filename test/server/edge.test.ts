// The HTTP edge (issue 10, items 4, 5, 6, 10): the same-origin check of cookie-signed unsafe
// requests (csrf.ts), the Node server's timeouts, connection cap and lingering close
// (node-server.ts), the security headers on every answer (security-headers.ts), trust-proxy
// (client-address.ts), and hangups that are no server error (interrupted.ts). Real sockets where
// the behaviour lives in Node; app.request() where it lives in the app.

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as serve } from '../../cli/commands/serve.js';
import { issueSigninCode } from '../../server/auth/signin.js';
import { findOrCreateOrg } from '../../server/auth/tokens.js';
import { clientAddress, trustProxy } from '../../server/client-address.js';
import type { AppEnv } from '../../server/context.js';
import { createNodeServer, type NodeServerOptions } from '../../server/node-server.js';
import { ASSET_CACHE_CONTROL, CONTENT_SECURITY_POLICY } from '../../server/security-headers.js';
import { memoryIO } from '../memory-io.js';
import { call, enc, type Fixture, PROVINCE, PROVINCE_ID, removeTempDirs, setup, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Sockets

interface Raw { status: number; headers: Record<string, string>; headerLines: string[]; body: string; ms: number; bytes: number; error?: string }

function parseRaw(data: Buffer, ms: number, error?: string): Raw {
  const text = data.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  const body = end < 0 ? '' : Buffer.from(text.slice(end + 4), 'latin1').toString('utf8');
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, headerLines, body, ms, bytes: data.length, error };
}

/** Connects, lets `drive` write, and collects everything the server sends until it closes (or
 * `limitMs` pass). `ms` is from connect to close. */
function exchange(port: number, drive: (s: Socket) => void, limitMs = 10_000): Promise<Raw> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const t0 = performance.now();
    let error: string | undefined;
    const s = connect(port, '127.0.0.1', () => drive(s));
    const timer = setTimeout(() => s.destroy(), limitMs);
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code));
    s.on('close', () => {
      clearTimeout(timer);
      resolve(parseRaw(Buffer.concat(chunks), performance.now() - t0, error));
    });
  });
}

/** Writes `head`, then one byte of `drip` every `everyMs` while the socket lives. */
const trickle = (head: string, drip: string, everyMs: number) => (s: Socket) => {
  s.write(head);
  let i = 0;
  const timer = setInterval(() => {
    if (s.destroyed || !s.writable) clearInterval(timer);
    else s.write(drip[i++ % drip.length]);
  }, everyMs);
  s.on('close', () => clearInterval(timer));
};

async function listen(fetch: (r: Request, env?: unknown) => Response | Promise<Response>, opts: NodeServerOptions = {}) {
  const server = createNodeServer(fetch as Parameters<typeof createNodeServer>[0], { hostname: '127.0.0.1', ...opts });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

const openConnections = (server: Server) => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)));

async function until(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SECURITY = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cache-control'];

/** Every security header, once, with its value; Cache-Control `cache` (no-store by default). */
function expectSecurityHeaders(what: string, headers: Headers | Raw, cache = 'no-store'): void {
  const get = (n: string) => (headers instanceof Headers ? headers.get(n) : headers.headers[n]);
  expect(get('content-security-policy'), what).toBe(CONTENT_SECURITY_POLICY);
  expect(get('x-content-type-options'), what).toBe('nosniff');
  expect(get('x-frame-options'), what).toBe('DENY');
  expect(get('referrer-policy'), what).toBe('no-referrer');
  expect(get('cache-control'), what).toBe(cache);
  if (!(headers instanceof Headers)) {
    for (const name of SECURITY) expect(headers.headerLines.filter((l) => l.toLowerCase().startsWith(`${name}:`)), `${what}: one ${name}`).toHaveLength(1);
  }
}

/** A session cookie of org A (author), through the one-time sign-in URL. */
async function sessionCookie(f: Fixture): Promise<string> {
  const code = await issueSigninCode(f.store, await findOrCreateOrg(f.store, 'org-A'), ['author']);
  const r = await f.app.request(`/signin?code=${code}`);
  return /kaohe_session=[^;]+/.exec(r.headers.get('set-cookie')!)![0];
}

/** The province scheme under another name, created as a draft of org A. */
async function draft(f: Fixture, name: string): Promise<string> {
  const r = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: PROVINCE().replace(`scheme ${PROVINCE_ID} `, `scheme ${name} `) } });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${r.text}`);
  return name;
}

// ---------------------------------------------------------------------------------------------

describe('same-origin check of unsafe requests signed in by the session cookie (CSRF)', () => {
  const ORIGIN = 'http://127.0.0.1:8787';
  const url = (path: string) => `${ORIGIN}${path}`;
  const check = { source: 'scheme 小 "小" {}' };
  let f: Fixture;
  let cookie: string;
  beforeAll(async () => {
    f = await setup();
    cookie = await sessionCookie(f);
  });
  afterAll(() => f.close());

  const post = (path: string, headers: Record<string, string>, body?: unknown) =>
    call({ request: (p, init) => f.app.request(url(p), init) }, 'POST', path, { headers, body });

  it('a form posted from another port of the same host with the cookie is 403 cross_origin_request, and publishes nothing', async () => {
    const id = await draft(f, '跨源甲');
    const form = { cookie, origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-site', 'content-type': 'application/x-www-form-urlencoded' };
    const r = await post(`/api/schemes/${enc(id)}/publish`, form);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('cross_origin_request');
    const scheme = await call(f.app, 'GET', `/api/schemes/${enc(id)}`, { token: f.tokens.A.author });
    expect(scheme.body.versions.map((v: { status: string }) => v.status)).toEqual(['draft']);
  });

  it('the same publish from the server\'s own origin with the cookie goes through', async () => {
    const id = await draft(f, '跨源乙');
    const r = await post(`/api/schemes/${enc(id)}/publish`, { cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin' });
    expect(r.status, r.text).toBe(200);
  });

  it.each([
    ['Origin of another port, no Sec-Fetch-Site', { origin: 'http://127.0.0.1:9999' }],
    ['Origin of another scheme', { origin: 'https://127.0.0.1:8787' }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site, no Origin', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site with the right Origin', { origin: ORIGIN, 'sec-fetch-site': 'same-site' }],
  ])('%s: 403 cross_origin_request', async (_name, headers) => {
    const r = await post('/api/check', { cookie, ...headers }, check);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('cross_origin_request');
  });

  it('neither Origin nor Sec-Fetch-Site: 403 origin_required', async () => {
    const r = await post('/api/check', { cookie }, check);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('origin_required');
  });

  it('a bearer token is not checked, whatever Origin says (a browser cannot forge the header)', async () => {
    const r = await post('/api/check', { authorization: `Bearer ${f.tokens.A.author}`, cookie, origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-site' }, check);
    expect(r.status, r.text).toBe(200);
  });

  it('same origin passes: Origin alone, or Sec-Fetch-Site: same-origin alone', async () => {
    expect((await post('/api/check', { cookie, origin: ORIGIN }, check)).status).toBe(200);
    expect((await post('/api/check', { cookie, 'sec-fetch-site': 'same-origin' }, check)).status).toBe(200);
  });

  it('safe methods are not checked', async () => {
    const r = await f.app.request(url('/api/me'), { headers: { cookie, origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'cross-site' } });
    expect(r.status).toBe(200);
  });

  it('POST /signout from another origin is refused and the session lives on; from the same origin it ends it', async () => {
    const own = await sessionCookie(f);
    const forged = await post('/signout', { cookie: own, origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-site' });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('cross_origin_request');
    expect((await f.app.request(url('/api/me'), { headers: { cookie: own } })).status).toBe(200);
    expect((await post('/signout', { cookie: own, origin: ORIGIN })).status).toBe(200);
    expect((await f.app.request(url('/api/me'), { headers: { cookie: own } })).status).toBe(401);
  });
});

describe('trust-proxy', () => {
  let trusting: Fixture;
  let plain: Fixture;
  beforeAll(async () => {
    trusting = await setup({ trustProxy: true });
    plain = await setup();
  });
  afterAll(() => {
    trusting.close();
    plain.close();
  });

  const signin = async (f: Fixture, headers: Record<string, string>) => {
    const code = await issueSigninCode(f.store, await findOrCreateOrg(f.store, 'org-A'), ['author']);
    return (await f.app.request(`/signin?code=${code}`, { headers })).headers.get('set-cookie')!;
  };

  it('the session cookie is Secure only with trustProxy and X-Forwarded-Proto: https', async () => {
    expect(await signin(trusting, { 'x-forwarded-proto': 'https' })).toMatch(/;\s*Secure/i);
    expect(await signin(trusting, { 'x-forwarded-proto': 'http' })).not.toMatch(/Secure/i);
    expect(await signin(trusting, {})).not.toMatch(/Secure/i);
    expect(await signin(plain, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/i);
  });

  it('the same-origin check takes the scheme and host the proxy forwards, and only with trustProxy', async () => {
    const proxied = { origin: 'https://kaohe.example.gov.cn', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'kaohe.example.gov.cn', host: '127.0.0.1:8787' };
    const body = { source: 'scheme 小 "小" {}' };
    const viaProxy = async (f: Fixture) => {
      const cookie = await sessionCookie(f);
      return call({ request: (p, init) => f.app.request(`http://127.0.0.1:8787${p}`, init) }, 'POST', '/api/check', { headers: { cookie, ...proxied }, body });
    };
    expect((await viaProxy(trusting)).status).toBe(200);
    const refused = await viaProxy(plain);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('cross_origin_request');
  });

  it('clientAddress: the proxy\'s last X-Forwarded-For entry with trust, the socket\'s peer without', async () => {
    const app = (trust: boolean) => {
      const a = new Hono<AppEnv>();
      if (trust) a.use(trustProxy());
      a.get('/ip', (c) => c.text(clientAddress(c)));
      return a;
    };
    const servers = await Promise.all([listen(app(true).fetch), listen(app(false).fetch)]);
    try {
      const ask = (port: number, xff?: string) => fetch(`http://127.0.0.1:${port}/ip`, { headers: xff ? { 'x-forwarded-for': xff } : {} }).then((r) => r.text());
      const [trusted, untrusted] = servers.map((s) => s.port);
      expect(await ask(trusted, '10.9.9.9, 203.0.113.7')).toBe('203.0.113.7');
      expect(await ask(trusted, 'not an address')).toBe('127.0.0.1');
      expect(await ask(trusted)).toBe('127.0.0.1');
      expect(await ask(untrusted, '203.0.113.7')).toBe('127.0.0.1');
      expect(await (await app(true).request('/ip', { headers: { 'x-forwarded-for': '203.0.113.7' } })).text()).toBe('203.0.113.7');
      expect(await (await app(false).request('/ip')).text()).toBe('unknown');
    } finally {
      await Promise.all(servers.map((s) => stop(s.server)));
    }
  });
});

describe('security headers', () => {
  let f: Fixture;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const staticDir = tempDir();
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1a2b3c4d.js"></script>');
    writeFileSync(join(staticDir, 'assets/app-1a2b3c4d.js'), 'export {};');
    f = await setup({ staticDir });
    ({ server, port } = await listen(f.app.fetch));
  });
  afterAll(async () => {
    await stop(server);
    f.close();
  });

  const get = (path: string, headers = '') => exchange(port, (s) => s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`));

  it('the policy allows no inline script, no eval, no framing, no plugin', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
  });

  it('the editor page loads no inline script and no inline event handler', () => {
    const built = fileURLToPath(new URL('../../editor/dist/index.html', import.meta.url));
    const source = fileURLToPath(new URL('../../editor/index.html', import.meta.url));
    for (const file of [built, source]) {
      let html: string;
      try { html = readFileSync(file, 'utf8'); } catch { continue; } // editor/dist exists after a build only
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, file).toMatch(/\bsrc=/);
      expect(html, file).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });

  it('on API answers and errors: 200, 401, 404, 405, 413, 403', async () => {
    expectSecurityHeaders('200', await get('/healthz'));
    expectSecurityHeaders('200 api', await get('/api/me', `Authorization: Bearer ${f.tokens.A.author}\r\n`));
    expectSecurityHeaders('401', await get('/api/me'));
    expectSecurityHeaders('404', await get('/nowhere'));
    expectSecurityHeaders('405', await exchange(port, (s) => s.write('DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')));
    const tooBig = await exchange(port, (s) => s.end(`POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${3 * 1024 * 1024}\r\nConnection: close\r\n\r\n`));
    expect(tooBig.status).toBe(413);
    expectSecurityHeaders('413', tooBig);
    const forged = await exchange(port, (s) => s.write('POST /signout HTTP/1.1\r\nHost: x\r\nCookie: kaohe_session=x\r\nConnection: close\r\n\r\n'));
    expect(forged.status).toBe(403);
    expectSecurityHeaders('403', forged);
  });

  it('on the editor: index.html no-store, the hashed assets cached for a year', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expectSecurityHeaders('index.html', page);
    const asset = await get('/assets/app-1a2b3c4d.js');
    expect(asset.status).toBe(200);
    expectSecurityHeaders('asset', asset, ASSET_CACHE_CONTROL);
    expectSecurityHeaders('missing asset', await get('/assets/missing-0000.js'));
  });

  it('on what Node refuses before the app: bad HTTP, no Host, an unusable Host', async () => {
    expectSecurityHeaders('garbage', await exchange(port, (s) => s.write('HELLO THERE\r\n\r\n')));
    expectSecurityHeaders('no Host', await exchange(port, (s) => s.write('GET /healthz HTTP/1.1\r\n\r\n')));
    expectSecurityHeaders('bad Host', await exchange(port, (s) => s.write('GET /healthz HTTP/1.1\r\nHost: a b\r\n\r\n')));
    expectSecurityHeaders('headers too large', await exchange(port, (s) => s.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)));
  });

  it('CONNECT and an Expect other than 100-continue are answered as JSON errors, with the headers', async () => {
    const connectReq = await exchange(port, (s) => s.write('CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n'));
    expect(connectReq.status).toBe(400);
    expect(JSON.parse(connectReq.body).error.code).toBe('malformed_request');
    expectSecurityHeaders('CONNECT', connectReq);
    const expectMagic = await exchange(port, (s) => s.write('POST /api/check HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 0\r\n\r\n'));
    expect(expectMagic.status).toBe(417);
    expect(JSON.parse(expectMagic.body).error.code).toBe('expectation_failed');
    expectSecurityHeaders('417', expectMagic);
  });

  it('on app.request() too, without a Node server in front', async () => {
    expectSecurityHeaders('200', (await f.app.request('/healthz')).headers);
    expectSecurityHeaders('401', (await f.app.request('/api/me')).headers);
    expectSecurityHeaders('404', (await f.app.request('/nowhere')).headers);
    expectSecurityHeaders('asset', (await f.app.request('/assets/app-1a2b3c4d.js')).headers, ASSET_CACHE_CONTROL);
  });
});

describe('timeouts', () => {
  let f: Fixture;
  let server: Server;
  let port: number;
  const logged: Record<string, unknown>[] = [];
  const limits = { headersTimeout: 400, requestTimeout: 1000, keepAliveTimeout: 300, idleTimeout: 500 };
  beforeAll(async () => {
    const staticDir = tempDir();
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    writeFileSync(join(staticDir, 'assets/big-00000000.bin'), Buffer.alloc(32 * 1024 * 1024, 120));
    f = await setup({ staticDir, log: (r) => logged.push(r) });
    ({ server, port } = await listen(f.app.fetch, limits));
  });
  afterAll(async () => {
    await stop(server);
    f.close();
  });

  it('a body trickled a byte at a time is cut at the request timeout: 408 request_timeout, logged as 408, no error', async () => {
    logged.length = 0;
    const head = `POST /api/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${f.tokens.A.author}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"source":"`;
    const r = await exchange(port, trickle(head, 'a', 100));
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body).error.code).toBe('request_timeout');
    expectSecurityHeaders('408', r);
    expect(r.ms).toBeGreaterThan(limits.requestTimeout - 100);
    expect(r.ms).toBeLessThan(limits.requestTimeout + 800);
    await until(() => logged.some((l) => l.msg === 'request'));
    expect(logged.find((l) => l.msg === 'request')).toMatchObject({ path: '/api/check', status: 408 });
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('headers trickled a byte at a time are cut at the headers timeout: 408', async () => {
    const r = await exchange(port, trickle('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ', 'a', 50));
    expect(r.status).toBe(408);
    expect(r.ms).toBeLessThan(limits.headersTimeout + 600);
  });

  it('a connection that sends nothing is cut at the headers timeout', async () => {
    const r = await exchange(port, () => {});
    expect(r.status).toBe(408);
    expect(r.ms).toBeLessThan(limits.headersTimeout + 600);
  });

  it('an idle keep-alive connection closes after the keep-alive timeout (plus Node\'s 1 s grace)', async () => {
    let answered = 0;
    const r = await exchange(port, (s) => {
      s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      s.once('data', () => (answered = performance.now()));
    });
    expect(r.status).toBe(200);
    const t0 = performance.now() - r.ms;
    expect(answered - t0).toBeLessThan(r.ms);
    expect(r.ms - (answered - t0)).toBeLessThan(limits.keepAliveTimeout + 1000 + 700);
  });

  it('a client that stops reading a response is dropped after the idle timeout', async () => {
    let socket: Socket | undefined;
    const done = exchange(port, (s) => {
      socket = s;
      s.pause();
      s.write('GET /assets/big-00000000.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    }, 20_000);
    await new Promise((r) => setTimeout(r, limits.idleTimeout * 4));
    socket!.resume();
    const r = await done;
    expect(r.status).toBe(200);
    expect(r.bytes).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('the connection cap', () => {
  let f: Fixture;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    f = await setup();
    ({ server, port } = await listen(f.app.fetch, { maxConnections: 2, headersTimeout: 10_000 }));
  });
  afterAll(async () => {
    await stop(server);
    f.close();
  });

  const healthz = () => exchange(port, (s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));

  it('a connection beyond the cap is answered 503 too_many_connections; a freed place serves again', async () => {
    const held = await Promise.all([0, 1].map(() => new Promise<Socket>((resolve) => {
      const s: Socket = connect(port, '127.0.0.1', () => resolve(s));
      s.on('error', () => {});
    })));
    await until(async () => (await openConnections(server)) === 2);
    const refused = await healthz();
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error.code).toBe('too_many_connections');
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers.connection).toBe('close');
    expectSecurityHeaders('503', refused);
    held[0].destroy();
    await until(async () => (await openConnections(server)) === 1);
    expect((await healthz()).status).toBe(200);
    held[1].destroy();
  });
});

describe('answers before the body is read reach a client still sending it', () => {
  let f: Fixture;
  let server: Server;
  let port: number;
  const logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    f = await setup({ log: (r) => logged.push(r) });
    ({ server, port } = await listen(f.app.fetch));
  });
  afterAll(async () => {
    await stop(server);
    f.close();
  });

  /** A client that writes its whole body (8 MiB, 64 KiB every 10 ms: longer than any drain
   * window) before it reads, as simple HTTP clients do; a failed write (a reset) fails it. */
  const writeThenRead = (chunked: boolean) => exchange(port, (s) => {
    s.pause();
    s.write(`POST /api/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${f.tokens.A.author}\r\nContent-Type: application/json\r\n`
      + `${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${8 * 1024 * 1024}`}\r\n\r\n`);
    const piece = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const next = () => {
      if (sent === 128) {
        if (chunked) s.write('0\r\n\r\n');
        s.resume();
        return;
      }
      sent += 1;
      s.write(chunked ? Buffer.concat([Buffer.from('10000\r\n'), piece, Buffer.from('\r\n')]) : piece, (e) => (e ? s.resume() : setTimeout(next, 10)));
    };
    next();
  }, 30_000);

  it.each([['with Content-Length', false], ['chunked', true]])('413 payload_too_large, %s', async (_name, chunked) => {
    const r = await writeThenRead(chunked);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('payload_too_large');
    expectSecurityHeaders('413', r);
  });

  it('a client that hangs up mid-body is logged as 499, not as an error', async () => {
    logged.length = 0;
    const evaluate = `POST /api/schemes/${enc(PROVINCE_ID)}/evaluate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${f.tokens.A.author}\r\nContent-Length: 100\r\n\r\n{"a`;
    const chunked = `POST /api/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${f.tokens.A.author}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{"a\r\n`;
    for (const head of [evaluate, chunked]) {
      await exchange(port, (s) => {
        s.write(head);
        setTimeout(() => s.destroy(), 200);
      });
    }
    await until(() => logged.filter((l) => l.msg === 'request').length === 2);
    expect(logged.filter((l) => l.msg === 'request').map((l) => l.status)).toEqual([499, 499]);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('kaohe serve edge flags', () => {
  it('are handed to the server: --request-timeout cuts a trickled body, --max-connections refuses the next', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'none'));
    // V8 as it ships, without CHILD_FLAGS (test/child-flags.ts): a time bound below reads this child's cut-off.
    const child = spawn(process.execPath, ['bin/kaohe.js', 'serve', '--lang', 'en', '--port', '0', '--db', join(dir, 'k.db'), '--schemes', join(dir, 'none'),
      '--headers-timeout', '0.3', '--request-timeout', '0.6', '--max-connections', '1', '--trust-proxy'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      let err = '';
      const port = await new Promise<number>((resolve, reject) => {
        child.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
          if (m && /signin\?code=\S+/.test(err)) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`kaohe serve exited (${code}): ${err}`)));
      });
      const token = /token \(shown once\): (\S+)/.exec(err)![1];
      const slow = await exchange(port, trickle(`POST /api/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`, 'a', 50));
      expect(slow.status).toBe(408);
      expect(slow.ms).toBeLessThan(600 + 700);
      const held = await new Promise<Socket>((resolve) => {
        const s: Socket = connect(port, '127.0.0.1', () => resolve(s));
        s.on('error', () => {});
      });
      await new Promise((r) => setTimeout(r, 50));
      const refused = await exchange(port, (s) => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      held.destroy();
      expect(refused.status).toBe(503);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });


  it.each([
    [['--headers-timeout', '40', '--request-timeout', '30']],
    [['--request-timeout', 'abc']],
    [['--keep-alive-timeout', '0']],
    [['--idle-timeout']],
    [['--max-connections', '0']],
    [['--max-connections', '2.5']],
    [['--trust-proxy=yes']],
  ])('%j is a usage error', async (argv) => {
    const io = memoryIO();
    expect(await serve(argv, io)).toBe(2);
    // An option without its value names it (C10b), a number out of range says which (V12); the others are answered with the usage.
    expect(io.stderr).toMatch(argv.length === 1 && argv[0] === '--idle-timeout' ? /--idle-timeout needs a value/ : argv[0] === '--trust-proxy=yes' ? /^usage: kaohe serve/ : /^kaohe serve: --[a-z-]+ .*\n(?:.*\n)*usage: kaohe serve/);
  });
});
