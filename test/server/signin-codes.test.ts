// Sign-in codes over each store (SQLite, and PostgreSQL when KAOHE_TEST_PG is set), after trial V12:
// two servers started together on one database each print a link, and both links work (a start no
// longer revokes the organization's earlier codes); a code lives SIGNIN_CODE_HOURS from its
// created_at — an hour for the organization's, a day for an account's — also a code made before the
// lifetime existed; for one account the newest code still cancels the earlier ones.

import { describe, expect, it } from 'vitest';
import { issueSigninCode, redeemSigninCode, SIGNIN_CODE_HOURS } from '../../server/auth/signin.js';
import { findOrCreateOrg, sha256 } from '../../server/auth/tokens.js';
import type { Store } from '../../server/store/types.js';
import { testDialects, useTestStore } from './store-target.js';

/** Moves a code's creation `hours` (and a minute more, or less) into the past, as if made then. */
async function ageCode(store: Store, code: string, hours: number, minutes: number): Promise<void> {
  const at = new Date(Date.now() - hours * 3_600_000 - minutes * 60_000).toISOString();
  expect(await store.run('UPDATE tokens SET created_at = ? WHERE hash = ?', [at, sha256(code)])).toBe(1);
}

const ACCOUNT = 'INSERT INTO accounts (org_id, name, roles, created_at) VALUES (?, ?, ?, ?) RETURNING id';

describe.each(testDialects)('sign-in codes over %s', (dialect) => {
  const store = useTestStore(dialect);

  it('two servers\' start links both work, each once', async () => {
    const orgId = await findOrCreateOrg(store, 'org-signin-1');
    const [first, second] = await Promise.all([issueSigninCode(store, orgId, ['admin', 'author']), issueSigninCode(store, orgId, ['admin', 'author'])]);
    const third = await issueSigninCode(store, orgId, ['admin', 'author']);
    for (const code of [first, second, third]) expect(await redeemSigninCode(store, code)).toMatch(/^khs_/);
    expect(await redeemSigninCode(store, first)).toBeUndefined();
  });

  it('the organization\'s code opens nothing past its hour; an account\'s past its day', async () => {
    const orgId = await findOrCreateOrg(store, 'org-signin-2');
    const fresh = await issueSigninCode(store, orgId, ['admin']);
    const old = await issueSigninCode(store, orgId, ['admin']);
    await ageCode(store, fresh, SIGNIN_CODE_HOURS.organization, -1);
    await ageCode(store, old, SIGNIN_CODE_HOURS.organization, 1);
    expect(await redeemSigninCode(store, old)).toBeUndefined();
    expect(await redeemSigninCode(store, fresh)).toMatch(/^khs_/);

    const accountId = (await store.get<{ id: number }>(ACCOUNT, [orgId, '王五', 'author', new Date().toISOString()]))!.id;
    const personal = await issueSigninCode(store, orgId, ['author'], accountId);
    await ageCode(store, personal, SIGNIN_CODE_HOURS.account, -1);
    expect(await redeemSigninCode(store, personal)).toMatch(/^khs_/);
    const late = await issueSigninCode(store, orgId, ['author'], accountId);
    await ageCode(store, late, SIGNIN_CODE_HOURS.account, 1);
    expect(await redeemSigninCode(store, late)).toBeUndefined();
  });

  it('a code stored before codes had a lifetime expires by its created_at', async () => {
    const orgId = await findOrCreateOrg(store, 'org-signin-3');
    const code = 'khc_' + 'x'.repeat(32);
    await store.run("INSERT INTO tokens (public_id, org_id, kind, roles, hash, name, created_at) VALUES (?, ?, 'signin', 'admin', ?, 'sign-in code', ?)",
      ['tok_0000old0000', orgId, sha256(code), '2026-01-05T08:00:00.000Z']);
    expect(await redeemSigninCode(store, code)).toBeUndefined();
  });

  it('for one account the newest code wins; the organization\'s codes are left alone', async () => {
    const orgId = await findOrCreateOrg(store, 'org-signin-4');
    const accountId = (await store.get<{ id: number }>(ACCOUNT, [orgId, '赵六', 'author', new Date().toISOString()]))!.id;
    const org = await issueSigninCode(store, orgId, ['admin']);
    const earlier = await issueSigninCode(store, orgId, ['author'], accountId);
    const newest = await issueSigninCode(store, orgId, ['author'], accountId);
    expect(await redeemSigninCode(store, earlier)).toBeUndefined();
    expect(await redeemSigninCode(store, newest)).toMatch(/^khs_/);
    expect(await redeemSigninCode(store, org)).toMatch(/^khs_/);
  });
});
