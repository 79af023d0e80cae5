// Hostile H6 F3, the accounts part (issue 16, session 6): POST and PATCH /api/accounts with 300,000
// roles or units answered 500 (zod walked every element and overflowed its stack; PATCH held the
// loop 9 s). The arrays are capped in their shape (server/accounts/schemas.ts): 400 invalid_request
// at the array's path, in the reader's language, nothing stored; a list within the caps still gets
// validate.ts's own 422 (units past MAX_UNITS), and duplicate roles still pass (deduplicated).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ROLES_SENT, MAX_UNITS_SENT } from '../../server/accounts/schemas.js';
import { MAX_UNITS } from '../../server/accounts/validate.js';
import { call, removeTempDirs, setup, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => { f = await setup(); });
afterAll(async () => { await f?.close(); removeTempDirs(); });

const admin = () => f.tokens.A.admin;
const accounts = async () => ((await f.store.get('SELECT count(*) AS n FROM accounts')) as { n: number }).n;
/** Within the 2 MiB body limit (`"admin",` is 8 bytes): enough to overflow zod's stack unbounded. */
const HUGE = 250_000;

describe('account arrays are capped before their elements are read (H6 F3)', () => {
  it('POST and PATCH with 250,000 roles or units: 400 at the array, in the reader’s language, nothing stored', async () => {
    const made = await call(f.app, 'POST', '/api/accounts', { token: admin(), body: { name: 'fr6-甲', roles: ['evaluator'] } });
    expect(made.status, made.text).toBe(201);
    const before = await accounts();
    const bodies: [string, string, unknown][] = [
      ['POST', '/api/accounts', { name: 'fr6-乙', roles: Array(HUGE).fill('admin') }],
      ['POST', '/api/accounts', { name: 'fr6-乙', roles: ['evaluator'], units: Array(HUGE).fill('科') }],
      ['POST', '/api/accounts', { name: 'fr6-乙', roles: Array(HUGE).fill(0) }],
      ['PATCH', `/api/accounts/${made.body.id}`, { roles: Array(HUGE).fill('admin') }],
      ['PATCH', `/api/accounts/${made.body.id}`, { units: Array(HUGE).fill(7) }],
    ];
    for (const [method, path, body] of bodies) {
      for (const lang of ['en', 'zh']) {
        const r = await call(f.app, method, `${path}?lang=${lang}`, { token: admin(), body });
        expect(r.status, r.text.slice(0, 300)).toBe(400);
        expect(r.body.error.code).toBe('invalid_request');
        const d = r.body.error.details as { path: string; message: string }[];
        expect(d).toHaveLength(1);
        expect(['roles', 'units']).toContain(d[0].path);
        expect(d[0].message).toMatch(lang === 'zh' ? /\p{Script=Han}/u : /^[\x20-\x7e]+$/);
      }
    }
    expect(await accounts()).toBe(before);
    expect((await f.store.get('SELECT roles, units FROM accounts WHERE id = ?', [made.body.id]))).toEqual({ roles: 'evaluator', units: null });
  });

  it('within the caps: duplicate roles pass, units past MAX_UNITS are validate.ts’s 422', async () => {
    const roles = await call(f.app, 'POST', '/api/accounts', { token: admin(), body: { name: 'fr6-丙', roles: Array(MAX_ROLES_SENT).fill('author') } });
    expect(roles.status, roles.text).toBe(201);
    expect(roles.body.roles).toEqual(['author']);
    const units = await call(f.app, 'POST', '/api/accounts', { token: admin(), body: { name: 'fr6-丁', roles: ['evaluator'], units: Array.from({ length: MAX_UNITS_SENT }, (_, i) => `科${i}`) } });
    expect(units.status).toBe(422);
    expect(units.body.error.code).toBe('invalid_account');
    expect(MAX_UNITS_SENT).toBeGreaterThan(MAX_UNITS);
  });
});
