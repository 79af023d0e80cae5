// An ApiError across the thread boundary. A job that refuses something the way a handler would (a
// cohort too large, the cohort budget spent) throws an ApiError; thrown in a worker it would reach
// the main thread only as the text of an Error (a 500). So a job that may refuse (the what-if,
// server/whatif/job.ts) catches it where it is thrown and hands it back as plain data, and the
// handler throws it again on the main thread: the same status, code, localized message and details
// as in-process.

import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageLike } from '../../dsl/diagnostics.js';
import { ApiError } from '../errors.js';

export interface CarriedError { status: ContentfulStatusCode; code: string; msg: MessageLike; details: unknown[]; headers: Record<string, string> }

/** `fn()`, or the ApiError it threw as data (anything else is thrown on: a bug, a 500). */
export async function carrying<T>(fn: () => Promise<T> | T): Promise<{ value: T } | { error: CarriedError }> {
  try {
    return { value: await fn() };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { error: { status: e.status, code: e.code, msg: e.msg, details: e.details, headers: e.headers } };
  }
}

/** The value, or the carried error thrown again as the ApiError it was. */
export function uncarried<T>(r: { value: T } | { error: CarriedError }): T {
  if ('error' in r) throw new ApiError(r.error.status, r.error.code, r.error.msg, r.error.details, r.error.headers);
  return r.value;
}
