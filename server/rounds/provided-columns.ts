// The columns of an input part that the sender does not provide (user trial U6 M-4, issue 16 session
// 6): the unit — the scheme's `cohort by` field, which comes from the roster — and the fields the
// server fills from stored results (`results of`, `past`). kaohe's own roster template has all of
// them, and a part made from it sent them for every person: 1,200 refusals saying the same thing.
// A unit equal to the roster's (spaces around it aside) is accepted and left out of the part — the
// roster's is used anyway (evaluate.ts submittedInput); a different unit (it would move the person
// into another unit's cohort and quota places) and a filled field are still refused, but once per
// column: at the first person's path, saying how many people and who is first.

import type { Msg } from '../../dsl/i18n/index.js';
import { R } from './messages.js';
import { filledByServer } from './related-messages.js';
import { problem } from './round-common.js';
import type { SchemeInfo } from './scheme-info.js';

interface Refused { path: string; code: string; msg: Msg; subject: string; count: number }

export interface ProvidedColumns {
  /** Is `field` one the sender does not provide? Then it is left out of the part (and refused,
   * grouped by column, when it is filled by the server or says another unit than the roster's). */
  provided(field: string, value: unknown, person: { subject: string; unit: string | null; path: string }): boolean;
  /** One problem per refused column, in the order the columns were first met. */
  problems(): ReturnType<typeof problem>[];
}

export function providedColumns(info: SchemeInfo): ProvidedColumns {
  const refused = new Map<string, Refused>();
  const refuse = (field: string, subject: string, path: string, msg: () => Msg) => {
    const seen = refused.get(field);
    if (seen) seen.count++;
    else refused.set(field, { path, code: 'filled_by_server', msg: msg(), subject, count: 1 });
  };
  return {
    provided(field, value, { subject, unit, path }) {
      const f = info.byName.get(field);
      if (f?.fill) refuse(field, subject, path, () => filledByServer(field, f.fill!));
      else if (field === info.cohortField) {
        const same = typeof value === 'string' && unit !== null && value.trim() === unit.trim();
        if (!same) refuse(field, subject, path, () => unit === null || typeof value !== 'string'
          ? R.unitFromRoster({ field })
          : R.unitDiffers({ field, subject, sent: value, roster: unit }));
      } else return false;
      return true;
    },
    problems: () => [...refused.values()].map((r) =>
      problem(r.path, r.code, r.count === 1 ? r.msg : R.forPeople({ problem: r.msg, count: r.count, subject: r.subject }))),
  };
}
