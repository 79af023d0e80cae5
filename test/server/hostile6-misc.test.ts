// Hostile audit H6, the small ones: a list's `limit` refused in the reader's language (F12), and the
// webhook's addresses (F8) — the other clouds' metadata literals refused when set, and at delivery
// the host resolved and every address checked, the connection made to the checked address.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbiddenAddress } from '../../server/webhooks/address.js';
import { postChecked, RefusedAddress, type Resolve } from '../../server/webhooks/deliver.js';
import { call, removeTempDirs, setup, type Fixture } from './helpers.js';

let f: Fixture;
let server: Server;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  f = await setup();
  server = createServer((req, res) => {
    received.push(`${req.headers.host} ${req.url}`);
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  f.close();
  removeTempDirs();
});

describe('limit of a list (F12)', () => {
  it.each([
    ['zh', '?limit=0', '应为 1 到 500 之间的整数'], ['en', '?limit=0', 'a number from 1 to 500'],
    ['zh', '?limit=600', '不得大于 500'], ['en', '?limit=600', 'at most 500'],
  ])('%s %s: the detail in the reader\'s language', async (lang, q, message) => {
    const r = await call(f.app, 'GET', `/api/rounds${q}`, { token: f.tokens.A.author, headers: { 'accept-language': lang } });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'limit', message })]);
  });
});

describe('webhook addresses (F8)', () => {
  const put = (url: string) => call(f.app, 'PUT', '/api/webhook', { token: f.tokens.A.admin, body: { url, secret: 'a-secret-of-enough-length' } });

  it.each(['http://100.100.100.200/latest/meta-data', 'http://192.0.0.192/opc/v2/instance', 'http://[fd00:ec2::254]/latest', 'http://[::ffff:100.100.100.200]/'])(
    '%s is refused when set (422)', async (url) => {
      expect((await put(url)).status).toBe(422);
    });

  it('private addresses stay allowed (an OA system on the internal network)', async () => {
    expect((await put('http://10.1.2.3:8080/hook')).status).toBe(200);
    expect((await put('http://100.100.100.201/hook')).status).toBe(200);
  });

  it('a resolved address: metadata, this-network and link-local refused, in either notation', () => {
    for (const a of ['169.254.169.254', '0.0.0.0', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254', 'FD00:EC2:0:0:0:0:0:254', '::ffff:169.254.169.254', '::ffff:100.100.100.200', 'fe80::1%eth0', '::']) {
      expect(forbiddenAddress(a), a).toBe(true);
    }
    for (const a of ['127.0.0.1', '10.0.0.1', '192.168.1.10', '::1', 'fd00::1']) expect(forbiddenAddress(a), a).toBe(false);
  });

  it('at delivery a name is resolved, refused when it resolves to a refused address, and sent to the address checked', async () => {
    const to = (...addresses: string[]): Resolve => (_host, _opts, cb) => cb(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    const before = received.length;
    await expect(postChecked(`http://metadata.example:${port}/a`, {}, '{}', 2000, to('169.254.169.254'))).rejects.toBeInstanceOf(RefusedAddress);
    await expect(postChecked(`http://mixed.example:${port}/b`, {}, '{}', 2000, to('127.0.0.1', '0.0.0.0'))).rejects.toBeInstanceOf(RefusedAddress);
    expect(received.length).toBe(before);
    // A name of no real address reaches the receiver: the connection goes where the check looked.
    expect(await postChecked(`http://hook.example:${port}/c`, {}, '{}', 2000, to('127.0.0.1'))).toBe(200);
    expect(received.slice(before)).toEqual([`hook.example:${port} /c`]);
  });

  it('an address literal stored before it was refused is not sent to', async () => {
    await expect(postChecked('http://100.100.100.200/x', {}, '{}', 2000)).rejects.toBeInstanceOf(RefusedAddress);
  });
});
