// The what-if answer (issue 15, design §2) as plain data: what a stored round's inputs give under
// another version of its scheme (a draft, a later version, an edited file), compared with the
// result the round stored. The editor's 发布前模拟 panel, `POST /api/whatif` and `kaohe whatif` all
// show this one shape; the server's OpenAPI schema (server/whatif/schemas.ts) mirrors it.
//
// Numbers are the engine's reported values (rounded to the scheme's precision) as the result JSON
// carries them; nothing here is recomputed. Words (`reason`, quota notes, grade reasons after) are
// in the language asked for; grade reasons before are the stored ones, in the language the round was
// evaluated in.

import type { CohortResult, Effect, QuotaNote, Rank } from '../engine/api.js';

/** What a what-if reads of a round: the export document `GET /api/rounds/:id/export` answers
 * (server/rounds/export-schema.ts `RoundExport` fits this shape) — the inputs the current revision
 * ran on and its stored result. */
export interface RoundAgainst {
  round: { id: string; name: string | null; period: string; unit: string | null; status: string; revision: number };
  scheme: { id: string; version: number; hash: string };
  members: { id: string; unit: string | null; status: 'take' | 'absent' | 'ungraded'; countsInBase: boolean; display: Record<string, string | number> | null }[];
  inputs: { subject: string; input: Record<string, unknown>; decision: { grade?: string; order?: number; reason: string } | null }[];
  result: CohortResult | null;
}

/** Where a what-if gets its words: one scheme text and the file name its lines refer to. */
export interface SourceText { text: string; path?: string }

/** The declarations a rule diff compares, each by kind and name (dsl/ast.ts). `item`: a negative or
 * reward list's item, named `LIST.ITEM`; `list`: the list itself (its `max`, label); `grade`: one
 * grade line with its conditions and quotas; `grades`: the `grades` block's own settings (tiebreak,
 * committee); `action`, `bonus`, `improve`: parts of `outcomes`; `setting`: `precision`, `total`,
 * `cohort by`…, named by its key. */
export type RuleKind =
  | 'indicator' | 'group' | 'let' | 'adjust' | 'function' | 'table' | 'enum' | 'panel' | 'scale' | 'input'
  | 'list' | 'item' | 'grade' | 'grades' | 'action' | 'bonus' | 'improve' | 'setting';

/** One side of a changed declaration: its lines (1-based, inclusive) and its canonical text. */
export interface RuleSide { line: number; endLine: number; text: string }

/** A declaration that differs between the two sources (compared as canonical text, dsl/format). */
export interface RuleChange {
  kind: RuleKind;
  name: string;
  change: 'changed' | 'added' | 'removed';
  /** In the round's version (absent when added). */
  before?: RuleSide;
  /** In the version simulated (absent when removed). */
  after?: RuleSide;
  /** The declaration in words by its labels, in the language asked for: “纪律和作风负面清单”中的“迟到早退”事项,
   * “优秀”等次条件, 指标“工作实绩”. */
  title?: string;
}

/** A reference to a changed declaration (`rules` of the answer, by kind and name), and its words
 * (short: “迟到早退”事项). */
export interface RuleRef { kind: RuleKind; name: string; title?: string }

/** A person's standing on one side. */
export interface WhatIfStanding {
  score: number; grade: string | null; rank: Rank; bonus: number | null; actions: string[];
}

/** An indicator's or group's numbers on one side. */
export interface NodeSide { label: string; weight: number; score: number; points: number }

/** An indicator or group whose numbers differ (absent on a side where it did not apply / exist). */
export interface NodeRow { name: string; before?: NodeSide; after?: NodeSide }

/** A negative or reward item on one side: where it is declared in that side's source (`at`: `line
 * 84`, and the number; a reward item's result has no `at`: its line comes from the source when one was
 * given), its effects (negative) or addition (reward). */
export interface ItemSide { at?: string; line?: number; label?: string; effects?: Effect[]; add?: number }

/** A negative or reward item that fired on either side, where the two differ. */
export interface ItemRow { kind: 'negative' | 'reward'; list: string; item: string; before?: ItemSide; after?: ItemSide }

/** Why a person's standing changed: `rules` — their own scores, items or grade conditions came out
 * differently under the changed rules; `quota` — they crossed a quota line (entered it, or left it);
 * `rank` — only their rank moved; `cohort` — their score moved although none of their own rows did
 * (a cohort aggregate). */
export type WhatIfWhy = 'rules' | 'quota' | 'rank' | 'cohort';

/** One person whose score, rank, grade, bonus or actions differ. */
export interface PersonChange {
  subject: string;
  /** `姓名`/`name` from the roster's display fields, when present. */
  name?: string;
  unit: string;
  before: WhatIfStanding;
  after: WhatIfStanding;
  /** By the grade order (best first): `up` = a better grade after; `same` = the same grade. */
  direction: 'up' | 'down' | 'same';
  why: WhatIfWhy[];
  /** The why in words, in the language asked for. */
  reason: string;
  indicators: NodeRow[];
  groups: NodeRow[];
  items: ItemRow[];
  gradeReasons: { before: string[]; after: string[] };
  /** The quota notes on both sides (the engine's), and the crossing in words (null when none). */
  quota: { before?: QuotaNote; after?: QuotaNote; note: string | null };
  /** The changed declarations that touched this person: an indicator or group whose points changed
   * (or a let, table or function it reads), an item that fired on either side, the grades held on
   * either side, an action gained or lost, `bonus` when the bonus changed. Empty when the rule diff
   * is unknown (no source of the round's version given). */
  rules: RuleRef[];
}

/** A quota's numbers on one side, summed over the cohorts of the row (a unit may span several). */
export interface QuotaSide { limit: number; base: number; admitted: number }

export interface QuotaRow { grade: string; scope: 'cohort' | 'overall'; before?: QuotaSide; after?: QuotaSide }

/** Head counts per grade (and `none`) before and after, for one unit or the whole round. */
export interface DistributionRow {
  /** The roster unit (else the cohort key); `''` for the overall row. */
  unit: string;
  size: number;
  before: Record<string, number>;
  after: Record<string, number>;
  quotas: QuotaRow[];
}

export interface WhatIf {
  round: { id: string; name: string | null; period: string; status: string; revision: number };
  /** Which versions are compared. `version`: the number of the version in the system (第 n 版; the
   * simulated side's is null for a text that is no stored version: the editor's text, a file);
   * `label`: the scheme's own `version` text (`版本 "2026"`), null without one. */
  scheme: {
    before: { id: string; version: number; label: string | null; hash: string };
    after: { id: string; version: number | null; label: string | null; hash: string };
  };
  /** Decimal places of scores (the simulated version's `precision`): show 87.50, not 87.5. */
  precision: number;
  /** Grade names best first (the simulated version's, then any only the round's had), then `none`. */
  grades: string[];
  /** Always over everyone (not paginated). */
  summary: {
    subjects: number; changed: number; scoreChanged: number; gradeChanged: number; rankOnly: number;
    actionsChanged: number; up: number; down: number;
  };
  overall: DistributionRow;
  /** One row per unit, in roster order of first appearance. */
  units: DistributionRow[];
  /** The declarations that differ; null when the round's version source was not given (the CLI
   * without `--base`): the per-person rows still say what differs. */
  rules: RuleChange[] | null;
  /** The changed people of this page, in the round's order. */
  changes: PersonChange[];
  /** The cursor of the next page; absent on the last. */
  next?: string;
}
