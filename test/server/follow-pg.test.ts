// PostgreSQL: the snapshot cache hears changes instead of reading the generation counter on every turn
// (server/db/postgres/follow.ts, db/snapshot-cache.ts follow), and the evaluations writer stores a
// batch as one statement checked by migration 0003's kaohe_generation_is (evaluations/writer.ts).
// What must hold: no read while nothing changed; a change by another connection heard within a
// bounded time; a change by this store's own statements read by the very next refresh; a lost
// listening connection means a read per refresh until it is back; a batch is one statement, and a
// moved counter or a conflicting row inside it fails it whole and falls back to the transaction.
// Needs KAOHE_TEST_PG (skipped without it).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresStore } from '../../server/db/postgres/store.js';
import { SnapshotCache, touchesCached } from '../../server/db/snapshot-cache.js';
import type { NewEvaluation } from '../../server/evaluations/store.js';
import { EvaluationWriter, StaleChecks } from '../../server/evaluations/writer.js';
import type { Param, Sql, Store } from '../../server/store/types.js';
import { openTestStore, PG_URL, type TestStore } from './store-target.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `ok` every 10 ms for up to `ms`; the time it took, or fails. */
async function within(ms: number, ok: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await ok())) {
    if (performance.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await sleep(10);
  }
  return performance.now() - start;
}

describe.skipIf(!PG_URL)('PostgreSQL: changes heard, batches in one statement', () => {
  let t: TestStore;
  let store: PostgresStore;
  let other: TestStore;
  let reads = 0;
  let counted: Sql;
  let cache: SnapshotCache;
  const bump = (sql: Sql) => sql.run("UPDATE organizations SET name = name WHERE name = 'none'");

  beforeAll(async () => {
    t = await openTestStore('postgres');
    store = t.store as PostgresStore;
    const schema = (await store.get<{ s: string }>('SELECT current_schema() AS "s"'))!.s;
    // Another pool on the same schema: a second server.
    const { openPostgres } = await import('../../server/db/postgres/open.js');
    const second = await openPostgres(PG_URL!, { schema, max: 2 });
    other = { store: second, close: () => second.close() };
    counted = {
      dialect: 'postgres',
      all: (sql: string, params?: readonly Param[]) => (reads++, store.all(sql, params)),
      get: (sql: string, params?: readonly Param[]) => (reads++, store.get(sql, params)),
      run: (sql: string, params?: readonly Param[]) => store.run(sql, params),
    } as Sql;
    cache = new SnapshotCache(counted).follow(store);
    await within(5000, async () => store.listenerPid !== undefined);
    await cache.refresh();
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('reads the counter only after a change: none while nothing changed', async () => {
    await within(2000, async () => {
      const before = reads;
      await cache.refresh();
      return reads === before;
    });
    const before = reads;
    for (let i = 0; i < 100; i++) await cache.refresh();
    expect(reads - before).toBe(0);
  });

  it('hears a change made by another server within a bounded time', async () => {
    const g = await cache.refresh();
    await bump(other.store);
    const took = await within(2000, async () => (await cache.refresh()) > g);
    expect(took).toBeLessThan(2000);
  });

  it("reads on the very next refresh after this store's own change", async () => {
    const g = await cache.refresh();
    await bump(store);
    expect(await cache.refresh()).toBe(g + 1);
    await store.tx(async (tx) => void (await bump(tx)));
    expect(await cache.refresh()).toBe(g + 2);
  });

  it('reads on every refresh while the listening connection is lost, and stops once it is back', async () => {
    const pid = store.listenerPid!;
    await other.store.run('SELECT pg_terminate_backend(?)', [pid]);
    await within(2000, async () => store.listenerPid !== pid);
    const before = reads;
    await cache.refresh();
    await cache.refresh();
    expect(reads - before).toBe(2);
    // Back within the retry delay (1 s), then quiet again.
    await within(5000, async () => {
      const r = reads;
      await cache.refresh();
      await cache.refresh();
      return reads - r <= 1;
    });
    const r = reads;
    await cache.refresh();
    expect(reads).toBe(r);
  });

  it('names the statements that change cached rows', () => {
    expect(touchesCached('UPDATE tokens SET revoked_at = ? WHERE id = ?')).toBe(true);
    expect(touchesCached('INSERT INTO scheme_versions (scheme_id) VALUES (?)')).toBe(true);
    expect(touchesCached('delete from "accounts" where id = ?')).toBe(true);
    expect(touchesCached('INSERT INTO evaluations (token_id) VALUES (?)')).toBe(false);
    expect(touchesCached('SELECT * FROM tokens')).toBe(false);
    expect(touchesCached('UPDATE tokens_old SET x = 1')).toBe(false);
    expect(touchesCached('UPDATE ONLY public.tokens SET revoked_at = ?')).toBe(true);
    expect(touchesCached('DELETE FROM "kaohe"."accounts" WHERE id = ?')).toBe(true);
  });

  describe('the writer', () => {
    let row: () => NewEvaluation;
    let statements: string[];
    let spied: Store;

    beforeAll(async () => {
      const org = (await store.get<{ id: number }>("INSERT INTO organizations (name, created_at) VALUES ('o', '2026-01-01') RETURNING id"))!.id;
      const token = (await store.get<{ id: number }>(`INSERT INTO tokens (org_id, hash, public_id, name, roles, kind, created_at)
        VALUES (?, 'h', 'tok_x', 'n', '["evaluator"]', 'bearer', '2026-01-01') RETURNING id`, [org]))!.id;
      const scheme = (await store.get<{ id: number }>("INSERT INTO schemes (org_id, name, created_at) VALUES (?, 's', '2026-01-01') RETURNING id", [org]))!.id;
      const version = (await store.get<{ id: number }>(`INSERT INTO scheme_versions (scheme_id, n, source, hash, status, created_by, created_at, updated_at)
        VALUES (?, 1, 'x', 'h', 'draft', ?, '2026-01-01', '2026-01-01') RETURNING id`, [scheme, token]))!.id;
      row = () => ({ versionId: version, hash: 'h', tokenId: token, kind: 'single', subjectIds: ['A'], input: '{}', result: '{}', explain: false, lang: 'en' });
      statements = [];
      spied = {
        ...store, dialect: 'postgres', description: 'spy',
        all: (sql, params) => (statements.push(sql), store.all(sql, params)),
        get: (sql, params) => (statements.push(sql), store.get(sql, params)),
        run: (sql, params) => (statements.push(sql), store.run(sql, params)),
        tx: (fn, o) => (statements.push('BEGIN'), store.tx(fn, o)),
        close: () => store.close(),
      };
    });

    it('stores a batch checked at the current generation as one statement', async () => {
      const writer = new EvaluationWriter(spied, cache);
      const at = await cache.refresh();
      statements.length = 0;
      const done = await Promise.all(Array.from({ length: 12 }, () => writer.write(row(), { checkedAt: at })));
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^WITH w0 AS \(INSERT INTO evaluations .* SELECT kaohe_generation_is\(\?\)$/s);
      const ids = done.map((d) => d.id);
      expect((await store.get<{ n: number }>('SELECT count(*) AS "n" FROM evaluations WHERE id = ANY(string_to_array(?, \',\'))', [ids.join(',')]))!.n).toBe(12);
    });

    it('stores nothing of a batch whose generation moved, and refuses it through the transaction', async () => {
      const writer = new EvaluationWriter(spied, cache);
      const at = await cache.refresh();
      await bump(other.store); // another server's change the cache has not heard of yet
      const before = (await store.get<{ n: number }>('SELECT count(*) AS "n" FROM evaluations'))!.n;
      statements.length = 0;
      const r = await Promise.allSettled([writer.write(row(), { checkedAt: at }), writer.write(row(), { checkedAt: at })]);
      expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
      expect((r[0] as PromiseRejectedResult).reason).toBeInstanceOf(StaleChecks);
      expect(statements[0]).toMatch(/^WITH /); // tried as one statement, refused whole
      expect(statements).toContain('BEGIN'); // then the transaction, which found the moved counter
      expect((await store.get<{ n: number }>('SELECT count(*) AS "n" FROM evaluations'))!.n).toBe(before);
    });

    it('rolls back the whole statement when one row conflicts, then stores the others alone', async () => {
      const writer = new EvaluationWriter(spied);
      statements.length = 0;
      const r = await Promise.allSettled([
        writer.write({ ...row(), idempotencyKey: 'k1', requestHash: 'a' }),
        writer.write({ ...row(), idempotencyKey: 'k1', requestHash: 'b' }),
        writer.write(row()),
      ]);
      expect(r.map((x) => x.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect(statements[0]).toMatch(/^WITH .* SELECT 1$/s);
      expect((await store.get<{ n: number }>("SELECT count(*) AS \"n\" FROM evaluations WHERE idempotency_key = 'k1'"))!.n).toBe(1);
    });
  });
});
