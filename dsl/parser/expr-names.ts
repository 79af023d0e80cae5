// What the words of an expression mean to the parser (LANGUAGE.md §4), apart from the grammar that
// reads them (parser-expr.ts): a bare name as a result or period name, a callee as an aggregate or a
// cohort function, a number with a unit as a duration. Plain functions of tokens, no Chevrotain rules.

import type { IToken } from 'chevrotain';
import type { AggregateFn, CohortFn, Expr, NameRef, Span } from '../ast.js';
import type { Token } from './lexer.js';
import { M as PM } from './messages.js';
import { canonicalBuiltin, canonicalIn, COHORT_FUNCTIONS, EXAMPLE_RESULT_NAMES, PERIOD_NAMES, RESULT_NAMES } from '../keywords.js';
import { Identifier, Kw } from './tokens.js';
import { numberOf, tokSpan } from './parser-base.js';

/** Names that stand for something of the subject rather than a declaration: result names, period
 * names and the result names only an example's `expect` may use (keywords.ts keeps the tables). */
const BUILTIN_NAMES = new Set([RESULT_NAMES, PERIOD_NAMES, EXAMPLE_RESULT_NAMES].flatMap(Object.keys));

/** A bare name: a result or period name gets its canonical `builtin`; a quoted one (`` `score` ``,
 * lexed with a `value`) is never one, and is marked `quoted` when unquoted it would be. */
export function nameRef(t: IToken, span: Span): NameRef {
  const fn = t.tokenType === Identifier ? canonicalBuiltin(t.image) : undefined;
  if ((t as Token).value !== undefined) return fn ? { kind: 'Name', name: t.image, quoted: true, span } : { kind: 'Name', name: t.image, span };
  return fn && BUILTIN_NAMES.has(fn) ? { kind: 'Name', name: t.image, builtin: fn, span } : { kind: 'Name', name: t.image, span };
}

/** The canonical cohort function a callee after `overall`/`cohort` names (issue 13); undefined when it
 * names none (a quoted name is a declared name, never one). `max`/`min` lex as keywords. */
export function cohortFnOf(t: IToken): CohortFn | undefined {
  if (t.tokenType === Kw.max) return 'max';
  if (t.tokenType === Kw.min) return 'min';
  if ((t as Token).value !== undefined) return undefined;
  return canonicalIn(COHORT_FUNCTIONS, t.image) as CohortFn | undefined;
}
/** `max`/`最大`, … `rank`/`名次`: what the parser expected after a scope. */
export const COHORT_FN_WORDS = PM.alternatives({
  some: Object.keys(COHORT_FUNCTIONS).slice(0, -1).map((k) => PM.keyword({ en: k, zh: COHORT_FUNCTIONS[k] })),
  last: PM.keyword({ en: 'rank', zh: COHORT_FUNCTIONS.rank }),
});

const AGGREGATE_FNS: ReadonlySet<string> = new Set<AggregateFn>(['avg', 'sum', 'count', 'min', 'max', 'any', 'all', 'streak']);

/** Only a built-in aggregate (avg/sum/count/min/max/any/all, either language, unquoted) takes
 * `f(x in L …)` as an aggregate: for any other call `x in L` is a membership argument. */
export function isAggregateCallee(t: IToken): boolean {
  if (t.tokenType === Kw.min || t.tokenType === Kw.max) return true;
  if ((t as Token).value !== undefined) return false; // quoted: a declared name
  const fn = canonicalBuiltin(t.image);
  return fn !== undefined && AGGREGATE_FNS.has(fn);
}

/** `1 years`: the number and its unit keyword. */
export function durationOf(t: IToken, unit: IToken): Expr {
  const amount = numberOf(t);
  const u = unit.tokenType === Kw.days ? 'days' : unit.tokenType === Kw.months ? 'months' : 'years';
  return { kind: 'Duration', amount, unit: u, span: { start: amount.span.start, end: tokSpan(unit).end } };
}
