// Brute-force protection of every credential path (bearer token, session cookie, sign-in code):
// failed authentications are counted per client address (address-key.ts) in a FailureLimiter;
// an address over the limit is answered 429 `too_many_failures` with Retry-After.
//
// While blocked, an address is refused on every credential path, valid credentials included:
// answering a correct guess during the lockout would tell the guesser that it was correct. The
// price is that people behind one NAT address share the lockout with whoever made the failures
// there; the limits are configurable (`createApp({ authFailures })`). A request that is not
// blocked pays one Map lookup for all this; only failures do more.

import type { Context } from 'hono';
import { clientAddress } from '../client-address.js';
import { ApiError } from '../errors.js';
import { M } from '../messages.js';
import { addressKey } from './address-key.js';
import type { FailureLimiter } from './limiter.js';

/** The credential that was refused: a bearer token, a session cookie or a sign-in code. */
export type CredentialKind = 'bearer' | 'session' | 'signin';

export interface FailureGuardOptions {
  limiter: FailureLimiter;
  /** The clock, ms since the epoch (tests move it). */
  now?: () => number;
  /** Called for every failure counted (the audit log records it). */
  onFailure?: (c: Context, credential: CredentialKind) => void;
}

export const tooManyFailures = (retryAfterSeconds: number) =>
  new ApiError(429, 'too_many_failures', M.tooManyFailures({ seconds: retryAfterSeconds }), [], {
    'Retry-After': String(retryAfterSeconds),
  });

export class FailureGuard {
  private readonly limiter: FailureLimiter;
  private readonly now: () => number;
  private readonly onFailure?: (c: Context, credential: CredentialKind) => void;

  constructor(opts: FailureGuardOptions) {
    this.limiter = opts.limiter;
    this.now = opts.now ?? Date.now;
    this.onFailure = opts.onFailure;
  }

  /** Seconds until the caller's address may authenticate again, or 0 when it may now. */
  retryAfter(c: Context): number {
    return this.retryAfterAt(clientAddress(c));
  }

  /** The same for a client address (clientAddress: the evaluate fast lane knows it without a Context). */
  retryAfterAt(address: string): number {
    const now = this.now();
    const until = this.limiter.blockedUntil(addressKey(address), now);
    return until === undefined ? 0 : Math.max(1, Math.ceil((until - now) / 1000));
  }

  /** Throws 429 `too_many_failures` when the caller's address is blocked. */
  check(c: Context): void {
    const seconds = this.retryAfter(c);
    if (seconds > 0) throw tooManyFailures(seconds);
  }

  /** Counts a refused credential against the caller's address; resolves once it is counted (await
   * it before answering: the caller's next try must find the count, also on PostgreSQL). */
  async failed(c: Context, credential: CredentialKind): Promise<void> {
    const counted = this.limiter.recordFailure(addressKey(clientAddress(c)), this.now());
    this.onFailure?.(c, credential);
    await counted;
  }
}
