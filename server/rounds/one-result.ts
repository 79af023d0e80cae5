// One result per person, scheme and period (issue 14; trial V12 HIGH): the checks that keep a second
// result from being announced or settled, and the lock that makes them hold with several servers.
//
// A round's results count once it is announced: in 公示, or final (as does an imported result, which
// is final). Publicize refuses a round any of whose people already has such a result of the scheme for
// the period from another round or an import (a unit round beside a whole-organization one); finalize
// checks again for final results (a database older than the publicize check may hold two rounds in
// 公示). Drafts are not checked: they may coexist (create.ts says why).
//
// Each check reads other rounds' rows and then writes its own: two transactions at once on
// PostgreSQL would each see none of the other's uncommitted rows and both pass. So the creates,
// publicizes and finalizes of rounds of one scheme — and the scheme's imports (server/subjects/
// import.ts) — lock the scheme's row first, and run one after another: the later one's check (READ
// COMMITTED: each statement sees what was committed before it began) sees the earlier one's rows. On
// SQLite the transaction already holds the one write lock. Lock order: the scheme's row, then the
// round's (publicity.ts lockedRound), then other rounds' (flagged out of date) — as import.ts does;
// no transaction takes a round's row and then a scheme's.

import type { RoundRow } from '../db/schema.js';
import { ApiError, said } from '../errors.js';
import { dialectOf } from '../store/dialect.js';
import type { Tx } from '../store/types.js';
import { label } from './round-common.js';
import { S } from './stale-messages.js';

/** Locks the row of scheme `schemeId` until the commit (PostgreSQL). NO KEY UPDATE, the mode
 * import.ts takes on the same row: the row's holders wait for each other, while a transaction that
 * inserts a row referring to the scheme (a revision's subject_results, a new version: a foreign key's
 * KEY SHARE lock) does not wait — an evaluation holding its round's row while inserting its results
 * can never wait for a publicize holding the scheme's row and waiting for that round. */
export async function lockScheme(tx: Tx, schemeId: number): Promise<void> {
  await tx.get(`SELECT id FROM schemes WHERE id = ?${dialectOf(tx).forNoKeyUpdate}`, [schemeId]);
}

/** People named in a refusal's message; every one of them has a detail entry. */
const NAMED = 20;

interface Other { subject: string; round: string | null; name: string | null; imported: number; status: 'publicity' | 'final' }

// `other.round_id` ordered as text with none first in both dialects (PostgreSQL puts NULL last).
const ANNOUNCED = `SELECT mine.subject_id AS subject, other.round_id AS round, r.name AS name, other.imported AS imported,
    CASE WHEN other.final = 1 THEN 'final' ELSE r.status END AS status
  FROM subject_results mine
  JOIN subject_results other ON other.org_id = mine.org_id AND other.scheme_id = mine.scheme_id AND other.period = mine.period
    AND other.subject_id = mine.subject_id AND other.round_id IS DISTINCT FROM mine.round_id
  LEFT JOIN rounds r ON r.id = other.round_id
  WHERE mine.round_id = ? AND (other.final = 1 OR r.status IN ('publicity', 'final'))
  ORDER BY mine.subject_id, COALESCE(other.round_id, '')`;

/** 409 `result_exists` when someone of `round` already has a result of the scheme for the period that
 * is announced — in 公示 or final in another round — or imported: entering 公示 would announce a
 * second result for them. One detail per person and other result (`round`, `status`, `imported`).
 * Run in publicize's transaction after lockScheme. */
export async function refuseAnnouncedResult(tx: Tx, round: RoundRow): Promise<void> {
  const rows = await tx.all<Other>(ANNOUNCED, [round.id]);
  if (rows.length === 0) return;
  const people = [...new Set(rows.map((r) => r.subject))];
  const named = people.length > NAMED ? [...people.slice(0, NAMED), '…'] : people;
  const msg = S.resultAnnounced({ id: label(round), period: round.period, count: people.length, subjects: named });
  throw new ApiError(409, 'result_exists', msg, rows.map((r) => ({
    path: 'roster', subject: r.subject, round: r.round, status: r.status, imported: r.imported === 1, ...said(otherResult(r, round.period)),
  })));
}

/** What the other result of `r.subject` is, in words. */
function otherResult(r: Other, period: string) {
  if (r.round === null) return S.importedExists({ subject: r.subject, period });
  const other = r.name ?? r.round;
  return r.status === 'final' ? S.roundResultExists({ subject: r.subject, other, period }) : S.roundResultAnnounced({ subject: r.subject, other, period });
}

const SECOND_RESULT = `SELECT mine.subject_id AS subject, other.round_id AS round, other.imported AS imported FROM subject_results mine
  JOIN subject_results other ON other.org_id = mine.org_id AND other.scheme_id = mine.scheme_id AND other.period = mine.period
    AND other.subject_id = mine.subject_id AND other.final = 1 AND other.round_id IS DISTINCT FROM mine.round_id
  WHERE mine.round_id = ? ORDER BY mine.subject_id LIMIT 20`;

/** 409 `result_exists` when someone of the round already has a final result of the scheme for the
 * period — from another round (of another unit, or a whole-organization one) or an import: a person
 * gets one result per period (roll-ups and history would pick one of two). Run in finalize's
 * transaction after lockScheme. */
export async function refuseSecondResult(tx: Tx, round: RoundRow): Promise<void> {
  const rows = await tx.all<{ subject: string; round: string | null; imported: number }>(SECOND_RESULT, [round.id]);
  if (rows.length === 0) return;
  const msg = S.resultExists({ id: label(round), period: round.period, subjects: rows.map((r) => r.subject) });
  throw new ApiError(409, 'result_exists', msg, rows.map((r) => ({
    path: 'roster', subject: r.subject, round: r.round, imported: r.imported === 1,
    ...said(r.round === null ? S.importedExists({ subject: r.subject, period: round.period }) : S.roundResultExists({ subject: r.subject, other: r.round, period: round.period })),
  })));
}
