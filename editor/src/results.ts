// A subject's result (LANGUAGE.md §12, typed by engine/result-schema.ts) as the author reads it:
// the grade and why, the figures, the indicators and groups with weights and points, negative items
// and their effects in words, rewards, actions, the improve list, two charts (points per
// group/indicator; indicator scores against 100) and, when the result has one, the explanation.
// Scores, points and amounts show the scheme's precision (97.00, not 97). One function per section.

import type { SubjectResult } from '../../engine/api.js';
import { hbar } from './charts.js';
import { h } from './dom.js';
import { effectText, gradeNote, reasonNodes } from './effects.js';
import { renderExplain } from './explain.js';
import { percent, score } from './figures.js';
import { t } from './i18n.js';
import { P } from './i18n-batch.js';

export function renderResult(r: SubjectResult, precision: number): HTMLElement {
  const n = (x: unknown) => score(x, precision);
  return h('div', { class: 'result' },
    gradeLine(r, n),
    figures(r, n),
    list(t('reasons'), r.gradeReasons.map((x) => reasonNodes(r, x))),
    h('h4', {}, t('indicators')), indicatorTable(r, n),
    h('h4', {}, t('groups')), groupTable(r, n),
    list(t('negative'), r.negative.map((x) => `${x.list} · ${x.label ?? x.item}${P.colon}${x.effects.map((e) => effectText(e)).join(P.comma)}`)),
    list(t('rewardItems'), r.rewardItems.map((x) => `${x.list} · ${x.item}${P.colon}${effectText({ add: x.add })}`)),
    list(t('actions'), r.actions),
    list(t('improve'), r.improve.map((id) => {
      const i = r.indicators.find((x) => x.id === id);
      return i ? `${i.label} ${n(i.score)}` : id;
    })),
    charts(r),
    renderExplain(r, precision));
}

type Fmt = (x: unknown) => string;

function gradeLine(r: SubjectResult, n: Fmt): HTMLElement {
  const note = gradeNote(r, false);
  return h('div', { class: 'grade-line' },
    h('span', { class: 'grade', 'data-grade': r.grade ?? '' }, r.grade ?? t('noGrade')),
    h('span', { class: 'score' }, `${t('score')} `, h('b', { 'data-testid': 'score' }, n(r.score))),
    r.provisional ? h('span', { class: 'muted' }, t('provisional')) : null,
    note ? h('span', { class: 'grade-note', 'data-note': note.kind }, note.text) : null);
}

function figures(r: SubjectResult, n: Fmt): HTMLElement {
  const cells: [string, string][] = [
    [t('base'), n(r.base)], [t('adjust'), String(r.adjust)], [t('rewards'), n(r.rewards)],
    [t('deductions'), n(r.deductions)], [t('bonus'), r.bonus === null ? '—' : String(r.bonus)],
  ];
  return h('dl', { class: 'figures' }, cells.flatMap(([k, x]) => [h('dt', {}, k), h('dd', {}, x)]));
}

function list(title: string, rows: (string | (Node | string)[])[]): HTMLElement {
  return h('section', {}, h('h4', {}, title),
    rows.length ? h('ul', {}, rows.map((x) => h('li', {}, x))) : h('p', { class: 'muted' }, t('nothing')));
}

function indicatorTable(r: SubjectResult, n: Fmt): HTMLElement {
  const groupLabel = (id: string | null) => (id === null ? '' : r.groups.find((g) => g.id === id)?.label ?? id);
  return h('table', { class: 'grid indicators' },
    h('thead', {}, h('tr', {}, [t('indicator'), t('group'), t('weight'), t('indScore'), t('points')].map((x) => h('th', {}, x)))),
    h('tbody', {}, r.indicators.map((i) => h('tr', { 'data-indicator': i.id },
      h('td', {}, i.label), h('td', {}, groupLabel(i.group)), h('td', { class: 'n' }, percent(i.weight)),
      h('td', { class: 'n' }, n(i.score)), h('td', { class: 'n' }, n(i.points))))));
}

function groupTable(r: SubjectResult, n: Fmt): HTMLElement {
  return h('table', { class: 'grid groups' },
    h('thead', {}, h('tr', {}, [t('group'), t('weight'), t('indScore'), t('points')].map((x) => h('th', {}, x)))),
    h('tbody', {}, r.groups.map((g) => h('tr', { 'data-group': g.id },
      h('td', {}, g.label), h('td', { class: 'n' }, percent(g.weight)), h('td', { class: 'n' }, n(g.score)), h('td', { class: 'n' }, n(g.points))))));
}

function charts(r: SubjectResult): (HTMLElement | null)[] {
  const { groups, indicators } = r;
  return [
    groups.length + indicators.length > 0
      ? hbar(t('chartPoints'), [...groups.map((g) => `【${g.label}】`), ...indicators.map((i) => i.label)],
        [{ name: t('points'), data: [...groups.map((g) => ({ value: g.points, itemStyle: { color: '#7a1fa2' } })), ...indicators.map((x) => x.points)] }])
      : null,
    indicators.length > 0
      ? hbar(t('chartScores'), indicators.map((i) => i.label), [{ name: t('indScore'), data: indicators.map((i) => i.score), color: '#3a7bd5' }],
        { max: Math.max(100, ...indicators.map((i) => i.score)), markLine: 100 })
      : null,
  ];
}
