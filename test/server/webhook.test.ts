// The finalize webhook (server/webhooks/): PUT/GET/DELETE /api/webhook (admin; http(s) URL, secret of
// at least 16 characters, never answered back), and notifyFinalized delivering a signed POST to a real
// local node:http server that checks X-Kaohe-Signature over the exact bytes it received; retries with
// backoff, a dead receiver is logged and never thrown, and the caller is not kept waiting.

import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizedBody, notifyFinalized, signature } from '../../server/webhooks/notify.js';
import { call, removeTempDirs, setup, type Fixture } from './helpers.js';
import { client, endPublicity, publish, quarterScheme } from './rounds-helpers.js';

const SECRET = 'a-secret-of-enough-length-对';

interface Received { body: string; headers: IncomingMessage['headers']; valid: boolean }

let f: Fixture;
let server: Server;
let base: string;
const received: Received[] = [];
/** Statuses to answer, in order (then 200). */
let answers: number[] = [];

beforeAll(async () => {
  f = await setup();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = 'sha256=' + createHmac('sha256', SECRET).update(Buffer.concat(chunks)).digest('hex');
      received.push({ body, headers: req.headers, valid: req.headers['x-kaohe-signature'] === expected });
      if (req.url === '/slow') return; // never answers: the sender's timeout ends it
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  f?.close();
  removeTempDirs();
});

const orgA = async () => (await f.store.get<{ id: number }>('SELECT id FROM organizations WHERE name = ?', ['org-A']))!.id;
const round = (orgId: number) => ({ orgId, id: 'rd_0001', scheme: '平时考核', version: 2, period: '2026-Q1', revision: 3 });

describe('PUT/GET/DELETE /api/webhook', () => {
  it('admin only; set, read without the secret, replace, delete', async () => {
    const put = (token: string, body: unknown) => call(f.app, 'PUT', '/api/webhook', { token, body });
    expect((await put(f.tokens.A.author, { url: `${base}/hook`, secret: SECRET })).status).toBe(403);
    expect((await call(f.app, 'GET', '/api/webhook', { token: f.tokens.A.admin })).status).toBe(404);
    const set = await put(f.tokens.A.admin, { url: `${base}/old`, secret: SECRET });
    expect(set.status, set.text).toBe(200);
    expect(set.text).not.toContain(SECRET);
    const again = await put(f.tokens.A.admin, { url: `${base}/hook`, secret: SECRET });
    expect(again.status).toBe(200);
    const got = await call(f.app, 'GET', '/api/webhook', { token: f.tokens.A.admin });
    expect(got.body).toMatchObject({ url: `${base}/hook`, event: 'round.finalized' });
    expect(got.text).not.toContain(SECRET);
    // another organization sees none
    expect((await call(f.app, 'GET', '/api/webhook', { token: f.tokens.B.admin })).status).toBe(404);
    expect((await call(f.app, 'DELETE', '/api/webhook', { token: f.tokens.A.admin })).status).toBe(200);
    expect((await call(f.app, 'DELETE', '/api/webhook', { token: f.tokens.A.admin })).status).toBe(404);
  });

  it('a URL that is not http(s) or a short secret: 422 at its path, in both languages, nothing stored', async () => {
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url', '/relative']) {
      const r = await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url, secret: 'short' } });
      expect(r.status, url).toBe(422);
      expect(r.body.error.code).toBe('invalid_webhook');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['url', 'secret']);
    }
    const zh = await call(f.app, 'PUT', '/api/webhook?lang=zh', { token: f.tokens.A.admin, body: { url: 'https://oa.example/h', secret: '123456789012345' } });
    expect(zh.status).toBe(422);
    expect(zh.body.error.details[0].message).toBe('密钥有15个字符，至少需要16个');
    const shape = await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url: 'https://oa.example/h' } });
    expect(shape.status).toBe(400);
    expect((await call(f.app, 'GET', '/api/webhook', { token: f.tokens.A.admin })).status).toBe(404);
  });

  it('a user name or password, a control character, a link-local or 0.0.0.0 host (any numeric form): 422 at `url`', async () => {
    const refused = [
      'https://user:pa55word@oa.example/h', 'https://user@oa.example/h', 'https://oa.example/h\r\nX-Evil: 1', 'https://oa.exa\nmple/h', 'https://oa.example/\th',
      'http://169.254.169.254/latest/meta-data', 'http://169.254.0.1/', 'http://2852039166/', 'http://0xa9fea9fe/', 'http://0251.0376.0251.0376/', 'http://169.254.43518/',
      'http://0.0.0.0:8080/', 'http://0/', 'http://0x0/', 'http://0.0.0.0./', 'http://0.1.2.3/',
      'http://[::]/', 'http://[::ffff:169.254.169.254]/', 'http://[::ffff:a9fe:a9fe]/', 'http://[fe80::1]/', 'http://[::169.254.169.254]/', 'http://[64:ff9b::a9fe:a9fe]/',
    ];
    for (const url of refused) {
      const r = await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url, secret: SECRET } });
      expect(r.status, url).toBe(422);
      expect(r.body.error.details.map((d: { path: string }) => d.path), url).toEqual(['url']);
      expect(r.text, url).not.toContain('pa55word');
    }
    expect((await call(f.app, 'GET', '/api/webhook', { token: f.tokens.A.admin })).status).toBe(404);
    const zh = await call(f.app, 'PUT', '/api/webhook?lang=zh', { token: f.tokens.A.admin, body: { url: 'http://2852039166/', secret: SECRET } });
    expect(zh.body.error.details[0].message).toContain('169.254.169.254');
  });

  it('internal addresses are allowed by decision (an OA system lives on the internal network)', async () => {
    for (const url of ['http://127.0.0.1:8080/h', 'http://2130706433/h', 'http://10.1.2.3/h', 'http://192.168.0.5/h', 'http://[::1]/h', 'http://[fd00::5]/h', 'http://oa.local/h']) {
      const r = await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url, secret: SECRET } });
      expect(r.status, `${url} ${r.text}`).toBe(200);
    }
    expect((await call(f.app, 'DELETE', '/api/webhook', { token: f.tokens.A.admin })).status).toBe(200);
  });
});

describe('notifyFinalized', () => {
  const logs: Record<string, unknown>[] = [];
  const ctx = () => ({ store: f.store, log: (r: Record<string, unknown>) => { logs.push(r); } });

  it('POSTs the event signed with HMAC-SHA256 of the exact body; the receiver verifies it', async () => {
    received.length = 0;
    await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url: `${base}/hook`, secret: SECRET } });
    const ok = await notifyFinalized(ctx(), round(await orgA()));
    expect(ok).toBe(true);
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r.valid).toBe(true);
    expect(r.headers['content-type']).toBe('application/json');
    const body = JSON.parse(r.body);
    expect(body).toEqual({ event: 'round.finalized', round: { id: 'rd_0001', scheme: '平时考核', version: 2, period: '2026-Q1', revision: 3 }, at: body.at });
    expect(new Date(body.at).toISOString()).toBe(body.at);
    expect(r.headers['x-kaohe-signature']).toBe(signature(SECRET, r.body));
    // a body changed by one byte fails the same check
    expect(signature(SECRET, r.body.replace('2026-Q1', '2026-Q2'))).not.toBe(r.headers['x-kaohe-signature']);
  });

  it('returns before delivering: the caller is not kept waiting', async () => {
    received.length = 0;
    const orgId = await orgA();
    const pending = notifyFinalized(ctx(), round(orgId));
    expect(received).toHaveLength(0); // nothing sent on the caller's turn
    await pending;
    expect(received).toHaveLength(1);
  });

  it('three tries with backoff on 5xx, then success', async () => {
    received.length = 0;
    answers = [500, 503];
    const ok = await notifyFinalized(ctx(), round(await orgA()), { timeoutMs: 2000, backoffMs: [20, 40] });
    expect(ok).toBe(true);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1); // the same signed body each try
    expect(received.every((r) => r.valid)).toBe(true);
  });

  it('a receiver that never answers: each try times out, failures logged, never thrown', async () => {
    received.length = 0;
    logs.length = 0;
    await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url: `${base}/slow`, secret: SECRET } });
    const ok = await notifyFinalized(ctx(), round(await orgA()), { timeoutMs: 100, backoffMs: [10, 10] });
    expect(ok).toBe(false);
    expect(received).toHaveLength(3);
    expect(logs.filter((l) => l.msg === 'webhook failed')).toHaveLength(3);
    expect(logs.some((l) => l.msg === 'webhook gave up' && l.level === 'error')).toBe(true);
  });

  it('a refused connection is logged, not thrown; no webhook: nothing sent', async () => {
    logs.length = 0;
    await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url: 'http://127.0.0.1:1/x', secret: SECRET } });
    expect(await notifyFinalized(ctx(), round(await orgA()), { timeoutMs: 500, backoffMs: [5] })).toBe(false);
    expect(logs.filter((l) => l.msg === 'webhook failed')).toHaveLength(2);
    await call(f.app, 'DELETE', '/api/webhook', { token: f.tokens.A.admin });
    received.length = 0;
    expect(await notifyFinalized(ctx(), round(await orgA()))).toBe(false);
    expect(received).toHaveLength(0);
  });

  it('through POST /api/rounds/:id/finalize: the receiver gets the round, signed; a receiver that hangs does not delay the answer', async () => {
    const rc = client(f);
    await publish(f, quarterScheme('回调测试'));
    /** A round of p1 in 公示 that has ended: finalize is next. */
    const ready = async (period: string) => {
      const id = await rc.evaluated('回调测试', period, [{ id: 'p1', input: { 实绩: 95 } }]);
      expect((await rc.publicize(id)).status).toBe(200);
      await endPublicity(f, id);
      return id;
    };
    const id = await ready('2026-Q1');
    await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url: `${base}/hook`, secret: SECRET } });
    received.length = 0;
    const fin = await rc.finalize(id);
    expect(fin.status, fin.text).toBe(200);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    expect(received[0].valid).toBe(true);
    expect(JSON.parse(received[0].body).round).toEqual({ id, scheme: '回调测试', version: 1, period: '2026-Q1', revision: 1 });

    // the receiver never answers: the finalize answer does not wait for it (5 s timeout per try)
    const slow = await ready('2026-Q2');
    await call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url: `${base}/slow`, secret: SECRET } });
    received.length = 0;
    const started = performance.now();
    const answer = await rc.finalize(slow);
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    await call(f.app, 'DELETE', '/api/webhook', { token: f.tokens.A.admin });
  });

  it('finalizedBody is the body that is signed', () => {
    const body = finalizedBody(round(1), '2026-12-05T00:00:00.000Z');
    expect(JSON.parse(body).round).not.toHaveProperty('orgId');
  });
});
