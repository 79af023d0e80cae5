// Properties of the statistics core (issue 15), with fast-check: quartiles and means equal an
// independent implementation on Rational (the textbook formula, no scaled-integer trick); shares add
// up to their base; the order of subjects in the facts does not change any table.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decOf, meanOf, quartileOf, shareOf, statRowOf } from '../../analytics/numbers.js';
import { statistics } from '../../analytics/tables.js';
import type { Statistics } from '../../analytics/types.js';
import { Rational } from '../../dsl/rational.js';
import { synFacts, type SynPerson } from './synthetic.js';

/** QUARTILE.INC straight from its definition, on Rationals: h = (n − 1)·q, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋). */
function quartileRational(values: readonly number[], k: number, p: number): Rational {
  const xs = [...values].map((v) => Rational.of(BigInt(v), 10n ** BigInt(p))).sort((a, b) => a.cmp(b));
  const h = Rational.int(xs.length - 1).mul(Rational.of(BigInt(k), 4n));
  const f = Number(h.floor().num);
  const frac = h.sub(h.floor());
  if (frac.sign() === 0) return xs[f]!;
  return xs[f]!.add(frac.mul(xs[f + 1]!.sub(xs[f]!)));
}

const scaledValues = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 60 });

describe('numbers', () => {
  it('QUARTILE.INC equals the Rational definition, exactly, with at most p + 2 decimals', () => {
    fc.assert(fc.property(scaledValues, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (vals, k, p) => {
      const sorted = Float64Array.from(vals).sort();
      const text = quartileOf(sorted, k, p);
      expect(Rational.parse(text)!.eq(quartileRational(vals, k, p))).toBe(true);
      const decimals = text.includes('.') ? text.split('.')[1]!.length : 0;
      expect(decimals).toBeGreaterThanOrEqual(p);
      expect(decimals).toBeLessThanOrEqual(p + 2);
    }));
  });

  it('a statistics row equals the Rational definition and sorting', () => {
    const many = fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 400 });
    fc.assert(fc.property(many, fc.integer({ min: 0, max: 3 }), (vals, p) => {
      const row = statRowOf(null, Int32Array.from(vals), p);
      const q = [1, 2, 3].map((k) => quartileRational(vals, k, p));
      [row.q1, row.median, row.q3].forEach((t, i) => expect(Rational.parse(t)!.eq(q[i]!)).toBe(true));
      const sorted = [...vals].sort((a, b) => a - b);
      expect([row.min, row.max]).toEqual([decOf(sorted[0]!, p), decOf(sorted[sorted.length - 1]!, p)]);
      expect(row.n).toBe(vals.length);
    }), { numRuns: 300 });
  });

  it('the mean is the exact Rational mean, rounded half away from zero to p + 2 decimals', () => {
    fc.assert(fc.property(scaledValues, fc.integer({ min: 0, max: 3 }), (vals, p) => {
      const sum = vals.reduce((s, v) => s + BigInt(v), 0n);
      const m = meanOf(sum, vals.length, p);
      const exact = vals.reduce((s, v) => s.add(Rational.of(BigInt(v), 10n ** BigInt(p))), Rational.ZERO).div(Rational.int(vals.length));
      expect(m.exact).toBe(exact.toString());
      expect(m.text).toBe(exact.toFixed(p + 2));
    }));
  });

  it('a share is count/base in percent, rounded half away from zero', () => {
    expect(shareOf(1, 8)).toEqual({ count: 1, base: 8, percent: '12.50' });
    expect(shareOf(1, 6)).toEqual({ count: 1, base: 6, percent: '16.67' }); // 16.666…
    expect(shareOf(1, 3)).toEqual({ count: 1, base: 3, percent: '33.33' });
    expect(shareOf(1, 16 * 10000 / 5)).toEqual({ count: 1, base: 32000, percent: '0.00' }); // 0.003125 → 0.00
    expect(shareOf(1, 40000).percent).toBe('0.00'); // 0.0025
    expect(shareOf(1, 200).percent).toBe('0.50');
    expect(shareOf(0, 0).percent).toBe('0.00');
  });
});

const person = (units: number) => fc.record({
  unit: fc.integer({ min: 0, max: units - 1 }),
  grade: fc.integer({ min: -1, max: 2 }),
  score: fc.option(fc.integer({ min: 0, max: 10000 }), { nil: null, freq: 8 }),
  a: fc.option(fc.integer({ min: 0, max: 10000 }), { nil: null, freq: 5 }),
  b: fc.option(fc.integer({ min: 0, max: 10000 }), { nil: null, freq: 5 }),
  lowA: fc.boolean(),
  fired: fc.subarray([0, 1]),
  acted: fc.boolean(),
});
const people = fc.array(person(4), { minLength: 1, maxLength: 40 })
  .map((ps) => ps.map((p, i): SynPerson => ({ ...p, id: `s${i}` })));

describe('tables', () => {
  it('grade counts and none add up to the size, per unit and overall; units add up to the overall', () => {
    fc.assert(fc.property(people, (ps) => {
      const d = statistics([{ period: '2026-Q1', facts: [synFacts(ps)] }]).periods[0]!.distribution;
      for (const row of [d.overall, ...d.units]) {
        const sum = row.grades.reduce((s, g) => s + g.count, 0) + row.none.count;
        expect(sum).toBe(row.size);
        for (const g of row.grades) expect(g.base).toBe(row.size);
      }
      expect(d.units.reduce((s, u) => s + u.size, 0)).toBe(d.overall.size);
      d.overall.grades.forEach((g, k) => expect(d.units.reduce((s, u) => s + u.grades[k]!.count, 0)).toBe(g.count));
    }));
  });

  it('item and action counts per unit add up to the overall count', () => {
    fc.assert(fc.property(people, (ps) => {
      const p = statistics([{ period: '2026-Q1', facts: [synFacts(ps)] }]).periods[0]!;
      for (const c of [...p.items, ...p.actions]) {
        expect(c.units.reduce((s, u) => s + u.count, 0)).toBe(c.overall.count);
        expect(c.units.reduce((s, u) => s + u.base, 0)).toBe(c.overall.base);
      }
    }));
  });

  it('permuting the subjects changes no table (unit rows compared by name)', () => {
    const shuffled = fc.tuple(people, people).chain(([before, after]) =>
      fc.tuple(fc.constant(before), fc.constant(after), fc.shuffledSubarray(after, { minLength: after.length, maxLength: after.length })));
    fc.assert(fc.property(shuffled, ([before, after, perm]) => {
      const run = (ps: SynPerson[]) => normalize(statistics(
        [{ period: '2025-Q4', facts: [synFacts(before)] }, { period: '2026-Q1', facts: [synFacts(ps)] }], { by: 'unit', limit: 500 }));
      expect(run(perm)).toEqual(run(after));
    }));
  });
});

/** The answer with unit-ordered lists sorted by unit name (first-seen unit order follows the subjects). */
function normalize(s: Statistics): unknown {
  const byUnit = <T extends { unit: string | null }>(rows: T[]) => [...rows].sort((a, b) => String(a.unit).localeCompare(String(b.unit)));
  return {
    ...s,
    trend: byUnit(s.trend),
    periods: s.periods.map((p) => ({
      ...p,
      units: [...p.units].sort(),
      distribution: { overall: p.distribution.overall, units: byUnit(p.distribution.units) },
      score: { ...p.score, units: byUnit(p.score.units) },
      indicators: p.indicators.map((n) => ({ ...n, units: byUnit(n.units) })),
      groups: p.groups.map((n) => ({ ...n, units: byUnit(n.units) })),
      items: p.items.map((c) => ({ ...c, units: byUnit(c.units) })),
      actions: p.actions.map((c) => ({ ...c, units: byUnit(c.units) })),
      change: p.change && {
        ...p.change,
        moves: { ...p.change.moves, items: [...p.change.moves.items].sort((a, b) => a.subject.localeCompare(b.subject)) },
      },
    })),
  };
}
