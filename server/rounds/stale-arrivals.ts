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

import { dialects, type SqlDialect } from '../store/dialect.js';
import type { Sql } from '../store/types.js';
import { markOutOfDate } from './store.js';

/** (source scheme id, period, subject) read as "no result". */
export type Absent = [schemeId: number, period: string, subject: string];

/** Flags out of date every round of the organization (but `except`) whose newest revision read one of
 * `subjects` of (schemeId, period) as missing; the flagged rounds' ids. Call it in the transaction that
 * makes the results final or imports them. */
// The sources' `{absent}` entries, each (schemeId, period, subject) read as text: the scheme id is a
// JSON number, bound as a string (dialect.ts: a value inside JSON comes out as text in both).
const ARRIVED = (d: SqlDialect) => `SELECT DISTINCT r.id AS id FROM rounds r JOIN revisions rv ON rv.round_id = r.id AND rv.n = r.revision,
    ${d.jsonElements('rv.sources', 's')}, ${d.jsonElements(d.element('s'), 'a', 'absent')}
  WHERE r.org_id = ? AND r.id IS DISTINCT FROM ? AND r.out_of_date = 0 AND ${d.jsonIsArray(d.element('s'), 'absent')}
    AND ${d.jsonField(d.element('a'), 0)} = ? AND ${d.jsonField(d.element('a'), 1)} = ?
    AND ${d.jsonField(d.element('a'), 2)} IN (SELECT ${d.element('x')} FROM ${d.jsonElements('?', 'x')})`;
const ARRIVED_SQL = { sqlite: ARRIVED(dialects.sqlite), postgres: ARRIVED(dialects.postgres) };

export async function flagReadersOfArrived(sql: Sql, orgId: number, schemeId: number, period: string, subjects: readonly string[], except?: string): Promise<string[]> {
  if (subjects.length === 0) return [];
  const rows = await sql.all<{ id: string }>(ARRIVED_SQL[sql.dialect], [orgId, except ?? null, String(schemeId), period, JSON.stringify(subjects)]);
  const rounds = rows.map((r) => r.id);
  await markOutOfDate(sql, rounds);
  return rounds;
}

/** A round just finalized: its people's results of its period have arrived. */
export async function flagReadersOfFinalized(sql: Sql, round: { id: string; orgId: number; schemeId: number; period: string }): Promise<string[]> {
  const subjects = (await sql.all<{ s: string }>('SELECT subject_id AS s FROM subject_results WHERE round_id = ?', [round.id])).map((r) => r.s);
  return flagReadersOfArrived(sql, round.orgId, round.schemeId, round.period, subjects, round.id);
}
