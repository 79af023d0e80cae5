// `streak(r in 往年 where C)` (issue 14): how many of the periods just before this one, counted back
// from the newest, have a result whose C holds. The list is a `past` input (KH-C165 otherwise), so
// the window is known: the input's N periods of its unit before the evaluation's period. A period
// with a result (and a grade) whose C holds counts 1; C false stops the count; a period without a
// result, or with grade null (ungraded, 不定等次), is what the input's policy says: `breaks` stops
// the count, `skip` passes over it. An integer 0…N. With explain, a `streak` step records which
// periods counted, which were passed over and where (and why) the count stopped.

import type { AggregateExpr, PeriodResultsType } from '../../dsl/ast.js';
import { Rational } from '../../dsl/rational.js';
import { fail } from '../errors.js';
import { M } from '../messages.js';
import { bool, list, type CompileEnv, type Compiler } from '../expr.js';
import type { Compiled, PathFn } from '../plan.js';
import type { RecordVal, Value } from '../values.js';
import { periodsBefore } from './calendar.js';

/** The `past` input a streak reads, from the checked scheme. */
function pastType(e: AggregateExpr, env: CompileEnv): PeriodResultsType | undefined {
  if (e.list.kind !== 'Name') return undefined;
  const r = env.checked.refs.get(e.list);
  const t = r?.kind === 'input' ? r.decl.type : undefined;
  return t?.kind === 'PeriodResults' && t.form === 'past' ? t : undefined;
}

export function compileStreak(e: AggregateExpr, env: CompileEnv, c: Compiler, listPath: PathFn): Compiled {
  const L = c(e.list);
  const where = e.where ? c(e.where) : undefined;
  const t = pastType(e, env);
  const text = env.file.slice(e.span);
  const unit = t?.unit ?? 'annual', n = t?.count ? Number(t.count.text) : 0, breaks = t?.missing?.mode === 'breaks';
  return (ctx) => {
    // the checker guarantees both (KH-C165, KH-C103 / KH-E032); a bug otherwise, said plainly
    if (!t || !ctx.period) return fail('KH-E018', M.expectedListFrom({ code: text, value: t ? 'no period' : 'not a past input' }), env.file, e.span);
    const xs = list(L(ctx), env, e.list) as RecordVal[];
    const byPeriod = new Map<Value, RecordVal>();
    for (const r of xs) byPeriod.set(r.fields.get('period') ?? null, r);
    const window = periodsBefore(ctx.period, unit, n);
    const prev = ctx.binders.get(e);
    const frame = { value: null as Value, index: 0, listPath: listPath(ctx) };
    ctx.binders.set(e, frame);
    const counted: string[] = [], passed: string[] = [];
    let stop: { period: string; why: 'missing' | 'ungraded' | 'condition' } | undefined;
    try {
      for (let k = window.length - 1; k >= 0; k--) {
        const p = window[k];
        const r = byPeriod.get(p);
        const gap = !r ? 'missing' : r.fields.get('grade') === null ? 'ungraded' : undefined;
        if (gap) {
          if (breaks) { stop = { period: p, why: gap }; break; }
          passed.push(p);
          continue;
        }
        frame.value = r!;
        frame.index = xs.indexOf(r!);
        if (where && !bool(where(ctx), env, e.where!)) { stop = { period: p, why: 'condition' }; break; }
        counted.push(p);
      }
    } finally {
      if (prev) ctx.binders.set(e, prev); else ctx.binders.delete(e);
    }
    const result = Rational.int(counted.length);
    ctx.trace?.form({
      form: 'streak', list: frame.listPath ?? env.file.slice(e.list.span), items: xs.length, missing: breaks ? 'breaks' : 'skip',
      counted, passed, ...(stop ? { stopped: stop } : {}), result,
    });
    return result;
  };
}
