// One period as the tables see it (issue 15): the facts of its final rounds (several rounds in one
// period are different units) merged into one set of columns, with the people outside the request's
// scope (a unit officer's units, `unit=`) left out. Rounds evaluated under different scheme versions
// are matched by name — indicators, groups, items, actions, grades — and their scaled integers are
// brought to the largest precision among them (× 10^(P − p), exact).

import { Indexer, itemKey } from './indexer.js';
import type { ActionFact, ItemFact, NodeFact, PeriodFacts, QuotaFact, RoundFacts } from './types.js';

/** An indicator or group column: scaled values (NaN = not applicable) and, for indicators, who has it
 * in `improve`. */
export interface NodeColumn {
  kind: 'indicator' | 'group';
  fact: NodeFact;
  values: Float64Array;
  below?: Uint8Array;
}

/** A count per unit (items, actions). */
export interface UnitCounts<T> { fact: T; perUnit: Int32Array }

/** A quota decision placed in the view: `unit` its unit (view index) or null when it belongs to the
 * whole batch (overall scope, or a cohort spanning units). */
export interface ViewQuota { fact: QuotaFact; unit: number | null }

export interface PeriodView {
  period: string;
  precision: number;
  /** Grade names, best first. */
  grades: string[];
  units: string[];
  /** Head count per unit. */
  size: Int32Array;
  subjects: string[];
  names: (string | null)[];
  unit: Int32Array;
  /** Index into `grades`, −1 for no grade. */
  grade: Int32Array;
  /** Scaled scores, NaN for none. */
  score: Float64Array;
  indicators: NodeColumn[];
  groups: NodeColumn[];
  items: UnitCounts<ItemFact>[];
  actions: UnitCounts<ActionFact>[];
  quotas: ViewQuota[];
  /** True when people were left out (scope or unit): whole-batch quotas then say nothing about them. */
  filtered: boolean;
  /** Passed through from the period's facts (the server's round list). */
  rounds: PeriodFacts['rounds'];
}

export interface ViewFilter { unit?: string; scope?: readonly string[] }

/** Does `unit` pass the filter? */
function keeps(filter: ViewFilter): (unit: string) => boolean {
  const scope = filter.scope ? new Set(filter.scope) : undefined;
  return (u) => (filter.unit === undefined || u === filter.unit) && (!scope || scope.has(u));
}

/** Copies the kept subjects' scaled values of one column to `out` from position `at`. */
function copyColumn(col: readonly (number | null)[], kept: Int32Array, out: Float64Array, at: number, scale: number): void {
  for (let k = 0; k < kept.length; k++) {
    const x = col[kept[k]!];
    if (x !== null && x !== undefined) out[at + k] = x * scale;
  }
}

/** For each (subject, entry) pair of a kept subject, its unit once per entry and subject (an item
 * fires at most once per person). Pairs come grouped by subject (factsOf writes them so). */
function countPairs(pairs: readonly number[], pos: Int32Array, map: readonly number[], out: number[][], unit: Int32Array): void {
  const last = new Int32Array(map.length).fill(-1);
  for (let x = 0; x < pairs.length; x += 2) {
    const p = pos[pairs[x]!]!, k = pairs[x + 1]!;
    if (p < 0 || last[k] === p) continue;
    last[k] = p;
    out[map[k]!]!.push(unit[p]!);
  }
}

/** Merges one period's facts under `filter`. */
export function viewOf(pf: PeriodFacts, filter: ViewFilter): PeriodView {
  const keep = keeps(filter);
  const all: readonly RoundFacts[] = pf.facts;
  const precision = Math.max(0, ...all.map((f) => f.scheme.precision));
  const grades = new Indexer<string>((g) => g);
  const units = new Indexer<string>((u) => u);
  const inds = new Indexer<NodeFact>((n) => n.name);
  const grps = new Indexer<NodeFact>((n) => n.name);
  const items = new Indexer<ItemFact>(itemKey);
  const actions = new Indexer<ActionFact>((a) => a.name);
  for (const f of all) {
    f.scheme.grades.forEach((g) => grades.of(g));
    f.scheme.indicators.forEach((n) => inds.of(n));
    f.scheme.groups.forEach((n) => grps.of(n));
    f.items.forEach((it) => items.of(it));
    f.actions.forEach((a) => actions.of(a));
  }
  // people kept, per facts: their positions in that facts' columns
  const kept = all.map((f) => {
    const ok = Uint8Array.from(f.units, (u) => (keep(u) ? 1 : 0));
    let m = 0;
    for (let i = 0; i < f.subjects.length; i++) m += ok[f.unit[i]!]!;
    const out = new Int32Array(m);
    for (let i = 0, k = 0; i < f.subjects.length; i++) if (ok[f.unit[i]!]) out[k++] = i;
    return out;
  });
  const total = kept.reduce((s, k) => s + k.length, 0);
  const improve = all.some((f) => f.scheme.improve !== null);
  const v: PeriodView = {
    period: pf.period, precision, grades: grades.list, units: units.list, size: new Int32Array(0),
    subjects: new Array(total), names: new Array(total), unit: new Int32Array(total), grade: new Int32Array(total),
    score: new Float64Array(total),
    indicators: inds.list.map((fact) => {
      const col: NodeColumn = { kind: 'indicator', fact, values: new Float64Array(total).fill(NaN) };
      if (improve) col.below = new Uint8Array(total);
      return col;
    }),
    groups: grps.list.map((fact) => ({ kind: 'group', fact, values: new Float64Array(total).fill(NaN) })),
    items: [], actions: [], quotas: [],
    filtered: filter.unit !== undefined || filter.scope !== undefined,
    rounds: pf.rounds,
  };
  const itemUnit: number[][] = items.list.map(() => []), actionUnit: number[][] = actions.list.map(() => []);
  let at = 0;
  all.forEach((f, fi) => {
    const scale = 10 ** (precision - f.scheme.precision);
    const unitMap = f.units.map((u) => (keep(u) ? units.of(u) : -1));
    const gradeMap = f.scheme.grades.map((g) => grades.index.get(g)!);
    const indMap = f.scheme.indicators.map((n) => inds.index.get(n.name)!);
    const grpMap = f.scheme.groups.map((n) => grps.index.get(n.name)!);
    const itemMap = f.items.map((it) => items.index.get(itemKey(it))!);
    const actionMap = f.actions.map((a) => actions.index.get(a.name)!);
    const pos = new Int32Array(f.subjects.length).fill(-1); // position in the view, −1: left out
    const first = at;
    // columns one at a time (column-major: each source array is read straight through)
    f.indicators.forEach((col, k) => copyColumn(col, kept[fi]!, v.indicators[indMap[k]!]!.values, first, scale));
    f.groups.forEach((col, k) => copyColumn(col, kept[fi]!, v.groups[grpMap[k]!]!.values, first, scale));
    for (const i of kept[fi]!) {
      pos[i] = at;
      const u = unitMap[f.unit[i]!]!;
      v.subjects[at] = f.subjects[i]!;
      v.names[at] = f.names[i] ?? null;
      v.unit[at] = u;
      const g = f.grade[i]!;
      v.grade[at] = g < 0 ? -1 : gradeMap[g]!;
      const s = f.score[i];
      v.score[at] = s === null || s === undefined ? NaN : s * scale;
      at++;
    }
    for (let x = 0; x < f.improve.length; x += 2) {
      const p = pos[f.improve[x]!]!;
      const below = v.indicators[indMap[f.improve[x + 1]!]!]!.below;
      if (p >= 0 && below) below[p] = 1;
    }
    countPairs(f.fired, pos, itemMap, itemUnit, v.unit);
    countPairs(f.acted, pos, actionMap, actionUnit, v.unit);
    for (const q of f.quotas) {
      if (q.scope === 'cohort' && q.unit !== null) {
        const u = unitMap[q.unit];
        if (u !== undefined && u >= 0) v.quotas.push({ fact: q, unit: u });
      } else if (!v.filtered) {
        v.quotas.push({ fact: q, unit: null });
      }
    }
  });
  const n = units.list.length;
  v.size = new Int32Array(n);
  for (let i = 0; i < total; i++) v.size[v.unit[i]!]!++;
  const counts = (us: number[]) => { const c = new Int32Array(n); for (const u of us) c[u]!++; return c; };
  v.items = items.list.map((fact, k) => ({ fact, perUnit: counts(itemUnit[k]!) }));
  v.actions = actions.list.map((fact, k) => ({ fact, perUnit: counts(actionUnit[k]!) }));
  return v;
}
