// A person's results across schemes and periods (GET /api/subjects/:id/results): who they are — the
// name and other display fields the newest round's roster gave them —, a trend chart per scheme
// (trend.ts) and the table of every period, final, imported or not final yet, marked so.

import { fill, h, num } from '../dom.js';
import { P } from '../i18n-batch.js';
import { tp } from '../papers/i18n.js';
import { personPapers } from '../papers/links.js';
import { roundsApi, type PersonResult } from './api.js';
import { NAME_FIELDS } from '../../../engine/display-name.js';
import { personName, statusWord } from './common.js';
import type { ViewCtx } from './context.js';
import { tr, type RoundsKey } from './i18n.js';
import { trendChart } from './trend.js';

/** The display fields of the newest result that has any (a person's name, post… as the roster gave them). */
function newestDisplay(results: readonly PersonResult[]): Record<string, unknown> {
  for (let i = results.length - 1; i >= 0; i--) if (Object.keys(results[i].display).length) return results[i].display;
  return {};
}

export async function showPerson(v: ViewCtx, subject: string): Promise<void> {
  const results = await roundsApi.personResults(subject);
  const bySchema = new Map<string, PersonResult[]>();
  for (const x of results) bySchema.set(x.scheme, [...(bySchema.get(x.scheme) ?? []), x]);
  const state = (x: PersonResult) => (x.imported ? tr('imported') : x.final ? tr('final')
    : x.status === 'evaluated' || x.status === 'publicity' ? statusWord(x.status) : tr('notFinalYet'));
  const display = newestDisplay(results);
  const name = personName(display);
  const other = Object.entries(display).filter(([k, x]) => !(NAME_FIELDS as readonly string[]).includes(k) && x !== null && x !== '');
  fill(v.el, v.nav(),
    h('h2', { 'data-person': subject, ...(name ? { 'data-person-name': name } : {}) }, name ? tr('historyNamed', { name, subject }) : tr('history', { subject })),
    other.length ? h('p', { class: 'person-meta' }, other.map(([k, x]) => `${k}${P.colon}${num(x)}`).join(' · ')) : null,
    h('p', { class: 'muted' }, tr('historyHint')),
    results.length === 0 ? h('p', { class: 'muted' }, tr('noHistory')) : [
      h('div', { class: 'trends' }, [...bySchema].map(([scheme, list]) => {
        const sorted = [...list].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
        return h('figure', { class: 'trend-box', 'data-scheme': scheme }, trendChart(tr('trendTitle', { scheme }), sorted),
          h('figcaption', { class: 'trend-legend' }, tr('legend')));
      })),
      h('table', { class: 'grid history-table' },
        h('thead', {}, h('tr', {}, ['colScheme', 'colPeriod', 'colUnit', 'colScore', 'colGrade', 'colFinal'].map((k) => h('th', {}, tr(k as RoundsKey))))),
        h('tbody', {}, results.map((x) => h('tr', { 'data-period': x.period, 'data-scheme': x.scheme },
          h('td', {}, x.scheme), h('td', {}, x.period), h('td', {}, x.unit ?? '—'), h('td', { class: 'n' }, num(x.score)),
          h('td', {}, x.grade ?? '—'),
          h('td', {}, x.round ? h('a', { href: `#rounds/${encodeURIComponent(x.round)}` }, state(x)) : state(x)))))),
      // Per round the person was evaluated in: the feedback sheet, 登记表 and 结果通知 (issue 15), in a new tab.
      papersOf(subject, results),
    ]);
}

/** The printable files of each round the person has a result in (imported rows have no round). */
function papersOf(subject: string, results: readonly PersonResult[]): HTMLElement | null {
  const rounds = results.filter((x): x is PersonResult & { round: string } => x.round !== null);
  if (!rounds.length) return null;
  return h('div', { class: 'person-papers' }, h('h3', {}, tp('personPapers')),
    h('ul', {}, rounds.map((x) => h('li', { 'data-papers-round': x.round },
      `${tp('personRound', { scheme: x.scheme, period: x.period })}${P.colon}`, personPapers(x.round, subject).map((a, i) => [i ? ' · ' : null, a])))));
}
