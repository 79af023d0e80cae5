// A client that shuts its sending side right after its request (net: socket.end(request); `nc -N`)
// still gets its answer (server/node-server.ts: httpAllowHalfOpen). Node's default ended the
// connection at the client's FIN, so any answer that awaited something — a language worker, a
// timer, the file system — was written to a closed socket: the client got nothing, though an
// evaluation could be stored. Checked with an app whose answers wait a few milliseconds (GET and a
// POST with a body), and with the real app's evaluate route: answered 201 and stored once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createNodeServer } from '../../server/node-server.js';
import { enc, publishedProvince, PROVINCE_ID, removeTempDirs, setup, singleCase, type Fixture, rowsIn } from './helpers.js';

let f: Fixture;
let slow: Server, real: Server;

/** Answers after 20 ms (as a handler that awaits a worker does), echoing the body's length. */
async function slowFetch(req: Request): Promise<Response> {
  const body = await req.text();
  await sleep(20);
  return Response.json({ method: req.method, length: body.length });
}

beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
  slow = createNodeServer(slowFetch, { hostname: '127.0.0.1' });
  real = createNodeServer(f.app.fetch, { hostname: '127.0.0.1', fastLane: f.app.fastLane });
  for (const s of [slow, real]) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
});

afterAll(() => {
  for (const s of [slow, real]) s?.close();
  f?.close();
  removeTempDirs();
});

/** Writes `request`, half-closes at once, and returns what came back before the server closed
 * the connection (or 'not closed' when it had not after 2 s). */
function halfClosed(server: Server, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.end(request));
    const got: Buffer[] = [];
    let waited = false;
    const timer = setTimeout(() => { waited = true; socket.destroy(); }, 2000);
    socket.on('data', (d) => got.push(d)).on('error', reject)
      .on('close', () => { clearTimeout(timer); resolve(waited ? 'not closed' : Buffer.concat(got).toString('utf8')); });
  });
}

const request = (method: string, path: string, headers: string[], body = '') =>
  [`${method} ${path} HTTP/1.1`, 'Host: localhost', ...headers, ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []), '', body].join('\r\n');

describe('a client that half-closes after its request', () => {
  it('gets an answer that was not ready at its FIN (GET and POST)', async () => {
    expect(await halfClosed(slow, request('GET', '/x', []))).toMatch(/^HTTP\/1\.1 200 [^]*\{"method":"GET","length":0\}$/);
    const body = JSON.stringify({ pad: 'x'.repeat(100_000) }); // read in several chunks
    expect(await halfClosed(slow, request('POST', '/x', ['Content-Type: application/json'], body)))
      .toMatch(new RegExp(`^HTTP/1\\.1 200 [^]*\\{"method":"POST","length":${body.length}\\}$`));
  });

  it('is closed at once when no request is in progress', async () => {
    expect(await halfClosed(slow, '')).toBe('');
  });

  it('gets its evaluation answered and stored once', async () => {
    const rows = () => rowsIn(f, 'evaluations');
    const before = await rows();
    const headers = [`Authorization: Bearer ${f.tokens.A.evaluator}`, 'Content-Type: application/json', 'Idempotency-Key: half-close-1'];
    const answer = await halfClosed(real, request('POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, headers, JSON.stringify(singleCase().subject)));
    expect(answer).toMatch(/^HTTP\/1\.1 201 [^]*"evaluationId":/);
    expect(await rows()).toBe(before + 1);
    const list = await halfClosed(real, request('GET', '/api/schemes', [`Authorization: Bearer ${f.tokens.A.author}`]));
    expect(list).toMatch(/^HTTP\/1\.1 200 /);
  });
});
