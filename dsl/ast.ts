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
  | RateExpr | ObjectLit | ListLit | ErrorExpr;

/** `12`, `12.5`, `20%`. `text` is the digits as written (without `%`); the value is text/100 when percent. */
export interface NumberLit { kind: 'Number'; text: string; percent: boolean; span: Span }
export interface StringLit { kind: 'String'; value: string; span: Span }
export interface BoolLit { kind: 'Bool'; value: boolean; span: Span }
/** A bare name. `builtin` is set when it is a result name (`score`/`总分` → 'score'). */
export interface NameRef { kind: 'Name'; name: string; builtin?: string; span: Span }
export interface UnaryExpr { kind: 'Unary'; op: '-' | 'not'; operand: Expr; span: Span }
export interface BinaryExpr { kind: 'Binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
/** `x in { a, b }` */
export interface InExpr { kind: 'In'; value: Expr; set: Expr[]; span: Span }
export interface IfExpr { kind: 'If'; cond: Expr; then: Expr; else: Expr; span: Span }
/** `t.难度` */
export interface FieldExpr { kind: 'Field'; object: Expr; field: Name; span: Span }
/** `难度系数[t.难度]` — table lookup. */
export interface IndexExpr { kind: 'Index'; object: Expr; index: Expr; span: Span }
/** `min(a, b)`, `avg(季度得分)`. `fn` is the canonical built-in name ('' if unknown: see `callee`). */
export interface CallExpr { kind: 'Call'; callee: Name; fn: string; args: Expr[]; span: Span }

export type AggregateFn = 'avg' | 'sum' | 'count' | 'min' | 'max' | 'any' | 'all';
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
/** Placeholder where the parser recovered from a syntax error. */
export interface ErrorExpr { kind: 'Error'; span: Span }

// ---------------------------------------------------------------- types

export type Constraint =
  | { kind: 'Range'; lo: Expr; hi: Expr; span: Span }
  | { kind: 'Compare'; op: '>=' | '>' | '<=' | '<'; value: Expr; span: Span };

export type TypeExpr =
  | { kind: 'PrimType'; name: 'number' | 'integer' | 'bool' | 'text'; constraint?: Constraint; span: Span }
  | { kind: 'NamedType'; name: Name; constraint?: Constraint; span: Span }
  | { kind: 'ListType'; element: TypeExpr; min?: NumberLit; max?: NumberLit; span: Span }
  | { kind: 'RecordType'; fields: Field[]; span: Span }
  | { kind: 'RatingsType'; panel: Name; span: Span }
  | { kind: 'ErrorType'; span: Span };

export interface Field { name: Name; label?: Label; type: TypeExpr; default?: Expr; span: Span }

// ---------------------------------------------------------------- declarations

export type Setting =
  | { kind: 'Setting'; key: 'version'; value: Label; span: Span }
  | { kind: 'Setting'; key: 'period'; value: 'annual' | 'quarterly' | 'monthly' | 'special'; span: Span }
  | { kind: 'Setting'; key: 'precision' | 'total'; value: NumberLit; span: Span }
  | { kind: 'Setting'; key: 'cohortBy'; value: Expr; span: Span };

export interface EnumMember { name: Name; label?: Label; span: Span }
export interface EnumDecl { kind: 'Enum'; name: Name; label?: Label; ordered: boolean; members: EnumMember[]; span: Span }

export interface TableEntry { key: Name; value: Expr; span: Span }
export interface TableDecl { kind: 'Table'; name: Name; label?: Label; entries: TableEntry[]; span: Span }

export interface PanelCategory { name: Name; label?: Label; weight: NumberLit; min?: NumberLit; span: Span }
export interface PanelDecl {
  kind: 'Panel'; name: Name; label?: Label; categories: PanelCategory[];
  trim?: { count: NumberLit; atLeast: NumberLit; span: Span };
  missing?: { mode: 'renormalize' | 'zero' | 'error'; span: Span };
  span: Span;
}

export interface InputDecl { kind: 'Input'; fields: Field[]; span: Span }
export interface LetDecl { kind: 'Let'; name: Name; label?: Label; value: Expr; span: Span }
export interface AdjustDecl { kind: 'Adjust'; name: Name; label?: Label; value: Expr; span: Span }

/** `weight 40%` or `points 8`. */
export type Share = { kind: 'weight'; value: NumberLit; span: Span } | { kind: 'points'; value: NumberLit; span: Span };

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

export interface RuleItem { name: Name; label?: Label; when: Expr; effects: Effect[]; span: Span }
export interface NegativeDecl { kind: 'Negative'; name: Name; label?: Label; max?: Expr; items: RuleItem[]; span: Span }
export interface RewardDecl { kind: 'Reward'; name: Name; label?: Label; max?: Expr; items: RuleItem[]; span: Span }

export interface Quota {
  percent: NumberLit; round?: 'down' | 'up' | 'nearest'; min?: NumberLit; of?: 'graded' | 'all'; span: Span;
}
export interface GradeDecl { name: Name; label?: Label; when?: Expr; otherwise: boolean; quota?: Quota; span: Span }
export interface TiebreakKey { key: Expr; dir: 'asc' | 'desc'; span: Span }
export interface GradesDecl { kind: 'Grades'; tiebreak: TiebreakKey[]; grades: GradeDecl[]; span: Span }

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
  kind: 'Example'; name: Name; label?: Label; given: ObjectLit; expects: Expr[]; span: Span;
}

export type Decl =
  | Setting | EnumDecl | TableDecl | PanelDecl | InputDecl | LetDecl | AdjustDecl
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
