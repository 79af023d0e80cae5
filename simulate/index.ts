// What-if (issue 15, design §2): a stored round's inputs run under another version of its scheme —
// a draft, a later version, an edited file — and compared with the result the round stored, before
// anything is published. One cohort evaluation (no explanation), then a comparison linear in the
// round's size: the standings (standings.ts, shared with the appeals), the distribution per unit
// with the quota numbers (distribution.ts), the declarations that differ (rules.ts), and per changed
// person of the page asked for, the rows side by side (person.ts). Nothing is stored; the server and
// the CLI decide where the inputs come from and what a caller may see.
//
// Pure but for the engine, which the caller passes (the server wraps it in the cohort CPU budget).

import type { Locale } from '../dsl/i18n/index.js';
import type { EngineApi, EvalError, PreparedScheme } from '../engine/api.js';
import { distributions, gradeOrder } from './distribution.js';
import { direction, personChange, type PersonContext } from './person.js';
import { ruleChanges, ruleIndex } from './rules.js';
import { ACTIONS, changedStandings, GRADE, movedAt, moversOf, SCORE } from './standings.js';
import { roundSubjects } from './subjects.js';
import type { RoundAgainst, SourceText, WhatIf } from './types.js';

export type * from './types.js';

/** Changes per page: 100 unless asked, at most 500. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

export interface WhatIfOptions {
  lang?: Locale;
  limit?: number;
  /** Where the page starts (the `next` of the previous page). */
  cursor?: string;
  /** Every change on one page (the CLI's report), whatever `limit` says. */
  unpaged?: boolean;
  /** Only this person's change (the editor's detail view). */
  subject?: string;
  /** The two sources, for the rule diff and item lines: the round's version and the one simulated
   * (the text `prepared` was prepared from). Without `before`, `rules` is null. */
  sources?: { before?: SourceText; after: SourceText };
  /** Most evaluation problems reported (default 100). */
  maxErrors?: number;
  /** The number of the version simulated in the system (第 n 版), when it is a stored version. */
  version?: number;
}

export type WhatIfOutcome =
  | { ok: true; value: WhatIf }
  /** The inputs do not fit the simulated version (a field it needs that the round never had…): the
   * engine's errors, each with its subject and path. */
  | { ok: false; reason: 'invalid_input'; errors: EvalError[] }
  /** The round has no result yet. */
  | { ok: false; reason: 'not_evaluated' }
  /** `cursor` is not a position in the list of changes. */
  | { ok: false; reason: 'bad_cursor'; max: number };

export async function whatIf(engine: Pick<EngineApi, 'evaluateCohort'>, prepared: PreparedScheme, against: RoundAgainst, opts: WhatIfOptions = {}): Promise<WhatIfOutcome> {
  const previous = against.result;
  if (!previous) return { ok: false, reason: 'not_evaluated' };
  const lang = opts.lang ?? 'en';
  const { subjects, unitOf, nameOf } = roundSubjects(against, prepared);
  const outcome = await engine.evaluateCohort(prepared, subjects, {
    period: against.round.period, maxErrors: opts.maxErrors ?? 100, ...(lang !== 'en' && { lang }),
  });
  if (!outcome.ok) return { ok: false, reason: 'invalid_input', errors: outcome.errors };
  const next = outcome.value;
  const grades = gradeOrder(prepared.gradeNames ?? [], next, previous);
  // Counted from the positions of who changed; a Moved (actions gained and lost, the side-by-side
  // rows) is built only for the page asked for.
  const changed = changedStandings(previous, next);
  const rules = rulesOf(opts.sources, lang);
  const summary = { subjects: next.results.length, changed: changed.count, scoreChanged: 0, gradeChanged: 0, rankOnly: 0, actionsChanged: 0, up: 0, down: 0 };
  for (let k = 0; k < changed.count; k++) {
    const flags = changed.flags[k];
    if (flags & SCORE) summary.scoreChanged++;
    if (flags & ACTIONS) summary.actionsChanged++;
    if (flags === 0) summary.rankOnly++;
    if (!(flags & GRADE)) continue;
    summary.gradeChanged++;
    if (direction(previous.results[changed.was[k]].grade, next.results[changed.at[k]].grade, grades) === 'up') summary.up++;
    else summary.down++;
  }
  // The changes listed: all (the `k`th is `changed`'s), or the one person's (their index into it).
  const only: number[] = [];
  if (opts.subject !== undefined) for (let k = 0; k < changed.count; k++) if (next.results[changed.at[k]].subject === opts.subject) only.push(k);
  const listed = { length: opts.subject === undefined ? changed.count : only.length, at: (j: number) => (opts.subject === undefined ? j : only[j]) };
  const start = opts.cursor === undefined ? 0 : Number(opts.cursor);
  if (!Number.isInteger(start) || start < 0 || start > listed.length || (opts.cursor !== undefined && !/^\d+$/.test(opts.cursor))) {
    return { ok: false, reason: 'bad_cursor', max: listed.length };
  }
  const limit = opts.unpaged ? Math.max(1, listed.length) : Math.min(MAX_LIMIT, Math.max(1, opts.limit ?? DEFAULT_LIMIT));
  const page: number[] = [];
  for (let j = start; j < Math.min(start + limit, listed.length); j++) page.push(listed.at(j));
  let movers: ReturnType<typeof moversOf> | undefined;
  const ctx: PersonContext = { previous, next, movers: () => (movers ??= moversOf(changed, previous, next)), grades, lang, unitOf, nameOf, precision: prepared.precision, ...(rules && { rules }) };
  return {
    ok: true,
    value: {
      round: { id: against.round.id, name: against.round.name, period: against.round.period, status: against.round.status, revision: against.round.revision },
      scheme: {
        before: { ...against.scheme, label: previous.scheme.version },
        after: { id: next.scheme.id, version: opts.version ?? null, label: next.scheme.version, hash: next.scheme.hash },
      },
      precision: prepared.precision,
      grades,
      summary,
      ...distributions(previous, next, unitOf, grades),
      rules: rules ? rules.changes : null,
      changes: page.map((k) => personChange(movedAt(changed, k, previous, next), changed.at[k], ctx)),
      ...(start + limit < listed.length && { next: String(start + limit) }),
    },
  };
}

function rulesOf(sources: WhatIfOptions['sources'], lang: Locale): PersonContext['rules'] {
  if (!sources?.before) return undefined;
  const before = ruleIndex(sources.before);
  const after = ruleIndex(sources.after);
  if (!before || !after) return undefined;
  return { changes: ruleChanges(before, after, lang), before, after };
}
