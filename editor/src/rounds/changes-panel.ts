// What an amendment or a source refresh changed, shown once under the round after it: who asked for it
// (the person amended, or 来源刷新 for a source refresh), who approved it and why, then everyone whose
// score, grade, rank or actions moved, before and after, with the reason in words.

import { h, num } from '../dom.js';
import { P } from '../i18n-batch.js';
import type { Change, Figures } from './api.js';
import { whoNode } from './common.js';
import type { Shown } from './context.js';
import { tr, trNodes, type RoundsKey } from './i18n.js';

export function changesTable(shown: Shown): HTMLElement {
  const { changes, byId: names } = shown;
  const fig = (f: Figures) => f.rank === null ? tr('figuresUnranked', { score: num(f.score), grade: f.grade ?? '—' })
    : tr('figures', { score: num(f.score), grade: f.grade ?? '—', rank: f.rank });
  const actions = (c: Change) => [
    c.actions.gained.length ? h('div', { class: 'gained' }, tr('actionsGained', { list: c.actions.gained })) : null,
    c.actions.lost.length ? h('div', { class: 'lost' }, tr('actionsLost', { list: c.actions.lost })) : null,
  ];
  const anyActions = changes.some((c) => c.actions.gained.length + c.actions.lost.length > 0);
  const by = shown.subject === null
    ? trNodes('refreshedBy', { by: whoNode(shown.who), reason: shown.reason })
    : trNodes('amendedBy', { subject: shown.subject, by: whoNode(shown.who), reason: shown.reason });
  return h('div', { class: 'changes', 'data-kind': shown.subject === null ? 'refresh' : 'amendment' }, h('h3', {}, tr('changesTitle')),
    h('p', { class: 'amended-by' }, by),
    changes.length === 0 ? h('p', { class: 'muted' }, tr(shown.subject === null ? 'noRefreshChanges' : 'noChanges')) : h('table', { class: 'grid changes-table' },
      h('thead', {}, h('tr', {}, ['colId', 'colPersonName', 'colBefore', 'colAfter', ...(anyActions ? ['colActions'] : []), 'colWhy'].map((k) => h('th', {}, tr(k as RoundsKey))))),
      h('tbody', {}, changes.map((c) => h('tr', { 'data-subject': c.subject, 'data-why': c.why.join(','),
        'data-gained': c.actions.gained.join(','), 'data-lost': c.actions.lost.join(',') },
        h('td', {}, h('a', { href: `#person/${encodeURIComponent(c.subject)}` }, c.subject)), h('td', {}, names.get(c.subject) ?? ''),
        h('td', {}, fig(c.before)), h('td', {}, fig(c.after)),
        anyActions ? h('td', { class: 'actions' }, actions(c)) : null,
        h('td', { class: 'why' }, c.reason ?? c.why.map((w) => tr(`why_${w}` as RoundsKey)).join(P.semi)))))));
}
