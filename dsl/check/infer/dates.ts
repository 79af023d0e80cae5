// Type inference for dates (issue 12, item 6): date literals (a string where a date is expected,
// checked statically: KH-C100), `date ± duration` (KH-C101 for a duration anywhere else or a
// fractional amount), intervals `x in [a, b)` over numbers or dates, and the period names
// `periodStart`/`periodEnd`. `date - date` is not part of v1: it is a type error (a date where a
// number is expected), documented in docs/language.md.

import type { BinaryExpr, DurationExpr, Expr, IntervalExpr } from '../../ast.js';
import { whyNotDate } from '../../date-faults.js';
import { MAX_DURATION, parseDate } from '../../dates.js';
import { Rational } from '../../rational.js';
import { D } from '../messages/dates.js';
import { code } from '../messages.js';
import { article, DATE, ERROR, INTEGER, type Type } from '../types.js';
import { infer } from './expr.js';
import { record, report, type InferState, type Scope } from './state.js';

const DURATION: Type = { kind: 'duration' };

/** A string literal where a date is expected: a date when it names a real calendar day, else KH-C100. */
export function dateLiteral(st: InferState, e: Expr & { kind: 'String' }): Type {
  if (!parseDate(e.value)) { report(st, 'KH-C100', e.span, D.badDate({ text: e.value, why: whyNotDate(e.value) })); return record(st, e, ERROR); }
  return record(st, e, DATE);
}

/** Infers `e` where a date is welcome: a string literal is read as a date literal. */
export function inferMaybeDate(st: InferState, e: Expr, scope: Scope, other: Type): Type {
  if (e.kind === 'String' && other.kind === 'date') return dateLiteral(st, e);
  return infer(st, e, scope, other);
}

/** `d + 1 months`, `periodEnd - 1 years`: the right side is a duration, the left a date. */
export function inferShift(st: InferState, e: BinaryExpr & { right: DurationExpr }, scope: Scope): Type {
  duration(st, e.right);
  const l = e.left.kind === 'String' ? dateLiteral(st, e.left) : infer(st, e.left, scope, DATE);
  if (l.kind === 'error') return DATE;
  if (l.kind !== 'date') report(st, 'KH-C101', e.left.span, D.shiftNotDate({ code: code(st.ctx.file.slice(e.left.span)), type: article(l) }));
  return DATE;
}

/** A duration's own node: recorded, its amount a whole number. */
function duration(st: InferState, e: DurationExpr): Type {
  if (e.amount.percent || !/^\d+$/.test(e.amount.text)) {
    report(st, 'KH-C101', e.amount.span, D.durationAmount({ text: e.amount.text + (e.amount.percent ? '%' : '') }));
  } else if (BigInt(e.amount.text) > BigInt(MAX_DURATION[e.unit])) {
    report(st, 'KH-C105', e.amount.span, D.durationTooLong({ text: e.amount.text, max: String(MAX_DURATION[e.unit]), unit: UNIT[e.unit]() }));
  }
  record(st, e.amount, INTEGER);
  return record(st, e, DURATION);
}

/** A duration where no `date ±` takes it (`x > 1 years`, `let 期限 = 30 days`). */
export function durationAlone(st: InferState, e: DurationExpr): Type {
  duration(st, e);
  report(st, 'KH-C101', e.span, D.durationAlone({ code: code(st.ctx.file.slice(e.span)) }));
  return ERROR;
}

/** `x in [a, b)`: x, a and b all numbers or all dates (a string literal end is a date literal). */
export function inferInterval(st: InferState, e: IntervalExpr, scope: Scope): Type {
  const v = infer(st, e.value, scope);
  const lo = inferMaybeDate(st, e.lo, scope, v);
  const hi = inferMaybeDate(st, e.hi, scope, v);
  const ts = [v, lo, hi];
  if (ts.some((t) => t.kind === 'error')) return { kind: 'bool' };
  const numbers = ts.every((t) => t.kind === 'number'), dates = ts.every((t) => t.kind === 'date');
  if (!numbers && !dates) report(st, 'KH-C005', e.span, D.intervalEnds({ value: article(v), lo: article(lo), hi: article(hi) }));
  else emptyInterval(st, e);
  return { kind: 'bool' };
}

const UNIT = { days: D.uDays, months: D.uMonths, years: D.uYears };

/** KH-C104: constant ends that leave no value between them (`["2026-03-01", "2026-01-01"]`, `[5, 1]`,
 * `(3, 3]`) make the test always false — almost certainly ends written the wrong way round. */
function emptyInterval(st: InferState, e: IntervalExpr): void {
  const lo = constant(e.lo), hi = constant(e.hi);
  if (lo === undefined || hi === undefined) return;
  const c = typeof lo === 'string' ? (lo < hi ? -1 : lo > hi ? 1 : 0) : lo.cmp(hi as Rational);
  if (c < 0 || (c === 0 && !e.loOpen && !e.hiOpen)) return;
  const file = st.ctx.file;
  report(st, 'KH-C104', e.span, D.intervalEmpty({ code: code(file.slice(e.span)), lo: code(file.slice(e.lo.span)), hi: code(file.slice(e.hi.span)) }));
}

/** A literal end's value: a number (`5`, `-5`, `20%`) or a date's ISO text, which orders like the date. */
function constant(e: Expr): Rational | string | undefined {
  if (e.kind === 'String') return parseDate(e.value) ? e.value : undefined;
  if (e.kind === 'Number') return Rational.parse(e.text, e.percent);
  if (e.kind !== 'Unary' || e.op !== '-') return undefined;
  const x = constant(e.operand);
  return x instanceof Rational ? x.neg() : undefined;
}
