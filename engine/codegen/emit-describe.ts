// Emitting explanations of grade conditions (issue 16): the texts describe.ts writes for a condition
// that held — the same atoms, the same short-circuits, values shown as values.ts `show` shows them,
// the condition's text in both languages chosen by `lang` — pushed onto a reasons array while the
// condition is evaluated; and why each better grade was missed. Scheme text only through `str`.

import { negate } from '../../dsl/ops.js';
import type { CompareOp } from '../../dsl/ast.js';
import type { CmpOp, DescIR, IR, ProgramIR } from './ir.js';
import type { LangText } from '../describe.js';
import type { Emitter } from './emit-expr.js';
import { paren } from './emit-base.js';
import { str } from './safe.js';

/** Text of a value for an explanation (values.ts show), true/false/missing in the reader's words. */
export function show(em: Emitter, e: IR): string {
  if (e.ty.k === 'num') { const [n, d] = em.numH(e); return `R.show(${n}, ${d})`; }
  const v = em.valH(e);
  switch (e.ty.k) {
    case 'bool': return `R.words(lang)[${v} ? 'true' : 'false']`;
    case 'text': return `R.quote(${v})`;
    case 'enum': return e.ty.grade ? `(${v} === null ? R.words(lang).null : ${v})` : v;
    default: throw new Error('raw shown');
  }
}

/** A text of the condition in the subject's language (`lang` of the program): one literal when the
 * languages print it alike, else both, chosen at run time (describe.ts pick). */
function txt(t: LangText, tail = ''): string {
  return t.zh === t.en ? str(t.zh + tail) : `(lang === 'zh' ? ${str(t.zh + tail)} : ${str(t.en + tail)})`;
}

/** Emits the explanation of a condition onto the array `out`; returns the JS boolean "it holds".
 * `decisive`: only the atoms that decided the value (describe.ts, a missed grade). */
export function describe(em: Emitter, d: DescIR, out: string, decisive = false): string {
  switch (d.op) {
    case 'And': case 'Or': {
      const t = em.tmp('b'), from = decisive ? em.tmp('m') : '';
      if (decisive) em.line(`const ${from} = ${out}.length;`);
      em.line(`let ${t} = ${describe(em, d.l, out, decisive)};`);
      em.block(`if (${d.op === 'And' ? t : `!${t}`})`, () => {
        if (!decisive) { em.line(`${t} = ${describe(em, d.r, out)};`); return; }
        const mid = em.tmp('m');
        em.line(`const ${mid} = ${out}.length;`);
        em.line(`${t} = ${describe(em, d.r, out, true)};`);
        em.line(`if (${d.op === 'And' ? `!${t}` : t}) ${out}.splice(${from}, ${mid} - ${from});`);
      });
      return t;
    }
    case 'Not': return `!${paren(describe(em, d.x, out, decisive))}`;
    case 'Atom': {
      if (d.x.ty.k === 'raw') throw new Error('raw atom');
      const h = em.hold(d.x);
      em.line(`${out}.push(${txt(d.text, ' = ')} + ${show(em, h)});`);
      return d.x.ty.k === 'bool' ? `${em.valH(h)} === true` : 'false';
    }
    case 'Cmp': {
      const l = em.hold(d.l), r = em.hold(d.r);
      const holds = em.tmp('b');
      em.line(`const ${holds} = ${em.cmp(d.o, l, r)};`);
      const left = d.leftLit ? txt(d.lt) : `${txt(d.lt, d.leftName ? ' ' : ' = ')} + ${show(em, l)}`;
      const memberText = d.rightName && r.ty.k === 'enum' ? `${em.valH(r)} === ${txt(d.rt)}` : 'false';
      const right = d.rightLit ? txt(d.rt) : `(${memberText} ? ${txt(d.rt)} : ${txt(d.rt, ' (')} + ${show(em, r)} + ')')`;
      const op = (o: CmpOp) => str(` ${o} `);
      em.line(`${out}.push(${left} + (${holds} ? ${op(d.o)} : ${op(negate(d.o as CompareOp) as CmpOp)}) + ${right});`);
      return holds;
    }
  }
}

/** After the final grade's reasons, unless a restriction acted (`acted`): why each grade better than
 * the candidate `cand` was missed, its rules' deciding atoms named by it (grade.ts missedReasons).
 * A cohort member records how many (`member.missed`): a kept competitor's quota words go before them
 * (competitor.ts keepResult, engine/stream keptPieces). */
export function emitMissed(em: Emitter, p: ProgramIR): void {
  const better = p.grades.filter((g) => !g.otherwise && g.index < p.grades.length - 1);
  if (better.length === 0) { em.line('if (member) member.missed = 0;'); return; }
  const from = em.tmp('m');
  em.line(`const ${from} = gradeReasons.length;`);
  em.block('if (fg >= 0 && cand > 0 && acted < 0)', () => {
    for (const g of better) {
      em.block(`if (cand > ${g.index})`, () => {
        const o = em.tmp('o');
        em.line(`const ${o} = [];`);
        for (const r of g.rules) describe(em, r.desc, o, true);
        em.line(`for (const x of ${o}) gradeReasons.push(R.missed(GN[${g.index}], x, lang));`);
      });
    }
  });
  em.line(`if (member) member.missed = gradeReasons.length - ${from};`);
}
