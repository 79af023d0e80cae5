// Results by period on the compiled path (issue 16): `results of` / `past` / related inputs. Their
// validity depends on the evaluation period, so the generated validator (validate.ts) hands each such
// field to `results` with the run's period: the reference's own checks (engine/periods/results.ts,
// related.ts) run on it, and any problem answers undefined — the subject then runs on the closures,
// which write the errors. A valid value becomes plain records the generated program reads like any
// input data: { period, score, grade, imported } (canonical keys; the Chinese aliases are resolved by
// lowering), oldest first; a score is a JSON number only when R.num reads it back as the exact value
// (else it stays a Rational, and reading it bails); a grade is the member's name, text, or null.
// `window` is the periods a `streak` counts over (engine/periods/streak.ts), cached per period.

import type { Period } from '../../dsl/dates.js';
import { Rational } from '../../dsl/rational.js';
import type { TypeSpec } from '../contract.js';
import type { EngineCode } from '../errors.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { isEnum, type RecordVal, type Value } from '../values.js';
import { periodsBefore, type PeriodUnit } from '../periods/calendar.js';
import { validateRelated } from '../periods/related.js';
import { validatePeriodResults, type Reporter } from '../periods/results.js';
import { periodOf } from './runtime-dates.js';
import { frac } from './validate-runtime.js';

/** One plain result record (what the generated program reads). */
export interface PlainResult { period: string | null; score: number | Rational | null; grade: string | null; imported: boolean }

/** Counts the problems the reference reports (their texts are the closures' business). */
class Count implements Reporter {
  n = 0;
  err(_code: EngineCode, _path: string, _what: Msg, _expected: string, _x: unknown): undefined { this.n++; return undefined; }
}

/** A score as the program reads it: a number R.num turns back into the same exact value, else the
 * Rational itself (R.num bails on it: only a subject that reads such a score leaves the fast path). */
function score(v: Value | undefined): PlainResult['score'] {
  if (!(v instanceof Rational)) return null;
  const x = v.toNumber();
  if (!Number.isFinite(x) || frac(x) < 0 || !Rational.fromNumber(x).eq(v)) return v;
  return x === 0 ? 0 : x;
}

function plain(r: RecordVal): PlainResult {
  const g = r.fields.get('grade');
  return {
    period: (r.fields.get('period') as string | null | undefined) ?? null,
    score: score(r.fields.get('score')),
    grade: g === null || g === undefined ? null : isEnum(g) ? g.name : typeof g === 'string' ? g : null,
    imported: r.fields.get('imported') === true,
  };
}

/** The value of the top-level field of type `t` (a periodResults type) for the period named `period`,
 * as plain records (a list; one record or null for related), or undefined when the reference would
 * report anything (or there is no period: validity depends on it). */
export function results(x: unknown, t: TypeSpec, period: unknown): PlainResult[] | PlainResult | undefined {
  if (t.kind !== 'periodResults' || typeof period !== 'string') return undefined;
  let p: Period;
  try { p = periodOf(period); } catch { return undefined; }
  const w = new Count();
  if (t.spec.form === 'related') {
    const v = validateRelated(w, x, t.text, t.spec, p);
    if (w.n > 0 || v === undefined) return undefined; // no result under `missing error`: KH-E057
    return plain(v as RecordVal);
  }
  const v = validatePeriodResults(w, x, t.text, t.spec, t.text, t.msg, p);
  if (w.n > 0 || !Array.isArray(v)) return undefined;
  return v.map((r) => plain(r as RecordVal));
}

const windows = new Map<string, string[]>();

/** The `n` periods of `unit` before the run's period, oldest first (streak's window). */
export function window(period: unknown, unit: PeriodUnit, n: number): string[] {
  const key = `${String(period)}\u0000${unit}\u0000${n}`;
  let w = windows.get(key);
  if (!w) {
    w = periodsBefore(periodOf(period), unit, n);
    if (windows.size > 64) windows.clear();
    windows.set(key, w);
  }
  return w;
}
