// ECharts, tree-shaken to what the panels draw: bar charts (points, scores, distributions) and, for
// the 统计 view (stats/), box plots per indicator, a unit × indicator heat map (with its colour
// scale, VisualMap), trend lines and quota markers (scatter). Charts are disposed before their
// container is re-rendered, so re-running never leaks.

import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent,
  TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
const live = new WeakMap<HTMLElement, echarts.ECharts>();

/** A chart in a new element of the given height; `option` is an ECharts option. `label` says in
 * words what the canvas draws (its title and categories), for screen readers and tests. */
export function chart(option: echarts.EChartsCoreOption, height = 260, label?: string): HTMLElement {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': label, style: { height: `${height}px` } });
  // ECharts needs the element laid out: initialise once it is in the document.
  requestAnimationFrame(() => {
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    c.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option });
    live.set(el, c);
    new ResizeObserver(() => c.resize()).observe(el);
  });
  return el;
}

export function disposeCharts(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>('.chart')) {
    live.get(el)?.dispose();
    live.delete(el);
  }
}

/** Horizontal bars: one label per row (long Chinese names read better that way). */
export function hbar(title: string, labels: string[], series: { name: string; data: (number | { value: number; itemStyle: { color: string } })[]; color?: string }[], opts: { max?: number; markLine?: number } = {}): HTMLElement {
  return chart({
    title: { text: title, textStyle: { fontSize: 13, fontFamily: FONT } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { top: 0, right: 0 } : undefined,
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: opts.max },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: series.map((s, i) => ({
      type: 'bar', name: s.name, data: s.data, itemStyle: s.color ? { color: s.color } : undefined, barMaxWidth: 18,
      markLine: i === 0 && opts.markLine !== undefined ? { symbol: 'none', label: { show: false }, data: [{ xAxis: opts.markLine }], lineStyle: { type: 'dashed' } } : undefined,
    })),
  }, Math.max(140, 40 + labels.length * 24), `${title}：${labels.join('、')}`);
}
