// Cohort aggregates on the compiled engine (issue 16; `overall max(财政收入)`, `本组 名次(投资增速)`,
// issue 13). A batch of such a scheme runs in stages (batch.ts runStaged), each over every subject:
// the 'pre' arguments program gives a subject's cohort key and its X of each 'pre' slot; the values
// over the cohort are the closures' own (cohort-values.ts CohortValues, exact Rationals); with
// aggregates over score, the 'post' arguments program gives the X of those from the score it
// computes; then the program proper runs each subject with its values as plain data (`C`: n, d per
// aggregate, lower.ts `Cohort`). Between the stages there is only data: a subject the program cannot
// take at some stage (input it does not read, a bail, a value beyond the safe integers) runs that
// stage on the closures, with the same values, so every result is the closures' byte for byte.

import type { SubjectInput } from '../api.js';
import { cohortAggsOf, type AggMember, type CohortSeat } from '../cohort-values.js';
import type { Plan } from '../plan.js';
import { compileJs, count, partOf } from './index.js';
import { rat } from './runtime.js';

/** An arguments program (emit-aggs.ts): the subject's cohort key ('pre') and X per slot, n, d each. */
type Args = (I: unknown, lang: string, period: string | undefined, C: number[] | undefined) => { key: string; xs: number[] };

interface Parts { pre: Args; post?: Args }
const partsByPlan = new WeakMap<Plan, Parts | null>();

/** The arguments programs of the plan; null when it has no aggregates or is not compiled. */
function partsOf(plan: Plan): Parts | null {
  let parts = partsByPlan.get(plan);
  if (parts === undefined) {
    const ir = compileJs(plan).program?.ir;
    parts = !ir?.aggs ? null : { pre: partOf(plan, ir, 'pre') as Args, ...(ir.aggs.post.length ? { post: partOf(plan, ir, 'post') as Args } : {}) };
    partsByPlan.set(plan, parts);
  }
  return parts;
}

/** One stage's arguments of a subject on the program, or undefined: then the closures compute them.
 * Any failure here only sends the subject's stage to the closures, which decide whether it fails. */
function argsOf(plan: Plan, stage: 'pre' | 'post', sub: SubjectInput, period: string | undefined, C?: number[]): { key: string; xs: number[] } | undefined {
  const f = partsOf(plan)?.[stage];
  const input = f && compileJs(plan).program?.read(sub.input, period);
  if (!f || !input) return undefined;
  try { return f(input, 'en', period, C); } catch { return undefined; }
}

/** A subject's cohort key and 'pre' arguments, exact, from the program; or undefined. */
export function compiledPre(plan: Plan, sub: SubjectInput, period?: string): AggMember | undefined {
  const r = argsOf(plan, 'pre', sub, period);
  return r && { key: r.key, xs: rationals(r.xs) };
}

/** A subject's 'post' arguments (over its score), exact, from the program given its 'pre' values; or undefined. */
export function compiledPost(plan: Plan, sub: SubjectInput, period: string | undefined, C: number[]): AggMember['xs'] | undefined {
  const r = argsOf(plan, 'post', sub, period, C);
  return r && rationals(r.xs);
}

const rationals = (xs: number[]) => {
  const out = new Array<ReturnType<typeof rat>>(xs.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = rat(xs[2 * k], xs[2 * k + 1]);
  return out;
};

/** A subject's aggregate values as the program reads them (n, d per aggregate, in the plan's order),
 * or undefined when one leaves the safe integers (the closures then run the subject). `pre`: only
 * the 'pre' stage's are known yet (the 'post' arguments program reads no other: lower-aggs.ts). */
export function seatValues(plan: Plan, seat: CohortSeat, pre = false): number[] | undefined {
  const all = cohortAggsOf(plan);
  const C = new Array<number>(all.length * 2).fill(Number.NaN);
  for (let k = 0; k < all.length; k++) {
    if (pre && all[k].stage !== 'pre') continue;
    const v = seat.values.get(all[k], seat)?.value;
    if (!v) return undefined;
    const n = Number(v.num), d = Number(v.den);
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) return count('cohort value beyond 2^53');
    C[2 * k] = n; C[2 * k + 1] = d;
  }
  return C;
}
