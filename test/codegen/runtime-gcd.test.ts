// engine/codegen/runtime.ts gcd (and through it the private `mod`): without `%` on doubles — int32
// steps below 2^31, a − ⌊a/b⌋·b up to 2^52, `%` above — it must equal the BigInt gcd everywhere,
// also just below a multiple (a = k·b − 1, where a rounded quotient could reach k).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcd } from '../../engine/codegen/runtime.js';

const MAX = Number.MAX_SAFE_INTEGER;
const big = (a: bigint, b: bigint): bigint => { while (b !== 0n) [a, b] = [b, a % b]; return a; };
const ref = (a: number, b: number) => Number(big(BigInt(a), BigInt(b)));

/** Non-negative safe integers around each boundary of the paths (2^31, 2^52, 2^53). */
const n = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: 2 ** 31 - 1000, max: 2 ** 31 + 1000 }),
  fc.integer({ min: 0, max: MAX }),
  fc.integer({ min: 2 ** 52 - 1000, max: 2 ** 52 + 1000 }),
  fc.integer({ min: MAX - 1000, max: MAX }),
);

describe('runtime gcd', () => {
  it('equals the BigInt gcd', () => {
    fc.assert(fc.property(n, n, (a, b) => { expect(gcd(a, b)).toBe(ref(a, b)); }), { numRuns: 20_000, seed: 16 });
  });

  it('just below a multiple (a = k·b − 1), and at the boundaries', () => {
    const near = fc.tuple(fc.integer({ min: 2, max: 2 ** 26 }), fc.integer({ min: 2 ** 20, max: 2 ** 26 })).map(([k, b]) => [k * b - 1, b] as const);
    fc.assert(fc.property(near, ([a, b]) => { expect(gcd(a, b)).toBe(ref(a, b)); expect(gcd(b, a)).toBe(ref(a, b)); }), { numRuns: 20_000, seed: 17 });
    for (const [a, b] of [[2 ** 52, 3], [2 ** 52 - 1, 2 ** 26 + 1], [MAX, MAX - 1], [MAX, 2], [2 ** 31, 2 ** 31 - 1], [0, 5], [5, 0], [0, 0]]) expect(gcd(a, b)).toBe(ref(a, b));
  });
});
