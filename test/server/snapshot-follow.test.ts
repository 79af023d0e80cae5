// The snapshot cache on a store that tells of changes (db/snapshot-cache.ts follow; PostgreSQL's
// LISTEN in test/server/follow-pg.test.ts): no read while it hears and nothing changed; a read after a
// change signal, on every refresh while it does not hear, and once MAX_TRUST_MS (1 s) passed — a
// listening connection dead without a word cannot hide a change for longer. An in-memory store here:
// what is tested is when the cache reads, not the database.

import { describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../server/db/snapshot-cache.js';
import type { Follower, Sql, Store } from '../../server/store/types.js';

function following() {
  let follower: Follower | undefined;
  let reads = 0;
  const n = { value: 7 };
  const sql = { dialect: 'postgres', get: () => (reads++, Promise.resolve({ n: n.value })), all: () => Promise.resolve([]), run: () => Promise.resolve(0) } as unknown as Sql;
  const store = { ...sql, follow: (f: Follower) => void (follower = f) } as unknown as Store;
  const logs: Record<string, unknown>[] = [];
  const cache = new SnapshotCache(sql).follow(store, (l) => void logs.push(l));
  return { cache, follower: () => follower!, reads: () => reads, n, logs };
}

describe('the snapshot cache, told of changes', () => {
  it('reads only after a change signal while it hears', async () => {
    const t = following();
    t.follower().hearing(true);
    expect(await t.cache.refresh()).toBe(7);
    const before = t.reads();
    for (let i = 0; i < 50; i++) await t.cache.refresh();
    expect(t.reads()).toBe(before);
    t.n.value = 8;
    t.follower().changed();
    expect(await t.cache.refresh()).toBe(8);
    expect(t.reads()).toBe(before + 1);
  });

  it('reads on every refresh while it does not hear, and says so once in the log', async () => {
    const t = following();
    t.follower().hearing(true);
    await t.cache.refresh();
    t.follower().hearing(false);
    const before = t.reads();
    await t.cache.refresh();
    await t.cache.refresh();
    expect(t.reads()).toBe(before + 2);
    expect(t.logs).toMatchObject([{ level: 'warn', msg: expect.stringContaining('not hearing') }]);
    t.follower().hearing(true);
    expect(t.logs).toHaveLength(2);
  });

  it('reads again once a second passed, though nothing was heard', async () => {
    const t = following();
    t.follower().hearing(true);
    await t.cache.refresh();
    const before = t.reads();
    await t.cache.refresh();
    expect(t.reads()).toBe(before);
    await new Promise((r) => setTimeout(r, 1100));
    await t.cache.refresh();
    expect(t.reads()).toBe(before + 1);
  });
});
