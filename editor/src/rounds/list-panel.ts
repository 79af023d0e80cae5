// The rounds list (newest first, filtered by status and period, a page at a time) and the form to
// create a round (scheme, version, period, unit, name, appeal days).

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { roundsApi, type Round } from './api.js';
import { badge, statusWord, when } from './common.js';
import type { ViewCtx } from './context.js';
import { tr, type RoundsKey } from './i18n.js';
import { refusal } from './refusal.js';

/** The list's filters, kept while the page is open. */
const filter = { status: '', period: '' };

export async function showList(v: ViewCtx): Promise<void> {
  const { el, app } = v;
  const again = () => void showList(v).catch(v.failed);
  fill(el, v.nav(), h('h2', {}, tr('rounds')), h('p', { class: 'muted' }, '…'));
  const query = { ...(filter.status ? { status: filter.status } : {}), ...(filter.period ? { period: filter.period } : {}) };
  const [list, schemes] = await Promise.all([roundsApi.list(query), api.listSchemes().then((r) => r.schemes)]);
  const published = schemes.filter((s) => s.published !== null);
  const row = (r: Round) => h('tr', { 'data-round': r.id },
    h('td', {}, h('a', { href: `#rounds/${encodeURIComponent(r.id)}` }, r.name ?? r.id)),
    h('td', {}, tr('schemeVersion', { scheme: r.scheme, n: r.version })), h('td', {}, r.period), h('td', {}, r.unit ?? tr('allUnits')),
    h('td', {}, badge(r.status), r.outOfDate ? [' ', h('span', { class: 'badge out-of-date', 'data-out-of-date-mark': '', title: tr('outOfDate') }, `⚠ ${tr('outOfDateMark')}`)] : null),
    h('td', { class: 'n' }, r.revision), h('td', {}, when(r.createdAt)));
  const body = h('tbody', {}, list.rounds.map(row));
  // Newest first, a page at a time (the server's cursor).
  let next = list.next;
  const more: HTMLButtonElement = h('button', { 'data-action': 'more-rounds', hidden: !next, onclick: async () => {
    if (!next) return;
    const page = await roundsApi.list({ ...query, cursor: next }).catch((e: unknown) => { app.fail(e); return undefined; });
    if (!page) return;
    body.append(...page.rounds.map(row));
    next = page.next;
    more.hidden = !next;
  } }, tr('more'));
  const table = list.rounds.length === 0 ? h('p', { class: 'muted', 'data-no-rounds': '' }, tr(Object.keys(query).length ? 'noMatch' : 'noRounds')) : [h('table', { class: 'grid rounds-list' },
    h('thead', {}, h('tr', {}, ['colName', 'colScheme', 'colPeriod', 'colUnit', 'colStatus', 'colRevision', 'colCreated'].map((k) => h('th', {}, tr(k as RoundsKey))))),
    body), more];
  const statusFilter = h('select', { name: 'filter-status', onchange: () => { filter.status = statusFilter.value; again(); } },
    h('option', { value: '' }, tr('anyStatus')),
    (['open', 'evaluated', 'publicity', 'final'] as const).map((st) => h('option', { value: st, selected: filter.status === st }, statusWord(st))));
  const periodFilter = h('input', { name: 'filter-period', value: filter.period, placeholder: tr('periodHint'), size: 12,
    onchange: () => { filter.period = periodFilter.value.trim(); again(); } });
  const filters = h('div', { class: 'toolbar rounds-filter' }, h('label', { class: 'inline' }, tr('colStatus'), statusFilter),
    h('label', { class: 'inline' }, tr('period'), periodFilter));

  const scheme = h('select', { name: 'scheme' }, h('option', { value: '' }, tr('chooseScheme')),
    published.map((s) => h('option', { value: s.id }, s.id)));
  const version = h('input', { name: 'version', type: 'number', min: 1, placeholder: tr('versionHint') });
  const period = h('input', { name: 'period', placeholder: tr('periodHint') });
  const unit = h('input', { name: 'unit', placeholder: tr('unitHint') });
  const name = h('input', { name: 'name' });
  const appeal = h('input', { name: 'appealDays', type: 'number', min: 0, value: '30' });
  const out = h('div', { class: 'output' });
  const field = (label: string, input: HTMLElement) => h('label', { class: 'field' }, h('span', {}, label), input);
  const create = async () => {
    fill(out);
    try {
      const r = await roundsApi.create({
        scheme: scheme.value, period: period.value.trim(),
        ...(version.value ? { version: Number(version.value) } : {}), ...(unit.value.trim() ? { unit: unit.value.trim() } : {}),
        ...(name.value.trim() ? { name: name.value.trim() } : {}), ...(appeal.value !== '' ? { appealDays: Number(appeal.value) } : {}),
      });
      app.toast(tr('created', { id: r.name ?? r.id }), 'ok');
      location.hash = `#rounds/${encodeURIComponent(r.id)}`;
    } catch (e) { fill(out, refusal(e)); }
  };
  fill(el, v.nav(h('button', { 'data-action': 'refresh-rounds', onclick: again }, tr('refresh'))),
    h('h2', {}, tr('rounds')), filters, table,
    h('h3', {}, tr('newRound')),
    published.length === 0 ? h('p', { class: 'warning' }, tr('noPublishedSchemes')) : null,
    h('div', { class: 'form new-round' },
      field(tr('scheme'), scheme), field(tr('version'), version), field(tr('period'), period), field(tr('unit'), unit),
      field(tr('name'), name), field(tr('appealDays'), appeal),
      h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'create-round', onclick: () => void create() }, tr('create')))),
    out);
}
