// High-scoring subjects, so that cohorts of generated subjects make quotas act: random subjects of
// the reference schemes mostly land in the lower grades (province-annual: none of 300 above 称职),
// and a quota that never binds compares nothing. Coordinate ascent on the reference engine: from a
// random valid subject, try each input field at a few other valid values (random ones and the
// field's bounds) and keep what raises (grade, score); two passes. Each subject is scored as a
// cohort of one, which works for schemes that compare with their cohort too; the grade counted is
// the one a quota would have decided (the quota note's), since one subject gets no quota place.

import fc from 'fast-check';
import type { PreparedScheme } from '../../engine/api.js';
import { evaluateCohort } from '../../engine/index.js';
import type { FieldSpec } from '../../engine/contract.js';
import type { Plan } from '../../engine/plan.js';
import { recordArb } from '../jre/subjects.js';
import type { MatrixOptions } from './corpus.js';

type Input = Record<string, unknown>;

/** Values to try at a field: those of `pool`, absent when it has a default, a number's bounds. */
function candidates(f: FieldSpec, pool: Input[]): unknown[] {
  const out: unknown[] = pool.filter((p) => f.name in p).map((p) => p[f.name]);
  if (f.hasDefault) out.push(undefined);
  const t = f.type;
  if (t.kind === 'number' && !t.oneOf) {
    for (const b of [t.lo, t.hi]) if (b?.inclusive) out.push(b.value.toNumber());
  }
  return out;
}

/** Higher is better: the grade's place from the bottom (no grade: -1), then the score. */
async function merit(scheme: PreparedScheme, plan: Plan, input: Input, opts: MatrixOptions): Promise<[number, number]> {
  const r = await evaluateCohort(scheme, [{ id: 'x', input }], opts);
  if (!r.ok) return [-2, 0];
  const x = r.value.results[0];
  const grade = x.quota ? x.quota.grade : x.grade;
  const at = plan.grades.findIndex((g) => g.name === grade);
  return [at < 0 ? -1 : plan.grades.length - at, x.score];
}

const better = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

export async function elites(scheme: PreparedScheme, plan: Plan, opts: MatrixOptions, n: number, seed: number): Promise<Input[]> {
  const arb = recordArb(plan.contract);
  const pool = fc.sample(arb, { numRuns: 6, seed: seed + 1 });
  const out: Input[] = [];
  // An input tried before is not evaluated again (the same merit: evaluation is deterministic): the pool
  // repeats an enum's few values, and the second pass retries most of the first's trials — over the
  // reference schemes, 3,688 distinct inputs of 8,349 tried (issue 16, session 9).
  const seen = new Map<string, [number, number]>();
  const meritOf = async (input: Input) => {
    const key = JSON.stringify(input);
    let m = seen.get(key);
    if (!m) seen.set(key, (m = await merit(scheme, plan, input, opts)));
    return m;
  };
  for (let cur of fc.sample(arb, { numRuns: n, seed })) {
    let best = await meritOf(cur);
    for (let pass = 0; pass < 2; pass++) {
      for (const f of plan.contract) {
        for (const v of candidates(f, pool)) {
          const trial = { ...cur };
          if (v === undefined) delete trial[f.name]; else trial[f.name] = v;
          const m = await meritOf(trial);
          if (better(m, best)) { best = m; cur = trial; }
        }
      }
    }
    out.push(cur);
  }
  return out;
}

/** An elite subject with one field taken from a random subject (or dropped where it is optional). */
export function nearElite(plan: Plan, elite: Input[]): fc.Arbitrary<Input> {
  if (!elite.length) return recordArb(plan.contract);
  return fc.tuple(fc.constantFrom(...elite), recordArb(plan.contract), fc.nat(Math.max(0, plan.contract.length - 1)))
    .map(([e, r, k]) => {
      const f = plan.contract[k];
      if (!f) return { ...e };
      const out = { ...e };
      if (f.name in r) out[f.name] = r[f.name]; else if (f.hasDefault) delete out[f.name];
      return out;
    });
}
