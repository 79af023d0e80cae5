// The number-backed fast paths of Rational (dsl/rational.ts) against a plain BigInt reference:
// arithmetic near 2^53 (where the fast path must hand over to BigInt), rounding half away from zero,
// and fromNumber's text-free path against String(x) (the shortest round-trip decimal).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';

type Ref = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => { while (b) [a, b] = [b, a % b]; return a < 0n ? -a : a; };
const norm = ([n, d]: Ref): Ref => { if (d < 0n) { n = -n; d = -d; } const g = gcd(n, d) || 1n; return [n / g, d / g]; };
const same = (r: Rational, x: Ref) => { const [n, d] = norm(x); expect([r.num, r.den]).toEqual([n, d]); };
const refRound = ([n, d]: Ref, k: number): Ref => {
  const s = 10n ** BigInt(k), a = n < 0n ? -n : n, q = (a * s * 2n + d) / (2n * d);
  return norm([n < 0n ? -q : q, s]);
};

// Integers clustered around the safe-integer boundary, small values, and products that cross it.
const edge = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: 2n ** 53n - 50n, max: 2n ** 53n + 50n }).map((x) => (x % 2n ? -x : x)),
  fc.bigInt({ min: 2n ** 26n - 5n, max: 2n ** 27n + 5n }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
);
const pos = edge.map((x) => (x < 0n ? -x : x) + 1n);
const rat = fc.tuple(edge, pos).map(([n, d]) => ({ r: Rational.of(n, d), x: norm([n, d]) as Ref }));

describe('Rational fast paths', () => {
  it('add, sub, mul, div, cmp, floor, ceil agree with BigInt', () => {
    fc.assert(fc.property(rat, rat, ({ r: a, x: [an, ad] }, { r: b, x: [bn, bd] }) => {
      same(a.add(b), [an * bd + bn * ad, ad * bd]);
      same(a.sub(b), [an * bd - bn * ad, ad * bd]);
      same(a.mul(b), [an * bn, ad * bd]);
      if (bn !== 0n) same(a.div(b), [an * bd, ad * bn]);
      const l = an * bd, r = bn * ad;
      expect(a.cmp(b)).toBe(l < r ? -1 : l > r ? 1 : 0);
      expect(a.eq(b)).toBe(l === r);
      const fl = an / ad - (an < 0n && an % ad !== 0n ? 1n : 0n);
      same(a.floor(), [fl, 1n]);
      expect(a.isInteger()).toBe(ad === 1n);
    }), { numRuns: 3000 });
  });

  it('round and toRoundedNumber are half away from zero', () => {
    fc.assert(fc.property(rat, fc.integer({ min: 0, max: 18 }), ({ r, x }, k) => {
      const [n, d] = refRound(x, k);
      same(r.round(k), [n, d]);
      expect(r.toRoundedNumber(k)).toBe(Number(Rational.of(n, d).toFixed(k)));
    }), { numRuns: 3000 });
  });

  it('toFixed and toDecimalString agree with BigInt text', () => {
    const refFixed = (x: Ref, k: number): string => {
      const [n, d] = refRound(x, k), scaled = n * (10n ** BigInt(k) / d), neg = scaled < 0n;
      const t = (neg ? -scaled : scaled).toString().padStart(k + 1, '0');
      return (neg ? '-' : '') + (k ? `${t.slice(0, -k)}.${t.slice(-k)}` : t);
    };
    const trim = (t: string) => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);
    fc.assert(fc.property(rat, fc.integer({ min: 0, max: 18 }), ({ r, x }, k) => {
      expect(r.toFixed(k)).toBe(refFixed(x, k));
      let d = x[1], twos = 0, fives = 0;
      while (d % 2n === 0n) { d /= 2n; twos++; }
      while (d % 5n === 0n) { d /= 5n; fives++; }
      const digits = Math.min(d === 1n ? Math.max(twos, fives) : 20, 20);
      expect(r.toDecimalString()).toBe(trim(refFixed(x, digits)));
    }), { numRuns: 3000 });
  });

  it('rounds exact halves away from zero', () => {
    for (const [t, k, want] of [['94.405', 2, '94.41'], ['28.075', 2, '28.08'], ['-28.075', 2, '-28.08'],
      ['0.5', 0, '1'], ['-0.5', 0, '-1'], ['-2.5', 0, '-3'], ['1.0049999', 2, '1.00'], ['-0.005', 2, '-0.01'],
      ['89.995', 2, '90.00'], ['9007199254740.9915', 3, '9007199254740.992']] as const) {
      expect(Rational.parse(t)!.toFixed(k)).toBe(want);
      expect(Rational.parse(t)!.toRoundedNumber(k)).toBe(Number(want));
    }
  });

  it('fromNumber is the shortest round-trip decimal', () => {
    const check = (x: number) => {
      const r = Rational.fromNumber(x), p = Rational.parse(String(x))!;
      expect([r.num, r.den]).toEqual([p.num, p.den]);
    };
    for (const x of [0.1, 0.2, 0.1 + 0.2, 94.405, 28.075, -0.5, 1e-7, 123456789012345.6, 0.30000000000000004,
      99.99999999999999, 1 / 3, 2 ** 60, 1e21, 2 ** 53 + 2, -0]) check(x);
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), check), { numRuns: 5000 });
    fc.assert(fc.property(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: 0, max: 12 }),
      (m, k) => check(m / 10 ** k)), { numRuns: 5000 });
    fc.assert(fc.property(fc.double({ min: 0, max: 100, noNaN: true }), check), { numRuns: 5000 });
  });
});
