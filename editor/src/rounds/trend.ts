// A person's scores over periods as a small hand-written SVG (no chart library, nothing fetched):
// one line per scheme, a point per period labelled with the grade, a hollow point for a result not
// final yet and a square for an imported one (from before kaohe). SVG text is real text, so Chinese
// grade names render with the page's fonts and the chart can be read by tests and screen readers.

const NS = 'http://www.w3.org/2000/svg';
const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';

export interface TrendPoint { period: string; score: number | null; grade: string | null; final: boolean; imported: boolean }

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Round numbers for the score axis: from a little under the lowest score to 100 (or the highest). */
export function scoreAxis(scores: readonly number[]): { lo: number; hi: number; step: number } {
  const min = Math.min(...scores), max = Math.max(...scores);
  const hi = max <= 100 ? 100 : Math.ceil(max / 10) * 10;
  let lo = Math.floor((min - 5) / 10) * 10;
  if (lo < 0 || !Number.isFinite(lo)) lo = 0;
  if (hi - lo < 10) lo = hi - 10;
  const step = hi - lo > 50 ? 20 : hi - lo > 20 ? 10 : 5;
  return { lo, hi, step };
}

/** What a point is labelled with: its grade and score (优秀 95), or the one of them it has. */
const pointLabel = (p: TrendPoint): string => (p.score === null ? p.grade ?? '' : p.grade ? `${p.grade} ${p.score}` : String(p.score));

/** A label's width at 12 px, estimated without layout (the chart is built before it is shown): a
 * full-width (CJK) character about 12 px, any other about 7 px. */
const labelWidth = (text: string): number => [...text].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 12 : 7), 0);

/** The chart: `title` on top (also its accessible name), periods along the bottom, oldest first. */
export function trendChart(title: string, points: readonly TrendPoint[], width = 640, height = 260): SVGSVGElement {
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, class: 'trend', 'font-family': FONT }) as SVGSVGElement;
  svg.append(el('title', {}, title), el('text', { x: 8, y: 18, 'font-size': 14, 'font-weight': 600, fill: '#1f2937' }, title));
  const left = 44, right = width - 16, top = 40, bottom = height - 34;
  const scored = points.filter((p) => p.score !== null);
  const { lo, hi, step } = scoreAxis(scored.length ? scored.map((p) => p.score!) : [60, 100]);
  const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  // The first and last points sit far enough in that their centred labels (优秀 95, 2026-Q4) clear
  // the score axis and the right edge: half the wider label, and at least 20 px.
  const edge = (p: TrendPoint | undefined) => (p ? Math.max(20, Math.max(labelWidth(pointLabel(p)), labelWidth(p.period)) / 2 + 8) : 20);
  const padL = edge(points[0]), padR = edge(points[points.length - 1]);
  const x = (i: number) => (points.length === 1 ? (left + right) / 2 : left + padL + (i * (right - left - padL - padR)) / (points.length - 1));
  for (let v = lo; v <= hi; v += step) {
    svg.append(el('line', { x1: left, x2: right, y1: y(v), y2: y(v), stroke: '#e3e8ef' }),
      el('text', { x: left - 6, y: y(v) + 4, 'font-size': 11, 'text-anchor': 'end', fill: '#6b7280' }, String(v)));
  }
  svg.append(el('line', { x1: left, x2: left, y1: top - 6, y2: bottom, stroke: '#9ca3af' }));
  const line = scored.map((p) => `${x(points.indexOf(p))},${y(p.score!)}`).join(' ');
  if (scored.length > 1) svg.append(el('polyline', { points: line, fill: 'none', stroke: '#2563eb', 'stroke-width': 2 }));
  points.forEach((p, i) => {
    svg.append(el('text', { x: x(i), y: bottom + 18, 'font-size': 12, 'text-anchor': 'middle', fill: '#374151', class: 'period' }, p.period));
    if (p.score === null) {
      if (p.grade) svg.append(el('text', { x: x(i), y: bottom - 8, 'font-size': 12, 'text-anchor': 'middle', fill: '#1f2937', class: 'grade' }, p.grade));
      return;
    }
    const cx = x(i), cy = y(p.score);
    const fill = p.final || p.imported ? '#2563eb' : '#fff';
    svg.append(p.imported
      ? el('rect', { x: cx - 4, y: cy - 4, width: 8, height: 8, fill, stroke: '#2563eb', 'stroke-width': 2, class: 'point', 'data-period': p.period })
      : el('circle', { cx, cy, r: 4.5, fill, stroke: '#2563eb', 'stroke-width': 2, class: 'point', 'data-period': p.period }));
    svg.append(el('text', { x: cx, y: cy - 10, 'font-size': 12, 'text-anchor': 'middle', fill: '#1f2937', class: 'grade' }, pointLabel(p)));
  });
  return svg;
}
