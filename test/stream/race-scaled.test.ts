// The quota races' order on numbers (engine/quota.ts Race.rank, issue 16 session 11): when every race
// key value is a number ranks.ts `scaled` keeps exact, holders are sorted on those numbers instead of
// comparing Rationals; the order and the ranks must be the comparator's — a key without a value
// last whatever its direction, equals in input order, ties sharing a rank — and a value `scaled`
// cannot keep (a third) must fall back to the comparator with the same outcome.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import type { Contender } from '../../engine/cohort.js';
import { planOf, prepare } from '../../engine/index.js';
import { Race } from '../../engine/quota.js';
import { competitionRanks } from '../../engine/ranks.js';
import { SCHEME } from './competitor-schemes.js';

const GRADES = `  grades tiebreak 乙项 desc, 甲项 asc {
    优秀 when score >= 90 quota 25%
    良好 when score >= 80
    合格 when score >= 60
    不合格 otherwise
  }`;

const plan = () => {
  const p = prepare(SCHEME(GRADES), 'race.kaohe');
  if (!p.value) throw new Error('the scheme does not check');
  return planOf(p.value);
};

/** A value of a race key: few distinct ones (ties), a missing one, negatives, halves; `third`: also 1/3. */
const value = (third: boolean) => fc.oneof(
  fc.constant(null),
  fc.integer({ min: -3, max: 3 }).map((n) => Rational.int(n)),
  fc.integer({ min: -3, max: 3 }).map((n) => Rational.of(BigInt(2 * n + 1), 2n)),
  ...(third ? [fc.constant(Rational.of(1n, 3n))] : []),
);

function contender(index: number, [score, b, a]: (Rational | null)[]): Contender {
  return {
    index, id: `P${index}`, key: '', grade: null, quotas: [], flags: [], rank: { overall: null, cohort: null },
    rankValue: score ?? Rational.ZERO, probe: { order: () => null, tiebreak: (j) => (j === 0 ? b : a), holds: () => true },
  };
}

describe('a quota race sorted on scaled numbers = sorted by its comparator', () => {
  const p = plan();
  for (const third of [false, true]) {
    it(third ? 'with a third among the values (the comparator runs)' : 'numbers only', () => {
      fc.assert(fc.property(fc.array(fc.tuple(value(third).map((v) => v ?? Rational.ZERO), value(third), value(third)), { minLength: 0, maxLength: 40 }), (rows) => {
        const race = new Race(p, 'en');
        const holders = rows.map((r, i) => contender(i, r));
        const got = race.rank(holders);
        const want = [...holders].sort((x, y) => race.cmp(x, y) || x.index - y.index);
        expect(got.ranked.map((m) => m.index)).toEqual(want.map((m) => m.index));
        expect(got.ranks).toEqual(competitionRanks(want, (x, y) => race.cmp(x, y) === 0));
      }), { numRuns: 300, seed: 11 });
    });
  }
});
