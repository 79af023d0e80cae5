// Leases (server/store/lease.ts) over each store: one holder at a time per name, names independent,
// a lapsed row taken over, the old holder's work refused at its commit, a bounded wait.

import { describe, expect, it } from 'vitest';
import { LeaseBusy, LeaseLost, takeLease, withLease } from '../../server/store/lease.js';
import { testDialects, useTestStore } from './store-target.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDialects)('leases over %s', (dialect) => {
  const store = useTestStore(dialect);

  it('lets one holder at a time work under a name, other names alongside', async () => {
    const spans: { name: string; from: number; to: number }[] = [];
    const work = (name: string) => withLease(store, name, async () => {
      const from = performance.now();
      await sleep(15);
      spans.push({ name, from, to: performance.now() });
    });
    await Promise.all([work('round:a'), work('round:a'), work('round:a'), work('round:b')]);
    const a = spans.filter((s) => s.name === 'round:a').sort((x, y) => x.from - y.from);
    for (let i = 1; i < a.length; i++) expect(a[i].from).toBeGreaterThanOrEqual(a[i - 1].to);
    const b = spans.find((s) => s.name === 'round:b')!;
    expect(b.from).toBeLessThan(a[a.length - 1].from); // b did not wait for every a
    expect(await store.all('SELECT name FROM leases')).toEqual([]);
  });

  it('takes over a lapsed lease, and refuses the old holder at its commit', async () => {
    await store.run('INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)', ['round:dead', 'gone:1', new Date(Date.now() - 1000).toISOString()]);
    const lease = await takeLease(store, 'round:dead', { waitMs: 200 });
    await store.tx(async (tx) => lease.stillHeld(tx));
    // Another holder took it (this one stalled past its TTL): its commit is refused.
    await store.run('UPDATE leases SET holder = ? WHERE name = ?', ['other:1', 'round:dead']);
    const refused = await store.tx(async (tx) => lease.stillHeld(tx)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LeaseLost);
    await lease.release();
    expect((await store.get<{ holder: string }>('SELECT holder FROM leases WHERE name = ?', ['round:dead']))?.holder).toBe('other:1');
  });

  it('gives up after its wait while the lease stays held', async () => {
    const held = await takeLease(store, 'round:busy');
    const started = Date.now();
    const e = await takeLease(store, 'round:busy', { waitMs: 60 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LeaseBusy);
    expect(Date.now() - started).toBeLessThan(1000);
    await held.release();
    const next = await takeLease(store, 'round:busy', { waitMs: 60 });
    await next.release();
  });
});
