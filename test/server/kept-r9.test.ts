// server/kept.ts: the one bounded, least-recently-used cache the papers' view of a version, a worker's
// view of a version and a round's parsed revision are kept in (issue 16 session 9: three copies before).

import { describe, expect, it } from 'vitest';
import { Kept, keptPer } from '../../server/kept.js';

describe('Kept', () => {
  it('drops the least recently used entry beyond its bound; reading an entry makes it the newest', () => {
    const k = new Kept<number>(2);
    k.set('a', 1);
    k.set('b', 2);
    expect(k.get('a')).toBe(1); // a is now newer than b
    k.set('c', 3);
    expect([k.get('a'), k.get('b'), k.get('c'), k.size]).toEqual([1, undefined, 3, 2]);
    k.set('a', 10); // a value replaced is the newest, not a second entry
    k.set('d', 4);
    expect([k.get('a'), k.get('c'), k.get('d'), k.size]).toEqual([10, undefined, 4, 2]);
  });

  it('memo makes a value once, also a falsy one', () => {
    const k = new Kept<number | null>(4);
    let made = 0;
    const make = () => { made++; return null; };
    expect([k.memo('x', make), k.memo('x', make), made]).toEqual([null, null, 1]);
  });

  it('one cache per owner: two apps of one process share nothing', () => {
    const per = keptPer<string>(1);
    const one = {}, two = {};
    per(one).set('h', 'one');
    expect([per(one).get('h'), per(two).get('h')]).toEqual(['one', undefined]);
    expect(per(one)).toBe(per(one));
  });
});
