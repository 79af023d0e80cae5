// The audit log's writer (server/audit/log.ts) on the store, over SQLite and (KAOHE_TEST_PG)
// PostgreSQL: buffered records are committed together in a few multi-row INSERTs, every column in
// its place and in order; a flush the database refuses keeps its records and commits them on a
// later try; `write` through a transaction commits or rolls back with it (the evaluation's record).

import { describe, expect, it } from 'vitest';
import { AuditLog, type AuditRecord } from '../../server/audit/log.js';
import { StoreConflict, StoreUnavailable, type Param, type Store, type Tx } from '../../server/store/types.js';
import { testDialects, useTestStore } from './store-target.js';

const AT = '2026-12-07T08:00:00.000Z';

const record = (i: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  at: AT, orgId: null, actor: `tok_${i}`, actorKind: 'bearer', account: i % 2 ? `账号${i}` : null, action: 'read',
  target: `scheme:方案${i}`, version: i % 3 ? i : null, evaluation: null, status: 200, requestId: `req-${i}`, address: '127.0.0.1', ...over,
});

/** The store, refusing its next `refusals` transactions as a database locked by another writer. */
function refusing(store: Store, refusals: { left: number }): Store {
  return Object.assign(Object.create(store) as Store, {
    tx: <T>(fn: (tx: Tx) => Promise<T>) => (refusals.left-- > 0 ? Promise.reject(new StoreUnavailable('busy', null)) : store.tx(fn)),
  });
}

/** The transaction, refusing every statement that carries the record of request id `one-bad` (as a
 * constraint would: StoreConflict). */
function refuseBad(tx: Tx): Tx {
  const bad = (params?: readonly unknown[]) => params?.includes('one-bad') === true;
  const refusing: Tx = Object.assign(Object.create(tx) as Tx, {
    run: (sql: string, params?: readonly Param[]) => (bad(params) ? Promise.reject(new StoreConflict(false, 'refused', null)) : tx.run(sql, params)),
    savepoint: <T>(fn: (sp: Tx) => Promise<T>) => tx.savepoint((sp) => fn(refuseBad(sp))),
  });
  return refusing;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.each(testDialects)('the audit log over %s', (dialect) => {
  const store = useTestStore(dialect);

  const stored = (prefix: string) =>
    store.all<Record<string, unknown>>(
      `SELECT at, org_id AS "orgId", actor, actor_kind AS "actorKind", account, action, target, version, evaluation, status,
        request_id AS "requestId", address FROM audit_log WHERE request_id LIKE ? ORDER BY id`,
      [`${prefix}%`],
    );

  it('commits the records of one turn together, every column in its place, in order', async () => {
    const audit = new AuditLog(store, () => {});
    // 300 = 256 + 16 + 16 + 4 + 4 + 4: every statement size but 64 and 1, then 1 alone.
    const records = Array.from({ length: 300 }, (_, i) => record(i, { requestId: `turn-${String(i).padStart(3, '0')}` }));
    for (const r of records) audit.record(r);
    audit.record(record(300, { requestId: 'turn-300' }));
    // Nothing on the caller's turn (on PostgreSQL the query itself waits a turn, so only SQLite says).
    if (dialect === 'sqlite') expect(await stored('turn-')).toEqual([]);
    await turn(); // the flush of the turn starts…
    await audit.flush(); // …and this waits for it
    const rows = await stored('turn-');
    expect(rows).toHaveLength(301);
    expect(rows).toEqual([...records, record(300, { requestId: 'turn-300' })]);
  });

  it('keeps the records of a refused flush and commits them on a later try', async () => {
    const logs: Record<string, unknown>[] = [];
    const refusals = { left: 1 };
    const audit = new AuditLog(refusing(store, refusals), (l) => logs.push(l));
    audit.record(record(1, { requestId: 'kept-1' }));
    audit.record(record(2, { requestId: 'kept-2' }));
    await audit.flush();
    expect(await stored('kept-')).toEqual([]);
    expect(logs).toMatchObject([{ level: 'error', msg: 'audit records not committed; retrying', records: 2, dropped: 0 }]);
    audit.record(record(3, { requestId: 'kept-3' }));
    await audit.flush();
    expect((await stored('kept-')).map((r) => r.requestId)).toEqual(['kept-1', 'kept-2', 'kept-3']);
  });

  it('drops only a record the database refuses for good, logged, and commits the others of its flush', async () => {
    const logs: Record<string, unknown>[] = [];
    // A value no retry makes acceptable: a CHECK-like refusal of one record's insert, inside any statement carrying it.
    const refusingOne = Object.assign(Object.create(store) as Store, {
      tx: <T>(fn: (tx: Tx) => Promise<T>) => store.tx((tx) => fn(refuseBad(tx))),
    });
    const audit = new AuditLog(refusingOne, (l) => logs.push(l));
    for (const id of ['one-1', 'one-bad', 'one-3']) audit.record(record(1, { requestId: id }));
    await audit.flush();
    expect((await stored('one-')).map((r) => r.requestId)).toEqual(['one-1', 'one-3']);
    expect(logs).toMatchObject([{ level: 'error', msg: 'audit records refused by the database; dropped', records: 1, dropped: [{ requestId: 'one-bad' }] }]);
    // Nothing is left waiting: the next flush commits its own records at once.
    audit.record(record(4, { requestId: 'one-4' }));
    await audit.flush();
    expect((await stored('one-')).map((r) => r.requestId)).toEqual(['one-1', 'one-3', 'one-4']);
  });

  it.skipIf(dialect !== 'postgres')('drops a record PostgreSQL cannot store (a status beyond integer), keeping the others', async () => {
    const logs: Record<string, unknown>[] = [];
    const audit = new AuditLog(store, (l) => logs.push(l));
    audit.record(record(1, { requestId: 'big-1' }));
    audit.record(record(2, { requestId: 'big-2', status: 2 ** 40 }));
    await audit.flush();
    expect((await stored('big-')).map((r) => r.requestId)).toEqual(['big-1']);
    expect(logs).toMatchObject([{ msg: 'audit records refused by the database; dropped', records: 1 }]);
  });

  it('write through a transaction commits with it, or is rolled back with it', async () => {
    const audit = new AuditLog(store, () => {});
    await store.tx((tx) => audit.write(record(1, { requestId: 'tx-committed' }), tx));
    await expect(store.tx(async (tx) => {
      await audit.write(record(2, { requestId: 'tx-rolled-back' }), tx);
      throw new Error('the evaluation failed');
    })).rejects.toThrow('the evaluation failed');
    expect((await stored('tx-')).map((r) => r.requestId)).toEqual(['tx-committed']);
  });
});
