// Facts (issue 15): the compact summary of one stored revision that every statistic is computed
// from (types.ts says why they exist and their shape). Two steps:
//   schemeFactsOf(prepared)            — the scheme's tables, once per scheme version;
//   factsOf(result, roster, scheme)    — one CohortResult folded into columns of scaled integers.
//
// Scaling is exact: a reported value has the scheme's `precision` p decimals and is stored in the
// result as the double nearest that p-digit decimal d; d × 10^p is an integer N with |N| < 2^53 for any
// score kaohe reports, and the double product x × 10^p lies within one ulp of N (far less than ½), so
// Math.round(x × 10^p) === N. Everything later is integer or Rational arithmetic on N.

import type { Expr } from '../dsl/ast.js';
import type { CohortResult, PreparedScheme } from '../engine/api.js';
import { planOf } from '../engine/index.js';
import { Indexer, itemKey } from './indexer.js';
import type { ActionFact, ItemFact, NodeFact, QuotaFact, RoundFacts, SchemeFacts } from './types.js';

/** The scheme's tables for facts: indicators and groups in declaration order, grades best first,
 * items, actions, precision and the `improve` threshold. Reads the prepared scheme's compiled plan
 * for names and labels only (no closures are called). */
export function schemeFactsOf(prepared: PreparedScheme): SchemeFacts {
  const plan = planOf(prepared);
  const node = (n: { name: string; label?: string; parent?: { name: string } }): NodeFact =>
    ({ name: n.name, label: n.label ?? n.name, group: n.parent?.name ?? null });
  const items: ItemFact[] = [];
  for (const list of [...plan.negatives, ...plan.rewards]) {
    for (const it of list.items) items.push({ kind: list.kind, list: list.name, item: it.name, label: it.label ?? null });
  }
  const actions: ActionFact[] = plan.outcomes.actions.map((a) => ({ name: a.name, label: a.label ?? a.name }));
  const seen = new Set(actions.map((a) => a.name));
  for (const list of plan.negatives) {
    for (const it of list.items) {
      for (const e of it.effects) {
        if (e.kind === 'action' && !seen.has(e.name)) { seen.add(e.name); actions.push({ name: e.name, label: e.name }); }
      }
    }
  }
  return {
    id: plan.id, label: plan.label ?? null, version: plan.version ?? null, hash: plan.hash,
    precision: plan.precision,
    grades: plan.grades.map((g) => g.name),
    indicators: [...plan.indicators].sort((a, b) => a.span.start - b.span.start).map(node),
    groups: [...plan.groups].sort((a, b) => a.span.start - b.span.start).map(node),
    items, actions,
    improve: improveOf(plan.checked.scheme.decls, plan.file.text),
  };
}

/** The `improve below` threshold: its constant value (a number literal) and its text as written. */
function improveOf(decls: readonly { kind: string }[], text: string): SchemeFacts['improve'] {
  for (const d of decls) {
    if (d.kind !== 'Outcomes') continue;
    const imp = (d as { improve?: { below: Expr } }).improve;
    if (!imp) return null;
    const b = imp.below;
    const below = b.kind === 'Number' && !b.percent ? b.text : null;
    return { below, text: text.slice(b.span.start, b.span.end) };
  }
  return null;
}

/** A roster line: the subject's unit (null: use its cohort key). */
export interface RosterUnit { id: string; unit: string | null }

/** Reported value × 10^p as an exact integer (header: why Math.round is exact here). */
export function scaled(x: number, p: number): number {
  return Math.round(x * 10 ** p);
}

/** The display name of a result: `姓名`, else `name`, else null. */
function nameOf(display: Record<string, string> | undefined): string | null {
  return display?.['姓名'] ?? display?.['name'] ?? null;
}

/** Folds one cohort result into facts. `roster` gives each subject's unit (a subject missing from it,
 * or with a null unit, is in its cohort key's unit — `''` without `cohort by` — as the server's
 * subject_results do). Items and actions a result names that `scheme` does not declare are appended
 * to the tables, so facts never lose what happened. */
export function factsOf(result: CohortResult, roster: readonly RosterUnit[], scheme: SchemeFacts): RoundFacts {
  const p = scheme.precision;
  const unitOf = new Map(roster.map((r) => [r.id, r.unit]));
  const units = new Indexer<string>((u) => u);
  const gradeIx = new Map(scheme.grades.map((g, i) => [g, i]));
  const indIx = new Map(scheme.indicators.map((n, i) => [n.name, i]));
  const grpIx = new Map(scheme.groups.map((n, i) => [n.name, i]));
  const items = new Indexer<ItemFact>(itemKey, scheme.items);
  const actions = new Indexer<ActionFact>((a) => a.name, scheme.actions);
  const n = result.results.length;
  const f: RoundFacts = {
    format: 'kaohe.facts/1', scheme, period: result.period ?? null,
    subjects: new Array(n), names: new Array(n), units: units.list, unit: new Array(n), grade: new Array(n),
    score: new Array(n),
    indicators: scheme.indicators.map(() => new Array<number | null>(n).fill(null)),
    groups: scheme.groups.map(() => new Array<number | null>(n).fill(null)),
    improve: [], fired: [], acted: [],
    items: items.list, actions: actions.list, quotas: [],
  };
  const cohortUnits = new Map<string, Set<number>>();
  result.results.forEach((r, i) => {
    f.subjects[i] = r.subject;
    f.names[i] = nameOf(r.display);
    const u = units.of(unitOf.get(r.subject) ?? r.cohort);
    f.unit[i] = u;
    let cu = cohortUnits.get(r.cohort);
    if (!cu) cohortUnits.set(r.cohort, cu = new Set());
    cu.add(u);
    f.grade[i] = r.grade === null ? -1 : gradeIx.get(r.grade) ?? -1;
    f.score[i] = Number.isFinite(r.score) ? scaled(r.score, p) : null;
    for (const ind of r.indicators) {
      const k = indIx.get(ind.id);
      if (k !== undefined) f.indicators[k]![i] = scaled(ind.score, p);
    }
    for (const g of r.groups) {
      const k = grpIx.get(g.id);
      if (k !== undefined) f.groups[k]![i] = scaled(g.score, p);
    }
    for (const name of r.improve) {
      const k = indIx.get(name);
      if (k !== undefined) f.improve.push(i, k);
    }
    for (const x of r.negative) f.fired.push(i, items.of({ kind: 'negative', list: x.list, item: x.item, label: x.label ?? null }));
    for (const x of r.rewardItems) f.fired.push(i, items.of({ kind: 'reward', list: x.list, item: x.item, label: x.label ?? null }));
    for (const a of r.actions) f.acted.push(i, actions.of({ name: a, label: a }));
  });
  for (const c of result.cohorts) {
    const cu = cohortUnits.get(c.key);
    const unit = cu && cu.size === 1 ? [...cu][0]! : null;
    for (const q of c.quotas) f.quotas.push(quotaFact(c.key, q, q.scope === 'cohort' ? unit : null));
  }
  for (const q of result.overall?.quotas ?? []) f.quotas.push(quotaFact('', q, null));
  return f;
}

function quotaFact(cohort: string, q: CohortResult['cohorts'][number]['quotas'][number], unit: number | null): QuotaFact {
  return {
    cohort, scope: q.scope, grade: q.grade, limit: q.limit, base: q.base, admitted: q.admitted.length,
    normal: q.normal ?? null, unit,
  };
}
