// POST /api/rounds/:id/evaluate (issue 14): evaluate under the round's lock (whole cohort only, not
// in 公示 or final), then answer the stored revision with the roll-up sources not final yet.

import type { Locale } from '../../dsl/i18n/index.js';
import { seesAllUnits } from '../accounts/scope.js';
import { U } from '../accounts/scope-messages.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { conflict } from '../errors.js';
import { evaluateRound, fillOwn, roundScheme } from './evaluate.js';
import { pendingSources } from './fill.js';
import { roundLocks } from './lock.js';
import { R } from './messages.js';
import { allUnitsOnly, label, roundOf, roundView } from './round-common.js';

/** The answer as JSON text: the result as stored (revision.result), not serialized a second time —
 * for 10,000 people it is MBs; with `explain`, the result with every member's explanation (which the
 * revision does not store). */
export async function evaluateAnswer(ctx: ServerCtx, p: Principal, id: string, how: { lang: Locale; explain: boolean }): Promise<string> {
  const done = await roundLocks.run(id, async () => {
    const round = roundOf(ctx, p, id);
    if (!seesAllUnits(p)) throw allUnitsOnly(U.evaluateNeedsAllUnits());
    if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
    if (round.status === 'publicity') throw conflict('round_in_publicity', R.evaluateInPublicity({ id: label(round) }));
    return evaluateRound(ctx, id, p, { lang: how.lang, explain: how.explain });
  });
  const r = done.round;
  const { info } = await roundScheme(ctx, r);
  const pending = pendingSources(ctx.db, r.orgId, { ...fillOwn(ctx, r), round: r }, info);
  return `{"round":${JSON.stringify(roundView(ctx, r))},"revision":${done.revision.n},"result":${how.explain ? JSON.stringify(done.result) : done.revision.result},"pendingSources":${JSON.stringify(pending)}}`;
}
