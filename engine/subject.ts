// One subject's evaluation context: validated inputs plus memo tables. Lets, indicators, groups and
// applicability are computed when first needed and remembered, so a let a subject never uses cannot
// fail for it (§4). Indicator scores are clamped to [0, 100] or their `range` (§6); group scores are
// the weighted mean of applicable children (not clamped).

import type { AggregateExpr, Span } from '../dsl/ast.js';
import type { Locale } from '../dsl/i18n/index.js';
import type { Period } from '../dsl/dates.js';
import { Rational } from '../dsl/rational.js';
import { aloneError, type CohortAggPlan, type CohortSeat, type CohortValue } from './cohort-values.js';
import { fail } from './errors.js';
import { kindWord, M } from './messages.js';
import type { Tracer } from './explain.js';
import type { BinderFrame, Ctx, GroupPlan, IndicatorPlan, LetPlan, NodePlan, Plan } from './plan.js';
import { isNum, show, type Value } from './values.js';
import type { Decision } from './decision.js';
import type { SubjectStanding } from './api.js';

export class Subject implements Ctx {
  readonly binders = new Map<AggregateExpr, BinderFrame>();
  /** Exact result values once known: score, base, rewards, deductions, adjust, grade, bonus. */
  readonly results = new Map<string, Value>();
  /** The committee's decision for this subject (decision.ts, issue 13), set before its grade. */
  decision?: Decision;
  /** Its roster standing and whether its result carries exact values (issue 14, run.ts sets both). */
  declare standing?: SubjectStanding; // `declare`: no field on the common path (set only when given)
  declare exactValues?: boolean;
  private readonly lets = new Map<LetPlan, Value>();
  private readonly scores = new Map<NodePlan, Rational>();
  private readonly applicable = new Map<NodePlan, boolean>();
  private readonly busy = new Set<object>();

  constructor(readonly plan: Plan, readonly id: string, readonly inputs: Map<string, Value>, readonly trace?: Tracer,
    readonly lang: Locale = 'en', readonly period?: Period) {}

  input(name: string): Value {
    const v = this.inputs.get(name);
    if (v === undefined) return fail('KH-E099', M.inputNoValue({ name }), undefined, undefined, name);
    this.trace?.useInput(name, v);
    return v;
  }

  let(l: LetPlan): Value {
    const memo = this.lets.get(l);
    if (memo !== undefined) return memo;
    this.enter(l, l.decl.span);
    this.trace?.open(`let:${l.name}`, l.name);
    try {
      const v = l.expr(this);
      this.lets.set(l, v);
      if (this.trace) this.trace.top!.extra.result = v;
      return v;
    } finally { this.trace?.close(); this.busy.delete(l); }
  }

  applies(n: NodePlan): boolean {
    let a = this.applicable.get(n);
    if (a === undefined) {
      a = (!n.parent || this.applies(n.parent)) && n.conds.every((c) => c(this) === true);
      this.applicable.set(n, a);
    }
    return a;
  }

  indicator(i: IndicatorPlan, reported: boolean, span?: Span): Rational {
    const s = this.score(i, span);
    return reported ? s.round(this.plan.precision) : s;
  }

  group(g: GroupPlan, reported: boolean, span?: Span): Rational {
    const s = this.score(g, span);
    return reported ? s.round(this.plan.precision) : s;
  }

  /** A node's exact score; referring to a node that does not apply is an evaluation error (§6). */
  score(n: NodePlan, span?: Span): Rational {
    const memo = this.scores.get(n);
    if (memo) return memo;
    if (!this.applies(n)) {
      fail('KH-E015', M.notApplicable({ kind: kindWord(n.kind), name: n.name }), this.plan.file, span ?? n.span);
    }
    this.enter(n, n.span);
    try {
      const s = n.kind === 'indicator' ? this.computeIndicator(n) : this.computeGroup(n);
      this.scores.set(n, s);
      return s;
    } finally { this.busy.delete(n); }
  }

  /** A child's share among its siblings: its weight or points (a conditional share: the first case
   * that holds, issue 12); a group without one has the sum of its children's points — of all of them,
   * whatever their `when`, when it is a `normalize` group (its applicable ones are scaled to that). */
  share(n: NodePlan): Rational {
    if (n.share.kind !== 'none') {
      if (n.share.cases) for (const c of n.share.cases) if (c.cond(this) === true) return c.value;
      return n.share.value;
    }
    if (n.kind === 'indicator') return Rational.ZERO;
    const kids = n.normalize ? n.children : n.children.filter((c) => this.applies(c));
    return kids.reduce((a, c) => a.add(this.share(c)), Rational.ZERO);
  }

  /** Where its cohort aggregate values are (issue 13), set by the cohort phases of batch.ts; absent alone. */
  cohortSeat?: CohortSeat;

  cohort(a: CohortAggPlan): CohortValue {
    return (this.cohortSeat && this.cohortSeat.values.get(a, this.cohortSeat)) ?? aloneError(this.plan, a);
  }

  result(name: string, reported: boolean, span: Span): Value {
    if (name === 'adjust' && !this.results.has('adjust')) this.results.set('adjust', this.computeAdjust());
    const v = this.results.get(name);
    if (v === undefined) return fail('KH-E099', M.resultUnknown({ name }), this.plan.file, span);
    return reported && isNum(v) ? v.round(this.plan.precision) : v;
  }

  computeAdjust(): Rational {
    const a = this.plan.adjust;
    if (!a) return Rational.ONE;
    const v = a.expr(this);
    return isNum(v) ? v : fail('KH-E018', M.adjustNotNumber({ name: a.name, value: show(v) }), this.plan.file, undefined);
  }

  private computeIndicator(i: IndicatorPlan): Rational {
    const t = this.trace;
    t?.open(`indicator:${i.name}`, i.name);
    try {
      const v = i.expr(this);
      if (!isNum(v)) return fail('KH-E018', M.indicatorNotNumber({ name: i.name, value: show(v) }), this.plan.file, i.decl.value.span);
      let lo = Rational.ZERO, hi = Rational.HUNDRED;
      if (i.range) {
        const l = i.range.lo(this), h = i.range.hi(this);
        if (isNum(l)) lo = l;
        if (isNum(h)) hi = h;
      }
      const s = Rational.min(Rational.max(v, lo), hi);
      if (t) {
        t.top!.extra.result = v;
        if (!s.eq(v)) t.top!.extra.clamp = { range: [lo, hi], from: v, to: s };
      }
      return s;
    } finally { t?.close(); }
  }

  private computeGroup(g: GroupPlan): Rational {
    const kids = g.children.filter((c) => this.applies(c));
    let sum = Rational.ZERO, acc = Rational.ZERO;
    for (const c of kids) {
      const w = this.share(c);
      sum = sum.add(w);
      acc = acc.add(this.score(c).mul(w));
    }
    if (sum.isZero()) return fail('KH-E015', M.groupNoChildren({ name: g.name }), this.plan.file, g.span);
    return acc.div(sum);
  }

  private enter(o: object, span: Span): void {
    if (this.busy.has(o)) fail('KH-E099', M.cyclic(), this.plan.file, span);
    this.busy.add(o);
  }
}
