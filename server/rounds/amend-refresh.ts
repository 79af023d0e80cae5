// A source refresh (issue 14, appeals): POST /api/rounds/:id/amendments `{refresh: true, reason}`.
// A round that rolled up other rounds (`results of`) or read past periods (`past`) is flagged out of
// date when one of those is amended after it read them, or an imported row it read is replaced by a
// re-import (stale-imports.ts). While it is merely evaluated it can simply be evaluated again; in 公示
// or final it cannot, and an amendment re-reads no source (everyone keeps the values the previous
// revision filled, amend-reuse.ts) — so without this
// the only way to bring it up to date was a fake correction whose answer said `amended` for a person
// whose quarter had changed. A refresh re-reads every source for everyone and makes the next revision,
// with the same rules as an amendment: an author, evaluated / 公示 / final within the appeal days, a
// reason, recorded (an amendments row of kind `refresh`) with the approving account; refused with 422
// `nothing_amended` when the round is not out of date. The people whose filled values changed carry
// why `source` in the answer's changes. Refreshing changes everyone's results, so a unit officer
// (an account covering only some units) may not do it.

import type { Locale } from '../../dsl/i18n/index.js';
import { seesAllUnits } from '../accounts/scope.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import { ApiError, said } from '../errors.js';
import { A } from './amend-messages.js';
import { amendedAnswer, checkAppealOpen, reasonProblems, recordAmendment, type Amended } from './amend.js';
import { evaluateRound, roundScheme } from './evaluate.js';
import { roundLocks } from './lock.js';
import { label, roundOf } from './round-common.js';

export interface RefreshBody { refresh: true; reason: string }

const problem = (path: string, code: string, msg: ReturnType<typeof A.invalid>) => ({ path, code, ...said(msg) });

/** POST /api/rounds/:id/amendments `{refresh: true, reason}`: under the round's lock, all or nothing. */
export function refreshSources(ctx: ServerCtx, p: Principal, roundId: string, body: RefreshBody, lang: Locale = 'en'): Promise<Amended> {
  return roundLocks.run(ctx.store, roundId, async () => {
    const round = await roundOf(ctx, p, roundId);
    checkAppealOpen(round);
    if (!seesAllUnits(p)) {
      const msg = A.refreshAllUnits();
      throw new ApiError(403, 'unit_not_allowed', msg, [problem('refresh', 'unit_not_allowed', msg)]);
    }
    const reason = body.reason.trim();
    const problems = reasonProblems(body.reason);
    if (!round.outOfDate) problems.push(problem('refresh', 'nothing_amended', A.notOutOfDate({ id: label(round) })));
    if (problems.length > 0) {
      const codes = new Set(problems.map((x) => x.code));
      const code = codes.size === 1 ? problems[0].code : 'invalid_input';
      throw new ApiError(422, code, code === 'nothing_amended' ? A.notOutOfDate({ id: label(round) }) : code === 'reason_required' ? A.reasonRequired() : A.invalid(), problems);
    }
    const { info } = await roundScheme(ctx, round);
    const at = now();
    const expected = round.revision + 1;
    let amendmentId!: number;
    let flagged: string[] = [];
    const done = await evaluateRound(ctx, roundId, p, {
      lang,
      amendment: {
        subject: '', parts: [], refresh: true,
        // In the revision's transaction: the refresh's row, the rounds that rolled this one up flagged.
        write: async (tx, n) => {
          if (n !== expected) throw new Error(`source refresh of ${roundId}: revision ${n}, expected ${expected}`);
          ({ id: amendmentId, flagged } = await recordAmendment(tx, p, roundId, { subject: '', kind: 'refresh', payload: '{}', reason, n, at }));
          return amendmentId;
        },
      },
    });
    return amendedAnswer(ctx, p, { done, info, amendmentId, flagged, lang });
  });
}
