// Change against the previous period of the same scheme (issue 15): who moved up or down a grade
// (by the grades' order, best first), who is new or gone, and per unit how the best grade's share
// changed — sorted by the size of the change, so "units whose 优秀 share changed most" come first.
// People are matched by subject id; each side counts only the people in scope in that period.

import { Rational } from '../dsl/rational.js';
import { shareOf } from './numbers.js';
import type { Change, Move, Share, UnitTopChange } from './types.js';
import type { PeriodView } from './view.js';

/** A page of moves: from `offset`, at most `limit`. */
export interface Page { offset: number; limit: number }

/** The change from `prev` to `cur`; `next` cursors are made by `cursorOf`. */
export function changeOf(prev: PeriodView, cur: PeriodView, page: Page, cursorOf: (offset: number) => string): Change {
  const rankOf = gradeRank(prev, cur);
  const rankBefore = prev.grades.map(rankOf), rankAfter = cur.grades.map(rankOf);
  // subject → position in prev; rosters mostly keep their order, so the same position is tried first
  // and the map is built only when a subject is not found there
  let before: Map<string, number> | undefined;
  const find = (s: string, i: number): number | undefined => {
    if (prev.subjects[i] === s) return i;
    if (!before) {
      before = new Map();
      prev.subjects.forEach((x, k) => before!.set(x, k));
    }
    return before.get(s);
  };
  const people = { up: 0, down: 0, same: 0, lostGrade: 0, gainedGrade: 0, new: 0, gone: 0 };
  const moves: { i: number; before: string; after: string; direction: 'up' | 'down' }[] = [];
  const matched = new Uint8Array(prev.subjects.length);
  for (let i = 0; i < cur.subjects.length; i++) {
    const s = cur.subjects[i]!;
    const j = find(s, i);
    if (j === undefined) { people.new++; continue; }
    matched[j] = 1;
    const a = prev.grade[j]!, b = cur.grade[i]!;
    if (a < 0 && b < 0) people.same++;
    else if (a < 0) people.gainedGrade++;
    else if (b < 0) people.lostGrade++;
    else {
      const ra = rankBefore[a]!, rb = rankAfter[b]!;
      if (ra === rb) { people.same++; continue; }
      const direction = rb < ra ? 'up' : 'down';
      people[direction]++;
      moves.push({ i, before: prev.grades[a]!, after: cur.grades[b]!, direction });
    }
  }
  for (let j = 0; j < matched.length; j++) if (!matched[j]) people.gone++;
  byUnit(moves, cur);
  const items: Move[] = moves.slice(page.offset, page.offset + page.limit).map((m) => ({
    subject: cur.subjects[m.i]!, name: cur.names[m.i] ?? null, unit: cur.units[cur.unit[m.i]!]!,
    before: m.before, after: m.after, direction: m.direction,
  }));
  const end = page.offset + page.limit;
  const top = cur.grades[0] ?? '';
  return {
    from: prev.period, to: cur.period, top, people,
    units: topChanges(prev, cur, top),
    moves: { total: moves.length, items, next: end < moves.length ? cursorOf(end) : null },
  };
}

/** Unit order, then the later period's subject order: a stable counting sort (in place). */
function byUnit<T extends { i: number }>(moves: T[], cur: PeriodView): void {
  const start = new Int32Array(cur.units.length + 1);
  for (const m of moves) start[cur.unit[m.i]! + 1]!++;
  for (let u = 0; u < cur.units.length; u++) start[u + 1]! += start[u]!;
  const out = new Array<T>(moves.length);
  for (const m of moves) out[start[cur.unit[m.i]!]!++] = m;
  for (let k = 0; k < out.length; k++) moves[k] = out[k]!;
}

/** Grade order for comparing: the later period's order; a grade only the earlier one has keeps its
 * place there (scheme versions rarely rename grades; when they do this is the best guess). */
function gradeRank(prev: PeriodView, cur: PeriodView): (grade: string) => number {
  const order = new Map(cur.grades.map((g, k) => [g, k]));
  return (g) => order.get(g) ?? prev.grades.indexOf(g);
}

/** Per unit on either side: the best grade's share before and after, largest |delta| first. */
function topChanges(prev: PeriodView, cur: PeriodView, top: string): UnitTopChange[] {
  const share = (v: PeriodView): Map<string, Share> => {
    const k = v.grades.indexOf(top);
    const count = new Int32Array(v.units.length);
    for (let i = 0; i < v.subjects.length; i++) if (k >= 0 && v.grade[i] === k) count[v.unit[i]!]!++;
    return new Map(v.units.map((u, x) => [u, shareOf(count[x]!, v.size[x]!)]));
  };
  const a = share(prev), b = share(cur);
  const names = [...new Set([...cur.units, ...prev.units])];
  const rows = names.map((unit) => {
    const before = a.get(unit) ?? null, after = b.get(unit) ?? null;
    const exact = before && after ? ratio(after).sub(ratio(before)).mul(Rational.HUNDRED) : null;
    return { row: { unit, before, after, delta: exact ? exact.toFixed(2) : null } as UnitTopChange, exact };
  });
  rows.sort((x, y) => {
    if (!x.exact || !y.exact) return (x.exact ? 0 : 1) - (y.exact ? 0 : 1) || cmpText(x.row.unit, y.row.unit);
    return abs(y.exact).cmp(abs(x.exact)) || cmpText(x.row.unit, y.row.unit);
  });
  return rows.map((r) => r.row);
}

const ratio = (s: Share) => (s.base === 0 ? Rational.ZERO : Rational.of(BigInt(s.count), BigInt(s.base)));
const abs = (r: Rational) => (r.sign() < 0 ? r.neg() : r);
/** Code point order (deterministic in every runtime, unlike a locale's collation). */
const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
