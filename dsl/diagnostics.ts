// Diagnostics are data: a stable code, a severity, a message for people, and where. Every stage
// returns `{ value, diagnostics }`; tests assert codes, never wording. The registry below is the
// single list of codes (docs/diagnostics.md is generated from the same titles).

import type { Span } from './ast.js';
import type { Range, SourceFile } from './source.js';
import { render, type Locale, type Msg } from './i18n/index.js';

export type Severity = 'error' | 'warning';

/** A text edit that fixes the problem (quick fixes in the editor). `title` is in English;
 * `titleMsg` is the same title as data, for the reader's locale (localizeDiagnostic). */
export interface Fix { title: string; titleMsg?: Msg; edits: { span: Span; text: string }[] }

/** `message` is the English text; `msg` is the same message as data (dsl/i18n), rendered in the
 * reader's locale at the edges by `localizeDiagnostic`. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  msg?: Msg;
  span: Span;
  range: Range;
  fix?: Fix;
}

/** What a stage reports: a message built from its catalog (or, until every call site has one,
 * English text). */
export type MessageLike = string | Msg;

export function messageText(m: MessageLike, locale: Locale = 'en'): string {
  return typeof m === 'string' ? m : render(m, locale);
}

/** A fix whose title is a message. */
export function fixOf(title: MessageLike, edits: Fix['edits']): Fix {
  return typeof title === 'string' ? { title, edits } : { title: render(title, 'en'), titleMsg: title, edits };
}

/** The diagnostic with its message and fix title in `locale` (English diagnostics are returned as
 * they are). */
export function localizeDiagnostic(d: Diagnostic, locale: Locale): Diagnostic {
  if (locale === 'en') return d;
  const out: Diagnostic = { ...d };
  if (d.msg) out.message = render(d.msg, locale);
  if (d.fix?.titleMsg) out.fix = { ...d.fix, title: render(d.fix.titleMsg, locale) };
  return out;
}

export function localizeDiagnostics(list: readonly Diagnostic[], locale: Locale): Diagnostic[] {
  return list.map((d) => localizeDiagnostic(d, locale));
}

export interface Result<T> { value: T; diagnostics: Diagnostic[] }

/** Every diagnostic code: its default severity and a one-line title. */
export const CODES = {
  // ---- lexing and parsing
  'KH-P001': ['error', 'syntax error: unexpected token'],
  'KH-P002': ['error', 'unterminated string'],
  'KH-P003': ['error', 'unterminated block comment'],
  'KH-P004': ['error', 'character not allowed here'],
  'KH-P005': ['error', 'full-width character, Chinese punctuation or math symbol where an ASCII one is meant'],
  'KH-P006': ['error', 'a Chinese keyword is glued to a name (a space is missing)'],
  'KH-P007': ['error', 'malformed number'],
  'KH-P008': ['error', 'nested too deeply'],
  'KH-P009': ['error', 'too many syntax errors; the rest are not shown'],
  'KH-P010': ['error', 'a quoted name is not one name'],
  'KH-P011': ['error', 'a keyword used as a name without quotes'],
  'KH-P012': ['warning', 'an invisible direction control character (the text may not read as it runs)'],
  'KH-P013': ['error', 'a soft quota share written with a word of the document instead of `normally`'],
  'KH-P014': ['error', 'a unit word after `results of SCHEME for FIELD` (a related result is of this period)'],
  'KH-P015': ['error', 'a `when` condition inside an indicator (a post-specific indicator goes in a `when C { … }` block)'],
  // ---- names and types
  'KH-C000': ['warning', 'the checker stopped early (internal error); only syntax was checked'],
  'KH-C001': ['error', 'unknown name'],
  'KH-C002': ['error', 'name declared twice'],
  'KH-C003': ['error', 'a keyword cannot be declared as a name'],
  'KH-C004': ['error', 'enum member is ambiguous between enums'],
  'KH-C005': ['error', 'type mismatch'],
  'KH-C006': ['error', 'member of another enum'],
  'KH-C007': ['error', 'unknown field or category'],
  'KH-C008': ['error', 'wrong use of a function or form'],
  'KH-C009': ['error', 'result name used outside grades, outcomes and examples'],
  // ---- weights and points
  'KH-C010': ['error', 'weights do not sum to 100%'],
  'KH-C011': ['error', 'points and weights mixed among siblings'],
  'KH-C012': ['error', 'points do not sum to the total'],
  'KH-C013': ['error', 'indicator or group without a weight or points'],
  'KH-C014': ['warning', 'weight check is not exhaustive'],
  // ---- forms and tables
  'KH-C020': ['error', 'panel weights do not sum to 100%'],
  'KH-C021': ['error', 'levels do not cover every member'],
  'KH-C022': ['error', 'table does not cover every member'],
  'KH-C023': ['error', 'bonus does not cover every grade'],
  'KH-C024': ['warning', 'band thresholds are not monotone'],
  'KH-C025': ['error', 'linear points are not increasing in x'],
  'KH-C026': ['error', 'grades need a final `otherwise`'],
  'KH-C027': ['error', '`otherwise` must be the last grade'],
  'KH-C028': ['error', 'invalid setting or constraint'],
  'KH-C029': ['error', 'invalid quota'],
  // ---- cycles and evaluation hazards
  'KH-C030': ['error', 'cyclic reference'],
  'KH-C031': ['error', 'a negative item or reward refers to the score'],
  'KH-C032': ['warning', 'possible division by zero'],
  // ---- unused and unreachable
  'KH-C040': ['warning', 'unused input'],
  'KH-C041': ['warning', 'unused panel'],
  'KH-C042': ['warning', 'unused table'],
  'KH-C043': ['warning', 'indicator no subject can reach'],
  'KH-C044': ['warning', 'indicator may not apply where it is referred to'],
  // ---- examples
  'KH-C050': ['error', 'example sets an unknown field'],
  'KH-C051': ['error', 'example expects an unknown name'],
  'KH-C052': ['error', 'example input does not match the input contract'],
  'KH-C053': ['error', 'an example does not pass (`kaohe check` runs the examples of a scheme without errors)'],
  'KH-C110': ['error', 'an example result name outside `expect`'],
  'KH-C111': ['error', 'not an action or item of the scheme in an expectation'],
  'KH-C112': ['warning', 'aggregate over a list that can be empty'],
  'KH-C113': ['error', 'a display input that is not text'],
  // ---- cohort aggregates (issue 13)
  'KH-C120': ['error', "a cohort aggregate inside a cohort aggregate's argument"],
  'KH-C121': ['error', "a list aggregate's item in a cohort aggregate's argument"],
  'KH-C122': ['error', 'a cohort aggregate of the score where the score depends on it (a cycle)'],
  'KH-C123': ['error', 'a cohort aggregate where there is no cohort'],
  'KH-C124': ['error', "a percentile's P that is not a constant from 0 to 100"],
  'KH-C125': ['error', 'a cohort aggregate with a part its function does not take'],
  'KH-C126': ['error', "the grade or bonus in a cohort aggregate's argument"],
  // ---- quota tables, scopes, soft quotas, several rules per grade (issue 13)
  'KH-C130': ['error', 'a quota table keyed by something other than an enum input or let'],
  'KH-C131': ['error', 'a quota table that misses members of its enum'],
  'KH-C132': ['error', 'a quota table entry that is not a member of its enum, or given twice'],
  'KH-C133': ['error', 'two quotas of one grade at the same scope'],
  'KH-C134': ['error', 'a normal (soft) share above the hard share'],
  'KH-C135': ['error', 'the rules of one grade not next to each other'],
  // ---- cohort examples (issue 13)
  'KH-C150': ['error', 'a single-subject example in a scheme that compares each subject with its cohort'],
  'KH-C151': ['error', 'an example that mixes `given { … }` with `given ID { … }`'],
  'KH-C152': ['error', 'an expectation names a subject the cohort example does not give'],
  'KH-C153': ['error', 'two subjects of a cohort example with the same id'],
  'KH-C154': ['error', 'not a result, indicator or group name after a subject id'],
  'KH-C155': ['error', "a subject's value in a cohort example's expectation without the subject's id"],
  'KH-C156': ['error', "a malformed decision in a cohort example"],
  'KH-C157': ['error', 'a decision in an example of a scheme whose grades are not `by committee`'],
  // ---- results of other periods (issue 14)
  'KH-C160': ['error', 'a `results of` / `past` input without a `missing` policy'],
  'KH-C161': ['error', "a `results of` unit that does not divide the scheme's period"],
  'KH-C162': ['error', "a `past` unit that is not the scheme's own period kind"],
  'KH-C163': ['error', 'a `past` count outside 1 to 50'],
  'KH-C164': ['error', 'a `results of` / `past` type that is not a top-level input field'],
  'KH-C165': ['error', '`streak` over something other than a `past` input'],
  'KH-C166': ['error', '`grades X` where X is not an enum'],
  'KH-C167': ['error', 'a `missing` policy the form does not take'],
  'KH-C168': ['error', 'an option of a `results of` / `past` input written twice'],
  'KH-C169': ['error', 'the field after `results of SCHEME for` is not a top-level text or enum input'],
  'KH-C170': ['warning', 'a quota table keyed by a related subject\'s grade that may be missing or differ within a cohort'],
  'KH-C171': ['error', 'a `results of` input reading this scheme\'s own results'],
  // ---- dates and periods
  'KH-C100': ['error', 'not a date'],
  'KH-C101': ['error', 'a duration outside `date + duration` / `date - duration`'],
  'KH-C102': ['error', "an example's period does not fit the scheme's period kind"],
  'KH-C103': ['error', 'an example without a period in a scheme that uses the period'],
  'KH-C104': ['warning', 'an interval whose constant ends leave it empty (always false)'],
  'KH-C105': ['error', 'a duration longer than 10000 years'],
  // ---- shares, normalize and attached items (issue 12)
  'KH-C090': ['error', "an item's `for` does not name an indicator"],
  'KH-C091': ['warning', 'an attached item adds or deducts nothing'],
  'KH-C092': ['warning', 'a `normalize` group can have no applicable member'],
  'KH-C093': ['warning', 'an attached item can match when its indicator does not apply'],
  'KH-C094': ['error', 'points written as a percent'],
  // ---- rating scales and ballots (issue 12)
  'KH-C070': ['error', 'invalid rating scale (no values, a value not a number, twice, in two tiers, a tier named twice, or named tiers mixed with loose values)'],
  'KH-C071': ['error', 'not a scale'],
  'KH-C072': ['error', 'invalid value set (`in {…}` on a type it cannot restrict, or a value it can never take)'],
  'KH-C073': ['error', 'invalid panel criteria (none, declared twice, or weights not summing to 100%)'],
  'KH-C074': ['error', '`per ballot` trimming on a panel without criteria'],
  'KH-C075': ['warning', 'unused scale'],
  'KH-C076': ['error', 'too many criteria in a panel (at most 100)'],
  // ---- functions (issue 12)
  'KH-C080': ['error', 'a function uses an input, let, indicator, group or result name (functions are pure)'],
  'KH-C081': ['error', 'a recursive function (directly or through other functions)'],
  'KH-C082': ['error', 'a function called with the wrong number of arguments'],
  'KH-C083': ['error', 'a parameter declared twice'],
  'KH-C084': ['error', 'a parameter of type `ratings of` or with a constraint'],
  'KH-C085': ['warning', 'unused function'],
  'KH-C086': ['warning', 'unused parameter'],
  'KH-C087': ['error', 'a function call that expands to too many evaluation steps'],
  // ---- limits
  'KH-C060': ['error', 'too many problems; the rest are not shown'],
  'KH-C061': ['error', 'dependency chain too long'],
} as const satisfies Record<string, readonly [Severity, string]>;

export type Code = keyof typeof CODES;

/** Builds diagnostics against one source file. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  constructor(readonly file: SourceFile) {}

  add(code: Code, span: Span, message: MessageLike, fix?: Fix, severity: Severity = CODES[code][0]): Diagnostic {
    const d: Diagnostic = { code, severity, message: messageText(message), span, range: this.file.range(span) };
    if (typeof message !== 'string') d.msg = message;
    if (fix) d.fix = fix;
    this.list.push(d);
    return d;
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: by position, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
