// engine/stream/rows.ts: a competitor's race reads kept as columns answer exactly what the program's
// probe answered — numbers of ≤ 6 decimals (scaled), fractions, numbers beyond 2^53, texts, enum
// members and no value (kept beside), which lower grades hold — and pass 2's fate from its grades.

import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import type { GradePlan, Plan } from '../../engine/plan.js';
import type { Probe } from '../../engine/race.js';
import type { Value } from '../../engine/values.js';
import { CompetitorRows } from '../../engine/stream/rows.js';

const grades = [0, 1, 2, 3].map((index) => ({ index, name: `g${index}` })) as unknown as GradePlan[];
const plan = { tiebreak: [{}, {}], grades } as unknown as Plan;
const r = (n: bigint, d = 1n) => Rational.of(n, d);
const values: (Value | null)[] = [r(9576n, 100n), r(1n, 3n), r(2n ** 60n + 1n), r(-5n, 1_000_000n), r(0n), 'text', { kind: 'enum', name: '高' } as unknown as Value, null];

const probe = (a: Value | null, b: Value | null, holds: boolean[], order: Value | null = null): Probe =>
  ({ order: () => order, tiebreak: (j) => (j === 0 ? a : b), holds: (g) => holds[g.index] });

describe('competitor rows', () => {
  it('answer as the probe they were made from', () => {
    const rows = new CompetitorRows(plan);
    const made: [Probe, Probe, boolean[]][] = [];
    for (let i = 0; i < 1100; i++) { // past the columns' first growth
      const holds = [false, i % 2 === 0, i % 3 === 0, true];
      const p = probe(values[i % values.length], values[(i * 7) % values.length], holds, i % 5 === 0 ? r(BigInt(i)) : null);
      made.push([rows.probe(rows.add(p, grades[0], i % 4)), p, holds]);
    }
    made.forEach(([row, p, holds], i) => {
      for (const j of [0, 1]) {
        const a = row.tiebreak(j), b = p.tiebreak(j);
        if (b instanceof Rational) expect(a instanceof Rational && a.eq(b)).toBe(true);
        else expect(a).toBe(b);
      }
      const o = p.order();
      if (o === null) expect(row.order()).toBeNull();
      else expect((row.order() as Rational).eq(o as Rational)).toBe(true);
      for (const g of grades.slice(1)) expect(row.holds(g)).toBe(holds[g.index]);
      expect(rows.missedAt(i)).toBe(i % 4);
    });
  });

  it('pass 2: kept at its allowed grade, demoted to its second line\'s grade, else evaluated again', () => {
    const rows = new CompetitorRows(plan);
    const p = probe(null, null, [false, true, true, true]);
    rows.add(p, grades[1], 0);
    rows.demotedTo(0, grades[2]); // its demoted line is for g2
    rows.add(p, grades[1], 0);
    rows.demotedTo(1, null); // … for no grade
    rows.add(p, grades[1], 0); // no demoted line
    expect([rows.fate(0, grades[1]), rows.fate(0, grades[2]), rows.fate(0, grades[3]), rows.fate(0, null)]).toEqual([2, 3, 1, 1]);
    expect([rows.fate(1, grades[1]), rows.fate(1, null), rows.fate(1, grades[2])]).toEqual([2, 3, 1]);
    expect([rows.fate(2, grades[1]), rows.fate(2, null), rows.fate(2, grades[2])]).toEqual([2, 1, 1]);
  });
});
