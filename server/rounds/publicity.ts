// 公示 and final of a round (issue 14): POST /api/rounds/:id/publicize {until} (China's calendar
// days, only extended, never on a changed or out-of-date round; a 公示 already held of a past period
// recorded late with `from` and `reason`: publicity-late.ts) and POST /api/rounds/:id/finalize
// (after 公示 ended); one announced result per person and period (one-result.ts).

import { whyNotDate } from '../../dsl/date-faults.js';
import { dateFault } from '../../dsl/dates.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { seesAllUnits } from '../accounts/scope.js';
import { U } from '../accounts/scope-messages.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import type { RoundRow } from '../db/schema.js';
import type { Tx } from '../store/types.js';
import { conflict, notFound } from '../errors.js';
import { changedSinceRevision } from './changed.js';
import { chinaDay } from './china-day.js';
import { roundScheme } from './evaluate.js';
import { R } from './messages.js';
import { allUnitsOnly, label, refusedAt, roundOf, STATUS_WORD } from './round-common.js';
import { lockScheme, refuseAnnouncedResult, refuseSecondResult } from './one-result.js';
import { latePublicity, type LateAsk } from './publicity-late.js';
import { insertRecord } from './records.js';
import { flagReadersOfFinalized } from './stale-arrivals.js';
import { S } from './stale-messages.js';
import * as store from './store.js';
import { fenced } from './lock.js';

const chinaToday = () => chinaDay(Date.now());

/** How far ahead a 公示 may end: 90 days after today (China time). A 公示 runs 5–7 working days, an
 * extension a few more; an end months or years ahead is a typo (`2062` for `2026`, `9999-12-31`)
 * that would hold the round — and its scheme and period — in 公示 (V11b HIGH-2). */
export const MAX_PUBLICITY_DAYS = 90;

/** The last day a 公示 may end, `days` after China's `today` (`YYYY-MM-DD`). */
export function latestUntil(today: string, days = MAX_PUBLICITY_DAYS): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `until` as a day: `YYYY-MM-DD`, or an instant with offset (its day in China); else why it is none
 * (`2026-13-01`: there is no month 13). */
function dayOf(text: string): { day: string } | { why: Msg } {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
  if (date !== undefined && dateFault(date)) return { why: whyNotDate(date) };
  if (date !== undefined && text === date) return { day: date };
  if (!/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(text)) return { why: R.untilForm() };
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? { why: R.untilForm() } : { day: chinaDay(ms) };
}

/** 409 `round_out_of_date`: a round it rolled up was amended since; 公示 and final would show old figures. */
function refuseStale(round: RoundRow): void {
  if (round.outOfDate) throw conflict('round_out_of_date', S.roundOutOfDate({ id: label(round) }));
}

/** 409 unless the round can enter 公示: evaluated (or in 公示 already, to extend it), up to date. */
function refusePublicizeState(round: RoundRow): void {
  if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
  if (round.status === 'open') throw conflict('round_not_evaluated', R.notEvaluated({ id: label(round), step: R.stepPublicity() }));
}

/** The round as the transaction locked it (dialect.ts forUpdate): the checks made before it are made
 * again on it — another server may have changed the round meanwhile (this process's writes of it are
 * serialized by lock.ts). */
async function lockedRound(tx: Tx, round: RoundRow): Promise<RoundRow> {
  const current = await store.getRound(tx, round.orgId, round.id, true);
  if (!current) throw notFound(R.roundNotFound({ id: round.id }));
  return current;
}

export async function publicize(ctx: ServerCtx, p: Principal, id: string, until: string, ask: LateAsk = {}): Promise<RoundRow> {
  const round = await roundOf(ctx, p, id);
  if (!seesAllUnits(p)) throw allUnitsOnly(U.publicizeNeedsAllUnits());
  refusePublicizeState(round);
  const read = dayOf(until);
  if ('why' in read) throw refusedAt('until', 'invalid_date', R.untilInvalid({ until, why: read.why }));
  const day = read.day;
  const latest = latestUntil(chinaToday());
  if (day > latest) throw refusedAt('until', 'date_too_far', R.untilTooFar({ until: day, days: MAX_PUBLICITY_DAYS, latest }));
  // A past end date: only a 公示 already held of a period that is over, recorded as such.
  const late = latePublicity(round, day, chinaToday(), ask);
  // 公示 runs its announced days: a second publicize may extend it, never cut it short.
  if (round.status === 'publicity' && round.publicityUntil !== null && day < round.publicityUntil) {
    throw conflict('publicity_shortened', S.publicityShortened({ id: label(round), until: round.publicityUntil, wanted: day }));
  }
  refuseStale(round);
  if (round.status === 'evaluated' && (await changedSinceRevision(ctx, round, (await roundScheme(ctx, round)).info))) throw conflict('round_changed', S.roundChanged({ id: label(round) }));
  await ctx.store.tx(async (tx) => {
    await fenced(tx, id); // this write still holds the round's lease (lock.ts)
    // The scheme's row first: publicizes and finalizes of its rounds run one after another (one-result.ts).
    await lockScheme(tx, round.schemeId);
    const current = await lockedRound(tx, round);
    refusePublicizeState(current);
    refuseStale(current);
    // Entering 公示 announces the results: none of these people may have one announced already (an
    // extension announces nothing new).
    if (current.status === 'evaluated') await refuseAnnouncedResult(tx, current);
    await store.updateRound(tx, id, { status: 'publicity', publicityUntil: day });
    if (late) await insertRecord(tx, p, id, 'publicity_late', { from: late.from, until: late.until }, late.reason, now());
  });
  return { ...round, status: 'publicity', publicityUntil: day };
}

/** 409 unless the round is in 公示 and up to date. */
function refuseFinalizeState(round: RoundRow): void {
  if (round.status === 'final') throw conflict('round_final', R.alreadyFinal({ id: label(round) }));
  if (round.status !== 'publicity') throw conflict('round_not_in_publicity', R.notInPublicity({ id: label(round), status: STATUS_WORD[round.status]() }));
  refuseStale(round);
}

export async function finalize(ctx: ServerCtx, p: Principal, id: string): Promise<RoundRow> {
  const round = await roundOf(ctx, p, id);
  if (!seesAllUnits(p)) throw allUnitsOnly(U.finalizeNeedsAllUnits());
  refuseFinalizeState(round);
  // 公示 runs through its `until` day (China time): finalize from the day after.
  if (round.publicityUntil !== null && round.publicityUntil >= chinaToday()) {
    throw conflict('publicity_running', R.publicityRunning({ id: label(round), until: round.publicityUntil }));
  }
  const at = now();
  await ctx.store.tx(async (tx) => {
    await fenced(tx, id); // this write still holds the round's lease (lock.ts)
    await lockScheme(tx, round.schemeId);
    refuseFinalizeState(await lockedRound(tx, round));
    await refuseSecondResult(tx, round);
    await store.updateRound(tx, id, { status: 'final', finalizedAt: at });
    await store.finalizeResults(tx, id);
    // Rounds that read these people's results of this period as missing are out of date now.
    await flagReadersOfFinalized(tx, round);
  });
  return { ...round, status: 'final', finalizedAt: at };
}

