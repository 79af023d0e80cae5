// What a feedback sheet is built from (issue 15): plain data the server gathers — nothing here reads
// a database or runs the engine. Every number printed comes from `result` (the stored result of the
// round's latest revision) or `unitMeans` (the unit's averages over the same revision's facts); the
// re-evaluation's explanation only says WHY (which grade the person first met, which restriction
// acted) and is passed only when it agrees with the stored result (the server checks).

import type { Locale } from '../../dsl/i18n/index.js';
import type { UnitMeans } from '../../analytics/means.js';
import type { SchemeFacts } from '../../analytics/types.js';
import type { CohortMemberResult, Explain } from '../../engine/api.js';
import type { FeedbackTerms } from './terms.js';

/** The round a sheet belongs to. */
export interface FeedbackRound {
  id: string;
  /** Its name (2026年一季度考核), null when it has none. */
  name: string | null;
  /** The period (`2026-Q1`). */
  period: string;
}

/** One earlier result of the same person under the same scheme. */
export interface EarlierResult {
  period: string;
  /** Reported score text, null when there was none. */
  score: string | null;
  grade: string | null;
}

/** One person of the round. */
export interface FeedbackPerson {
  /** The stored result (latest revision). */
  result: CohortMemberResult;
  /** The person's unit: the roster's, else the cohort key (null: none). */
  unit: string | null;
  /** How many people its cohort has (for 名次); absent: no rank shown. */
  cohortSize?: number;
  /** The averages of the person's unit (analytics/means.ts), null when unknown. */
  unitMeans: UnitMeans | null;
  /** Earlier periods of the same scheme, oldest first (this period left out). */
  history: EarlierResult[];
  /** The explanation of re-evaluating the person's stored input, when it agrees with `result`. */
  explain?: Explain;
  /** The person's stored input (the counts a per-count deduction was made of), when known. */
  input?: Record<string, unknown>;
}

/** What every sheet of a document shares. */
export interface FeedbackContext {
  lang: Locale;
  scheme: SchemeFacts;
  round: FeedbackRound;
  /** What the scheme's text says of actions, per-count deductions and bonus factors (terms.ts). */
  terms?: FeedbackTerms;
}
