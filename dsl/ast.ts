// The typed AST of a kaohe scheme: plain data with source spans, produced by dsl/parser and read by
// the checker, formatter, engine and language service. No parser-library types appear here.
//
// Spans are 0-based UTF-16 offsets into the source, end exclusive; `SourceFile` (source.ts) turns
// them into 1-based lines and columns. Names keep the spelling the author wrote; built-in functions
// and result names are also given their canonical English name so later stages need not know Chinese.

import type { KeywordId, Lang } from './keywords.js';

export interface Span { start: number; end: number }

export interface Name { name: string; span: Span }
export interface Label { value: string; span: Span }

// ---------------------------------------------------------------- expressions

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | NumberLit | StringLit | BoolLit | NameRef | UnaryExpr | BinaryExpr | InExpr | IfExpr
  | FieldExpr | IndexExpr | CallExpr | AggregateExpr | BandsExpr | LevelsExpr | LinearExpr
  | RateExpr | ObjectLit | ListLit | DurationExpr | IntervalExpr | ErrorExpr | CohortAgg;

/** `12`, `12.5`, `20%`. `text` is the digits as written (without `%`); the value is text/100 when percent. */
export interface NumberLit { kind: 'Number'; text: string; percent: boolean; span: Span }
export interface StringLit { kind: 'String'; value: string; span: Span }
export interface BoolLit { kind: 'Bool'; value: boolean; span: Span }
/** A bare name. `builtin` is set when it is a result name (`score`/`总分` → 'score'). `quoted`: a
 * built-in or result name written quoted (`` `score` ``, `「总分」`; issue 12), so a declared name. */
export interface NameRef { kind: 'Name'; name: string; builtin?: string; quoted?: true; span: Span }
export interface UnaryExpr { kind: 'Unary'; op: '-' | 'not'; operand: Expr; span: Span }
export interface BinaryExpr { kind: 'Binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
/** `x in { a, b }`; or, with `of` (and `set` empty), `x in actions`: membership in a list-valued name
 * (the example result names `actions`/`items`, issue 12). */
export interface InExpr {
  kind: 'In'; value: Expr; set: Expr[]; of?: NameRef;
  /** `约谈 in A1.actions` in a cohort example (issue 13): the subject whose list `of` is. */
  ofSubject?: NameRef; span: Span;
}
export interface IfExpr { kind: 'If'; cond: Expr; then: Expr; else: Expr; span: Span }
/** `t.难度` */
export interface FieldExpr { kind: 'Field'; object: Expr; field: Name; span: Span }
/** `难度系数[t.难度]` — table lookup. */
export interface IndexExpr { kind: 'Index'; object: Expr; index: Expr; span: Span }
/** `min(a, b)`, `avg(季度得分)`. `fn` is the canonical built-in name ('' if unknown: see `callee`). */
export interface CallExpr { kind: 'Call'; callee: Name; fn: string; args: Expr[]; span: Span }

export type CohortFn = 'max' | 'min' | 'avg' | 'percentile' | 'rank';
/** `overall max(实绩原始分)`, `本组 百分位(score, 50)`, `overall rank(x asc)` (issue 13): a value over every
 * subject of the scope (the whole batch, or the subject's `cohort by` group). `callee` is the function
 * word as written; `p` only for percentile; `dir` only for rank, as written (absent = desc). */
export interface CohortAgg {
  kind: 'CohortAgg'; scope: 'overall' | 'cohort'; fn: CohortFn;
  callee: Name; arg: Expr; p?: Expr; dir?: 'asc' | 'desc'; span: Span;
}

export type AggregateFn = 'avg' | 'sum' | 'count' | 'min' | 'max' | 'any' | 'all'
  /** `streak(r in 往年 where r.grade == 优秀)` (issue 14): consecutive earlier periods, newest first, over a `past` input. */
  | 'streak';
/** `avg(t in L weighted by w : e)`, `count(q in L where c)`. */
export interface AggregateExpr {
  kind: 'Aggregate'; fn: AggregateFn; callee: Name; binder: Name; list: Expr;
  where?: Expr; weight?: Expr; body?: Expr; span: Span;
}

export interface Band { op: CompareOp; threshold: Expr; score: Expr; span: Span }
/** `bands x { >= 98%: 100, else: 60 }` */
export interface BandsExpr { kind: 'Bands'; subject: Expr; bands: Band[]; else?: Expr; span: Span }
export interface LevelEntry { member: Name; score: Expr; span: Span }
/** `levels 自评 { 优: 100, else: 50 }` */
export interface LevelsExpr { kind: 'Levels'; subject: Expr; entries: LevelEntry[]; else?: Expr; span: Span }
export interface LinearPoint { x: Expr; y: Expr; span: Span }
/** `linear x { 0 => 60, 1000 => 80 }` */
export interface LinearExpr { kind: 'Linear'; subject: Expr; points: LinearPoint[]; span: Span }
/** `rate 政治素质评价` */
export interface RateExpr { kind: 'Rate'; subject: Expr; span: Span }

/** `{ key: value, … }` — only in `given`. */
export interface ObjectLit { kind: 'Object'; entries: ObjectEntry[]; span: Span }
export interface ObjectEntry { key: Name; value: Expr; span: Span }
/** `[a, b]` — only in `given`. */
export interface ListLit { kind: 'List'; items: Expr[]; span: Span }
/** `1 years`, `30 days` (zh `1 年`, `30 天`): only after `date +` / `date -` (issue 12, dates). */
export interface DurationExpr { kind: 'Duration'; amount: NumberLit; unit: 'days' | 'months' | 'years'; span: Span }
/** `x in [a, b)`: `[`/`]` include the edge, `(`/`)` exclude it; dates or numbers. */
export interface IntervalExpr { kind: 'Interval'; value: Expr; lo: Expr; hi: Expr; loOpen: boolean; hiOpen: boolean; span: Span }
/** Placeholder where the parser recovered from a syntax error. */
export interface ErrorExpr { kind: 'Error'; span: Span }

// ---------------------------------------------------------------- types

export type Constraint =
  | { kind: 'Range'; lo: Expr; hi: Expr; span: Span }
  | { kind: 'Compare'; op: '>=' | '>' | '<=' | '<'; value: Expr; span: Span };

/** Issue 12: `in {100, 95, 90}` — one of these numbers; `in 评分档` — one of a scale's values. Kept
 * apart from `Constraint` (bounds), which every interval reasoning reads. */
export type OneOf = { kind: 'Set'; values: Expr[]; span: Span } | { kind: 'Scale'; scale: Name; span: Span };

export type TypeExpr =
  | { kind: 'PrimType'; name: 'number' | 'integer' | 'bool' | 'text' | 'date'; constraint?: Constraint; oneOf?: OneOf; span: Span }
  | { kind: 'NamedType'; name: Name; constraint?: Constraint; oneOf?: OneOf; span: Span }
  | { kind: 'ListType'; element: TypeExpr; min?: NumberLit; max?: NumberLit; span: Span }
  | { kind: 'RecordType'; fields: Field[]; span: Span }
  | { kind: 'RatingsType'; panel: Name; span: Span }
  | PeriodResultsType
  | { kind: 'ErrorType'; span: Span };

/** Issue 14, a top-level input field only: `results of 平时考核 quarterly grades 平时等次 missing skip exact`
 * (form 'resultsOf': another scheme's results over the sub-periods of this evaluation's period) or
 * `past 3 years missing breaks` (form 'past': this scheme's own results in the N periods before).
 * The value is a list of records `{ period, score, grade, imported }`, oldest first. Options come in
 * any order; the first of each kind is kept, a repeat goes to `repeated` (KH-C168). `missing` holds
 * any policy word written (the checker says which form takes which: KH-C167); absent = not written
 * (KH-C160). `values` absent = `reported`. */
export interface PeriodResultsType {
  kind: 'PeriodResults';
  form: 'resultsOf' | 'past' | 'related';
  /** resultsOf, related: the source scheme's name as written (identifier, quoted name, or a string when
   * `schemeString`); not resolved by the checker. */
  scheme?: Name; schemeString?: true;
  /** related (issue 14 part 2, `results of 领导班子考核 for 班子`): the input field whose value is the
   * related subject's id; the value is ONE record of that subject in this evaluation's period. */
  subject?: Name;
  /** resultsOf: the UNIT word; past: `years`→annual, `quarters`→quarterly, `months`→monthly;
   * absent for related only (same period). */
  unit?: 'annual' | 'quarterly' | 'monthly'; unitAt?: { span: Span };
  /** past: N as written. */
  count?: NumberLit;
  /** resultsOf: `grades ENUM` — the enum the grades are members of (else text). */
  grades?: Name;
  missing?: { mode: 'skip' | 'zero' | 'error' | 'breaks'; span: Span };
  values?: { mode: 'exact' | 'reported'; span: Span };
  repeated?: { option: 'grades' | 'missing' | 'values'; span: Span }[];
  span: Span;
}

/** `display` (issue 12): a descriptive input (姓名, 单位) validated like any other, never reported unused,
 * and carried into the result's `display` as text. */
export interface Field { name: Name; label?: Label; type: TypeExpr; default?: Expr; display?: { span: Span }; span: Span }

// ---------------------------------------------------------------- declarations

export type Setting =
  | { kind: 'Setting'; key: 'version'; value: Label; span: Span }
  | { kind: 'Setting'; key: 'period'; value: 'annual' | 'quarterly' | 'monthly' | 'special'; span: Span }
  | { kind: 'Setting'; key: 'precision' | 'total'; value: NumberLit; span: Span }
  | { kind: 'Setting'; key: 'cohortBy'; value: Expr; span: Span }
  /** `rank by E [asc|desc]` (issue 13): the ranking key of cohort results (default: the reported score, desc). */
  | { kind: 'Setting'; key: 'rankBy'; value: Expr; dir: 'asc' | 'desc'; span: Span }
  /** A scheme-level `normalize` line (issue 12): the root's applicable points scaled to `total`. */
  | { kind: 'Setting'; key: 'normalize'; span: Span };

export interface EnumMember { name: Name; label?: Label; span: Span }
export interface EnumDecl { kind: 'Enum'; name: Name; label?: Label; ordered: boolean; members: EnumMember[]; span: Span }

export interface TableEntry { key: Name; value: Expr; span: Span }
export interface TableDecl { kind: 'Table'; name: Name; label?: Label; entries: TableEntry[]; span: Span }

export interface PanelCategory { name: Name; label?: Label; weight: NumberLit; min?: NumberLit; span: Span }
/** `德 weight 15%` inside `criteria { … }` (issue 12). */
export interface PanelCriterion { name: Name; label?: Label; weight: NumberLit; span: Span }
export interface PanelDecl {
  kind: 'Panel'; name: Name; label?: Label; categories: PanelCategory[];
  /** Issue 12: a panel with criteria takes ballots (one object of ratings per rater). */
  criteria?: { items: PanelCriterion[]; span: Span };
  /** Issue 12: `scale 评分档` — every rating is one of the scale's values. */
  scale?: Name;
  /** `perBallot`: `trim … per ballot` (issue 12); the default trims each criterion's ratings. */
  trim?: { count: NumberLit; atLeast: NumberLit; perBallot?: boolean; span: Span };
  missing?: { mode: 'renormalize' | 'zero' | 'error'; span: Span };
  span: Span;
}

/** `scale 评分档 "测评档次" { 优秀: {100, 95, 90}, … }` or `scale 五级 {100, 90, 80}` (issue 12): tiers
 * with names, or one tier without a name. */
export interface ScaleTier { name?: Name; values: Expr[]; span: Span }
export interface ScaleDecl { kind: 'Scale'; name: Name; label?: Label; tiers: ScaleTier[]; span: Span }

export interface InputDecl { kind: 'Input'; fields: Field[]; span: Span }
/** `function 折算(x: number, 满分: number): number = x / 满分 * 100` (issue 12): a pure function of its
 * parameters; the result type is optional (inferred from the body when absent). */
export interface Param { name: Name; type: TypeExpr; span: Span }
export interface FunctionDecl {
  kind: 'Function'; name: Name; label?: Label; params: Param[]; result?: TypeExpr; body: Expr; span: Span;
}
export interface LetDecl { kind: 'Let'; name: Name; label?: Label; value: Expr; span: Span }
export interface AdjustDecl { kind: 'Adjust'; name: Name; label?: Label; value: Expr; span: Span }

/** `weight 40%` or `points 8`. A conditional share `if C then N else if … else M` (issue 12) keeps its
 * branches in `cases`, tried in order; `value` is the final `else`. */
export type Share =
  | { kind: 'weight'; value: NumberLit; cases?: ShareCase[]; span: Span }
  | { kind: 'points'; value: NumberLit; cases?: ShareCase[]; span: Span };
export interface ShareCase { cond: Expr; value: NumberLit; span: Span }

export interface IndicatorDecl {
  kind: 'Indicator'; name: Name; label?: Label; share?: Share; value: Expr;
  range?: { lo: Expr; hi: Expr; span: Span }; span: Span;
}
export interface GroupDecl {
  kind: 'Group'; name: Name; label?: Label; share?: Share; normalize: boolean; members: Member[]; span: Span;
}
/** `when C { … }` inside a group or at the root. */
export interface WhenBlock { kind: 'When'; cond: Expr; members: Member[]; span: Span }
export type Member = IndicatorDecl | GroupDecl | WhenBlock;

export type Effect =
  | { kind: 'veto'; span: Span }
  | { kind: 'cap'; grade: Name; span: Span }
  | { kind: 'nograde'; span: Span }
  | { kind: 'deduct'; amount: Expr; per?: Expr; max?: Expr; span: Span }
  | { kind: 'add'; amount: Expr; per?: Expr; max?: Expr; span: Span }
  | { kind: 'action'; action: Name; label?: Label; span: Span };

/** `for` (issue 12): the indicator whose subtotal takes the item's add/deduct amount. */
export interface RuleItem { name: Name; label?: Label; for?: Name; when: Expr; effects: Effect[]; span: Span }
export interface NegativeDecl { kind: 'Negative'; name: Name; label?: Label; max?: Expr; items: RuleItem[]; span: Span }
export interface RewardDecl { kind: 'Reward'; name: Name; label?: Label; max?: Expr; items: RuleItem[]; span: Span }

/** One `quota` clause of a grade line (issue 13: several per grade, one per scope). */
export interface QuotaTableEntry { member: Name; percent: NumberLit; span: Span }
export interface Quota {
  /** a fixed share; absent with a table, and in a soft-only `quota normally P` */
  percent?: NumberLit;
  /** `quota 班子等次 { 好: 30%, … }`: the share looked up by an enum input/let constant in the scope */
  table?: { key: Name; entries: QuotaTableEntry[]; span: Span };
  /** `normally P`: the soft share (flags, never demotes) */
  normal?: NumberLit;
  /** `overall` / `cohort` (default 'cohort') */
  scope?: 'cohort' | 'overall';
  round?: 'down' | 'up' | 'nearest'; min?: NumberLit; of?: 'graded' | 'all'; span: Span;
}
export interface GradeDecl { name: Name; label?: Label; when?: Expr; otherwise: boolean; quotas: Quota[]; span: Span }
export interface TiebreakKey { key: Expr; dir: 'asc' | 'desc'; span: Span }
export interface GradesDecl {
  kind: 'Grades'; tiebreak: TiebreakKey[]; grades: GradeDecl[];
  /** `grades by committee` (集体研究): subjects may carry a committee decision (issue 13). A `{ span }`
   * like an input's `display` flag, so tree comparisons that drop spans see only its presence. */
  committee?: { span: Span };
  span: Span;
}

export interface BonusEntry { grade: Name; value: Expr; span: Span }
export interface OutcomeAction { kind: 'OutcomeAction'; name: Name; label?: Label; when: Expr; span: Span }
export interface OutcomesDecl {
  kind: 'Outcomes';
  bonus?: { entries: BonusEntry[]; span: Span };
  actions: OutcomeAction[];
  improve?: { below: Expr; max?: NumberLit; span: Span };
  span: Span;
}

export interface ExampleDecl {
  kind: 'Example'; name: Name; label?: Label; given: ObjectLit; expects: Expr[];
  /** `period "2026-Q1"`: the evaluation period the example is evaluated in (dates). */
  period?: Label;
  /** A cohort example (issue 13): `given ID { … } [decision { … }]` per subject, in input order; the
   * example's own `given` is then an empty object. `id` is the name, quoted name or string as written. */
  subjects?: ExampleSubject[];
  span: Span;
}
export interface ExampleSubject { id: string; idSpan: Span; given: ObjectLit; decision?: ObjectLit; span: Span }

export type Decl =
  | Setting | EnumDecl | TableDecl | PanelDecl | ScaleDecl | InputDecl | LetDecl | AdjustDecl | FunctionDecl
  | IndicatorDecl | GroupDecl | WhenBlock | NegativeDecl | RewardDecl | GradesDecl | OutcomesDecl | ExampleDecl;

export interface Comment { text: string; block: boolean; span: Span }

export interface Scheme {
  kind: 'Scheme';
  name: Name;
  label?: Label;
  decls: Decl[];
  span: Span;
}

/** What the parser returns: the tree (absent only when nothing could be recovered), the comments, and
 * the keyword language the file is mostly written in. */
export interface ParsedFile {
  scheme?: Scheme;
  comments: Comment[];
  keywordLang: Lang;
  /** Keyword tokens as written, for the language service (colouring, completion context). */
  keywords: { id: KeywordId; span: Span }[];
}
