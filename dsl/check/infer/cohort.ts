// Typing a cohort aggregate (`overall max(实绩原始分)`, `本组 百分位(score, 50)`, `overall rank(x asc)`;
// issue 13). The argument is a per-subject number; it is typed with the result names score/base/
// rewards/deductions allowed wherever the aggregate stands (whether that makes a cycle is the
// cohort-aggregates pass's question, KH-C122). What is decided only after the cohort values — grade,
// bonus — is KH-C125; a binder of an enclosing list aggregate is not per subject: KH-C121. The
// percentile's P is typed here and its value checked by the pass (KH-C124).

import type { CohortAgg, Expr, NameRef } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import type { CheckContext } from '../context.js';
import { M as C } from '../messages.js';
import { M } from '../messages/cohort.js';
import { NUMBER, ERROR, article, type Type } from '../types.js';
import { expectType, infer } from './expr.js';
import { report, type InferState, type Scope } from './state.js';
import { visit } from '../walk.js';

/** `overall max` as written, quoted for a message (here and in the cohort-aggregates pass). */
export function fnWords(ctx: Pick<CheckContext, 'file'>, e: CohortAgg): Msg {
  return C.code({ text: ctx.file.slice({ start: e.span.start, end: e.callee.span.end }) });
}

/** KH-C126: `overall max(bonus)` — the grade and bonus come after the cohort values. */
export function cohortArgResult(st: InferState, n: NameRef, e: CohortAgg): void {
  report(st, 'KH-C126', n.span, M.gradeInArg({ name: n.name, fn: fnWords(st.ctx, e) }));
}

export function inferCohortAgg(st: InferState, e: CohortAgg, scope: Scope): Type {
  const inner: Scope = { ...scope, cohortArg: e };
  const t = infer(st, e.arg, inner, NUMBER);
  if (t.kind !== 'number' && t.kind !== 'error') {
    report(st, 'KH-C005', e.arg.span, M.argNotNumber({ fn: fnWords(st.ctx, e), type: article(t) }));
  }
  if (scope.binders) outerBinders(st, e, scope);
  if (e.p) expectType(st, e.p, NUMBER, scope, M.pPosition({ fn: fnWords(st.ctx, e) }));
  else if (e.fn === 'percentile') report(st, 'KH-C124', e.span, M.percentileNeedsP({ fn: fnWords(st.ctx, e) }));
  return t.kind === 'error' ? ERROR : NUMBER;
}

/** KH-C121: `avg(t in L : overall max(t.x))` — `t` is one item of this subject's list, not a value
 * every subject has. */
function outerBinders(st: InferState, e: CohortAgg, scope: Scope): void {
  const outer = new Set<unknown>();
  for (let b = scope.binders; b; b = b.parent) outer.add(b.decl);
  visit(e.arg, (x: Expr) => {
    if (x.kind !== 'Name') return;
    const r = st.ctx.refs.get(x);
    if (r?.kind === 'binder' && outer.has(r.decl)) {
      report(st, 'KH-C121', x.span, M.binderInArg({ name: x.name, fn: fnWords(st.ctx, e) }));
    }
  });
}
