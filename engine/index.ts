// The engine facade (EngineApi of api.ts): prepare = analyze (parse + check) + compile; evaluate
// one subject or a cohort (batch.ts); run a scheme's examples (examples.ts). Nothing thrown inside
// escapes: failures come back as `{ ok: false, errors }`, scheme problems as diagnostics.

import { analyze } from '../dsl/index.js';
import { hasErrors, type Diagnostic } from '../dsl/diagnostics.js';
import type {
  CohortResult, EngineApi, EvalError, EvalOptions, EvalOutcome, ExampleOutcome, JsonSchema, PreparedScheme, SubjectInput, SubjectResult,
} from './api.js';
import type { Locale } from '../dsl/i18n/index.js';
import { evaluateCohortPlan, evaluatePlan, evaluatePlanJson } from './batch.js';
import { compile } from './compile.js';
import { runExamplesOf } from './examples.js';
import { english, M } from './messages.js';
import { optionProblems } from './options.js';
import { idError } from './stream/ids.js';
import type { Plan } from './plan.js';
import { cohortField, periodsOf as periodsOfPlan, preparedInputs, validatePart as validatePartOf } from './prepared-inputs.js';
import { inputSchemaOf } from './input-schema.js';

const plans = new WeakMap<PreparedScheme, Plan>();

/** The compiled plan behind a prepared scheme (for engine-internal callers: export, benchmarks). A
 * caller's bug — `evaluate(undefined, …)` after a compile with errors — is thrown, not answered as
 * data, in words that say what to pass (user trial U7-13); `msg` renders them in Chinese. */
export function planOf(s: PreparedScheme, fn = 'evaluate'): Plan {
  const p = plans.get(s);
  if (!p) throw Object.assign(new Error(english(M.notPrepared({ fn }))), { msg: M.notPrepared({ fn }) });
  return p;
}

/** Wraps a compiled plan as a PreparedScheme. */
export function fromPlan(plan: Plan): PreparedScheme {
  const value: PreparedScheme = {
    id: plan.id, version: plan.version, hash: plan.hash, inputFields: plan.contract.map((f) => f.name),
    inputs: preparedInputs(plan), precision: plan.precision,
  };
  if (plan.period !== undefined) value.periodKind = plan.period;
  value.gradeNames = plan.grades.map((g) => g.name);
  value.total = plan.total.toString();
  const cohort = cohortField(plan);
  if (cohort !== undefined) value.cohortField = cohort;
  plans.set(value, plan);
  return value;
}

export function prepare(source: string, path?: string): { value?: PreparedScheme; diagnostics: Diagnostic[] } {
  const a = analyze(source, path);
  if (!a.checked || hasErrors(a.diagnostics)) return { diagnostics: a.diagnostics };
  try {
    return { value: fromPlan(compile(a.checked, a.file)), diagnostics: a.diagnostics };
  } catch (err) {
    const msg = M.compileFailed({ message: err instanceof Error ? err.message : String(err) });
    const span = { start: 0, end: 0 };
    return { diagnostics: [...a.diagnostics, { code: 'KH-E099', severity: 'error', message: english(msg), msg, span, range: a.file.range(span) }] };
  }
}

export function evaluate(s: PreparedScheme, subject: SubjectInput, opts?: EvalOptions): Promise<EvalOutcome<SubjectResult>> {
  const wrong = [...optionProblems(opts), ...idProblems(subject)];
  return wrong.length ? Promise.resolve({ ok: false, errors: wrong }) : evaluatePlan(planOf(s), subject, opts);
}

/** One subject needs a valid text id as a cohort's members do (stream/ids.ts idError; the HTTP API's
 * rule): a missing or numeric id used to come back as the result's `subject` (issue 16, user trial U7-1). */
function idProblems(subject: SubjectInput): EvalError[] {
  if (!subject || typeof subject !== 'object') return []; // evaluatePlan says what a subject must be
  const wrong = idError(subject.id, '', 'id');
  return wrong ? [wrong] : [];
}

/** One subject's result as JSON text from the compiled program — `JSON.stringify(value)` of what
 * `evaluate` answers, byte for byte, without building the result — or undefined: then call `evaluate`
 * (the closures, an error, an explanation, a plan not warm yet; batch.ts evaluatePlanJson). */
export function evaluateJson(s: PreparedScheme, subject: SubjectInput, opts?: EvalOptions): string | undefined {
  return optionProblems(opts).length || idProblems(subject).length ? undefined : evaluatePlanJson(planOf(s, 'evaluateJson'), subject, opts);
}

export function evaluateCohort(s: PreparedScheme, subjects: SubjectInput[], opts?: EvalOptions): Promise<EvalOutcome<CohortResult>> {
  const wrong = optionProblems(opts);
  return wrong.length ? Promise.resolve({ ok: false, errors: wrong }) : evaluateCohortPlan(planOf(s, 'evaluateCohort'), subjects, opts);
}

export function runExamples(s: PreparedScheme): Promise<ExampleOutcome[]> {
  return runExamplesOf(planOf(s, 'runExamples'));
}

export function validatePart(s: PreparedScheme, input: Record<string, unknown>, prefix: string): EvalError[] {
  return validatePartOf(planOf(s), input, prefix);
}

export function periodsOf(s: PreparedScheme, input: string, period: string): string[] | undefined {
  return periodsOfPlan(planOf(s), input, period);
}

/** The JSON Schema of one subject's input (input-schema.ts); any `lang` but zh gives en. */
export function inputSchema(s: PreparedScheme, lang?: Locale): JsonSchema {
  return inputSchemaOf(planOf(s, 'inputSchema'), lang === 'zh' ? 'zh' : 'en');
}

export const engine: EngineApi = { prepare, evaluate, evaluateJson, evaluateCohort, runExamples, validatePart, periodsOf, inputSchema };
export { registerRulesRuntime } from './run.js';
export type { Plan };
