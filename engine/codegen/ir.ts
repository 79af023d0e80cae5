// The named IR of the compiled engine (issue 16): plain data between lowering (lower*.ts, from the
// Plan and the checked AST) and emitting (emit*.ts, to JavaScript text). Zen-style opcodes; every
// name is already resolved (the checker's refs), every number is an exact fraction of two safe
// integers, every value has its run-time type, so the emitter never looks at the AST again.

import type { TypeSpec } from '../contract.js';
import type { CohortIR } from './cohort-lower.js';
import type { LangText } from '../describe.js';

/** Run-time type of an IR value: an exact number (two locals n/d), a boolean, a text (a date too: its
 * ISO text, which orders like the day it names), an enum member
 * (its name as a string; `null` only for a grade), or raw input data (a list, record or ratings as
 * the JSON gives it, with its contract type). */
export type Ty =
  | { k: 'num' } | { k: 'bool' } | { k: 'text' }
  | { k: 'enum'; members: string[]; grade: boolean }
  | { k: 'raw'; spec: TypeSpec };

export interface Frac { n: number; d: number }

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type IR = { ty: Ty } & (
  | { op: 'Num'; v: Frac }
  | { op: 'Bool'; v: boolean }
  | { op: 'Str'; v: string }
  | { op: 'Member'; name: string }
  | { op: 'Input'; name: string }
  | { op: 'Let'; index: number }
  /** An indicator's or group's score: exact, or rounded to `precision` (grade/outcome expressions). */
  | { op: 'Node'; kind: 'indicator' | 'group'; index: number; reported: boolean }
  /** score, base, rewards, deductions, adjust, grade, bonus of this subject. */
  | { op: 'Result'; name: string; reported: boolean }
  /** The element of aggregate `id`'s list (raw data). */
  | { op: 'Binder'; id: number }
  /** A field of a record (raw data; a field's default is read from the record's contract type, emit-base.ts fieldDefault). */
  | { op: 'Field'; obj: IR; name: string }
  | { op: 'Neg'; x: IR } | { op: 'Not'; x: IR }
  | { op: 'Add' | 'Sub' | 'Mul' | 'Div'; l: IR; r: IR }
  | { op: 'Cmp'; o: CmpOp; l: IR; r: IR }
  | { op: 'And' | 'Or'; l: IR; r: IR }
  | { op: 'If'; c: IR; t: IR; e: IR }
  | { op: 'In'; x: IR; set: IR[] }
  /** `表[k]` of an enum-keyed table: the entry by member name. */
  | { op: 'Table'; key: IR; entries: { key: string; value: IR }[] }
  | { op: 'Call'; fn: 'min' | 'max' | 'abs' | 'floor' | 'ceil' | 'clamp' | 'round'; args: IR[] }
  /** `avg(季度得分)`: a built-in over the elements of a list of numbers (count/any/all: of any list / bools). */
  | { op: 'ListFn'; fn: 'min' | 'max' | 'sum' | 'avg' | 'count' | 'any' | 'all'; list: IR }
  /** `fn(x in list [where w] [weighted by g] [: body])`. */
  | { op: 'Agg'; fn: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'any' | 'all'; id: number; list: IR; where?: IR; weight?: IR; body?: IR }
  | { op: 'Bands'; x: IR; bands: { o: CmpOp; at: IR; score: IR }[]; else?: IR }
  | { op: 'Levels'; x: IR; entries: { key: string; score: IR }[]; else?: IR }
  | { op: 'Linear'; x: IR; pts: [Frac, Frac][] }
  | { op: 'Rate'; x: IR; cats: { name: string; w: Frac; min: number }[]; trim?: { count: number; atLeast: number }; missing: 'renormalize' | 'zero' | 'error' }
  /** `rate` of a panel with criteria (ballots.ts): categories with weights and `min`, criteria with
   * weights, trimming per criterion or by whole ballots (runtime-ballots.ts). */
  | { op: 'Ballots'; x: IR; cats: { name: string; w: Frac; min: number }[]; crits: { name: string; v: Frac }[]; trim?: { count: number; atLeast: number; perBallot: boolean }; missing: 'renormalize' | 'zero' | 'error' }
  /** `x in L` of a list of data (an input, a let or a parameter holding one): equal to an element. */
  | { op: 'InList'; x: IR; list: IR }
  /** A call of a function declared in the scheme: each argument evaluated once, in order, into the
   * parameter `id` its body reads (`Param`), then the body. */
  | { op: 'Fn'; name: string; params: { id: number; arg: IR }[]; body: IR }
  | { op: 'Param'; id: number }
  /** `periodStart` / `periodEnd`: the evaluation period's first or last day (ISO text). */
  | { op: 'Period'; which: 'periodStart' | 'periodEnd' }
  /** `d ± N days|months|years` (dsl/dates.ts addDuration). */
  | { op: 'Shift'; x: IR; amount: number; unit: 'days' | 'months' | 'years'; sign: 1 | -1 }
  /** `x in [lo, hi)`: `[`/`]` include the edge, `(`/`)` exclude it. */
  | { op: 'Interval'; x: IR; lo: IR; hi: IR; loOpen: boolean; hiOpen: boolean }
  /** `streak(r in PAST where C)` (engine/periods/streak.ts): the `n` periods of `unit` before the run's,
   * counted back from the newest while C holds; a period without a record or a grade stops the count
   * (`breaks`) or is passed over. Binder `id` is the record. (lower-results.ts) */
  | { op: 'Streak'; id: number; list: IR; where?: IR; unit: 'annual' | 'quarterly' | 'monthly'; n: number; breaks: boolean }
  /** A cohort aggregate's value for this subject (`overall max(x)`, `本组 名次(x)`: the plan's aggregate
   * `index`, cohort-values.ts order), computed over the cohort between the program's runs (cohort-aggs.ts). */
  | { op: 'Cohort'; index: number }
);

/** A condition explained as describe.ts explains it: the same atoms, texts and short-circuits. */
export type DescIR =
  | { op: 'And' | 'Or'; l: DescIR; r: DescIR }
  | { op: 'Not'; x: DescIR }
  /** A comparison atom: `left op right` with the values the reader needs. */
  | { op: 'Cmp'; o: CmpOp; l: IR; r: IR; lt: LangText; rt: LangText; leftName: boolean; leftLit: boolean; rightLit: boolean; rightName: boolean }
  | { op: 'Atom'; x: IR; text: LangText };

export interface NodeIR {
  kind: 'indicator' | 'group';
  index: number;
  name: string;
  label: string;
  line: number;
  parent?: number; // group index
  conds: IR[];
  share: { kind: 'weight' | 'points' | 'none'; value?: Frac; cases?: { cond: IR; value: Frac }[] };
  /** indicator: its value, range; group: children in order, normalize. */
  value?: IR;
  range?: { lo: IR; hi: IR };
  children?: { kind: 'indicator' | 'group'; index: number }[];
  normalize?: boolean;
}

export type EffectIR =
  | { kind: 'veto' } | { kind: 'nograde' } | { kind: 'cap'; grade: number; name: string } | { kind: 'action'; name: string }
  | { kind: 'deduct' | 'add'; amount: IR; per?: IR; max?: IR };

/** `for`: the indicator (index) whose subtotal takes the item's amounts (attached.ts). */
export interface ItemIR { list: number; index: number; name: string; label?: string; line: number; when: IR; effects: EffectIR[]; for?: number }
/** `attached`: some item of the list has `for` (its `max` then bounds each item in turn). */
export interface ListIR { kind: 'negative' | 'reward'; index: number; name: string; max?: IR; items: ItemIR[]; attached: boolean }

export interface GradeIR {
  name: string; index: number; quotas: boolean; otherwise: boolean;
  rules: { when: IR; desc: DescIR; line: number }[];
}

export interface ProgramIR {
  id: string; version: string | null; hash: string;
  precision: number;
  /** Points are on the 0–total scale: total / 100. */
  scale: Frac;
  total: Frac;
  normalize: boolean;
  pointsMode: boolean;
  /** Top-level inputs the program reads, with their contract types. */
  inputs: { name: string; spec: TypeSpec; dflt?: unknown; hasDefault: boolean }[];
  /** `display` inputs (display-inputs.ts): carried into the result's display as text. */
  display: { name: string; spec: TypeSpec; dflt?: unknown }[];
  lets: { name: string; line: number; value: IR }[];
  indicators: NodeIR[];
  groups: NodeIR[];
  roots: { kind: 'indicator' | 'group'; index: number }[];
  adjust?: IR;
  negatives: ListIR[];
  rewards: ListIR[];
  grades: GradeIR[];
  bonus?: { grade: string; value: IR }[];
  actions: { name: string; line: number; when: IR; usesGrade: boolean }[];
  improve?: { below: IR; max?: number };
  /** `cohort by` (cohort.ts cohortKey), for a cohort member's result. */
  cohortBy?: IR;
  /** What a cohort's book and quota races read of a member (cohort-lower.ts). */
  cohort?: CohortIR;
  /** Cohort aggregates (cohort-aggs.ts): how many, and each stage's arguments X in slot order
   * (cohort-values.ts slotsOf) — 'pre' read no result name, 'post' read score/base/rewards/deductions. */
  aggs?: { count: number; pre: IR[]; post: IR[] };
}

/** Every IR node below `ir` (any IR-holding data: lists, nodes, programs), types left out. */
export function walk(ir: unknown, f: (x: IR) => void): void {
  if (!ir || typeof ir !== 'object') return;
  if (Array.isArray(ir)) { for (const x of ir) walk(x, f); return; }
  const o = ir as Record<string, unknown>;
  if ('op' in o) f(o as IR);
  for (const [k, v] of Object.entries(o)) if (k !== 'ty' && typeof v === 'object') walk(v, f);
}
