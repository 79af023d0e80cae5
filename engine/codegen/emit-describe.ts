// Emitting explanations of grade conditions (issue 16): the texts describe.ts writes for a condition
// that held — the same atoms, the same short-circuits, values shown as values.ts `show` shows them —
// pushed onto a reasons array while the condition is evaluated. Scheme text only through `str`.

import { negate } from '../../dsl/ops.js';
import type { CompareOp } from '../../dsl/ast.js';
import type { CmpOp, DescIR, IR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { paren } from './emit-base.js';
import { str } from './safe.js';

/** Text of a value for an explanation (values.ts show). */
export function show(em: Emitter, e: IR): string {
  if (e.ty.k === 'num') { const [n, d] = em.numH(e); return `R.show(${n}, ${d})`; }
  const v = em.valH(e);
  switch (e.ty.k) {
    case 'bool': return `(${v} ? 'true' : 'false')`;
    case 'text': return `R.quote(${v})`;
    case 'enum': return e.ty.grade ? `(${v} === null ? 'null' : ${v})` : v;
    default: throw new Error('raw shown');
  }
}

/** Emits the explanation of a condition onto the array `out`; returns the JS boolean "it holds". */
export function describe(em: Emitter, d: DescIR, out: string): string {
  switch (d.op) {
    case 'And': case 'Or': {
      const t = em.tmp('b');
      em.line(`let ${t} = ${describe(em, d.l, out)};`);
      em.block(`if (${d.op === 'And' ? t : `!${t}`})`, () => em.line(`${t} = ${describe(em, d.r, out)};`));
      return t;
    }
    case 'Not': return `!${paren(describe(em, d.x, out))}`;
    case 'Atom': {
      if (d.x.ty.k === 'raw') throw new Error('raw atom');
      const h = em.hold(d.x);
      em.line(`${out}.push(${str(`${d.text} = `)} + ${show(em, h)});`);
      return d.x.ty.k === 'bool' ? `${em.valH(h)} === true` : 'false';
    }
    case 'Cmp': {
      const l = em.hold(d.l), r = em.hold(d.r);
      const holds = em.tmp('b');
      em.line(`const ${holds} = ${em.cmp(d.o, l, r)};`);
      const left = d.leftLit ? str(d.lt) : `${str(d.lt + (d.leftName ? ' ' : ' = '))} + ${show(em, l)}`;
      const memberText = d.rightName && r.ty.k === 'enum' ? `${em.valH(r)} === ${str(d.rt)}` : 'false';
      const right = d.rightLit ? str(d.rt) : `(${memberText} ? ${str(d.rt)} : ${str(d.rt + ' (')} + ${show(em, r)} + ')')`;
      const op = (o: CmpOp) => str(` ${o} `);
      em.line(`${out}.push(${left} + (${holds} ? ${op(d.o)} : ${op(negate(d.o as CompareOp) as CmpOp)}) + ${right});`);
      return holds;
    }
  }
}
