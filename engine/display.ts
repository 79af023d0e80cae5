// A subject's display fields (姓名, 科室, 职务: a roster's columns that are not inputs): checked and
// carried into its result as text, never evaluated. Bounded, so a roster cannot smuggle a megabyte
// per person into every stored result: at most MAX_DISPLAY_FIELDS fields, names of 1 to
// MAX_DISPLAY_NAME characters, values of at most MAX_DISPLAY_TEXT characters. A number becomes its
// exact decimal text (an 18-digit 身份证号 sent as a number keeps every digit: json-exact.ts reads it
// as a Rational). Problems are KH-E008 at their path (`display.姓名`, `subjects[3].display`).

import type { Msg } from '../dsl/i18n/index.js';
import { Rational } from '../dsl/rational.js';
import type { Display, EvalError } from './api.js';
import { evalError } from './errors.js';
import { MAX_EXPONENT, UnreadableNumber } from './json-exact.js';
import { M } from './messages.js';

export const MAX_DISPLAY_FIELDS = 50;
export const MAX_DISPLAY_NAME = 100;
export const MAX_DISPLAY_TEXT = 1000;

/** Digits enough for any number json-exact.ts reads (|exponent| ≤ 100): every decimal is exact. */
const EXACT = 2 * MAX_EXPONENT + 20;

const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();
const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Rational) && !(x instanceof UnreadableNumber);

/** A display value as text, or undefined when it is neither a text nor a number. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return Rational.fromNumber(v).toDecimalString(EXACT);
  if (v instanceof Rational) return v.toDecimalString(EXACT);
  if (v instanceof UnreadableNumber) return v.text;
  return undefined;
}

interface Checked { display?: Display; errors: readonly EvalError[] }
const NONE: Checked = Object.freeze({ errors: Object.freeze([]) });

/** Checks `raw` (the subject's `display`, at `path`); every problem is one KH-E008. */
export function validateDisplay(raw: unknown, path: string): Checked {
  if (raw === undefined) return NONE;
  const at = (p: string, what: Msg) => evalError('KH-E008', M.at({ path: p, what }), { path: p });
  if (!isPlainObject(raw)) return { errors: [at(path, M.displayNotObject())] };
  const keys = Object.keys(raw);
  if (keys.length > MAX_DISPLAY_FIELDS) return { errors: [at(path, M.displayTooMany({ max: MAX_DISPLAY_FIELDS, n: keys.length }))] };
  const errors: EvalError[] = [];
  const entries: [string, string][] = [];
  for (const k of keys) {
    const p = `${path}.${k}`;
    if (k.length === 0 || k.length > MAX_DISPLAY_NAME || !isWellFormed(k)) { errors.push(at(p, M.displayNameLength({ max: MAX_DISPLAY_NAME }))); continue; }
    const v = text(raw[k]);
    if (v === undefined || !isWellFormed(v)) errors.push(at(p, M.displayValue()));
    else if (v.length > MAX_DISPLAY_TEXT) errors.push(at(p, M.displayTooLong({ max: MAX_DISPLAY_TEXT, n: v.length })));
    else entries.push([k, v]);
  }
  // fromEntries defines own properties: a `__proto__` field stays a field.
  return errors.length ? { errors } : { display: Object.fromEntries(entries), errors };
}
