// The store's contract (server/store/types.ts), the same tests over SQLite and, when KAOHE_TEST_PG is
// set, PostgreSQL: queries, placeholders, transactions and savepoints, the errors the server maps to
// 409 and 503, and the dialect fragments reading JSON text alike.

import { describe, expect, it } from 'vitest';
import { dialectOf } from '../../server/store/dialect.js';
import { isUniqueViolation, StoreConflict, StoreUnavailable, type Store } from '../../server/store/types.js';
import { openPostgres } from '../../server/db/postgres/open.js';
import { numberPlaceholders, storeError } from '../../server/db/postgres/store.js';
import { openTestStore, PG_URL, testDialects, useTestStore } from './store-target.js';

const AT = '2026-12-07T00:00:00.000Z';

describe('numberPlaceholders', () => {
  it('numbers ? outside quotes and comments', () => {
    expect(numberPlaceholders(`SELECT '?' AS "a?", ? -- what?\n, ?`)).toBe(`SELECT '?' AS "a?", $1 -- what?\n, $2`);
    expect(numberPlaceholders('a = ? AND b IN (?, ?)')).toBe('a = $1 AND b IN ($2, $3)');
  });
});

describe('PostgreSQL errors as the store\'s', () => {
  it('takes a database that is not there to serve for unavailable (503), not a fault (500)', () => {
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
    for (const [code, message] of [['55000', 'database "kaohe" is not currently accepting connections'], ['3D000', 'database "kaohe" does not exist'],
      ['28P01', 'password authentication failed for user "kaohe"'], ['57P01', 'terminating connection due to administrator command'], ['ECONNREFUSED', 'connect ECONNREFUSED']]) {
      expect(storeError(pgError(code, message)), code).toBeInstanceOf(StoreUnavailable);
    }
    expect(storeError(pgError('55000', 'object not in prerequisite state'))).not.toBeInstanceOf(StoreUnavailable);
    expect(isUniqueViolation(storeError(pgError('23505', 'duplicate key')))).toBe(true);
    expect(storeError(pgError('40P01', 'deadlock detected'))).toBeInstanceOf(StoreUnavailable);
    // Every pooled connection busy beyond the pool's wait (--db-pool too small): 503 busy, not 500.
    const full = storeError(new Error('timeout exceeded when trying to connect'));
    expect(full).toBeInstanceOf(StoreUnavailable);
    expect((full as StoreUnavailable).reason).toBe('busy');
  });
});

describe.each(testDialects)('store over %s', (dialect) => {
  const store = useTestStore(dialect);

  const org = (name: string) => store.get<{ id: number }>('INSERT INTO organizations (name, created_at) VALUES (?, ?) RETURNING id', [name, AT]);

  it('inserts, reads and counts changes', async () => {
    const a = await org('甲单位');
    expect(a?.id).toBeTypeOf('number');
    const row = await store.get<{ id: number; createdAt: string }>('SELECT id, created_at AS "createdAt" FROM organizations WHERE name = ?', ['甲单位']);
    expect(row).toEqual({ id: a!.id, createdAt: AT });
    expect(await store.run('UPDATE organizations SET created_at = ? WHERE name = ?', [AT, '甲单位'])).toBe(1);
    expect(await store.run('UPDATE organizations SET created_at = ? WHERE name = ?', [AT, 'nobody'])).toBe(0);
    const n = await store.get<{ n: number }>('SELECT count(*) AS n FROM organizations');
    expect(n!.n).toBeTypeOf('number');
  });

  it('refuses a duplicate as a unique violation, a trigger refusal as another conflict', async () => {
    await org('乙单位');
    const dup = await org('乙单位').catch((e: unknown) => e);
    expect(isUniqueViolation(dup)).toBe(true);
    const bad = await store.run("INSERT INTO tokens (public_id, org_id, kind, roles, hash, created_at) VALUES ('x', 1, 'nonsense', 'admin', 'h', ?)", [AT]).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(StoreConflict);
    expect(isUniqueViolation(bad)).toBe(false);
  });

  it('commits a transaction, rolls one back whole when it throws', async () => {
    await store.tx(async (tx) => {
      await tx.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['丙', AT]);
      await tx.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['丁', AT]);
    });
    const failed = await store
      .tx(async (tx) => {
        await tx.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['戊', AT]);
        throw new Error('stop');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('stop');
    const names = (await store.all<{ name: string }>("SELECT name FROM organizations WHERE name IN ('丙', '丁', '戊') ORDER BY name")).map((r) => r.name);
    expect(names).toEqual(['丁', '丙'].sort());
  });

  it('rolls back only a failing savepoint', async () => {
    await store.tx(async (tx) => {
      await tx.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['己', AT]);
      const e = await tx.savepoint((sp) => sp.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['己', AT])).catch((x: unknown) => x);
      expect(isUniqueViolation(e)).toBe(true);
      await tx.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['庚', AT]);
    });
    expect((await store.all("SELECT name FROM organizations WHERE name IN ('己', '庚')")).length).toBe(2);
  });

  it('keeps statements from outside a transaction out of it', async () => {
    let inside!: () => void;
    const reached = new Promise<void>((r) => (inside = r));
    let seen: unknown;
    const tx = store.tx(async (t) => {
      await t.run('INSERT INTO organizations (name, created_at) VALUES (?, ?)', ['辛', AT]);
      inside();
      // A read from outside, asked now, must not see this uncommitted row nor run inside.
      const outside = store.get("SELECT name FROM organizations WHERE name = '辛'").then((r) => (seen = r));
      await t.run('SELECT 1');
      throw Object.assign(new Error('rollback'), { outside });
    });
    await reached;
    const e = (await tx.catch((x: unknown) => x)) as { outside: Promise<unknown> };
    await e.outside;
    expect(seen).toBeUndefined();
  });

  it('reads JSON text alike in both dialects', async () => {
    const d = dialectOf(store);
    const rows = await store.all<{ value: string }>(`SELECT ${d.element('j')} AS value FROM ${d.jsonElements('?', 'j')}`, ['["甲", 2026, {"a": 1}]']);
    expect(rows.map((r) => r.value.replace(/\s/g, ''))).toEqual(['甲', '2026', '{"a":1}']);
    const field = await store.get<{ v: string; n: string; arr: unknown }>(
      `SELECT ${d.jsonField('?', 'roundId')} AS v, ${d.jsonField('?', 1)} AS n, ${d.jsonIsArray('?', 'absent')} AS arr`,
      ['{"roundId": "rd_1"}', '["a", 7]', '{"absent": []}'],
    );
    expect(field!.v).toBe('rd_1');
    expect(field!.n).toBe('7');
    expect(Boolean(field!.arr)).toBe(true);
    const nested = await store.all<{ value: string }>(`SELECT ${d.element('x')} AS value FROM ${d.jsonElements('?', 'x', 'imported')}`, ['{"imported": ["a", "b"]}']);
    expect(nested.map((r) => r.value)).toEqual(['a', 'b']);
    const hit = await store.get<{ h: unknown }>(`SELECT ${d.contains('?', '?')} AS h`, ['["A001"]', '"A001"']);
    expect(Boolean(hit!.h)).toBe(true);
    // forShare (C2: the evaluations writer's read of the generation counter) is valid SQL in a transaction.
    const g = await store.tx(async (tx) => tx.get<{ n: number }>(`SELECT n FROM generation WHERE id = 1${dialectOf(tx).forShare}`));
    expect(g!.n).toBeTypeOf('number');
    // orderedJoin (C2: the evaluation list's primary-key walk) takes an ON clause in both dialects.
    const joined = await store.get<{ n: number }>(`SELECT count(*) AS n FROM organizations o ${dialectOf(store).orderedJoin} tokens t ON t.org_id = o.id`);
    expect(joined!.n).toBeTypeOf('number');
    // forNoKeyUpdate (C4: an import's lock on its scheme's row) is valid SQL in a transaction.
    const s = await store.tx(async (tx) => tx.get<{ n: number }>(`SELECT n FROM generation WHERE id = 1${dialectOf(tx).forNoKeyUpdate}`));
    expect(s!.n).toBeTypeOf('number');
    // indexedBy (C3: the rounds' whole-period reads of subject_results) names an index that exists.
    const ix = await store.all(`SELECT id FROM ${d.indexedBy('subject_results', 'subject_results_scheme_period')} WHERE org_id = ? AND scheme_id = ? AND period = ?`, [1, 1, '2026']);
    expect(ix).toEqual([]);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL: a read-only transaction reads one snapshot', () => {
  it('does not see what another connection commits between its reads (an export is of one revision)', async () => {
    const t = await openTestStore('postgres');
    const schema = (await t.store.get<{ s: string }>('SELECT current_schema() AS "s"'))!.s;
    const other = await openPostgres(PG_URL!, { schema, max: 1 });
    try {
      const count = (sql: { get: Store['get'] }) => sql.get<{ n: number }>('SELECT count(*) AS "n" FROM organizations');
      const seen = await t.store.tx(async (tx) => {
        const before = (await count(tx))!.n;
        await other.run("INSERT INTO organizations (name, created_at) VALUES ('另一个', '2026-12-07')");
        return [before, (await count(tx))!.n];
      }, { write: false });
      expect(seen[1]).toBe(seen[0]);
      expect((await count(t.store))!.n).toBe(seen[0] + 1);
    } finally {
      await other.close();
      await t.close();
    }
  });
});
