// Pass `bands-linear`: band thresholds follow the direction of their comparisons (KH-C024, warning:
// `>=` bands must fall, `<=` bands must rise, else a later band can never match); linear points have
// constant, strictly increasing x (KH-C025) and there are at least two of them (KH-C008).

import type { BandsExpr, CompareOp, LinearExpr } from '../../ast.js';
import type { Rational } from '../../rational.js';
import { constValue, type CheckContext, type Pass } from '../context.js';

function bands(ctx: CheckContext, e: BandsExpr): void {
  let down = false, up = false;
  for (const b of e.bands) {
    if (b.op === '>' || b.op === '>=') down = true;
    else if (b.op === '<' || b.op === '<=') up = true;
  }
  if (down && up) {
    ctx.sink.add('KH-C024', e.span, 'bands mix > / >= with < / <= comparisons, so their order cannot be checked; a later band may never match');
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
        ctx.sink.add('KH-C024', b.span,
          `band \`${ctx.file.slice(b.span).split(':')[0].trim()}\` can never match: thresholds of ${down ? '>' : '<'} bands must ${down ? 'decrease' : 'increase'} (the band before is \`${prev.op} ${prev.t.toDecimalString()}\`)`);
      }
    }
    prev = { op: b.op, t };
  }
}

function linear(ctx: CheckContext, e: LinearExpr): void {
  if (e.points.length < 2) ctx.sink.add('KH-C008', e.span, 'linear needs at least two points');
  let prev: Rational | undefined;
  for (const p of e.points) {
    const x = constValue(p.x);
    if (!x) { ctx.sink.add('KH-C025', p.x.span, 'a linear x must be a constant number'); prev = undefined; continue; }
    if (prev && !x.gt(prev)) ctx.sink.add('KH-C025', p.span, `linear x must increase: ${x.toDecimalString()} follows ${prev.toDecimalString()}`);
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
