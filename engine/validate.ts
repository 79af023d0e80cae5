// Input validation against the scheme's input contract, before anything is evaluated (§3): one walk
// that collects EVERY problem with its JSON path (`工作任务[2].完成率`), what was expected and what was
// found, applies defaults, and converts JSON numbers to exact Rationals via their shortest decimal
// text. Example `given` blocks arrive with Rationals already (exact literals), which are accepted too.

import { Rational } from '../dsl/rational.js';
import { meantField } from '../dsl/distance.js';
import type { EvalError } from './api.js';
import { doubleText, duplicateKeys, MAX_EXPONENT, readableDouble, SMALLEST, UnreadableNumber } from './json-exact.js';
import type { Msg } from '../dsl/i18n/index.js';
import { numberTypeMsg, type FieldSpec, type TypeSpec } from './contract.js';
import { evalError, type EngineCode } from './errors.js';
import { english, M } from './messages.js';
import { D } from './dates-messages.js';
import { parseDate } from '../dsl/dates.js';
import type { RecordVal, Value } from './values.js';
import { allows, exactText, notAllowed, S } from './scales.js';
import { ballotMeans } from './ballots.js';
import { whyNotDate } from '../dsl/date-faults.js';
import type { Period } from '../dsl/dates.js';
import { isObject, validatePeriodResults } from './periods/results.js';
import { isRelated, relatedMissing, validateRelated } from './periods/related.js';
import { unitFlaw } from './subject-id.js';

/** `truncated`: validation stopped at its error limit, so there are more problems than `errors`. */
export interface Validated { values: Map<string, Value>; errors: EvalError[]; truncated?: boolean }

/** An unknown field, with the declared name one slip away if there is one (`实绩分` → 实绩得分, as the
 * roster reader tells a header: V11 trial). Only on the error path: valid input pays nothing. */
function unknownField(k: string, known: ReadonlySet<string>): Msg {
  const near = meantField(k, known);
  return near === undefined ? M.unknownField() : M.unknownFieldNear({ near });
}

/** Thrown by the walker at its error limit; caught by validateInput. */
const FULL = Symbol('error limit');

const RATING_SPEC: Extract<TypeSpec, { kind: 'number' }> = {
  kind: 'number', integer: false, text: 'number in [0, 100]', msg: numberTypeMsg(false, M.boundsRange({ lo: '0', hi: '100' })),
  lo: { value: Rational.ZERO, inclusive: true }, hi: { value: Rational.HUNDRED, inclusive: true },
};

// Name sets per spec list / panel, built once (validation runs per subject; specs live with the plan).
const fieldNames = new WeakMap<FieldSpec[], Set<string>>();
const panelNames = new WeakMap<object, Set<string>>();
const criterionNames = new WeakMap<string[], Set<string>>();

/** Text shown as `found` verbatim (not as JSON). */
class Raw { constructor(readonly text: string) {} }

function found(x: unknown): string {
  if (x instanceof Raw || x instanceof UnreadableNumber) return x.text;
  if (x instanceof Rational) return exactText(x);
  if (x === undefined) return 'nothing';
  return preview(x, 60);
}

/** JSON text of `x` cut to `max` characters (the last three `...`). It stops walking as soon as the
 * text is long enough, so a huge or deeply nested input value (10,000 nested arrays overflowed
 * JSON.stringify's stack) costs no more than a small one. */
export function preview(x: unknown, max: number): string {
  let out = '';
  const put = (s: string): boolean => (out += s).length <= max;
  const walk = (v: unknown): boolean => {
    if (typeof v === 'bigint') return put(`${v}n`); // JSON.stringify throws on a BigInt
    if (typeof v === 'number' && !Number.isFinite(v)) return put(String(v)); // NaN, not JSON's `null` (U7-11)
    if (typeof v !== 'object' || v === null) return put(JSON.stringify(v) ?? String(v));
    if (Array.isArray(v)) {
      if (!put('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i > 0 && !put(',')) || !walk(v[i])) return false;
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const k of Object.keys(v)) {
      if ((!first && !put(',')) || !put(`${JSON.stringify(k)}:`) || !walk((v as Record<string, unknown>)[k])) return false;
      first = false;
    }
    return put('}');
  };
  walk(x);
  return out.length > max ? `${out.slice(0, max - 3)}...` : out;
}

class Walker {
  readonly errors: EvalError[] = [];
  /** `period`: the evaluation's, which roll-up and history inputs are checked against (issue 14). */
  constructor(readonly prefix: string, readonly limit: number, readonly period?: Period) {}

  err(code: EngineCode, path: string, what: Msg, expected: string, x: unknown): undefined {
    if (this.errors.length >= this.limit) throw FULL;
    const full = this.prefix + path;
    this.errors.push(evalError(code, M.at({ path: full || M.theInput(), what }), { path: full, expected, found: found(x) }));
    return undefined;
  }

  number(x: unknown, path: string, t: Extract<TypeSpec, { kind: 'number' }>): Rational | undefined {
    let r: Rational | undefined;
    if (x instanceof Rational) r = x;
    else if (typeof x === 'number' && Number.isFinite(x)) {
      // the JSON readers' limit (json-exact.ts): a double beyond 10^±MAX_EXPONENT is refused as there
      if (!readableDouble(x)) return this.err('KH-E003', path, M.unreadableNumber({ text: doubleText(x), max: MAX_EXPONENT }), t.text, new Raw(doubleText(x)));
      r = Rational.fromNumber(x);
    } else if (x instanceof UnreadableNumber) {
      return this.err('KH-E003', path, M.unreadableNumber({ text: x.text, max: MAX_EXPONENT }), t.text, x);
    }
    else return this.err('KH-E003', path, M.expected({ type: t.msg }), t.text, x);
    if (t.integer && !r.isInteger()) return this.err('KH-E005', path, M.expectedInteger(), t.text, x);
    if (t.oneOf) return allows(t.oneOf, r) ? r : this.err('KH-E020', path, notAllowed(t.oneOf, r), t.text, x);
    return this.range(r, path, t, x);
  }

  range(r: Rational, path: string, t: Extract<TypeSpec, { kind: 'number' }>, x: unknown): Rational | undefined {
    const { lo, hi } = t;
    const c1 = lo ? r.cmp(lo.value) : 1, c2 = hi ? r.cmp(hi.value) : -1;
    if (c1 < 0 || (c1 === 0 && !lo!.inclusive) || c2 > 0 || (c2 === 0 && !hi!.inclusive)) {
      return this.err('KH-E006', path, M.outOfRange({ type: t.msg, value: found(x) }), t.text, x);
    }
    return r;
  }

  value(x: unknown, path: string, t: TypeSpec): Value | undefined {
    switch (t.kind) {
      case 'number': return this.number(x, path, t);
      case 'bool': return typeof x === 'boolean' ? x : this.err('KH-E003', path, M.expectedBool(), 'bool', x);
      case 'text': return typeof x === 'string' ? x : this.err('KH-E003', path, M.expectedString(), 'text', x);
      case 'date': return typeof x === 'string' && parseDate(x) ? x : this.err('KH-E030', path, typeof x === 'string' ? D.badDate({ value: x, why: whyNotDate(x) }) : D.notADate(), t.text, x);
      case 'enum': {
        if (typeof x !== 'string') return this.err('KH-E003', path, M.expectedEnum({ enum: t.decl.name.name, type: t.msg }), t.text, x);
        return t.members.get(x) ?? this.err('KH-E004', path, M.notMember({ enum: t.decl.name.name, type: t.msg }), t.text, x);
      }
      case 'list': return this.list(x, path, t);
      case 'record': {
        if (!isObject(x)) return this.err('KH-E003', path, M.expectedObject({ type: t.msg }), t.text, x);
        const fields = this.fields(x, t.fields, path + '.');
        return fields && ({ kind: 'record', fields } satisfies RecordVal);
      }
      case 'ratings': return this.ratings(x, path, t);
      case 'unknown': return this.err('KH-E003', path, M.invalidType({ type: t.msg }), t.text, x);
      case 'periodResults':
        if (t.spec.form === 'related') return validateRelated(this, x, path, t.spec, this.period); // issue 14 part 2
        return validatePeriodResults(this, x, path, t.spec, t.text, t.msg, this.period);
    }
  }

  list(x: unknown, path: string, t: Extract<TypeSpec, { kind: 'list' }>): Value | undefined {
    if (!Array.isArray(x)) return this.err('KH-E003', path, M.expectedList({ type: t.msg }), t.text, x);
    let ok = true;
    if ((t.min !== undefined && x.length < t.min) || (t.max !== undefined && x.length > t.max)) {
      const want = t.max === undefined ? M.atLeast({ n: t.min! }) : t.min === undefined ? M.atMost({ n: t.max })
        : M.between({ min: t.min, max: t.max });
      const wantText = english(want);
      this.err('KH-E007', path, M.listLength({ want, n: x.length }), `${wantText} items`, new Raw(`${x.length} items`));
      ok = false;
    }
    const items = x.map((e, i) => this.value(e, `${path}[${i}]`, t.element));
    return ok && items.every((v) => v !== undefined) ? (items as Value[]) : undefined;
  }

  ratings(x: unknown, path: string, t: Extract<TypeSpec, { kind: 'ratings' }>): Value | undefined {
    if (!isObject(x)) return this.err('KH-E003', path, M.expectedRatings(), t.text, x);
    let names = panelNames.get(t.panel);
    if (!names) { names = new Set(t.panel.categories.map((c) => c.name.name)); panelNames.set(t.panel, names); }
    const categories = new Map<string, Rational[]>();
    const ballots = new Map<string, Map<string, Rational>[]>();
    let ok = true;
    for (const k in x) {
      if (!Object.hasOwn(x, k)) continue;
      const v = x[k], p = `${path}.${k}`;
      if (!names.has(k)) { this.err('KH-E001', p, M.unknownCategory({ panel: t.panel.name.name }), [...names].join(', '), v); ok = false; continue; }
      if (!Array.isArray(v)) { this.err('KH-E003', p, M.expectedRatingList(), 'list of number in [0, 100]', v); ok = false; continue; }
      if (t.criteria) {
        const list = this.ballots(v, p, t, t.criteria);
        if (list) ballots.set(k, list); else ok = false;
        continue;
      }
      const list: Rational[] = [];
      for (let i = 0; i < v.length; i++) {
        const r: unknown = v[i];
        // Fast path: a double in [0, 100] has its shortest decimal in [0, 100] too (0 and 100 are
        // doubles and rounding is monotonic), so the range check on the double decides (NaN fails it).
        if (!t.rating && typeof r === 'number' && r <= 100 && (r >= SMALLEST || r === 0)) { list.push(Rational.fromNumber(r)); continue; }
        const q = this.number(r, `${p}[${i}]`, t.rating ?? RATING_SPEC);
        if (q) list.push(q); else ok = false;
      }
      categories.set(k, list);
    }
    if (!ok) return undefined;
    if (t.criteria) return { kind: 'ratings', panel: t.panel, categories: ballotMeans(t.panel, ballots), ballots };
    return { kind: 'ratings', panel: t.panel, categories };
  }

  /** One category's ballots (issue 12, ballots.ts): objects of ratings by criterion, none empty;
   * complete when the panel trims whole ballots. */
  ballots(v: unknown[], p: string, t: Extract<TypeSpec, { kind: 'ratings' }>, criteria: string[]): Map<string, Rational>[] | undefined {
    const out: Map<string, Rational>[] = [];
    let ok = true;
    const spec = t.rating ?? RATING_SPEC;
    // A Set, not criteria.includes: one lookup per rating keeps validation linear in criteria × ballots.
    let known = criterionNames.get(criteria);
    if (!known) { known = new Set(criteria); criterionNames.set(criteria, known); }
    const listed = criteria.join(', ');
    for (let i = 0; i < v.length; i++) {
      const b: unknown = v[i], at = `${p}[${i}]`;
      if (!isObject(b)) { this.err('KH-E021', at, S.ballotNotObject({ first: criteria[0] ?? '' }), `{ ${listed} }`, b); ok = false; continue; }
      const ballot = new Map<string, Rational>();
      const keys = Object.keys(b);
      // `{"德": 95, "德": 100}`: JSON keeps the last silently; a ballot rates each criterion once
      for (const e of duplicateKeys(b) ?? []) { this.err('KH-E021', `${at}.${e}`, S.ballotKeyTwice({ criterion: e }), listed, b[e]); ok = false; }
      for (const e of keys) {
        if (!known.has(e)) { this.err('KH-E021', `${at}.${e}`, S.unknownCriterion({ panel: t.panel.name.name }), listed, b[e]); ok = false; continue; }
        const q = this.number(b[e], `${at}.${e}`, spec);
        if (q) ballot.set(e, q); else ok = false;
      }
      if (keys.length === 0) { this.err('KH-E021', at, S.ballotEmpty(), listed, b); ok = false; continue; }
      const missing = t.panel.trim?.perBallot && ballot.size < criteria.length ? criteria.filter((e) => !Object.hasOwn(b, e)) : [];
      if (missing.length > 0) {
        this.err('KH-E022', at, S.ballotIncomplete({ missing }), listed, b);
        ok = false;
      }
      out.push(ballot);
    }
    return ok ? out : undefined;
  }

  /** The unit (`cohort by`'s text field) shows every character (V11b HIGH-1): else KH-E061 at it. */
  visibleKey(v: string, path: string, field: string): boolean {
    const flaw = unitFlaw(v, field);
    if (flaw) this.err('KH-E061', path, flaw, 'text without invisible characters or edge spaces', v);
    return !flaw;
  }

  /** Validates an object against fields; `dot` is the path prefix of its fields ('' at the top). */
  fields(x: Record<string, unknown>, specs: FieldSpec[], dot: string): Map<string, Value> | undefined {
    const out = new Map<string, Value>();
    let known = fieldNames.get(specs);
    if (!known) { known = new Set(specs.map((f) => f.name)); fieldNames.set(specs, known); }
    let ok = true;
    for (const k of Object.keys(x)) {
      if (!known.has(k)) { this.err('KH-E001', dot + k, unknownField(k, known), specs.map((f) => f.name).join(', '), x[k]); ok = false; }
    }
    for (const f of specs) {
      const p = dot + f.name;
      // each field is read once (a getter answering differently on each read sees one read, as in
      // the generated validator); own properties only, as for unknown fields above
      const raw = Object.hasOwn(x, f.name) ? x[f.name] : undefined;
      // a related subject's result may be absent: no result (its missing policy, periods/related.ts)
      if (raw === undefined && !isRelated(f.type)) {
        if (f.hasDefault && f.default !== undefined) out.set(f.name, f.default);
        else { this.err('KH-E002', p, M.missingField({ type: f.type.msg }), f.type.text, undefined); ok = false; }
        continue;
      }
      const v = this.value(raw, p, f.type);
      if (v !== undefined && f.cohortKey && !this.visibleKey(v as string, p, f.name)) ok = false;
      else if (v === undefined) ok = false; else out.set(f.name, v);
    }
    return ok ? out : undefined;
  }
}

/** Validates one subject's input. `prefix` prefixes every path (`subjects[3].input.` in a cohort);
 * at most `limit` errors are collected (then `truncated`). */
export function validateInput(raw: unknown, contract: FieldSpec[], prefix = '', limit = Infinity, period?: Period): Validated {
  const w = new Walker(prefix, limit, period);
  try {
    if (!isObject(raw)) {
      w.err('KH-E008', '', M.inputNotObject(), 'object', raw);
      return { values: new Map(), errors: w.errors };
    }
    // `fields` collects the errors; the top-level values are kept even when some failed (no evaluation follows).
    const values = w.fields(raw, contract, '') ?? new Map();
    relatedMissing(w, raw, contract, period); // issue 14 part 2: KH-E057 names a sibling field's value
    return { values, errors: w.errors };
  } catch (e) {
    if (e !== FULL) throw e;
    return { values: new Map(), errors: w.errors, truncated: true };
  }
}
