// Committee decisions (issue 13, LANGUAGE.md "Committee decisions"): in a scheme whose grades are
// `by committee`, a subject may carry `decision: { grade?, order?, reason }`. Checked here with the
// rest of the subject's request (every problem at its JSON path, KH-E046; a decision for a scheme that
// takes none, KH-E047), then it acts in three places, each small enough to live beside what it
// changes: the decided grade replaces the grade conditions as the candidate (grade.ts), the order is
// a quota race key after the ranking key (cohort.ts), and the decision heads gradeReasons and is
// echoed in the result (outcome.ts). Restrictions (nograde, veto, cap) and quotas act on a decided
// grade exactly as on any other: a decision never lifts them.

import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { DECISION_FIELDS, DECISION_REASON_MAX as MAX_REASON } from '../dsl/keywords.js';
import { Rational } from '../dsl/rational.js';
import type { DecisionInput, EvalError } from './api.js';
import { DM } from './decision-messages.js';
import { evalError } from './errors.js';
import { UnreadableNumber } from './json-exact.js';
import { M } from './messages.js';
import type { GradePlan, Plan } from './plan.js';
import type { Value } from './values.js';

/** A checked decision: the grade is the scheme's own. */
export interface Decision { grade?: GradePlan; order?: number; reason: string }

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Rational) && !(x instanceof UnreadableNumber);
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** A whole number ≥ 1 (a JSON number may arrive exact, as a Rational: json-exact.ts). */
function orderOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 1 ? v : undefined;
  if (v instanceof Rational && v.isInteger() && v.ge(Rational.ONE) && v.le(Rational.int(Number.MAX_SAFE_INTEGER))) return v.toNumber();
  return undefined;
}

/** How a wrong value reads in a message: JSON, shortened. */
function found(v: unknown): string {
  if (v instanceof Rational) return v.toDecimalString(20);
  if (v instanceof UnreadableNumber) return v.text;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export interface CheckedDecision { decision?: Decision; errors: EvalError[] }

/** Checks a subject's `decision` (at `path`, e.g. `subjects[3].decision`); at most `max` problems,
 * the caller announcing more (KH-E009) when `truncated`. Absent (or null) is no decision. */
export function checkDecision(plan: Plan, raw: unknown, path: string, max = Infinity):
  CheckedDecision & { truncated?: boolean } {
  if (raw === undefined || raw === null) return { errors: [] };
  const errors: EvalError[] = [];
  const at = (code: 'KH-E046' | 'KH-E047', p: string, what: Msg) => errors.push(evalError(code, M.at({ path: p, what }), { path: p }));
  if (!plan.committee) { at('KH-E047', path, DM.notCommittee()); return cut(errors, max); }
  if (!isPlainObject(raw)) { at('KH-E046', path, DM.notObject()); return cut(errors, max); }
  const grades = plan.grades.map((g) => g.name);
  for (const k of Object.keys(raw)) if (!Object.hasOwn(DECISION_FIELDS, k)) at('KH-E046', `${path}.${k}`, DM.unknownKey());
  let grade: GradePlan | undefined;
  if (raw.grade !== undefined) {
    if (typeof raw.grade !== 'string') at('KH-E046', `${path}.grade`, DM.gradeNotText({ grades }));
    else if (!(grade = plan.grades.find((g) => g.name === raw.grade))) at('KH-E046', `${path}.grade`, DM.unknownGrade({ grade: raw.grade, grades }));
  }
  const order = raw.order === undefined ? undefined : orderOf(raw.order);
  if (raw.order !== undefined && order === undefined) at('KH-E046', `${path}.order`, DM.badOrder({ found: found(raw.order) }));
  if (raw.grade === undefined && raw.order === undefined) at('KH-E046', path, DM.needsGradeOrOrder());
  const reason = raw.reason;
  if (reason === undefined) at('KH-E046', `${path}.reason`, DM.reasonMissing());
  else if (typeof reason !== 'string' || !isWellFormed(reason)) at('KH-E046', `${path}.reason`, DM.reasonNotText());
  else if (reason.trim() === '') at('KH-E046', `${path}.reason`, DM.reasonEmpty());
  else {
    const n = [...reason].length;
    if (n > MAX_REASON) at('KH-E046', `${path}.reason`, DM.reasonTooLong({ max: MAX_REASON, n }));
  }
  if (errors.length) return cut(errors, max);
  return { decision: { ...(grade ? { grade } : {}), ...(order !== undefined ? { order } : {}), reason: reason as string }, errors };
}

const cut = (errors: EvalError[], max: number): CheckedDecision & { truncated?: boolean } =>
  (errors.length > max ? { errors: errors.slice(0, max), truncated: true } : { errors });

/** The decision's line at the head of gradeReasons. */
export function decisionWords(d: Decision, lang: Locale): string {
  const { reason } = d;
  if (d.grade && d.order !== undefined) return render(DM.decidedOrdered({ grade: d.grade.name, order: d.order, reason }), lang);
  if (d.grade) return render(DM.decided({ grade: d.grade.name, reason }), lang);
  return render(DM.ordered({ order: d.order!, reason }), lang);
}

/** The decision as the result echoes it (JSON keys in English). */
export function decisionJson(d: Decision): DecisionInput {
  return { ...(d.grade ? { grade: d.grade.name } : {}), ...(d.order !== undefined ? { order: d.order } : {}), reason: d.reason };
}

/** The committee order as a quota race key (race.ts, ascending): a subject without an order has no
 * value, which sorts after every subject with one; equal orders tie. */
export function orderValue(d: Decision | undefined): Value | null {
  return d?.order !== undefined ? Rational.int(d.order) : null;
}

/** The key's name in a quota reason. */
export const orderKeyName = (): Msg => DM.orderKey();
