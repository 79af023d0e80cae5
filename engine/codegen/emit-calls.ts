// Emitting the forms of issue 12 (issue 16): calls of functions declared in the scheme
// (user-functions.ts: each argument evaluated once, in order, then the body with the parameters
// bound — here inlined at the call site, the arguments held in locals), membership in a list of
// data (`x in 名单`, expr.ts compileMembership: equal to some element, values.ts equalValues), and
// dates (dates.ts): `periodStart`/`periodEnd` of the run's period, `d ± N months` through the
// runtime (dsl/dates.ts addDuration; out of 0001–9999 bails to the reference's KH-E033) and
// intervals `x in [a, b)` (both edges compared as compareValues compares: numbers exactly, dates as
// their ISO text).

import type { IR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { str } from './safe.js';

type Fn = Extract<IR, { op: 'Fn' }>;

/** A scheme function's call: its arguments into held locals, then its body as a number or a value. */
export function call(em: Emitter, e: Fn, asNum: true): [string, string];
export function call(em: Emitter, e: Fn, asNum: false): string;
export function call(em: Emitter, e: Fn, asNum: boolean): [string, string] | string {
  em.note(`function ${e.name}`);
  for (const p of e.params) em.params.set(p.id, em.hold(p.arg));
  return asNum ? em.num(e.body) : e.body.ty.k === 'raw' ? em.raw(e.body) : em.val(e.body);
}

/** The held argument a parameter reads. */
export function param(em: Emitter, id: number): IR {
  const h = em.params.get(id);
  if (!h) throw new Error(`parameter ${id} outside its call`);
  return h;
}

/** `x in L`, L a JSON list: numbers compared exactly, members, texts, dates and booleans by `===`. */
export function inList(em: Emitter, e: Extract<IR, { op: 'InList' }>): string {
  const x = em.hold(e.x);
  const list = em.raw(e.list);
  const t = em.tmp('b'), i = em.tmp('i');
  em.line(`let ${t} = false;`);
  if (x.ty.k === 'num') {
    const [n, d] = em.numH(x);
    em.line(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++) { R.num(${list}[${i}]); if (R.cmp(F.n, F.d, ${n}, ${d}) === 0) { ${t} = true; break; } }`);
  } else {
    const v = em.valH(x);
    em.line(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++) if (${list}[${i}] === ${v}) { ${t} = true; break; }`);
  }
  return t;
}

/** `periodStart` / `periodEnd`: the day of the run's period (its text was checked before the run). */
export function periodDay(e: Extract<IR, { op: 'Period' }>): string {
  return `R.periodOf(period).${e.which === 'periodStart' ? 'start' : 'end'}`;
}

export function shift(em: Emitter, e: Extract<IR, { op: 'Shift' }>): string {
  const t = em.tmp('s');
  em.line(`const ${t} = R.shift(${em.val(e.x)}, ${e.amount}, ${str(e.unit)}, ${e.sign});`);
  return t;
}

export function interval(em: Emitter, e: Extract<IR, { op: 'Interval' }>): string {
  const x = em.hold(e.x), lo = em.hold(e.lo), hi = em.hold(e.hi);
  const a = em.cmp(e.loOpen ? '>' : '>=', x, lo), b = em.cmp(e.hiOpen ? '<' : '<=', x, hi);
  return `(${a}) && (${b})`;
}
