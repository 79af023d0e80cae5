// The indicator tree: groups and indicators whose weights (or points) sum correctly for every
// subject. A sibling set is either plain (its shares partition the budget) or an unconditional part
// plus `when` blocks that partition the rest over the values of an enum or bool input, so the
// checker's per-combination proof holds. `normalize` groups take arbitrary weights.

import { numExpr, type Env } from './expr-gen.js';
import { partition } from './rng.js';
import type { Writer } from './style.js';

interface TreeCtx { env: Env; w: Writer; points: boolean }

function share(t: TreeCtx, amount: number): string[] {
  return t.points ? [t.env.s.kw('points'), String(amount)] : [t.env.s.kw('weight'), `${amount}%`];
}

function indicator(t: TreeCtx, amount: number, conditional: boolean): void {
  const { env, w } = t;
  const { r, s } = env;
  const name = env.names.fresh();
  const toks = [s.kw('indicator'), name, ...(r.bool(0.3) ? [s.str(`指标${name}`)] : []), ...share(t, amount), '=', ...numExpr(env, r.int(0, 3)).t];
  if (r.bool(0.1)) toks.push(s.kw('range'), s.p('['), '0', s.p(','), String(r.int(100, 150)), s.p(']'));
  w.line(toks);
  if (!conditional) env.m.indicators.push(name);
}

function group(t: TreeCtx, amount: number, depth: number, conditional: boolean): void {
  const { env, w } = t;
  const { r, s } = env;
  const name = env.names.fresh();
  const normalize = !t.points && r.bool(0.15);
  const head = [s.kw('group'), name, ...(r.bool(0.3) ? [s.str(`类别${name}`)] : [])];
  w.open([...head, ...(t.points ? [] : share(t, amount)), ...(normalize ? [s.kw('normalize')] : [])]);
  if (normalize) for (let i = r.int(1, 3); i > 0; i--) indicator(t, r.int(1, 10) * 5, conditional);
  else siblings(t, t.points ? amount : 100, depth - 1, conditional);
  w.close();
  if (!conditional) env.m.groups.push(name);
}

function child(t: TreeCtx, amount: number, depth: number, conditional: boolean): void {
  if (depth > 0 && t.env.r.bool(0.3)) group(t, amount, depth, conditional);
  else indicator(t, amount, conditional);
}

/** Writes members whose shares sum to `budget` for every subject. */
export function siblings(t: TreeCtx, budget: number, depth: number, conditional = false): void {
  const { env, w } = t;
  const { r, s } = env;
  const step = t.points ? 1 : 5;
  const selectors = env.m.inputs.filter((i) => i.ty.k === 'enum' || i.ty.k === 'bool');
  const split = selectors.length > 0 && budget >= 2 * step && r.bool(0.35);
  const fixed = split ? r.int(0, budget / step - 1) * step : budget;
  if (fixed > 0) for (const a of partition(r, fixed, r.int(1, 3), step)) child(t, a, depth, conditional);
  if (!split) return;
  const sel = r.pick(selectors);
  const rest = budget - fixed;
  const conds: string[][] = sel.ty.k === 'enum'
    ? sel.ty.e.members.map((m) => [sel.name, '==', m])
    : [[sel.name], [s.kw('not'), sel.name]];
  for (const cond of conds) {
    w.open([s.kw('when'), ...cond]);
    for (const a of partition(r, rest, r.int(1, 2), step)) child(t, a, depth, true);
    w.close();
  }
}

export function writeTree(env: Env, w: Writer, points: boolean, total: number): void {
  siblings({ env, w, points }, points ? total : 100, 2);
}
