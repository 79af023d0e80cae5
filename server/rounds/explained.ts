// A round evaluated with `?explain=1` (issue 14): the answer carries each member's explanation
// (`explain`, and each indicator's `trace`) as POST /api/evaluate does, but the revision stores the
// result as a plain evaluate would — byte for byte, keys in the same order — so explaining never
// changes what 公示, diffs, exports and history read.

import type { CohortResult } from '../../engine/api.js';

/** `o` without `key`, its other keys in their order. */
const omit = <T extends object>(o: T, key: string): T =>
  (key in o ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== key)) : o) as T;

/** The result as stored: no member's `explain`, no indicator's `trace`. */
export function withoutExplanations(result: CohortResult): CohortResult {
  return {
    ...result,
    results: result.results.map((r) => ({ ...omit(r, 'explain'), indicators: r.indicators.map((i) => omit(i, 'trace')) })),
  };
}
