// Bodies the server would read as something they are not, and chunked bodies cut short (hostile H3
// F10, F4). F10: a content coding (`Content-Encoding: gzip`, `Transfer-Encoding: gzip, chunked`) or
// a charset other than UTF-8 is refused 415 `unsupported_media_type` on every /api route that takes
// a body — through the evaluate fast lane as through the app — instead of being read as plain
// UTF-8 and stored (server/body-coding.ts). F4: a chunked body is read only once its caller is
// known (server/body-limit.ts), so a chunked evaluate cut by the request timeout is answered 408,
// audited and logged with its caller exactly as a Content-Length one, and a stranger's chunked body
// is refused 401 without being read.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createNodeServer } from '../../server/node-server.js';
import { call, enc, publishedProvince, PROVINCE_ID, removeTempDirs, setup, singleCase, type Fixture, rowsIn } from './helpers.js';

const logged: Record<string, unknown>[] = [];
let f: Fixture;
let lane: Server, hono: Server;
const TIMEOUTS = { headersTimeout: 400, requestTimeout: 1000 };
const EVALUATE = `/api/schemes/${enc(PROVINCE_ID)}/evaluate`;
const good = () => JSON.stringify(singleCase().subject);

beforeAll(async () => {
  f = await setup({ log: (r) => logged.push(r) });
  await publishedProvince(f);
  lane = createNodeServer(f.app.fetch, { hostname: '127.0.0.1', fastLane: f.app.fastLane, ...TIMEOUTS });
  hono = createNodeServer(f.app.fetch, { hostname: '127.0.0.1', ...TIMEOUTS });
  for (const s of [lane, hono]) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const s of [lane, hono]) {
    s?.closeAllConnections();
    await new Promise((resolve) => s?.close(resolve));
  }
  f?.close();
  removeTempDirs();
});

/** Writes `head`, then each of `parts` 100 ms apart (the connection stays open); the answer's status
 * line and body once the server closes, and how long that took. */
function exchange(server: Server, head: string, parts: string[] = []): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const got: Buffer[] = [];
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
      socket.write(head);
      parts.forEach((p, i) => setTimeout(() => socket.writable && socket.write(p), 100 * (i + 1)));
    });
    socket.on('data', (d) => got.push(d)).on('error', () => {});
    socket.on('close', () => {
      const text = Buffer.concat(got).toString('utf8');
      resolve({ status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4), ms: performance.now() - t0 });
    });
  });
}

const requestHead = (lines: string[]) => [`POST ${EVALUATE} HTTP/1.1`, 'Host: localhost', ...lines, '', ''].join('\r\n');
const bearer = () => `Authorization: Bearer ${f.tokens.A.evaluator}`;
const until = async (ok: () => Promise<boolean>) => { for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 20)); };
const auditOf = (requestId: string) => f.store.all<{ action: string; status: number; actor: string | null }>('SELECT action, status, actor FROM audit_log WHERE request_id = ?', [requestId]);
const evaluations = () => rowsIn(f, 'evaluations');

describe('codings and charsets the server does not decode: 415 (hostile H3 F10)', () => {
  it('on every /api route that takes a body, in both languages', async () => {
    const routes = f.app.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    const variants: [Record<string, string>, string, string][] = [
      [{ 'content-encoding': 'gzip' }, 'the coding `gzip`', '编码“gzip”'],
      [{ 'content-encoding': 'identity, deflate' }, 'the coding `deflate`', '编码“deflate”'],
      [{ 'content-type': 'application/json; charset=gbk' }, '`charset=gbk`', '“charset=gbk”'],
      [{ 'content-type': 'application/json; charset=UTF-16' }, '`charset=utf-16`', '“charset=utf-16”'],
    ];
    const stored = await evaluations();
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, 'x');
      for (const [headers, en, zh] of variants) {
        for (const [lang, words] of [['en', en], ['zh', zh]]) {
          const res = await call(f.app, r.method, path, { token: f.tokens.A.admin, body: '{}', headers: { 'accept-language': lang, ...headers } });
          expect([r.method, r.path, headers, res.status, res.body?.error?.code]).toEqual([r.method, r.path, headers, 415, 'unsupported_media_type']);
          expect(res.body.error.message).toContain(words);
        }
      }
    }
    expect(await evaluations()).toBe(stored);
  });

  it('Transfer-Encoding: gzip, chunked: 415 through the lane and the app, nothing stored', async () => {
    const body = good();
    const chunked = `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const stored = await evaluations();
    for (const server of [lane, hono]) {
      const r = await exchange(server, requestHead([bearer(), 'Content-Type: application/json', 'Transfer-Encoding: gzip, chunked', 'Connection: close']) + chunked);
      expect(r.status).toBe(415);
      expect(JSON.parse(r.body).error.message).toContain('`gzip`');
    }
    expect(await evaluations()).toBe(stored);
  });
});

describe('a chunked body is read once its caller is known (hostile H3 F4)', () => {
  it('cut by the request timeout: 408, audited and logged with the caller, as a Content-Length body', async () => {
    const body = good();
    for (const [name, server] of [['lane', lane], ['hono', hono]] as const) {
      for (const framing of ['chunked', 'sized']) {
        const id = `cut-${name}-${framing}`;
        const head = requestHead([bearer(), 'Content-Type: application/json', `X-Request-Id: ${id}`,
          framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${Buffer.byteLength(body)}`]);
        const r = await exchange(server, head + (framing === 'chunked' ? `${Buffer.byteLength(body).toString(16)}\r\n` : ''), Array.from(body.slice(0, 15)));
        expect([id, r.status]).toEqual([id, 408]);
        await until(async () => (await auditOf(id)).length > 0 && logged.some((l) => l.msg === 'request' && l.requestId === id));
        expect([id, await auditOf(id)]).toEqual([id, [{ action: 'evaluate', status: 408, actor: expect.any(String) }]]);
        expect(logged.find((l) => l.msg === 'request' && l.requestId === id), id).toMatchObject({ status: 408, caller: expect.any(String) });
      }
    }
  });

  it("a stranger's chunked body is refused 401 before it is read", async () => {
    for (const server of [lane, hono]) {
      const r = await exchange(server, requestHead(['Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close']) + '1000\r\n{"id":', ['"x"']);
      expect(r.status).toBe(401);
      expect(r.ms).toBeLessThan(TIMEOUTS.requestTimeout);
    }
  });
});
