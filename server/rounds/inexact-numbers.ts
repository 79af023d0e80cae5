// A number a round's inputs cannot carry exactly (hostile X14 M2). A round's input parts are read as
// JSON.parse reads them — as doubles — and stored, evaluated and compared so: 9007199254740993 was
// stored as 9007199254740992, and 366.0000000000000000001 as 366, inside a field's range that
// evaluate (which reads numbers exactly) refuses. Until parts carry exact numbers end to end (their
// storage, revisions, the language workers' cohorts, what-if), such a number is refused with where it
// is and why — never rounded silently. Numbers of up to 15 significant digits (every score, count and
// rating of a real scheme) are exact as doubles and pass.

import { parseJsonExact, UnreadableNumber } from '../../engine/json-exact.js';
import { Rational } from '../../dsl/rational.js';
import { exactText } from '../../engine/scales.js';
import { problem, unprocessable } from './round-common.js';
import { R } from './messages.js';

/** The paths (under `prefix`) of the numbers in `value` a double does not carry exactly. */
function inexactAt(value: unknown, prefix: string, out: { path: string; text: string }[]): void {
  if (value instanceof Rational || value instanceof UnreadableNumber) {
    out.push({ path: prefix, text: value instanceof UnreadableNumber ? value.text : exactText(value) });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => inexactAt(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) inexactAt(v, `${prefix}.${k}`, out);
  }
}

/** The request body `text` parsed — as JSON.parse would, when every number in the inputs
 * `inputsOf(body)` names (with their paths) is one a double carries exactly — else 422
 * `inexact_number`, one detail per such number. */
export function parsedExactly<T>(text: string, inputsOf: (body: T) => [string, unknown][]): T {
  const body = parseJsonExact(text) as T;
  const found: { path: string; text: string }[] = [];
  for (const [path, input] of inputsOf(body)) inexactAt(input, path, found);
  if (found.length === 0) return body;
  throw unprocessable(R.invalidParts(), found.map((f) => problem(f.path, 'inexact_number', R.inexactNumber({ text: f.text }))));
}
