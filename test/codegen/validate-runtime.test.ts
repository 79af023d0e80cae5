// The pieces the generated validator's soundness rests on, each against the rule it mirrors:
// `frac` reads exactly Rational.fromNumber's value, `date` is parseDate, and a bound's double literal
// compares with every readable number as the exact bound does.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date, frac } from '../../engine/codegen/validate-runtime.js';
import { doubleLiteral } from '../../engine/codegen/validate-literals.js';
import { Rational } from '../../dsl/rational.js';
import { parseDate } from '../../dsl/dates.js';

/** The exact value frac claims for x. */
function fracValue(x: number, k: number): Rational {
  const m = BigInt(Math.round(Math.abs(x) * 10 ** k));
  return Rational.of(x < 0 ? -m : m, 10n ** BigInt(k));
}

/** Decimals of up to `digits` significant digits at a random scale, as doubles. */
const decimals = (digits: number) => fc.tuple(fc.integer({ min: -(10 ** digits) + 1, max: 10 ** digits - 1 }), fc.integer({ min: 0, max: 15 }))
  .map(([m, k]) => m / 10 ** k);

describe('frac', () => {
  it('reads the value Rational.fromNumber reads, or declines', () => {
    fc.assert(fc.property(fc.oneof(fc.double(), decimals(15), decimals(4), fc.integer()), (x) => {
      const k = frac(x);
      if (k < 0) return;
      expect(fracValue(x, k).eq(Rational.fromNumber(x))).toBe(true);
    }), { numRuns: 20_000 });
  });

  it('reads every decimal of up to 15 digits, 64.07 and 1.001 too', () => {
    fc.assert(fc.property(decimals(15), (x) => { expect(frac(x)).toBeGreaterThanOrEqual(0); }), { numRuns: 20_000 });
    for (const x of [64.07, 1.001, 1.007, 0.1, 99.99, -2.5, 0.000001, 1e-7, 123456789012.345]) expect(frac(x)).toBeGreaterThan(0);
  });

  it('declines what it cannot read', () => {
    for (const x of [NaN, Infinity, -Infinity, 2 ** 53, 1e21, 5e-324, 0.1 + 0.2, 1 / 3, 1e15 + 0.5, 12.345678901234567]) expect(frac(x)).toBe(-1);
    expect(frac(-0)).toBe(0);
  });
});

describe('date', () => {
  const shaped = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  it('is parseDate', () => {
    fc.assert(fc.property(fc.oneof(shaped, fc.string({ maxLength: 12 }), shaped.map((s) => s.replace(/\d/, 'x')), shaped.map((s) => `${s} `)), (s) => {
      expect(date(s)).toBe(parseDate(s) !== undefined);
    }), { numRuns: 20_000 });
    for (const s of ['2024-02-29', '2000-02-29', '1900-02-29', '2026-02-29', '0001-01-01', '0000-01-01', '9999-12-31', '２０２６-01-01']) {
      expect(date(s)).toBe(parseDate(s) !== undefined);
    }
  });
});

describe('doubleLiteral', () => {
  /** A bound of ≤ 17 significant digits (some get no literal), maybe a percent. */
  const bound = fc.tuple(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.integer({ min: -3, max: 20 }), fc.boolean())
    .map(([m, k, percent]) => Rational.parse(`${m}e${-k}`, percent)!);

  it('compares with readable numbers as the exact bound does', () => {
    const near = (b: Rational) => {
      const x = b.toNumber();
      return fc.oneof(fc.constant(x), fc.constant(x * (1 + 2 ** -52)), fc.constant(x * (1 - 2 ** -52)), decimals(15), decimals(3).map((d) => x + d));
    };
    fc.assert(fc.property(bound.chain((b) => fc.tuple(fc.constant(b), near(b))), ([b, x]) => {
      const text = doubleLiteral(b);
      if (text === undefined || frac(x) < 0) return;
      const d = Number(text), exact = Rational.fromNumber(x).cmp(b);
      expect(Math.sign(x - d) || 0).toBe(exact);
    }), { numRuns: 20_000 });
  });

  it('gives the bounds schemes write', () => {
    expect(doubleLiteral(Rational.parse('1.5')!)).toBe('1.5');
    expect(doubleLiteral(Rational.parse('80', true)!)).toBe('0.8');
    expect(doubleLiteral(Rational.parse('-366')!)).toBe('-366');
    expect(doubleLiteral(Rational.parse('1e21')!)).toBe('1e+21');
    expect(doubleLiteral(Rational.parse('0.1234567890123456')!)).toBeUndefined(); // 16 digits
    expect(doubleLiteral(Rational.of(1n, 3n))).toBeUndefined();
  });
});
