// One changed person side by side: the indicator and group rows whose numbers differ, the negative
// and reward items that fired on either side where the two differ (with the line each side declares
// them at), the grade reasons of both sides, the quota notes and the crossing in words — and which
// changed declarations touched them (rules.ts): an indicator or group whose numbers moved and the
// lets, tables and functions it reads, an item that fired on either side, the grades held, the
// actions gained or lost, the bonus, and the scheme-wide settings. Built only for the people of the
// page asked for: a 10,000-person round lists its changes cheaply and details a hundred.

import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import type { CohortMemberResult, CohortResult, GroupResult, IndicatorResult } from '../engine/api.js';
import { W } from './messages.js';
import { readsClosure, ruleKey, ruleTitle, type RuleIndex } from './rules.js';
import { actionWords, crossing, crossingCause, crossingWords, type Moved, type Pair } from './standings.js';
import { S } from './standings-messages.js';
import type { ItemRow, ItemSide, NodeRow, NodeSide, PersonChange, RuleChange, RuleKind, RuleRef, WhatIfWhy } from './types.js';

export interface PersonContext {
  /** `movers`: the pairs whose score differs, asked for only when a quota crossing needs a cause. */
  previous: CohortResult; next: CohortResult; movers: () => readonly Pair[];
  grades: readonly string[]; lang: Locale;
  /** Decimal places of scores in the words (87.50, not 87.5). */
  precision?: number;
  /** A subject's unit and display name, given where it is listed in `next` (subjects.ts). */
  unitOf: (subject: string, at: number) => string | null | undefined; nameOf: (subject: string, at: number) => string | undefined;
  /** The rule diff and both sources' units; absent without the round's version source. */
  rules?: { changes: RuleChange[]; before: RuleIndex; after: RuleIndex };
}

const SEPARATOR: Record<Locale, string> = { en: '; ', zh: '；' };

const nodeSide = (n: IndicatorResult | GroupResult): NodeSide => ({ label: n.label, weight: n.weight, score: n.score, points: n.points });

const sameNode = (a?: NodeSide, b?: NodeSide) =>
  a !== undefined && b !== undefined && a.label === b.label && a.weight === b.weight && a.score === b.score && a.points === b.points;

/** The rows of `before` and `after` (by id) that differ, in the simulated order, then those gone. */
function nodeRows(before: readonly (IndicatorResult | GroupResult)[], after: readonly (IndicatorResult | GroupResult)[]): NodeRow[] {
  const was = new Map(before.map((n) => [n.id, nodeSide(n)]));
  const rows: NodeRow[] = [];
  for (const n of after) {
    const b = was.get(n.id);
    const a = nodeSide(n);
    was.delete(n.id);
    if (!sameNode(b, a)) rows.push({ name: n.id, ...(b && { before: b }), after: a });
  }
  for (const [name, b] of was) rows.push({ name, before: b });
  return rows;
}

const lineOf = (at: string | undefined): number | undefined => {
  const m = at && /(\d+)/.exec(at);
  return m ? Number(m[1]) : undefined;
};

function itemSides(r: CohortMemberResult, index: RuleIndex | undefined): Map<string, { kind: 'negative' | 'reward'; list: string; item: string; side: ItemSide }> {
  const out = new Map<string, { kind: 'negative' | 'reward'; list: string; item: string; side: ItemSide }>();
  for (const n of r.negative) {
    out.set(`n\u0000${n.list}.${n.item}`, { kind: 'negative', list: n.list, item: n.item, side: { at: n.at, line: lineOf(n.at)!, ...(n.label !== undefined && { label: n.label }), effects: n.effects } });
  }
  for (const w of r.rewardItems) {
    const u = index?.units.get(ruleKey('item', `${w.list}.${w.item}`));
    const line = u ? index!.file.position(u.span.start).line : undefined;
    out.set(`r\u0000${w.list}.${w.item}`, { kind: 'reward', list: w.list, item: w.item, side: { ...(line !== undefined && { line }), ...(w.label !== undefined && { label: w.label }), add: w.add } });
  }
  return out;
}

const sameItem = (a: ItemSide, b: ItemSide) => JSON.stringify([a.label, a.effects, a.add]) === JSON.stringify([b.label, b.effects, b.add]);

function itemRows(was: CohortMemberResult, is: CohortMemberResult, ctx: PersonContext): ItemRow[] {
  const before = itemSides(was, ctx.rules?.before);
  const after = itemSides(is, ctx.rules?.after);
  const rows: ItemRow[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    before.delete(key);
    if (!b || !sameItem(b.side, a.side)) rows.push({ kind: a.kind, list: a.list, item: a.item, ...(b && { before: b.side }), after: a.side });
  }
  for (const b of before.values()) rows.push({ kind: b.kind, list: b.list, item: b.item, before: b.side });
  return rows;
}

const SCHEME_WIDE: readonly RuleKind[] = ['setting', 'grades'];

/** The changed declarations that touched this person (see the header). */
function touched(was: CohortMemberResult, is: CohortMemberResult, rows: { nodes: NodeRow[]; items: string[]; gained: string[]; lost: string[] }, ctx: PersonContext): RuleRef[] {
  if (!ctx.rules) return [];
  const { changes, before, after } = ctx.rules;
  const changed = new Set(changes.map((c) => ruleKey(c.kind, c.name)));
  const hit = new Set<string>();
  const take = (kind: RuleKind, name: string) => { const k = ruleKey(kind, name); if (changed.has(k)) hit.add(k); };
  for (const row of rows.nodes) {
    take('indicator', row.name); take('group', row.name);
    // What it reads, in either version: a changed let, table, function, input default, enum…
    for (const index of [before, after]) {
      const u = index.units.get(ruleKey('indicator', row.name)) ?? index.units.get(ruleKey('group', row.name));
      if (!u) continue;
      for (const n of readsClosure(index, u.reads)) for (const kind of ['let', 'adjust', 'function', 'table', 'enum', 'input', 'panel', 'scale'] as const) take(kind, n);
    }
  }
  for (const item of rows.items) { take('item', item); take('list', item.slice(0, item.indexOf('.'))); }
  for (const g of [was.grade, is.grade, was.quota?.grade, is.quota?.grade]) if (g) take('grade', g);
  for (const a of [...rows.gained, ...rows.lost]) take('action', a);
  if (was.bonus !== is.bonus) take('bonus', 'bonus');
  if (was.score !== is.score) for (const c of changes) if (c.kind === 'adjust') take('adjust', c.name);
  for (const c of changes) if (SCHEME_WIDE.includes(c.kind)) hit.add(ruleKey(c.kind, c.name));
  // In the rule list's order.
  return changes.filter((c) => hit.has(ruleKey(c.kind, c.name))).map((c) => ({ kind: c.kind, name: c.name, title: ruleTitle(before, after, c, ctx.lang, false) }));
}

const gradeWord = (g: string | null): Msg => (g === null ? W.noGrade() : W.gradeName({ grade: g }));
const rankWord = (r: number | null): Msg | number => (r === null ? W.unranked() : r);

export function direction(was: string | null, is: string | null, grades: readonly string[]): 'up' | 'down' | 'same' {
  if (was === is) return 'same';
  const at = (g: string | null) => (g === null ? grades.length : grades.indexOf(g));
  return at(is) < at(was) ? 'up' : 'down';
}

/** `at`: where `m.after` is listed in `ctx.next`. */
export function personChange(m: Moved, at: number, ctx: PersonContext): PersonChange {
  const { before: was, after: is, gained, lost } = m;
  const indicators = nodeRows(was.indicators, is.indicators);
  const groups = nodeRows(was.groups, is.groups);
  const items = itemRows(was, is, ctx);
  const own = indicators.length > 0 || groups.length > 0 || items.length > 0;
  const c = crossing(was, is);
  const gradeMoved = was.grade !== is.grade;
  const why: WhatIfWhy[] = [];
  const words: Msg[] = [];
  if (was.score !== is.score) words.push(W.score({ from: fixed(was.score, ctx.precision), to: fixed(is.score, ctx.precision) }));
  if (gradeMoved) words.push(W.grade({ from: gradeWord(was.grade), to: gradeWord(is.grade) }));
  if (own || (gradeMoved && !c) || gained.length > 0 || lost.length > 0 || was.bonus !== is.bonus) why.push('rules');
  let note: string | null = null;
  if (c) {
    why.push('quota');
    const q = [crossingWords(c)];
    // Whose score passed them: only when their own score stayed (else their own change did it).
    const cause = was.score === is.score ? crossingCause(c, { result: ctx.previous, member: was }, { result: ctx.next, member: is }, ctx.movers(), new Set()) : undefined;
    if (cause) q.push(cause);
    words.push(...q);
    note = q.map((x) => render(x, ctx.lang)).join(SEPARATOR[ctx.lang]);
  }
  if (why.length === 0) {
    if (m.moved) { why.push('cohort'); words.push(S.whyCohort()); }
    else { why.push('rank'); words.push(S.whyRank()); }
  }
  // 组内名次 or 总名次, said which; one cohort's ranks are the overall ones.
  const oneCohort = was.rank.cohort === was.rank.overall && is.rank.cohort === is.rank.overall;
  if (!oneCohort && was.rank.cohort !== is.rank.cohort) words.push(W.rank({ from: rankWord(was.rank.cohort), to: rankWord(is.rank.cohort) }));
  else if (was.rank.overall !== is.rank.overall) words.push(W.rankOverall({ from: rankWord(was.rank.overall), to: rankWord(is.rank.overall) }));
  words.push(...actionWords(gained, lost));
  const rules = touched(was, is, { nodes: [...indicators, ...groups], items: items.map((i) => `${i.list}.${i.item}`), gained, lost }, ctx);
  if (rules.length > 0) words.push(W.touchedBy({ rules: rules.map((r) => r.title ?? r.name) }));
  const name = ctx.nameOf(is.subject, at);
  return {
    subject: is.subject, ...(name !== undefined && { name }), unit: ctx.unitOf(is.subject, at) ?? is.cohort,
    before: standing(was), after: standing(is), direction: direction(was.grade, is.grade, ctx.grades), why,
    reason: words.map((x) => render(x, ctx.lang)).join(SEPARATOR[ctx.lang]),
    indicators, groups, items,
    gradeReasons: { before: was.gradeReasons, after: is.gradeReasons },
    quota: { ...(was.quota && { before: was.quota }), ...(is.quota && { after: is.quota }), note },
    rules,
  };
}

/** A score with the scheme's decimals (87.50), never fewer than it has. */
export function fixed(x: number, precision: number | undefined): string {
  if (precision === undefined || !Number.isFinite(x)) return String(x);
  const own = String(x).split('.')[1]?.length ?? 0;
  return own > precision || /e/i.test(String(x)) ? String(x) : x.toFixed(precision);
}

const standing = (r: CohortMemberResult) => ({ score: r.score, grade: r.grade, rank: { ...r.rank }, bonus: r.bonus, actions: [...r.actions] });
