// Pass `bands-linear`: band thresholds follow the direction of their comparisons (KH-C024, warning:
// `>=` bands must fall, `<=` bands must rise, else a later band can never match); linear points have
// constant, strictly increasing x (KH-C025) and there are at least two of them (KH-C008).

import type { BandsExpr, CompareOp, LinearExpr } from '../../ast.js';
import type { Rational } from '../../rational.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { M } from '../messages.js';

function bands(ctx: CheckContext, e: BandsExpr): void {
  let down = false, up = false;
  for (const b of e.bands) {
    if (b.op === '>' || b.op === '>=') down = true;
    else if (b.op === '<' || b.op === '<=') up = true;
  }
  if (down && up) {
    ctx.sink.add('KH-C024', e.span, M.bandsMixed());
    return;
  }
  let prev: { op: CompareOp; t: Rational } | undefined;
  for (const b of e.bands) {
    if (b.op === '==' || b.op === '!=') continue;
    const t = constValue(b.threshold);
    if (!t) { prev = undefined; continue; }
    if (prev) {
      const down = b.op === '>' || b.op === '>=';
      const c = t.cmp(prev.t);
      // Equal thresholds are fine only when the later band takes the boundary the earlier one left.
      const ok = down ? c < 0 || (c === 0 && prev.op === '>' && b.op === '>=') : c > 0 || (c === 0 && prev.op === '<' && b.op === '<=');
      if (!ok) {
        const args = { band: ctx.file.slice(b.span).split(':')[0].trim(), prev: `${prev.op} ${prev.t.toDecimalString()}` };
        ctx.sink.add('KH-C024', b.span, down ? M.bandNeverDown(args) : M.bandNeverUp(args));
      }
    }
    prev = { op: b.op, t };
  }
}

function linear(ctx: CheckContext, e: LinearExpr): void {
  if (e.points.length < 2) ctx.sink.add('KH-C008', e.span, M.linearTwoPoints());
  let prev: Rational | undefined;
  for (const p of e.points) {
    const x = constValue(p.x);
    if (!x) { ctx.sink.add('KH-C025', p.x.span, M.linearXConstant()); prev = undefined; continue; }
    if (prev && !x.gt(prev)) ctx.sink.add('KH-C025', p.span, M.linearXIncrease({ x: x.toDecimalString(), prev: prev.toDecimalString() }));
    prev = x;
  }
}

export const bandsLinearPass: Pass = {
  name: 'bands-linear',
  run(ctx) {
    for (const e of ctx.forms) {
      if (e.kind === 'Bands') bands(ctx, e);
      else if (e.kind === 'Linear') linear(ctx, e);
    }
  },
};
