// sheets/decimal.ts: a number cell is read as the shortest decimal that round-trips (what the person
// typed: 92.675, not 92.67499…); text is read exactly; nothing is ever shown with an exponent.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { decimalText, MAX_EXPONENT, readDecimal, shortestDecimal } from '../../sheets/decimal.js';

const valueOf = (t: string) => {
  const r = readDecimal(t);
  if (!r || 'tooLarge' in r) throw new Error(`not read: ${t}`);
  return r.value;
};
const asRational = (v: number | Rational) => (typeof v === 'number' ? Rational.fromNumber(v) : v);

describe('shortestDecimal', () => {
  it('reads back as the same double, has no exponent, and is what the engine reads the double as', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const s = shortestDecimal(x);
      expect(s).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number(s)).toBe(x === 0 ? 0 : x);
      expect(Rational.parse(s)!.eq(Rational.fromNumber(x))).toBe(true);
      // no shorter decimal reads back as x: its significant digits are those of Number::toString
      const digits = (t: string) => t.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
      expect(digits(s)).toBe(digits(String(Math.abs(x))));
    }), { numRuns: 5000 });
  });

  it('gives back the decimal a person typed from the 17 digits Excel stores', () => {
    // A typed decimal (≤ 15 significant digits) → its double → Excel's 17-digit text → parseFloat.
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 12 }), (m, k) => {
      const typed = Rational.of(m, 10n ** BigInt(k)).toDecimalString(30);
      const stored = Number(typed).toPrecision(17);
      expect(shortestDecimal(parseFloat(stored))).toBe(typed === '-0' ? '0' : typed);
    }), { numRuns: 5000 });
    expect((92.675).toPrecision(17)).toBe('92.674999999999997');
    expect(shortestDecimal(parseFloat('92.674999999999997'))).toBe('92.675');
  });

  it('writes large and small numbers out in full', () => {
    expect(shortestDecimal(1.1010119900101e17)).toBe('110101199001010000');
    expect(shortestDecimal(1e21)).toBe('1000000000000000000000');
    expect(shortestDecimal(1.5e-7)).toBe('0.00000015');
    expect(shortestDecimal(-0)).toBe('0');
  });
});

describe('readDecimal', () => {
  it('reads any decimal text exactly: a number when its double is that decimal, else the exact Rational', () => {
    const decimal = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,25}$/), fc.stringMatching(/^\d{0,20}$/), fc.integer({ min: -20, max: 20 }))
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}${exp ? `e${exp}` : ''}`);
    fc.assert(fc.property(decimal, (t) => {
      const v = valueOf(t);
      expect(asRational(v).eq(Rational.parse(t)!)).toBe(true);
      if (typeof v !== 'number') expect(Rational.fromNumber(Number(t)).eq(Rational.parse(t)!)).toBe(false);
      expect(Rational.parse(decimalText(v))!.eq(Rational.parse(t)!)).toBe(true);
    }), { numRuns: 5000 });
  });

  it('keeps digits a double would lose', () => {
    expect(asRational(valueOf('9007199254740993')).eq(Rational.parse('9007199254740993')!)).toBe(true);
    expect(valueOf('9007199254740993')).toBeInstanceOf(Rational);
    expect(valueOf('0.1000000000000000055511151231257827')).toBeInstanceOf(Rational);
    expect(valueOf('92.675')).toBe(92.675);
  });

  it('reads grouped thousands, percentages, full-width digits and signs', () => {
    expect(valueOf('1,234.5')).toBe(1234.5);
    expect(valueOf('95%')).toBe(0.95);
    expect(valueOf('９２．５')).toBe(92.5);
    expect(valueOf(' -3 ')).toBe(-3);
    expect(valueOf('+1.5E3')).toBe(1500);
    expect(valueOf('-0')).toBe(0);
    expect(Object.is(valueOf('-0.0e5'), -0)).toBe(false);
  });

  it('refuses what is not a number, and numbers beyond 10^±MAX_EXPONENT without building them', () => {
    for (const t of ['', 'abc', '1.2.3', '1,23', '12e', '--1', '0x10', '一百']) expect(readDecimal(t)).toBeUndefined();
    expect(MAX_EXPONENT).toBe(100);
    expect(readDecimal('1e100')).toEqual({ value: 1e100 });
    for (const t of ['1e101', '1e-101', '1e999999999999', '-5e400', `1${'0'.repeat(101)}`]) expect(readDecimal(t)).toEqual({ tooLarge: true });
    expect(readDecimal('0e999999')).toEqual({ value: 0 });
  });
});
