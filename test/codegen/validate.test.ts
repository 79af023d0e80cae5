// The generated input validator (engine/codegen/validate.ts) against the reference validator
// (engine/validate.ts) on every reference scheme: `true` only where validateInput finds no error —
// for generated valid inputs, for mutated invalid ones and for inputs read from JSON text by
// json-exact.ts — and `true` for (nearly) every valid input, so the fast path is really taken.
// Size: 100 runs a property at a fixed seed in `npm test` (a prefix of the full run: the same seed's
// first 100 subjects; session 7 red checks: six broken validators all still fail), 400 in
// `npm run test:differential` (KAOHE_VALIDATE_RUNS).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../engine/codegen/validate.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { validateInput } from '../../engine/validate.js';
import { recordArb } from '../jre/subjects.js';
import { contracts, mutate, mutationsArb, viaJsonText } from './validate-schemes.js';

const RUNS = Number(process.env.KAOHE_VALIDATE_RUNS ?? 100);
const all = contracts();
const byPeriod = (c: (typeof all)[number]) => c.contract.some((f) => f.type.kind === 'periodResults');

/** Fails the property with the input when the validator says valid and the reference does not. */
function sound(check: (x: unknown) => boolean, contract: Parameters<typeof validateInput>[1], x: unknown): boolean {
  if (!check(x)) return false;
  const errors = validateInput(x, contract).errors;
  if (errors.length) throw new Error(`validator said valid; reference: ${errors.map((e) => e.message).join('; ')}`);
  return true;
}

describe('generated validator ≡ validateInput where it says valid', () => {
  it('finds the reference schemes', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  for (const { name, contract } of all) {
    describe(name, () => {
      const check = validatorFor(contract);

      it('valid inputs: sound, and valid for (nearly) all', () => {
        let accepted = 0, valid = 0;
        fc.assert(fc.property(recordArb(contract), (x) => {
          if (sound(check, contract, x)) accepted++;
          if (validateInput(x, contract).errors.length === 0) valid++;
        }), { numRuns: RUNS, seed: 16 });
        console.log(`${name}: valid inputs accepted ${accepted}/${valid}`);
        if (byPeriod({ name, contract })) expect(accepted).toBe(0);
        else expect(accepted).toBe(valid);
      });

      it('mutated inputs: sound', () => {
        let accepted = 0, valid = 0, n = 0;
        fc.assert(fc.property(recordArb(contract), mutationsArb(contract), (x, ms) => {
          const y = mutate(x, ms);
          n++;
          if (sound(check, contract, y)) accepted++;
          if (validateInput(y, contract).errors.length === 0) valid++;
        }), { numRuns: RUNS * 3, seed: 16 });
        console.log(`${name}: mutated inputs ${n}, still valid ${valid}, accepted ${accepted}`);
        expect(accepted).toBeLessThanOrEqual(valid);
      });

      it('inputs read from JSON text (exact numbers, repeated keys): sound', () => {
        fc.assert(fc.property(recordArb(contract), fc.nat(), fc.nat(40), (x, at, how) => {
          sound(check, contract, viaJsonText(x, at, how));
        }), { numRuns: RUNS, seed: 16 });
      });
    });
  }

  it('takes the fast path on the province scheme', () => {
    const province = all.find((c) => c.name.endsWith('province-annual.kaohe'))!;
    expect(province).toBeDefined();
    expect(byPeriod(province)).toBe(false);
  });
});

describe('ballots (quarterly-ballots: criteria, a scale, `per ballot` trimming in one panel)', () => {
  const { contract } = all.find((c) => c.name.endsWith('quarterly-ballots.kaohe'))!;
  const check = validatorFor(contract);
  const perBallot = contract.find((f) => f.type.kind === 'ratings' && f.type.criteria && f.type.panel.trim?.perBallot)!;
  const partial = contract.find((f) => f.type.kind === 'ratings' && f.type.criteria && !f.type.panel.trim?.perBallot)!;
  const base = fc.sample(recordArb(contract), { numRuns: 1, seed: 7 })[0];
  /** The input with the first ballot of the first category of `field` replaced. */
  const withBallot = (field: string, ballot: (b: Record<string, unknown>) => unknown) => {
    const x = structuredClone(base) as Record<string, Record<string, Record<string, unknown>[]>>;
    const cat = Object.keys(x[field])[0]; // recordArb gives every panel a category with ratings
    x[field][cat][0] = ballot(x[field][cat][0]) as Record<string, unknown>;
    return x;
  };
  const both = (x: unknown) => ({ valid: validateInput(x, contract).errors.length === 0, fast: check(x) });

  it('finds both kinds of panel', () => {
    expect(perBallot).toBeDefined();
    expect(partial).toBeDefined();
    expect(both(base)).toEqual({ valid: true, fast: true });
  });

  it('refuses what validateInput refuses', () => {
    const [first] = (perBallot.type as { criteria: string[] }).criteria;
    const cases: Record<string, unknown> = {
      empty: withBallot(perBallot.name, () => ({})),
      emptyWherePartialAllowed: withBallot(partial.name, () => ({})),
      incomplete: withBallot(perBallot.name, (b) => { const c = { ...b }; delete c[first]; return c; }),
      unknownCriterion: withBallot(perBallot.name, (b) => ({ ...b, 创新: 95 })),
      offScale: withBallot(perBallot.name, (b) => ({ ...b, [first]: 93 })),
      text: withBallot(perBallot.name, (b) => ({ ...b, [first]: '95' })),
      list: withBallot(perBallot.name, () => [95]),
    };
    for (const [what, x] of Object.entries(cases)) expect({ what, ...both(x) }).toEqual({ what, valid: false, fast: false });
    // a criterion rated twice in the JSON text (json-exact.ts remembers it)
    const text = JSON.stringify(withBallot(perBallot.name, (b) => ({ [first]: b[first], ...b })));
    const twice = parseJsonExact(text.replace(`{"${first}":`, `{"${first}":95,"${first}":`));
    expect(both(twice)).toEqual({ valid: false, fast: false });
  });

  it('accepts a ballot that leaves a criterion out where the panel allows it', () => {
    const [first] = (partial.type as { criteria: string[] }).criteria;
    const x = withBallot(partial.name, (b) => { const c = { ...b }; delete c[first]; return c; });
    expect(both(x)).toEqual({ valid: true, fast: true });
  });
});
