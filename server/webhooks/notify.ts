// The finalize webhook (issue 14): when a round is finalized, the organization's OA system gets a
// signed POST `{event: "round.finalized", round: {id, scheme, version, period, revision}, at}`.
// Off the request path: the finalize answer never waits for a slow or dead receiver. The signature
// `X-Kaohe-Signature: sha256=<hex>` is HMAC-SHA256 of the exact body bytes sent, so the receiver
// verifies what it got before parsing it. Three tries (5 s timeout each, backoff between), any 2xx
// is delivered; failures are logged, never thrown — a finalized round stays finalized whatever the
// receiver does.

import { createHmac } from 'node:crypto';
import type { ServerCtx } from '../context.js';
import { postChecked } from './deliver.js';
import { getWebhook } from './store.js';

export interface FinalizedRound {
  orgId: number;
  id: string;
  /** The scheme's name (API id). */
  scheme: string;
  /** The scheme version number the round runs on. */
  version: number;
  period: string;
  revision: number;
}

export interface Delivery {
  /** Per try, ms. */
  timeoutMs: number;
  /** Waits before the second, third… try, ms; tries = 1 + its length. */
  backoffMs: readonly number[];
}

export const DEFAULT_DELIVERY: Delivery = { timeoutMs: 5000, backoffMs: [1000, 5000] };

export const signature = (secret: string, body: string): string =>
  'sha256=' + createHmac('sha256', secret).update(body, 'utf8').digest('hex');

/** The body sent for a finalized round (exported for tests and receivers' examples). */
export function finalizedBody(round: FinalizedRound, at: string): string {
  const { id, scheme, version, period, revision } = round;
  return JSON.stringify({ event: 'round.finalized', round: { id, scheme, version, period, revision }, at });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts delivering the event when the organization has a webhook and returns at once; the promise
 * (for tests) settles when delivery succeeded or every try failed, and never rejects. The webhook is
 * read first (before the first try, off the finalize's answer), so a change after the finalize does
 * not redirect its event. */
export async function notifyFinalized(ctx: Pick<ServerCtx, 'store' | 'log'>, round: FinalizedRound, delivery: Delivery = DEFAULT_DELIVERY): Promise<boolean> {
  let hook;
  try {
    hook = await getWebhook(ctx.store, round.orgId);
  } catch (e) {
    ctx.log({ level: 'error', msg: 'webhook not read', round: round.id, error: String(e) });
    return false;
  }
  if (!hook) return false;
  const body = finalizedBody(round, new Date().toISOString());
  const headers = { 'Content-Type': 'application/json', 'User-Agent': 'kaohe-webhook', 'X-Kaohe-Event': 'round.finalized', 'X-Kaohe-Signature': signature(hook.secret, body) };
  const { url } = hook;
  const attempt = async (n: number): Promise<boolean> => {
    try {
      // To the address checked after resolving the host, redirects not followed (deliver.ts).
      const status = await postChecked(url, headers, body, delivery.timeoutMs);
      if (status >= 200 && status < 300) {
        ctx.log({ msg: 'webhook delivered', round: round.id, url, status, try: n });
        return true;
      }
      ctx.log({ level: 'warn', msg: 'webhook refused', round: round.id, url, status, try: n });
    } catch (e) {
      ctx.log({ level: 'warn', msg: 'webhook failed', round: round.id, url, error: (e as Error).message ?? String(e), try: n });
    }
    return false;
  };
  const run = async (): Promise<boolean> => {
    // Never on the request's own turn of the event loop.
    await sleep(0);
    for (let n = 1; ; n++) {
      if (await attempt(n)) return true;
      const wait = delivery.backoffMs[n - 1];
      if (wait === undefined) break;
      await sleep(wait);
    }
    ctx.log({ level: 'error', msg: 'webhook gave up', round: round.id, url, tries: delivery.backoffMs.length + 1 });
    return false;
  };
  return run().catch(() => false);
}
