// Evaluation diagnostics: the KH-E… codes (input validation and evaluation errors) and the internal
// failure used to unwind one subject's evaluation. An EvalFailure never leaves the engine: the
// subject boundary (evaluate.ts / index.ts) turns it into an `EvalError` in an `EvalOutcome`.

import type { Span } from '../dsl/ast.js';
import type { SourceFile } from '../dsl/source.js';
import type { Msg } from '../dsl/i18n/index.js';
import type { EvalError } from './api.js';
import { english, M } from './messages.js';

/** Every engine code with a one-line title. */
export const ENGINE_CODES = {
  // ---- input validation (before anything is evaluated)
  'KH-E001': 'unknown field',
  'KH-E002': 'missing required field',
  'KH-E003': 'wrong type',
  'KH-E004': 'not a member of the enum',
  'KH-E005': 'not an integer',
  'KH-E006': 'number out of range',
  'KH-E007': 'list length out of range',
  'KH-E008': 'malformed request (subject without id, duplicate id, input not an object)',
  'KH-E009': 'too many problems: the rest of the input was not checked (`maxErrors`)',
  'KH-E020': 'value not in its set or scale',
  'KH-E021': 'malformed ballot (not an object, empty, or an unknown criterion)',
  'KH-E022': 'incomplete ballot on a panel that trims whole ballots',
  // ---- evaluation
  'KH-E010': 'division by zero',
  'KH-E011': 'aggregate over an empty list',
  'KH-E012': 'weighted average whose weights sum to zero',
  'KH-E013': 'every panel category is missing',
  'KH-E014': 'panel category missing under `missing error`',
  'KH-E015': 'indicator or group does not apply to this subject',
  'KH-E016': 'no band or level matched',
  'KH-E017': 'weights or points of applicable children do not sum correctly',
  'KH-E018': 'value of the wrong kind at run time',
  'KH-E019': 'table has no entry for this value',
  // ---- dates and periods
  'KH-E030': 'not a date (ISO YYYY-MM-DD of a real calendar day)',
  'KH-E031': "period not of the scheme's period kind",
  'KH-E032': 'period missing: the scheme uses periodStart/periodEnd',
  'KH-E033': 'date outside the years 0001–9999',
  // ---- cohort aggregates (issue 13, cohort-values.ts)
  'KH-E040': 'a scheme that compares each subject with its cohort evaluated for one subject alone',
  // ---- quota tables (issue 13, cohort.ts)
  'KH-E043': "a quota table's key differs within the quota's scope",
  // ---- committee decisions (issue 13, decision.ts)
  'KH-E046': 'malformed committee decision (unknown grade, bad order, missing or empty reason)',
  'KH-E047': 'committee decision for a scheme whose grades are not `by committee`',
  // ---- cohort examples (issue 13, cohort-examples.ts)
  'KH-E049': "a cohort example's expectation reads a value the subject's result does not have",
  // ---- roll-up and history inputs (issue 14, engine/periods/)
  'KH-E050': 'a result record whose period is not one of the periods the input covers',
  'KH-E051': 'two result records for one period',
  'KH-E052': "a result record's grade is not a member of its enum (or null)",
  'KH-E053': "a result record's score is not a number or an exact fraction or decimal",
  'KH-E054': 'periods without a result under `missing error`',
  'KH-E055': 'a `past` result record whose period is outside the periods before this one',
  'KH-E056': "malformed roster standing (`standing`: ungraded, countsInBase)",
  'KH-E057': 'no result of the related subject in this period under `missing error`',
  'KH-E058': "a quota table's key has no value (null), so the share cannot be looked up",
  // ---- the caller's options (issue 16, options.ts)
  'KH-E060': 'an evaluation option that is not one of its values (lang, backend, maxErrors, …)',
  // ---- the cohort key's text (V11b HIGH-1, subject-id.ts unitFlaw)
  'KH-E061': "a unit (`cohort by`'s field) with a control or invisible character or a space at either end",
  'KH-E099': 'internal error',
} as const;

export type EngineCode = keyof typeof ENGINE_CODES;

/** Thrown inside one subject's evaluation; caught at the subject boundary. */
export class EvalFailure extends Error {
  constructor(readonly error: EvalError) {
    super(error.message);
  }
}

/** An EvalError whose `message` is the English words of `msg`. */
export function evalError(code: EngineCode, msg: Msg, more?: Omit<EvalError, 'code' | 'message' | 'msg'>): EvalError {
  return { code, message: english(msg), msg, ...more };
}

/** Raises an evaluation error located at `span` in `file` (line/column) with an optional data path. */
export function fail(code: EngineCode, msg: Msg, file: SourceFile | undefined, span: Span | undefined,
  path?: string): never {
  const e: EvalError = evalError(code, msg);
  if (path) e.path = path;
  if (file && span) {
    const p = file.position(span.start);
    e.line = p.line;
    e.column = p.column;
    e.msg = M.atLine({ what: msg, line: p.line });
    e.message = english(e.msg);
  }
  throw new EvalFailure(e);
}

/** Converts anything thrown during a subject's evaluation into an EvalError (bugs become KH-E099). */
export function toEvalError(err: unknown): EvalError {
  if (err instanceof EvalFailure) return err.error;
  const message = err instanceof Error ? err.message : String(err);
  return evalError('KH-E099', M.internal({ message }));
}
