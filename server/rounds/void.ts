// Voiding a round (作废, issue 16, U6 M-3): POST /api/rounds/:id/void {reason}. A round evaluated as a
// trial run locks its period against importing results (server/subjects/import.ts), and a round could
// not be deleted — so a December catch-up by import was a dead end. A round that is not final (open,
// evaluated, or in 公示 — since V11b HIGH-2 the way out of a 公示 announced with a wrong end date) and
// that no other round's revision read may be voided: its rows — roster, input parts and their requests, revisions and their facts, amendments,
// subject_results — are deleted in one transaction, and a record stays (round_records `voided`:
// its name, scheme, period, status, size, the reason, who and when; append-only), as does the audit
// log's entry of the request. GET of the voided id then says when, by whom and why (roundOf, with
// records.ts voidedWords).

import { seesAllUnits } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import type { RoundRow } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { dialectOf } from '../store/dialect.js';
import type { Sql } from '../store/types.js';
import { L } from './late-messages.js';
import { R } from './messages.js';
import { insertRecord, latestRecord } from './records.js';
import { allUnitsOnly, label, refusedAt, roundOf, roundView, STATUS_WORD } from './round-common.js';
import * as store from './store.js';
import { fenced } from './lock.js';

/** The tables holding a round's rows, children first (foreign keys to rounds.id). */
const ROUND_TABLES = ['revision_facts', 'revisions', 'amendments', 'input_parts', 'input_batches', 'round_members', 'subject_results'] as const;

/** Whether a round of this status may be voided: any but final (its results are then read as the
 * period's, by roll-ups and history). In 公示 too (V11b HIGH-2): a 公示 announced with a wrong end
 * date, or over the wrong roster, cannot be cut short (publicity.ts) nor finalized before it ends —
 * voiding, with a reason kept in the record, is the way out; nothing read a result not yet final. */
export const voidable = (status: string): boolean => status !== 'final';

/** Whether a round is still before 公示 (a trial run nobody was shown): import.ts suggests voiding only
 * such a round to import the period instead. */
export const beforePublicity = (status: string): boolean => status === 'open' || status === 'evaluated';

/** Rounds (other than this one) whose revisions read this round's results (`sources`), by label. */
async function readers(sql: Sql, orgId: number, id: string): Promise<string[]> {
  const d = dialectOf(sql);
  const rows = await sql.all<{ id: string; name: string | null }>(
    `SELECT DISTINCT r.id, r.name FROM revisions v JOIN rounds r ON r.id = v.round_id
     WHERE r.org_id = ? AND r.id <> ? AND EXISTS (SELECT 1 FROM ${d.jsonElements('v.sources', 's')} WHERE ${d.jsonField(d.element('s'), 'roundId')} = ?)
     ORDER BY r.id LIMIT 10`,
    [orgId, id, id],
  );
  return rows.map(label);
}

/** 409 `round_not_voidable` once final. */
function refuseVoidState(round: RoundRow): void {
  if (!voidable(round.status)) {
    throw conflict('round_not_voidable', L.voidState({ id: label(round), status: STATUS_WORD[round.status]() }));
  }
}

export async function voidRound(ctx: ServerCtx, p: Principal, id: string, reason: string) {
  const round = await roundOf(ctx, p, id);
  if (!seesAllUnits(p)) throw allUnitsOnly(L.voidNeedsAllUnits());
  refuseVoidState(round);
  const why = reason.trim();
  if (why === '') throw refusedAt('reason', 'invalid_reason', L.reasonBlank());
  const view = await roundView(ctx, round);
  const at = now();
  const rec = await ctx.store.tx(async (tx) => {
    await fenced(tx, id); // this write still holds the round's lease (lock.ts)
    // The round's row locked first (PostgreSQL): a write to it from another server waits, then finds
    // it gone; one that came first (a finalize) is seen here.
    const current = await store.getRound(tx, round.orgId, id, true);
    if (!current) throw notFound(R.roundNotFound({ id }));
    refuseVoidState(current);
    const using = await readers(tx, round.orgId, id);
    if (using.length > 0) throw conflict('round_in_use', L.voidInUse({ id: label(round), readers: using }));
    const members = (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM round_members WHERE round_id = ?', [id]))!.n;
    for (const table of ROUND_TABLES) await tx.run(`DELETE FROM ${table} WHERE round_id = ?`, [id]);
    await tx.run('DELETE FROM rounds WHERE id = ?', [id]);
    const detail: Omit<VoidedDetail, 'id'> = {
      name: round.name, scheme: view.scheme.id, version: view.scheme.version, period: round.period, unit: round.unit,
      status: round.status as VoidedDetail['status'], revision: round.revision, members,
    };
    await insertRecord(tx, p, id, 'voided', detail, why, at);
    // the record as every reader of it shows it (who: the token's and account's names)
    return (await latestRecord(tx, round.orgId, id, 'voided'))!;
  });
  return { voided: { ...(rec.detail as Omit<VoidedDetail, 'id'>), id, reason: rec.reason, at: rec.at, by: rec.by, account: rec.account, byName: rec.byName } };
}

interface VoidedDetail {
  id: string; name: string | null; scheme: string; version: number; period: string; unit: string | null;
  status: 'open' | 'evaluated' | 'publicity'; revision: number; members: number;
}
