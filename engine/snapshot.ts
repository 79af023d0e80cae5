// A library caller's subjects read once (issue 16, hostile finding F11): the package's `evaluate` and
// `evaluateCohort` (index.ts) copy what they are given as plain data before either backend sees it,
// so both read the same values. Without it, a getter answering differently on each read, or a
// property JSON never produces (own but not enumerable), was read once by the compiled engine's
// generated validator and again — or not at all — by the reference validator it falls back to, and
// the two backends disagreed.
//
// The rule, the JSON view of a value: a list is copied element by element (a hole stays a hole), an
// object whose prototype is Object.prototype or null by its own enumerable keys (Object.keys, what
// JSON.stringify writes), each property read exactly once. Anything else — numbers, texts, BigInts,
// Rationals, Dates, class instances — is passed as it is, for validation to accept or refuse. Below
// MAX_DEPTH levels values are passed as they are too: no scheme's input is that deep (validation
// refuses such a value where it reads it), and a 200,000-deep or cyclic value costs no more than this.
// The server and the command line read JSON text, which has none of this, and do not copy.
// A hole in the cohort's own list (a sparse array, `a[999999] = s`) is refused at once, as one error
// naming the first: validated, each hole was two errors, and a list of length 10^7 with two subjects
// grew an error list of 2·10^7 (hostile audit H6 F10).

import type { EvalError, SubjectInput } from './api.js';
import { evalError } from './errors.js';
import { M } from './messages.js';

const MAX_DEPTH = 64;

function copy(x: unknown, depth: number): unknown {
  if (typeof x !== 'object' || x === null || depth >= MAX_DEPTH) return x;
  if (Array.isArray(x)) {
    const n = x.length, out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) if (Object.hasOwn(x, i)) out[i] = copy(x[i], depth + 1);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return x;
  const out: Record<string, unknown> = proto === null ? Object.create(null) as Record<string, unknown> : {};
  for (const k of Object.keys(x)) {
    const v = copy((x as Record<string, unknown>)[k], depth + 1);
    // `out.__proto__ = v` would set the prototype: an own data property, as JSON.parse makes it
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/** One subject as plain data, each property read once (see the header). */
export const snapshotSubject = (s: SubjectInput): SubjectInput => copy(s, 0) as SubjectInput;

/** A cohort's subjects as plain data, or the error for the list's first hole; a value that is not a
 * list is passed on (validation refuses it). */
export function snapshotSubjects(s: SubjectInput[]): { subjects: SubjectInput[] } | { error: EvalError } {
  if (Array.isArray(s)) {
    for (let i = 0; i < s.length; i++) {
      if (Object.hasOwn(s, i)) continue;
      const at = `subjects[${i}]`;
      return { error: evalError('KH-E008', M.subjectMissing({ at }), { path: at }) };
    }
  }
  return { subjects: copy(s, 0) as SubjectInput[] };
}
