// A round request sent again with its Idempotency-Key: an inputs part or an evaluate keeps its key in
// input_batches (unique per round, token and key) with what it answered; the same request again finds
// it, and the key sent with another request is 409 `idempotency_key_reused`.

import type { Principal } from '../auth/tokens.js';
import type { ServerCtx } from '../context.js';
import { conflict } from '../errors.js';
import { M } from '../messages.js';
import * as store from './store.js';

/** The stored response of the request `key` already made on round `roundId`, if any; 409 when that
 * request was another (`requestHash` differs). */
export async function keptResponse(ctx: ServerCtx, p: Principal, roundId: string, key: string, requestHash: string): Promise<string | undefined> {
  const first = await store.findBatch(ctx.store, roundId, p.tokenId, key);
  if (!first) return undefined;
  if (first.requestHash !== requestHash) throw conflict('idempotency_key_reused', M.keyReused());
  return first.response;
}
