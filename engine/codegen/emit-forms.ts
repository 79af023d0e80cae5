// Emitting the scoring forms (issue 16): tables, `levels` and `bands` as one chain of choices,
// `linear` between fixed points, and `rate` of a panel's plain ratings (forms.ts) or ballots (ballots.ts). A form whose value
// the reference would not find (no band holds, no table entry) bails with the reference's code.

import { gcd } from './runtime.js';
import type { IR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { PROTO } from './emit-base.js';
import { str } from './safe.js';

/** Table, levels, bands: a chain of choices into one result (number or value). */
export function choose(em: Emitter, e: Extract<IR, { op: 'Table' | 'Levels' | 'Bands' }>): [string, string] | string {
  return em.branches(e.ty.k === 'num', (put) => choices(em, e, put));
}

function choices(em: Emitter, e: Extract<IR, { op: 'Table' | 'Levels' | 'Bands' }>, put: (x: IR) => void): void {
  if (e.op === 'Bands') {
    const x = em.hold(e.x);
    const go = (i: number): void => {
      if (i === e.bands.length) {
        if (e.else) put(e.else); else em.line(`R.bail('KH-E016');`);
        return;
      }
      const b = e.bands[i];
      const c = em.cmp(b.o, x, b.at);
      em.block(`if (${c})`, () => put(b.score));
      em.block('else', () => go(i + 1));
    };
    go(0);
  } else {
    const key = em.val(e.op === 'Table' ? e.key : e.x);
    const entries = e.op === 'Table' ? e.entries.map((x) => ({ key: x.key, v: x.value })) : e.entries.map((x) => ({ key: x.key, v: x.score }));
    em.block(`switch (${key})`, () => {
      for (const en of entries) em.indented(`case ${str(en.key)}:`, () => { put(en.v); em.line('break;'); });
      em.indented('default:', () => {
        if (e.op === 'Levels' && e.else) put(e.else); else em.line(`R.bail(${str(e.op === 'Table' ? 'KH-E019' : 'KH-E016')});`);
        em.line('break;');
      });
    });
  }
}

export function linear(em: Emitter, e: Extract<IR, { op: 'Linear' }>): [string, string] {
  const [vn, vd] = em.num(e.x);
  const t = em.tmp('v');
  const pts = e.pts, last = pts.length - 1;
  em.line(`let ${t}n, ${t}d;`);
  const c = (p: { n: number; d: number }) => `R.cmp(${vn}, ${vd}, ${p.n}, ${p.d})`;
  em.line(`if (${c(pts[0][0])} <= 0) { ${t}n = ${pts[0][1].n}; ${t}d = ${pts[0][1].d}; }`);
  em.line(`else if (${c(pts[last][0])} >= 0) { ${t}n = ${pts[last][1].n}; ${t}d = ${pts[last][1].d}; }`);
  for (let i = 0; i < last; i++) {
    const [x0, y0] = pts[i], [x1, y1] = pts[i + 1];
    // y0 + (v − x0)·(y1 − y0)/(x1 − x0), the first segment that holds v (forms.ts)
    em.block(`else if (${c(x0)} >= 0 && ${c(x1)} <= 0)`, () => {
      em.line(`R.sub(${vn}, ${vd}, ${x0.n}, ${x0.d}); const ${t}an = F.n, ${t}ad = F.d;`);
      em.line(`R.sub(${y1.n}, ${y1.d}, ${y0.n}, ${y0.d}); R.mul(${t}an, ${t}ad, F.n, F.d); const ${t}bn = F.n, ${t}bd = F.d;`);
      em.line(`R.sub(${x1.n}, ${x1.d}, ${x0.n}, ${x0.d}); R.div(${t}bn, ${t}bd, F.n, F.d);`);
      em.line(`R.add(${y0.n}, ${y0.d}, F.n, F.d); ${t}n = F.n; ${t}d = F.d;`);
    });
  }
  return [`${t}n`, `${t}d`];
}

/** A settings constant the program declares once (`const RS0 = …`, JSON read back as data). */
function specConst(em: Emitter, spec: string): string {
  let name = em.rateSpecs.get(spec);
  if (!name) { name = `RS${em.rateSpecs.size}`; em.rateSpecs.set(spec, name); }
  return name;
}

/** In a settings constant, the mark of a name on Object.prototype (the runtime reads it as own). */
const proto = (name: string) => (PROTO(name) ? { proto: true } : {});
const catsOf = (cats: { name: string; w: { n: number; d: number }; min: number }[]) =>
  cats.map((k) => ({ name: k.name, wn: k.w.n, wd: k.w.d, min: k.min, ...proto(k.name) }));

/** `rate` of ballots (runtime-ballots.ts). */
export function ballots(em: Emitter, e: Extract<IR, { op: 'Ballots' }>): [string, string] {
  const obj = em.raw(e.x);
  const spec = JSON.stringify({
    cats: catsOf(e.cats), crits: e.crits.map((k) => ({ name: k.name, vn: k.v.n, vd: k.v.d, ...proto(k.name) })),
    ...(e.trim ? { trim: e.trim } : {}), zero: e.missing === 'zero', error: e.missing === 'error',
  });
  em.line(`R.ballots(${obj}, ${specConst(em, spec)});`);
  return em.takeF();
}

export function rate(em: Emitter, e: Extract<IR, { op: 'Rate' }>): [string, string] {
  const obj = em.raw(e.x);
  const W = e.cats.reduce((l, k) => l / gcd(l, k.w.d) * k.w.d, 1); // the weights' least common denominator
  const spec = JSON.stringify({
    cats: catsOf(e.cats), ...(e.trim ? { trim: e.trim } : {}), zero: e.missing === 'zero', W, wi: e.cats.map((k) => k.w.n * (W / k.w.d)),
  });
  em.line(`R.rate(${obj}, ${specConst(em, spec)});`);
  return em.takeF();
}
