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
  /** The round's status: a 登记表 or notice printed before `final` says its result is not final yet
   * (U6 L-9); absent: final (papers built without a round, in tests). */
  status?: 'open' | 'evaluated' | 'publicity' | 'final';
  /** A 公示 already held, recorded late (server/rounds/publicity-late.ts): its first day and the day
   * it was entered — the 公示名单 says both, never passing it off as held in kaohe. */
  publicityRecord?: { from: string; at: string };
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
