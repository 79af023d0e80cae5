// The Plan: a CheckedScheme compiled into closures plus the structure the evaluator walks (indicator
// tree, rule lists, grades, outcomes). Built once per scheme by compile.ts; shared read-only by every
// subject. `Ctx` is what a compiled expression may ask of the subject being evaluated.

import type { Period } from '../dsl/dates.js';
import type {
  AggregateExpr, Expr, GradeDecl, GroupDecl, IndicatorDecl, LetDecl, RuleItem, Span,
} from '../dsl/ast.js';
import type { Locale } from '../dsl/i18n/index.js';
import type { Rational } from '../dsl/rational.js';
import type { SourceFile } from '../dsl/source.js';
import type { CheckedScheme } from '../dsl/check/types.js';
import type { CompileEnv } from './expr.js';
import type { CohortAggPlan, CohortValue } from './cohort-values.js';
import type { FieldSpec } from './contract.js';
import type { Describer } from './describe.js';
import type { Tracer } from './explain.js';
import type { EnumVal, Value } from './values.js';

export type Compiled = (ctx: Ctx) => Value;
/** The data path of a list or input expression, for error messages (`工作任务[1].子任务`). */
export type PathFn = (ctx: Ctx) => string | undefined;

export interface BinderFrame { value: Value; index: number; listPath?: string }

/** What a compiled expression may ask of the subject being evaluated. */
export interface Ctx {
  readonly plan: Plan;
  readonly trace?: Tracer | undefined; // `| undefined`: Subject's optional constructor parameter (exactOptionalPropertyTypes)
  /** The language of the words the evaluation writes into the result (condition descriptions). */
  readonly lang: Locale;
  readonly binders: Map<AggregateExpr, BinderFrame>;
  input(name: string): Value;
  let(l: LetPlan): Value;
  /** Exact (clamped) score, or the reported score in grade/outcome/example expressions. */
  indicator(i: IndicatorPlan, reported: boolean, span: Span): Rational;
  group(g: GroupPlan, reported: boolean, span: Span): Rational;
  /** The evaluation's period (first and last day), when it came with one. */
  readonly period?: Period | undefined;
  /** `score`, `base`, `rewards`, `deductions`, `grade`, `bonus` of this subject. */
  result(name: string, reported: boolean, span: Span): Value;
  /** This subject's value of a cohort aggregate (issue 13), computed by the cohort phases of batch.ts;
   * KH-E040 when the subject is evaluated alone. */
  cohort(a: CohortAggPlan): CohortValue;
}

export interface LetPlan { kind: 'let'; name: string; label?: string; decl: LetDecl; expr: Compiled }

/** `cases`: a share that depends on the post (issue 12), the first case whose condition holds, else `value`. */
export type Share = { kind: 'weight' | 'points'; value: Rational; cases?: ShareCasePlan[] } | { kind: 'none' };
export interface ShareCasePlan { cond: Compiled; value: Rational; /** its source (the compiled engine, issue 16) */ src: Expr }

interface NodeBase {
  name: string;
  label?: string;
  span: Span;
  parent?: GroupPlan;
  /** Local `when` conditions between the parent and this node (all must hold). */
  conds: Compiled[];
  /** The same conditions' source expressions (Plan as data: the compiled engine reads them, issue 16). */
  condSrc: Expr[];
  share: Share;
}
export interface IndicatorPlan extends NodeBase {
  kind: 'indicator';
  decl: IndicatorDecl;
  expr: Compiled;
  range?: { lo: Compiled; hi: Compiled };
  /** The scoring form at the root of the expression, or 'expression'. */
  form: string;
  index: number;
}
export interface GroupPlan extends NodeBase {
  kind: 'group';
  decl: GroupDecl;
  normalize: boolean;
  children: NodePlan[];
  index: number;
}
export type NodePlan = IndicatorPlan | GroupPlan;

export type EffectPlan =
  | { kind: 'veto' }
  | { kind: 'cap'; grade: GradePlan }
  | { kind: 'nograde' }
  | { kind: 'deduct' | 'add'; amount: Compiled; per?: Compiled; max?: Compiled; span: Span; src: { amount: Expr; per?: Expr; max?: Expr } }
  | { kind: 'action'; name: string };

export interface RuleListPlan {
  kind: 'negative' | 'reward';
  name: string;
  label?: string;
  max?: Compiled;
  /** The source of `max` (issue 16). */
  maxSrc?: Expr;
  items: ItemPlan[];
}
export interface ItemPlan {
  list: RuleListPlan;
  name: string;
  label?: string;
  decl: RuleItem;
  when: Compiled;
  effects: EffectPlan[];
  /** `for X` (issue 12): the indicator whose subtotal takes the item's add/deduct amounts. */
  for?: IndicatorPlan;
  line: number;
  /** The condition's atoms with their values (explanations). */
  describe: Describer;
}

/** A quota's share looked up by an enum input or let that is constant in the quota's scope (issue 13):
 * `quota 班子等次 { 好: 30%, 一般: 20%, 较差: 15% }`. */
export interface QuotaTablePlan { name: string; key: Compiled; shares: Map<string, Rational>; span: Span }
/** One quota of a grade at one scope (engine/compile-grades.ts). `percent` absent with a table or in a
 * soft-only `quota normally P`; `normal` is the soft share (flags, never demotes). */
export interface QuotaPlan {
  scope: 'cohort' | 'overall';
  percent?: Rational;
  table?: QuotaTablePlan;
  normal?: Rational;
  round: 'down' | 'up' | 'nearest'; min?: number; of: 'graded' | 'all';
}
/** One line of a grade (issue 13: a grade may be reached by several rules; the first that holds). */
export interface GradeRulePlan {
  when: Compiled; reasons?: Describer; line: number; /** the `when` source (issue 16) */ src: Expr;
  /** Why the rule does not hold: the atoms that decided it (`gradeReasons` of a lower grade, grade.ts missedReasons). */
  missed: Describer;
}
export interface GradePlan {
  name: string;
  label?: string;
  index: number;
  /** The grade's first line. */
  decl: GradeDecl;
  /** Condition over REPORTED values (any of `rules` holds); absent when the grade has an `otherwise` line. */
  when?: Compiled;
  /** Its `when` lines in file order: the candidate's reasons come from the first that holds. */
  rules: GradeRulePlan[];
  /** At most one per scope, cohort before overall. */
  quotas: QuotaPlan[];
  value: EnumVal;
  /** Why the condition holds (`gradeReasons`): the first rule that holds. */
  reasons?: Describer;
}

export interface OutcomeActionPlan {
  name: string; label?: string; when: Compiled; usesGrade: boolean; line: number; describe: Describer;
  /** the `when` source (issue 16) */
  src: Expr;
}
export interface OutcomesPlan {
  bonus?: Map<string, Compiled>;
  /** The bonus expressions' source by grade name (issue 16). */
  bonusSrc?: Map<string, Expr>;
  actions: OutcomeActionPlan[];
  improve?: { below: Compiled; max?: number; src: Expr };
}

export interface ExamplePlan {
  name: string;
  label?: string;
  line: number;
  /** The `given` object as plain input (numbers as exact Rationals, enum members as names). */
  given: Record<string, unknown>;
  /** `period "2026-Q1"`: the period the example is evaluated in. */
  period?: string;
  /** A cohort example's subjects in input order (issue 13); `decision` as written (keys in either language). */
  subjects?: { id: string; line: number; given: Record<string, unknown>; decision?: Record<string, unknown> }[];
  expects: { text: string; line: number; check: Compiled; sides?: [Compiled, Compiled]; describe: Describer }[];
}

export interface Plan {
  file: SourceFile;
  /** The checked scheme the plan was compiled from (other runtimes and exporters read its AST and refs). */
  checked: CheckedScheme;
  /** The compile environment: compile further expressions bound to this plan's lets and indicators. */
  env: CompileEnv;
  id: string;
  label?: string;
  version?: string;
  hash: string;
  period?: string;
  /** Whether an expression names periodStart/periodEnd, or an input is `results of` / `past` (issue 14):
   * then every evaluation needs a period (period.ts). */
  usesPeriod: boolean;
  precision: number;
  total: Rational;
  /** A scheme-level `normalize` line (issue 12): the root's applicable shares are scaled to the whole. */
  normalize: boolean;
  /** True when the root's children carry points (base on the 0–total scale). */
  pointsMode: boolean;
  contract: FieldSpec[];
  lets: LetPlan[];
  roots: NodePlan[];
  indicators: IndicatorPlan[];
  groups: GroupPlan[];
  adjust?: { name: string; expr: Compiled; src: Expr };
  negatives: RuleListPlan[];
  rewards: RuleListPlan[];
  grades: GradePlan[];
  tiebreak: { key: Compiled; text: string; dir: 'asc' | 'desc' }[];
  /** `rank by E [asc|desc]` (issue 13): the ranking key over reported values; absent = reported score desc. */
  rankBy?: { key: Compiled; dir: 'asc' | 'desc'; text: string };
  /** `grades by committee`: subjects may carry a committee decision (decision.ts, issue 13). */
  committee: boolean;
  outcomes: OutcomesPlan;
  cohortBy?: Compiled;
  examples: ExamplePlan[];
}
