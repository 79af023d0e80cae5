// Exact numbers across the json-rules-engine boundary. json-rules-engine compares JS numbers, which
// cannot hold 2/3 or 0.1 exactly, so every kaohe number crosses as a string — a decimal ("0.98") when
// it terminates, else a fraction ("2/3") — and the exported rules compare with the custom operators
// below, which parse both sides back into Rationals (dsl/rational.ts). Nothing is ever a float.

import { Operator } from 'json-rules-engine';
import type { CompareOp } from '../../dsl/ast.js';
import { Rational } from '../../dsl/rational.js';

/** Canonical exact text: "17", "0.98", "-2.5", or "2/3" when the decimal does not terminate. */
export function exactText(r: Rational): string {
  if (r.isInteger()) return r.num.toString();
  let d = r.den;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n ? r.toDecimalString(64) : r.toString();
}

/** Fast text for run-time facts: "n" or "n/d" (exact, cheap to print and to parse). */
export function fractionText(r: Rational): string {
  return r.toString();
}

// Rule literals repeat on every run; fact values mostly do not. A small cache keeps the literals.
const parsed = new Map<string, Rational>();

/** The exact value of a number crossing the boundary, or undefined (null, a non-number). */
export function parseExact(v: unknown): Rational | undefined {
  if (v instanceof Rational) return v;
  if (typeof v === 'string') {
    const hit = parsed.get(v);
    if (hit) return hit;
    const slash = v.indexOf('/');
    let r: Rational | undefined;
    if (slash > 0) {
      try { r = Rational.of(BigInt(v.slice(0, slash)), BigInt(v.slice(slash + 1))); } catch { r = undefined; }
    } else r = Rational.parse(v);
    if (r && parsed.size < 4096) parsed.set(v, r);
    return r;
  }
  // A plain JSON number from a third-party fact: exact as written (shortest round-trip form).
  if (typeof v === 'number' && Number.isFinite(v)) return Rational.fromNumber(v);
  return undefined;
}

type Cmp = (d: number) => boolean;

/** Ordered comparisons: false when either side is missing (kaohe: no grade / no bonus compares false). */
function ordered(name: string, test: Cmp): Operator {
  return new Operator(name, (fact: unknown, value: unknown) => {
    const a = parseExact(fact), b = parseExact(value);
    return a !== undefined && b !== undefined && test(a.cmp(b));
  });
}

/** The operators the exported rules use, with what each means (also listed in the export). */
export const EXACT_OPERATORS: Record<string, string> = {
  exactEqual: 'fact and value are the same exact number (false if either is null)',
  exactNotEqual: 'not exactEqual',
  exactLessThan: 'fact < value, exactly (false if either is null)',
  exactLessThanInclusive: 'fact <= value, exactly',
  exactGreaterThan: 'fact > value, exactly',
  exactGreaterThanInclusive: 'fact >= value, exactly',
  exactIn: 'fact is exactly equal to one of the numbers in value',
};

export function exactOperators(): Operator[] {
  const eq = (fact: unknown, value: unknown) => {
    if (fact == null || value == null) return fact == null && value == null; // kaohe: null == null only
    const a = parseExact(fact), b = parseExact(value);
    return a !== undefined && b !== undefined && a.eq(b);
  };
  return [
    new Operator('exactEqual', eq),
    new Operator('exactNotEqual', (f: unknown, v: unknown) => !eq(f, v)),
    ordered('exactLessThan', (d) => d < 0),
    ordered('exactLessThanInclusive', (d) => d <= 0),
    ordered('exactGreaterThan', (d) => d > 0),
    ordered('exactGreaterThanInclusive', (d) => d >= 0),
    new Operator('exactIn', (f: unknown, v: unknown) => Array.isArray(v) && v.some((x) => eq(f, x))),
  ];
}

/** kaohe comparison operator → exported operator name (numbers). */
export const NUMERIC_OP: Readonly<Record<CompareOp, string>> = {
  '==': 'exactEqual', '!=': 'exactNotEqual', '<': 'exactLessThan', '<=': 'exactLessThanInclusive',
  '>': 'exactGreaterThan', '>=': 'exactGreaterThanInclusive',
};
