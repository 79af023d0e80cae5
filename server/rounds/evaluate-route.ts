// POST /api/rounds/:id/evaluate (issue 14): evaluate under the round's lock (whole cohort only, not
// in 公示 or final), then answer the stored revision with the roll-up sources not final yet.
// With Idempotency-Key (V11b LOW-7: retries and double clicks made identical revisions) the key is
// kept in input_batches — the table inputs parts keep theirs in, unique per round, token and key —
// with the revision it made; a retry under the lock finds it and answers that revision again
// (`replayed`), a key used for another request (inputs, or evaluate with another `explain`) is 409.

import type { Locale } from '../../dsl/i18n/index.js';
import type { RoundRow } from '../db/schema.js';
import { seesAllUnits } from '../accounts/scope.js';
import { U } from '../accounts/scope-messages.js';
import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { now } from '../store/types.js';
import { conflict } from '../errors.js';
import type { Tx } from '../store/types.js';
import { evaluateRound, fillOwn, roundScheme } from './evaluate.js';
import { keptResponse } from './kept-batch.js';
import { pendingSources } from './fill.js';
import { roundLocks } from './lock.js';
import { R } from './messages.js';
import { allUnitsOnly, label, roundOf, roundView } from './round-common.js';
import * as store from './store.js';

/** The answer as JSON text: the result as stored (revision.result), not serialized a second time —
 * for 10,000 people it is MBs; with `explain`, the result with every member's explanation (which the
 * revision does not store). */
export async function evaluateAnswer(ctx: ServerCtx, p: Principal, id: string, how: { lang: Locale; explain: boolean; key?: string }): Promise<{ json: string; replayed: boolean }> {
  const done = await roundLocks.run(ctx.store, id, async () => {
    const round = await roundOf(ctx, p, id);
    if (!seesAllUnits(p)) throw allUnitsOnly(U.evaluateNeedsAllUnits());
    const again = how.key === undefined ? undefined : await replay(ctx, p, round, how.key, how.explain);
    if (again) return again;
    if (round.status === 'final') throw conflict('round_final', R.roundFinal({ id: label(round) }));
    if (round.status === 'publicity') throw conflict('round_in_publicity', R.evaluateInPublicity({ id: label(round) }));
    const key = how.key;
    // The key is stored in the revision's transaction: a second server that made the same request's
    // revision meanwhile holds the key (unique per round, token and key) and this one rolls back whole.
    const alongside = key === undefined ? undefined : (tx: Tx, n: number) => store.insertBatch(tx, {
      id: store.newBatchId(), roundId: id, tokenId: p.tokenId, key, requestHash: evaluateHash(how.explain), response: JSON.stringify({ revision: n }), at: now(),
    });
    const made = await evaluateRound(ctx, id, p, { lang: how.lang, explain: how.explain, alongside });
    return { round: made.round, n: made.revision.n, result: how.explain ? JSON.stringify(made.result) : made.revision.result, replayed: false };
  });
  const r = done.round;
  const { info } = await roundScheme(ctx, r);
  const pending = await pendingSources(ctx.store, r.orgId, { ...(await fillOwn(ctx, r)), round: r }, info);
  return { json: `{"round":${JSON.stringify(await roundView(ctx, r))},"revision":${done.n},"result":${done.result},"pendingSources":${JSON.stringify(pending)}}`, replayed: done.replayed };
}

/** What an evaluate request is, for its key: `explain` changes the answer. */
const evaluateHash = (explain: boolean) => `evaluate${explain ? '?explain' : ''}`;

/** The revision a request with `key` already made, to answer again (its stored result: a replay of
 * an `explain` answer has no explanations — the revision never stores them); undefined for a new key;
 * 409 `idempotency_key_reused` for a key another request used. */
async function replay(ctx: ServerCtx, p: Principal, round: RoundRow, key: string, explain: boolean) {
  const kept = await keptResponse(ctx, p, round.id, key, evaluateHash(explain));
  if (kept === undefined) return undefined;
  const n = (JSON.parse(kept) as { revision: number }).revision;
  const revision = await store.getRevision(ctx.store, round.id, n);
  if (!revision) return undefined;
  return { round, n, result: revision.result, replayed: true };
}
