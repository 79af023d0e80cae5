// The evaluate hot path's storage (issue 17) over each store the tests have (SQLite, and PostgreSQL
// when KAOHE_TEST_PG is set): tokens and sign-in codes, schemes and versions, stored evaluations and
// their list's filters, and the group-commit writer with its generation check, one scenario each way.
import { describe, expect, it } from 'vitest';
import { createToken, findCredential, findOrCreateOrg, revokeToken, stillActs } from '../../server/auth/tokens.js';
import { issueSigninCode, redeemSigninCode } from '../../server/auth/signin.js';
import * as schemes from '../../server/schemes/store.js';
import { findByIdempotencyKey, findEvaluation, insertEvaluation } from '../../server/evaluations/store.js';
import { listEvaluations } from '../../server/evaluations/list.js';
import { EvaluationWriter, StaleChecks } from '../../server/evaluations/writer.js';
import { SnapshotCache } from '../../server/db/snapshot-cache.js';
import { isUniqueViolation, type Store } from '../../server/store/types.js';
import { openTestStore, testDialects } from './store-target.js';

/** Locks the newest version of the scheme in a transaction of its own; the function returned waits a
 * moment (for others to queue on the lock) and ends that transaction. */
async function holdLatest(store: Store, schemeId: number): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = store.tx(async (tx) => {
    await tx.get('SELECT id FROM scheme_versions WHERE scheme_id = ? ORDER BY n DESC LIMIT 1 FOR UPDATE', [schemeId]);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await holder;
  };
}

describe.each(testDialects)('the hot path’s storage over %s', (dialect) => {
  it('stores and reads tokens, schemes, versions and evaluations alike', async () => {
    const t = await openTestStore(dialect);
    const store = t.store;
    try {
      const orgId = await findOrCreateOrg(store, '甲');
      expect(await findOrCreateOrg(store, '甲')).toBe(orgId);
      const tok = await createToken(store, { orgId, roles: ['author', 'evaluator'] });
      const cred = await findCredential(store, tok.secret, 'bearer');
      expect(cred?.principal?.roles).toEqual(['author', 'evaluator']);
      expect(await stillActs(store, tok.id, ['evaluator'])).toBe(true);
      const s = await schemes.createScheme(store, orgId, '方案', { source: 'a', hash: 'h1', tokenId: tok.id });
      await expect(schemes.createScheme(store, orgId, '方案', { source: 'a', hash: 'h1', tokenId: tok.id })).rejects.toMatchObject({ code: 'scheme_exists' });
      expect(await schemes.putDraft(store, s.id, { source: 'b', hash: 'h2', tokenId: tok.id })).toEqual({ n: 1, opened: false });
      expect(await schemes.publishDraft(store, s.id, 1, 'h1', tok.id)).toBe(false);
      expect(await schemes.publishDraft(store, s.id, 1, 'h2', tok.id)).toBe(true);
      expect(await schemes.putDraft(store, s.id, { source: 'c', hash: 'h3', tokenId: tok.id })).toEqual({ n: 2, opened: true });
      // Two drafts at once on a published version: one opens version 3, the other replaces it.
      expect(await schemes.publishDraft(store, s.id, 2, 'h3', tok.id)).toBe(true);
      // On PostgreSQL both are made to wait on the published row's lock, so both find it when it is released.
      const holding = dialect === 'postgres' ? await holdLatest(store, s.id) : undefined;
      const racing = Promise.all([schemes.putDraft(store, s.id, { source: 'd', hash: 'h4', tokenId: tok.id }), schemes.putDraft(store, s.id, { source: 'e', hash: 'h5', tokenId: tok.id })]);
      await holding?.();
      const race = await racing;
      expect(race.map((r) => r.n)).toEqual([3, 3]);
      expect(race.map((r) => r.opened).sort()).toEqual([false, true]);
      expect(await schemes.putDraft(store, s.id, { source: 'c', hash: 'h3', tokenId: tok.id })).toEqual({ n: 3, opened: false });
      const infos = await schemes.versionInfos(store, s.id);
      expect(infos.map((i) => [i.n, i.status, i.createdBy])).toEqual([[1, 'published', tok.publicId], [2, 'published', tok.publicId], [3, 'draft', tok.publicId]]);
      expect((await schemes.orgVersionInfos(store, orgId)).get(s.id)).toEqual(infos);
      const pub = (await schemes.latestPublished(store, s.id))!;
      expect(pub).toMatchObject({ n: 2, hash: 'h3', status: 'published' });
      expect(await schemes.versionSource(store, pub.id)).toBe('c');
      expect((await schemes.latestVersion(store, s.id, 'draft'))?.source).toBe('c');
      expect((await schemes.getVersion(store, s.id, 1))?.publishedBy).toBe(tok.id);
      expect((await schemes.getVersion(store, s.id, 1))?.source).toBe('b');
      expect((await schemes.findScheme(store, orgId, '方案'))?.id).toBe(s.id);
      expect(await schemes.schemeNameOf(store, s.id)).toBe('方案');
      expect((await schemes.listSchemes(store, orgId)).map((x) => x.name)).toEqual(['方案']);
      const row = { versionId: pub.id, hash: 'h3', tokenId: tok.id, kind: 'cohort' as const, subjectIds: ['A1', 'B2'], input: '{}', result: '{"results":[{"id":"A1","cohort":"综合科"}]}', explain: true, lang: 'zh' as const, period: '2026', idempotencyKey: 'k', requestHash: 'r' };
      const e = await insertEvaluation(store, { ...row, bytes: { input: Buffer.from('{}'), result: Buffer.from(row.result) } });
      expect((await findEvaluation(store, orgId, e.id))).toMatchObject({ explain: true, version: 2, scheme: '方案', caller: tok.publicId, result: row.result, input: '{}' });
      expect(await findByIdempotencyKey(store, tok.id, 'k')).toMatchObject({ id: e.id, requestHash: 'r', lang: 'zh' });
      await expect(insertEvaluation(store, row)).rejects.toSatisfy(isUniqueViolation);
      for (const f of [{}, { scheme: '方案' }, { scheme: '方案', version: 2 }, { period: '2026' }, { subject: 'B2' }, { unit: '综合科' }]) {
        expect((await listEvaluations(store, orgId, f, 10)).evaluations.map((x) => x.id), JSON.stringify(f)).toEqual([e.id]);
      }
      for (const f of [{ subject: 'C3' }, { unit: '别科' }, { period: '2025' }]) expect((await listEvaluations(store, orgId, f, 10)).evaluations).toEqual([]);
      const rows = new SnapshotCache(store);
      const writer = new EvaluationWriter(store, rows);
      const g = await rows.refresh();
      const alongside = async (tx: import('../../server/store/types.js').Tx) => void (await tx.run('UPDATE tokens SET name = name WHERE id = -1'));
      const ok = await writer.write({ ...row, idempotencyKey: undefined }, { checkedAt: g, alongside });
      expect((await findEvaluation(store, orgId, ok.id))?.id).toBe(ok.id);
      const [a, b] = await Promise.allSettled([writer.write({ ...row, idempotencyKey: 'k2' }), writer.write({ ...row, idempotencyKey: 'k2' })]);
      expect([a.status, b.status]).toEqual(['fulfilled', 'rejected']);
      expect(await revokeToken(store, orgId, tok.publicId)).toBe(true);
      await expect(writer.write(row, { checkedAt: g })).rejects.toBeInstanceOf(StaleChecks);
      await expect(writer.write({ ...row, idempotencyKey: 'k3' }, { checkedAt: g, recheck: async (sql) => ((await stillActs(sql, tok.id, ['evaluator'])) ? undefined : new Error('revoked')) })).rejects.toThrow('revoked');
      const code = await issueSigninCode(store, orgId, ['admin']);
      const session = await redeemSigninCode(store, code);
      expect(session).toMatch(/^khs_/);
      expect(await redeemSigninCode(store, code)).toBeUndefined();
      expect((await findCredential(store, session!, 'session'))?.principal?.roles).toEqual(['admin']);
    } finally {
      await t.close();
    }
  });
});
