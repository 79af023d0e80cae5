// Subjects for the JSON-text tests (json-text.test.ts, issue 16): numbers pushed across 2^53 (doubles
// at the edge, and through the exact JSON reader numbers no double holds), number fields on exact
// halves at the scheme's precision, and ids / display fields / final-grade words with every kind of
// character JSON escapes (quotes, backslashes, control characters, U+2028, lone surrogates).

import fc from 'fast-check';
import type { FieldSpec, TypeSpec } from '../../engine/contract.js';
import type { FinalIn } from '../../engine/codegen/competitor.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { Rational } from '../../dsl/rational.js';
import { recordArb } from '../jre/subjects.js';

type NumberSpec = Extract<TypeSpec, { kind: 'number' }>;
type Input = Record<string, unknown>;

/** Doubles at and past the safe integers, and decimals with more digits than the fast path reads. */
const EDGES = [9007199254740991, 9007199254740990, 4503599627370497, 2 ** 53, 2 ** 53 + 2, 1e15, 999999999999999.9, 123456789012.345, 99.9999999999999, 1 / 3, 1e-15];
/** JSON number texts no double holds (`@@i@@` in the input until it is read exactly). */
const EXACT_TEXTS = ['9007199254740993', '18014398509481985', '0.1000000000000000055511151231257827', '99.99999999999999999999'];

/** Strings JSON.stringify escapes, or keeps raw although JavaScript sources may not. */
export const hostileText = fc.array(
  fc.oneof(fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '</script>', '\ud800', '\udfff', '${x}', '一处')),
  { maxLength: 5 },
).map((xs) => xs.join(''));

/** Whether exact value r is a valid value of number type t. */
function fits(t: NumberSpec, r: Rational): boolean {
  if (t.oneOf) return t.oneOf.values.some((v) => v.cmp(r) === 0);
  if (t.integer && !r.isInteger()) return false;
  if (t.lo && (t.lo.inclusive ? r.cmp(t.lo.value) < 0 : r.cmp(t.lo.value) <= 0)) return false;
  return !t.hi || (t.hi.inclusive ? r.cmp(t.hi.value) <= 0 : r.cmp(t.hi.value) < 0);
}

/** The edge values a number type accepts: doubles, or `@@i@@` for EXACT_TEXTS[i]. */
const edgesOf = (t: NumberSpec): unknown[] => [
  ...EDGES.filter((x) => fits(t, Rational.fromNumber(x))),
  ...EXACT_TEXTS.flatMap((x, i) => (fits(t, Rational.parse(x)!) ? [`@@${i}@@`] : [])),
];

/** `v` (valid for `t`) with one in four of its numbers, at any depth, replaced by an edge value it accepts. */
function push(t: TypeSpec, v: unknown, pick: (n: number) => number): unknown {
  if (v === undefined || v === null) return v;
  switch (t.kind) {
    case 'number': { const e = edgesOf(t); return e.length && pick(4) === 0 ? e[pick(e.length)] : v; }
    case 'list': return (v as unknown[]).map((x) => push(t.element, x, pick));
    case 'record': return pushFields(t.fields, v as Input, pick);
    case 'ratings': {
      const r: NumberSpec = t.rating ?? { kind: 'number', integer: false, lo: { value: Rational.ZERO, inclusive: true }, hi: { value: Rational.HUNDRED, inclusive: true } } as NumberSpec;
      return Object.fromEntries(Object.entries(v as Record<string, unknown[]>).map(([k, xs]) => [k, xs.map((x) =>
        x !== null && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([c, y]) => [c, push(r, y, pick)])) : push(r, x, pick))]));
    }
    default: return v;
  }
}

function pushFields(fields: FieldSpec[], v: Input, pick: (n: number) => number): Input {
  const out: Input = { ...v };
  for (const f of fields) if (f.name in out) out[f.name] = push(f.type, out[f.name], pick);
  return out;
}

/** Valid inputs with numbers pushed across 2^53, read as the CLI and the server read JSON text. */
export function edgeArb(fields: FieldSpec[]): fc.Arbitrary<Input> {
  return fc.tuple(recordArb(fields), fc.integer()).map(([input, seed]) => {
    let s = seed >>> 0 || 1;
    const pick = (n: number) => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s % n; };
    const text = JSON.stringify(pushFields(fields, input, pick)).replace(/"@@(\d+)@@"/g, (_, i: string) => EXACT_TEXTS[Number(i)]);
    return parseJsonExact(text) as Input;
  });
}

/** A number field's value ending in 5 one place past the precision (`87.125` at p = 2), in bounds. */
function halfArb(t: NumberSpec, p: number): fc.Arbitrary<number> | undefined {
  if (t.oneOf || t.integer) return undefined;
  const lo = t.lo ? Math.ceil(t.lo.value.toNumber() * 10 ** p) : 0, hi = t.hi ? Math.floor(t.hi.value.toNumber() * 10 ** p) - 1 : lo + 1000;
  if (hi < lo) return undefined;
  return fc.integer({ min: lo, max: hi }).map((m) => (m * 10 + 5) / 10 ** (p + 1)).filter((x) => fits(t, Rational.fromNumber(x)));
}

/** Valid inputs whose fractional number fields (top level, in lists and records) sit on halves. */
export function halvesArb(fields: FieldSpec[], p: number): fc.Arbitrary<Input> {
  const typed = (t: TypeSpec): fc.Arbitrary<unknown> | undefined => {
    if (t.kind === 'number') return halfArb(t, p);
    if (t.kind === 'record') return halvesArb(t.fields, p);
    if (t.kind !== 'list') return undefined;
    const el = typed(t.element), min = t.min ?? 0;
    return el && fc.array(el, { minLength: min, maxLength: Math.max(min, Math.min(t.max ?? min + 4, min + 4)) });
  };
  const halves = fc.record(Object.fromEntries(fields.flatMap((f) => {
    const a = typed(f.type);
    return a ? [[f.name, fc.option(a, { nil: undefined, freq: 3 })]] : [];
  })));
  return fc.tuple(recordArb(fields), halves).map(([base, h]) => {
    const out = { ...base };
    for (const [k, v] of Object.entries(h)) if (v !== undefined && k in out) out[k] = v;
    return out;
  });
}

/** Is the exact fraction `n/d` on a half at p places (n·10^p/d has fractional part ½)? */
export function onHalf(fraction: string, p: number): boolean {
  const [ns, ds = '1'] = fraction.split('/');
  const scaled = BigInt(ns) * 10n ** BigInt(p) * 2n, d = BigInt(ds);
  return scaled % d === 0n && (scaled / d) % 2n !== 0n;
}

/** A final grade as the quota phase hands it to the program (competitor.ts FinalIn), with hostile words. */
export function finArb(grades: string[]): fc.Arbitrary<FinalIn> {
  const g = fc.integer({ min: -1, max: grades.length - 1 });
  const rank = fc.record({ overall: fc.nat(999), cohort: fc.nat(99) });
  const quota = fc.record({ grade: fc.constantFrom(...grades), scope: hostileText, demotedTo: fc.option(fc.constantFrom(...grades)), rank: fc.nat(99), limit: fc.nat(99), reason: hostileText });
  const flag = fc.record({ grade: fc.constantFrom(...grades), scope: hostileText, rank: fc.nat(99), normal: fc.nat(99), reason: hostileText });
  return fc.record({ grade: g, reasons: fc.array(hostileText, { maxLength: 3 }), rank, quota: fc.option(quota, { nil: undefined }), flags: fc.option(fc.array(flag, { minLength: 1, maxLength: 2 }), { nil: undefined }) })
    .map((f) => {
      const out: FinalIn = { grade: f.grade, reasons: f.reasons, rank: f.rank };
      if (f.quota) out.quota = f.quota as FinalIn['quota'];
      if (f.flags) out.flags = f.flags as FinalIn['flags'];
      return out;
    });
}
