// Compiling the date forms of issue 12 (item 6): the period names, `date ± duration` and intervals
// `x in [a, b)`. Dates are their ISO text at run time (dsl/dates.ts explains why), so comparisons go
// through compareValues like numbers do; only moving a date by a duration needs the calendar.

import type { BinaryExpr, DurationExpr, IntervalExpr } from '../dsl/ast.js';
import { addDuration } from '../dsl/dates.js';
import { D } from './dates-messages.js';
import { fail } from './errors.js';
import type { CompileEnv, Compiler } from './expr.js';
import { M } from './messages.js';
import { periodForm } from './period.js';
import type { Compiled } from './plan.js';
import { compareValues, show } from './values.js';

/** `periodStart` / `periodEnd` (`written`: as the scheme spells it): the evaluation period's first and
 * last day. Evaluations of a scheme that names them are refused without a period before anything runs
 * (period.ts); this is the backstop. */
export function compilePeriodName(which: 'periodStart' | 'periodEnd', written: string, env: CompileEnv, span: { start: number; end: number }): Compiled {
  return (ctx) => {
    const p = ctx.period;
    if (!p) return fail('KH-E032', D.periodMissing({ form: periodForm(ctx.plan.period) }), env.file, span);
    const day = which === 'periodStart' ? p.start : p.end;
    ctx.trace?.useInput(written, day); // the explanation shows the day, as it shows an input's value
    return day;
  };
}

/** `d + 1 months`, `periodEnd - 1 years` (the checker made sure the left side is a date). */
export function compileShift(e: BinaryExpr & { right: DurationExpr }, env: CompileEnv, c: Compiler): Compiled {
  const l = c(e.left);
  const amount = Number(e.right.amount.text), unit = e.right.unit, sign = e.op === '-' ? -1 : 1;
  return (ctx) => {
    const d = l(ctx);
    if (typeof d !== 'string') return fail('KH-E018', M.notEvaluable({ code: env.file.slice(e.span) }), env.file, e.span);
    const out = addDuration(d, amount, unit, sign);
    if (out === undefined) {
      return fail('KH-E033', D.dateOutOfRange({ code: env.file.slice(e.span), date: d, duration: env.file.slice(e.right.span) }), env.file, e.span);
    }
    return out;
  };
}

/** `x in [a, b)`: `[`/`]` include the edge, `(`/`)` exclude it. */
export function compileInterval(e: IntervalExpr, env: CompileEnv, c: Compiler): Compiled {
  const v = c(e.value), lo = c(e.lo), hi = c(e.hi);
  const { loOpen, hiOpen } = e;
  return (ctx) => {
    const x = v(ctx), a = lo(ctx), b = hi(ctx);
    if (x === null || a === null || b === null) return false;
    let dl: number, dh: number;
    try { dl = compareValues(x, a); dh = compareValues(x, b); } catch {
      return fail('KH-E018', M.cannotCompare({ a: show(x), b: `${show(a)}, ${show(b)}` }), env.file, e.span);
    }
    return (loOpen ? dl > 0 : dl >= 0) && (hiOpen ? dh < 0 : dh <= 0);
  };
}
