// The papers' parsed-revision cache (server/reports/revision-cache.ts) now that a revision is read from
// the store asynchronously (issue 17): requests missing the same key at once share one making (a
// 10,000-person revision is half a second of parsing), a failed making is not kept, and apps (owners)
// never share entries.

import { describe, expect, it } from 'vitest';
import { memoRevision } from '../../server/reports/revision-cache.js';

const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));

describe('memoRevision', () => {
  it('makes a key once for requests that miss it at the same time, then answers from the cache', async () => {
    const owner = {};
    let made = 0;
    const make = () => { made++; return later({ n: made }); };
    const [a, b] = await Promise.all([memoRevision(owner, 'r#1', make), memoRevision(owner, 'r#1', make)]);
    expect(made).toBe(1);
    expect(b).toBe(a);
    expect(await memoRevision(owner, 'r#1', make)).toBe(a);
    expect(made).toBe(1);
  });

  it('forgets a making that failed: the next request makes it again', async () => {
    const owner = {};
    let calls = 0;
    const failing = async () => { calls++; await later(0); throw new Error('store unavailable'); };
    await expect(Promise.all([memoRevision(owner, 'r#2', failing), memoRevision(owner, 'r#2', failing)])).rejects.toThrow('store unavailable');
    expect(calls).toBe(1);
    expect(await memoRevision(owner, 'r#2', () => later('made'))).toBe('made');
  });

  it('keeps entries per owner', async () => {
    const one = {}, two = {};
    expect(await memoRevision(one, 'k', () => later(1))).toBe(1);
    expect(await memoRevision(two, 'k', () => later(2))).toBe(2);
    expect(await memoRevision(one, 'k', () => later(3))).toBe(1);
  });
});
