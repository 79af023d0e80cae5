// What the official papers are built from (issue 15): the round and its people as the server reads
// them — plain data, the grade and unit as stored for the round's latest revision.

import type { Locale } from '../../dsl/i18n/index.js';

export interface PaperRound {
  id: string;
  name: string | null;
  period: string;
  /** The last day of 公示 (`2026-12-20`), null when it has not started. */
  publicityUntil: string | null;
  /** Days a person has to ask for a review (复核). */
  appealDays: number;
}

export interface PaperPerson {
  subject: string;
  /** `姓名`/`name` of the display fields, else the id. */
  name: string;
  unit: string | null;
  post?: string;
  grade: string | null;
}

export interface PaperContext {
  lang: Locale;
  /** The scheme's label, else its name. */
  scheme: string;
  round: PaperRound;
}
