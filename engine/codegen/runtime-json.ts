// Helpers of the generated programs' JSON mode (issue 16, emit-json.ts): a reported number's text
// from its scaled integer (about twice as fast as V8's double-to-text, and the same text: proof at
// rndText), a key with a value of the subject or of the cohort written as JSON.stringify writes it
// inside the result (left out when JSON has no text for it, as for `undefined`), and the action
// names as a JSON array from their text made at compile time. Apart from runtime.ts: one concern.

import { Bail, rnd } from './runtime.js';
import { POW10 } from './validate-runtime.js';
/** FRAC[p][r]: the text after the integer part of a value whose last p scaled digits are r, trailing
 * zeros dropped ('' for 0, '.05', '.5'), for p ≤ 3 — the usual precisions. */
const FRAC = [0, 1, 2, 3].map((p) => Array.from({ length: 10 ** p }, (_, r) => (r === 0 ? '' : `.${String(r).padStart(p, '0')}`.replace(/0+$/, ''))));

/** `String(rnd(n, d, p))` — the JSON text of a reported value. rnd gives the double nearest the
 * decimal D = s·10^−p (s the rounded scaled integer, by one correctly rounded division or the exact
 * path); v·10^p is within 0.25 of s while s < 10^15, so Math.round gives s back. D has at most 15
 * significant digits, and no two decimals of at most 15 digits round to the same double (DBL_DIG),
 * so no shorter decimal reads as v: ToString(v), the shortest that does, is D's digits without
 * trailing zeros. Outside that (16+ digits, p > 15, below 10^−6 where ToString writes an exponent)
 * and for integers: String(v). */
export function rndText(n: number, d: number, p: number): string {
  const v = rnd(n, d, p);
  const a = v < 0 ? -v : v;
  if (d === 1 || p === 0 || p > 15 || a < 1e-6) return String(v);
  let s = Math.round(a * POW10[p]), k = p;
  if (s >= 1e15) return String(v);
  if (p <= 3) { const r = s % POW10[p], t = String((s - r) / POW10[p]) + FRAC[p][r]; return v < 0 ? `-${t}` : t; }
  while (k > 0 && s % 10 === 0) { s /= 10; k--; }
  let t = String(s);
  if (k > 0) t = t.length > k ? `${t.slice(0, t.length - k)}.${t.slice(t.length - k)}` : `0.${'0'.repeat(k - t.length)}${t}`;
  return v < 0 ? `-${t}` : t;
}

/** `prefix` and the JSON text of `v` (`,"period":"2026"`), or '' when JSON.stringify leaves the key
 * out. A value JSON.stringify refuses (a BigInt, a cycle) bails: the caller's own JSON.stringify of
 * the closures' result then says so, as it does today. */
export function jkey(prefix: string, v: unknown): string {
  let t: string | undefined;
  try { t = JSON.stringify(v); } catch { throw new Bail('json'); }
  return t === undefined ? '' : prefix + t;
}

/** The JSON array of action names, each name's text from `pairs` (name, text, name, text, …: the
 * program's `AJ`, escaped at compile time); a name not there (none expected) through JSON.stringify. */
export function jnames(names: readonly string[], pairs: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < names.length; i++) {
    let t: string | undefined;
    for (let j = 0; j < pairs.length; j += 2) if (pairs[j] === names[i]) { t = pairs[j + 1]; break; }
    out += (i === 0 ? '' : ',') + (t ?? JSON.stringify(names[i]));
  }
  return `${out}]`;
}
