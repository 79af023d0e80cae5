// The engine's public contract (types only): what the CLI and the server call. The engine helper
// owns the implementation in engine/index.ts; callers depend on these shapes only.

import type { Diagnostic } from '../dsl/diagnostics.js';
import type { Locale, Msg } from '../dsl/i18n/index.js';
import type { CohortResult, SubjectResult } from './result-types.js';

/** One problem found while validating input or evaluating: `path` is the JSON path
 * (`工作任务[2].完成率`, or `subjects[3].input.缺勤天数` in a cohort). */
export interface EvalError {
  code: string;            // KH-E…
  message: string;         // English; `msg` is the same message as data, for the reader's locale
  msg?: Msg;
  path?: string;
  subject?: string;        // subject id, in a cohort
  expected?: string;
  found?: string;
  line?: number;           // source line of the expression that failed (evaluation errors)
  column?: number;
}

export type EvalOutcome<T> = { ok: true; value: T } | { ok: false; errors: EvalError[] };

/** `display`: fields that only name the person (姓名, 科室, 职务 from a roster's extra columns),
 * carried into the result as text (a number becomes its decimal text) and never evaluated. Texts
 * and numbers only, at most 50 fields of at most 1,000 characters (engine/display.ts), otherwise
 * KH-E008 at its path. */
export interface SubjectInput {
  id: string; input: Record<string, unknown>; display?: Record<string, string | number>;
  /** A committee decision (`grades by committee`, issue 13): the grade it sets and/or the subject's
   * place in the committee's order (1 = first), with the reason; checked by decision.ts. */
  decision?: DecisionInput;
  /** The subject's standing on a round's roster (issue 14): `ungraded` (不定等次: 试用期, 新录用) gets no
   * grade, no bonus and no rank, its gradeReasons saying so; `countsInBase` overrides the scheme's
   * `of graded|all` for it: false leaves it out of every quota's base, true puts it in every base
   * (an ungraded member too); absent: the scheme decides. Malformed: KH-E056 at `standing…`. */
  standing?: SubjectStanding;
}

export interface SubjectStanding { ungraded?: boolean; countsInBase?: boolean }

/** A committee decision as the request gives it (JSON keys in English). */
export interface DecisionInput { grade?: string; order?: number; reason: string }

export interface EvalOptions {
  explain?: boolean;
  /** Language of the result's words (grade and quota reasons, trace wording); default en. Errors
   * carry theirs as data (`EvalError.msg`) whatever this says. */
  lang?: Locale;
  /** Which runtime evaluates the negative-list, reward and outcome rules. */
  rulesRuntime?: 'native' | 'jre';
  /** Most problems a failed outcome reports. When there are more, checking stops and one more
   * error, KH-E009, says where: a 2 MiB cohort of empty inputs otherwise builds a million errors
   * and takes seconds. Default: no limit. */
  maxErrors?: number;
  /** The evaluation period (`2026`, `2026-Q1`, `2026-03`, `2026-03-01..2026-06-30`, by the scheme's
   * `period` kind): required when the scheme names periodStart/periodEnd (KH-E032), checked against
   * the kind (KH-E031), carried into the result. One period for a whole cohort. */
  period?: string;
  /** Each result gets `exact`: its score, base, rewards and deductions as exact fraction text
   * ("1769/20", an integer "88"), for storage beside the reported values (issue 14). */
  exactValues?: boolean;
  /** Which engine evaluates (issue 16): 'closures', the reference, or 'compiled', the generated
   * JavaScript of engine/codegen/, which gives exactly the closures' results and falls back to them
   * per subject for anything it does not handle. `rulesRuntime: 'jre'` and `explain` run on closures.
   * Default: compiled, once a plan has been evaluated a few times (engine/batch.ts WARM_UP). */
  backend?: 'compiled' | 'closures';
}

/** The result JSON (LANGUAGE.md §12), declared as plain types in result-types.ts (the server's zod
 * schema, result-schema.ts, is checked against them at compile time); the engine never loads zod. */
export type {
  CohortMemberResult, CohortResult, CohortSummary, Display, Effect, Explain, GroupResult, IndicatorResult,
  NegativeItem, QuotaFlag, QuotaNote, QuotaSummary, Rank, RewardItem, SchemeRef, SubjectResult, Trace, TraceStep, TraceValue,
} from './result-types.js';

export interface ExampleOutcome {
  name: string;
  label?: string;
  line: number;
  passed: boolean;
  /** For each failing `expect`: its source text and both sides' values. */
  failures: { expect: string; line: number; left?: string; right?: string; message: string; msg?: Msg }[];
}

/** A scheme ready to evaluate: parsed, checked without errors, compiled. */
export interface PreparedScheme {
  id: string;
  version?: string;
  hash: string;            // sha256 of the source text, `sha256:…`
  inputFields: string[];
  /** What the server checks imported results against (issue 14): the `period` kind (annual,
   * quarterly, monthly, special; absent without one), the grade names in order, the full score as
   * exact text ("100"). Optional: an injected test engine need not say. */
  periodKind?: string;
  gradeNames?: string[];
  total?: string;
  /** The top-level input fields (issue 14, rounds): defaults, and what the server fills. */
  inputs: PreparedInput[];
  /** The input field `cohort by` names, when it is a bare input name (a round's roster unit fills it). */
  cohortField?: string;
  /** Decimal places of reported values. */
  precision: number;
}

/** A top-level input field: whether it has a default; `fill` for a `results of` / `past` roll-up.
 * `default`: the default's value as a client would send it (a number, an enum member's name, a list
 * of them), so the server can tell an amendment that sets a field to its default (amend-same.ts). */
export interface PreparedInput { name: string; hasDefault: boolean; default?: unknown; fill?: PreparedFill }

/** What a roll-up reads: the source scheme's name (`past`: this scheme's own), its period unit,
 * past's count, the missing policy, and which stored score (reported or exact). A related subject's
 * result (`related`, issue 14 part 2): ONE record of the source scheme, in this evaluation's period,
 * of the subject whose id is the value of the input field `subjectField`; no `unit` (the same period;
 * `periodsOf` answers [period]); given as one record object or null/absent when there is none. */
export interface PreparedFill {
  form: 'resultsOf' | 'past' | 'related';
  scheme: string;
  unit?: 'annual' | 'quarterly' | 'monthly';
  subjectField?: string;
  count?: number;
  values: 'exact' | 'reported';
  missing: 'skip' | 'zero' | 'error' | 'breaks';
  /** `grades ENUM` (resultsOf, related): the enum the source's grades must be members of (the server
   * checks the source scheme's grade names against it when a round is created or evaluated). */
  grades?: { enum: string; members: string[] };
}

export interface EngineApi {
  /** Parse + check + compile. `value` is undefined when there are errors. */
  prepare(source: string, path?: string): { value?: PreparedScheme; diagnostics: Diagnostic[] };
  evaluate(s: PreparedScheme, subject: SubjectInput, opts?: EvalOptions): Promise<EvalOutcome<SubjectResult>>;
  /** One subject's result as the JSON text `evaluate` would answer (JSON.stringify of its value),
   * straight from the compiled program; undefined when it does not answer: then call `evaluate`. */
  evaluateJson?(s: PreparedScheme, subject: SubjectInput, opts?: EvalOptions): string | undefined;
  evaluateCohort(s: PreparedScheme, subjects: SubjectInput[], opts?: EvalOptions): Promise<EvalOutcome<CohortResult>>;
  runExamples(s: PreparedScheme): Promise<ExampleOutcome[]>;
  /** Checks the values of the given top-level fields only (a part of an input, issue 14), paths under
   * `prefix` (`subjects[0].input.`); keys the scheme does not declare are left out. */
  validatePart(s: PreparedScheme, input: Record<string, unknown>, prefix: string): EvalError[];
  /** The periods roll-up field `input` reads in the evaluation period `period`, oldest first (2026 +
   * quarterly → 2026-Q1…Q4; past 3 annual → 2023, 2024, 2025); undefined for another field or a
   * period not of the scheme's kind. */
  periodsOf(s: PreparedScheme, input: string, period: string): string[] | undefined;
  /** The JSON Schema (draft 2020-12) of one subject's `input` (user trial U7-20, input-schema.ts),
   * its titles and descriptions in `lang` (default en). */
  inputSchema(s: PreparedScheme, lang?: Locale): JsonSchema;
}

/** A JSON Schema document (input-schema.ts): plain JSON data. */
export interface JsonSchema { [keyword: string]: unknown }
