// Emitting the layout (issue 16, part of the program emitProgram writes; engine/evaluate.ts layout):
// the applicable nodes, level by level, with their effective weights (a share ÷ its siblings' sum
// when the shares are points or normalized weights, times the parent's) and points (score × weight
// × scale); a group's points are its children's. The rows go into `groups` and `indicators` (or
// their JSON text, emit-json.ts) in tree order; the sum of the roots' points is the base, then the
// `adjust` factor. The checks of evaluate.ts bail with its code (KH-E017) instead of throwing.

import type { NodeIR } from './ir.js';
import type { ProgramEmit } from './emit-program.js';
import { emitShare, nodeId, nodeNote, nodeOf, type NodeRef } from './emit-values.js';
import { keepGroupRow, keepIndicatorRow } from './emit-attached.js';
import { str } from './safe.js';
import { WEIGHT_DIGITS } from '../outcome.js';

type Pair = [string, string];

/** The layout, `rN_base` and `rN_adjust`. */
export function emitLayout(c: ProgramEmit): void {
  const { p, e } = c;
  e.note('layout: effective weights and points');
  e.line('const groups = [], indicators = [];');
  const [bn, bd] = siblings(c, p.roots, undefined, ['1', '1']);
  e.line(`let rN_base = ${bn}, rD_base = ${bd};`); // attached items change it after the lists
  if (p.adjust) { e.note('adjust'); const [n, d] = e.num(p.adjust); e.line(`const rN_adjust = ${n}, rD_adjust = ${d};`); }
  else e.line('const rN_adjust = 1, rD_adjust = 1;');
}

/** The rows of `children` of `parent` (undefined: the roots) whose effective weight is `ew`, and
 * the locals of their points' sum. */
function siblings(c: ProgramEmit, children: NodeRef[], parent: NodeIR | undefined, ew: Pair): Pair {
  const { p, e } = c;
  const t = e.tmp('y');
  e.line(`let ${t}c = 0, ${t}sn = 0, ${t}sd = 1, ${t}tn = 0, ${t}td = 1;`);
  const shares = sharesOf(c, children, t);
  if (!parent && p.normalize && children.length > 0) e.line(`if (${t}c === 0) R.bail('KH-E017');`);
  if (children.length === 0) return [`${t}tn`, `${t}td`];
  const weights = nodeOf(p, children[0]).share.kind === 'weight', normalize = parent ? parent.normalize : p.normalize;
  const divide = !weights || normalize; // points, or normalized weights: each share ÷ their sum
  e.block(`if (${t}c > 0)`, () => {
    if (weights && !normalize) e.line(`if (R.cmp(${t}sn, ${t}sd, 1, 1) !== 0) R.bail('KH-E017');`);
    if (!weights && !parent && !p.normalize) e.line(`if (R.cmp(${t}sn, ${t}sd, ${p.total.n}, ${p.total.d}) !== 0) R.bail('KH-E017');`);
    if (divide) e.line(`if (${t}sn === 0) R.bail('KH-E017');`);
    for (const ref of children) {
      e.note(nodeNote(nodeOf(p, ref)));
      e.block(`if (a${nodeId(ref)})`, () => {
        const [wn, wd] = shares.get(nodeId(ref))!;
        if (divide) e.line(`R.div(${wn}, ${wd}, ${t}sn, ${t}sd);`); else e.line(`F.n = ${wn}; F.d = ${wd};`);
        const x = e.tmp('e');
        e.line(`R.mul(${ew[0]}, ${ew[1]}, F.n, F.d); const ${x}n = F.n, ${x}d = F.d;`);
        const [pn, pd] = ref.kind === 'indicator' ? indicatorRow(c, ref, parent, x) : groupRow(c, ref, parent, x);
        e.line(e.addTo(`${t}t`, pn, pd));
      });
    }
  });
  return [`${t}tn`, `${t}td`];
}

/** Each applicable child's share into its own locals (0 when it does not apply); their count into
 * `${t}c`, their sum into `${t}s`. */
function sharesOf(c: ProgramEmit, children: NodeRef[], t: string): Map<string, Pair> {
  const { p, e } = c;
  const shares = new Map<string, Pair>();
  for (const ref of children) {
    const wl = e.tmp('w');
    e.line(`let ${wl}n = 0, ${wl}d = 1;`);
    e.block(`if (a${nodeId(ref)})`, () => {
      const [n, d] = emitShare(p, e, nodeOf(p, ref));
      e.line(`${wl}n = ${n}; ${wl}d = ${d}; ${t}c++;`);
      e.line(e.addTo(`${t}s`, n, d));
    });
    shares.set(nodeId(ref), [`${wl}n`, `${wl}d`]);
  }
  return shares;
}

/** An indicator's row; its effective weight is in `${x}n/d`. Answers the locals of its points. */
function indicatorRow(c: ProgramEmit, ref: NodeRef, parent: NodeIR | undefined, x: string): Pair {
  const { p, e, J } = c, k = nodeId(ref), n = nodeOf(p, ref), P = p.precision;
  e.line(`R.mul(sN${k}, sD${k}, ${x}n, ${x}d); R.mul(F.n, F.d, ${p.scale.n}, ${p.scale.d}); const ${x}pn = F.n, ${x}pd = F.d;`);
  if (J) J.indicator(e, n, parent, k, x);
  else e.line(`indicators.push({ id: ${str(n.name)}, label: ${str(n.label)}, group: ${parent ? str(parent.name) : 'null'}, score: R.rnd(sN${k}, sD${k}, ${P}), weight: R.rnd(${x}n, ${x}d, ${WEIGHT_DIGITS}), points: R.rnd(${x}pn, ${x}pd, ${P}) });`);
  keepIndicatorRow(p, e, ref.index, [`${x}pn`, `${x}pd`], !!J);
  return [`${x}pn`, `${x}pd`];
}

/** A group's row, then its children's (their effective weights: times the group's, `${x}n/d`);
 * its points are theirs. Answers the locals of its points. */
function groupRow(c: ProgramEmit, ref: NodeRef, parent: NodeIR | undefined, x: string): Pair {
  const { p, e, J } = c, k = nodeId(ref), n = nodeOf(p, ref), P = p.precision;
  if (J) J.groupOpen(e, n, parent, k, x);
  else {
    e.line(`const ${x}g = { id: ${str(n.name)}, label: ${str(n.label)}, ${parent ? `group: ${str(parent.name)}, ` : ''}score: 0, weight: R.rnd(${x}n, ${x}d, ${WEIGHT_DIGITS}), points: 0 };`);
    e.line(`groups.push(${x}g);`);
  }
  const [pn, pd] = siblings(c, n.children!, n, [`${x}n`, `${x}d`]);
  if (J) J.groupClose(e, x, pn, pd); else e.line(`${x}g.score = R.rnd(sN${k}, sD${k}, ${P}); ${x}g.points = R.rnd(${pn}, ${pd}, ${P});`);
  keepGroupRow(p, e, ref.index, `${x}g`, [pn, pd], !!J);
  return [pn, pd];
}
