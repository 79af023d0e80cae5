// Pass `division`: a warning (KH-C032) for `a / d` where d's interval (from declared ranges) contains
// 0 and no enclosing guard rules 0 out. Guards are the facts known where the division is evaluated:
// `if C then … else …` (C in then, not C in else), the left side of `and`/`or`, an aggregate's
// `where`, an item's `when`, and the `when` blocks around an indicator. A fact rules 0 out when it
// compares d itself (same text) with a constant: `d == 0` false, `d > 0`, `d != 0`, `d >= 1` …

import type { BinaryExpr, Expr } from '../../ast.js';
import { excludesZero, flip, isCompareOp, negate } from '../../ops.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { M } from '../messages.js';
import { includesZero, Ranges, show } from '../interval.js';
import { factsAt, sitesOf, type Fact, type Site } from '../facts.js';

function rulesOutZero(ctx: CheckContext, key: string, f: Fact): boolean {
  const e = f.e;
  if (e.kind === 'Unary' && e.op === 'not') return rulesOutZero(ctx, key, { e: e.operand, truth: !f.truth });
  if (e.kind !== 'Binary') return false;
  if ((e.op === 'and' && f.truth) || (e.op === 'or' && !f.truth)) {
    return rulesOutZero(ctx, key, { e: e.left, truth: f.truth }) || rulesOutZero(ctx, key, { e: e.right, truth: f.truth });
  }
  if (!isCompareOp(e.op)) return false;
  let op = e.op;
  let k = constValue(e.right);
  if (!(k && text(ctx, e.left) === key)) {
    k = constValue(e.left);
    if (!(k && text(ctx, e.right) === key)) return false;
    op = flip(op);
  }
  if (!f.truth) op = negate(op);
  return excludesZero(op, k.sign()); // `d op k` with d = 0 false: the fact rules 0 out
}

const text = (ctx: CheckContext, e: Expr) => ctx.file.slice(e.span).replace(/\s+/g, '');

function check(ctx: CheckContext, ranges: Ranges, s: Site<BinaryExpr>): void {
  const d = s.e.right;
  const r = ranges.of(d);
  if (!includesZero(r)) return;
  const key = text(ctx, d);
  if (factsAt(s).some((f) => rulesOutZero(ctx, key, f))) return;
  const src = ctx.file.slice(d.span);
  ctx.sink.add('KH-C032', d.span, M.divisionByZero({ expr: src, range: show(r) }));
}

export const divisionPass: Pass = {
  name: 'division',
  followsReferences: true,
  run(ctx) {
    const ranges = new Ranges(ctx);
    for (const s of sitesOf(ctx).divisions) check(ctx, ranges, s);
  },
};
