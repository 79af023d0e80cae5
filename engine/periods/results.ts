// Roll-up and history inputs (issue 14): `results of SCHEME UNIT …` (another scheme's results over
// the sub-periods of this evaluation's period) and `past N UNIT …` (this scheme's own results in the
// N periods before this one). Their value is a list of result records, oldest first, each a record
// { period: text, score: number | null, grade: member | text | null, imported: bool }.
//
// This module compiles the AST type into its contract spec once, and validates a value given inline
// (CLI, API, an example's `given`, or filled by the server): JSON keys in English as the API, or in
// Chinese as a `given` may write them (考核期, 得分, 考核等次, 导入); `period` required; `score` a JSON
// number or text holding an exact fraction or decimal ("1769/20", "88.45": how the server passes
// exact values), absent or null when the period has none (an imported grade only); `grade` a member
// of the enum (`grades X`; this scheme's grades for `past`) or any text without one, absent or null
// for an ungraded period; `imported` optional (false). Every problem is reported at its path at once
// (`季度结果[2].period`): KH-E050 a period the input does not cover, KH-E051 a period twice, KH-E052
// a grade, KH-E053 a score, KH-E054 periods without a result under `missing error`, KH-E055 a `past`
// record outside the window. The missing policies of `results of`: skip (left out), zero (a record with
// score 0, grade null, remembered as filled-in for the explanation), error (KH-E054). A `past` list
// holds only the periods with a result; what a missing period means is streak's business (streak.ts).
// A related subject's result (`results of SCHEME for FIELD`, issue 14 part 2) is ONE such record of
// this evaluation's own period, or nothing: related.ts validates it with the record checks here.

import type { Msg } from '../../dsl/i18n/index.js';
import type { Period } from '../../dsl/dates.js';
import type { PeriodResultsType } from '../../dsl/ast.js';
import { PERIOD_FORMS } from '../../dsl/dates.js';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../../dsl/keywords.js';
import { Rational } from '../../dsl/rational.js';
import { GRADE_ENUM } from '../../dsl/symbols.js';
import type { EngineCode } from '../errors.js';
import { readableDouble, UnreadableNumber } from '../json-exact.js';
import type { EnumVal, RecordVal, Value } from '../values.js';
import { periodsBefore, subPeriods, type PeriodUnit } from './calendar.js';
import { P } from './messages.js';

/** A `results of` / `past` / related input as the contract holds it. `members`: the grades' enum
 * (absent: grades are text); `n`: past's count; `unit` absent for related (this evaluation's own
 * period); `subjectField`: related only, the input field whose value is the related subject's id. */
export interface PeriodResultsSpec {
  form: 'resultsOf' | 'past' | 'related';
  scheme?: string;
  unit?: PeriodUnit;
  n?: number;
  subjectField?: string;
  members?: Map<string, EnumVal>;
  missing: 'skip' | 'zero' | 'error' | 'breaks';
  values: 'exact' | 'reported';
}

/** The spec of the AST type; `enumValues` as the compiler interned them. */
export function periodResultsSpec(t: PeriodResultsType, enumValues: Map<string, EnumVal[]>): { spec: PeriodResultsSpec; text: string; msg: Msg } {
  const enumName = t.form === 'past' ? GRADE_ENUM : t.grades?.name;
  const members = enumName ? new Map((enumValues.get(enumName) ?? []).map((m) => [m.name, m])) : undefined;
  const n = t.count ? Number(t.count.text) : undefined;
  const spec: PeriodResultsSpec = {
    form: t.form, scheme: t.scheme?.name, n, members,
    // absent only in a scheme with a KH-C160 error, which is never compiled; `skip` keeps the engine total
    missing: t.missing?.mode ?? 'skip', values: t.values?.mode ?? 'reported',
  };
  if (t.form === 'related') {
    spec.subjectField = t.subject?.name ?? '';
    const field = spec.subjectField;
    return { spec, text: `result of ${spec.scheme} for ${field} (this period) | null`, msg: P.typeRelated({ scheme: spec.scheme ?? '', field }) };
  }
  spec.unit = t.unit ?? 'annual'; // absent only for related
  const unit = UNIT[spec.unit]();
  const msg = t.form === 'past' ? P.typePast({ n: n ?? 0, unit }) : P.typeResultsOf({ scheme: spec.scheme ?? '', unit });
  const text = t.form === 'past' ? `past ${n} ${t.unit} results` : `results of ${spec.scheme} ${t.unit}`;
  return { spec, text, msg };
}

export const UNIT = { annual: P.unit_annual, quarterly: P.unit_quarterly, monthly: P.unit_monthly };

/** Where validation reports (validate.ts's walker): collects the error, returns undefined. */
export interface Reporter {
  err(code: EngineCode, path: string, what: Msg, expected: string, x: unknown): undefined;
}

const RECORD_TEXT = '{ period, score, grade, imported }';

/** Records made up by `missing zero` (the explanation says which periods were filled in). */
const filledIn = new WeakSet<RecordVal>();
export const isFilledIn = (r: Value): boolean => typeof r === 'object' && r !== null && !Array.isArray(r) && filledIn.has(r as RecordVal);

/** The record `missing zero` fills in for `period`: score 0, no grade, remembered as filled in. */
export function zeroRecord(period: string | null): RecordVal {
  const z: RecordVal = { kind: 'record', fields: new Map<string, Value>([['period', period], ['score', Rational.ZERO], ['grade', null], ['imported', false]]) };
  filledIn.add(z);
  return z;
}

/** A JSON object (not a list, an exact number or an unreadable one); validate.ts's walker uses it too. */
export const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Rational) && !(x instanceof UnreadableNumber);

/** The periods the input expects for the evaluation period `p`: a `results of` input its sub-periods,
 * a `past` input the window before it. Undefined when `p` cannot be divided into the unit. */
export function expectedPeriods(spec: PeriodResultsSpec, p: Period): string[] | undefined {
  if (spec.form === 'related') return [p.text]; // the same period
  return spec.form === 'past' ? periodsBefore(p, spec.unit!, spec.n ?? 0) : subPeriods(p, spec.unit!);
}

/** Validates the value `x` at `path`; undefined when anything is wrong (each problem reported). Without
 * a period (the evaluation fails with KH-E032 before this runs, but an example's `given` is validated
 * on its own) only the records themselves are checked. */
export function validatePeriodResults(w: Reporter, x: unknown, path: string, spec: PeriodResultsSpec, typeText: string, typeMsg: Msg, period?: Period): Value | undefined {
  if (!Array.isArray(x)) return w.err('KH-E003', path, P.notList({ type: typeMsg }), typeText, x);
  const expected = period && expectedPeriods(spec, period);
  if (period && expected === undefined) {
    return w.err('KH-E050', path, P.noneExpected({ period: period.text, unit: UNIT[spec.unit!]() }), spec.unit!, period.text);
  }
  const order = expected && new Map(expected.map((p, i) => [p, i]));
  const seen = new Map<string, number>(); // period → its first record's item number (from 1)
  const records: RecordVal[] = [];
  let ok = true;
  for (let i = 0; i < x.length; i++) {
    const r = record(w, x[i], `${path}[${i}]`, spec, order, expected, period, seen, i + 1);
    if (r) records.push(r); else ok = false;
  }
  if (!ok) return undefined;
  if (!order) return records;
  const byPeriod = (a: RecordVal, b: RecordVal) => order.get(a.fields.get('period') as string)! - order.get(b.fields.get('period') as string)!;
  records.sort(byPeriod);
  if (spec.form === 'past' || spec.missing === 'skip') return records;
  const missing = expected!.filter((p) => !seen.has(p));
  if (missing.length === 0) return records;
  if (spec.missing === 'error') return w.err('KH-E054', path, P.missingPeriods({ periods: missing }), expected!.join(', '), missing.join(', '));
  // zero: a record with score 0 and no grade for each missing period, in its place
  for (const p of missing) records.push(zeroRecord(p));
  return records.sort(byPeriod);
}

/** One result record at `at`: keys, period (expected, once), score, grade, imported — every problem
 * reported. Also related.ts's check of its one record (`order`: this evaluation's period only).
 * `item`: its number in the list, from 1: a period given twice names the first one so, in words
 * (V11 trial MED-2: not `季度结果[0].考核期`, a 0-based path, beside a sheet's 1-based one). */
export function record(w: Reporter, x: unknown, at: string, spec: PeriodResultsSpec, order: Map<string, number> | undefined,
  expected: string[] | undefined, period: Period | undefined, seen: Map<string, number>, item = 1): RecordVal | undefined {
  if (!isObject(x)) return w.err('KH-E003', at, spec.form === 'related' ? P.relatedNotRecord() : P.notRecord(), RECORD_TEXT, x);
  const given = new Map<string, { key: string; v: unknown }>();
  let ok = true;
  for (const k of Object.keys(x)) {
    const canon = canonicalIn(PERIOD_RESULT_FIELDS, k); // a key in English or Chinese
    if (!canon) { w.err('KH-E001', `${at}.${k}`, P.unknownKey(), 'period, score, grade, imported', x[k]); ok = false; continue; }
    if (given.has(canon)) { w.err('KH-E001', `${at}.${k}`, P.keyTwice({ key: canon }), canon, x[k]); ok = false; continue; }
    given.set(canon, { key: k, v: x[k] });
  }
  const fields = new Map<string, Value>();
  // period
  const pe = given.get('period');
  const form = spec.unit ? PERIOD_FORMS[spec.unit] : period?.text ?? '2026';
  if (!pe || pe.v === undefined) { w.err('KH-E002', `${at}.period`, P.missingKey({ key: 'period' }), form, undefined); ok = false; }
  else if (typeof pe.v !== 'string') { w.err('KH-E003', `${at}.${pe.key}`, P.periodNotText({ form }), form, pe.v); ok = false; }
  else {
    const text = pe.v.trim();
    const p = `${at}.${pe.key}`;
    if (order && !order.has(text)) {
      const list = expected!.join(', ');
      if (spec.form === 'related') w.err('KH-E050', p, P.notThisPeriod({ period: text, current: period!.text }), period!.text, pe.v);
      else if (spec.form === 'past') w.err('KH-E055', p, P.outsideWindow({ period: text, n: spec.n ?? 0, current: period!.text, expected: expected! }), list, pe.v);
      else w.err('KH-E050', p, P.notExpected({ period: text, expected: expected! }), list, pe.v);
      ok = false;
    } else if (seen.has(text)) {
      w.err('KH-E051', p, P.periodTwice({ period: text, first: seen.get(text)! }), 'one record per period', pe.v);
      ok = false;
    } else { seen.set(text, item); fields.set('period', text); }
  }
  // score
  const sc = given.get('score');
  const score = sc === undefined || sc.v === null || sc.v === undefined ? null : scoreOf(sc.v);
  if (score === undefined) { w.err('KH-E053', `${at}.${sc!.key}`, P.scoreNotNumber(), 'number | "n/d" | "d.dd" | null', sc!.v); ok = false; }
  else fields.set('score', score);
  // grade
  const gr = given.get('grade');
  const grade = gr === undefined || gr.v === null || gr.v === undefined ? null : gradeOf(gr.v, spec);
  if (grade === undefined) {
    const names = spec.members ? [...spec.members.keys()] : undefined;
    const what = names ? P.gradeNotMember({ members: names }) : P.gradeNotText();
    w.err('KH-E052', `${at}.${gr!.key}`, what, names ? `one of ${names.join(', ')} | null` : 'text | null', gr!.v); ok = false;
  } else fields.set('grade', grade);
  // imported
  const im = given.get('imported');
  if (im === undefined || im.v === undefined) fields.set('imported', false);
  else if (typeof im.v === 'boolean') fields.set('imported', im.v);
  else { w.err('KH-E003', `${at}.${im.key}`, P.importedNotBool(), 'bool', im.v); ok = false; }
  return ok ? { kind: 'record', fields } : undefined;
}

const FRACTION = /^\s*(-?\d+)\s*\/\s*(\d+)\s*$/;
const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/** A score: a finite JSON number (its shortest decimal, as validate.ts reads numbers), an exact
 * Rational (a `given`, or a long JSON number read exactly), or text of a fraction or decimal. */
function scoreOf(v: unknown): Rational | undefined {
  if (v instanceof Rational) return v;
  if (typeof v === 'number') return Number.isFinite(v) && readableDouble(v) ? Rational.fromNumber(v) : undefined; // as json-exact.ts reads JSON
  if (typeof v !== 'string') return undefined;
  const f = FRACTION.exec(v);
  if (f) return f[2] === '0' || /^0+$/.test(f[2]) ? undefined : Rational.of(BigInt(f[1]), BigInt(f[2]));
  return DECIMAL.test(v) ? Rational.parse(v) : undefined;
}

function gradeOf(v: unknown, spec: PeriodResultsSpec): Value | undefined {
  if (typeof v !== 'string') return undefined;
  if (!spec.members) return v;
  return spec.members.get(v);
}
