// engine/ranks.ts keeps ranking keys compactly (issue 16): a key × 10^6 as a double when that is a
// safe integer, the exact value otherwise. Property: whatever mix of keys (scores with few decimals,
// thirds, huge values past the safe range, nulls, negative numbers), ascending or descending, one
// cohort or several, compact slots or Rank objects, every rank equals the definition — 1 + how many
// in the same scope are strictly better (competition ranking), nulls last.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { compareKey } from '../../engine/race.js';
import { Ranks } from '../../engine/ranks.js';
import type { Value } from '../../engine/values.js';

const key: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: -3000, max: 3000 }).map((n) => Rational.of(BigInt(n), 100n)), // scores: scaled
  fc.integer({ min: -9, max: 9 }).map((n) => Rational.of(BigInt(n), 3n)), // thirds: exact path
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => Rational.of(n * 10n ** 6n + 1n, 7n)), // past 2^53 once scaled
  fc.constant(Rational.of(1n, 3n)), fc.constant(Rational.int(0)), fc.constant(null),
);

describe('Ranks (compact keys)', () => {
  it('equal the definition: 1 + strictly better in the scope', () => {
    fc.assert(fc.property(fc.array(fc.tuple(key, fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 60 }), fc.constantFrom('asc', 'desc'),
      (items, dir) => {
        const ranks = new Ranks(dir as 'asc' | 'desc');
        const got = items.map(([v, c, compact]) => (compact ? ranks.addCompact(v, c) : ranks.add(v, c)));
        ranks.assign();
        items.forEach(([v, c], i) => {
          const better = (same: boolean) => 1 + items.filter(([w, d]) => (!same || d === c) && compareKey(dir as 'asc' | 'desc', w, v) < 0).length;
          const g = got[i];
          const r = typeof g === 'number' ? ranks.rankAt(g) : g;
          expect(r).toEqual({ overall: better(false), cohort: better(true) });
        });
      }), { numRuns: 300 });
  });
});
