// The generated input validator (issue 16): the scheme's input contract (engine/contract.ts) turned
// into the JS source of one function `function (input, R) { … }` that answers whether
// engine/validate.ts `validateInput(input, contract)` would report no error — false, or the input's
// top-level fields again in one object of one shape, its only allocation (`record`). It only decides
// the fast path of the compiled engine: when it says false, the reference validator runs and writes
// the errors, so false is always allowed (it costs speed) and true must never be wrong.
//
// It answers true only for inputs the compiled program can read cheaply — every number a plain double
// that `R.frac` reads (a safe integer, or a decimal of ≤ 15 digits: validate-runtime.ts), every object
// a plain one — and false for anything rare: exact Rationals and UnreadableNumbers from json-exact.ts,
// sparse lists, objects with other prototypes. Inputs by period (`results of`, `past`, related) are
// valid only against the evaluation period: without one it answers false; with one (readerFor) the
// reference's own checks run on them (runtime-results.ts) and they come back as plain records. What
// it does not support is listed in `unsupported`.
//
// The source is straight-line code: one pass over each object's own keys, one commented `case` per
// field that checks its value where the key is found (then a count of the required fields and a
// mask of the optional ones seen), plain loops for lists and ratings. Scheme text enters it only as
// string literals (safe.ts `str`, also in its `//` comments), numbers only as double literals proven
// to compare like the exact values (validate-literals.ts `doubleLiteral`).

import type { FieldSpec, TypeSpec } from '../contract.js';
import { VALIDATOR_RUNTIME } from './validate-runtime.js';
import { doubleLiteral } from './validate-literals.js';
import { str } from './safe.js';
import { results } from './runtime-results.js';
import { PROTO, SourceLines } from './emit-base.js';

type NumberSpec = Extract<TypeSpec, { kind: 'number' }>;
type RatingsSpec = Extract<TypeSpec, { kind: 'ratings' }>;

const WIDTH = 100;

/** Writes the function body: indented lines, fresh local names, what it could not support. */
class Gen extends SourceLines {
  readonly unsupported: string[] = [];
  private n = 0;

  fresh(prefix: string): string { return `${prefix}${++this.n}`; }
  /** `if (cond) return false;`, with `why` (text of ours, never a name) as a comment. */
  fail(cond: string, why?: string): void {
    this.line(`if (${cond}) return false;${why ? ` // ${why}` : ''}`);
  }
  giveUp(where: string, why: string): void {
    this.unsupported.push(`${where}: ${why}`);
    this.line(`return false; // unsupported: ${str(why)}`);
  }

  /** `for (const k of Object.keys(o)) { … }` as an indexed loop: the own enumerable keys, which is
   * what validate.ts reads (`Object.keys`, or for-in with Object.hasOwn). On dictionary-mode objects
   * (fast-check builds them) this is 10–15% faster than for-in, which filters every key it visits. */
  ownKeys(o: string, k: string, body: () => void): string {
    const ks = this.fresh('K'), i = this.fresh('i');
    this.line(`const ${ks} = Object.keys(${o});`);
    this.block(`for (let ${i} = 0; ${i} < ${ks}.length; ${i}++)`, () => {
      this.line(`const ${k} = ${ks}[${i}];`);
      body();
    });
    return ks;
  }

  /** False when a name the program reads from `o` (emit-base.ts `key`) is there but not an own
   * enumerable key (own non-enumerable, or on Object.prototype): validate.ts does not see it. Only
   * when fewer keys than `names` were walked (`ks`): else each name was an own enumerable key. */
  noHidden(o: string, ks: string, names: string[]): void {
    const unique = [...new Set(names)];
    this.block(`if (${ks}.length < ${unique.length})`, () => {
      for (const name of unique) this.fail(`R.hidden(${o}, ${str(name)}, ${PROTO(name)})`, 'not an own enumerable key');
    });
  }

  /** `switch (k)` that lets only `names` through. */
  onlyKeys(k: string, names: string[]): void {
    const cases = [...new Set(names)].map((s) => `case ${str(s)}:`);
    if (cases.length === 0) { this.line('return false; // no key is allowed'); return; }
    this.block(`switch (${k})`, () => {
      let row = '';
      for (const c of cases) {
        if (row && row.length + c.length + 1 > WIDTH) { this.line(row); row = ''; }
        row = row ? `${row} ${c}` : c;
      }
      this.line(`${row} break;`);
      this.line('default: return false;');
    });
  }

  /** The fields of the plain object in `o` (validate.ts `fields`), in one pass over its keys: each key
   * a field, checked where the switch finds it; then every required field was seen (counted), and an
   * optional one not seen is not an own property either (a non-enumerable one: rare, false). */
  fields(o: string, specs: FieldSpec[], where: string, kept?: string[]): boolean {
    const names = specs.map((f) => f.name);
    if (new Set(names).size < names.length) { this.giveUp(where || 'input', 'a field named twice'); return false; }
    const k = this.fresh('k'), v = this.fresh('v'), n = this.fresh('n');
    if (kept) {
      specs.forEach(() => kept.push(this.fresh('x')));
      this.line(`let ${kept.join(', ')};`);
    }
    const optional = specs.filter((f) => hasDefault(f) || (kept !== undefined && isRelated(f)));
    const masks = Array.from({ length: Math.ceil(optional.length / 30) }, () => this.fresh('m'));
    const bit = (f: FieldSpec) => { const i = optional.indexOf(f); return { m: masks[Math.floor(i / 30)], b: 2 ** (i % 30) }; };
    this.line(`let ${[`${n} = 0`, ...masks.map((m) => `${m} = 0`)].join(', ')};`);
    this.ownKeys(o, k, () => {
      this.line(`const ${v} = ${o}[${k}];`);
      this.block(`switch (${k})`, () => {
        specs.forEach((f, j) => this.field(v, f, bit(f), n, where, kept?.[j]));
        this.line('default: return false; // not a field');
      });
    });
    this.fail(`${n} !== ${specs.length - optional.length}`, 'a required field is missing');
    masks.forEach((m, j) => {
      const mine = optional.slice(j * 30, j * 30 + 30);
      this.block(`if (${m} !== ${2 ** mine.length - 1})`, () => {
        mine.forEach((f, i) => this.fail(`(${m} & ${2 ** i}) === 0 && R.hidden(${o}, ${str(f.name)}, ${PROTO(f.name)})`, 'not an own enumerable key'));
      });
    });
    return true;
  }

  /** One field's case: a required one counted (its check rejects undefined, which validate.ts calls
   * missing); an optional one marked seen and checked unless undefined (then its default applies). */
  field(v: string, f: FieldSpec, seen: { m?: string; b: number }, n: string, where: string, keep?: string): void {
    const at = where ? `${where}.${f.name}` : f.name;
    this.line(`// ${str(f.name)}: ${describe(f.type)}${hasDefault(f) ? ' = its default when absent' : ''}`);
    this.block(`case ${str(f.name)}:`, () => {
      if (keep && f.type.kind === 'periodResults') { // checked after the walk, with the period (validatorSource)
        if (isRelated(f)) this.line(`${seen.m} |= ${seen.b}; // a related result may be absent`);
        else { this.fail(`${v} === undefined`, 'missing'); this.line(`${n}++;`); }
      } else if (hasDefault(f)) {
        this.line(`${seen.m} |= ${seen.b};`);
        this.block(`if (${v} !== undefined)`, () => this.checked(v, f, at));
      } else {
        this.checked(v, f, at); // every check below rejects undefined: a required field given as undefined is missing
        this.line(`${n}++;`);
      }
      if (keep) this.line(`${keep} = ${v};`);
      this.line('break;');
    });
  }

  /** A field's value (validate.ts `fields`): its type, and the unit's visible text (KH-E061). */
  checked(v: string, f: FieldSpec, at: string): void {
    this.value(v, f.type, at);
    if (f.cohortKey) this.fail(`!R.unit(${v})`, 'a unit with an invisible character or an edge space');
  }

  /** Checks the value in `v` against `t` (validate.ts `value`). */
  value(v: string, t: TypeSpec, where: string): void {
    switch (t.kind) {
      case 'number': return this.number(v, t, where);
      case 'bool': return this.fail(`typeof ${v} !== "boolean"`);
      case 'text': return this.fail(`typeof ${v} !== "string"`);
      case 'date': return this.fail(`typeof ${v} !== "string" || !R.date(${v})`);
      case 'enum': {
        const names = [...t.members.keys()];
        return names.length ? this.fail(names.map((m) => `${v} !== ${str(m)}`).join(' && ')) : this.line('return false; // an enum without members');
      }
      case 'list': return this.list(v, t.element, t.min, t.max, where);
      case 'record':
        this.fail(`!R.plain(${v})`);
        this.fields(v, t.fields, where);
        return;
      case 'ratings': return this.ratings(v, t, where);
      case 'unknown': return this.line('return false; // a type the checker did not know: always an input error');
      case 'periodResults': return this.giveUp(where, 'results by period (their validity depends on the evaluation period)');
    }
  }

  /** A number (validate.ts `number` and `range`), read by the fast path only. */
  number(v: string, t: NumberSpec, where: string): void {
    this.fail(`typeof ${v} !== "number"`);
    if (t.integer) this.fail(`!Number.isSafeInteger(${v})`);
    if (t.oneOf) {
      const values = t.oneOf.values.map(doubleLiteral).filter((x): x is string => x !== undefined);
      if (values.length < t.oneOf.values.length) this.unsupported.push(`${where}: a set value without an exact double (never matched)`);
      if (values.length === 0) return this.line('return false; // no value of the set is supported');
      this.fail(values.map((x) => `${v} !== ${x}`).join(' && '));
      if (!t.integer) this.fail(readable(v, values.every((x) => Math.abs(Number(x)) <= SMALL)));
      return;
    }
    // the range first, written so that NaN fails it: it bounds the value for `readable`
    const conds: string[] = [];
    for (const [b, op, strict] of [[t.lo, '>=', '>'], [t.hi, '<=', '<']] as const) {
      if (!b) continue;
      const x = doubleLiteral(b.value);
      if (x === undefined) return this.giveUp(where, 'a bound without an exact double');
      conds.push(`${v} ${b.inclusive ? op : strict} ${x}`);
    }
    if (conds.length) this.fail(`!(${conds.join(' && ')})`);
    const small = !!t.lo && !!t.hi && Math.abs(t.lo.value.toNumber()) <= SMALL && Math.abs(t.hi.value.toNumber()) <= SMALL;
    if (!t.integer) this.fail(readable(v, small));
  }

  /** A list (validate.ts `list`): a dense array within its length limits, each element checked. */
  list(v: string, element: TypeSpec, min: number | undefined, max: number | undefined, where: string): void {
    this.fail(`!Array.isArray(${v})`);
    const len: string[] = [];
    if (min !== undefined) len.push(`${v}.length < ${min}`);
    if (max !== undefined) len.push(`${v}.length > ${max}`);
    if (len.length) this.fail(len.join(' || '));
    const i = this.fresh('i'), e = this.fresh('e');
    this.block(`for (let ${i} = 0; ${i} < ${v}.length; ${i}++)`, () => {
      this.line(`const ${e} = ${v}[${i}];`);
      this.value(e, element, `${where}[]`);
    });
  }

  /** A panel's ratings (validate.ts `ratings`): known categories, each a list of ratings or ballots. */
  ratings(v: string, t: RatingsSpec, where: string): void {
    this.fail(`!R.plain(${v})`);
    const c = this.fresh('c'), l = this.fresh('l'), i = this.fresh('i'), r = this.fresh('r');
    const ks = this.ownKeys(v, c, () => {
      this.onlyKeys(c, t.panel.categories.map((x) => x.name.name));
      this.line(`const ${l} = ${v}[${c}];`);
      this.fail(`!Array.isArray(${l})`);
      this.block(`for (let ${i} = 0; ${i} < ${l}.length; ${i}++)`, () => {
        this.line(`const ${r} = ${l}[${i}];`);
        if (t.criteria) this.ballot(r, t, t.criteria, `${where}.*[]`);
        else if (t.rating) this.number(r, t.rating, `${where}.*[]`);
        else this.rating(r);
      });
    });
    this.noHidden(v, ks, t.panel.categories.map((x) => x.name.name));
  }

  /** A rating without a scale: any double in [0, 100] (validate.ts's fast path), read by `R.frac`. */
  rating(r: string): void {
    this.fail(`typeof ${r} !== "number" || !(${r} >= 0 && ${r} <= 100)`);
    this.fail(readable(r, true));
  }

  /** One ballot (validate.ts `ballots`): known criteria, none twice in the JSON, not empty, complete
   * when the panel trims whole ballots. */
  ballot(b: string, t: RatingsSpec, criteria: string[], where: string): void {
    this.fail(`!R.plain(${b}) || R.dup(${b})`);
    const n = this.fresh('n'), e = this.fresh('e'), x = this.fresh('x');
    this.line(`let ${n} = 0;`);
    const ks = this.ownKeys(b, e, () => {
      this.onlyKeys(e, criteria);
      this.line(`const ${x} = ${b}[${e}];`);
      if (t.rating) this.number(x, t.rating, where);
      else this.rating(x);
      this.line(`${n}++;`);
    });
    this.fail(`${n} === 0`);
    this.noHidden(b, ks, criteria);
    if (!t.panel.trim?.perBallot) return;
    this.fail(`${n} !== ${criteria.length}`, 'the panel trims whole ballots: every criterion rated');
  }
}

/** Values up to this magnitude may take `readable`'s inline one-decimal proof (m = round(10x) stays
 * far below 10^15, so m/10 === x proves x reads as m/10, as in validate-runtime.ts `frac`). */
const SMALL = 1e12;

/** The test that `v` (a number, already range-checked when `small`) does NOT read on the fast path:
 * integers and (when small) one-decimal values are decided inline, the rest by `R.frac` — calls in
 * a large generated function are rarely inlined, and each passes its double boxed. */
function readable(v: string, small: boolean): string {
  // small: an integer passes the one-decimal test too (10·v is exact), and Number.isSafeInteger on a
  // double costs more than that test (measured: ~40% of the ratings loops of province)
  if (small) return `Math.round(${v} * 10) / 10 !== ${v} && R.frac(${v}) < 0`;
  return `!Number.isSafeInteger(${v}) && R.frac(${v}) < 0`;
}

/** A field that may be absent: it has a default the contract could compute. */
const hasDefault = (f: FieldSpec): boolean => f.hasDefault && f.default !== undefined;

/** The type in a comment: built from literals only. */
function describe(t: TypeSpec): string {
  switch (t.kind) {
    case 'number': {
      const base = t.integer ? 'integer' : 'number';
      if (t.oneOf) return `${base} in a set of ${t.oneOf.values.length}`;
      const lo = t.lo && `${t.lo.inclusive ? '>=' : '>'} ${doubleLiteral(t.lo.value) ?? '?'}`;
      const hi = t.hi && `${t.hi.inclusive ? '<=' : '<'} ${doubleLiteral(t.hi.value) ?? '?'}`;
      return [base, lo, hi].filter(Boolean).join(' ');
    }
    case 'enum': return `enum ${str(t.decl.name.name)}`;
    case 'list': return `list of ${describe(t.element)}${t.min !== undefined ? ` min ${t.min}` : ''}${t.max !== undefined ? ` max ${t.max}` : ''}`;
    case 'record': return `record of ${t.fields.length} fields`;
    case 'ratings': return `ratings of ${str(t.panel.name.name)}${t.criteria ? ' (ballots)' : ''}`;
    default: return t.kind;
  }
}

/** Fields whose validity depends on the evaluation period (related results also on a sibling). */
const byPeriod = (contract: FieldSpec[]): FieldSpec[] => contract.filter((f) => f.type.kind === 'periodResults');
const isRelated = (f: FieldSpec): boolean => f.type.kind === 'periodResults' && f.type.spec.form === 'related';

/** The source of `function (input, R) { … }` (R: VALIDATOR_RUNTIME) for `contract`: false, or the
 * valid input's fields as one record (`record`). */
export function validatorSource(contract: FieldSpec[]): { src: string; unsupported: string[] } {
  const g = new Gen();
  g.line('"use strict";');
  // Inputs by period (B2): valid only against the evaluation period — without one (validatorFor) the
  // answer is false; with one (readerFor) runtime-results.ts runs the reference's checks on each such
  // field after the walk (C: the contract) and gives the program plain records.
  const periodic = byPeriod(contract);
  for (const f of periodic) g.unsupported.push(`${f.name}: results by period (only with the evaluation period)`);
  if (periodic.length > 0) g.fail('period === undefined', 'inputs by period: validity depends on the evaluation period');
  g.fail('!R.plain(input)');
  g.fail('R.polluted()', 'Object.prototype has enumerable keys: the program would read an absent field from it');
  const kept: string[] = [];
  if (g.fields('input', contract, '', kept)) {
    contract.forEach((f, i) => {
      if (f.type.kind !== 'periodResults') return;
      g.line(`${kept[i]} = R.results(${kept[i]}, C[${i}].type, period); // ${str(f.name)}`);
      g.fail(`${kept[i]} === undefined`);
    });
    g.line(`return ${record(contract, kept)};`);
  }
  const params = periodic.length > 0 ? 'input, R, period, C' : 'input, R';
  return { src: `function (${params}) {\n${g.lines.join('\n')}\n}`, unsupported: g.unsupported };
}

/** The valid input's fields again, in one object of one shape: `{ "name": x1, … }` in contract order,
 * undefined for an absent field (the program then takes its default). The program reads its inputs
 * by name (`I["name"]`, emit-program.ts); on inputs of hundreds of shapes (optional fields left out
 * at random, key orders, dictionary mode) each such read missed V8's inline caches — 85% of the
 * province program's own time. Read from this object they are plain field loads. `__proto__` is a
 * computed key: a literal `"__proto__":` would set the prototype. */
function record(contract: FieldSpec[], kept: string[]): string {
  const entry = (f: FieldSpec, i: number) => `${f.name === '__proto__' ? `[${str(f.name)}]` : str(f.name)}: ${kept[i]}`;
  return `{ ${contract.map(entry).join(', ')} }`;
}

const RT = Object.freeze({ ...VALIDATOR_RUNTIME, results });
type Generated = (input: unknown, r: typeof RT, period: string | undefined, c: FieldSpec[]) => Record<string, unknown> | false;
const cache = new WeakMap<FieldSpec[], Generated>();

function generated(contract: FieldSpec[]): Generated {
  let fn = cache.get(contract);
  if (!fn) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from data, scheme text only via safe.ts
    fn = new Function(`return ${validatorSource(contract).src};`)() as Generated;
    cache.set(contract, fn);
  }
  return fn;
}

/** The validator of `contract`, generated and instantiated once per contract array. */
export function validatorFor(contract: FieldSpec[]): (input: unknown) => boolean {
  const fn = generated(contract);
  return (input) => fn(input, RT, undefined, contract) !== false;
}

/** The same validator, answering with the input's fields in one object of one shape (`record`) when
 * valid, else undefined: what the compiled program reads (engine/codegen/index.ts). */
export function readerFor(contract: FieldSpec[]): (input: unknown, period?: string) => Record<string, unknown> | undefined {
  const fn = generated(contract);
  return (input, period) => fn(input, RT, period, contract) || undefined;
}
