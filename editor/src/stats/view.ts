// The 统计 view (年终统计与分析, issue 15 item 1): a full-width page like the rounds view, reached from
// the header and by the address — `#stats?scheme=S&period=2026` or `…&from=2025&to=2026[&unit=U]` —
// so a table can be shared as a link. A scheme, one period or a span, optionally a unit; the answer
// of GET /api/statistics (api.ts) drawn as charts (options.ts: grade bars per unit with quota marks,
// box plots per indicator, a unit × indicator heat map, trend lines) with the tables under them
// (tables.ts), the grade moves a page at a time, and 导出 Excel for the same query. Words: i18n.ts.

import type { PeriodStats } from '../../../analytics/types.js';
import { api, ApiFailure } from '../api.js';
import type { App } from '../app.js';
import { chart, disposeCharts } from '../charts.js';
import { fill, h } from '../dom.js';
import { save } from '../downloads.js';
import { P } from '../i18n-batch.js';
import { queryParams, statsApi, XLSX, type StatsAnswer, type StatsQuery } from './api.js';
import { ts, type StatsKey } from './i18n.js';
import { boxplotOption, CHART_UNITS, distributionOption, heatmapOption, heatUnits, lineName, trendOption } from './options.js';
import { changeSummary, countTable, distributionTable, heatTable, itemHead, movesTable, nodeTable, shareTable, trendTable } from './tables.js';

export interface StatsView { el: HTMLElement; route(hash: string): Promise<void> }

/** The query an address names (`#stats?…`), or null when it names none yet. */
function queryOfHash(hash: string): StatsQuery | null {
  const m = /^#stats(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const p = new URLSearchParams(m[1] ?? '');
  const get = (k: string) => p.get(k)?.trim() || undefined;
  return { scheme: get('scheme') ?? '', period: get('period'), from: get('from'), to: get('to'), unit: get('unit') };
}

/** The address of a query. */
const hashOfQuery = (q: StatsQuery): string => `#stats?${queryParams(q)}`;

/** A refusal in words: the view's own heading for the refusals it expects, then the server's message. */
function failure(e: unknown): HTMLElement {
  if (!(e instanceof ApiFailure)) return h('p', { class: 'error' }, e instanceof Error ? e.message : String(e));
  const head: Partial<Record<string, StatsKey>> = {
    no_rounds: 'noRounds', span_too_long: 'spanTooLong', invalid_period: 'badPeriod', unknown_unit: 'unknownUnit', unit_not_allowed: 'unitNotAllowed',
  };
  const key = head[e.code] ?? (e.status === 404 ? 'notFound' : undefined);
  return h('div', { class: 'problems-box error', 'data-error-code': e.code, 'data-status': e.status },
    h('p', {}, key ? [h('b', {}, ts(key)), e.message ? `${P.colon}${e.message}` : ''] : h('b', {}, e.words)));
}

export function statsView(app: App): StatsView {
  const el = h('section', { class: 'rounds-view stats-view', hidden: true });
  const out = h('div', { class: 'stats-out' });
  const unitsSeen = h('datalist', { id: 'stats-units' });
  let shownQuery: StatsQuery | null = null;

  // ---- the form
  const scheme = h('select', { name: 'stats-scheme' }, h('option', { value: '' }, ts('chooseScheme')));
  const mode = h('select', { name: 'stats-mode', onchange: () => showMode() },
    h('option', { value: 'period' }, ts('modePeriod')), h('option', { value: 'span' }, ts('modeSpan')));
  const input = (name: string) => h('input', { name, placeholder: ts('periodHint'), size: 12 });
  const period = input('stats-period'), from = input('stats-from'), to = input('stats-to');
  const unit = h('input', { name: 'stats-unit', placeholder: ts('unitHint'), list: 'stats-units', size: 14 });
  const label = (text: string, control: HTMLElement) => h('label', { class: 'inline' }, text, control);
  const periodBox = label(ts('period'), period);
  const spanBox = h('span', { class: 'span-box' }, label(ts('from'), from), ' ', label(ts('to'), to));
  const showMode = () => { periodBox.hidden = mode.value !== 'period'; spanBox.hidden = mode.value === 'period'; };
  const note = h('span', { class: 'muted', 'data-form-note': '' });
  const exportBtn = h('button', { 'data-action': 'stats-export', disabled: true, onclick: () => void exportXlsx() }, ts('exportXlsx'));
  const queryOfForm = (): StatsQuery => mode.value === 'period'
    ? { scheme: scheme.value, period: period.value.trim(), unit: unit.value.trim() || undefined }
    : { scheme: scheme.value, from: from.value.trim(), to: to.value.trim(), unit: unit.value.trim() || undefined };
  const submit = () => {
    const q = queryOfForm();
    note.textContent = !q.scheme ? ts('needScheme') : !(q.period || (q.from && q.to)) ? ts('needPeriod') : '';
    if (note.textContent) return;
    const hash = hashOfQuery(q);
    if (location.hash === hash) void load(q); else location.hash = hash;
  };
  const form = h('form', { class: 'toolbar stats-form', onsubmit: (e: Event) => { e.preventDefault(); submit(); } },
    label(ts('scheme'), scheme), label(ts('mode'), mode), periodBox, spanBox, label(ts('unit'), unit), unitsSeen,
    h('button', { type: 'submit', class: 'primary', 'data-action': 'stats-show' }, ts('show')), exportBtn, note);

  const nav = h('div', { class: 'toolbar rounds-nav' },
    h('button', { 'data-action': 'back-editor', onclick: () => { location.hash = ''; } }, ts('backToEditor')),
    h('button', { 'data-action': 'all-rounds', onclick: () => { location.hash = '#rounds'; } }, ts('rounds')));
  fill(el, nav, h('h2', {}, ts('title')), h('p', { class: 'muted' }, ts('hint')), form, out);
  showMode();

  let schemesLoaded: Promise<void> | undefined;
  const loadSchemes = () => (schemesLoaded ??= api.listSchemes().then(({ schemes }) => {
    const ids = schemes.filter((s) => s.published !== null).map((s) => s.id);
    fill(scheme, h('option', { value: '' }, ts(ids.length ? 'chooseScheme' : 'noSchemes')), ids.map((id) => h('option', { value: id }, id)));
  }).catch((e: unknown) => { schemesLoaded = undefined; throw e; }));

  /** Sets the form to `q` (the scheme added to the list when it is not there: an address may name it). */
  const setForm = (q: StatsQuery) => {
    if (q.scheme && ![...scheme.options].some((o) => o.value === q.scheme)) scheme.append(h('option', { value: q.scheme }, q.scheme));
    scheme.value = q.scheme;
    mode.value = q.period || !(q.from || q.to) ? 'period' : 'span';
    period.value = q.period ?? ''; from.value = q.from ?? ''; to.value = q.to ?? ''; unit.value = q.unit ?? '';
    showMode();
  };

  async function load(q: StatsQuery): Promise<void> {
    disposeCharts(out);
    exportBtn.disabled = true;
    fill(out, h('p', { class: 'muted', 'data-loading': '' }, ts('loading')));
    try {
      const s = await statsApi.get(q);
      shownQuery = q;
      exportBtn.disabled = false;
      render(s, q);
    } catch (e) {
      shownQuery = null;
      fill(out, failure(e));
    }
  }

  async function exportXlsx(): Promise<void> {
    if (!shownQuery) return;
    try {
      const { bytes, name } = await statsApi.xlsx(shownQuery);
      const file = name ?? `${shownQuery.scheme}-${shownQuery.period ?? `${shownQuery.from}_${shownQuery.to}`}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
      save(bytes, file, XLSX);
      app.toast(ts('exported', { file }), 'ok');
    } catch (e) {
      fill(out, failure(e), ...out.childNodes);
    }
  }

  function render(s: StatsAnswer, q: StatsQuery): void {
    const units = [...new Set(s.periods.flatMap((p) => p.units))];
    fill(unitsSeen, units.map((u) => h('option', { value: u })));
    if (!s.periods.length) { fill(out, h('p', { class: 'muted' }, ts('noRounds'))); return; }
    const first = s.periods[0], last = s.periods[s.periods.length - 1];
    const span = first.period === last.period ? first.period : `${first.period} – ${last.period}`;
    const rounds = s.periods.reduce((k, p) => k + p.rounds.length, 0);
    const detail = h('div', { class: 'stats-period' });
    const picker = s.periods.length > 1
      ? h('select', { name: 'stats-shown-period', onchange: () => showPeriod() }, s.periods.map((p) => h('option', { value: p.period, selected: p === last }, p.period)))
      : null;
    const showPeriod = () => {
      disposeCharts(detail);
      const p = s.periods.find((x) => x.period === picker?.value) ?? last;
      fill(detail, periodSection(s, p, q));
    };
    fill(out,
      h('p', { class: 'stats-summary', 'data-summary': '' }, ts('summary', { scheme: s.scheme.label ?? s.scheme.id, periods: span, rounds, people: last.distribution.overall.size })),
      s.scopedTo?.length ? h('p', { class: 'muted' }, ts('scoped', { units: s.scopedTo })) : null,
      s.periods.length > 1 ? trendSection(s, span) : null,
      picker ? h('div', { class: 'toolbar stats-picker' }, h('label', { class: 'inline' }, ts('shownPeriod'), picker)) : null,
      detail);
    showPeriod();
  }

  function trendSection(s: StatsAnswer, span: string): HTMLElement[] {
    const caption = (key: 'mean' | 'top') => (key === 'mean' ? ts('trendMeanTitle') : ts('trendTopTitle', { grade: s.grades[0] ?? '' }));
    const lines = s.trend.map(lineName).join('、');
    const height = 300 + Math.min(s.trend.length, CHART_UNITS) * 4;
    return [h('h3', { 'data-section': 'trend' }, ts('trendTitle', { span })),
      h('div', { class: 'stats-charts two' },
        chart(trendOption(s, 'mean'), height, `${caption('mean')}：${lines}`),
        chart(trendOption(s, 'top'), height, `${caption('top')}：${lines}`)),
      trendTable(s)];
  }

  function periodSection(s: StatsAnswer, p: PeriodStats, q: StatsQuery): (HTMLElement | null)[] {
    const rows = p.distribution.units.length ? p.distribution.units : [p.distribution.overall];
    const capped = (n: number) => (n > CHART_UNITS ? h('p', { class: 'muted' }, ts('chartsCapped', { n: CHART_UNITS, total: n })) : null);
    const nodes = [p.score, ...p.indicators, ...p.groups];
    const distTitle = ts('distTitle', { period: p.period });
    const shownUnits = rows.slice(0, CHART_UNITS).map((r) => r.unit ?? ts('overall'));
    const hu = heatUnits(p, nodes);
    const boxTitle = ts('boxTitle', { period: p.period });
    return [
      h('h3', { 'data-section': 'distribution' }, distTitle),
      chart(distributionOption(s.grades, rows, p.period), 90 + shownUnits.length * 30, `${distTitle}：${shownUnits.join('、')}`),
      capped(rows.length),
      distributionTable(s.grades, p),
      h('h3', { 'data-section': 'indicators' }, boxTitle),
      chart(boxplotOption(nodes, p.period), 320, `${boxTitle}：${nodes.filter((x) => x.overall).map((x) => x.label).join('、')}`),
      nodeTable(nodes, p, false),
      nodes.some((x) => x.units.length) ? h('details', { class: 'stats-by-unit' }, h('summary', {}, ts('byUnitTitle')), nodeTable(nodes, p, true)) : null,
      ...(hu.length ? [h('h3', { 'data-section': 'heat' }, ts('heatTitle', { period: p.period })),
        chart(heatmapOption(hu, nodes, p.period), 130 + hu.length * 30, `${ts('heatTitle', { period: p.period })}：${hu.join('、')}`),
        capped(p.units.length),
        heatTable(p.units, nodes, p)] : []),
      h('h3', { 'data-section': 'items' }, ts('itemsTitle', { period: p.period })),
      p.items.length ? countTable('items-table', ts('itemsTable', { period: p.period }), p.items, p, itemHead) : h('p', { class: 'muted' }, ts('noItems')),
      h('h3', { 'data-section': 'actions' }, ts('actionsTitle', { period: p.period })),
      p.actions.length ? countTable('actions-table', ts('actionsTable', { period: p.period }), p.actions, p, itemHead) : h('p', { class: 'muted' }, ts('noActions')),
      ...changeSection(p, q),
    ];
  }

  function changeSection(p: PeriodStats, q: StatsQuery): (HTMLElement | null)[] {
    const c = p.change;
    if (!c) return [h('p', { class: 'muted', 'data-no-previous': '' }, ts('noPrevious', { period: p.period }))];
    const moves = movesTable(c);
    let next = c.moves.next, shown = c.moves.items.length;
    const count = h('span', { class: 'muted', 'data-moves-shown': '' }, ts('movesShown', { shown, total: c.moves.total }));
    const more: HTMLButtonElement = h('button', { 'data-action': 'more-moves', hidden: !next, onclick: async () => {
      if (!next) return;
      more.disabled = true;
      try {
        const page = (await statsApi.get(q, { cursor: next })).periods.find((x) => x.period === p.period)?.change?.moves;
        if (!page) return;
        moves.add(page.items);
        shown += page.items.length;
        next = page.next;
        count.textContent = ts('movesShown', { shown, total: page.total });
      } catch (e) { app.fail(e); } finally { more.disabled = false; more.hidden = !next; }
    } }, ts('more'));
    return [
      h('h3', { 'data-section': 'change' }, ts('changeTitle', { from: c.from, to: c.to })),
      changeSummary(c),
      h('h4', {}, ts('shareTitle', { grade: c.top, from: c.from, to: c.to })),
      shareTable(c),
      h('h4', {}, ts('movesTitle', { from: c.from, to: c.to })),
      c.moves.total === 0 ? h('p', { class: 'muted' }, ts('noMoves')) : [moves.el, h('div', { class: 'toolbar' }, count, more)],
    ].flat() as (HTMLElement | null)[];
  }

  return {
    el,
    route: async (hash) => {
      const q = queryOfHash(hash);
      if (!q) return;
      try { await loadSchemes(); } catch (e) { fill(out, failure(e)); return; }
      setForm(q);
      if (q.scheme && (q.period || (q.from && q.to))) await load(q);
      else { disposeCharts(out); fill(out); }
    },
  };
}
