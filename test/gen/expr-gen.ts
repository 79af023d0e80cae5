// Well-typed expressions over a scheme model: numbers and booleans built from every form of
// LANGUAGE.md §4 (arithmetic, comparisons, `in`, `if`, calls, aggregates with `where`/`weighted by`,
// table lookups, field access, bands, levels, linear, rate). Operands are parenthesized as the
// precedence requires, and now and then for no reason. Forms that could fail at evaluation time are
// avoided (division only by non-zero literals; avg/min/max only over lists declared `min 1`).

import type { Rng } from './rng.js';
import type { Names, SchemeModel, Ty, Val } from './model.js';
import type { Style } from './style.js';

/** Tokens and the precedence level of the top operator (1 `if` … 9 primary; as dsl/format/expr.ts). */
export interface E { t: string[]; p: number }

export interface Env {
  m: SchemeModel; s: Style; r: Rng; names: Names;
  binders: Val[];
  /** Result names (`score`, …) and group scores allowed: grades, outcomes, examples. */
  results: boolean;
  /** Unconditional indicators allowed (not inside lets, rule items). */
  indicators: boolean;
}

const prim = (...t: string[]): E => ({ t, p: 9 });

export function wrap(e: E, min: number, env: Env): string[] {
  return e.p < min || env.r.bool(0.04) ? [env.s.p('('), ...e.t, env.s.p(')')] : e.t;
}

export function numLit(r: Rng, positive = false): string {
  switch (r.int(0, 3)) {
    case 0: return String(r.int(positive ? 1 : 0, 100));
    case 1: return `${r.int(positive ? 1 : 0, 99)}.${r.int(1, 9)}`;
    case 2: return `${r.int(1, 100)}%`;
    default: return String(r.int(positive ? 1 : 0, 10));
  }
}

/** Every value in scope with its type: inputs, their record fields, lets, binders and their fields. */
export function values(env: Env): Val[] {
  const out: Val[] = [];
  const add = (toks: string[], ty: Ty) => {
    out.push({ toks, ty });
    if (ty.k === 'record') for (const f of ty.fields) out.push({ toks: [...toks, '.', f.name], ty: f.ty });
  };
  for (const i of env.m.inputs) add([i.name], i.ty);
  for (const l of env.m.lets) add([l.name], l.ty === 'bool' ? { k: 'bool' } : { k: 'number', lo: 0, hi: 100, integer: false });
  for (const b of env.binders) add(b.toks, b.ty);
  if (env.indicators) for (const n of env.m.indicators) add([n], { k: 'number', lo: 0, hi: 100, integer: false });
  if (env.results) {
    for (const n of env.m.groups) add([n], { k: 'number', lo: 0, hi: 100, integer: false });
    for (const n of ['score', 'base', 'rewards', 'deductions']) add([env.s.builtin(n)], { k: 'number', lo: 0, hi: 100, integer: false });
  }
  return out;
}

const of = (env: Env, k: Ty['k']) => values(env).filter((v) => v.ty.k === k);

function call(env: Env, fn: string, args: string[][]): E {
  const { s } = env;
  const t: string[] = [s.builtin(fn), s.p('(')];
  args.forEach((a, i) => { if (i) t.push(s.p(',')); t.push(...a); });
  return prim(...t, s.p(')'));
}

function binary(l: E, op: string, r: E, p: number, env: Env): E {
  return { t: [...wrap(l, p === 5 ? 6 : p, env), op, ...wrap(r, p + 1, env)], p };
}

export function numExpr(env: Env, depth: number): E {
  const { r, s } = env;
  const nums = of(env, 'number');
  if (depth <= 0 || r.bool(0.2)) return nums.length && r.bool(0.7) ? prim(...r.pick(nums).toks) : prim(numLit(r));
  const d = depth - 1;
  switch (r.int(0, 12)) {
    case 0: return binary(numExpr(env, d), r.pick(['+', '-']), numExpr(env, d), 6, env);
    case 1: return binary(numExpr(env, d), '*', numExpr(env, d), 7, env);
    case 2: return binary(numExpr(env, d), '/', prim(numLit(r, true)), 7, env);
    case 3: return { t: ['-', ...wrap(numExpr(env, d), 8, env)], p: 8 };
    case 4: return { t: [s.kw('if'), ...boolExpr(env, d).t, s.kw('then'), ...numExpr(env, d).t, s.kw('else'), ...numExpr(env, d).t], p: 1 };
    case 5: return call(env, r.pick(['min', 'max']), [numExpr(env, d).t, numExpr(env, d).t]);
    case 6: {
      const lo = r.int(0, 50);
      return call(env, 'clamp', [numExpr(env, d).t, [String(lo)], [String(lo + r.int(1, 50))]]);
    }
    case 7: return r.bool() ? call(env, r.pick(['abs', 'floor', 'ceil']), [numExpr(env, d).t]) : call(env, 'round', [numExpr(env, d).t, [String(r.int(0, 2))]]);
    case 8: return aggregateNum(env, d) ?? prim(numLit(r));
    case 9: {
      const table = env.m.tables.length ? r.pick(env.m.tables) : undefined;
      const keys = table ? values(env).filter((v) => v.ty.k === 'enum' && v.ty.e === table.e) : [];
      return table && keys.length ? prim(table.name, s.p('['), ...r.pick(keys).toks, s.p(']')) : prim(numLit(r));
    }
    case 10: return scoringForm(env, d);
    default: return nums.length ? prim(...r.pick(nums).toks) : prim(numLit(r));
  }
}

function scoringForm(env: Env, d: number): E {
  const { r, s } = env;
  const sep = () => s.p(',');
  const ratings = of(env, 'ratings');
  const enums = of(env, 'enum');
  const kind = r.int(0, 3);
  if (kind === 0 && ratings.length) return prim(s.kw('rate'), ...r.pick(ratings).toks);
  if (kind === 1 && enums.length) {
    const v = r.pick(enums);
    const members = v.ty.k === 'enum' ? v.ty.e.members : [];
    const shown = r.bool() ? members : members.slice(0, r.int(1, members.length));
    const t = [s.kw('levels'), ...v.toks, '{'];
    shown.forEach((m, i) => { if (i) t.push(sep()); t.push(m, s.p(':'), numLit(r)); });
    if (shown.length < members.length || r.bool(0.2)) t.push(sep(), s.kw('else'), s.p(':'), numLit(r));
    return prim(...t, '}');
  }
  const subject = wrap(numExpr(env, Math.min(d, 1)), 6, env);
  const n = r.int(1, 4);
  const xs: number[] = [];
  for (let i = 0, x = r.int(0, 20); i < n + 1; i++, x += r.int(1, 30)) xs.push(x);
  if (kind === 2) {
    const t = [s.kw('linear'), ...subject, '{'];
    xs.forEach((x, i) => { if (i) t.push(sep()); t.push(String(x), '=>', String(r.int(0, 100))); });
    return prim(...t, '}');
  }
  const up = r.bool();
  const ths = up ? xs.slice(0, n) : xs.slice(0, n).reverse();
  const t = [s.kw('bands'), ...subject, '{'];
  ths.forEach((x, i) => { if (i) t.push(sep()); t.push(up ? '<=' : '>=', String(x), s.p(':'), numLit(r)); });
  t.push(sep(), s.kw('else'), s.p(':'), ...numExpr(env, 0).t);
  return prim(...t, '}');
}

/** `fn(b in L [where c] [weighted by w] [: body])` over a list input; undefined if there is none. */
function aggregate(env: Env, fn: string, d: number, body: (inner: Env, el: Val) => E | undefined, needMin1: boolean, where: boolean, weighted = false): E | undefined {
  const { r, s } = env;
  const lists = of(env, 'list').filter((v) => v.ty.k === 'list' && (!needMin1 || v.ty.min >= 1));
  if (!lists.length) return undefined;
  const list = r.pick(lists);
  if (list.ty.k !== 'list') return undefined;
  const binder: Val = { toks: [env.names.fresh()], ty: list.ty.el };
  const inner: Env = { ...env, binders: [...env.binders, binder] };
  const t = [s.builtin(fn), s.p('('), binder.toks[0], s.kw('in'), ...list.toks];
  if (where) t.push(s.kw('where'), ...boolExpr(inner, d).t);
  if (weighted) t.push(s.kw('weightedBy'), String(r.int(1, 3)));
  const b = body(inner, binder);
  if (b) t.push(s.p(':'), ...b.t);
  return prim(...t, s.p(')'));
}

function numOf(inner: Env, el: Val, d: number): E | undefined {
  if (el.ty.k === 'number') return inner.r.bool() ? prim(...el.toks) : numExpr(inner, d);
  if (el.ty.k === 'record') {
    const f = el.ty.fields.find((x) => x.ty.k === 'number');
    return f ? prim(...el.toks, '.', f.name) : undefined;
  }
  return undefined;
}

function aggregateNum(env: Env, d: number): E | undefined {
  const { r } = env;
  switch (r.int(0, 3)) {
    case 0: return aggregate(env, 'count', d, () => undefined, false, r.bool(0.7));
    case 1: return aggregate(env, 'sum', d, (i, el) => numOf(i, el, d) ?? prim('1'), false, r.bool());
    case 2: {
      const fn = r.pick(['avg', 'min', 'max']);
      return aggregate(env, fn, d, (i, el) => numOf(i, el, d) ?? prim('1'), true, false, fn === 'avg' && r.bool());
    }
    default: {
      const lists = of(env, 'list').filter((v) => v.ty.k === 'list' && v.ty.el.k === 'number' && v.ty.min >= 1);
      if (lists.length) return call(env, r.pick(['sum', 'avg', 'min', 'max']), [r.pick(lists).toks]);
      const any = of(env, 'list');
      return any.length ? call(env, 'count', [r.pick(any).toks]) : undefined;
    }
  }
}

export function boolExpr(env: Env, depth: number): E {
  const { r, s } = env;
  const bools = of(env, 'bool');
  const enums = of(env, 'enum');
  if (depth <= 0 || r.bool(0.15)) {
    if (bools.length && r.bool(0.6)) return prim(...r.pick(bools).toks);
    return binary(numExpr(env, 0), r.pick(['>', '>=', '<', '<=', '==', '!=']), numExpr(env, 0), 5, env);
  }
  const d = depth - 1;
  switch (r.int(0, 8)) {
    case 0: return binary(boolExpr(env, d), s.kw('and'), boolExpr(env, d), 3, env);
    case 1: return binary(boolExpr(env, d), s.kw('or'), boolExpr(env, d), 2, env);
    case 2: return { t: [s.kw('not'), ...wrap(boolExpr(env, d), 4, env)], p: 4 };
    case 3: case 4: if (enums.length) {
      const v = r.pick(enums);
      if (v.ty.k !== 'enum') break;
      const members = v.ty.e.members;
      if (r.bool(0.3)) {
        const set = members.slice(0, r.int(1, members.length)).flatMap((m, i) => (i ? [s.p(','), m] : [m]));
        return { t: [...v.toks, s.kw('in'), '{', ...set, '}'], p: 5 };
      }
      const op = v.ty.e.ordered ? r.pick(['==', '!=', '<=', '>=', '<', '>']) : r.pick(['==', '!=']);
      return { t: [...v.toks, op, r.pick(members)], p: 5 };
    }
      break;
    case 5: {
      const e = aggregate(env, r.pick(['any', 'all']), d, (i) => boolExpr(i, d), false, false);
      if (e) return e;
      break;
    }
    case 6: return { t: [s.kw(r.pick(['true', 'false'] as const))], p: 9 };
    default: break;
  }
  return binary(numExpr(env, d), r.pick(['>', '>=', '<', '<=', '==', '!=']), numExpr(env, d), 5, env);
}
