// The result of an evaluation (LANGUAGE.md §12) as plain TypeScript declarations: what the engine,
// the library (`import type { SubjectResult } from 'kaohe'`), the CLI and the editor type results
// with. The schema the server validates and documents (result-schema.ts, zod) declares the same
// shapes; result-schema.ts asserts at compile time that each of its `z.infer` types is exactly the
// declaration here, so a field added, renamed or dropped on one side fails the type check
// (test/package/result-types.test.ts runs it). Declared, not inferred, because the inferred types
// made the package's declarations 2.25 MB: a 40-line consumer took 7–20 s to type-check (user
// trial, issue 16). Object types rather than interfaces, so a result still reads as a
// Record<string, unknown> where code walks it generically. Field notes are the schema's descriptions.

/** Which scheme version produced the result. */
export type SchemeRef = {
  id: string;
  /** the scheme's `version`, null when it has none */
  version: string | null;
  /** sha256 of the source text, `sha256:…` */
  hash: string;
};

/** Fields that only name the person (a roster's extra columns: 姓名, 科室…), as sent; never evaluated. */
export type Display = Record<string, string>;

/** A committee decision (`grades by committee`, issue 13), echoed in the result. */
export type Decision = {
  /** the grade the committee decided: replaces the grade conditions (never a cap, veto or quota) */
  grade?: string;
  /** the subject's place in the committee's order (1 = first): a quota race key after the ranking key */
  order?: number;
  /** why, as the committee recorded it */
  reason: string;
};

// ---- explanation values

/** A value in an explanation: numbers rounded to 6 digits, enum members and records as text. */
export type TraceValue = number | string | boolean | null | TraceValue[];
type Values = Record<string, TraceValue>;

type CriterionRatings = {
  name: string;
  /** how many ballots rate this criterion */
  ratings: number;
  used?: TraceValue[];
  trimmed?: TraceValue[];
  mean?: TraceValue;
  /** the category's share of this criterion's score */
  weight?: TraceValue;
  missing?: true;
};

export type RatingCategory = {
  name: string;
  /** how many ratings were given (with criteria: ballots) */
  ratings: number;
  /** the ratings averaged (after trimming) */
  used?: TraceValue[];
  /** the ratings dropped: highest first, then lowest */
  trimmed?: TraceValue[];
  mean?: TraceValue;
  /** the category's weight after renormalizing */
  weight?: TraceValue;
  missing?: true;
  /** with criteria: each criterion in this category */
  criteria?: CriterionRatings[];
  /** with `per ballot`: the ballots dropped (positions from 1), highest first, then lowest */
  trimmedBallots?: number[];
};

export type BandsStep = { form: 'bands'; value: TraceValue; /** the band that matched, as written, or `else` */ matched: string; /** its position, from 1 */ band?: number; score: TraceValue };
export type LevelsStep = { form: 'levels'; value: TraceValue; /** the member, or `else` */ matched: string; score: TraceValue };
export type LinearStep = { form: 'linear'; value: TraceValue; /** the segment interpolated on, or the end clamped at */ segment: string; score: TraceValue };
export type RateStep = {
  form: 'rate';
  /** the ratings read (a data path) */
  input: string;
  panel: string;
  missing: 'renormalize' | 'zero' | 'error';
  categories: RatingCategory[];
  score: TraceValue;
  /** with criteria: what trimming drops */
  trim?: 'criterion' | 'ballot';
  /** with criteria: each criterion's weight and score (the panel's score is Σ weight × score) */
  criteria?: { name: string; weight: TraceValue; score: TraceValue }[];
};
export type FunctionStep = { form: 'function'; /** a function declared in the scheme */ function: string; /** the arguments, by parameter */ args: Values; result: TraceValue };
export type CohortStep = {
  form: 'cohort';
  /** a cohort aggregate as written (`overall max(实绩原始分)`) */
  aggregate: string;
  scope: 'overall' | 'cohort';
  fn: 'max' | 'min' | 'avg' | 'percentile' | 'rank';
  /** how many subjects its scope has */
  of: number;
  /** rank: this subject's value ranked */
  value?: TraceValue;
  result: TraceValue;
  /** the same in words, in the result's language */
  text: string;
};
export type StreakStep = {
  form: 'streak';
  /** the `past` input counted over */
  list: string;
  /** how many periods the list has a result for */
  items: number;
  missing: 'skip' | 'breaks';
  /** the periods counted, newest first */
  counted: string[];
  /** missing or ungraded periods passed over (`skip`) */
  passed: string[];
  /** the period where the count stopped, and why */
  stopped?: { period: string; why: 'missing' | 'ungraded' | 'condition' };
  result: TraceValue;
};
export type AggregateStep = {
  form: 'count' | 'any' | 'all' | 'sum' | 'avg' | 'min' | 'max';
  /** the list aggregated (a data path or the source text) */
  list: string;
  items: number;
  weightSum?: TraceValue;
  result: TraceValue;
};

/** What one scoring form or aggregate did (nested under a trace's `steps`). */
export type TraceStep = BandsStep | LevelsStep | LinearStep | RateStep | FunctionStep | CohortStep | StreakStep | AggregateStep;

/** Around the form at the root of a trace: nested forms, what it read, its value. */
export type TraceFrame = {
  steps?: TraceStep[];
  /** lets read, with their values */
  lets?: Values;
  /** scalar inputs read, with their values */
  inputs?: Values;
  /** indicators and groups read, with their values */
  uses?: Values;
  /** the value before clamping to the range */
  result?: TraceValue;
  clamp?: { range: [number, number]; from: number; to: number };
};

/** With `explain`: how an indicator score or a let was computed — the form at its root, then what it read. */
export type Trace =
  | (BandsStep & TraceFrame) | (LevelsStep & TraceFrame) | (LinearStep & TraceFrame) | (RateStep & TraceFrame)
  | (Omit<FunctionStep, 'result'> & TraceFrame) | (Omit<CohortStep, 'result'> & TraceFrame)
  | (Omit<StreakStep, 'result'> & TraceFrame) | (Omit<AggregateStep, 'result'> & TraceFrame)
  | ({ form: 'expression' } & TraceFrame);

// ---- rule lists

/** One effect of a matched item, amounts rounded to the scheme's precision. */
export type Effect = { deduct: number } | { add: number } | { veto: true } | { cap: string } | { nograde: true } | { action: string };

/** A matched item of a negative list. */
export type NegativeItem = {
  list: string;
  item: string;
  label?: string;
  effects: Effect[];
  /** where the item is declared: `line 84` */
  at: string;
  /** the indicator the item is attached to (`for`): its amount went into that indicator's subtotal */
  for?: string;
};

/** A matched reward item. */
export type RewardItem = {
  list: string;
  item: string;
  label?: string;
  /** its additions, before the list's `max` */
  add: number;
  /** the indicator the item is attached to (`for`) */
  for?: string;
};

// ---- indicator tree

/** A matched item attached to this indicator (`for`): the amount it gave after its list's `max`. */
export type AttachedItem = {
  list: string;
  item: string;
  label?: string;
  add?: number;
  deduct?: number;
  /** the item's own amount, present when the list's `max` cut it to add/deduct */
  asked?: number;
  at: string;
};

type NodeResult = {
  id: string;
  /** the label, or the name when there is none */
  label: string;
  /** rounded to the scheme's precision */
  score: number;
  /** effective weight in the whole scheme (6 digits) */
  weight: number;
  /** score × weight × total/100, rounded */
  points: number;
};

/** An applicable group. */
export type GroupResult = NodeResult & {
  /** the parent group, absent at the top level */
  group?: string;
};

/** An applicable indicator. */
export type IndicatorResult = NodeResult & {
  /** the parent group, null at the top level */
  group: string | null;
  /** points + attached adds − attached deducts, at least 0 (only with attached items) */
  subtotal?: number;
  attached?: AttachedItem[];
  trace?: Trace;
};

// ---- grades, quotas, explanation

/** `cohort`: within each cohort; `overall`: over the whole batch. */
export type QuotaScope = 'cohort' | 'overall';

/** In a cohort, where a quota acted on the subject: the last decision. */
export type QuotaNote = {
  /** the grade whose quota was applied */
  grade: string;
  scope: QuotaScope;
  /** null when the subject kept the grade */
  demotedTo: string | null;
  rank: number;
  limit: number;
  /** the decision in words (the result's language) */
  reason: string;
};

/** Above a soft quota (`normally 15%`): flagged, not demoted. */
export type QuotaFlag = {
  grade: string;
  scope: QuotaScope;
  /** its rank among the holders of the grade in the scope */
  rank: number;
  /** how many the normal share allows */
  normal: number;
  /** why, in words (the result's language) */
  reason: string;
};

/** Competition ranking (1, 1, 3); null for a member the roster leaves ungraded (不定等次), not ranked. */
export type Rank = {
  overall: number | null;
  cohort: number | null;
};

/** A negative, reward or outcome rule: whether it matched, and the values of its condition. */
export type RuleTrace =
  | { list: string; item: string; at: string; matched: boolean; condition: string[]; effects?: Effect[] }
  | { outcome: string; at: string; matched: boolean; condition: string[] };

/** A `results of` / `past` / related-subject input (issue 14). */
export type PeriodInputTrace = {
  input: string;
  form: 'resultsOf' | 'past' | 'related';
  scheme?: string;
  /** absent for a related subject's result (the same period) */
  unit?: 'annual' | 'quarterly' | 'monthly';
  /** related (`results of S for FIELD`): the input field naming the related subject */
  subjectField?: string;
  /** related: the related subject's id (FIELD's value) */
  subject?: string;
  /** which scores were filled in: the earlier rounds' reported ones or their exact values */
  values: 'reported' | 'exact';
  missing: 'skip' | 'zero' | 'error' | 'breaks';
  /** the periods the input covers, oldest first */
  periods: string[];
  /** those with a result */
  present: string[];
  /** those without one */
  absent: string[];
  /** `missing zero`: the periods given score 0 and no grade */
  filledIn?: string[];
  /** results imported from before kaohe */
  imported: string[];
};

/** With `explain` only: lets, every rule, the grade decision and the score formula. */
export type Explain = {
  lets: Record<string, Trace>;
  /** with roll-up or history inputs: one entry each */
  periodInputs?: PeriodInputTrace[];
  rules: RuleTrace[];
  grade: {
    candidate: string | null;
    reasons: string[];
    restrictions: { kind: 'nograde' | 'veto' | 'cap'; item: string; list: string; grade?: string; acted: boolean }[];
    /** after veto, cap and nograde */
    allowed: string | null;
    /** after quotas */
    final: string | null;
  };
  score: {
    base: number; adjust: number; rewards: number; deductions: number;
    /** the unrounded score, 10 digits */
    exact: string;
    formula: string;
  };
};

// ---- the results

/** One subject evaluated alone (§12). */
export type SubjectResult = {
  scheme: SchemeRef;
  /** the subject id */
  subject: string;
  display?: Display;
  /** the evaluation period as given (`2026-Q1`), when there was one */
  period?: string;
  score: number;
  base: number;
  /** 6 digits */
  adjust: number;
  rewards: number;
  deductions: number;
  /** with `exactValues`: the unrounded values as exact fraction text ("1769/20"; an integer "88") */
  exact?: { score: string; base: string; rewards: string; deductions: string };
  /** null for a subject without a grade (`nograde`) */
  grade: string | null;
  /** alone, and the grade has a quota: a cohort may still demote it */
  provisional: boolean;
  /** why the grade: conditions with their values, restrictions, quota decisions */
  gradeReasons: string[];
  decision?: Decision;
  groups: GroupResult[];
  indicators: IndicatorResult[];
  negative: NegativeItem[];
  rewardItems: RewardItem[];
  actions: string[];
  bonus: number | null;
  /** indicators below the `improve` threshold, lowest first */
  improve: string[];
  quota?: QuotaNote;
  explain?: Explain;
};

/** One subject of a cohort: `cohort` names its cohort (`''` without `cohort by`). */
export type CohortMemberResult = SubjectResult & {
  cohort: string;
  rank: Rank;
  /** soft quotas it is above (present only when flagged) */
  flags?: QuotaFlag[];
};

export type QuotaSummary = {
  grade: string;
  scope: QuotaScope;
  /** the hard limit (a soft-only quota: the base, nobody is demoted) */
  limit: number;
  /** the head count the percentage is of */
  base: number;
  admitted: string[];
  /** tied across the boundary, all demoted */
  ties: string[];
  /** with `normally P`: how many the normal share allows */
  normal?: number;
  /** the holders flagged above the normal share (only when exceeded) */
  over?: string[];
  /** the soft quota exceeded, in words (only when exceeded) */
  flag?: string;
};

/** One cohort: its quotas and grade distribution. */
export type CohortSummary = {
  key: string;
  size: number;
  quotas: QuotaSummary[];
  /** head count per grade, and `none` */
  distribution: Record<string, number>;
};

/** A cohort evaluated together (§8, §12): results in input order, then one summary per cohort. */
export type CohortResult = {
  scheme: SchemeRef;
  period?: string;
  results: CohortMemberResult[];
  cohorts: CohortSummary[];
  /** when the scheme has a quota over the whole batch (`overall`): its decisions and the batch's distribution */
  overall?: { size: number; quotas: QuotaSummary[]; distribution: Record<string, number> };
};
