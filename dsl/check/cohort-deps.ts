// What cohort aggregates (`overall max(x)`, issue 13) read and where they are read: the checker's
// cohort pass (passes/cohort-aggregates.ts) reports from it, and the engine stages them from it (an
// aggregate whose argument needs the score is computed after every subject's score, the others
// before any subject's main run). Dependencies are followed through the checker's `refs`: lets,
// indicators, groups (their members), adjust and tables; function bodies read no subject values.
// A reference cycle among those is KH-C030's; here it is only cut (`open`).

import type { CohortAgg, Decl, Expr, GroupDecl, Member, ParsedFile, Scheme } from '../ast.js';
import type { CheckedScheme, ResultName } from './types.js';
import { eachChild } from './walk.js';
import { hasKeyword, noKeywords } from '../ast-keywords.js';
import type { KeywordId } from '../keywords.js';

/** The result names a cohort aggregate's argument may need: they exist once the score does. */
export type ScoreResult = Extract<ResultName, 'score' | 'base' | 'rewards' | 'deductions'>;

/** A name on a dependency path: a declaration's name, or a cohort aggregate itself. */
export type PathStep = { name: string } | { agg: CohortAgg };

/** One cohort aggregate of a scheme. `result`: the first score/base/rewards/deductions its argument
 * reads (through lets, indicators …), with the path to it; absent when the argument needs none (then
 * it can be computed before any subject's score). */
export interface CohortSite {
  agg: CohortAgg;
  result?: { name: ScoreResult; written: string; path: PathStep[] };
}

interface Summary {
  /** The first result name reached, and the names passed through on the way. */
  result?: { name: ResultName; written: string; path: PathStep[] };
  /** Every cohort aggregate reached (not looking into their arguments), each with its first path. */
  aggs: Map<CohortAgg, PathStep[]>;
}

const EMPTY: Summary = { aggs: new Map() };

/** Dependency summaries of expressions and declarations, memoized per declaration. */
export class CohortDeps {
  private readonly memo = new Map<object, Summary>();
  private readonly open = new Set<object>();

  constructor(private readonly checked: Pick<CheckedScheme, 'refs'>) {}

  /** What `e` reads: result names and cohort aggregates (an aggregate's own argument is not looked into). */
  expr(e: Expr): Summary {
    const out: Summary = { aggs: new Map() };
    this.walk(e, out);
    return out;
  }

  /** The summary of an aggregate's argument (and P): what its per-subject values need. */
  argument(a: CohortAgg): Summary {
    const out = this.expr(a.arg);
    if (a.p) merge(out, this.expr(a.p), []);
    return out;
  }

  private walk(e: Expr, out: Summary): void {
    if (e.kind === 'CohortAgg') { if (!out.aggs.has(e)) out.aggs.set(e, []); return; }
    if (e.kind === 'Name') {
      const r = this.checked.refs.get(e);
      if (!r) return;
      if (r.kind === 'result') { out.result ??= { name: r.name, written: e.name, path: [] }; return; }
      if (r.kind === 'let' || r.kind === 'indicator' || r.kind === 'group' || r.kind === 'adjust' || r.kind === 'table') {
        merge(out, this.decl(r.decl), [{ name: r.name }]);
      }
      return;
    }
    eachChild(e, (c, o) => this.walk(c, o), out);
  }

  /** A let, indicator, group, adjust or table: what its expressions read. */
  private decl(d: Decl): Summary {
    const known = this.memo.get(d);
    if (known) return known;
    if (this.open.has(d)) return EMPTY; // a reference cycle: KH-C030
    this.open.add(d);
    const out: Summary = { aggs: new Map() };
    for (const e of declExprs(d)) this.walk(e, out);
    this.open.delete(d);
    this.memo.set(d, out);
    return out;
  }
}

function merge(into: Summary, from: Summary, prefix: PathStep[]): void {
  if (!into.result && from.result) into.result = { ...from.result, path: [...prefix, ...from.result.path] };
  for (const [a, p] of from.aggs) if (!into.aggs.has(a)) into.aggs.set(a, [...prefix, ...p]);
}

/** The expressions whose values a declaration's value is made of (what a reference to it reads). */
function declExprs(d: Decl): Expr[] {
  switch (d.kind) {
    case 'Let': case 'Adjust': return [d.value];
    case 'Table': return d.entries.map((x) => x.value);
    case 'Indicator': return indicatorExprs(d);
    case 'Group': return groupExprs(d);
    default: return [];
  }
}

function indicatorExprs(d: Member & { kind: 'Indicator' }): Expr[] {
  const out = [d.value, ...(d.share?.cases ?? []).map((c) => c.cond)];
  if (d.range) out.push(d.range.lo, d.range.hi);
  return out;
}

function groupExprs(g: GroupDecl): Expr[] {
  const out: Expr[] = (g.share?.cases ?? []).map((c) => c.cond);
  const add = (ms: readonly Member[]): void => {
    for (const m of ms) {
      if (m.kind === 'When') { out.push(m.cond); add(m.members); } else if (m.kind === 'Indicator') out.push(...indicatorExprs(m));
      else { out.push(...(m.share?.cases ?? []).map((c) => c.cond)); add(m.members); }
    }
  };
  add(g.members);
  return out;
}

/** Every cohort aggregate in `e` (not inside another's argument: those are KH-C120's). */
export function aggregatesIn(e: Expr, out: CohortAgg[] = []): CohortAgg[] {
  if (e.kind === 'CohortAgg') { out.push(e); return out; }
  eachChild(e, aggregatesIn, out);
  return out;
}

/** Every cohort aggregate of the scheme, in source order, including any inside another's argument. */
export function allAggregates(scheme: Scheme): CohortAgg[] {
  const out: CohortAgg[] = [];
  const visit = (e: Expr): void => { if (e.kind === 'CohortAgg') out.push(e); eachChild(e, visit, undefined); };
  for (const e of schemeExprs(scheme)) visit(e);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** False when the file holds no cohort aggregate, so that the walk of allAggregates can be skipped
 * (it visits every expression: 12 ms of a 10k-indicator check). Each aggregate begins with the
 * keyword `overall` or `cohort` (全体, 本组), and the lexer lists every keyword of the file — except
 * past its error limit, where the list is empty and this answers true. */
export function mayHoldAggregates(parsed: ParsedFile): boolean {
  return noKeywords(parsed) || hasKeyword(parsed, AGGREGATE_KEYWORDS);
}
const AGGREGATE_KEYWORDS: readonly KeywordId[] = ['overall', 'cohort'];

/** Every top-level expression of the scheme (each once), in no particular order. */
export function schemeExprs(scheme: Scheme): Expr[] {
  const out: Expr[] = [];
  const members = (ms: readonly Member[]): void => {
    for (const m of ms) {
      if (m.kind === 'When') { out.push(m.cond); members(m.members); continue; }
      for (const c of m.share?.cases ?? []) out.push(c.cond);
      if (m.kind === 'Indicator') { out.push(m.value); if (m.range) out.push(m.range.lo, m.range.hi); } else members(m.members);
    }
  };
  for (const d of scheme.decls) {
    switch (d.kind) {
      case 'Setting': if (d.key === 'cohortBy' || d.key === 'rankBy') out.push(d.value); break;
      case 'Table': for (const x of d.entries) out.push(x.value); break;
      case 'Scale': for (const t of d.tiers) out.push(...t.values); break;
      case 'Input': for (const f of d.fields) out.push(...fieldExprs(f)); break;
      case 'Function': out.push(d.body); break;
      case 'Let': case 'Adjust': out.push(d.value); break;
      case 'Indicator': case 'Group': case 'When': members([d]); break;
      case 'Negative': case 'Reward':
        if (d.max) out.push(d.max);
        for (const it of d.items) {
          out.push(it.when);
          for (const ef of it.effects) if (ef.kind === 'deduct' || ef.kind === 'add') out.push(ef.amount, ...[ef.per, ef.max].filter((x): x is Expr => !!x));
        }
        break;
      case 'Grades':
        for (const t of d.tiebreak) out.push(t.key);
        for (const g of d.grades) if (g.when) out.push(g.when);
        break;
      case 'Outcomes':
        for (const b of d.bonus?.entries ?? []) out.push(b.value);
        for (const a of d.actions) out.push(a.when);
        if (d.improve) out.push(d.improve.below);
        break;
      case 'Example':
        out.push(d.given, ...d.expects);
        for (const s of d.subjects ?? []) { out.push(s.given); if (s.decision) out.push(s.decision); }
        break;
      default: break;
    }
  }
  return out;
}

/** An input or record field's default and constraint bounds, and those of the fields inside its type. */
export function fieldExprs(f: { type: import('../ast.js').TypeExpr; default?: Expr }): Expr[] {
  const out: Expr[] = f.default ? [f.default] : [];
  const type = (t: import('../ast.js').TypeExpr): void => {
    if (t.kind === 'PrimType' || t.kind === 'NamedType') {
      const k = t.constraint;
      if (k) { if (k.kind === 'Range') out.push(k.lo, k.hi); else out.push(k.value); }
      if (t.oneOf?.kind === 'Set') out.push(...t.oneOf.values);
    } else if (t.kind === 'ListType') type(t.element);
    else if (t.kind === 'RecordType') for (const x of t.fields) out.push(...fieldExprs(x));
  };
  type(f.type);
  return out;
}

/** Every cohort aggregate of a checked scheme, in source order, with what its argument needs — for the
 * engine's staging: `result` absent = computable before any subject's score (pre-phase); present =
 * after every subject's score, before grades. Aggregates the checker rejected (KH-C120 …) are listed
 * too; a scheme with errors is not evaluated. */
export function cohortSites(checked: Pick<CheckedScheme, 'scheme' | 'refs'>): CohortSite[] {
  const aggs = allAggregates(checked.scheme);
  if (aggs.length === 0) return [];
  const deps = new CohortDeps(checked);
  return aggs.map((agg) => {
    const r = deps.argument(agg).result;
    return r && isScoreResult(r.name) ? { agg, result: { name: r.name, written: r.written, path: r.path } } : { agg };
  });
}

export function isScoreResult(n: ResultName): n is ScoreResult {
  return n === 'score' || n === 'base' || n === 'rewards' || n === 'deductions';
}
