// A 公示 already held, recorded late (issue 16, U6 M-3): in December a county officer catches up the
// year's quarters, whose 公示 were held on paper at the time. POST /api/rounds/:id/publicize takes an
// end date in the past only for a round whose period is over, and only with the 公示's first day
// (`from`) and a reason; the 公示期 is recorded as given, with who entered it and when
// (round_records, records.ts), and shown with the round (`publicityRecord`) and on its 公示名单 —
// never passed off as a 公示 that ran in kaohe. Finalizing then follows at once, as the 公示 is over.
// (How the record is shown, `publicityRecord`, is records.ts's.)

import { whyNotDate } from '../../dsl/date-faults.js';
import { dateFault, isPeriod, parsePeriod } from '../../dsl/dates.js';
import type { RoundRow } from '../db/schema.js';
import { conflict } from '../errors.js';
import { L } from './late-messages.js';
import { label, refusedAt as refuse, STATUS_WORD } from './round-common.js';

/** What publicize was asked besides `until`. */
export interface LateAsk { from?: string; reason?: string }

/** A 公示 already held, to record: its first and last day and why it is entered late. */
export interface Late { from: string; until: string; reason: string }

/** The last day of the round's period (`2026-Q1` → `2026-03-31`); none for a text that is no period. */
function periodEnd(period: string): string | undefined {
  const p = parsePeriod(period, undefined);
  return isPeriod(p) ? p.end : undefined;
}

/** Undefined for a 公示 that ends today or later (`from`/`reason` are then refused: they are for a
 * 公示 already held); the late 公示 to record when `until` is past, the period over and `from` and
 * `reason` given; else 422 (409 when the round is not `evaluated`). `today`: China's date. */
export function latePublicity(round: RoundRow, until: string, today: string, ask: LateAsk): Late | undefined {
  if (until >= today) {
    if (ask.from !== undefined || ask.reason !== undefined) throw refuse(ask.from !== undefined ? 'from' : 'reason', 'not_late', L.fromNotLate());
    return undefined;
  }
  const end = periodEnd(round.period);
  if (end === undefined || end >= today) {
    throw refuse('until', 'date_in_past', L.untilPastOpen({ until, today, period: round.period, end: end ?? '—' }));
  }
  const reason = ask.reason?.trim();
  if (ask.from === undefined || reason === undefined) throw refuse('until', 'date_in_past', L.untilPastLate({ until, today, period: round.period }));
  if (reason === '') throw refuse('reason', 'invalid_reason', L.reasonBlank());
  const from = ask.from.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || dateFault(from)) throw refuse('from', 'invalid_date', L.fromInvalid({ from, why: whyNotDate(from) }));
  if (from > until) throw refuse('from', 'invalid_date', L.fromAfterUntil({ from, until }));
  if (round.status !== 'evaluated') throw conflict('round_not_evaluated', L.lateNeedsEvaluated({ id: label(round), status: STATUS_WORD[round.status]() }));
  return { from, until, reason };
}
