// The 统计 view's charts as ECharts options, built from the answer of GET /api/statistics
// (analytics/types.ts) by pure functions: no DOM, no chart instance, so test/browser/stats-options.test.ts
// checks what each chart draws without a browser. view.ts hands them to charts.ts `chart()`.
//
// Numbers arrive as decimal TEXT (exact, as the tables show them); a chart turns them into numbers
// only to place marks. Charts draw at most CHART_UNITS units (a year of 500 units would be an
// unreadable picture); the tables under them list every unit.

import type { DistributionRow, NodeStats, PeriodStats, Statistics, TrendLine } from '../../../analytics/types.js';
import { ts } from './i18n.js';

type Option = Record<string, unknown>;

/** Units drawn per chart; the view says so when there are more. */
export const CHART_UNITS = 30;

/** Colours of the grades, best first (green to red), and of "no grade". */
const GRADE_COLOURS = ['#2e7d32', '#4f8fd0', '#e0a100', '#e07b39', '#c0392b', '#8e44ad', '#607d8b'];
const NONE_COLOUR = '#b8c0cc';
const gradeColour = (i: number) => GRADE_COLOURS[i % GRADE_COLOURS.length];

const num = (d: string | null | undefined): number | null => (d === null || d === undefined || d === '' ? null : Number(d));

/** The title every chart uses (also its accessible name in charts.ts). */
const title = (text: string) => ({ text, left: 0, top: 0, textStyle: { fontSize: 13 } });

/** Stacked horizontal bars per unit, one segment per grade (and "no grade"), with a mark at each
 * quota's limit: where the grade's segment may end at most (the better grades' counts + the limit). */
export function distributionOption(grades: readonly string[], rows: readonly DistributionRow[], period: string): Option {
  const shown = rows.slice(0, CHART_UNITS);
  const units = shown.map((r) => r.unit ?? ts('overall'));
  const series: Option[] = grades.map((g, gi) => ({
    type: 'bar', name: g, stack: 'grades', barMaxWidth: 22, itemStyle: { color: gradeColour(gi) },
    data: shown.map((r) => r.grades[gi]?.count ?? 0),
    label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
  }));
  if (shown.some((r) => r.none.count > 0)) {
    series.push({ type: 'bar', name: ts('colNone'), stack: 'grades', barMaxWidth: 22, itemStyle: { color: NONE_COLOUR }, data: shown.map((r) => r.none.count) });
  }
  const marks = quotaMarks(grades, shown);
  if (marks.length) {
    series.push({
      type: 'scatter', name: ts('quotaMarker'), symbol: 'rect', symbolSize: [4, 26], itemStyle: { color: '#1d2433' }, z: 5,
      data: marks.map((m) => ({ value: [m.x, m.row], tip: ts('quotaTip', { unit: units[m.row], grade: m.grade, limit: m.limit }) })),
      tooltip: { trigger: 'item', formatter: (p: { data: { tip: string } }) => p.data.tip },
    });
  }
  return {
    title: title(ts('distTitle', { period })),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 26, left: 0 },
    grid: { left: 8, right: 24, top: 60, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: units, inverse: true },
    series,
  };
}

/** Where each quota's mark goes: on the unit's row, at the better grades' count plus the limit. */
export function quotaMarks(grades: readonly string[], rows: readonly DistributionRow[]): { row: number; x: number; grade: string; limit: number }[] {
  const out: { row: number; x: number; grade: string; limit: number }[] = [];
  rows.forEach((r, row) => {
    for (const q of r.quotas) {
      const gi = grades.indexOf(q.grade);
      if (gi < 0) continue;
      const better = r.grades.slice(0, gi).reduce((s, g) => s + g.count, 0);
      out.push({ row, x: better + q.limit, grade: q.grade, limit: q.limit });
    }
  });
  return out;
}

/** The label a node (indicator or group) is shown by. */
export const nodeLabel = (n: NodeStats) => (n.kind === 'group' ? ts('groupName', { name: n.label }) : n.label);

/** A box per indicator and group (overall rows: min, Q1, median, Q3, max), the mean as a dot. */
export function boxplotOption(nodes: readonly NodeStats[], period: string): Option {
  const drawn = nodes.filter((n) => n.overall);
  const labels = drawn.map(nodeLabel);
  const boxes = drawn.map((n) => {
    const r = n.overall!;
    return [r.min, r.q1, r.median, r.q3, r.max].map((x) => Number(x));
  });
  return {
    title: title(ts('boxTitle', { period })),
    tooltip: { trigger: 'item' },
    legend: { top: 0, right: 0, data: [ts('meanMarker')] },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        type: 'boxplot', name: ts('boxTitle', { period }), data: boxes, itemStyle: { color: '#e3eefb', borderColor: '#2f5488' },
        tooltip: { formatter: (p: { dataIndex: number }) => {
          const r = drawn[p.dataIndex].overall!;
          return ts('boxTip', { name: labels[p.dataIndex], max: r.max, q3: r.q3, median: r.median, q1: r.q1, min: r.min });
        } },
      },
      {
        type: 'scatter', name: ts('meanMarker'), symbolSize: 8, itemStyle: { color: '#c0392b' },
        data: drawn.map((n, i) => ({ value: [i, num(n.overall!.mean.text)], text: n.overall!.mean.text })),
        tooltip: { formatter: (p: { dataIndex: number; data: { text: string } }) => `${labels[p.dataIndex]} · ${ts('meanMarker')} ${p.data.text}` },
      },
    ],
  };
}

/** The units of a period that have any per-unit row, in the period's unit order, at most CHART_UNITS. */
export function heatUnits(period: PeriodStats, nodes: readonly NodeStats[]): string[] {
  const has = new Set(nodes.flatMap((n) => n.units.map((u) => u.unit)));
  return period.units.filter((u) => has.has(u)).slice(0, CHART_UNITS);
}

/** Units down, indicators across, each cell the unit's mean (colour and text); empty cells: no one. */
export function heatmapOption(units: readonly string[], nodes: readonly NodeStats[], period: string): Option {
  const labels = nodes.map(nodeLabel);
  const data: { value: [number, number, number]; text: string }[] = [];
  nodes.forEach((n, x) => {
    for (const r of n.units) {
      const y = units.indexOf(r.unit ?? '');
      if (y >= 0) data.push({ value: [x, y, Number(r.mean.text)], text: r.mean.text });
    }
  });
  const values = data.map((d) => d.value[2]);
  const min = values.length ? Math.floor(Math.min(...values)) : 0, max = values.length ? Math.ceil(Math.max(...values)) : 100;
  return {
    title: title(ts('heatTitle', { period })),
    tooltip: { trigger: 'item', formatter: (p: { data: { value: [number, number, number]; text: string } }) => `${units[p.data.value[1]]} · ${labels[p.data.value[0]]}：${p.data.text}` },
    grid: { left: 8, right: 16, top: 36, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: labels, splitArea: { show: true }, axisLabel: { interval: 0, rotate: labels.length > 8 ? 30 : 0 } },
    yAxis: { type: 'category', data: units, inverse: true, splitArea: { show: true } },
    visualMap: { min, max: max === min ? min + 1 : max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
      inRange: { color: ['#fde2d2', '#fbf5d6', '#cfe8d4', '#2e7d32'] } },
    series: [{ type: 'heatmap', name: ts('heatTitle', { period }), data, label: { show: true, formatter: (p: { data: { text: string } }) => p.data.text } }],
  };
}

/** The lines drawn: the overall line first, then at most CHART_UNITS − 1 units. */
const drawnLines = (lines: readonly TrendLine[]) => lines.slice(0, CHART_UNITS);
export const lineName = (l: TrendLine) => l.unit ?? ts('overall');

/** One line per unit across the span: the mean score (`mean`) or the top grade's share in percent (`top`). */
export function trendOption(stats: Statistics, what: 'mean' | 'top'): Option {
  const periods = stats.periods.map((p) => p.period);
  const lines = drawnLines(stats.trend);
  const top = stats.grades[0] ?? '';
  return {
    title: title(what === 'mean' ? ts('trendMeanTitle') : ts('trendTopTitle', { grade: top })),
    tooltip: { trigger: 'axis' },
    legend: { top: 26, left: 0, type: 'plain' },
    grid: { left: 8, right: 24, top: lines.length > 6 ? 84 : 60, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: periods, boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: lines.map((l, i) => ({
      type: 'line', name: lineName(l), connectNulls: false, symbolSize: 7,
      lineStyle: { width: i === 0 ? 3 : 1.5 },
      data: periods.map((p) => {
        const pt = l.points.find((x) => x.period === p);
        return what === 'mean' ? num(pt?.mean) : num(pt?.top?.percent);
      }),
    })),
  };
}
