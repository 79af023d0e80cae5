// Fencing a round's writes (server/rounds/lock.ts `fenced`): a write whose lease lapsed — its holder
// stalled past the lease's 10 s while another server took it — cannot commit what it computed before:
// its transaction fails with LeaseLost (409), over each store. Outside a round write, nothing is checked.

import { describe, expect, it } from 'vitest';
import { fenced, RoundLocks } from '../../server/rounds/lock.js';
import { LeaseLost } from '../../server/store/lease.js';
import { testDialects, useTestStore } from './store-target.js';

describe.each(testDialects)('round writes fenced by their lease over %s', (dialect) => {
  const store = useTestStore(dialect);

  it('commits while the lease is held, and refuses the commit once another holder took it', async () => {
    const locks = new RoundLocks();
    await expect(locks.run(store, 'r1', () => store.tx(async (tx) => { await fenced(tx, 'r1'); return 'stored'; }))).resolves.toBe('stored');
    const stolen = locks.run(store, 'r2', async () => {
      // As another server does once the lease lapsed under a stalled holder.
      await store.run("UPDATE leases SET holder = 'another server' WHERE name = ?", ['round:r2']);
      return store.tx(async (tx) => { await fenced(tx, 'r2'); return 'stored'; });
    });
    await expect(stolen).rejects.toBeInstanceOf(LeaseLost);
  });

  it('checks nothing outside a round write', async () => {
    await expect(store.tx(async (tx) => { await fenced(tx, 'r3'); return 'ok'; })).resolves.toBe('ok');
  });
});
