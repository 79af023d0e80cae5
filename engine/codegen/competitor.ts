// Cohort members on the compiled engine (issue 16): the generated program run as a
// member (`MemberOut`: what the cohort's book reads — cohort key, ranking key, quota tables' keys —
// and, for a quota competitor, what its races read: the tiebreak keys' exact values and which lower
// grades' conditions hold, behind a Probe, race.ts), and a competitor finished with the grade the
// quotas left it (`FinalIn`: the generated program's final-grade parameter, emit-cohort.ts). So a
// competitor needs no closures state: the in-memory batch (batch.ts) and the streaming cohort
// (engine/stream) keep its provisional result, or a compact record, instead. Whatever the program
// cannot do (a bail, a key that does not lower: cohort-lower.ts) runs on the closures for that
// subject only, and the results are the closures' byte for byte (test/codegen/cohort.test.ts).

import { render, type Locale } from '../../dsl/i18n/index.js';
import { Rational } from '../../dsl/rational.js';
import type { EvalOptions, QuotaFlag, QuotaNote, Rank, SubjectInput, SubjectResult } from '../api.js';
import type { Contender } from '../cohort.js';
import type { Probe } from '../race.js';
import type { GradePlan, Plan } from '../plan.js';
import type { EnumVal, Value } from '../values.js';
import type { RaceKeyIR } from './cohort-lower.js';
import { codegenCounters, compileJs, count, evaluateCompiled } from './index.js';

/** What the program writes of a cohort member (emit-cohort.ts emitMember). */
export class MemberOut {
  key = '';
  allowed = -1;
  /** The ranking key, n/d. */
  rn = 0;
  rd = 1;
  /** The quota tables' keys (enum members by name), in the book's order. */
  tables: (string | null)[] | null = null;
  /** A competitor's tiebreak keys (a number as a Rational, a member by name) … */
  tiebreak: (Rational | string | null)[] | null = null;
  /** … and whether each lower grade's condition holds, by grade index. */
  holds: boolean[] | null = null;
  /** How many of the result's last reasons say why a better grade was missed (emit-describe.ts emitMissed). */
  missed = 0;
  /** Set by the streaming cohort (stream/compiled.ts): asked after a competitor's result, the final-grade
   * parameter of its result should a quota demote it (undefined: none wanted) … */
  again?: (m: MemberOut) => FinalIn | undefined;
  /** … and that result's JSON text, written by the twice program (cohort-twice.ts); the caller clears it. */
  demoted?: string;
}

/** A competitor's final grade (index, −1: none), its quota decisions' words (rendered), its rank, the
 * last decision and its soft-quota flags as the result writes them (outcome.ts resultOf). */
export interface FinalIn { grade: number; reasons: string[]; rank: Rank; quota?: QuotaNote; flags?: QuotaFlag[] }

/** A cohort member evaluated by the program: its result (a competitor's provisional, without its
 * rank; `R`: the result object, or its JSON text) and what the book records of it (cohort.ts Entry);
 * `probe` for a competitor. */
export interface CompiledMember<R = SubjectResult & { rank?: unknown }> {
  result: R;
  key: string;
  allowed: GradePlan | null;
  rankValue: Rational;
  /** The ranking key × 10^6 when that is a safe integer, else NaN (ranks.ts: read without the Rational). */
  rankScaled: number;
  tableKey: (j: number) => Value | null;
  probe?: Probe;
  /** MemberOut.missed: the quota words of a kept competitor go before its last `missed` reasons. */
  missed: number;
}

const OUT = new MemberOut();
/** A provisional result object's MemberOut.missed (only when > 0), read by keepResult. */
const missedOf = new WeakMap<object, number>();

/** The values of the cohort keys as the closures give them (an enum member as its interned EnumVal). */
interface Keys { tables: RaceKeyIR[]; tiebreak?: RaceKeyIR[] }
const keysByPlan = new WeakMap<Plan, Keys | null>();

function keysOf(plan: Plan): Keys | null {
  let k = keysByPlan.get(plan);
  if (k === undefined) {
    const c = compileJs(plan).program?.ir.cohort;
    k = !c || 'unsupported' in c ? null : { tables: c.tables, ...(Array.isArray(c.tiebreak) ? { tiebreak: c.tiebreak } : {}) };
    keysByPlan.set(plan, k);
  }
  return k;
}

function valueOf(plan: Plan, k: RaceKeyIR, v: Rational | string | null): Value | null {
  if (k.enumName === undefined || typeof v !== 'string') return v;
  return plan.env.enumValues.get(k.enumName)?.find((x: EnumVal) => x.name === v) ?? null;
}

/** One cohort member on the compiled program, or undefined (counted): then the closures run it.
 * `C`: its cohort aggregates' values (cohort-aggs.ts seatValues), for a scheme with them. */
export function evaluateCompiledMember(plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period?: string, C?: number[]): CompiledMember | undefined {
  return memberBy(plan, subject, opts, period, C, evaluateCompiled);
}

/** The program run as `evaluateCompiled` (the result object) or `evaluateCompiledJson` (its JSON text). */
export type MemberRun<R> = (plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period: string | undefined, member: MemberOut, fin?: FinalIn, C?: number[]) => R | undefined;

/** evaluateCompiledMember with the result as `run` answers it (the streaming cohort: JSON text). */
export function memberBy<R>(plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period: string | undefined, C: number[] | undefined, run: MemberRun<R>, o = OUT): CompiledMember<R> | undefined {
  const keys = keysOf(plan);
  if (keys === null) return count(compileJs(plan).program ? 'cohort keys' : 'unsupported scheme');
  const result = run(plan, subject, opts, period, o, undefined, C);
  if (result === undefined) return undefined;
  const allowed = o.allowed < 0 ? null : plan.grades[o.allowed];
  let probe: Probe | undefined;
  if (allowed && allowed.quotas.length > 0) {
    if (!keys.tiebreak || !o.holds) { codegenCounters.compiled--; return count('competes'); } // a key that does not lower
    const tiebreak = o.tiebreak!.map((v, j) => valueOf(plan, keys.tiebreak![j], v));
    probe = new CompiledProbe(tiebreak, o.holds);
  }
  const tables = o.tables;
  const tableKey = tables ? (j: number) => valueOf(plan, keys.tables[j], tables[j]) : noTables;
  const { rn, rd } = o; // safe integers (the program's fast path), rd > 0
  const rankValue = rd === 1 ? Rational.int(rn) : Rational.int(rn).div(Rational.int(rd));
  const x = 1e6 % rd === 0 ? rn * (1e6 / rd) : NaN; // exact when safe: 1e6 / rd is an integer
  if (o.missed > 0 && typeof result === 'object' && result !== null) missedOf.set(result, o.missed); // for keepResult
  return { result, key: o.key, allowed, rankValue, rankScaled: Number.isSafeInteger(x) ? x : NaN, tableKey, ...(probe ? { probe } : {}), missed: o.missed };
}

const noTables = (): never => { throw new Error('the scheme has no quota tables'); };

/** A competitor's race keys as the program computed them: no committee order (a subject with a
 * decision never runs compiled), the tiebreak keys, which lower grades hold. */
class CompiledProbe implements Probe {
  constructor(private readonly tiebreaks: (Value | null)[], private readonly lowers: boolean[]) {}
  order(): Value | null { return null; }
  tiebreak(j: number): Value | null { return this.tiebreaks[j]; }
  holds(lower: GradePlan): boolean { return this.lowers[lower.index] === true; }
}

/** The quota phase's word on a competitor, as the program's final-grade parameter. */
export function finalOf(c: Contender, lang: Locale): FinalIn {
  const q = c.quotas[c.quotas.length - 1];
  const reasons: string[] = []; // the last one is also the `quota` note's; a loop, not map() (dsl/i18n/message.ts joined says why)
  for (const x of c.quotas) reasons.push(x.words ?? render(x.reason, lang));
  return {
    grade: c.grade ? c.grade.index : -1, reasons, rank: c.rank,
    ...(q ? { quota: { grade: q.grade, scope: q.scope, demotedTo: q.demotedTo, rank: q.rank, limit: q.limit, reason: reasons[reasons.length - 1] } } : {}),
    ...(c.flags.length ? { flags: c.flags.map((f) => ({ grade: f.grade, scope: f.scope, rank: f.rank, normal: f.normal, reason: f.words ?? render(f.reason, lang) })) } : {}),
  };
}

/** A competitor finished by the program with its final grade; undefined when it bails. */
export function finishCompiledMember(plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period: string | undefined, fin: FinalIn, C?: number[]): SubjectResult | undefined {
  return finishBy(plan, subject, opts, period, fin, evaluateCompiled, C);
}

/** finishCompiledMember with the result as `run` answers it. */
export function finishBy<R>(plan: Plan, subject: SubjectInput, opts: EvalOptions | undefined, period: string | undefined, fin: FinalIn, run: MemberRun<R>, C?: number[]): R | undefined {
  return run(plan, subject, opts, period, OUT, fin, C);
}

/** A competitor the quotas left at its allowed grade: its provisional member result made final in
 * place — not provisional, its rank, the decisions' words after its own reasons (before the missed
 * grades' reasons), `quota` after
 * `improve` (before `exact`), `flags` last (outcome.ts resultOf: with the grade unchanged, the
 * outcomes and its own reasons are the provisional result's). */
export function keepResult(result: SubjectResult & { rank?: unknown }, fin: FinalIn): SubjectResult {
  const r = result as SubjectResult & Record<string, unknown>;
  r.rank = fin.rank;
  r.provisional = false;
  // before the reasons why a better grade was missed, which stay last (outcome.ts gradeReasons)
  r.gradeReasons.splice(r.gradeReasons.length - (missedOf.get(result) ?? 0), 0, ...fin.reasons);
  if (fin.quota) {
    const exact = r.exact;
    if (exact !== undefined) delete r.exact;
    r.quota = fin.quota;
    if (exact !== undefined) r.exact = exact;
  }
  if (fin.flags) r.flags = fin.flags;
  return r;
}
