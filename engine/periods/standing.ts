// A subject's roster standing (issue 14): a round's roster says who takes part and how. `ungraded`
// (不定等次: 试用期, 新录用) — evaluated, scored, but given no grade (null) and so no bonus, the reason
// in gradeReasons, and not ranked; `countsInBase` — the roster's word on the quota bases (the head
// count a share is of), over the scheme's `of graded|all` for that member: false leaves it out of
// every base (it still competes for a quota grade if it holds one), true puts it in every base (an
// ungraded member too, whom `of graded` would leave out), absent lets the scheme decide. Both
// optional; absent means a plain member. Checked here (KH-E056 at `standing.ungraded`), applied by
// evaluate.ts (the grade), cohort.ts (the bases) and outcome.ts (the reason).

import type { EvalError, SubjectStanding } from '../api.js';
import { evalError } from '../errors.js';
import { M } from '../messages.js';
import { P } from './messages.js';

const KEYS = new Set(['ungraded', 'countsInBase']);

/** The standing `x` given at `path` (`standing`, `subjects[3].standing`), or its problems. */
export function checkStanding(x: unknown, path: string): { standing?: SubjectStanding; errors: EvalError[] } {
  if (x === undefined || x === null) return { errors: [] };
  const err = (p: string, what: ReturnType<typeof P.standingNotBool>, expected: string, found: unknown): EvalError =>
    evalError('KH-E056', M.at({ path: p, what }), { path: p, expected, found: JSON.stringify(found) ?? 'nothing' });
  if (typeof x !== 'object' || Array.isArray(x)) return { errors: [err(path, P.standingNotObject(), '{ ungraded?, countsInBase? }', x)] };
  const o = x as Record<string, unknown>;
  const errors: EvalError[] = [];
  const standing: SubjectStanding = {};
  for (const k of Object.keys(o)) {
    const p = `${path}.${k}`;
    if (!KEYS.has(k)) errors.push(err(p, P.standingUnknown(), 'ungraded, countsInBase', o[k]));
    else if (o[k] === undefined) continue;
    else if (typeof o[k] !== 'boolean') errors.push(err(p, P.standingNotBool(), 'bool', o[k]));
    else standing[k as keyof SubjectStanding] = o[k] as boolean;
  }
  return errors.length ? { errors } : { standing, errors };
}
