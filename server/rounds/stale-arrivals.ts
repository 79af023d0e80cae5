// Results that arrive after a round read them as missing (issue 14, part-2 hostile audit): a roll-up
// under `missing skip|zero`, a `past` history or a related field (`results of … for`) read "no result"
// for some (source scheme, period, subject) — the source round was not final yet, or nothing was
// imported. When that result arrives (the source round is finalized, or a result is imported), the
// round's figures are out of date exactly as if a source it read had been amended: it is flagged, and
// the source refresh reads the new result. Without this a member round finalized under `missing zero`
// would keep its zero for ever once the team's result came in.
//
// Which results a revision read as missing is stored in revisions.sources (stale-imports.ts
// `sourcesText`) as one entry `{absent: [[schemeId, period, subject], …]}`.

import type { Db } from '../db/client.js';
import { markOutOfDate } from './store.js';

/** (source scheme id, period, subject) read as "no result". */
export type Absent = [schemeId: number, period: string, subject: string];

/** Flags out of date every round of the organization (but `except`) whose newest revision read one of
 * `subjects` of (schemeId, period) as missing; the flagged rounds' ids. Call it in the transaction that
 * makes the results final or imports them. */
export function flagReadersOfArrived(db: Db, orgId: number, schemeId: number, period: string, subjects: readonly string[], except?: string): string[] {
  if (subjects.length === 0) return [];
  const rounds = (db.$client.prepare(
    `SELECT DISTINCT r.id AS id FROM rounds r JOIN revisions rv ON rv.round_id = r.id AND rv.n = r.revision,
       json_each(rv.sources) s, json_each(s.value, '$.absent') a
     WHERE r.org_id = ? AND r.id IS NOT ? AND r.out_of_date = 0 AND json_type(s.value, '$.absent') = 'array'
       AND json_extract(a.value, '$[0]') = ? AND json_extract(a.value, '$[1]') = ?
       AND json_extract(a.value, '$[2]') IN (SELECT value FROM json_each(?))`,
  ).all(orgId, except ?? null, schemeId, period, JSON.stringify(subjects)) as { id: string }[]).map((r) => r.id);
  markOutOfDate(db, rounds);
  return rounds;
}

/** A round just finalized: its people's results of its period have arrived. */
export function flagReadersOfFinalized(db: Db, round: { id: string; orgId: number; schemeId: number; period: string }): string[] {
  const subjects = (db.$client.prepare('SELECT subject_id AS s FROM subject_results WHERE round_id = ?').all(round.id) as { s: string }[]).map((r) => r.s);
  return flagReadersOfArrived(db, round.orgId, round.schemeId, round.period, subjects, round.id);
}
