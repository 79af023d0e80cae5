// The compiled engine's exact arithmetic (engine/codegen/runtime.ts) against Rational: every helper
// either gives the value Rational gives or throws Bail (never a wrong value), including values near
// ±2^53 where the safe-integer path must leave; rounding half away from zero onto exact halves; the
// texts of explanations; reading JSON numbers.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import * as R from '../../engine/codegen/runtime.js';

const MAX = Number.MAX_SAFE_INTEGER;
const rat = (n: number, d: number) => Rational.of(BigInt(n), BigInt(d));
/** Safe integers: small, mid-sized and near ±2^53 (where the checks must catch every overflow). */
const int = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.integer({ min: MAX - 1000, max: MAX }), fc.integer({ min: -MAX, max: -MAX + 1000 }), fc.constantFrom(0, 1, -1, 2 ** 26, 3 ** 20));
const den = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: MAX - 1000, max: MAX }), fc.constantFrom(1, 3, 7, 2 ** 26, 10 ** 15));
const frac = fc.tuple(int, den);

/** F as a Rational after `op`, or 'bail' when it left the safe-integer path. */
function run(op: () => unknown): Rational | 'bail' | number {
  try {
    const r = op();
    return typeof r === 'number' ? r : rat(R.F.n, R.F.d);
  } catch (e) {
    if (e instanceof R.Bail) return 'bail';
    throw e;
  }
}

describe('runtime arithmetic = Rational, or a bail', () => {
  const cases: [string, (a: [number, number], b: [number, number]) => unknown, (x: Rational, y: Rational) => Rational | number][] = [
    ['add', ([a, b], [c, d]) => R.add(a, b, c, d), (x, y) => x.add(y)],
    ['sub', ([a, b], [c, d]) => R.sub(a, b, c, d), (x, y) => x.sub(y)],
    ['mul', ([a, b], [c, d]) => R.mul(a, b, c, d), (x, y) => x.mul(y)],
    ['div', ([a, b], [c, d]) => R.div(a, b, c, d), (x, y) => x.div(y)],
    ['cmp', ([a, b], [c, d]) => R.cmp(a, b, c, d), (x, y) => x.cmp(y)],
  ];
  for (const [name, op, ref] of cases) {
    it(name, () => {
      let bails = 0, exact = 0;
      fc.assert(fc.property(frac, frac, (x, y) => {
        const X = rat(...x), Y = rat(...y);
        if (name === 'div' && Y.isZero()) { expect(run(() => op(x, y))).toBe('bail'); return; } // KH-E010: the reference reports it
        const got = run(() => op(x, y));
        if (got === 'bail') { bails++; return; }
        exact++;
        const want = ref(X, Y);
        if (typeof want === 'number') expect(got).toBe(want);
        else expect((got as Rational).eq(want)).toBe(true);
        // a value it gives is itself on the safe path
        if (typeof got !== 'number') expect(Math.abs(R.F.n) <= MAX && R.F.d <= MAX && R.F.d > 0).toBe(true);
      }), { numRuns: 3000, seed: 16 });
      expect(exact).toBeGreaterThan(500); // the fast path is exercised, not only the bails
      if (name !== 'cmp') expect(bails).toBeGreaterThan(0); // and the 2^53 edge is reached
    });
  }

  it('a bail is taken exactly when Rational needs more than safe integers', () => {
    // MAX + 1 is not safe: the sum of MAX and 1 must bail, MAX − 1 + 1 must not
    expect(run(() => R.add(MAX, 1, 1, 1))).toBe('bail');
    expect((run(() => R.add(MAX - 1, 1, 1, 1)) as Rational).eq(Rational.int(MAX))).toBe(true);
    expect(run(() => R.mul(2 ** 27, 1, 2 ** 26, 1))).toBe('bail');
    expect((run(() => R.mul(2 ** 26, 1, 2 ** 26, 1)) as Rational).eq(Rational.int(2 ** 52))).toBe(true);
  });
});

describe('reported values and texts', () => {
  it('rnd(p) = Rational.toRoundedNumber(p) and round(p) = Rational.round(p)', () => {
    fc.assert(fc.property(frac, fc.integer({ min: 0, max: 6 }), ([n, d], p) => {
      const X = rat(n, d);
      expect(R.rnd(n, d, p)).toBe(X.toRoundedNumber(p));
      const r = run(() => R.round(n, d, p));
      if (r !== 'bail') expect((r as Rational).eq(X.round(p))).toBe(true);
    }), { numRuns: 3000, seed: 16 });
  });

  it('exact halves round away from zero (x.xx5 at precision 2), unreduced forms alike', () => {
    fc.assert(fc.property(fc.integer({ min: -(10 ** 7), max: 10 ** 7 }), fc.integer({ min: 1, max: 1000 }), (k, m) => {
      const n = (2 * k + 1) * 5, d = 1000; // (2k+1)/200: exactly halfway between two hundredths
      const want = Math.sign(n) * (Math.abs(k) + (k < 0 ? 0 : 1)) / 100;
      expect(R.rnd(n, d, 2)).toBe(rat(n, d).toRoundedNumber(2));
      expect(R.rnd(n * m, d * m, 2)).toBe(rat(n, d).toRoundedNumber(2)); // the value decides, not the form
      expect(Math.abs(R.rnd(n, d, 2))).toBeCloseTo(Math.abs(want), 10);
    }), { numRuns: 2000, seed: 16 });
    expect(R.rnd(12345, 1000, 2)).toBe(12.35);
    expect(R.rnd(-12345, 1000, 2)).toBe(-12.35);
    expect(R.rnd(5, 1000, 2)).toBe(0.01);
    expect(R.rnd(-5, 1000, 2)).toBe(-0.01);
  });

  it('show = values.ts show (Rational.toDecimalString(6)), num = Rational.fromNumber', () => {
    fc.assert(fc.property(frac, ([n, d]) => { expect(R.show(n, d)).toBe(rat(n, d).toDecimalString(6)); }), { numRuns: 3000, seed: 16 });
    const json = fc.oneof(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((k) => k / 1000), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    fc.assert(fc.property(json, (x) => {
      const got = run(() => R.num(x));
      if (got !== 'bail') expect((got as Rational).eq(Rational.fromNumber(x))).toBe(true);
    }), { numRuns: 3000, seed: 16 });
    expect(run(() => R.num(0.1))).toEqual(Rational.fromNumber(0.1));
    expect(run(() => R.num(2 ** 60))).toBe('bail'); // not safe: its shortest text is not its value
    expect(run(() => R.num(Rational.ONE as unknown as number))).toBe('bail'); // exact JSON reading: the reference decides
  });

  it('mean with `trim` = the sorted mean of panels.ts', async () => {
    const { trimmedMean } = await import('../../engine/panels.js');
    const rating = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }).map((k) => k / 10));
    fc.assert(fc.property(fc.array(rating, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (xs, k) => {
      if (xs.length <= 2 * k) return;
      const got = run(() => R.mean(xs, k));
      expect((got as Rational).eq(trimmedMean(xs.map(Rational.fromNumber), k))).toBe(true);
    }), { numRuns: 2000, seed: 16 });
  });

  it('rate (both paths) = forms.ts rateFast: trimmed means by category, weights renormalized or zeroed', async () => {
    const { trimmedMean, trims } = await import('../../engine/panels.js');
    const rating = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }).map((k) => k / 10), fc.integer({ min: 0, max: 10000 }).map((k) => k / 100));
    const weights = [[2, 5], [3, 10], [1, 5], [1, 10]] as const;
    fc.assert(fc.property(fc.array(fc.option(fc.array(rating, { maxLength: 9 })), { minLength: 4, maxLength: 4 }), fc.boolean(), fc.integer({ min: 0, max: 2 }), (lists, zero, count) => {
      const trim = count ? { count, atLeast: 5 } : undefined;
      const W = 10, spec: R.RateSpec = {
        cats: weights.map(([wn, wd], i) => ({ name: `c${i}`, wn, wd, min: 0 })), ...(trim ? { trim } : {}), zero, W, wi: weights.map(([wn, wd]) => wn * (W / wd)),
      };
      const obj = Object.fromEntries(lists.flatMap((xs, i) => (xs ? [[`c${i}`, xs]] : [])));
      // the reference: forms.ts rateFast's arithmetic with Rationals
      let total = Rational.ZERO, wsum = Rational.ZERO;
      lists.forEach((xs, i) => {
        const w = Rational.of(BigInt(weights[i][0]), BigInt(weights[i][1]));
        if (!xs || xs.length === 0) { if (zero) wsum = wsum.add(w); return; }
        const rs = xs.map(Rational.fromNumber);
        total = total.add(trimmedMean(rs, trims(trim ? { ...trim, perBallot: false } : undefined, rs.length) ? count : 0).mul(w));
        wsum = wsum.add(w);
      });
      const got = run(() => R.rate(obj, spec));
      if (wsum.isZero()) { expect(got).toEqual(zero ? Rational.ZERO : 'bail'); return; }
      expect((got as Rational).eq(total.div(wsum))).toBe(true);
    }), { numRuns: 3000, seed: 16 });
  });
});
