// Run-time values of kaohe expressions. Numbers are exact Rationals; enum members are interned
// `EnumVal`s compared by their position (grades compare best-first); lists are JS arrays; records
// and ratings carry their fields in Maps. `null` is the grade of a nograde subject.

import type { PanelDecl } from '../dsl/ast.js';
import { Rational } from '../dsl/rational.js';
import { GRADE_ENUM } from '../dsl/symbols.js';
import { keywordText, type Lang } from '../dsl/keywords.js';

export interface EnumVal { kind: 'enum'; enumName: string; index: number; name: string }
export interface RecordVal { kind: 'record'; fields: Map<string, Value> }
/** `ballots` (issue 12): a panel with criteria keeps each category's ballots (criterion → rating) in
 * input order; its `categories` then hold each ballot's weighted mean over the criteria it rates. */
export interface RatingsVal {
  kind: 'ratings'; panel: PanelDecl; categories: Map<string, Rational[]>;
  ballots?: Map<string, Map<string, Rational>[]>;
}
export type Value = Rational | boolean | string | EnumVal | RecordVal | RatingsVal | Value[] | null;

export const isNum = (v: Value): v is Rational => v instanceof Rational;
export const isEnum = (v: Value): v is EnumVal => typeof v === 'object' && v !== null && !Array.isArray(v)
  && !(v instanceof Rational) && v.kind === 'enum';

/** Total order for numbers and members of one enum. Grades are listed best first, so a better grade
 * (lower index) compares greater: `grade >= 称职` means 称职 or better. */
export function compareValues(a: Value, b: Value): number {
  if (a instanceof Rational && b instanceof Rational) return a.cmp(b);
  if (isEnum(a) && isEnum(b)) {
    const d = a.index - b.index;
    return a.enumName === GRADE_ENUM ? -d : d;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new TypeError(`cannot compare ${show(a)} with ${show(b)}`);
}

export function equalValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof Rational && b instanceof Rational) return a.eq(b);
  if (isEnum(a) && isEnum(b)) return a.enumName === b.enumName && a.index === b.index;
  return false;
}

/** How true, false and a missing value read in a text. */
export interface ValueWords { readonly true: string; readonly false: string; readonly null: string }
/** Per reader's language: the keywords the scheme itself is written with — `是`/`否`/`缺失` under zh, so a
 * Chinese reason never says `= true` (issue 16, session 6 user trial). `null` stays `null` in English,
 * as results and explanations have always printed it. */
export const VALUE_WORDS: Readonly<Record<Lang, ValueWords>> = {
  en: { true: 'true', false: 'false', null: 'null' },
  zh: { true: keywordText('true', 'zh'), false: keywordText('false', 'zh'), null: keywordText('missing', 'zh') },
};

/** Display text for explanations and failing expects: exact decimals (or a/b), member names. */
export function show(v: Value, maxDigits = 6, words: ValueWords = VALUE_WORDS.en): string {
  if (v === null) return words.null;
  if (v instanceof Rational) return v.toDecimalString(maxDigits);
  if (typeof v === 'boolean') return v ? words.true : words.false;
  if (typeof v === 'string') return JSON.stringify(v);
  const inner = (x: Value) => show(x, maxDigits, words);
  if (Array.isArray(v)) return `[${v.map(inner).join(', ')}]`;
  switch (v.kind) {
    case 'enum': return v.name;
    case 'record': return `{ ${[...v.fields].map(([k, x]) => `${k}: ${inner(x)}`).join(', ')} }`;
    case 'ratings': return `{ ${[...v.categories].map(([k, x]) => `${k}: ${inner(x as Value)}`).join(', ')} }`;
  }
}

/** Plain JSON for explanations (numbers as decimal numbers rounded to `digits`). */
export function toJson(v: Value, digits = 6): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Rational) return v.round(digits).toNumber();
  if (Array.isArray(v)) return v.map((x) => toJson(x, digits));
  switch (v.kind) {
    case 'enum': return v.name;
    case 'record': return Object.fromEntries([...v.fields].map(([k, x]) => [k, toJson(x, digits)]));
    case 'ratings': return Object.fromEntries([...v.categories].map(([k, x]) => [k, x.map((r) => r.toNumber())]));
  }
}

/** A reported number: exact value rounded half away from zero, as a JSON number. */
export function reported(r: Rational, digits: number): number {
  return r.round(digits).toNumber();
}
