// Does the Zen graph (bench/zen/harness.ts) compute the province scheme as kaohe does? Subject by
// subject it compares what both report — score, base, grade, bonus, actions. Zen divides in 28-digit
// decimals, so where the exact value sits exactly on a half at 2 decimals (…x5) its result may round
// the other way: such a difference is listed with the exact value (kaohe's rational) and is the only
// kind allowed; anything else is a bug in the graph (or in kaohe).

import type { PreparedScheme, SubjectInput } from '../../engine/api.js';
import { beginSubject, scoreSubject } from '../../engine/evaluate.js';
import { evaluate, planOf } from '../../engine/index.js';
import { nativeRules, type RuleMatch } from '../../engine/rules.js';
import { validateInput } from '../../engine/validate.js';
import { Rational } from '../../dsl/rational.js';
import { zenEvaluate, type ZenResult } from './harness.js';

export type Compared = Pick<ZenResult, 'score' | 'base' | 'grade' | 'bonus' | 'actions'>;

/** A subject on which Zen and kaohe differ. `half`: the exact score (or base) is exactly on a half
 * at 2 decimals, so the difference is Zen's decimal division rounding it the other way. */
export interface Difference {
  index: number; id: string; fields: string[];
  exactScore: string; exactBase: string; half: boolean;
  kaohe: Compared; zen: Compared;
}

/** `exactHalves`: subjects whose exact score is on a half, where Zen could round the other way. */
export interface Agreement { subjects: number; equal: number; exactHalves: number; halves: Difference[]; other: Difference[] }

/** kaohe's exact (unrounded) score and base of a valid subject, as rationals. */
function exactOf(s: PreparedScheme, x: SubjectInput): { score: Rational; base: Rational } {
  const plan = planOf(s);
  const b = beginSubject(plan, x.id, validateInput(x.input, plan.contract).values);
  const neg = nativeRules.matchLists(plan.negatives, b.subject) as RuleMatch[];
  const rew = nativeRules.matchLists(plan.rewards, b.subject) as RuleMatch[];
  const st = scoreSubject(b, neg, rew);
  return { score: st.score, base: st.base };
}

const HALF = Rational.of(1n, 2n);
/** Is `v` exactly on a half at `digits` decimals (…x5 followed by nothing)? */
export function onHalf(v: Rational, digits = 2): boolean {
  const scaled = v.mul(Rational.int(10 ** digits));
  return scaled.sub(scaled.floor()).cmp(HALF) === 0;
}

const HUNDREDTH = 0.01 + 1e-9;

/** The fields on which Zen and kaohe differ, and whether that is explained by a half: each differing
 * number (score, base) is exactly on a half and one hundredth off, and grade, bonus and actions differ
 * only where the reported score does (grades compare the reported score). */
export function classify(kaohe: Compared, zen: Compared, exact: { score: Rational; base: Rational }): { fields: (keyof Compared)[]; half: boolean } {
  const fields = (Object.keys(kaohe) as (keyof Compared)[]).filter((f) => JSON.stringify(kaohe[f]) !== JSON.stringify(zen[f]));
  const numberHalf = (f: 'score' | 'base') => !fields.includes(f) || (onHalf(exact[f]) && Math.abs(kaohe[f] - zen[f]) <= HUNDREDTH);
  const half = fields.length > 0 && numberHalf('score') && numberHalf('base') && (fields.every((f) => f === 'base') || fields.includes('score'));
  return { fields, half };
}

/** Evaluates every subject with kaohe (the closures engine, the reference, unless `backend` says
 * otherwise) and with Zen and compares what both report. */
export async function agreement(s: PreparedScheme, subs: SubjectInput[], backend: 'closures' | 'compiled' = 'closures'): Promise<Agreement> {
  const out: Agreement = { subjects: subs.length, equal: 0, exactHalves: 0, halves: [], other: [] };
  for (let i = 0; i < subs.length; i++) {
    const x = subs[i];
    const k = await evaluate(s, x, { backend });
    if (!k.ok) throw new Error(`kaohe rejects subject ${x.id}: ${k.errors[0]?.message}`);
    const kaohe: Compared = { score: k.value.score, base: k.value.base, grade: k.value.grade, bonus: k.value.bonus ?? null, actions: k.value.actions.map(String) };
    const { result } = await zenEvaluate(x.input);
    const zen: Compared = { score: result.score, base: result.base, grade: result.grade, bonus: result.bonus, actions: result.actions };
    const exact = exactOf(s, x);
    if (onHalf(exact.score)) out.exactHalves++;
    const { fields, half } = classify(kaohe, zen, exact);
    if (!fields.length) { out.equal++; continue; }
    const d: Difference = { index: i, id: x.id, fields, exactScore: exact.score.toDecimalString(30), exactBase: exact.base.toDecimalString(30), half, kaohe, zen };
    (half ? out.halves : out.other).push(d);
  }
  return out;
}
