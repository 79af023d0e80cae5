// Helpers the generated programs call (`R` inside their source, issue 16). Exact numbers are
// fractions n/d of safe integers (d > 0); a helper that returns one writes it into the scratch
// fraction `F` (no allocation). Anything that would leave the safe-integer path, or that the
// generated code does not handle, throws BAIL: the subject is then evaluated by the closures engine,
// which gives the reference result (or its error). Formatting goes through Rational so texts are
// exactly what the closures write.

import { Rational } from '../../dsl/rational.js';
import { frac, POW10 } from './validate-runtime.js';
import { VALUE_WORDS, type ValueWords } from '../values.js';

export const MAX = Number.MAX_SAFE_INTEGER;

/** Thrown to leave the compiled path; `reason` names why (codegenCounters.reasons). */
export class Bail { constructor(readonly reason: string) {} }
const OVERFLOW = new Bail('overflow');

/** The scratch fraction helpers write their result into. */
export const F = { n: 0, d: 1 };

export function bail(reason: string): never {
  throw reason === 'overflow' ? OVERFLOW : new Bail(reason);
}

/** Largest value the int32 paths below take: `x | 0` is then x itself. */
const I32 = 0x7fffffff;
const P52 = 2 ** 52;

/** a % b of non-negative safe integers (b > 0) without `%` on doubles, which V8 compiles to a call of
 * C's fmod (the most expensive lines of `rate` and `reduce` in the profile of province): on int32s
 * when both fit; else a − ⌊a/b⌋·b for a ≤ 2^52 — the rounded quotient is never below the true one's
 * floor (rounding is monotonic and integers are doubles), at most one above it, so the difference is
 * in [−b, b), and exact: ⌊a/b⌋·b ≤ a + b ≤ 2^53 when b ≤ a (when b > a the quotient rounds below 1). */
function mod(a: number, b: number): number {
  if (a <= I32 && b <= I32) return (a | 0) % (b | 0);
  if (a > P52) return a % b;
  const r = a - Math.floor(a / b) * b;
  return r < 0 ? r + b : r;
}

/** gcd of non-negative safe integers (Euclid; int32 steps once both fit, see mod). */
export function gcd(a: number, b: number): number {
  while (b !== 0) {
    if (a <= I32 && b <= I32) {
      let x = a | 0, y = b | 0;
      while (y !== 0) { const t = x % y; x = y; y = t; }
      return x;
    }
    const t = mod(a, b); a = b; b = t;
  }
  return a;
}

/** A JSON number as an exact fraction: the value Rational.fromNumber reads, by the validator's own
 * rule (validate-runtime.ts `frac`, which says why); a number it does not read bails. */
export function num(x: unknown): void {
  if (typeof x !== 'number') bail('input');
  if (Number.isSafeInteger(x)) { F.n = x === 0 ? 0 : x; F.d = 1; return; }
  const k = frac(x);
  if (k <= 0) bail('input');
  const p = POW10[k], m = Math.round((x < 0 ? -x : x) * p), g = gcd(m, p);
  F.n = x < 0 ? -m / g : m / g; F.d = p / g;
}

/** Fractions are reduced only once they grow (a gcd per operation cost more than the arithmetic):
 * every consumer — comparisons, rounding, texts — depends on the value only, never the form. */
const BIG = 2 ** 31;

/** n/d into F, reduced when it has grown large. */
function keep(n: number, d: number): void {
  if (d < BIG && n < BIG && n > -BIG) { F.n = n; F.d = n === 0 ? 1 : d; return; }
  reduce(n, d);
}

/** n/d with the common factor taken out (d > 0). */
export function reduce(n: number, d: number): void {
  const g = gcd(n < 0 ? -n : n, d);
  if (g > 1) { F.n = n / g; F.d = d / g; } else { F.n = n === 0 ? 0 : n; F.d = n === 0 ? 1 : d; }
  if (F.n === 0) F.d = 1;
}

/** The exact Rational of n/d (formatting and rare paths only). */
export function rat(n: number, d: number): Rational {
  return d === 1 ? Rational.int(n) : Rational.int(n).div(Rational.int(d));
}

/** |n/d|·10^p rounded half up, or -1 when it may not fit a safe integer (then Rational decides). */
function scaled(n: number, d: number, p: number): number {
  const t = (n < 0 ? -n : n) * POW10[p];
  if (t > MAX) return -1;
  const r = mod(t, d);
  const q = (t - r) / d;
  return 2 * r >= d ? q + 1 : q;
}

/** Rational.toRoundedNumber(p) of n/d: the reported JSON number. */
export function rnd(n: number, d: number, p: number): number {
  if (d === 1) return n === 0 ? 0 : n; // an integer reports itself (no −0)
  const s = p <= 15 ? scaled(n, d, p) : -1;
  if (s < 0) return rat(n, d).toRoundedNumber(p);
  const v = s / POW10[p];
  return n < 0 && v !== 0 ? -v : v;
}

/** n/d rounded half away from zero to p places, as a fraction in F (a reported value in expressions). */
export function round(n: number, d: number, p: number): void {
  let s = p <= 15 ? scaled(n, d, p) : -1;
  if (s < 0 && p <= 15) { reduce(n, d); s = scaled(F.n, F.d, p); }
  if (s < 0) bail('overflow:round');
  F.n = n < 0 && s !== 0 ? -s : s; F.d = POW10[p];
}

/** show() of a number: exact decimal, or rounded to 6 places. */
export function show(n: number, d: number): string {
  if (d === 1) return String(n);
  let t = d, k2 = 0, k5 = 0;
  while (t % 2 === 0) { t /= 2; k2++; }
  while (t % 5 === 0) { t /= 5; k5++; }
  const k = k2 > k5 ? k2 : k5;
  if (t === 1 && k <= 6) {
    const a = (n < 0 ? -n : n) * (POW10[k] / d); // exact: d divides 10^k
    if (a <= MAX) {
      let txt = String(a).padStart(k + 1, '0');
      txt = `${txt.slice(0, -k)}.${txt.slice(-k)}`.replace(/0+$/, '').replace(/\.$/, '');
      return n < 0 ? `-${txt}` : txt;
    }
  }
  return rat(n, d).toDecimalString(6);
}

/** Rational.toString() of n/d: `num/den` reduced, or the integer. */
export function exact(n: number, d: number): string {
  return rat(n, d).toString();
}

/** Scratch for `trim`: the ratings as doubles (their order is their exact values' order). */
const scratch: number[] = [];

/** The mean of a category's ratings with k dropped at each end, into F. Ratings are validated numbers
 * in [0, 100]; each is read exactly as `num` reads it. */
export function mean(xs: unknown[], k: number): void {
  let list = xs as number[];
  if (k === 1 && xs.length > 2) { meanTrim1(xs as number[]); return; }
  if (k > 0) {
    scratch.length = 0;
    for (let i = 0; i < xs.length; i++) scratch.push(xs[i] as number);
    scratch.sort((a, b) => a - b);
    list = scratch;
  }
  let sn = 0, sd = 1;
  for (let i = k; i < list.length - k; i++) {
    const x = list[i];
    if (sd === 1 && Number.isSafeInteger(x)) { sn += x; if (sn > MAX) bail('overflow'); continue; }
    num(x);
    add(sn, sd, F.n, F.d); sn = F.n; sd = F.d;
  }
  meanOfSum(sn, sd, list.length - 2 * k);
}

/** The mean sn/sd ÷ c of c ratings into F, the sum reduced first when sd·c would leave the safe integers. */
function meanOfSum(sn: number, sd: number, c: number): void {
  if (sd * c > MAX) { reduce(sn, sd); sn = F.n; sd = F.d; if (sd * c > MAX) bail('overflow:mean'); }
  keep(sn, sd * c);
}

/** `trim 1`: the sum less the lowest and the highest (the doubles' order is the exact values' order). */
function meanTrim1(xs: number[]): void {
  // integers (the common case): one pass, the sum less the lowest and the highest
  let s = 0, mn = xs[0], mx = xs[0], ints = true;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!Number.isSafeInteger(x)) { ints = false; break; }
    s += x;
    if (x < mn) mn = x; else if (x > mx) mx = x;
  }
  if (ints && s <= MAX) { keep(s - mn - mx, xs.length - 2); return; }
  let lo = 0, hi = 0, sn = 0, sd = 1;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x < xs[lo]) lo = i;
    if (x > xs[hi]) hi = i;
  }
  if (lo === hi) hi = lo === 0 ? 1 : 0; // all equal: drop any other one
  for (let i = 0; i < xs.length; i++) {
    if (i === lo || i === hi) continue;
    const x = xs[i];
    if (Number.isSafeInteger(x) && sd === 1) { sn += x; if (sn > MAX) bail('overflow'); continue; }
    num(x);
    add(sn, sd, F.n, F.d); sn = F.n; sd = F.d;
  }
  meanOfSum(sn, sd, xs.length - 2);
}

/** An own property (scheme names such as `constructor` or `__proto__` must not reach the prototype). */
export function own(o: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

/** A panel's category or criterion `k` of `o` (validated: only the panel's names, own properties of a
 * plain object); `proto`: the name is on Object.prototype (`toString`), read as an own property only. */
export function rated(o: Record<string, unknown>, k: string, proto: boolean | undefined): unknown {
  return proto ? own(o, k) : o[k];
}

// ---- exact arithmetic on fractions (results in F). A product or sum of safe integers is exact iff
// its double is within ±MAX: a true |result| ≥ 2^53 never rounds below 2^53, so the check is sound.

export function add(a: number, b: number, c: number, d: number): void {
  if (b === d) {
    const s = a + c;
    if (s > MAX || s < -MAX) { addReduced(a, b, c, d); return; }
    if (b === 1) { F.n = s; F.d = 1; } else keep(s, b);
    return;
  }
  if (mod(b, d) === 0) { const y = c * (b / d), s = a + y; if (y <= MAX && y >= -MAX && s <= MAX && s >= -MAX) { keep(s, b); return; } } // one denominator divides the other
  else if (mod(d, b) === 0) { const x = a * (d / b), s = x + c; if (x <= MAX && x >= -MAX && s <= MAX && s >= -MAX) { keep(s, d); return; } }
  const x = a * d, y = c * b, z = b * d;
  if (x > MAX || x < -MAX || y > MAX || y < -MAX || z > MAX) { addReduced(a, b, c, d); return; }
  const s = x + y;
  if (s > MAX || s < -MAX) { addReduced(a, b, c, d); return; }
  keep(s, z);
}

/** The sum again with both operands reduced (unreduced operands may overflow where reduced fit). */
function addReduced(a: number, b: number, c: number, d: number): void {
  reduce(a, b); const a2 = F.n, b2 = F.d;
  reduce(c, d); const c2 = F.n, d2 = F.d;
  // over the least common denominator: b2·d2 / gcd(b2, d2)
  const g = gcd(b2, d2), x = a2 * (d2 / g), y = c2 * (b2 / g), z = (b2 / g) * d2;
  if (x > MAX || x < -MAX || y > MAX || y < -MAX || z > MAX) bail('overflow:add');
  const s = x + y;
  if (s > MAX || s < -MAX) bail('overflow:add');
  reduce(s, z);
}

export function sub(a: number, b: number, c: number, d: number): void { add(a, b, -c, d); }

export function mul(a: number, b: number, c: number, d: number): void {
  if (b === 1 && d === 1) {
    const p = a * c;
    if (p > MAX || p < -MAX) bail('overflow');
    F.n = p === 0 ? 0 : p; F.d = 1;
    return;
  }
  const x = a * c, y = b * d;
  if (x > MAX || x < -MAX || y > MAX) {
    // Reduce and cross-cancel, then try again: the product of the reduced parts may fit.
    reduce(a, b); a = F.n; b = F.d;
    reduce(c, d); c = F.n; d = F.d;
    const g1 = gcd(a < 0 ? -a : a, d), g2 = gcd(c < 0 ? -c : c, b);
    const x2 = (a / g1) * (c / g2), y2 = (b / g2) * (d / g1);
    if (x2 > MAX || x2 < -MAX || y2 > MAX) bail('overflow');
    keep(x2 === 0 ? 0 : x2, y2);
    return;
  }
  keep(x === 0 ? 0 : x, y);
}

/** a/b ÷ c/d; a zero divisor bails (the reference reports KH-E010 with its path). */
export function div(a: number, b: number, c: number, d: number): void {
  if (c === 0) bail('KH-E010');
  if (c < 0) mul(a, b, -d, -c); else mul(a, b, d, c);
}

/** Sign of a/b − c/d by cross-multiplication. */
export function cmp(a: number, b: number, c: number, d: number): number {
  if (b === d) return a < c ? -1 : a > c ? 1 : 0;
  let l = a * d, r = c * b;
  if (l > MAX || l < -MAX || r > MAX || r < -MAX) {
    reduce(a, b); a = F.n; b = F.d;
    reduce(c, d); c = F.n; d = F.d;
    l = a * d; r = c * b;
    if (l > MAX || l < -MAX || r > MAX || r < -MAX) bail('overflow');
  }
  return l < r ? -1 : l > r ? 1 : 0;
}

export function floor(a: number, b: number): void {
  if (b === 1) { F.n = a; F.d = 1; return; }
  const r = a % b, q = (a - r) / b;
  F.n = r < 0 ? q - 1 : q; F.d = 1;
}

export function ceil(a: number, b: number): void {
  floor(-a, b);
  F.n = F.n === 0 ? 0 : -F.n;
}

/** The text of a value in an explanation (values.ts show) for texts: JSON. */
export const quote = (s: string): string => JSON.stringify(s);
/** How true, false and a missing grade read for the reader of `lang` (values.ts VALUE_WORDS). */
export const words = (lang: string): ValueWords => (lang === 'zh' ? VALUE_WORDS.zh : VALUE_WORDS.en);

/** The improve list (outcome.ts improveOf): rows of applicable indicators below the threshold, in
 * layout order, as [id, n, d, …] triples; lowest reported score first (ties: layout order), at most
 * `max`. An insertion sort: the rows are few, and Array.prototype.sort costs more to set up. */
export function improve(rows: (string | number)[], max: number): string[] {
  const n = rows.length / 3;
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    let j = order.length;
    while (j > 0 && cmp(rows[3 * i + 1] as number, rows[3 * i + 2] as number, rows[3 * order[j - 1] + 1] as number, rows[3 * order[j - 1] + 2] as number) < 0) j--;
    order.splice(j, 0, i);
  }
  const out: string[] = [];
  for (let i = 0; i < order.length && i < max; i++) out.push(rows[3 * order[i]] as string);
  return out;
}

/** A panel's settings as `rate` reads them (emit-expr.ts declares one per panel use). */
export interface RateSpec {
  /** `proto`: the name is on Object.prototype (`toString`): read as an own property only. */
  cats: { name: string; wn: number; wd: number; min: number; proto?: boolean }[];
  trim?: { count: number; atLeast: number };
  zero: boolean; // `missing zero`; else renormalize (`missing error` is not compiled)
  /** The least common denominator of the weights, and each weight times it (`wi`, an integer). */
  W: number;
  wi: number[];
}

/** `rate` of plain ratings (forms.ts rateFast) into F: each present category's trimmed mean times its
 * weight, over the weights of the categories that count. */
export function rate(obj: Record<string, unknown>, spec: RateSpec): void {
  if (!rateInts(obj, spec)) rateAny(obj, spec);
}

/** `rate` when every rating is a whole number or has one decimal and `trim` drops at most one at each
 * end (the common case): Σ weight·mean over one running common denominator, integers only. False: not that case,
 * or a value grew past the safe integers (rateAny then decides). Weights whose common denominator
 * `spec.W` or scaled weights `wi` are not safe integers (computed at compile time, emit-forms.ts) need
 * no check of their own: then tn·W (tn > 0) or L·w is beyond MAX too, and the last check says false;
 * with tn = 0 the answer, 0, does not depend on them. */
function rateInts(obj: Record<string, unknown>, spec: RateSpec): boolean {
  const cats = spec.cats, trim = spec.trim;
  let tn = 0, L = 1, w = 0; // Σ weight·mean = tn / L; Σ weights = w / spec.W
  for (let i = 0; i < cats.length; i++) {
    const k = cats[i];
    const xs = rated(obj, k.name, k.proto) as number[] | undefined;
    const n = xs === undefined ? 0 : xs.length;
    if (n === 0 || n < k.min) { if (spec.zero) w += spec.wi[i]; continue; }
    const cut = trim && n >= trim.atLeast && n > 2 * trim.count ? trim.count : 0;
    if (cut > 1) return false;
    // the ratings in tenths (integers: ratings are whole numbers or have one decimal, as a rule)
    let s = 0, mn = Infinity, mx = -Infinity;
    for (let j = 0; j < n; j++) {
      const x = xs![j];
      // x in tenths: the test validate-runtime.ts `frac` makes for one decimal (an integer passes it
      // too: 10·x is exact), without its gcd; anything else as `num` reads it
      let v = Math.round(x * 10);
      if (v / 10 !== x || !(v < 1e15 && v > -1e15)) { num(x); if (10 % F.d !== 0) return false; v = F.n * (10 / F.d); }
      s += v;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    if (s > MAX) return false;
    const c = cut ? n - 2 : n;
    if (cut) s -= mn + mx;
    // + (wn·s) / (wd·c·10), over the least common denominator of L and wd·c·10
    const den = k.wd * c * 10, g = gcd(L, den), L2 = (L / g) * den;
    const a = tn * (L2 / L), b = k.wn * s * (L2 / den);
    if (L2 > MAX || a > MAX || b > MAX || a + b > MAX) return false;
    tn = a + b; L = L2;
    w += spec.wi[i];
  }
  if (w === 0) {
    if (!spec.zero) bail('KH-E013');
    F.n = 0; F.d = 1;
    return true;
  }
  // (tn / L) ÷ (w / W)
  const top = tn * spec.W, bottom = L * w;
  if (top > MAX || bottom > MAX) return false;
  keep(top, bottom);
  return true;
}

function rateAny(obj: Record<string, unknown>, spec: RateSpec): void {
  let tn = 0, td = 1, wn = 0, wd = 1;
  const cats = spec.cats, trim = spec.trim;
  for (let i = 0; i < cats.length; i++) {
    const k = cats[i];
    const xs = rated(obj, k.name, k.proto) as number[] | undefined;
    const n = xs === undefined ? 0 : xs.length;
    if (n === 0 || n < k.min) {
      if (spec.zero) { add(wn, wd, k.wn, k.wd); wn = F.n; wd = F.d; }
      continue;
    }
    mean(xs!, trim && n >= trim.atLeast && n > 2 * trim.count ? trim.count : 0);
    mul(F.n, F.d, k.wn, k.wd);
    add(tn, td, F.n, F.d); tn = F.n; td = F.d;
    add(wn, wd, k.wn, k.wd); wn = F.n; wd = F.d;
  }
  if (wn === 0) {
    if (!spec.zero) bail('KH-E013');
    F.n = 0; F.d = 1;
    return;
  }
  div(tn, td, wn, wd);
}
