// Cohort aggregates (issue 13): `overall max(实绩原始分)`, `本组 百分位(score, 50)`, `overall rank(x asc)`
// stand for a value over every subject of a scope — the whole batch, or the subject's `cohort by`
// group — so they are not computed where they are read. A cohort evaluation (batch.ts) computes each
// subject's argument X, then the values per scope, and hands every subject its own values before the
// expressions that read them run; the compiled expression only looks its value up (`Ctx.cohort`).
//
// Stages: an aggregate whose X needs no result name is computed before the subjects' main runs
// ('pre'); one whose X reads score, base, rewards or deductions (directly or through lets,
// indicators, groups, adjust, tables) after every subject's score and before grades ('post'). The
// checker keeps the second kind out of everything score depends on (KH-C122), so the order is sound.
//
// Values are exact: max, min, the exact mean, percentile = Excel PERCENTILE.INC (sort ascending,
// h = (n−1)·P/100, v[⌊h⌋] + (h−⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋])), rank = 1 + how many in the scope are
// strictly better (competition ranking 1, 1, 3; desc: larger is better, asc: smaller). Every subject
// of the scope counts (vetoed, capped and ungraded ones too: they are in the cohort).

import type { CohortAgg, CohortFn, Expr } from '../dsl/ast.js';
import { CohortDeps } from '../dsl/check/cohort-deps.js';
import type { CheckedScheme } from '../dsl/check/types.js';
import { Rational } from '../dsl/rational.js';
import { CM } from './cohort-messages.js';
import { fail } from './errors.js';
import type { CompileEnv } from './expr.js';
import { M } from './messages.js';
import { competitionRanks } from './ranks.js';
import type { Compiled, Ctx, Plan } from './plan.js';
import { isNum, show } from './values.js';

export interface CohortAggPlan {
  node: CohortAgg;
  scope: 'overall' | 'cohort';
  fn: CohortFn;
  /** rank only: desc (default) ranks the largest first. */
  dir: 'asc' | 'desc';
  /** The subject's X, exact (result names are the exact values). */
  arg: Compiled;
  /** percentile only: P, a constant in [0, 100]. */
  p?: Compiled;
  /** The aggregate and its argument as written (`overall max(实绩原始分)`). */
  text: string;
  argText: string;
  line: number;
  /** 'post': X reads score/base/rewards/deductions, so it is computed after every subject's score. */
  stage: 'pre' | 'post';
}

/** A subject's value of an aggregate: the value, the size of its scope, and for a rank the X ranked. */
export interface CohortValue { value: Rational; of: number; x?: Rational }


/** `overall max(x)` etc. → a closure reading this subject's value (Ctx.cohort), with a trace step
 * `overall max(实绩原始分) = 95 (over 100)`. The aggregate is registered on the compile environment
 * once per AST node (compiling the same node again, as describers and the jre binder do, reuses it). */
export function compileCohortAgg(e: CohortAgg, env: CompileEnv, exact: (x: Expr) => Compiled): Compiled {
  const reg = (env.cohortAggs ??= new Map());
  let a = reg.get(e);
  if (!a) {
    const text = (x: Expr) => env.file.slice(x.span).replace(/\s+/g, ' ');
    a = {
      node: e, scope: e.scope, fn: e.fn, dir: e.dir ?? 'desc', arg: exact(e.arg), p: e.p && exact(e.p),
      text: text(e), argText: text(e.arg), line: env.file.position(e.span.start).line,
      stage: readsResults(e, env.checked) ? 'post' : 'pre',
    };
    reg.set(e, a);
  }
  const agg = a;
  return (ctx) => {
    const v = ctx.cohort(agg);
    const t = ctx.trace;
    if (t) {
      const words = agg.fn === 'rank' ? CM.rankStep : CM.step;
      t.form({
        form: 'cohort', aggregate: agg.text, scope: agg.scope, fn: agg.fn, of: v.of, ...(v.x ? { value: v.x } : {}), result: v.value,
        text: t.words(words({ code: agg.text, value: show(v.value), n: v.of.toLocaleString('en') })),
      });
    }
    return v.value;
  };
}

/** The plan's cohort aggregates in source order (computed once per plan). */
export function cohortAggsOf(plan: Plan): CohortAggPlan[] {
  let list = listed.get(plan);
  if (!list) {
    list = [...(plan.env.cohortAggs?.values() ?? [])].sort((a, b) => a.node.span.start - b.node.span.start);
    listed.set(plan, list);
  }
  return list;
}
const listed = new WeakMap<Plan, CohortAggPlan[]>();

/** The first aggregate, which makes the scheme a cohort-only one, if any: the one the checker's
 * KH-C150, the contract and the jre export name too (an example's `expect` has none: KH-C123). */
export function comparesWithCohort(plan: Plan): CohortAggPlan | undefined {
  return cohortAggsOf(plan)[0];
}

/** KH-E040, naming the first aggregate: this scheme cannot evaluate one subject alone. */
export function aloneError(plan: Plan, a: CohortAggPlan): never {
  return fail('KH-E040', CM.alone({ line: a.line, code: a.text }), undefined, undefined);
}

// ---- the values

/** Arguments shared by aggregates with the same X (`overall max(x)` and `overall rank(x)`): each
 * subject's X is evaluated once per slot. */
export interface Slot { arg: Compiled; node: Expr; aggs: CohortAggPlan[] }

/** The slots of one stage. */
export function slotsOf(plan: Plan, stage: 'pre' | 'post'): Slot[] {
  const byText = new Map<string, Slot>();
  for (const a of cohortAggsOf(plan)) {
    if (a.stage !== stage) continue;
    let s = byText.get(a.argText);
    if (!s) { s = { arg: a.arg, node: a.node.arg, aggs: [] }; byText.set(a.argText, s); }
    s.aggs.push(a);
  }
  return [...byText.values()];
}

/** One subject's X of each slot (an EvalFailure for a value that is not a number). */
export function argValues(plan: Plan, slots: Slot[], ctx: Ctx): Rational[] {
  return slots.map((s) => {
    const v = s.arg(ctx);
    if (isNum(v)) return v;
    return fail('KH-E018', M.expectedNumberFrom({ code: plan.file.slice(s.node.span), value: show(v) }), plan.file, s.node.span);
  });
}

/** A member of the batch for the aggregates: its cohort key and its X per slot (in input order, so
 * its position is its seat's index). */
export interface AggMember { key: string; xs: Rational[] }

/** The values of a batch's aggregates, shared by every subject of the batch: one value per scope
 * (max, min, avg, percentile) or one per subject (rank). */
export class CohortValues {
  private readonly perScope = new Map<CohortAggPlan, Map<string, CohortValue>>();
  private readonly perSubject = new Map<CohortAggPlan, CohortValue[]>();

  get(a: CohortAggPlan, seat: CohortSeat): CohortValue | undefined {
    return a.fn === 'rank' ? this.perSubject.get(a)?.[seat.index] : this.perScope.get(a)?.get(a.scope === 'overall' ? '' : seat.key);
  }

  /** Computes every aggregate of the slots per scope. `ctx`: any subject's context (a percentile's
   * P is a constant read from it). */
  add(slots: Slot[], members: AggMember[], ctx: Ctx): void {
    const groups: Partial<Record<'overall' | 'cohort', Map<string, number[]>>> = {}; // per scope, shared by the slots
    slots.forEach((slot, si) => {
      for (const scope of ['overall', 'cohort'] as const) {
        const aggs = slot.aggs.filter((a) => a.scope === scope);
        if (!aggs.length) continue;
        const ps = aggs.map((a) => (a.p ? percentOf(a, ctx) : undefined)); // constants: once per batch
        for (const [key, group] of (groups[scope] ??= groupBy(members, scope))) {
          const xs = group.map((i) => members[i].xs[si]);
          const stats = new Stats(xs);
          aggs.forEach((a, ai) => {
            if (a.fn !== 'rank') {
              let m = this.perScope.get(a);
              if (!m) { m = new Map(); this.perScope.set(a, m); }
              m.set(key, { value: stats.value(a.fn, ps[ai]), of: group.length });
              return;
            }
            let r = this.perSubject.get(a);
            if (!r) { r = new Array(members.length); this.perSubject.set(a, r); }
            const out = r;
            const ranks = stats.ranks(a.dir);
            group.forEach((i, j) => { out[i] = { value: ranks[j], of: group.length, x: xs[j] }; });
          });
        }
      }
    });
  }
}

/** Where a subject finds its values: the batch's values, its position in the batch, its cohort. */
export interface CohortSeat { values: CohortValues; index: number; key: string }

/** Member positions per scope key ('' for the whole batch). */
function groupBy(members: AggMember[], scope: 'overall' | 'cohort'): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (scope === 'overall') { out.set('', members.map((_, i) => i)); return out; }
  members.forEach((m, i) => {
    let g = out.get(m.key);
    if (!g) { g = []; out.set(m.key, g); }
    g.push(i);
  });
  return out;
}

/** P of a percentile: a constant (the checker's KH-C124), read once per batch. */
function percentOf(a: CohortAggPlan, ctx: Ctx): Rational {
  const v = a.p!(ctx);
  if (isNum(v) && v.sign() >= 0 && v.le(Rational.HUNDRED)) return v;
  return fail('KH-E018', M.expectedNumberFrom({ code: a.text, value: show(v) }), undefined, undefined);
}

/** The values of one scope's X, sorted on first need (once, for percentiles and ranks alike). */
export class Stats {
  private order?: number[];
  private sorted?: Rational[];
  constructor(private readonly xs: Rational[]) {}

  /** The values' positions, ascending by value. */
  private ascOrder(): number[] { return (this.order ??= this.xs.map((_, i) => i).sort((a, b) => this.xs[a].cmp(this.xs[b]))); }
  private asc(): Rational[] { return (this.sorted ??= this.ascOrder().map((i) => this.xs[i])); }

  value(fn: Exclude<CohortFn, 'rank'>, p?: Rational): Rational {
    const xs = this.xs;
    switch (fn) {
      case 'max': return xs.reduce((a, b) => Rational.max(a, b));
      case 'min': return xs.reduce((a, b) => Rational.min(a, b));
      case 'avg': return xs.reduce((a, b) => a.add(b), Rational.ZERO).div(Rational.int(xs.length));
      case 'percentile': return percentile(this.asc(), p!);
    }
  }

  /** Each value's rank, in the values' order: 1 + how many are strictly better (desc: larger; asc: smaller). */
  ranks(dir: 'asc' | 'desc'): Rational[] {
    const xs = this.xs;
    const best = dir === 'asc' ? this.ascOrder() : [...this.ascOrder()].reverse();
    const ranks = competitionRanks(best, (a, b) => xs[a].cmp(xs[b]) === 0);
    const out = new Array<Rational>(xs.length);
    for (let pos = 0; pos < best.length; pos++) out[best[pos]] = Rational.int(ranks[pos]);
    return out;
  }
}

/** PERCENTILE.INC over ascending values (n ≥ 1), P in [0, 100]. */
export function percentile(asc: Rational[], p: Rational): Rational {
  const h = Rational.int(asc.length - 1).mul(p).div(Rational.HUNDRED);
  const lo = Number(h.floor().num);
  const frac = h.sub(Rational.int(lo));
  if (frac.isZero()) return asc[lo];
  return asc[lo].add(frac.mul(asc[lo + 1].sub(asc[lo])));
}

// ---- which stage: does X read a result name?

const depsOf = new WeakMap<CheckedScheme, CohortDeps>();

/** Whether X reads score/base/rewards/deductions, directly or through lets, indicators, groups,
 * adjust, tables (the checker's dependency summary, so the stage agrees with its KH-C122). */
function readsResults(e: CohortAgg, checked: CheckedScheme): boolean {
  let deps = depsOf.get(checked);
  if (!deps) { deps = new CohortDeps(checked); depsOf.set(checked, deps); }
  return deps.argument(e).result !== undefined;
}
