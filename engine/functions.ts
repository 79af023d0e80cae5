// Built-in functions (`min`, `clamp`, `round`, `avg(list)`, …) and aggregates over lists
// (`avg(t in L weighted by w : e)`, `count(q in L where c)`, …) with the empty-list rules of §4:
// count/sum give 0, all is true, any is false; avg/min/max (and avg whose weights sum to 0) are an
// evaluation error naming the list's data path.

import type { AggregateExpr, CallExpr } from '../dsl/ast.js';
import { Rational } from '../dsl/rational.js';
import { fail } from './errors.js';
import { M } from './messages.js';
import { bool, list, noScore, num, readsScore, type CompileEnv, type Compiler } from './expr.js';
import type { Compiled, PathFn } from './plan.js';
import { show, type Value } from './values.js';
import { compileStreak } from './periods/streak.js';

export function aggregate(e: AggregateExpr, env: CompileEnv, c: Compiler, listPath: PathFn): Compiled {
  if (e.fn === 'streak') return compileStreak(e, env, c, listPath); // issue 14: over a `past` input's window
  const L = c(e.list);
  const where = e.where && c(e.where), weight = e.weight && c(e.weight), body = e.body && c(e.body);
  const text = env.file.slice(e.span);
  // any/all/count with only a `where` test that condition; with a body, `where` filters first.
  const pred = e.fn === 'any' || e.fn === 'all' || e.fn === 'count' ? (body ?? (e.fn === 'count' ? undefined : where)) : undefined;
  const filter = pred === where ? undefined : where;
  const fn = e.fn;
  const empty = (path: string | undefined, filtered: boolean) =>
    fail('KH-E011', M.aggregateEmpty({ fn, what: filtered ? M.filteredEmpty() : M.emptyList(), path: path ?? '', code: text }), env.file, e.span, path);

  return (ctx) => {
    const xs = list(L(ctx), env, e.list);
    const path = listPath(ctx);
    const prev = ctx.binders.get(e);
    const frame = { value: null as Value, index: 0, listPath: path };
    ctx.binders.set(e, frame);
    try {
      let count = 0, acc = Rational.ZERO, wsum = Rational.ZERO;
      let best: Rational | undefined;
      for (let i = 0; i < xs.length; i++) {
        frame.value = xs[i];
        frame.index = i;
        if (filter && !bool(filter(ctx), env, e.where!)) continue;
        switch (fn) {
          case 'count': if (!pred || bool(pred(ctx), env, e.body!)) count++; break;
          case 'any': if (bool(pred ? pred(ctx) : xs[i], env, e)) return trace(true); break;
          case 'all': if (!bool(pred ? pred(ctx) : xs[i], env, e)) return trace(false); break;
          case 'sum': acc = acc.add(num(body ? body(ctx) : xs[i], env, e.body ?? e)); count++; break;
          case 'avg': {
            const v = num(body ? body(ctx) : xs[i], env, e.body ?? e);
            const w = weight ? num(weight(ctx), env, e.weight!) : Rational.ONE;
            acc = acc.add(v.mul(w)); wsum = wsum.add(w); count++;
            break;
          }
          case 'min': case 'max': {
            const v = num(body ? body(ctx) : xs[i], env, e.body ?? e);
            if (!best || (fn === 'min' ? v.lt(best) : v.gt(best))) best = v;
            count++;
            break;
          }
        }
      }
      switch (fn) {
        case 'count': return trace(Rational.int(count));
        case 'any': return trace(false);
        case 'all': return trace(true);
        case 'sum': return trace(acc);
        case 'avg':
          if (count === 0) return empty(path, xs.length > 0);
          if (wsum.isZero()) return fail('KH-E012', M.avgWeightsZero({ code: text, path: path ?? '' }), env.file, e.span, path);
          return trace(acc.div(wsum), { weightSum: wsum });
        case 'min': case 'max':
          if (!best) return empty(path, xs.length > 0);
          return trace(best);
      }
    } finally {
      if (prev) ctx.binders.set(e, prev); else ctx.binders.delete(e);
    }

    function trace(v: Value, extra?: object): Value {
      ctx.trace?.form({ form: fn, list: path ?? env.file.slice(e.list.span), items: xs.length, ...extra, result: v });
      return v;
    }
  };
}

export function callBuiltin(e: CallExpr, env: CompileEnv, args: Compiled[], paths: PathFn[]): Compiled {
  const text = env.file.slice(e.span);
  const n = (ctx: Parameters<Compiled>[0], i: number) => num(args[i](ctx), env, e.args[i]);
  /** The numbers of a one-list call (`avg(季度得分)`) or of the arguments (`min(a, b)`). */
  const numbers = (ctx: Parameters<Compiled>[0]): { xs: Rational[]; path?: string } => {
    if (args.length === 1) {
      const v = args[0](ctx);
      if (Array.isArray(v)) return { xs: v.map((x, i) => (x === null && readsScore(e.args[0]) ? scoreless(ctx, i) : num(x, env, e.args[0]))), path: paths[0](ctx) };
      return { xs: [num(v, env, e.args[0])] };
    }
    return { xs: args.map((_, i) => n(ctx, i)) };
  };
  /** `avg(季度结果.得分)` over a record without a score: KH-E018 at `季度结果[i].得分` (expr.ts noScore). */
  const scoreless = (ctx: Parameters<Compiled>[0], i: number): never => {
    const arg = e.args[0] as Extract<CallExpr['args'][number], { kind: 'Field' }>, whole = paths[0](ctx);
    const suffix = `.${arg.field.name}`, list = whole?.endsWith(suffix) ? whole.slice(0, -suffix.length) : undefined;
    return noScore(env, arg, list === undefined ? undefined : { list, index: i, path: `${list}[${i}]${suffix}` });
  };
  const empty = (path?: string): never =>
    fail('KH-E011', M.functionOfEmpty({ fn: e.fn, path: path ?? '', code: text }), env.file, e.span, path);

  switch (e.fn) {
    case 'min': case 'max': {
      const isMin = e.fn === 'min';
      return (ctx) => {
        const { xs, path } = numbers(ctx);
        if (xs.length === 0) return empty(path);
        return xs.reduce((a, b) => (isMin ? Rational.min(a, b) : Rational.max(a, b)));
      };
    }
    case 'sum': return (ctx) => numbers(ctx).xs.reduce((a, b) => a.add(b), Rational.ZERO);
    case 'avg': return (ctx) => {
      const { xs, path } = numbers(ctx);
      if (xs.length === 0) return empty(path);
      const v = xs.reduce((a, b) => a.add(b), Rational.ZERO).div(Rational.int(xs.length));
      ctx.trace?.form({ form: 'avg', list: path ?? env.file.slice(e.args[0].span), items: xs.length, result: v });
      return v;
    };
    case 'count': return (ctx) => Rational.int(list(args[0](ctx), env, e.args[0]).length);
    case 'any': return (ctx) => list(args[0](ctx), env, e.args[0]).some((x) => bool(x, env, e));
    case 'all': return (ctx) => list(args[0](ctx), env, e.args[0]).every((x) => bool(x, env, e));
    case 'clamp': return (ctx) => {
      const x = n(ctx, 0), lo = n(ctx, 1), hi = n(ctx, 2);
      return Rational.min(Rational.max(x, lo), hi);
    };
    case 'abs': return (ctx) => n(ctx, 0).abs();
    case 'floor': return (ctx) => n(ctx, 0).floor();
    case 'ceil': return (ctx) => n(ctx, 0).ceil();
    case 'round': return (ctx) => {
      const digits = args.length > 1 ? n(ctx, 1) : Rational.ZERO;
      if (!digits.isInteger() || digits.sign() < 0) {
        return fail('KH-E018', M.roundDigits({ value: show(digits) }), env.file, e.span);
      }
      return n(ctx, 0).round(Number(digits.num));
    };
    default:
      return () => fail('KH-E099', M.unknownFunction({ name: e.callee.name }), env.file, e.span);
  }
}
