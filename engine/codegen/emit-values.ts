// Emitting the tree's values (issue 16, part of the program emitProgram writes): lets, whether each
// indicator and group applies, and their scores (engine/subject.ts), each computed once into locals,
// in dependency order, only when some later stage reads it. A value the closures would compute
// lazily is computed eagerly here — harmless, because any failure bails to the closures. A node's
// share among its siblings (subject.ts share) is emitted here too; the layout (emit-layout.ts) reads it.

import { walk, type NodeIR, type ProgramIR } from './ir.js';
import type { Emitter } from './emit-expr.js';

/** An indicator or group, as the IR refers to one. */
export type NodeRef = { kind: 'indicator' | 'group'; index: number };

export const nodeOf = (p: ProgramIR, r: NodeRef): NodeIR => (r.kind === 'indicator' ? p.indicators : p.groups)[r.index];
/** The node's part of its locals' names: `I3` for a${id}, sN${id}, sD${id} of indicator 3. */
export const nodeId = (r: NodeRef): string => (r.kind === 'indicator' ? 'I' : 'G') + r.index;
/** The node as a comment in the generated source names it. */
export const nodeNote = (n: NodeIR): string => `${n.kind === 'indicator' ? '指标' : '组'} ${n.name} (line ${n.line})`;

/** The lets and nodes `irs` read, as keys: `L3` (let 3), `AI0`/`SI0` (indicator 0 applies / its score). */
function depsOf(...irs: unknown[]): string[] {
  const out: string[] = [];
  for (const ir of irs) walk(ir, (x) => {
    if (x.op === 'Let') out.push(`L${x.index}`);
    if (x.op === 'Node') { const k = nodeId(x); out.push(`A${k}`, `S${k}`); }
  });
  return out;
}

/** The locals of every let and node: the values, whether a node applies, its score. */
export function emitValueSlots(e: Emitter, p: ProgramIR): void {
  p.lets.forEach((l, i) => e.line(l.value.ty.k === 'num' ? `let lN${i} = 0, lD${i} = 1;` : `let lV${i};`));
  for (const n of [...p.indicators, ...p.groups]) { const k = nodeId(n); e.line(`let a${k} = false, sN${k} = 0, sD${k} = 1;`); }
}

/** Writes each value the first time something needs it, after what it reads. */
export class TreeValues {
  private readonly done = new Set<string>();
  private readonly busy = new Set<string>();

  constructor(private readonly p: ProgramIR, private readonly e: Emitter) {}

  /** Everything the IRs `irs` read, before the code that reads it. */
  needFor(...irs: unknown[]): void {
    for (const d of depsOf(...irs)) this.need(d);
  }

  /** Whether every node applies and its score (the layout reads them all). */
  needTree(): void {
    for (const n of [...this.p.indicators, ...this.p.groups]) { this.need(`A${nodeId(n)}`); this.need(`S${nodeId(n)}`); }
  }

  private need(key: string): void {
    if (this.done.has(key)) return;
    if (this.busy.has(key)) throw new Error(`cycle at ${key}`);
    this.busy.add(key);
    const kind = key[0], rest = key.slice(1);
    if (kind === 'L') this.letValue(Number(rest));
    else {
      const ref: NodeRef = { kind: rest[0] === 'I' ? 'indicator' : 'group', index: Number(rest.slice(1)) };
      if (kind === 'A') this.applies(nodeOf(this.p, ref)); else this.score(nodeOf(this.p, ref));
    }
    this.busy.delete(key); this.done.add(key);
  }

  private letValue(i: number): void {
    const e = this.e, l = this.p.lets[i];
    this.needFor(l.value);
    e.note(`let ${l.name} (line ${l.line})`);
    if (l.value.ty.k === 'num') { const [n, d] = e.num(l.value); e.line(`lN${i} = ${n}; lD${i} = ${d};`); }
    else e.line(`lV${i} = ${e.val(l.value)};`);
  }

  /** a${k}: its parent group applies and each of its conditions holds, in order. */
  private applies(n: NodeIR): void {
    const e = this.e, k = nodeId(n);
    if (n.parent !== undefined) this.need(`AG${n.parent}`);
    this.needFor(n.conds);
    e.note(`applies: ${nodeNote(n)}`);
    e.line(`a${k} = ${n.parent !== undefined ? `aG${n.parent}` : 'true'};`);
    for (const c of n.conds) e.block(`if (a${k})`, () => e.line(`a${k} = ${e.val(c)} === true;`));
  }

  private score(n: NodeIR): void {
    const k = nodeId(n);
    this.need(`A${k}`);
    if (n.kind === 'indicator') this.needFor(n.value, n.range); else this.needFor(this.shareDeps(n));
    this.e.note(nodeNote(n));
    this.e.block(`if (a${k})`, () => (n.kind === 'indicator' ? indicatorScore(this.e, n, k) : groupScore(this.p, this.e, n, k)));
  }

  /** What a group's score reads: its children's share conditions and scores, all the way down. */
  private shareDeps(n: NodeIR): unknown[] {
    return [n.share.cases?.map((c) => c.cond), ...(n.children ?? []).flatMap((c) => [...this.shareDeps(nodeOf(this.p, c)), { op: 'Node', kind: c.kind, index: c.index }])];
  }
}

/** An indicator's score: its value within its range (0–100 without one). */
function indicatorScore(e: Emitter, n: NodeIR, k: string): void {
  const v = e.num(n.value!);
  let lo: [string, string] = ['0', '1'], hi: [string, string] = ['100', '1'];
  if (n.range) { lo = e.num(n.range.lo); hi = e.num(n.range.hi); }
  const t = e.tmp('k');
  const [vn, vd] = e.pick('min', e.pick('max', v, lo, `${t}a`), hi, t); // Rational.min(Rational.max(v, lo), hi)
  e.line(`sN${k} = ${vn}; sD${k} = ${vd};`);
}

/** A group's score: its applicable children's scores weighted by their shares (subject.ts). */
function groupScore(p: ProgramIR, e: Emitter, n: NodeIR, k: string): void {
  const t = e.tmp('g');
  e.line(`let ${t}sn = 0, ${t}sd = 1, ${t}an = 0, ${t}ad = 1;`);
  for (const c of n.children!) {
    e.block(`if (a${nodeId(c)})`, () => {
      const [wn, wd] = emitShare(p, e, nodeOf(p, c));
      e.line(e.addTo(`${t}s`, wn, wd));
      e.line(`R.mul(sN${nodeId(c)}, sD${nodeId(c)}, ${wn}, ${wd}); ${e.addTo(`${t}a`, 'F.n', 'F.d')}`);
    });
  }
  e.line(`if (${t}sn === 0) R.bail('KH-E015');`);
  e.line(`R.div(${t}an, ${t}ad, ${t}sn, ${t}sd); sN${k} = F.n; sD${k} = F.d;`);
}

/** A node's share among its siblings, into locals (subject.ts share): its weight or points (the
 * first case whose condition holds), or without one the sum of its children's. */
export function emitShare(p: ProgramIR, e: Emitter, n: NodeIR): [string, string] {
  const t = e.tmp('w');
  if (n.share.kind !== 'none') {
    const v = n.share.value!;
    e.line(`let ${t}n = ${v.n}, ${t}d = ${v.d};`);
    const cases = n.share.cases ?? [];
    const go = (i: number): void => {
      if (i === cases.length) return;
      const c = e.val(cases[i].cond);
      e.block(`if (${c} === true)`, () => e.line(`${t}n = ${cases[i].value.n}; ${t}d = ${cases[i].value.d};`));
      e.block('else', () => go(i + 1));
    };
    go(0);
    return [`${t}n`, `${t}d`];
  }
  e.line(`let ${t}n = 0, ${t}d = 1;`);
  if (n.kind === 'indicator') return [`${t}n`, `${t}d`];
  for (const c of n.children!) {
    const add = () => { const [cn, cd] = emitShare(p, e, nodeOf(p, c)); e.line(e.addTo(t, cn, cd)); };
    if (n.normalize) e.block('', add); else e.block(`if (a${nodeId(c)})`, add);
  }
  return [`${t}n`, `${t}d`];
}
