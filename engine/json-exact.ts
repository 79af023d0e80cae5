// Reading JSON input without rounding a number silently (LANGUAGE.md §4: every value is exact).
// JSON.parse turns every number into the nearest double, and the engine reads a double by its
// shortest decimal form, so `9007199254740993` became 9007199254740992 and
// `0.1000000000000000055511151231257827` became 0.1 — without a word. This reader gives the engine
// every number exactly as written:
// - a number whose double reads back as the same decimal stays a JS number (the engine's fast path);
// - any other becomes the exact `Rational` of its text (validate.ts accepts Rationals as numbers);
// - a number too large or too small to read exactly (|exponent| beyond MAX_EXPONENT, e.g. `1e400` or
//   `1e-999999`) becomes an `UnreadableNumber`, which validation reports as an error at its path.
//
// Cost: the common body has no such number, and one scan proves it (no number token has a run of 16
// digits or points or an exponent) while counting its keys (repeated keys, below), so it costs
// JSON.parse plus that scan and a walk of the parsed value. Otherwise a
// scan outside strings finds the number tokens and checks each; only when one must change is the
// text parsed again with those tokens swapped for placeholder strings that carry a per-call random
// nonce (no string sent by a client can be mistaken for one) and a reviver that puts the exact values
// back. Syntax errors are JSON.parse's own: the text is always parsed as sent first.

import { randomBytes } from 'node:crypto';
import { leadingExponent, MAX_EXPONENT } from '../dsl/numeral.js';
import { Rational } from '../dsl/rational.js';

export { MAX_EXPONENT };

/** A JSON number kaohe cannot read exactly (its magnitude is beyond 10^±MAX_EXPONENT). */
export class UnreadableNumber {
  constructor(readonly text: string) {}
  toJSON(): string { return this.text; }
}

/** The smallest magnitude of a number other than 0 (10^-MAX_EXPONENT), as a double. */
export const SMALLEST = Number(`1e-${MAX_EXPONENT}`); // parsed, so correctly rounded (`**` need not be)
const TOO_LARGE = Number(`1e${MAX_EXPONENT + 1}`);

/** Whether a double given by a library caller (not read from JSON text) is within the same limit as
 * the JSON readers' (an `UnreadableNumber` otherwise): 0, or |exponent| ≤ MAX_EXPONENT. Rounding is
 * monotonic and 1e-100 and 1e101 are their doubles' shortest forms, so comparing the double decides
 * it for its shortest decimal (what the engine reads). */
export const readableDouble = (x: number): boolean => x === 0 || (Math.abs(x) >= SMALLEST && Math.abs(x) < TOO_LARGE);

/** A double as JSON text would spell it (`1e308`, not String's `1e+308`). */
export const doubleText = (x: number): string => String(x).replace('e+', 'e');

export function parseJsonExact(text: string): unknown {
  const value: unknown = JSON.parse(text);
  // One scan of the common text: no number that may need its exact value, and its keys counted.
  const keys = keysUnlessLongNumber(text);
  if (keys >= 0) return markDuplicates(text, value, keys);
  const inexact = inexactNumbers(text);
  if (inexact.length === 0) return markDuplicates(text, value);
  return markDuplicates(text, reparseWithExact(text, inexact));
}

/** The keys of a (valid) JSON text, as textKeyCount counts them — or -1 when a number token in it
 * may be one a double does not carry exactly: one with an exponent or a run of 16 digits or points
 * (sound, not exact: `-` and 15 digits also says so, and inexactNumbers then decides). A number
 * without an exponent and with at most 15 characters of digits and point has ≤ 15 significant
 * digits and a magnitude in [1e-14, 1e15): its double's shortest form is that same decimal. One
 * pass, where a regular expression over the text and the key count were two (≈ 1.3 µs each for a
 * 371-character body, issue 16). */
function keysUnlessLongNumber(text: string): number {
  let n = 0;
  const end = text.length;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
      if (text.charCodeAt(skipSpace(text, i + 1)) === 58 /* : */) n++;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let run = 0;
      for (i++; i < end; i++) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 /* . */) {
          if (++run >= 15) return -1; // with the token's first character, 16
        } else if (d === 101 /* e */ || d === 69 /* E */) return -1;
        else break;
      }
      i--;
    }
  }
  return n;
}

// Repeated keys (`{"德": 95, "德": 100}`): JSON.parse keeps the last value without a word. The
// common text has none, and counting proves it: the keys in the text (strings followed by `:`,
// one linear scan) equal the keys of the parsed value (one walk). Only when they differ does a
// second scan map each object of the text to its parsed object and record the repeated keys, which
// validation reports where it matters (a ballot: KH-E021 at `…[i].德`).
const repeated = new WeakMap<object, string[]>();

/** The keys `o` had more than once in its JSON text (first repeat order), if any. */
export const duplicateKeys = (o: object): string[] | undefined => repeated.get(o);

/** `value` back, its repeated keys recorded when there are any; `textKeys`: the text's key count when known. */
function markDuplicates(text: string, value: unknown, textKeys?: number): unknown {
  return typeof value === 'object' && value !== null && (textKeys ?? textKeyCount(text)) !== valueKeyCount(value) ? findDuplicates(text, value) : value;
}

/** The end of the string token opening at `i` (the index of its closing quote). */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const s = text.charCodeAt(i);
    if (s === 92 /* \ */) i++;
    else if (s === 34 /* " */) return i;
  }
  return i;
}

/** The first index at or after `i` that is not JSON whitespace. */
function skipSpace(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
  }
  return i;
}

function textKeyCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
    i = stringEnd(text, i);
    if (text.charCodeAt(skipSpace(text, i + 1)) === 58 /* : */) n++;
  }
  return n;
}

function valueKeyCount(v: object): number {
  let n = 0;
  const stack: object[] = [v];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x instanceof Rational || x instanceof UnreadableNumber) continue;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) { const e: unknown = x[i]; if (typeof e === 'object' && e !== null) stack.push(e); }
      continue;
    }
    // for…in, not Object.keys (no array made per object: half the time); a parsed object's
    // prototype is Object.prototype, whose properties are not enumerable.
    for (const k in x) {
      n++;
      const e = (x as Record<string, unknown>)[k];
      if (typeof e === 'object' && e !== null) stack.push(e);
    }
  }
  return n;
}

/** Walks the (valid) text beside its parsed value, recording each object's repeated keys; `root`
 * back. Values JSON.parse dropped (an earlier occurrence of a repeated key) are walked without a target. */
function findDuplicates(text: string, root: object): object {
  interface Frame { target: Record<string, unknown> | undefined; array: boolean; index: number; keys: Set<string>; key?: string }
  const stack: Frame[] = [];
  let expectKey = false;
  const child = (): unknown => {
    const f = stack[stack.length - 1];
    if (!f) return root;
    if (!f.target) return undefined;
    if (f.array) return f.target[f.index++];
    return f.key !== undefined && Object.hasOwn(f.target, f.key) ? f.target[f.key] : undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      const f = stack[stack.length - 1];
      if (expectKey && f && !f.array) {
        const raw = text.slice(i, end + 1);
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (f.keys.has(key)) {
          f.key = undefined; // its value is walked without a target (the first occurrence took the kept one)
          if (f.target) { const list = repeated.get(f.target) ?? []; if (!list.includes(key)) list.push(key); repeated.set(f.target, list); }
        } else { f.keys.add(key); f.key = key; }
        expectKey = false;
      } else child();
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const t = child();
      stack.push({ target: typeof t === 'object' && t !== null ? (t as Record<string, unknown>) : undefined, array: c === 91, index: 0, keys: new Set() });
      expectKey = c === 123;
    } else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 44 /* , */) expectKey = !stack[stack.length - 1].array;
    else if (c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110) {
      child();
      while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1])) i++;
    }
  }
  return root;
}

interface Token { start: number; end: number; exact: Rational | UnreadableNumber }

/** The number tokens of a valid JSON text whose double is not their exact value. */
function inexactNumbers(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === 92 /* \ */) i++;
        else if (s === 34) break;
      }
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (!((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45)) break;
      }
      const exact = exactIfInexact(text.slice(i, j));
      if (exact) out.push({ start: i, end: j, exact });
      i = j - 1;
    }
  }
  return out;
}

/** The exact value of a JSON number token when its double reads back as another decimal. */
export function exactIfInexact(token: string): Rational | UnreadableNumber | undefined {
  // Decimal exponent of the leading significant digit bounds the size of the exact value.
  const lead = leadingExponent(token);
  if (lead === undefined) return undefined; // zero in any spelling (-0 reads as 0)
  if (!Number.isFinite(lead) || Math.abs(lead) > MAX_EXPONENT) return new UnreadableNumber(token);
  const exact = Rational.parse(token)!;
  const double = Number(token);
  if (Number.isFinite(double) && Rational.fromNumber(double).eq(exact)) return undefined;
  return exact;
}

function reparseWithExact(text: string, tokens: Token[]): unknown {
  const tag = `\u0000kaohe-exact-${randomBytes(12).toString('hex')}-`;
  let rewritten = '';
  let at = 0;
  tokens.forEach((t, k) => {
    rewritten += text.slice(at, t.start) + JSON.stringify(tag + k);
    at = t.end;
  });
  rewritten += text.slice(at);
  return JSON.parse(rewritten, (_key, v: unknown) =>
    typeof v === 'string' && v.startsWith(tag) ? tokens[Number(v.slice(tag.length))].exact : v);
}
