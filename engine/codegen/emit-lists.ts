// Emitting the list forms (issue 16): built-ins over a list of data (`avg(季度得分)`, functions.ts
// callBuiltin) and aggregates with a binder (`sum(t in 任务 where … weighted by …: …)`, functions.ts
// aggregate). Each loops over the subject's JSON list in place; numbers are read by `R.num` and summed
// with the runtime's checked helpers; an empty list where the reference fails bails (KH-E011/12).

import type { IR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { paren } from './emit-base.js';
import { str } from './safe.js';

type ListFn = Extract<IR, { op: 'ListFn' }>;
type Agg = Extract<IR, { op: 'Agg' }>;

/** `avg(L)`, `count(L)`, … of a list (functions.ts callBuiltin). */
export function listFn(em: Emitter, e: ListFn): [string, string] | string {
  const list = em.raw(e.list);
  const t = em.tmp('a'), i = em.tmp('i');
  if (e.fn === 'count') return [`${list}.length`, '1'];
  if (e.fn === 'any' || e.fn === 'all') {
    em.line(`let ${t} = ${e.fn === 'all'};`);
    em.line(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++) if (${e.fn === 'any' ? '' : '!'}${list}[${i}]) { ${t} = ${e.fn === 'any'}; break; }`);
    return t;
  }
  em.line(`let ${t}n = 0, ${t}d = 1;`);
  if (e.fn !== 'sum') em.line(`if (${list}.length === 0) R.bail('KH-E011');`);
  em.block(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++)`, () => {
    em.line(`R.num(${list}[${i}]);`);
    if (e.fn === 'sum' || e.fn === 'avg') em.line(em.addTo(t, 'F.n', 'F.d'));
    else em.line(`if (${i} === 0 || R.cmp(F.n, F.d, ${t}n, ${t}d) ${e.fn === 'min' ? '<' : '>'} 0) { ${t}n = F.n; ${t}d = F.d; }`);
  });
  if (e.fn !== 'avg') return [`${t}n`, `${t}d`];
  em.line(`R.div(${t}n, ${t}d, ${list}.length, 1);`);
  return em.takeF();
}

/** `streak` (engine/periods/streak.ts): over the window before the run's period, newest first, the
 * record of each period (the last of that period, as streak's Map keeps it); a period without one or
 * without a grade stops (`breaks`) or is passed over; the condition false stops; else it counts. */
export function streak(em: Emitter, e: Extract<IR, { op: 'Streak' }>): [string, string] {
  const list = em.raw(e.list);
  const t = em.tmp('k'), w = em.tmp('w'), i = em.tmp('i'), j = em.tmp('j'), x = em.tmp('x');
  em.line(`const ${w} = R.window(period, ${str(e.unit)}, ${e.n});`);
  em.line(`let ${t} = 0;`);
  em.block(`for (let ${i} = ${w}.length - 1; ${i} >= 0; ${i}--)`, () => {
    em.line(`let ${x} = null;`);
    em.line(`for (let ${j} = 0; ${j} < ${list}.length; ${j}++) if (${list}[${j}].period === ${w}[${i}]) ${x} = ${list}[${j}];`);
    em.line(`if (${x} === null || ${x}.grade === null) ${e.breaks ? 'break' : 'continue'};`);
    em.binders.set(e.id, x);
    if (e.where) em.line(`if (!${paren(em.val(e.where))}) break;`);
    em.line(`${t}++;`);
  });
  return [t, '1'];
}

/** Loops over an aggregate's list with its binder bound; `each` emits the body for one element. */
function loop(em: Emitter, e: Agg, each: () => void): void {
  const list = em.raw(e.list);
  const i = em.tmp('i'), x = em.tmp('x');
  em.block(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++)`, () => {
    em.line(`const ${x} = ${list}[${i}];`);
    em.binders.set(e.id, x);
    if (e.where && e.fn !== 'count' && e.fn !== 'any' && e.fn !== 'all' || e.where && e.body) {
      em.line(`if (!${paren(em.val(e.where))}) continue;`);
    }
    each();
  });
}

export function aggNum(em: Emitter, e: Agg): [string, string] {
  const t = em.tmp('a');
  const elem: IR = { op: 'Binder', id: e.id, ty: e.body?.ty ?? { k: 'num' } } as IR;
  switch (e.fn) {
    case 'count': {
      em.line(`let ${t} = 0;`);
      const pred = e.body ?? e.where;
      loop(em, e, () => { if (pred) em.line(`if (${em.val(pred)}) ${t}++;`); else em.line(`${t}++;`); });
      return [t, '1'];
    }
    case 'sum': case 'avg': {
      em.line(`let ${t}n = 0, ${t}d = 1, ${t}wn = 0, ${t}wd = 1, ${t}c = 0;`);
      loop(em, e, () => {
        let [vn, vd] = em.num(e.body ?? elem);
        if (e.fn === 'avg' && e.weight) {
          const [wn, wd] = em.num(e.weight);
          em.line(`R.mul(${vn}, ${vd}, ${wn}, ${wd});`);
          [vn, vd] = em.takeF();
          em.line(em.addTo(`${t}w`, wn, wd));
        } else em.line(`${t}wn++;`);
        em.line(`${em.addTo(t, vn, vd)} ${t}c++;`);
      });
      if (e.fn === 'sum') return [`${t}n`, `${t}d`];
      em.line(`if (${t}c === 0) R.bail('KH-E011');`);
      em.line(`if (${t}wn === 0) R.bail('KH-E012');`);
      em.line(`R.div(${t}n, ${t}d, ${t}wn, ${t}wd);`);
      return em.takeF();
    }
    case 'min': case 'max': {
      em.line(`let ${t}n = 0, ${t}d = 1, ${t}c = 0;`);
      loop(em, e, () => {
        const [vn, vd] = em.num(e.body ?? elem);
        em.line(`if (${t}c++ === 0 || R.cmp(${vn}, ${vd}, ${t}n, ${t}d) ${e.fn === 'min' ? '<' : '>'} 0) { ${t}n = ${vn}; ${t}d = ${vd}; }`);
      });
      em.line(`if (${t}c === 0) R.bail('KH-E011');`);
      return [`${t}n`, `${t}d`];
    }
    default: throw new Error(`aggregate ${e.fn} is not a number`);
  }
}

export function aggBool(em: Emitter, e: Agg): string {
  const t = em.tmp('a');
  const any = e.fn === 'any';
  em.line(`let ${t} = ${any ? 'false' : 'true'};`);
  const elem: IR = { op: 'Binder', id: e.id, ty: { k: 'bool' } } as IR;
  const pred = e.body ?? e.where ?? elem;
  loop(em, e, () => {
    const v = em.val(pred);
    em.line(any ? `if (${v}) { ${t} = true; break; }` : `if (!${paren(v)}) { ${t} = false; break; }`);
  });
  return t;
}
