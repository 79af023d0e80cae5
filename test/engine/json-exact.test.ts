// engine/json-exact.ts: JSON numbers are read exactly as written, never rounded silently; everything
// else is exactly what JSON.parse gives.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { MAX_EXPONENT, parseJsonExact, UnreadableNumber } from '../../engine/json-exact.js';
import { prepare, evaluate } from '../../engine/index.js';

const exact = (text: string) => Rational.parse(text)!;

describe('parseJsonExact', () => {
  it('reads integers beyond 2^53 and long decimals as their exact Rational', () => {
    const v = parseJsonExact('{"n": 9007199254740993, "x": 0.1000000000000000055511151231257827, "y": [1.00000000000000001]}') as Record<string, unknown>;
    expect(v.n).toBeInstanceOf(Rational);
    expect((v.n as Rational).eq(exact('9007199254740993'))).toBe(true);
    expect((v.x as Rational).eq(exact('0.1000000000000000055511151231257827'))).toBe(true);
    expect(((v.y as unknown[])[0] as Rational).eq(exact('1.00000000000000001'))).toBe(true);
  });

  it('keeps a number as a JS number when its double reads back as the same decimal', () => {
    const v = parseJsonExact('{"a": 9007199254740992, "b": 1e100, "c": 92.675, "d": 12345678901234567890e-5, "e": -0, "f": 1.5E+3}') as Record<string, unknown>;
    expect({ ...v, d: undefined }).toEqual({ a: 9007199254740992, b: 1e100, c: 92.675, d: undefined, e: -0, f: 1500 });
    // d has 20 significant digits: its double is not its value.
    expect(v.d).not.toBeTypeOf('number');
  });

  it('marks numbers beyond 10^±MAX_EXPONENT as unreadable instead of Infinity or 0', () => {
    expect(MAX_EXPONENT).toBe(100);
    const v = parseJsonExact('[1e100, -1.5e100, 1e-100, 1e101, -1e101, 1e-101, 1e400, 1e-400, 1e99999999999, 0e99999]') as unknown[];
    expect(v[0]).toBe(1e100); // its double reads back as 10^100
    expect(v[1]).toBe(-1.5e100);
    expect(v[2]).toBe(1e-100);
    for (const i of [3, 4, 5, 6, 7, 8]) expect(v[i], String(i)).toBeInstanceOf(UnreadableNumber);
    expect((v[6] as UnreadableNumber).text).toBe('1e400');
    expect(v[9]).toBe(0); // zero in any spelling
  });

  it('reads exactly what lies within the bound but not in a double', () => {
    const v = parseJsonExact('[1.00000000000000000000000000000000000000001e100, 123456789012345678901234567890]') as Rational[];
    expect(v[0].eq(exact('1.00000000000000000000000000000000000000001e100'))).toBe(true);
    expect(v[1].eq(exact('123456789012345678901234567890'))).toBe(true);
  });

  it('leaves strings alone, including ones that look like numbers or like its placeholders', () => {
    const text = '{"id": "110101199003071234", "s": "\\u0000kaohe-exact-00-0", "t": "1e400", "n": 12345678901234567}';
    const v = parseJsonExact(text) as Record<string, unknown>;
    expect(v.id).toBe('110101199003071234');
    expect(v.s).toBe('\u0000kaohe-exact-00-0');
    expect(v.t).toBe('1e400');
    expect((v.n as Rational).eq(exact('12345678901234567'))).toBe(true);
  });

  it('keeps a __proto__ key as an own property and throws JSON.parse\'s SyntaxError on bad JSON', () => {
    const v = parseJsonExact('{"__proto__": 12345678901234567, "x": 1}') as Record<string, unknown>;
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(() => parseJsonExact('{"a": 12345678901234567,}')).toThrow(SyntaxError);
    expect(() => parseJsonExact('')).toThrow(SyntaxError);
  });

  it('equals JSON.parse on any JSON whose numbers are doubles (within 10^±100) written by JSON.stringify', () => {
    const inBound = (v: unknown): boolean => typeof v === 'number' ? v === 0 || (Math.abs(v) < 1e100 && Math.abs(v) >= 1e-100)
      : Array.isArray(v) ? v.every(inBound) : v !== null && typeof v === 'object' ? Object.values(v).every(inBound) : true;
    fc.assert(fc.property(fc.jsonValue().filter(inBound), (v) => {
      const text = JSON.stringify(v);
      expect(parseJsonExact(text)).toStrictEqual(JSON.parse(text));
    }), { numRuns: 2000 });
  });

  it('reads every decimal literal exactly (property over digit strings and exponents)', () => {
    const literal = fc.tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9]\d{0,30})$/), fc.option(fc.stringMatching(/^\d{1,30}$/)), fc.option(fc.integer({ min: -60, max: 60 })))
      .map(([neg, int, frac, e]) => `${neg ? '-' : ''}${int}${frac !== null ? '.' + frac : ''}${e !== null ? 'e' + e : ''}`);
    fc.assert(fc.property(literal, (lit) => {
      const got = (parseJsonExact(`[${lit}]`) as unknown[])[0];
      const value = got instanceof Rational ? got : Rational.fromNumber(got as number);
      expect(value.eq(exact(lit)), lit).toBe(true);
    }), { numRuns: 5000 });
  });
});

describe('the engine with exact JSON', () => {
  const scheme = [
    'scheme 精确 "exact" {',
    '  precision 0',
    '  input { n: integer }',
    '  indicator 差 weight 100% = n - 9007199254740992',
    '}',
  ].join('\n');

  it('scores n - 9007199254740992 as 1 for n = 9007199254740993', async () => {
    const plan = prepare(scheme, 'exact.kaohe').value!;
    const out = await evaluate(plan, { id: 'a', input: parseJsonExact('{"n": 9007199254740993}') as Record<string, unknown> });
    expect(out.ok && out.value.score).toBe(1);
  });

  it('reports an unreadable number at its path with the text as sent', async () => {
    const plan = prepare(scheme, 'exact.kaohe').value!;
    const out = await evaluate(plan, { id: 'a', input: parseJsonExact('{"n": 1e5000}') as Record<string, unknown> });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.errors).toEqual([expect.objectContaining({ code: 'KH-E003', path: 'n', found: '1e5000' })]);
  });
});
