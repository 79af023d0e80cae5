// The tables under the 统计 view's charts: what each chart draws, as numbers a reader (and a screen
// reader: each table has an aria-label saying what it lists) can check, exactly as the server
// computed them (decimal text, shares with their count and base). One function per table.

import type { ActionStats, Change, DistributionRow, ItemStats, Move, NodeStats, PeriodStats, Statistics } from '../../../analytics/types.js';
import { h } from '../dom.js';
import { ts, type StatsKey } from './i18n.js';
import { lineName, nodeLabel } from './options.js';

const th = (...keys: (StatsKey | string)[]) => h('thead', {}, h('tr', {}, keys.map((k) => h('th', {}, k))));
const n = (x: string | number | null | undefined) => h('td', { class: 'n' }, x === null || x === undefined ? '—' : String(x));
const table = (name: string, label: string, ...children: (HTMLElement | null)[]) =>
  h('table', { class: `grid stats-table ${name}`, 'aria-label': label, 'data-table': name }, ...children);
const share = (s: { count: number; percent: string } | null | undefined) => (s ? ts('countShare', { count: s.count, share: s.percent }) : '—');

/** Units and overall: size, each grade (count and share), no grade, each quota. */
export function distributionTable(grades: readonly string[], p: PeriodStats): HTMLElement {
  const row = (r: DistributionRow) => h('tr', { 'data-unit': r.unit ?? '' },
    h('td', {}, r.unit ?? ts('overall')), n(r.size),
    grades.map((_, i) => n(share(r.grades[i]))), n(share(r.none)),
    h('td', { class: 'quota' }, r.quotas.map((q) => ts('quotaCell', { grade: q.grade, limit: q.limit, base: q.base, admitted: q.admitted })).join('；')));
  return table('dist-table', ts('distTable', { period: p.period }),
    th(ts('colUnit'), ts('colSize'), ...grades, ts('colNone'), ts('colQuota')),
    h('tbody', {}, row(p.distribution.overall), p.distribution.units.map(row)));
}

/** The total score, each indicator and group: n, mean, min, quartiles, max, share below the improve line. */
export function nodeTable(nodes: readonly NodeStats[], p: PeriodStats, perUnit: boolean): HTMLElement {
  const improve = nodes.some((x) => x.overall?.below || x.units.some((u) => u.below));
  const rows = nodes.flatMap((x) => (perUnit ? x.units : x.overall ? [x.overall] : []).map((r) => h('tr', { 'data-node': x.name, 'data-unit': r.unit ?? '' },
    h('td', {}, nodeLabel(x)), perUnit ? h('td', {}, r.unit ?? ts('overall')) : null,
    n(r.n), n(r.mean.text), n(r.min), n(r.q1), n(r.median), n(r.q3), n(r.max), improve ? n(share(r.below)) : null)));
  return table(perUnit ? 'node-unit-table' : 'node-table', perUnit ? `${ts('boxTable', { period: p.period })} · ${ts('byUnitTitle')}` : ts('boxTable', { period: p.period }),
    th(ts('colIndicator'), ...(perUnit ? [ts('colUnit')] : []), ts('colN'), ts('colMean'), ts('colMin'), ts('colQ1'), ts('colMedian'), ts('colQ3'), ts('colMax'), ...(improve ? [ts('colBelow')] : [])),
    h('tbody', {}, rows));
}

/** Units down, indicators and groups across: each unit's mean (the heat map's numbers). */
export function heatTable(units: readonly string[], nodes: readonly NodeStats[], p: PeriodStats): HTMLElement {
  return table('heat-table', ts('heatTable', { period: p.period }),
    th(ts('colUnit'), ...nodes.map(nodeLabel)),
    h('tbody', {}, units.map((u) => h('tr', { 'data-unit': u }, h('td', {}, u),
      nodes.map((x) => n(x.units.find((r) => r.unit === u)?.mean.text ?? null))))));
}

/** Units down (overall first), one column per item or action: how many people it fired for. */
export function countTable(name: string, label: string, rows: readonly (ItemStats | ActionStats)[], p: PeriodStats, head: (r: ItemStats | ActionStats) => string): HTMLElement {
  const cell = (r: ItemStats | ActionStats, unit: string | null) => {
    const s = unit === null ? r.overall : r.units.find((u) => u.unit === unit);
    return n(s ? s.count : 0);
  };
  return table(name, label, th(ts('colUnit'), ...rows.map(head)),
    h('tbody', {},
      h('tr', { 'data-unit': '' }, h('td', {}, ts('overall')), rows.map((r) => cell(r, null))),
      p.units.map((u) => h('tr', { 'data-unit': u }, h('td', {}, u), rows.map((r) => cell(r, u))))));
}

/** An item's heading: its label (or list · item) and kind. */
export const itemHead = (r: ItemStats | ActionStats): string => ('kind' in r
  ? `${r.label ?? r.item}（${ts(r.kind === 'negative' ? 'kindNegative' : 'kindReward')}）`
  : r.label);

/** How many moved up, down, stayed, came and went. */
export function changeSummary(c: Change): HTMLElement {
  const x = c.people;
  return table('change-table', ts('changeTable', { from: c.from, to: c.to }),
    th(ts('up'), ts('down'), ts('same'), ts('new'), ts('gone')),
    h('tbody', {}, h('tr', {}, n(x.up), n(x.down), n(x.same + x.lostGrade + x.gainedGrade), n(x.new), n(x.gone))));
}

/** The top grade's share per unit before and after, largest change first (as the server sorts). */
export function shareTable(c: Change): HTMLElement {
  return table('share-table', ts('shareTable', { grade: c.top }),
    th(ts('colUnit'), ts('colBefore'), ts('colAfter'), ts('colDelta')),
    h('tbody', {}, c.units.map((u) => h('tr', { 'data-unit': u.unit },
      h('td', {}, u.unit), n(share(u.before)), n(share(u.after)), n(signed(u.delta))))));
}

/** A change with its sign: +5.00, -3.33, 0.00. */
export const signed = (d: string | null): string | null => (d === null || d.startsWith('-') || /^0(\.0*)?$/.test(d) ? d : `+${d}`);

/** The people who moved; `body` grows as more pages arrive. */
export function movesTable(c: Change): { el: HTMLElement; add(moves: readonly Move[]): void } {
  const body = h('tbody', {});
  const add = (moves: readonly Move[]) => body.append(...moves.map((m) => h('tr', { 'data-subject': m.subject, 'data-direction': m.direction },
    h('td', { class: 'id' }, m.subject), h('td', {}, m.name ?? '—'), h('td', {}, m.unit), h('td', {}, m.before), h('td', {}, m.after),
    h('td', { class: `dir ${m.direction}` }, m.direction === 'up' ? `↑ ${ts('up')}` : `↓ ${ts('down')}`))));
  add(c.moves.items);
  const el = table('moves-table', ts('movesTable', { from: c.from, to: c.to }),
    th(ts('colSubject'), ts('colName'), ts('colUnit'), ts('colBefore'), ts('colAfter'), ts('colDirection')), body);
  return { el, add };
}

/** Units down (overall first), per period the mean and the top grade's share. */
export function trendTable(s: Statistics): HTMLElement {
  const periods = s.periods.map((p) => p.period);
  const top = s.grades[0] ?? '';
  return table('trend-table', ts('trendTable', { grade: top }),
    h('thead', {},
      h('tr', {}, h('th', { rowspan: 2 }, ts('colUnit')), periods.map((p) => h('th', { colspan: 2 }, p))),
      h('tr', {}, periods.map(() => [h('th', {}, ts('colMean')), h('th', {}, ts('colTopShare', { grade: top }))]))),
    h('tbody', {}, s.trend.map((l) => h('tr', { 'data-unit': l.unit ?? '' }, h('td', {}, lineName(l)),
      periods.map((p) => {
        const pt = l.points.find((x) => x.period === p);
        return [n(pt?.mean ?? null), n(pt?.top ? ts('percent', { share: pt.top.percent }) : null)];
      })))));
}
