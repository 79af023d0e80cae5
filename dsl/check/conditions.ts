// Conditions as formulas over a finite domain: each enum or bool input a `when` (or guard) tests is
// a variable with its members (false/true) as values; `岗位 == 行政执法`, `职级 >= 一级主任科员`,
// `岗位 in {…}` and bool inputs become atoms; lets are inlined. Anything else (numbers, text) is an
// *opaque* atom — a free boolean keyed by its source text (with `<=`/`<`/`!=` folded into the
// negation of `>`/`>=`/`==` so `x > 5` and `x <= 5` are one atom) — and makes a proof non-exhaustive.
// The weight proof, reachability and applicability checks all evaluate these formulas.

import type { CompareOp, Expr, LetDecl, NameRef } from '../ast.js';
import { compareHolds, flip, isCompareOp, negate } from '../ops.js';
import type { CheckContext } from './context.js';

export interface Var { label: string; values: string[]; opaque: boolean }

export type Formula =
  | { k: 'const'; v: boolean }
  | { k: 'atom'; v: number; allowed: boolean[] }
  | { k: 'and' | 'or'; parts: Formula[] }
  | { k: 'not'; f: Formula };

const TRUE: Formula = { k: 'const', v: true };
const FALSE: Formula = { k: 'const', v: false };

type Term = { var: number } | { value: string } | undefined;

export class Domain {
  readonly vars: Var[] = [];
  /** Variables by input name and by opaque text (looked up before a Var is made). */
  private inputs = new Map<string, number>();
  private opaques = new Map<string, number>();
  private cache = new Map<Expr, Formula>();
  private inlining = new Set<LetDecl>();
  private ids = new Map<Expr, number>();

  constructor(private ctx: CheckContext) {}

  /** The parse reported no error: no condition holds an Error node (proof.ts skips that test). */
  get complete(): boolean { return this.ctx.complete; }

  /** A number per condition node, for keys of condition lists (the proof merges items by them). */
  idOf(e: Expr): number {
    let i = this.ids.get(e);
    if (i === undefined) { i = this.ids.size; this.ids.set(e, i); }
    return i;
  }

  private add(byKey: Map<string, number>, key: string, v: Var): number {
    const i = this.vars.length;
    this.vars.push(v);
    byKey.set(key, i);
    return i;
  }

  /** The formula of a condition (memoized by node). */
  compile(e: Expr): Formula {
    let f = this.cache.get(e);
    if (!f) { f = this.build(e); this.cache.set(e, f); }
    return f;
  }

  and(parts: Formula[]): Formula { return combine('and', parts); }

  private build(e: Expr): Formula {
    switch (e.kind) {
      case 'Bool': return e.value ? TRUE : FALSE;
      case 'Unary': if (e.op === 'not') return not(this.compile(e.operand)); break;
      case 'Binary':
        if (e.op === 'and' || e.op === 'or') return combine(e.op, [this.compile(e.left), this.compile(e.right)]);
        if (isCompareOp(e.op)) {
          const f = this.compare(e.op, this.term(e.left), this.term(e.right));
          if (f) return f;
        }
        break;
      case 'In': {
        const v = this.term(e.value);
        if (v && 'var' in v && !e.of) {
          const items = e.set.map((x) => this.term(x));
          if (items.every((x) => x && 'value' in x)) {
            const allowed = this.vars[v.var].values.map((val) => items.some((x) => (x as { value: string }).value === val));
            return { k: 'atom', v: v.var, allowed };
          }
        }
        break;
      }
      case 'Name': {
        const t = this.term(e);
        if (t && 'var' in t && this.vars[t.var].values.length === 2 && this.vars[t.var].values[1] === 'true') {
          return { k: 'atom', v: t.var, allowed: [false, true] };
        }
        const let_ = this.letOf(e);
        if (let_ && !this.inlining.has(let_)) {
          this.inlining.add(let_);
          const f = this.compile(let_.value);
          this.inlining.delete(let_);
          return f;
        }
        break;
      }
      default: break;
    }
    return this.opaque(e);
  }

  private letOf(e: NameRef): LetDecl | undefined {
    const r = this.ctx.refs.get(e);
    return r?.kind === 'let' ? r.decl : undefined;
  }

  /** A finite variable (enum/bool input, or a let that is one) or a constant member/bool. */
  private term(e: Expr): Term {
    if (e.kind === 'Bool') return { value: String(e.value) };
    if (e.kind !== 'Name') return undefined;
    const r = this.ctx.refs.get(e);
    if (!r) return undefined;
    if (r.kind === 'member' || r.kind === 'grade') return { value: r.name };
    if (r.kind === 'input') {
      const t = this.ctx.typeExprs.get(r.decl.type);
      if (t?.kind === 'bool') {
        return { var: this.inputs.get(r.name) ?? this.add(this.inputs, r.name, { label: r.name, values: ['false', 'true'], opaque: false }) };
      }
      if (t?.kind === 'enum') {
        const d = this.ctx.symbols.enums.get(t.name);
        if (d) return { var: this.inputs.get(r.name) ?? this.add(this.inputs, r.name, { label: r.name, values: d.members.map((m) => m.name.name), opaque: false }) };
      }
      return undefined;
    }
    if (r.kind === 'let' && !this.inlining.has(r.decl)) {
      this.inlining.add(r.decl);
      const t = this.term(r.decl.value);
      this.inlining.delete(r.decl);
      return t;
    }
    return undefined;
  }

  private compare(op: CompareOp, l: Term, r: Term): Formula | undefined {
    if (!l || !r) return undefined;
    if ('value' in l && 'value' in r) {
      if (op === '==') return l.value === r.value ? TRUE : FALSE;
      if (op === '!=') return l.value !== r.value ? TRUE : FALSE;
      return undefined;
    }
    if ('var' in l && 'var' in r) {
      if (l.var !== r.var || (op !== '==' && op !== '!=')) return undefined;
      return compareHolds(op, 0) ? TRUE : FALSE; // `x == x` holds, `x != x` does not
    }
    const left = 'var' in l;
    const v = left ? l.var : (r as { var: number }).var;
    const c = left ? (r as { value: string }).value : (l as { value: string }).value;
    const o = left ? op : flip(op);
    const values = this.vars[v].values;
    const at = values.indexOf(c);
    if (at < 0) return undefined;
    const allowed = new Array<boolean>(values.length);
    for (let i = 0; i < values.length; i++) {
      allowed[i] = compareHolds(o, i - at); // members in declaration order
    }
    return { k: 'atom', v, allowed };
  }

  private opaque(e: Expr): Formula {
    let negated = false;
    let text = this.ctx.file.slice(e.span).replace(/\s+/g, ' ');
    if (e.kind === 'Binary' && (e.op === '!=' || e.op === '<' || e.op === '<=')) {
      negated = true;
      const l = this.ctx.file.slice(e.left.span), r = this.ctx.file.slice(e.right.span);
      text = `${l} ${negate(e.op)} ${r}`.replace(/\s+/g, ' ');
    }
    const v = this.opaques.get(text) ?? this.add(this.opaques, text, { label: text, values: ['false', 'true'], opaque: true });
    const f: Formula = { k: 'atom', v, allowed: [false, true] };
    return negated ? not(f) : f;
  }
}

export function not(f: Formula): Formula {
  if (f.k === 'const') return f.v ? FALSE : TRUE;
  if (f.k === 'atom') return { k: 'atom', v: f.v, allowed: f.allowed.map((x) => !x) };
  if (f.k === 'not') return f.f;
  return { k: 'not', f };
}

function combine(k: 'and' | 'or', parts: Formula[]): Formula {
  const out: Formula[] = [];
  for (const p of parts) {
    if (p.k === 'const') { if (p.v === (k === 'or')) return p; continue; }
    if (p.k === k) out.push(...p.parts); else out.push(p);
  }
  if (out.length === 0) return k === 'and' ? TRUE : FALSE;
  return out.length === 1 ? out[0] : { k, parts: out };
}

/** Top-level conjuncts of a formula. */
export function conjuncts(f: Formula): Formula[] {
  return f.k === 'and' ? f.parts : f.k === 'const' && f.v ? [] : [f];
}

export function varsOf(f: Formula, out = new Set<number>()): Set<number> {
  if (f.k === 'atom') out.add(f.v);
  else if (f.k === 'and' || f.k === 'or') for (const p of f.parts) varsOf(p, out);
  else if (f.k === 'not') varsOf(f.f, out);
  return out;
}

export function holds(f: Formula, a: Int32Array): boolean {
  switch (f.k) {
    case 'const': return f.v;
    case 'atom': return f.allowed[a[f.v]];
    case 'and': for (const p of f.parts) if (!holds(p, a)) return false; return true;
    case 'or': for (const p of f.parts) if (holds(p, a)) return true; return false;
    case 'not': return !holds(f.f, a);
  }
}

const ENUMERATION_LIMIT = 1 << 16;

/** Calls `cb` for every assignment of `vars` (other entries of the array are left alone); stops
 * early when `cb` returns false. Returns false if the product exceeds `limit` (nothing enumerated). */
export function enumerate(dom: Domain, vars: number[], a: Int32Array, cb: () => boolean | void, limit = ENUMERATION_LIMIT): boolean {
  let size = 1;
  for (const v of vars) { size *= dom.vars[v].values.length; if (size > limit) return false; }
  for (const v of vars) a[v] = 0;
  for (;;) {
    if (cb() === false) return true;
    let i = 0;
    for (; i < vars.length; i++) {
      const v = vars[i];
      if (++a[v] < dom.vars[v].values.length) break;
      a[v] = 0;
    }
    if (i === vars.length) return true;
  }
}

/** Whether the conjunction of `fs` can hold (opaque atoms are free). Undefined if too large to tell. */
export function satisfiable(dom: Domain, fs: Formula[]): boolean | undefined {
  const parts: Formula[] = [];
  let atoms = true;
  for (const f of fs) {
    for (const p of conjuncts(f)) {
      if (p.k === 'const' && !p.v) return false;
      if (p.k !== 'atom') atoms = false;
      parts.push(p);
    }
  }
  if (atoms) return atomsSatisfiable(dom, parts as Atom[]);
  for (const comp of components(parts.map((p) => varsOf(p)))) {
    const fsIn = comp.members.map((i) => parts[i]);
    const a = new Int32Array(dom.vars.length);
    let found = false;
    const ok = enumerate(dom, comp.vars, a, () => { if (fsIn.every((f) => holds(f, a))) { found = true; return false; } });
    if (!ok) return undefined;
    if (!found) return false;
  }
  return true;
}

type Atom = Extract<Formula, { k: 'atom' }>;

/** `satisfiable` for a conjunction of atoms (the usual `when` blocks): each variable is its own
 * component, so the answer is whether every variable has a value all its atoms allow — the same
 * verdict, in the same component order, as enumerating, without building the components. */
function atomsSatisfiable(dom: Domain, atoms: Atom[]): boolean | undefined {
  for (let i = 0; i < atoms.length; i++) {
    const v = atoms[i].v;
    let first = true;
    for (let j = 0; j < i && first; j++) if (atoms[j].v === v) first = false;
    if (!first) continue; // this variable was decided at its first atom
    const n = dom.vars[v].values.length;
    if (n > ENUMERATION_LIMIT) return undefined;
    let found = false;
    for (let x = 0; x < n && !found; x++) {
      found = true;
      for (let j = i; j < atoms.length && found; j++) if (atoms[j].v === v && !atoms[j].allowed[x]) found = false;
    }
    if (!found) return false;
  }
  return true;
}

/** Groups items (given by their variable sets) into connected components of shared variables.
 * Components come in the order their first variable appears; vars ascending, members in order. */
export function components(varSets: Set<number>[]): { vars: number[]; members: number[] }[] {
  // Union-find over slots (a slot per variable, in order of first appearance): plain arrays and no
  // closures, since the weight proof calls this for every sibling set.
  const slotOf = new Map<number, number>();
  const order: number[] = [], parent: number[] = [];
  for (const s of varSets) {
    let first = -1;
    for (const v of s) {
      let i = slotOf.get(v);
      if (i === undefined) { i = order.length; slotOf.set(v, i); order.push(v); parent.push(i); }
      if (first < 0) first = i; else parent[find(parent, i)] = find(parent, first);
    }
  }
  const out: { vars: number[]; members: number[] }[] = [];
  const compOf = new Array<number>(order.length).fill(-1); // root slot → index in `out`
  for (let i = 0; i < order.length; i++) {
    const r = find(parent, i);
    if (compOf[r] < 0) { compOf[r] = out.length; out.push({ vars: [], members: [] }); }
    out[compOf[r]].vars.push(order[i]);
  }
  for (let i = 0; i < varSets.length; i++) {
    const first = varSets[i].values().next();
    if (!first.done) out[compOf[find(parent, slotOf.get(first.value)!)]].members.push(i);
  }
  for (const c of out) c.vars.sort((x, y) => x - y);
  return out;
}

function find(parent: number[], x: number): number {
  while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
  return x;
}

const domains = new WeakMap<CheckContext, Domain>();
/** The one Domain of a check run, shared by the passes so variables and formulas are built once. */
export function domainOf(ctx: CheckContext): Domain {
  let d = domains.get(ctx);
  if (!d) { d = new Domain(ctx); domains.set(ctx, d); }
  return d;
}
