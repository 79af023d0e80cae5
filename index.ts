// The library API of the `kaohe` package (`import { compile, evaluate } from 'kaohe'`): what a Node
// service needs to embed kaohe without HTTP — analyze a scheme, compile it, evaluate subjects and
// cohorts, run its examples, format its text — with the result types the server's OpenAPI document
// declares (engine/result-schema.ts), so every field of a result is typed. Built to dist/index.js
// and dist/index.d.ts (bin/build.js). Nothing here loads the server, the database or zod.

import { parse } from './dsl/parser/index.js';
import { format as formatTree } from './dsl/format/index.js';
import { SourceFile } from './dsl/source.js';
import type { Diagnostic } from './dsl/diagnostics.js';
import type { Lang } from './dsl/keywords.js';
import * as engine from './engine/index.js';
import type {
  CohortResult, EvalError, EvalOptions, EvalOutcome, ExampleOutcome, JsonSchema, PreparedScheme, SubjectInput, SubjectResult,
} from './engine/api.js';
import type { Locale } from './dsl/i18n/index.js';
import type { RulesRuntime } from './engine/rules.js';
import { snapshotSubject, snapshotSubjects } from './engine/snapshot.js';

export { analyze, type Analysis } from './dsl/index.js';
export { localizeDiagnostic, localizeDiagnostics, type Diagnostic, type Fix, type Severity } from './dsl/diagnostics.js';
export { render, type Locale, type Msg } from './dsl/i18n/index.js';

// The engine's functions with their signatures written here, not re-exported: dist/index.d.ts then
// names only the public types (engine/api.ts, engine/result-types.ts), never engine/index.d.ts and the
// internal classes behind it (engine/subject.ts), which a consumer's strict compiler options
// (exactOptionalPropertyTypes, skipLibCheck off) would check too (issue 16, user trial B-2).
/** Runs the scheme's `example` blocks. */
export const runExamples: (s: PreparedScheme) => Promise<ExampleOutcome[]> = engine.runExamples;
/** Checks the values of the given top-level input fields only, paths under `prefix`. */
export const validatePart: (s: PreparedScheme, input: Record<string, unknown>, prefix: string) => EvalError[] = engine.validatePart;
/** The periods a roll-up input (`results of` / `past`) reads in the evaluation period, oldest first. */
export const periodsOf: (s: PreparedScheme, input: string, period: string) => string[] | undefined = engine.periodsOf;
/** The JSON Schema (draft 2020-12) of one subject's `input`: types, enum members, ranges, list
 * lengths, required fields and defaults, titles from the scheme's labels, words in `lang` (zh or en,
 * default en). Plain data: validate rows with any JSON Schema validator, or generate types from it. */
export const inputSchema: (s: PreparedScheme, lang?: Locale) => JsonSchema = engine.inputSchema;
/** Registers a rules runtime (`EvalOptions.rulesRuntime` names it). */
export const registerRulesRuntime: (name: string, rt: RulesRuntime) => void = engine.registerRulesRuntime;
export type {
  CohortMemberResult, CohortResult, CohortSummary, DecisionInput, Display, Effect, EvalError, EvalOptions, EvalOutcome,
  ExampleOutcome, Explain, GroupResult, IndicatorResult, JsonSchema, NegativeItem, PreparedFill, PreparedInput, PreparedScheme,
  QuotaFlag, QuotaNote, QuotaSummary, Rank, RewardItem, SchemeRef, SubjectInput, SubjectResult, SubjectStanding,
  Trace, TraceStep, TraceValue,
} from './engine/api.js';

/** `prepare(source, path?)`: parse, check and compile a scheme. `value` is the compiled scheme, absent
 * when the diagnostics hold an error. A source that is not a string is a caller's bug: a TypeError
 * that says so (not one from deep inside the lexer). */
export function prepare(source: string, path?: string): { value?: PreparedScheme; diagnostics: Diagnostic[] } {
  if (typeof source !== 'string') throw new TypeError(`kaohe: the scheme source must be a string, not ${source === null ? 'null' : typeof source}`);
  return engine.prepare(source, path);
}

/** `compile(source)`: the same as `prepare`. */
export const compile = prepare;

/** Evaluates one subject. It is read once, as plain data (engine/snapshot.ts: own enumerable
 * properties, each getter called once), so both backends see the same values; a getter that
 * throws rejects the promise. */
export async function evaluate(s: PreparedScheme, subject: SubjectInput, opts?: EvalOptions): Promise<EvalOutcome<SubjectResult>> {
  return engine.evaluate(s, snapshotSubject(subject), opts);
}

/** Evaluates a cohort, its subjects read once like `evaluate`'s (a hole in the list is refused). */
export async function evaluateCohort(s: PreparedScheme, subjects: SubjectInput[], opts?: EvalOptions): Promise<EvalOutcome<CohortResult>> {
  const copied = snapshotSubjects(subjects);
  return 'error' in copied ? { ok: false, errors: [copied.error] } : engine.evaluateCohort(s, copied.subjects, opts);
}

/** `format` options: the keyword language of the output (`en` or `zh`), else the file's own. */
export interface FormatOptions { keywords?: Lang }

/** The canonical layout of a scheme's text (what `kaohe fmt` writes). A text with syntax errors is
 * never formatted: `text` is absent and `diagnostics` say why. */
export function format(source: string, opts: FormatOptions = {}, path = '<input>'): { text?: string; diagnostics: Diagnostic[] } {
  const file = new SourceFile(source, path);
  const parsed = parse(file);
  if (!parsed.value.scheme || parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  return { text: formatTree(parsed.value, file, opts), diagnostics: parsed.diagnostics };
}
