// A revision's statistics facts as stored text (issue 15, analytics/facts.ts), made where a revision
// is made (rounds/evaluate.ts, before its transaction; store.insertRevision stores it in the same
// transaction) and by the backfill of facts-store.ts. Apart from facts-store.ts so that the rounds
// core imports no more of statistics than this.

import { factsOf, schemeFactsOf } from '../../analytics/facts.js';
import type { SchemeFacts } from '../../analytics/types.js';
import type { CohortResult, PreparedScheme } from '../../engine/api.js';
import type { Log } from '../log.js';

/** The scheme's side of the facts, once per prepared scheme (the prepared cache keeps the object). */
const schemeFactsMemo = new WeakMap<PreparedScheme, SchemeFacts>();

function schemeFactsFor(prepared: PreparedScheme): SchemeFacts {
  let s = schemeFactsMemo.get(prepared);
  if (!s) schemeFactsMemo.set(prepared, (s = schemeFactsOf(prepared)));
  return s;
}

/** The facts of a cohort result as stored text; `units`: each subject's roster unit (or the round's). */
export function factsText(prepared: PreparedScheme, result: CohortResult, units: ReadonlyMap<string, string | null>): string {
  const roster = result.results.map((r) => ({ id: r.subject, unit: units.get(r.subject) ?? null }));
  return JSON.stringify(factsOf(result, roster, schemeFactsFor(prepared)));
}

/** `factsText`, or null (logged) when the facts cannot be made: evaluating a round never fails for
 * statistics' sake — the revision is stored and its facts are made again on first use. */
export function factsTextOrNull(log: Log, roundId: string, prepared: PreparedScheme, result: CohortResult, units: ReadonlyMap<string, string | null>): string | null {
  try {
    return factsText(prepared, result, units);
  } catch (e) {
    log({ level: 'error', msg: 'revision facts not made', round: roundId, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    return null;
  }
}
