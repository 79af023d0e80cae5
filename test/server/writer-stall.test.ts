// The evaluations writer on PostgreSQL commits one batch at a time (evaluations/writer.ts), so a commit
// that never ends — a connection gone silent, a row lock someone holds — must not stop every later
// evaluation: after the stall time the next batch goes on. And a batch that finds no free connection
// fails at once (503 busy) instead of waiting for one a second time. A store of its own, in memory:
// what is tested is the writer's scheduling, not a database.

import { describe, expect, it } from 'vitest';
import type { NewEvaluation } from '../../server/evaluations/store.js';
import { EvaluationWriter } from '../../server/evaluations/writer.js';
import { StoreUnavailable, type Param, type Store } from '../../server/store/types.js';

const row = (): NewEvaluation => ({ versionId: 1, hash: 'h', tokenId: 1, kind: 'single', subjectIds: ['A'], input: '{}', result: '{}', explain: false, lang: 'en' });

/** A PostgreSQL-like store whose `run` answers as `answer` says, and that counts transactions. */
function fakeStore(answer: (n: number) => Promise<number>): Store & { txs: number } {
  let n = 0;
  const store = {
    dialect: 'postgres' as const, description: 'fake', txs: 0,
    all: () => Promise.resolve([]), get: () => Promise.resolve(undefined),
    run: (_sql: string, _p?: readonly Param[]) => answer(n++),
    tx: () => (store.txs++, Promise.reject(new Error('no transaction expected'))),
    close: () => Promise.resolve(),
  };
  return store as never;
}

describe('the writer on PostgreSQL, one batch at a time', () => {
  it('lets the next batch go on once a commit stalls', async () => {
    const store = fakeStore((n) => (n === 0 ? new Promise<number>(() => {}) : Promise.resolve(1)));
    const writer = new EvaluationWriter(store, undefined, 50);
    const first = writer.write(row());
    await new Promise((r) => setTimeout(r, 5));
    const start = performance.now();
    const second = await writer.write(row());
    expect(second.id).toBeTruthy();
    expect(performance.now() - start).toBeGreaterThanOrEqual(40);
    let settled = false;
    void first.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false); // that batch's callers still wait for their commit
  });

  it('fails a batch at once when no connection is free, without a second wait in a transaction', async () => {
    const store = fakeStore(() => Promise.reject(new StoreUnavailable('busy', new Error('timeout exceeded when trying to connect'))));
    const writer = new EvaluationWriter(store, undefined, 50);
    await expect(writer.write(row())).rejects.toBeInstanceOf(StoreUnavailable);
    expect(store.txs).toBe(0);
  });

  it('does not write a batch again when the connection ended under its statement (it may have committed)', async () => {
    const killed = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
    const store = fakeStore(() => Promise.reject(new StoreUnavailable('down', killed)));
    const writer = new EvaluationWriter(store, undefined, 50);
    const lost = await writer.write(row()).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(StoreUnavailable);
    expect((lost as StoreUnavailable).outcomeUnknown).toBe(true); // answered as "may have been stored"
    expect(store.txs).toBe(0);
  });
});
