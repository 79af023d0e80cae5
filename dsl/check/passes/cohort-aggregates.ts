// Pass `cohort-aggregates` (issue 13): where cohort aggregates (`overall max(x)`, `本组 名次(x)`) may
// stand and what their arguments may read. Typing (infer/cohort.ts) has already reported a non-number
// argument, a list aggregate's item in it (KH-C121), the grade or bonus in it (KH-C126) and a missing
// percent (KH-C124). Here, over the dependencies of cohort-deps.ts:
// - KH-C124/C125: a percentile's percent is a plain number 0..100; no percent or order where the
//   function takes none;
// - KH-C120: an argument that reads another cohort aggregate (directly or through lets …) — the
//   engine computes each subject's values of an argument once, before comparing;
// - KH-C123: an aggregate in `cohort by`, a function body, an input's default or constraint, a table
//   or scale, or an example's `given`: these are worked out before the cohort exists;
// - KH-C122: an aggregate whose argument needs the score (score, base, rewards, deductions) read by
//   an indicator, a `when`, an adjust or a rule (anything the score is made of) — a cycle.

import type { CohortAgg, Expr, Member } from '../../ast.js';
import type { Msg, MsgArg } from '../../i18n/index.js';
import { allAggregates, CohortDeps, mayHoldAggregates, fieldExprs, isScoreResult, type PathStep } from '../cohort-deps.js';
import { shortCode, type CheckContext, type Pass } from '../context.js';
import { arrowPath, M as C } from '../messages.js';
import { M } from '../messages/cohort.js';
import { fnWords } from '../infer/cohort.js';
import { eachChild } from '../walk.js';

export const cohortAggregatesPass: Pass = {
  name: 'cohort-aggregates',
  followsReferences: true,
  run(ctx) {
    const aggs = mayHoldAggregates(ctx.parsed) ? allAggregates(ctx.scheme) : [];
    if (aggs.length === 0) return;
    const deps = new CohortDeps(ctx);
    for (const a of aggs) shape(ctx, a);
    for (const a of aggs) nested(ctx, deps, a);
    notHere(ctx, deps);
    cycles(ctx, deps);
  },
};

/** An aggregate in a message; a long one reads `overall max(…)`. */
const code = (ctx: CheckContext, e: Expr): Msg => C.code({ text: shortCode(ctx.file.slice(e.span), 40) });
function steps(ctx: CheckContext, path: readonly PathStep[]): MsgArg[] {
  return path.map((s) => ('name' in s ? s.name : code(ctx, s.agg)));
}

/** KH-C124 / KH-C125: the parts each function takes. */
function shape(ctx: CheckContext, a: CohortAgg): void {
  const fn = fnWords(ctx, a);
  if (a.p && a.fn !== 'percentile') ctx.sink.add('KH-C125', a.p.span, M.noP({ fn, code: code(ctx, a.p) }));
  if (a.dir && a.fn !== 'rank') ctx.sink.add('KH-C125', a.span, M.noDir({ fn, dir: ctx.file.slice(dirSpan(ctx, a)) }));
  if (a.fn !== 'percentile' || !a.p) return;
  const p = a.p;
  if (p.kind !== 'Number') { ctx.sink.add('KH-C124', p.span, M.pNotConstant({ fn, code: code(ctx, p) })); return; }
  if (p.percent) { ctx.sink.add('KH-C124', p.span, M.pPercentSign({ fn, text: p.text, code: code(ctx, p) })); return; }
  const v = Number(p.text);
  if (!(v >= 0 && v <= 100)) ctx.sink.add('KH-C124', p.span, M.pOutOfRange({ fn, code: code(ctx, p) }));
}

/** The order word of `rank(x asc)`: between the argument (or percent) and `)`. */
function dirSpan(ctx: CheckContext, a: CohortAgg): { start: number; end: number } {
  const from = (a.p ?? a.arg).span.end;
  const text = ctx.file.slice({ start: from, end: a.span.end - 1 });
  const lead = text.length - text.trimStart().length;
  return { start: from + lead, end: from + text.trimEnd().length };
}

/** KH-C120: an argument that reads another cohort aggregate. */
function nested(ctx: CheckContext, deps: CohortDeps, a: CohortAgg): void {
  const first = deps.argument(a).aggs.entries().next();
  if (first.done) return;
  const [inner, path] = first.value;
  ctx.sink.add('KH-C120', a.arg.span, M.nested({ fn: fnWords(ctx, a), path: arrowPath([...steps(ctx, path), code(ctx, inner)]) }));
}

/** KH-C123: the places that are worked out before there is a cohort. */
function notHere(ctx: CheckContext, deps: CohortDeps): void {
  const seen = new Set<CohortAgg>();
  const report = (e: Expr, where: Msg): void => {
    for (const a of deps.expr(e).aggs.keys()) {
      if (seen.has(a)) continue;
      seen.add(a);
      ctx.sink.add('KH-C123', a.span, M.notHere({ code: code(ctx, a), where }));
    }
  };
  for (const d of ctx.scheme.decls) {
    switch (d.kind) {
      case 'Setting': if (d.key === 'cohortBy') report(d.value, M.wCohortBy()); break;
      case 'Function': report(d.body, M.wFunction({ name: d.name.name })); break;
      case 'Input':
        for (const f of d.fields) {
          if (f.default) report(f.default, M.wDefault({ name: f.name.name }));
          for (const x of fieldExprs({ type: f.type })) report(x, M.wConstraint({ name: f.name.name }));
        }
        break;
      case 'Table': for (const x of d.entries) report(x.value, M.wTable({ name: d.name.name })); break;
      case 'Scale': for (const t of d.tiers) for (const v of t.values) report(v, M.wScale({ name: d.name.name })); break;
      case 'Example':
        report(d.given, M.wGiven());
        for (const s of d.subjects ?? []) { report(s.given, M.wGiven()); if (s.decision) report(s.decision, M.wGiven()); }
        for (const x of d.expects) inExpect(ctx, x, seen);
        break;
      default: break;
    }
  }
}

/** KH-C123 in an example's `expect`: the expectations read the results (`A.rank`, `A.score`); the
 * example's cohort is not compared again there (the engine has no subject to compare with). */
function inExpect(ctx: CheckContext, e: Expr, seen: Set<CohortAgg>): void {
  const visit = (x: Expr): void => {
    if (x.kind === 'CohortAgg' && !seen.has(x)) { seen.add(x); ctx.sink.add('KH-C123', x.span, M.notInExpect({ code: code(ctx, x) })); }
    eachChild(x, visit, undefined);
  };
  visit(e);
}

/** KH-C122: what the score is made of must not read an aggregate of the score. */
function cycles(ctx: CheckContext, deps: CohortDeps): void {
  const reported = new Set<CohortAgg>();
  const root = (e: Expr, name: MsgArg): void => {
    for (const [a, path] of deps.expr(e).aggs) {
      if (reported.has(a)) continue;
      const r = deps.argument(a).result;
      if (!r || !isScoreResult(r.name)) continue;
      reported.add(a);
      const chain = [name, ...steps(ctx, path), code(ctx, a), ...steps(ctx, r.path), r.written, name];
      ctx.sink.add('KH-C122', a.span, M.cycle({ path: arrowPath(chain) }));
    }
  };
  const members = (ms: readonly Member[]): void => {
    for (const m of ms) {
      if (m.kind === 'When') { root(m.cond, C.whenNode({ text: shortCode(ctx.file.slice(m.cond.span), 30) })); members(m.members); continue; }
      for (const c of m.share?.cases ?? []) root(c.cond, m.name.name);
      if (m.kind === 'Group') { members(m.members); continue; }
      root(m.value, m.name.name);
      if (m.range) { root(m.range.lo, m.name.name); root(m.range.hi, m.name.name); }
    }
  };
  for (const d of ctx.scheme.decls) {
    if (d.kind === 'Indicator' || d.kind === 'Group' || d.kind === 'When') members([d]);
    else if (d.kind === 'Adjust') root(d.value, d.name.name);
    else if (d.kind === 'Negative' || d.kind === 'Reward') {
      if (d.max) root(d.max, d.name.name);
      for (const it of d.items) {
        root(it.when, it.name.name);
        for (const ef of it.effects) {
          if (ef.kind !== 'deduct' && ef.kind !== 'add') continue;
          for (const x of [ef.amount, ef.per, ef.max]) if (x) root(x, it.name.name);
        }
      }
    }
  }
}
