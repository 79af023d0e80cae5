// Which results fill a scheme's roll-up inputs, and as what (issue 14; U6 M-11): a `results of SCHEME
// UNIT` field (季度结果: the four quarters of the annual's year) or `past N …` (往年: this scheme's own
// earlier periods) is a list of records `{period, score, grade, imported}`, oldest first, one per
// period of the field that has a result; a period without one is left out (the scheme's `missing`
// rule then decides, in the engine). The score is the reported one, or — `values exact` — the exact
// value when the result has it (an imported result has none: its reported score). One mapping for a
// round on the server (server/rounds/fill.ts reads stored results) and `kaohe eval --periods` (results
// files of earlier `kaohe eval` runs, cli/commands/eval-periods.ts). Plain data: no database, no files.
// A related subject's result (`results of S for FIELD`) is one record of another subject: not here.

import type { PreparedFill, PreparedInput } from '../engine/api.js';

/** One period's record as the engine reads it (API.md: results of periods). */
export interface PeriodRecord { period: string; score: string | null; grade: string | null; imported: boolean }

/** A list field to fill: its spec, the scheme whose results it reads (`past`: the scheme's own) and
 * the periods it reads in the evaluation's period, oldest first. */
export interface FillTarget { field: string; spec: PreparedFill; scheme: string; periods: string[] }

/** The list fields of `fields` (`results of … UNIT`, `past`), each with the periods it reads
 * (`periods(field)`: the engine's periodsOf for the evaluation's period). */
export function fillTargets(fields: readonly PreparedInput[], periods: (field: string) => string[]): FillTarget[] {
  const out: FillTarget[] = [];
  for (const f of fields) {
    if (!f.fill || f.fill.form === 'related') continue;
    out.push({ field: f.name, spec: f.fill, scheme: f.fill.scheme, periods: periods(f.name) });
  }
  return out;
}

/** A result as a record: `score` the reported score as decimal text, `exact` its exact value (fraction
 * text) when known; `values` says which the field reads. */
export function periodRecord(
  r: { period: string; score: string | null; exact?: string | null; grade: string | null; imported: boolean },
  values: PreparedFill['values'],
): PeriodRecord {
  return { period: r.period, score: values === 'exact' ? (r.exact ?? r.score) : r.score, grade: r.grade, imported: r.imported };
}

/** A field's records for one person: `find(period)` gives the person's result of that period (of the
 * target's scheme) or undefined; `absent(period)` hears of each period without one. */
export function recordsOf<R>(t: { periods: readonly string[] }, find: (period: string) => R | undefined, record: (r: R) => PeriodRecord, absent?: (period: string) => void): PeriodRecord[] {
  const list: PeriodRecord[] = [];
  for (const period of t.periods) {
    const r = find(period);
    if (r !== undefined) list.push(record(r));
    else absent?.(period);
  }
  return list;
}
