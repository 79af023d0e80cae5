// What an amendment or a source refresh changed, shown once under the round after it: who asked for it
// (the person amended, or 来源刷新 for a source refresh), who approved it and why, then everyone whose
// score, grade, rank or actions moved, before and after, with the reason in words. Scores carry the
// scheme's precision (91.00); the rows that matter come first — a grade changed, then a score or
// actions — and those whose rank alone moved are folded away under one line (U6 L-6: two rows that
// mattered were buried among ~200 "仅排名变化").

import { h } from '../dom.js';
import { P } from '../i18n-batch.js';
import type { Change, Figures } from './api.js';
import { scoreText, whoNode } from './common.js';
import type { Shown } from './context.js';
import { tc } from './i18n-catch-up.js';
import { tr, trNodes, type RoundsKey } from './i18n.js';

/** 0: the grade changed; 1: the score or actions; 2: the rank alone. */
const weight = (c: Change) => (c.before.grade !== c.after.grade ? 0 : c.why.length === 1 && c.why[0] === 'rank' ? 2 : 1);

export function changesTable(shown: Shown, precision?: number): HTMLElement {
  const { changes, byId: names } = shown;
  const fig = (f: Figures) => f.rank === null ? tr('figuresUnranked', { score: scoreText(f.score, precision), grade: f.grade ?? '—' })
    : tr('figures', { score: scoreText(f.score, precision), grade: f.grade ?? '—', rank: f.rank });
  const actions = (c: Change) => [
    c.actions.gained.length ? h('div', { class: 'gained' }, tr('actionsGained', { list: c.actions.gained })) : null,
    c.actions.lost.length ? h('div', { class: 'lost' }, tr('actionsLost', { list: c.actions.lost })) : null,
  ];
  const anyActions = changes.some((c) => c.actions.gained.length + c.actions.lost.length > 0);
  const by = shown.subject === null
    ? trNodes('refreshedBy', { by: whoNode(shown.who), reason: shown.reason })
    : trNodes('amendedBy', { subject: shown.subject, by: whoNode(shown.who), reason: shown.reason });
  const row = (c: Change) => h('tr', { 'data-subject': c.subject, 'data-why': c.why.join(','),
    'data-gained': c.actions.gained.join(','), 'data-lost': c.actions.lost.join(','), ...(weight(c) === 0 && { class: 'grade-changed' }) },
    h('td', {}, h('a', { href: `#person/${encodeURIComponent(c.subject)}` }, c.subject)), h('td', {}, names.get(c.subject) ?? ''),
    h('td', {}, fig(c.before)), h('td', {}, fig(c.after)),
    anyActions ? h('td', { class: 'actions' }, actions(c)) : null,
    h('td', { class: 'why' }, c.reason ?? c.why.map((w) => tr(`why_${w}` as RoundsKey)).join(P.semi)));
  // Stable: within a group the server's (the result's) order stays.
  const sorted = changes.map((c, i) => ({ c, i })).sort((a, b) => weight(a.c) - weight(b.c) || a.i - b.i).map((x) => x.c);
  const shownRows = sorted.filter((c) => weight(c) < 2), rankOnly = sorted.filter((c) => weight(c) === 2);
  const head = () => h('thead', {}, h('tr', {}, ['colId', 'colPersonName', 'colBefore', 'colAfter', ...(anyActions ? ['colActions'] : []), 'colWhy'].map((k) => h('th', {}, tr(k as RoundsKey)))));
  return h('div', { class: 'changes', 'data-kind': shown.subject === null ? 'refresh' : 'amendment' }, h('h3', {}, tr('changesTitle')),
    h('p', { class: 'amended-by' }, by),
    changes.length === 0 ? h('p', { class: 'muted' }, tr(shown.subject === null ? 'noRefreshChanges' : 'noChanges')) : [
      shownRows.length ? h('table', { class: 'grid changes-table' }, head(), h('tbody', {}, shownRows.map(row))) : null,
      rankOnly.length ? h('details', { class: 'rank-only', 'data-rank-only': rankOnly.length },
        h('summary', {}, tc('rankOnly', { n: rankOnly.length })),
        h('table', { class: 'grid changes-table' }, head(), h('tbody', {}, rankOnly.map(row)))) : null,
    ]);
}
