// Pass `empty-aggregates`: a warning (KH-C112, issue 12) for `avg`, `min` or `max` over a list that a
// valid input can leave empty — filtered by `where` (no element may satisfy it), or declared without
// `min 1` or more — which today fails only at evaluation (KH-E011). Lists whose length the checker
// cannot see (a rater category's ratings, a let) are not reported. A guard known where the aggregate
// is evaluated rules emptiness out: a fact saying `count(…) > 0` (or `>= 1`, `!= 0`, `== 0` false) over
// the same list with the same filter, written the same way (`if count(r in L where C) > 0 then
// avg(r in L where C) else 0`). Examples are not reported: their given input is fixed.

import type { AggregateExpr, CallExpr, Expr } from '../../ast.js';
import { excludesZero, flip, isCompareOp, negate } from '../../ops.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { factsAt, sitesOf, type Fact } from '../facts.js';
import { Ranges } from '../interval.js';
import { code, KW, M } from '../messages.js';

const text = (ctx: CheckContext, e: Expr | undefined) => (e ? ctx.file.slice(e.span).replace(/\s+/g, '') : '');

/** The list and filter of a `count`, as written, or undefined when `e` is not one. */
function countOf(ctx: CheckContext, e: Expr): string | undefined {
  if (e.kind === 'Aggregate' && e.fn === 'count') return `${text(ctx, e.list)}|${text(ctx, e.where)}`;
  if (e.kind === 'Call' && e.fn === 'count' && e.args.length === 1) return `${text(ctx, e.args[0])}|`;
  return undefined;
}

/** Whether the fact makes the count `key` (list|filter) positive: it compares that count with a
 * constant and does not hold for a count of 0. */
function countPositive(ctx: CheckContext, key: string, f: Fact): boolean {
  const e = f.e;
  if (e.kind === 'Unary' && e.op === 'not') return countPositive(ctx, key, { e: e.operand, truth: !f.truth });
  if (e.kind !== 'Binary') return false;
  if ((e.op === 'and' && f.truth) || (e.op === 'or' && !f.truth)) {
    return countPositive(ctx, key, { e: e.left, truth: f.truth }) || countPositive(ctx, key, { e: e.right, truth: f.truth });
  }
  if (!isCompareOp(e.op)) return false;
  let op = e.op, k = constValue(e.right);
  if (countOf(ctx, e.left) !== key || !k) {
    k = constValue(e.left);
    if (countOf(ctx, e.right) !== key || !k) return false;
    op = flip(op);
  }
  if (!f.truth) op = negate(op);
  return excludesZero(op, k.sign());
}

function check(ctx: CheckContext, ranges: Ranges, e: AggregateExpr | CallExpr, facts: () => readonly Fact[]): void {
  const list = e.kind === 'Aggregate' ? e.list : e.args[0];
  const where = e.kind === 'Aggregate' ? e.where : undefined;
  if (!where) {
    if (ctx.types.get(list)?.kind !== 'list') return; // `max(a, b)` and errors
    const t = ranges.typeExprOf(list);
    if (t?.kind !== 'ListType') return; // length unknown to the checker
    const min = constValue(t.min);
    if (min && min.sign() > 0) return;
  }
  const key = `${text(ctx, list)}|${text(ctx, where)}`;
  if (facts().some((f) => countPositive(ctx, key, f))) return;
  const listCode = code(ctx.file.slice(list.span));
  ctx.sink.add('KH-C112', e.span, where
    ? M.maybeEmptyFiltered({ fn: e.callee.name, list: listCode, where: code(ctx.file.slice(where.span)) })
    : M.maybeEmpty({ fn: e.callee.name, list: listCode, min: KW.min() }));
}

export const emptyAggregatesPass: Pass = {
  name: 'empty-aggregates',
  run(ctx) {
    const sites = sitesOf(ctx).emptiable;
    if (sites.length === 0) return;
    const ranges = new Ranges(ctx);
    for (const s of sites) if (!s.root.example) check(ctx, ranges, s.e, () => factsAt(s));
  },
};
