// The shapes of 年终统计与分析 (issue 15), declared once: the facts a stored revision is summarised
// into (`RoundFacts`, built by facts.ts and stored by the server beside the revision), and the
// statistics computed from them (`Statistics`, tables.ts) — the body of `GET /api/statistics`, what
// the editor's 统计 view draws and what the .xlsx export lays out.
//
// Why facts: a year of 100,000 people × 4 rounds must not parse megabytes of result JSON per
// request. Facts are columnar plain JSON (one array per field, one entry per subject) holding only
// what the tables read, with every reported value as a SCALED INTEGER: a reported value with the
// scheme's `precision` p is an integer × 10^-p, so sums, means and quartiles are integer (or
// `Rational`) arithmetic and never float sums (LANGUAGE.md §4).
//
// Numbers in `Statistics` travel as decimal TEXT (`Dec`: "87.3425", "-8.33"), never floats; counts
// are integers. Facts carry their own scheme tables (names, labels, grades), so statistics across
// periods evaluated under different scheme versions match indicators, items and actions BY NAME.

/** A decimal number as text: `"87.3425"`, `"-8.33"`, `"90"`. */
export type Dec = string;

// ---- facts: the scheme side

/** An indicator or group as the scheme declares it. */
export interface NodeFact {
  name: string;
  /** The label, or the name when there is none. */
  label: string;
  /** The parent group's name, null at the top level. */
  group: string | null;
}

/** A negative-list or reward item as the scheme declares it. */
export interface ItemFact {
  kind: 'negative' | 'reward';
  list: string;
  item: string;
  /** The item's label, null when it has none. */
  label: string | null;
}

/** An action (`actions` outcome or an item's `action` effect). */
export interface ActionFact {
  name: string;
  /** Its label, or the name when there is none. */
  label: string;
}

/** What the tables need to know about a scheme version: from the prepared scheme (`schemeFactsOf`). */
export interface SchemeFacts {
  /** The scheme's id (its name in the source). */
  id: string;
  label: string | null;
  version: string | null;
  /** sha256 of the source text, `sha256:…`. */
  hash: string;
  /** Decimal places of reported values: every scaled integer in `RoundFacts` is value × 10^precision. */
  precision: number;
  /** Grade names, best first. */
  grades: string[];
  /** Declaration order. */
  indicators: NodeFact[];
  /** Declaration order. */
  groups: NodeFact[];
  /** Negative lists' items, then reward lists' items, in declaration order. */
  items: ItemFact[];
  /** Outcome actions, then actions named only by items' effects, in declaration order. */
  actions: ActionFact[];
  /** The `improve below` threshold: `below` its value as decimal text when it is a constant, else null;
   * `text` the expression as written. Null when the scheme has no `improve`. */
  improve: { below: Dec | null; text: string } | null;
}

// ---- facts: one revision of a round

/** A quota's decision in one cohort (or over the whole batch), from the result's cohort summaries. */
export interface QuotaFact {
  /** The cohort key (`''` without `cohort by`, and for `overall`). */
  cohort: string;
  scope: 'cohort' | 'overall';
  /** The grade whose quota it is. */
  grade: string;
  /** The hard limit (a soft-only quota: the base). */
  limit: number;
  /** The head count the percentage is of. */
  base: number;
  /** How many were admitted to the grade. */
  admitted: number;
  /** With `normally P`: how many the normal share allows; else null. */
  normal: number | null;
  /** The unit (index into `RoundFacts.units`) all the cohort's members belong to; null when they span
   * several units (or for `overall`): then it counts only in the overall row. */
  unit: number | null;
}

/** The facts of one revision of a round: columnar, one entry per subject (result order) in each
 * per-subject array. Plain JSON; stored by the server as text (`revision_facts`). */
export interface RoundFacts {
  format: 'kaohe.facts/1';
  scheme: SchemeFacts;
  /** The evaluation period as given (`2026-Q1`), null when there was none. */
  period: string | null;
  /** Subject ids. */
  subjects: string[];
  /** Display name (`display.姓名` or `display.name`), null when there is none. */
  names: (string | null)[];
  /** Unit names in first-seen order (a subject's unit: the roster's unit, else its cohort key). */
  units: string[];
  /** Per subject: index into `units`. */
  unit: number[];
  /** Per subject: index into `scheme.grades`, or -1 for no grade. */
  grade: number[];
  /** Per subject: the reported score × 10^precision, or null (no score). */
  score: (number | null)[];
  /** Per indicator of `scheme.indicators` (same order), per subject: the reported score × 10^precision,
   * null when the indicator does not apply to the subject. */
  indicators: (number | null)[][];
  /** Per group of `scheme.groups`, per subject: as `indicators`. */
  groups: (number | null)[][];
  /** Who has which indicator in `improve`: flat pairs [subject, indicator, subject, indicator, …]
   * (subject: position in `subjects`; indicator: index into `scheme.indicators`). Sparse — most
   * people have none — so a 100,000-person round parses no 100,000 empty lists. */
  improve: number[];
  /** Which items fired for whom (negative and reward): flat pairs [subject, item (index into `items`), …]. */
  fired: number[];
  /** Which actions each person got: flat pairs [subject, action (index into `actions`), …]. */
  acted: number[];
  /** The items table: `scheme.items`, then any item a result names that the scheme does not declare. */
  items: ItemFact[];
  /** The actions table: `scheme.actions`, then any action a result names that the scheme does not declare. */
  actions: ActionFact[];
  /** Every quota decision of the result (cohort scope per cohort, then overall). */
  quotas: QuotaFact[];
}

/** One period's facts: several final rounds in one period (different units) are merged. `rounds`
 * is passed through untouched into `PeriodStats.rounds` (the server says which rounds were read). */
export interface PeriodFacts {
  period: string;
  facts: RoundFacts[];
  rounds?: RoundRef[];
}

/** A round the statistics read (filled by the server). */
export interface RoundRef {
  id: string;
  name: string;
  status: string;
  /** The revision read (the latest). */
  revision: number;
}

// ---- statistics

/** A share: `count` of `base`, `percent` = count/base × 100 rounded half away from zero to 2 decimals
 * ("20.00"; "0.00" when base is 0). */
export interface Share {
  count: number;
  base: number;
  percent: Dec;
}

/** One quota against the people of a unit (or all): summed over the unit's cohorts when it has several. */
export interface QuotaRow {
  grade: string;
  scope: 'cohort' | 'overall';
  limit: number;
  base: number;
  admitted: number;
  /** With `normally P`: the normal count (summed); else null. */
  normal: number | null;
  /** How many cohort decisions were summed into this row. */
  cohorts: number;
}

/** The grade distribution of a unit (unit null: everyone in scope). */
export interface DistributionRow {
  unit: string | null;
  size: number;
  /** Every grade of the scheme, best first (zero counts included); base = size. */
  grades: ({ grade: string } & Share)[];
  /** People without a grade (the result's `none`); base = size. */
  none: Share;
  /** Each quota, in grade order (cohort scope before overall). */
  quotas: QuotaRow[];
}

/** Mean, min, quartiles (QUARTILE.INC), max of reported values over `n` people (n ≥ 1). All at most
 * precision + 2 decimals, exact (`mean.text` rounded; `mean.exact` the fraction). */
export interface StatRow {
  /** Null: everyone in scope. */
  unit: string | null;
  n: number;
  /** `text`: rounded half away from zero to precision + 2 decimals; `exact`: the exact fraction
   * ("1747/20", an integer "88"). */
  mean: { text: Dec; exact: string };
  min: Dec;
  q1: Dec;
  median: Dec;
  q3: Dec;
  max: Dec;
  /** Indicators of a scheme with `improve` only: the people whose `improve` lists it, of `n`. */
  below?: Share;
}

/** Statistics of the total score, an indicator or a group. A row is absent when nobody it covers has
 * a value (n = 0). */
export interface NodeStats {
  kind: 'score' | 'indicator' | 'group';
  /** `score` for the total score. */
  name: string;
  label: string;
  group: string | null;
  overall: StatRow | null;
  /** Per unit (with `by: 'unit'` or a `unit`), in unit order; units with n = 0 left out. */
  units: StatRow[];
}

/** How often an item fired (people), overall and per unit. */
export interface ItemStats extends ItemFact {
  /** base: the people in scope. */
  overall: Share;
  /** Every unit in unit order (zero counts included); base: the unit's size. */
  units: ({ unit: string } & Share)[];
}

/** How many people got an action, overall and per unit. */
export interface ActionStats extends ActionFact {
  overall: Share;
  units: ({ unit: string } & Share)[];
}

/** One person whose grade moved between two periods. */
export interface Move {
  subject: string;
  name: string | null;
  /** The unit in the later period. */
  unit: string;
  before: string;
  after: string;
  direction: 'up' | 'down';
}

/** The top grade's share of a unit before and after. `delta` in percentage points (after − before,
 * each exact, the difference rounded to 2 decimals: "8.33", "-12.50"); null when the unit is absent
 * on one side. */
export interface UnitTopChange {
  unit: string;
  before: Share | null;
  after: Share | null;
  delta: Dec | null;
}

/** Change against the previous period of the same scheme (by grade order, best first). */
export interface Change {
  from: string;
  to: string;
  /** The grade whose share `units` compares (the best grade of the later period). */
  top: string;
  people: {
    /** Graded in both periods, a better grade now. */
    up: number;
    down: number;
    /** The same grade, or no grade both times. */
    same: number;
    /** Graded before, no grade now / no grade before, graded now. */
    lostGrade: number;
    gainedGrade: number;
    /** Only in the later period / only in the earlier one. */
    new: number;
    gone: number;
  };
  /** Per unit (present on either side): sorted by |delta| descending, then unit name (code point
   * order); units with a null delta last. */
  units: UnitTopChange[];
  /** The people who moved up or down a grade, in unit order then subject order of the later period;
   * a page of them. `next`: the cursor of the following page, null on the last. */
  moves: { total: number; items: Move[]; next: string | null };
}

/** One point of a trend line. */
export interface TrendPoint {
  period: string;
  /** People in scope with a score. */
  n: number;
  /** Mean reported score, rounded to precision + 2 decimals; null when n = 0. */
  mean: Dec | null;
  /** The share of the period's best grade among the unit's people; null when the unit is absent. */
  top: Share | null;
}

/** A trend line: unit null for everyone in scope; one point per period of the span, oldest first. */
export interface TrendLine {
  unit: string | null;
  points: TrendPoint[];
}

/** The statistics of one period. */
export interface PeriodStats {
  period: string;
  /** Decimal places of this period's reported values (its scheme version's). */
  precision: number;
  rounds: RoundRef[];
  /** Units in scope in this period, in first-seen order. */
  units: string[];
  distribution: { overall: DistributionRow; units: DistributionRow[] };
  /** The total score. */
  score: NodeStats;
  indicators: NodeStats[];
  groups: NodeStats[];
  items: ItemStats[];
  actions: ActionStats[];
  /** Against the previous period (absent when it is not among the stored ones). */
  change: Change | null;
}

/** The whole answer: periods oldest first, the trend across them. The precision, the grades (best
 * first) and the catalogs are the newest period's; the catalogs by name, that period's declaration
 * order first, then names only earlier periods have. */
export interface Statistics extends Pick<SchemeFacts, 'precision' | 'grades' | 'indicators' | 'groups' | 'items' | 'actions'> {
  /** The scheme (from the newest period's facts). */
  scheme: { id: string; label: string | null };
  /** The request's unit filter, null for all units in scope. */
  unit: string | null;
  by: 'unit' | 'indicator';
  periods: PeriodStats[];
  /** Overall line first, then one per unit (with `by: 'unit'` or a `unit`). */
  trend: TrendLine[];
}

/** What `statistics()` is asked. */
export interface StatisticsOptions {
  /** Only this unit: every table (the overall rows too) covers its people only. */
  unit?: string;
  /** The units a unit officer may see (`scopedTo`): everyone else is left out of every table. */
  scope?: string[];
  /** `unit`: per-unit rows for indicators, groups and the score, and per-unit trend lines; `indicator`
   * (default): overall rows only (distributions, items and actions are always per unit). */
  by?: 'unit' | 'indicator';
  /** The period just before the first one, when stored: the first period's `change` compares with it. */
  before?: PeriodFacts;
  /** Moves paging: `cursor` from an earlier answer's `moves.next` (it names its period); `limit`
   * default 100, at most 500. */
  cursor?: string;
  limit?: number;
  /** The language of the few words the tables name themselves (the total score's label). Default zh. */
  lang?: 'zh' | 'en';
}
