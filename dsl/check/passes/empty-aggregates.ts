// Pass `empty-aggregates`: a warning (KH-C112, issue 12) for `avg`, `min` or `max` over a list that a
// valid input can leave empty — filtered by `where` (no element may satisfy it), or declared without
// `min 1` or more — which today fails only at evaluation (KH-E011). Lists whose length the checker
// cannot see (a rater category's ratings, a let) are not reported. Issue 14: a `results of … missing
// skip` input and a `past …` input hold only the periods with a result, so they can be empty (min 0);
// under `missing zero|error` there is a record (or a failure) for every sub-period, so never. Such a
// list cannot be declared `min 1`: the warning offers the guard as a fix instead. A projection
// (`季度结果.得分`) is as long as its list, and a `count` of either guards it. A guard known where the aggregate
// is evaluated rules emptiness out: a fact saying `count(…) > 0` (or `>= 1`, `!= 0`, `== 0` false) over
// the same list with the same filter, written the same way (`if count(r in L where C) > 0 then
// avg(r in L where C) else 0`), directly or through a let defined as that count. Examples are not reported: their given input is fixed.

import type { AggregateExpr, CallExpr, Expr, PeriodResultsType } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import { BUILTINS, keywordText } from '../../keywords.js';
import { excludesZero, flip, isCompareOp, negate } from '../../ops.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { factsAt, sitesOf, type Fact } from '../facts.js';
import { Ranges } from '../interval.js';
import { code, KW, M } from '../messages.js';
import { EP } from '../messages/empty-periods.js';

const text = (ctx: CheckContext, e: Expr | undefined) => (e ? ctx.file.slice(e.span).replace(/\s+/g, '') : '');

/** The list and filter of a `count`, as written, or undefined when `e` is not one; a let names the
 * count it is defined as (`let 季度数 = count(季度结果)` … `if 季度数 == 0 then 0 else avg(…)`). */
function countOf(ctx: CheckContext, e: Expr, depth = 0): string | undefined {
  if (e.kind === 'Name' && depth < 8) {
    const r = ctx.refs.get(e);
    return r?.kind === 'let' ? countOf(ctx, r.decl.value, depth + 1) : undefined;
  }
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

/** The list a projection of results of other periods is as long as (`季度结果.得分` → `季度结果`), else `e`. */
function unprojected(ctx: CheckContext, ranges: Ranges, e: Expr): Expr {
  return e.kind === 'Field' && ctx.types.get(e.object)?.kind === 'list' && periodsOf(ranges, e.object) ? e.object : e;
}

/** The `results of` / `past` input `e` names, if it does. */
function periodsOf(ranges: Ranges, e: Expr): PeriodResultsType | undefined {
  const t = e.kind === 'Name' ? ranges.typeExprOf(e) : undefined;
  return t?.kind === 'PeriodResults' ? t : undefined;
}

/** Issue 14: KH-C112 over a list of results of other periods that can be empty, with the guard as a
 * fix (`if count(季度结果) > 0 then avg(季度结果.得分) else 0`, in the file's keywords). */
function checkPeriods(ctx: CheckContext, e: AggregateExpr | CallExpr, list: Expr, root: Expr & { kind: 'Name' }, t: PeriodResultsType): void {
  const why = t.form === 'past' ? EP.whyPast({ name: root.name }) : EP.whySkip({ name: root.name });
  const lang = ctx.parsed.keywordLang;
  const kw = (id: 'if' | 'then' | 'else') => keywordText(id, lang);
  const count = lang === 'en' ? 'count' : BUILTINS.count;
  const guarded = `${kw('if')} ${count}(${ctx.file.slice(root.span)}) > 0 ${kw('then')} ${ctx.file.slice(e.span)} ${kw('else')} 0`;
  ctx.sink.add('KH-C112', e.span, EP.maybeEmpty({ fn: e.callee.name, list: code(ctx.file.slice(list.span)), why }),
    fixOf(EP.fixGuard({ text: guarded }), [{ span: e.span, text: guarded }]));
}

function check(ctx: CheckContext, ranges: Ranges, e: AggregateExpr | CallExpr, facts: () => readonly Fact[]): void {
  const list = e.kind === 'Aggregate' ? e.list : e.args[0];
  const where = e.kind === 'Aggregate' ? e.where : undefined;
  if (ctx.types.get(list)?.kind !== 'list' && !where) return; // `max(a, b)` and errors
  const root = unprojected(ctx, ranges, list);
  const periods = periodsOf(ranges, root);
  if (periods && !where) {
    // `missing zero|error`: a record (or a failure) per sub-period; no policy: KH-C160 says so
    if (periods.form === 'resultsOf' && periods.missing?.mode !== 'skip') return;
  } else if (!where) {
    const t = ranges.typeExprOf(list);
    if (t?.kind !== 'ListType') return; // length unknown to the checker
    const min = constValue(t.min);
    if (min && min.sign() > 0) return;
  }
  const key = `${text(ctx, list)}|${text(ctx, where)}`;
  const rootKey = root !== list && !where ? `${text(ctx, root)}|` : key; // `count(季度结果)` guards `avg(季度结果.得分)`
  if (facts().some((f) => countPositive(ctx, key, f) || (rootKey !== key && countPositive(ctx, rootKey, f)))) return;
  if (periods && !where && root.kind === 'Name') return checkPeriods(ctx, e, list, root, periods);
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
