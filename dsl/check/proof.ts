// The sum proof behind the weight and points checks: for every combination of the finite variables
// the conditions test, the values of the applicable items must sum to `target`.
//
// Never the full cartesian product: items with the same conditions are merged, and variables are
// split into connected components (two variables are connected when one condition — of an item or of
// the context — tests both). Components are independent, so the sum is constant for every combination
// iff each component's partial sum is constant on its own feasible assignments; each component is
// enumerated alone (a few members × a few members), which keeps 10k-indicator schemes linear.

import type { Expr } from '../ast.js';
import type { Msg } from '../i18n/index.js';
import { Rational } from '../rational.js';
import { components, conjuncts, enumerate, holds, varsOf, type Domain, type Formula } from './conditions.js';
import { code, KW, M, names } from './messages.js';
import { visit } from './walk.js';

export interface SumItem { conds: readonly Expr[]; value: Rational }

/** `combination`: the values of the variables (`岗位=综合管理`, `领导职务=true`), one message each;
 * empty when the sum is the same for every subject. */
export interface SumFailure { combination: Msg[]; sum: Rational }
export type ProofResult =
  | { kind: 'ok' }
  | { kind: 'unreachable' }
  | { kind: 'failures'; failures: SumFailure[]; more: number }
  /** Opaque conditions or too many combinations; `failures` are only what the free-boolean reading suggests. */
  | { kind: 'inexhaustive'; reason: Msg; failures: SumFailure[] };

const MAX_REPORTS = 10;

interface Merged { formula: Formula; value: Rational; vars: Set<number> }

/** Whether `e` holds a piece the parser could not read (an Error node): its syntax error is reported,
 * and a proof over it would only quote the broken text (`` `then` is not a test … ``). Cached. */
const broken = new WeakMap<Expr, boolean>();
function isBroken(e: Expr): boolean {
  let b = broken.get(e);
  if (b === undefined) {
    b = false;
    visit(e, (x) => { if (x.kind === 'Error') b = true; });
    broken.set(e, b);
  }
  return b;
}

/** Whether a condition of some item is broken; siblings share their conditions array, tested once. */
function someBroken(items: readonly SumItem[]): boolean {
  let last: readonly Expr[] | undefined;
  for (const it of items) {
    if (it.conds === last) continue;
    last = it.conds;
    if (it.conds.some(isBroken)) return true;
  }
  return false;
}

export function proveSum(dom: Domain, items: readonly SumItem[], context: readonly Expr[], target: Rational): ProofResult {
  // after a syntax error; a parse without errors has no Error node, and the test is skipped
  if (!dom.complete && (context.some(isBroken) || someBroken(items))) return { kind: 'ok' };
  // Merge items by their condition list; conditions arrays are shared by siblings in one when-block.
  const byArray = new Map<readonly Expr[], Merged>();
  const byKey = new Map<string, Merged>();
  let last: Merged | undefined, lastConds: readonly Expr[] | undefined;
  for (const it of items) {
    // Siblings in one when-block come one after another: most items need no lookup.
    let m = it.conds === lastConds ? last : byArray.get(it.conds);
    if (!m) {
      const key = condsKey(dom, it.conds);
      m = byKey.get(key);
      if (!m) {
        const formula = dom.and(it.conds.map((c) => dom.compile(c)));
        m = { formula, value: Rational.ZERO, vars: varsOf(formula) };
        byKey.set(key, m);
      }
      byArray.set(it.conds, m);
    }
    last = m; lastConds = it.conds;
    m.value = m.value === Rational.ZERO ? it.value : m.value.add(it.value); // 0 + x is x: one BigInt sum less
  }
  const ctxParts = context.flatMap((c) => conjuncts(dom.compile(c)));
  if (ctxParts.some((p) => p.k === 'const' && !p.v)) return { kind: 'unreachable' };
  let base = Rational.ZERO;
  const merged: Merged[] = [];
  for (const m of byKey.values()) {
    if (m.vars.size > 0) merged.push(m);
    else if (m.formula.k === 'const' && m.formula.v) base = base.add(m.value);
  }
  // Components over items and context conjuncts together (context restricts the feasible set).
  const sets = [...merged.map((m) => m.vars), ...ctxParts.map((p) => varsOf(p))];
  const comps = components(sets);
  const a = new Int32Array(dom.vars.length);
  const opaque: string[] = [];
  interface Bucket { value: Rational; count: number; examples: number[][] }
  /** `example`: an assignment giving the `mode` sum; `rep` labels it, built only when a message needs it. */
  interface Comp { vars: number[]; values: Bucket[]; mode?: Rational; example?: number[]; rep?: string }
  const done: Comp[] = [];
  for (const c of comps) {
    const its: Merged[] = [], cps: Formula[] = [];
    for (const i of c.members) { if (i < merged.length) its.push(merged[i]); else cps.push(ctxParts[i - merged.length]); }
    const comp: Comp = { vars: c.vars, values: [] };
    let feasible = false;
    const ok = enumerate(dom, c.vars, a, () => {
      for (const p of cps) if (!holds(p, a)) return;
      feasible = true;
      if (its.length === 0) return false; // context-only component: feasibility is all we need
      let s: Rational | undefined; // 0 + x is x: the first term needs no BigInt sum
      for (const m of its) if (holds(m.formula, a)) s = s ? s.add(m.value) : m.value;
      s ??= Rational.ZERO;
      // Few distinct sums per component: a linear scan beats hashing, and labels are built lazily.
      let e: Bucket | undefined;
      for (const b of comp.values) if (b.value.eq(s)) { e = b; break; }
      if (!e) { e = { value: s, count: 0, examples: [] }; comp.values.push(e); }
      e.count++;
      if (e.examples.length < MAX_REPORTS) e.examples.push(c.vars.map((v) => a[v]));
    });
    if (!ok) return { kind: 'inexhaustive', reason: M.tooManyCombinations({ vars: names(c.vars.map((v) => dom.vars[v].label)) }), failures: [] };
    if (!feasible) return { kind: 'unreachable' };
    if (its.length === 0) continue;
    for (const v of c.vars) if (dom.vars[v].opaque) opaque.push(dom.vars[v].label);
    let best: Bucket | undefined;
    for (const e of comp.values) if (!best || e.count > best.count) best = e;
    comp.mode = best!.value;
    comp.example = best!.examples[0];
    done.push(comp);
  }
  let total = base;
  for (const c of done) total = total === Rational.ZERO ? c.mode! : total.add(c.mode!);
  const failures: SumFailure[] = [];
  let more = 0;
  const varying = done.filter((c) => c.values.length > 1);
  const seen = new Set<string>();
  for (const c of varying) {
    for (const e of c.values) {
      const sum = total.sub(c.mode!).add(e.value);
      if (sum.eq(target)) continue;
      for (const ex of e.examples) {
        // One combination in the components' order whichever component varies, so the same
        // combination reached from two components is reported once and reads the same.
        const parts = varying.map((o): [Comp, number[]] => [o, o === c ? ex : o.example!]);
        const key = parts.map(([o, values]) => (o === c ? label(dom, o.vars, values) : repOf(dom, o))).join(', ');
        if (seen.has(key)) continue;
        seen.add(key);
        if (failures.length < MAX_REPORTS) {
          failures.push({ combination: parts.flatMap(([o, values]) => labelMsgs(dom, o.vars, values)), sum });
        } else more++;
      }
      more += e.count - e.examples.length;
    }
  }
  if (varying.length === 0 && !total.eq(target)) failures.push({ combination: [], sum: total });
  if (opaque.length > 0) {
    const reason = M.notEnumTests({ tests: [...new Set(opaque)].map(code), n: opaque.length });
    return { kind: 'inexhaustive', reason, failures };
  }
  return failures.length === 0 ? { kind: 'ok' } : { kind: 'failures', failures, more };
}

/** The key of a list of conditions: their nodes' numbers (`3,17`). */
function condsKey(dom: Domain, conds: readonly Expr[]): string {
  if (conds.length === 0) return '';
  let key = String(dom.idOf(conds[0]));
  for (let i = 1; i < conds.length; i++) key += ',' + dom.idOf(conds[i]);
  return key;
}

function repOf(dom: Domain, c: { vars: number[]; example?: number[]; rep?: string }): string {
  return (c.rep ??= label(dom, c.vars, c.example!));
}

function label(dom: Domain, vars: number[], values: number[]): string {
  return vars.map((v, i) => `${dom.vars[v].label}=${dom.vars[v].values[values[i]]}`).join(', ');
}

/** `label`'s parts as messages: a yes/no variable's value is `true`/`false` (是/否 in Chinese). */
function labelMsgs(dom: Domain, vars: number[], values: number[]): Msg[] {
  return vars.map((v, i) => {
    const x = dom.vars[v], value = x.values[values[i]];
    const yesNo = x.values.length === 2 && x.values[0] === 'false' && x.values[1] === 'true';
    const shown = yesNo ? (value === 'true' ? KW.true() : KW.false()) : value;
    return x.opaque ? M.assignTest({ test: x.label, value: shown }) : M.assign({ name: x.label, value: shown });
  });
}
