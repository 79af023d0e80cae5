// The rounds' storage on the store (issue 17): the same statements over SQLite and, when KAOHE_TEST_PG
// is set, PostgreSQL — the JSON in revisions.sources read alike (a scheme id, a JSON number, compared
// as text: stale-arrivals.ts, stale-imports.ts, amend.ts rollingUp), rosters and parts written as
// multi-row INSERTs in chunks (store.ts insertRows) in order, and a round read for update inside a
// transaction.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../server/auth/tokens.js';
import { recordAmendment } from '../../server/rounds/amend.js';
import { flagReadersOfArrived } from '../../server/rounds/stale-arrivals.js';
import { flagReadersOfImported } from '../../server/rounds/stale-imports.js';
import * as rounds from '../../server/rounds/store.js';
import type { Store } from '../../server/store/types.js';
import { openTestStore, testDialects, type TestStore } from './store-target.js';

const AT = '2026-12-07T00:00:00.000Z';

/** An organization with a token, a scheme and its version; its ids. */
async function seed(store: Store) {
  const org = (await store.get<{ id: number }>('INSERT INTO organizations (name, created_at) VALUES (?, ?) RETURNING id', ['甲单位', AT]))!.id;
  const token = (await store.get<{ id: number }>(
    "INSERT INTO tokens (public_id, org_id, kind, roles, hash, created_at) VALUES ('tok', ?, 'bearer', 'admin', 'h', ?) RETURNING id", [org, AT]))!.id;
  const scheme = (await store.get<{ id: number }>('INSERT INTO schemes (org_id, name, created_at) VALUES (?, ?, ?) RETURNING id', [org, '季度考核', AT]))!.id;
  const version = (await store.get<{ id: number }>(
    `INSERT INTO scheme_versions (scheme_id, n, hash, status, created_by, created_at, updated_at, source)
     VALUES (?, 1, 'sha256:x', 'draft', ?, ?, ?, 'scheme') RETURNING id`, [scheme, token, AT, AT]))!.id;
  return { org, token, scheme, version };
}

type Ids = Awaited<ReturnType<typeof seed>>;

async function round(store: Store, ids: Ids, id: string, period: string, sources: unknown[]): Promise<void> {
  await rounds.insertRound(store, {
    id, orgId: ids.org, schemeId: ids.scheme, versionId: ids.version, period, unit: null, name: null, status: 'evaluated',
    appealDays: 30, createdBy: ids.token, createdAt: AT,
  });
  await rounds.insertRevision(store, {
    roundId: id, n: 1, inputs: '{"subjects":[]}', result: '{}', exact: '{}', sources: JSON.stringify(sources), submitted: null,
    amendmentId: null, tokenId: ids.token, accountId: null, createdAt: AT,
  });
  await rounds.updateRound(store, id, { revision: 1 });
}

const outOfDate = async (store: Store, id: string) => (await rounds.getRound(store, (await store.get<{ o: number }>('SELECT org_id AS o FROM rounds WHERE id = ?', [id]))!.o, id))!.outOfDate;

describe.each(testDialects)('rounds storage over %s', (dialect) => {
  let t: TestStore;
  let store: Store;
  let ids: Ids;
  beforeAll(async () => {
    t = await openTestStore(dialect);
    store = t.store;
    ids = await seed(store);
    await round(store, ids, 'rd_a', '2026-Q1', []);
    // rd_b read rd_a, the imported rows 5 and 7, and s1 of 2026-Q1 and s2 of 2026-Q2 as missing.
    await round(store, ids, 'rd_b', '2026', [
      { roundId: 'rd_a', revision: 1 }, { imported: [5, 7] }, { absent: [[ids.scheme, '2026-Q1', 's1'], [ids.scheme, '2026-Q2', 's2']] },
    ]);
    await round(store, ids, 'rd_c', '2026', [{ roundId: 'rd_x', revision: 1 }, { imported: [70] }]);
  });
  afterAll(async () => t?.close());

  const reset = () => store.run('UPDATE rounds SET out_of_date = 0');

  it('flags the readers of a result that arrived: scheme id, period and subject matched exactly', async () => {
    await reset();
    expect(await flagReadersOfArrived(store, ids.org, ids.scheme, '2026-Q1', ['s2', 's3'])).toEqual([]);
    expect(await flagReadersOfArrived(store, ids.org, ids.scheme + 1, '2026-Q1', ['s1'])).toEqual([]);
    expect(await flagReadersOfArrived(store, ids.org, ids.scheme, '2026-Q1', ['s1'], 'rd_b')).toEqual([]);
    expect(await outOfDate(store, 'rd_b')).toBe(false);
    expect(await flagReadersOfArrived(store, ids.org, ids.scheme, '2026-Q2', ['s9', 's2'])).toEqual(['rd_b']);
    expect(await outOfDate(store, 'rd_b')).toBe(true);
    expect(await outOfDate(store, 'rd_c')).toBe(false);
    // Flagged once: an out-of-date round is not flagged again.
    expect(await flagReadersOfArrived(store, ids.org, ids.scheme, '2026-Q1', ['s1'])).toEqual([]);
  });

  it('flags the readers of a replaced imported row by its id (7 is not 70)', async () => {
    await reset();
    expect(await flagReadersOfImported(store, ids.org, [6, 8])).toEqual([]);
    expect(await flagReadersOfImported(store, ids.org, [7])).toEqual(['rd_b']);
    expect((await flagReadersOfImported(store, ids.org, [70, 5])).sort()).toEqual(['rd_b', 'rd_c']);
  });

  it('an amendment flags the rounds whose newest revision rolled the amended one up', async () => {
    await reset();
    const p = { tokenId: ids.token, orgId: ids.org, accountId: null } as unknown as Principal;
    const done = await store.tx((tx) => recordAmendment(tx, p, 'rd_a', { subject: 's1', kind: 'input', payload: '{}', reason: '复核', n: 2, at: AT }));
    expect(done.id).toBeTypeOf('number');
    expect(done.flagged).toEqual(['rd_b']);
    expect(await outOfDate(store, 'rd_b')).toBe(true);
  });

  it('writes a roster beyond one INSERT chunk in order, and reads the newest part per field', async () => {
    const list = Array.from({ length: 1_201 }, (_, i) => ({ subjectId: `p${i}`, unit: i % 2 ? '一科' : null, status: 'take' as const, countsInBase: i !== 3, display: null }));
    await store.tx((tx) => rounds.replaceRoster(tx, 'rd_a', list));
    const got = await rounds.members(store, 'rd_a');
    expect(got.map((m) => m.subjectId)).toEqual(list.map((m) => m.subjectId));
    expect(got.map((m) => m.position)).toEqual(list.map((_, i) => i));
    expect(got[3].countsInBase).toBe(false);
    expect(got[4].countsInBase).toBe(true);
    // p1200's field twice in one batch: the later value is the newer (ids grow in the order given).
    const parts = [...list.map((m, i) => ({ subjectId: m.subjectId, field: '实绩', value: String(i) })), { subjectId: 'p1200', field: '实绩', value: '"last"' }];
    await rounds.insertParts(store, 'rd_a', 'ib_1', null, ids.token, null, AT, parts);
    await rounds.insertParts(store, 'rd_a', 'ib_2', null, ids.token, null, AT, [{ subjectId: 'p7', field: '实绩', value: '"newer"' }]);
    const newest = await rounds.newestParts(store, 'rd_a');
    expect(newest.size).toBe(1_201);
    expect(newest.get('p1199')!.get('实绩')).toBe('1199');
    expect(newest.get('p1200')!.get('实绩')).toBe('"last"');
    expect(newest.get('p7')!.get('实绩')).toBe('"newer"');
  });

  it('reads a round for update inside a transaction', async () => {
    const r = await store.tx((tx) => rounds.getRound(tx, ids.org, 'rd_c', true));
    expect(r?.id).toBe('rd_c');
    expect(r?.outOfDate).toBeTypeOf('boolean');
  });
});
