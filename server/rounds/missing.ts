// What is still missing per person (issue 14), so an officer sees it before evaluating:
// - `fields`: declared top-level inputs nobody submitted and without a default — evaluate fails
//   without them;
// - `defaulted`: inputs nobody submitted that have a default (evaluate uses it; listed apart, as a
//   reminder, not as a problem — listing them with the required ones drowned those in noise);
// - `rollups`: per `results of` / `past` input the server fills, the periods with no final (or
//   imported) result for this person, with the input's missing policy; under `missing error` they
//   are `blocking` — evaluate would refuse the person (KH-E054) until the period is finalized,
//   imported, or the person is marked 不参加 in the roster. A related field (`results of SCHEME for
//   FIELD`) lists the round's period when the related subject has no final or imported result, with
//   `subject` the related subject's id (null when the person has no FIELD value yet);
// - the `cohort by` field (the unit) only when the person has no unit — neither their own in the
//   roster nor the round's — and the field has no default: listed in `fields` with `fromRoster`, as
//   it is set in the roster (PUT roster `unit`), never by an inputs part (refused). Evaluate would
//   fail on it (V11 trial: `missing` was empty, evaluate then refused the unit, inputs refused it).
// Never listed: fields the server fills (as inputs) and people the roster marks absent (不参加).

import type { RoundMemberRow } from '../db/schema.js';
import type { RelatedValue } from './fill-related.js';
import { relatedSpec } from './fill-related.js';
import type { PeriodRecord } from './fill.js';
import type { SchemeInfo } from './scheme-info.js';

export interface MissingRollup {
  field: string; scheme: string; periods: string[]; missing: 'skip' | 'zero' | 'error' | 'breaks'; blocking: boolean;
  /** A related field's: the related subject (null: the person has no FIELD value). */
  subject?: string | null;
}

export interface MissingEntry {
  subject: string;
  unit: string | null;
  /** Required inputs nobody submitted (`hasDefault` is always false here; kept for readers of the old
   * shape); `fromRoster`: the unit, set by the roster's `unit`, not by an inputs part. */
  fields: { field: string; hasDefault: false; fromRoster?: true }[];
  /** Inputs nobody submitted that have a default. */
  defaulted: string[];
  rollups: MissingRollup[];
}

/** `roster`: each member with the unit evaluate gives them (their own, else the round's); `filled`:
 * per person, the records the server would fill now (fill.ts); `period`: the round's. */
export function missingInputs(
  info: SchemeInfo, roster: readonly RoundMemberRow[], parts: Map<string, Map<string, string>>,
  filled?: { values: Map<string, Record<string, PeriodRecord[]>>; related?: Map<string, Record<string, RelatedValue>>; period: string },
): MissingEntry[] {
  const out: MissingEntry[] = [];
  const own = info.fields.filter((f) => !f.fill);
  const rolled = info.fields.filter((f) => f.fill && !relatedSpec(f));
  const related = info.fields.filter((f) => relatedSpec(f));
  const expected = new Map(rolled.map((f) => [f.name, filled ? info.periods(f.name, filled.period) : []]));
  for (const m of roster) {
    if (m.status === 'absent') continue;
    const sent = parts.get(m.subjectId);
    // The unit is the roster's (a part naming it is not read), in declaration order with the rest.
    const unsent = own.filter((f) => (f.name === info.cohortField ? m.unit === null : !sent?.has(f.name)));
    const fields = unsent.filter((f) => !f.hasDefault)
      .map((f) => ({ field: f.name, hasDefault: false as const, ...(f.name === info.cohortField && { fromRoster: true as const }) }));
    const defaulted = unsent.filter((f) => f.hasDefault && f.name !== info.cohortField).map((f) => f.name);
    const rollups: MissingRollup[] = [];
    for (const f of rolled) {
      const have = new Set((filled?.values.get(m.subjectId)?.[f.name] ?? []).map((r) => r.period));
      const periods = (expected.get(f.name) ?? []).filter((p) => !have.has(p));
      if (periods.length > 0) rollups.push({ field: f.name, scheme: f.fill!.scheme, periods, missing: f.fill!.missing, blocking: f.fill!.missing === 'error' });
    }
    for (const f of filled ? related : []) {
      const v = filled!.related?.get(m.subjectId)?.[f.name];
      if (v?.record) continue;
      rollups.push({
        field: f.name, scheme: f.fill!.scheme, periods: [filled!.period], missing: f.fill!.missing, blocking: f.fill!.missing === 'error',
        subject: v?.subject ?? null,
      });
    }
    if (fields.length + defaulted.length + rollups.length > 0) out.push({ subject: m.subjectId, unit: m.unit, fields, defaulted, rollups });
  }
  return out;
}
