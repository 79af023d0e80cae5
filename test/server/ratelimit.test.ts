// Failed authentication is limited per client address (issue 10, item 7): after N refused
// credentials in a window — bearer tokens, session cookies, sign-in codes alike — the address gets
// 429 `too_many_failures` with Retry-After, on every credential path, until the window ends; other
// addresses are unaffected; the in-memory state stays bounded whatever the number of addresses (the
// default limiter's heap cost is a measurement: ratelimit.measure.test.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSigninCode, SESSION_COOKIE } from '../../server/auth/signin.js';
import { findOrCreateOrg } from '../../server/auth/tokens.js';
import { addressKey } from '../../server/ratelimit/address-key.js';
import { MemoryFailureLimiter } from '../../server/ratelimit/limiter.js';
import { isErrorBody, setup, type Fixture } from './helpers.js';

const MAX = 5;
const WINDOW = 60_000;

let f: Fixture;
let clock = 1_000_000;
beforeAll(async () => {
  f = await setup({ authFailures: { maxFailures: MAX, windowMs: WINDOW, now: () => clock } });
});
afterAll(() => f.close());

/** A request from `address`, as @hono/node-server hands the socket to the app. */
async function from(address: string, path: string, headers: Record<string, string> = {}) {
  const res = await f.app.request(path, { headers }, { incoming: { socket: { remoteAddress: address } } });
  const text = await res.text();
  let body: any;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { status: res.status, headers: res.headers, body, text };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('failed authentication per address', () => {
  it('answers the N+1th attempt after N refused bearer tokens 429 with Retry-After', async () => {
    for (let i = 0; i < MAX; i++) expect((await from('10.0.0.1', '/api/me', bearer(`kh_wrong${i}`))).status).toBe(401);
    const r = await from('10.0.0.1', '/api/me', bearer('kh_wrong'));
    expect(r.status).toBe(429);
    expect(isErrorBody(r.body)).toBe(true);
    expect(r.body.error.code).toBe('too_many_failures');
    expect(Number(r.headers.get('retry-after'))).toBe(WINDOW / 1000);
  });

  it('refuses the locked-out address also with a valid token (a right guess must look like a wrong one)', async () => {
    expect((await from('10.0.0.1', '/api/me', bearer(f.tokens.A.admin))).status).toBe(429);
  });

  it('leaves other addresses alone: valid traffic passes, their own failures are 401', async () => {
    expect((await from('10.0.0.2', '/api/me', bearer(f.tokens.A.admin))).status).toBe(200);
    expect((await from('10.0.0.2', '/api/me', bearer('kh_wrong'))).status).toBe(401);
  });

  it('lets the address in again when the window has ended (injected clock)', async () => {
    clock += WINDOW / 2;
    const r = await from('10.0.0.1', '/api/me', bearer(f.tokens.A.admin));
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBe(WINDOW / 2000);
    clock += WINDOW / 2;
    expect((await from('10.0.0.1', '/api/me', bearer(f.tokens.A.admin))).status).toBe(200);
    expect((await from('10.0.0.1', '/api/me', bearer('kh_wrong'))).status).toBe(401);
  });

  it('counts unknown session cookies, and a locked-out address is refused with a cookie too', async () => {
    for (let i = 0; i < MAX; i++) {
      expect((await from('10.0.0.3', '/api/me', { cookie: `${SESSION_COOKIE}=khs_wrong${i}` })).status).toBe(401);
    }
    expect((await from('10.0.0.3', '/api/me', { cookie: `${SESSION_COOKIE}=khs_wrong` })).status).toBe(429);
    expect((await from('10.0.0.3', '/api/me')).status).toBe(429);
  });

  it('counts unknown sign-in codes; then /signin is 429 (JSON for programs, a page for people) and so is /api', async () => {
    for (let i = 0; i < MAX; i++) expect((await from('10.0.0.4', `/signin?code=khc_wrong${i}`)).status).toBe(401);
    const code = await issueSigninCode(f.store, await findOrCreateOrg(f.store, 'org-A'), ['admin']);
    const json = await from('10.0.0.4', `/signin?code=${code}`);
    expect(json.status).toBe(429);
    expect(json.body.error.code).toBe('too_many_failures');
    expect(json.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    const page = await from('10.0.0.4', `/signin?code=${code}`, { accept: 'text/html' });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    expect((await from('10.0.0.4', '/api/me', bearer(f.tokens.A.admin))).status).toBe(429);
    // The code was never looked at: it still works from elsewhere.
    expect((await from('10.0.0.5', `/signin?code=${code}`)).status).toBe(302);
  });

  it('does not count requests that present no secret, nor a malformed header', async () => {
    for (let i = 0; i < MAX * 2; i++) {
      expect((await from('10.0.0.6', '/api/me')).status).toBe(401);
      expect((await from('10.0.0.6', '/api/me', { authorization: 'Basic abc' })).status).toBe(401);
      expect((await from('10.0.0.6', '/signin')).status).toBe(401);
    }
    expect((await from('10.0.0.6', '/api/me', bearer(f.tokens.A.admin))).status).toBe(200);
  });

  it('counts an IPv6 client by its /64 network, and an IPv4-mapped address as the IPv4 one', async () => {
    for (let i = 0; i < MAX; i++) expect((await from(`2001:db8:1:2::${i + 1}`, '/api/me', bearer('kh_wrong'))).status).toBe(401);
    expect((await from('2001:db8:1:2:ffff::9', '/api/me', bearer(f.tokens.A.admin))).status).toBe(429);
    expect((await from('2001:db8:1:3::1', '/api/me', bearer(f.tokens.A.admin))).status).toBe(200);
    expect((await from('::ffff:10.0.0.1', '/api/me', bearer(f.tokens.A.admin))).status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('declares 429 with Retry-After on every authenticated operation', async () => {
    const doc = JSON.parse((await from('10.0.0.9', '/api/openapi.json')).text) as { paths: Record<string, Record<string, { security?: unknown; responses: Record<string, { headers?: object }> }>> };
    const ops = Object.values(doc.paths).flatMap((ops) => Object.values(ops)).filter((op) => op.security);
    expect(ops.length).toBeGreaterThan(10);
    for (const op of ops) expect(op.responses['429']?.headers).toHaveProperty('Retry-After');
  });
});

describe('addressKey', () => {
  it('keeps IPv4, maps IPv4-in-IPv6, and cuts IPv6 to its /64 in one spelling', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0db8:0000:0001:0000:0000:0000:0006')).toBe('2001:db8:0:1::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});

describe('MemoryFailureLimiter', () => {
  it('blocks from the Nth failure until the window that the first one opened ends', () => {
    const l = new MemoryFailureLimiter({ maxFailures: 3, windowMs: 1000 });
    for (let t = 0; t < 3; t++) {
      expect(l.blockedUntil('a', t)).toBeUndefined();
      l.recordFailure('a', t);
    }
    expect(l.blockedUntil('a', 3)).toBe(1000);
    expect(l.blockedUntil('a', 999)).toBe(1000);
    expect(l.blockedUntil('a', 1000)).toBeUndefined();
    expect(l.size).toBe(0);
  });

  it('stays within maxKeys under ten times as many distinct addresses, and the newest windows are kept', () => {
    const l = new MemoryFailureLimiter({ maxFailures: 1, windowMs: 60_000, maxKeys: 1_000 });
    let largest = 0;
    for (let i = 0; i < 10_000; i++) {
      l.recordFailure(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, i);
      largest = Math.max(largest, l.size);
    }
    expect(largest).toBe(1_000);
    expect(l.size).toBe(1_000);
    expect(l.blockedUntil('10.0.39.15', 10_000)).toBe(9_999 + 60_000); // i = 9,999: the last one
    expect(l.blockedUntil('10.0.0.0', 10_000)).toBeUndefined(); // the first one, forgotten
  });

  it('drops ended windows before live ones when it needs room', () => {
    const l = new MemoryFailureLimiter({ maxFailures: 1, windowMs: 100, maxKeys: 3 });
    l.recordFailure('old', 0);
    l.recordFailure('b', 150);
    l.recordFailure('c', 160);
    l.recordFailure('d', 170); // 'old' ended at 100: it goes, b and c stay
    expect(l.size).toBe(3);
    expect(l.blockedUntil('b', 171)).toBe(250);
    expect(l.blockedUntil('c', 171)).toBe(260);
  });

  // The default limiter's bound (50,000 windows) and its heap cost, 100,000 addresses: ratelimit.measure.test.ts.
});
