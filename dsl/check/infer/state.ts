// Shared state of type inference: the check context, lazily inferred let types (a let is typed when
// first referred to, so declaration order does not matter) and the lexical scope of binders.

import type { AggregateExpr, CohortAgg, Expr, LetDecl } from '../../ast.js';
import type { Code } from '../../diagnostics.js';
import type { Span } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import type { Area, CheckContext } from '../context.js';
import { ERROR, type Type } from '../types.js';
import type { FunctionScope } from './functions.js';
import type { ExampleSubjects } from './cohort-example.js';

export interface Binder { name: string; decl: AggregateExpr; element: Type; parent?: Binder }

export interface Scope {
  area: Area;
  binders?: Binder;
  /** Inside a negative/reward item: result names there are a cycle (KH-C031), not KH-C009. */
  inRule?: boolean;
  /** Inside a cohort aggregate's argument (issue 13): score/base/rewards/deductions are per-subject
   * values there (a cycle is the cohort pass's KH-C122), grade and bonus are not (KH-C126). */
  cohortArg?: CohortAgg;
  /** Inside a function's body (issue 12): its parameters, and no subject values (functions.ts). */
  fn?: FunctionScope;
  /** A cohort example's expectations (issue 13): its subjects' ids, for `ID.X` (cohort-example.ts). */
  subjects?: ExampleSubjects;
}

export interface InferState {
  ctx: CheckContext;
  letTypes: Map<LetDecl, Type>;
  inProgress: Set<LetDecl>;
  /** How many `infer` calls are open: the depth of the expression being typed, counted through
   * the lets it refers to (see inferLet's guard). */
  level: number;
}

export function newState(ctx: CheckContext): InferState {
  return { ctx, letTypes: new Map(), inProgress: new Set(), level: 0 };
}

export function record(st: InferState, e: Expr, t: Type): Type {
  st.ctx.types.set(e, t);
  return t;
}

export function report(st: InferState, code: Code, span: Span, message: Msg): Type {
  st.ctx.sink.add(code, span, message);
  return ERROR;
}
