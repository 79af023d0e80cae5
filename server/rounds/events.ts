// What happens after a round is finalized beyond the round itself: the webhook to the organization's
// OA system (server/webhooks/, S3) registers here, so the rounds core does not depend on it. Called
// after the finalize transaction committed, off the request's answer (listeners must not throw).

import type { ServerCtx } from '../context.js';
import type { RoundRow } from '../db/schema.js';

export type FinalizedListener = (ctx: ServerCtx, round: RoundRow & { scheme: string; version: number }) => void;

const listeners: FinalizedListener[] = [];

export function onRoundFinalized(listener: FinalizedListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export function roundFinalized(ctx: ServerCtx, round: RoundRow & { scheme: string; version: number }): void {
  for (const l of listeners) {
    try { l(ctx, round); } catch (e) { ctx.log({ level: 'error', msg: 'round.finalized listener failed', error: String(e) }); }
  }
}
