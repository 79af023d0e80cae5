// The 统计 view's plain code, tested without a browser (in a UI language each
// test names: ui-lang.ts): its word catalog (editor/src/stats/i18n.ts), the ECharts options each chart is
// drawn from (editor/src/stats/options.ts: grade bars with quota marks, box plots, the heat map, the
// trend lines), and the query the form sends and the address that names it (stats/api.ts, view.ts).

import { describe, expect, it } from 'vitest';
import type { DistributionRow, NodeStats, PeriodStats, Statistics, StatRow } from '../../analytics/types.js';
import { uiModules } from './ui-lang.js';

/** The editor's modules in UI language `l`. */
const load = uiModules(async () => ({ options: await import('../../editor/src/stats/options.js'), api: await import('../../editor/src/stats/api.js') }));

const share = (count: number, base: number) => ({ count, base, percent: base ? ((count * 100) / base).toFixed(2) : '0.00' });
const GRADES = ['优秀', '称职', '基本称职'];

/** A unit of `size` with `counts` per grade and `none` without one; 优秀 limited to `limit`. */
function dist(unit: string | null, counts: number[], none: number, limit: number | null): DistributionRow {
  const size = counts.reduce((a, b) => a + b, 0) + none;
  return {
    unit, size, grades: GRADES.map((grade, i) => ({ grade, ...share(counts[i], size) })), none: share(none, size),
    quotas: limit === null ? [] : [{ grade: '优秀', scope: 'cohort', limit, base: size, admitted: counts[0], normal: null, cohorts: 1 }],
  };
}

const row = (unit: string | null, n: number, mean: string, five: [string, string, string, string, string]): StatRow =>
  ({ unit, n, mean: { text: mean, exact: mean }, min: five[0], q1: five[1], median: five[2], q3: five[3], max: five[4] });

function node(kind: NodeStats['kind'], name: string, label: string, overall: StatRow | null, units: StatRow[] = []): NodeStats {
  return { kind, name, label, group: null, overall, units };
}

const A = '综合科', B = '办公室';
const period = (p: string, nodes: NodeStats[]): PeriodStats => ({
  period: p, precision: 2, rounds: [{ id: 'rd_1', name: p, status: 'final', revision: 1 }], units: [A, B],
  distribution: { overall: dist(null, [3, 20, 2], 1, 5), units: [dist(A, [2, 10, 0], 0, 2), dist(B, [1, 10, 2], 1, 2)] },
  score: nodes[0], indicators: nodes.slice(1), groups: [], items: [], actions: [], change: null,
});

const NODES = [
  node('score', 'score', '总分', row(null, 26, '85.1234', ['60.00', '80.50', '86.00', '90.25', '98.00'])),
  node('indicator', '实绩', '工作实绩', row(null, 26, '88.5000', ['70', '85', '89', '92', '99']),
    [row(A, 12, '90.2500', ['80', '88', '90', '93', '99']), row(B, 14, '87.0714', ['70', '84', '88', '91', '95'])]),
  node('indicator', '测评', '民主测评', null),
];

describe('the editor-stats catalog', () => {
  it('has the same placeholders in both languages, and Chinese without English words or doubled punctuation', async () => {
    await load('zh');
    const { placeholders, registeredCatalogs } = await import('../../dsl/i18n/index.js');
    const c = registeredCatalogs().get('editor-stats')!;
    expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    for (const [k, t] of Object.entries(c.en)) {
      expect(placeholders(c.zh[k]), k).toEqual(placeholders(t));
      // "导出 Excel" is the button's name as the brief words it: the file format's own name.
      const zh = String(c.zh[k]).replace(/\{\w+\}/g, '').replace(/“[^”]*”/g, '').replace(/\bExcel\b/g, '');
      expect(zh.match(/[A-Za-z]{2,}/g) ?? [], k).toEqual([]);
      expect(String(c.zh[k]).replace(/\{\w+\}/g, '甲'), k).not.toMatch(/。：|：。|，。|[，。：；]{2}/);
    }
  });
});

describe('the distribution chart', () => {
  it('stacks one bar segment per grade per unit, best first, with counts as the server gave them', async () => {
    const { options } = await load('zh');
    const p = period('2026', NODES);
    const o = options.distributionOption(GRADES, p.distribution.units, '2026') as any;
    expect(o.yAxis.data).toEqual([A, B]);
    const bars = o.series.filter((s: any) => s.type === 'bar');
    expect(bars.map((s: any) => s.name)).toEqual([...GRADES, '不定等次']);
    expect(bars.map((s: any) => s.data)).toEqual([[2, 1], [10, 10], [0, 2], [0, 1]]);
    expect(new Set(bars.map((s: any) => s.stack))).toEqual(new Set(['grades']));
    expect(o.title.text).toBe('各单位等次分布（2026）');
  });

  it('marks each quota where the grade may end at most: the better grades’ count plus the limit', async () => {
    const { options } = await load('zh');
    const rows = [dist(A, [2, 10, 0], 0, 2), { ...dist(B, [1, 10, 2], 1, null), quotas: [{ grade: '称职', scope: 'cohort' as const, limit: 9, base: 14, admitted: 10, normal: null, cohorts: 1 }] }];
    expect(options.quotaMarks(GRADES, rows)).toEqual([
      { row: 0, x: 2, grade: '优秀', limit: 2 },
      // 称职 comes after 优秀 (1 person in 办公室): its segment may end at 1 + 9.
      { row: 1, x: 10, grade: '称职', limit: 9 },
    ]);
    const o = options.distributionOption(GRADES, rows, '2026') as any;
    const marks = o.series.find((s: any) => s.type === 'scatter');
    expect(marks.name).toBe('名额上限');
    expect(marks.data.map((d: any) => d.value)).toEqual([[2, 0], [10, 1]]);
    expect(marks.data[0].tip).toBe('综合科：优秀限 2 人');
  });

  it('draws no "no grade" segment and no marks when nobody lacks a grade and there is no quota', async () => {
    const { options } = await load('en');
    const o = options.distributionOption(GRADES, [dist(A, [1, 2, 3], 0, null)], '2026-Q1') as any;
    expect(o.series.map((s: any) => s.type)).toEqual(['bar', 'bar', 'bar']);
    expect(o.title.text).toBe('Grades per unit, 2026-Q1');
  });

  it('draws at most CHART_UNITS units', async () => {
    const { options } = await load('zh');
    const many = Array.from({ length: options.CHART_UNITS + 5 }, (_, i) => dist(`单位${i}`, [1, 1, 1], 0, 1));
    const o = options.distributionOption(GRADES, many, '2026') as any;
    expect(o.yAxis.data).toHaveLength(options.CHART_UNITS);
    expect(o.series[0].data).toHaveLength(options.CHART_UNITS);
  });
});

describe('the box plot', () => {
  it('draws min, Q1, median, Q3, max of each node with values, and the mean as a dot; groups are named so', async () => {
    const { options } = await load('zh');
    const nodes = [...NODES, node('group', '业绩', '业绩', row(null, 26, '87.00', ['71', '84', '88', '91', '98']))];
    const o = options.boxplotOption(nodes, '2026') as any;
    // 民主测评 has no overall row (nobody had a value): not drawn.
    expect(o.xAxis.data).toEqual(['总分', '工作实绩', '业绩（类别）']);
    const [box, mean] = o.series;
    expect(box.type).toBe('boxplot');
    expect(box.data).toEqual([[60, 80.5, 86, 90.25, 98], [70, 85, 89, 92, 99], [71, 84, 88, 91, 98]]);
    expect(mean.data.map((d: any) => d.value)).toEqual([[0, 85.1234], [1, 88.5], [2, 87]]);
    expect(box.tooltip.formatter({ dataIndex: 1 })).toBe('工作实绩：最高分 99，上四分位数 92，中位数 89，下四分位数 85，最低分 70');
  });
});

describe('the heat map', () => {
  it('puts each unit’s mean in its cell, colours from the lowest to the highest mean', async () => {
    const { options } = await load('zh');
    const p = period('2026', NODES);
    const units = options.heatUnits(p, NODES);
    expect(units).toEqual([A, B]);
    const o = options.heatmapOption(units, NODES, '2026') as any;
    expect(o.yAxis.data).toEqual([A, B]);
    expect(o.xAxis.data).toEqual(['总分', '工作实绩', '民主测评']);
    expect(o.series[0].data).toEqual([{ value: [1, 0, 90.25], text: '90.2500' }, { value: [1, 1, 87.0714], text: '87.0714' }]);
    expect([o.visualMap.min, o.visualMap.max]).toEqual([87, 91]);
  });
});

describe('the trend lines', () => {
  const stats = (): Statistics => ({
    scheme: { id: 'annual', label: '年度考核' }, precision: 2, grades: GRADES, indicators: [], groups: [], items: [], actions: [],
    unit: null, by: 'unit', periods: [period('2025', NODES), period('2026', NODES)],
    trend: [
      { unit: null, points: [{ period: '2025', n: 26, mean: '84.10', top: share(3, 26) }, { period: '2026', n: 26, mean: '85.1234', top: share(4, 26) }] },
      // 办公室 took part only in 2026: its 2025 point is a gap, not a zero.
      { unit: B, points: [{ period: '2025', n: 0, mean: null, top: null }, { period: '2026', n: 14, mean: '87.0714', top: share(1, 14) }] },
    ],
  });

  it('draws one line per unit, overall first, the mean score per period, gaps where a unit had nobody', async () => {
    const { options } = await load('zh');
    const o = options.trendOption(stats(), 'mean') as any;
    expect(o.xAxis.data).toEqual(['2025', '2026']);
    expect(o.series.map((s: any) => s.name)).toEqual(['全体', B]);
    expect(o.series.map((s: any) => s.data)).toEqual([[84.1, 85.1234], [null, 87.0714]]);
    expect(o.title.text).toBe('各考核期平均分');
  });

  it('draws the top grade’s share in percent', async () => {
    const { options } = await load('en');
    const o = options.trendOption(stats(), 'top') as any;
    expect(o.series.map((s: any) => s.data)).toEqual([[11.54, 15.38], [null, 7.14]]);
    expect(o.title.text).toBe('优秀 share per period (%)');
    expect(o.series[0].name).toBe('Overall');
  });
});

describe('the query', () => {
  it('asks per unit, in the UI language, for one period or a span, and pages the moves', async () => {
    const { api } = await load('zh');
    const q = (s: string) => Object.fromEntries(new URLSearchParams(s));
    expect(q(api.statsQueryString({ scheme: '年度考核', period: '2026', unit: '综合科' }))).toEqual({ scheme: '年度考核', period: '2026', unit: '综合科', by: 'unit', lang: 'zh' });
    expect(q(api.statsQueryString({ scheme: 'a', from: '2025', to: '2026' }, { cursor: 'c1', limit: 100 }, 'xlsx')))
      .toEqual({ scheme: 'a', from: '2025', to: '2026', by: 'unit', cursor: 'c1', limit: '100', format: 'xlsx', lang: 'zh' });
  });

  it('reads the file name of the workbook the server names', async () => {
    const { api } = await load('zh');
    expect(api.fileName(`attachment; filename="stats.xlsx"; filename*=UTF-8''${encodeURIComponent('统计-2026.xlsx')}`)).toBe('统计-2026.xlsx');
    expect(api.fileName('attachment; filename="stats.xlsx"')).toBe('stats.xlsx');
    expect(api.fileName(null)).toBeNull();
  });
});
