// Imported results a round read (issue 14, finding 1 of the part-2 audit): a roll-up (`results of`),
// a history (`past`) or a related field (`results of … for`) may read rows imported by
// POST /api/subjects/import. Re-importing a (subject, period) replaces such a row — a correction of the
// old records, like an amendment of a source round — so every round whose newest revision read the
// replaced row is flagged out of date, exactly as amend.ts flags the rounds that rolled up an amended
// round; the source refresh then reads the new row.
//
// Which rows a revision read is stored in revisions.sources beside the rounds: one entry
// `{imported: [subject_results ids]}` after the `{roundId, revision}` entries (the ids change when a
// row is replaced, so "read row X, X is gone" is exact). GET revision lists only the round entries.

import { dialects, type SqlDialect } from '../store/dialect.js';
import type { Sql } from '../store/types.js';
import { markOutOfDate } from './store.js';
import type { Absent } from './stale-arrivals.js';

export interface RoundSource { roundId: string; revision: number }

/** revisions.sources as stored: the rounds read, then the imported rows read (when any), then the
 * results read as missing (when any; stale-arrivals.ts). */
export function sourcesText(rounds: readonly RoundSource[], imported: readonly number[], absent: readonly Absent[] = []): string {
  const out: unknown[] = [...rounds];
  if (imported.length > 0) out.push({ imported: [...imported].sort((a, b) => a - b) });
  if (absent.length > 0) out.push({ absent });
  return JSON.stringify(out);
}

/** revisions.sources read back: the rounds, the imported row ids and the results read as missing. */
export function parseSources(text: string): { rounds: RoundSource[]; imported: number[]; absent: Absent[] } {
  const rounds: RoundSource[] = [];
  const imported: number[] = [];
  const absent: Absent[] = [];
  for (const x of JSON.parse(text) as (RoundSource | { imported: number[] } | { absent: Absent[] })[]) {
    if ('imported' in x) imported.push(...x.imported);
    else if ('absent' in x) absent.push(...x.absent);
    else rounds.push(x);
  }
  return { rounds, imported, absent };
}

// The sources' `{imported}` entries' row ids against those replaced, both read as text (dialect.ts).
const IMPORTED = (d: SqlDialect) => `SELECT DISTINCT r.id AS id FROM rounds r JOIN revisions rv ON rv.round_id = r.id AND rv.n = r.revision,
    ${d.jsonElements('rv.sources', 's')}, ${d.jsonElements(d.element('s'), 'x', 'imported')}
  WHERE r.org_id = ? AND ${d.jsonIsArray(d.element('s'), 'imported')}
    AND ${d.element('x')} IN (SELECT ${d.element('y')} FROM ${d.jsonElements('?', 'y')})`;
const IMPORTED_SQL = { sqlite: IMPORTED(dialects.sqlite), postgres: IMPORTED(dialects.postgres) };

/** Flags out of date every round of the organization whose newest revision read one of the imported
 * rows `ids` (replaced now); the flagged rounds' ids. Call it in the import's transaction. */
export async function flagReadersOfImported(sql: Sql, orgId: number, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql.all<{ id: string }>(IMPORTED_SQL[sql.dialect], [orgId, JSON.stringify(ids)]);
  const rounds = rows.map((r) => r.id);
  await markOutOfDate(sql, rounds);
  return rounds;
}
