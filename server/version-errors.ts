// The refusal of a scheme that does not prepare: 422 `invalid_scheme` with its diagnostics as details,
// and the one every route gives for a stored version with errors ("version n has errors", 第 n 版有错误).
// One place, so evaluate, the rounds, the import, the statistics and the prepared-scheme cache (which
// each prepare a version, on the event loop or in a worker) answer with the same code and text.
// Here rather than in schemes/service.ts: prepared.ts needs it, and schemes/service.ts imports prepared.ts.

import type { Msg } from '../dsl/i18n/index.js';
import { ApiError } from './errors.js';
import { M } from './messages.js';

/** 422 `invalid_scheme`; `details` are diagnostics (capped, with the count of the rest last). */
export const invalidScheme = (msg: Msg, details: unknown[]) => new ApiError(422, 'invalid_scheme', msg, details);

/** 422 `invalid_scheme` "version n has errors", with the errors it does not prepare with. */
export const versionRefused = (n: number, errors: unknown[]) => invalidScheme(M.versionHasErrors({ n }), errors);
