// The compiled engine in a streaming cohort's pass 1 (issue 16). Most subjects of a cohort with a
// quota cannot compete for the quota grade: their final result is their result alone (batch.ts
// evaluatePlan: not provisional) plus the cohort's two keys, `cohort` and `rank`, which the in-memory
// batch writes between `period` and `score` (outcome.ts resultOf). So such a subject is evaluated
// once by the compiled engine (engine/codegen evaluateCompiled: exactly the closures' result, or
// undefined when it bails) and what the book needs is read off its result: the allowed grade (its
// grade), the ranking key (its reported score, exact: a decimal of `precision` places) and the cohort
// key (the `cohort by` input, a text). A subject that competes (provisional), that the compiled engine
// does not take, or a scheme whose book needs more of a subject (a quota table, `rank by`, a
// committee's order, a cohort key that is not a text input) goes through the closures as before.
// In pass 2 a competitor the quotas left at its grade is, likewise, its lone result with the
// cohort's additions (keptJson); one demoted runs on the closures with its new grade.

import { Rational } from '../../dsl/rational.js';
import { render, type Locale } from '../../dsl/i18n/index.js';
import type { Contender } from '../cohort.js';
import type { EvalOptions, SubjectInput, SubjectResult } from '../api.js';
import { compiledAllowed } from '../batch.js';
import { evaluateCompiled } from '../codegen/index.js';
import type { Period } from '../../dsl/dates.js';
import type { GradePlan, Plan } from '../plan.js';
import { cohortField } from '../prepared-inputs.js';

/** A subject finished by the compiled engine: its result and what the book records of it. */
export interface Fast { result: SubjectResult; key: string; allowed: GradePlan | null; rankValue: Rational }

/** The compiled pass-1 evaluation for this plan and these options, or undefined when it does not apply. */
export function compiledPass(plan: Plan, opts: EvalOptions | undefined, period?: Period): ((sub: SubjectInput) => Fast | undefined) | undefined {
  if (!compiledAllowed(opts)) return undefined; // asked for, or the engine's default (batch.ts)
  if (plan.rankBy || plan.committee || plan.grades.some((g) => g.quotas.some((q) => q.table))) return undefined;
  const field = plan.cohortBy ? cohortField(plan) : undefined;
  if (plan.cohortBy && (field === undefined || plan.contract.find((f) => f.name === field)?.type.kind !== 'text')) return undefined;
  const grades = new Map(plan.grades.map((g) => [g.name, g]));
  const scale = Rational.int(10 ** plan.precision);
  return (sub) => {
    const key = field === undefined ? '' : (sub.input as Record<string, unknown> | undefined)?.[field];
    if (typeof key !== 'string') return undefined; // absent (a default) or invalid: the closures say
    const result = evaluateCompiled(plan, sub, opts, period?.text);
    if (!result || result.provisional) return undefined;
    const rankValue = Rational.parse(String(result.score)); // the reported score: `precision` decimals
    if (!rankValue || !rankValue.mul(scale).isInteger()) return undefined;
    const allowed = result.grade === null ? null : grades.get(result.grade);
    if (allowed === undefined) return undefined;
    return { result, key, allowed, rankValue };
  };
}

/** A competitor whose quota left it its grade, finished by the compiled engine: its lone result
 * (provisional) made the cohort's — `cohort` and `rank` before `score`, not provisional, the quota
 * decisions' reasons after its own, `quota` (the last decision) after `improve`, `flags` after
 * `exact` (outcome.ts resultOf: with the grade unchanged, outcomes and reasons are the lone ones).
 * Undefined when the compiled engine does not take it. */
export function keptJson(lone: SubjectResult | undefined, c: Contender, lang: Locale): string | undefined {
  if (!lone || !lone.provisional || lone.grade !== c.grade?.name) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(lone)) {
    if (k === 'score') { out.cohort = c.key; out.rank = c.rank; }
    if (k === 'provisional') { out[k] = false; continue; }
    if (k === 'gradeReasons') { out[k] = [...(v as string[]), ...c.quotas.map((q) => render(q.reason, lang))]; continue; }
    if (k === 'exact' || k === 'explain') { addQuota(out, c, lang); }
    if (k === 'explain') addFlags(out, c, lang);
    out[k] = v;
    if (k === 'exact') addFlags(out, c, lang);
  }
  addQuota(out, c, lang);
  addFlags(out, c, lang);
  return JSON.stringify(out);
}

function addQuota(out: Record<string, unknown>, c: Contender, lang: Locale): void {
  const q = c.quotas[c.quotas.length - 1];
  if (!q || 'quota' in out) return;
  out.quota = { grade: q.grade, scope: q.scope, demotedTo: q.demotedTo, rank: q.rank, limit: q.limit, reason: render(q.reason, lang) };
}

function addFlags(out: Record<string, unknown>, c: Contender, lang: Locale): void {
  if (!c.flags.length || 'flags' in out) return;
  out.flags = c.flags.map((f) => ({ grade: f.grade, scope: f.scope, rank: f.rank, normal: f.normal, reason: render(f.reason, lang) }));
}

/** A lone result as a cohort member's spilled line (spill.ts): `cohort` then `rank` before `score`. */
export function splitLone(result: SubjectResult, key: string): string {
  const head: Record<string, unknown> = {}, tail: Record<string, unknown> = {};
  let after = false;
  for (const [k, v] of Object.entries(result)) {
    if (k === 'score') { head.cohort = key; after = true; }
    (after ? tail : head)[k] = v;
  }
  return `${JSON.stringify(head)}\t${JSON.stringify(tail)}`;
}
