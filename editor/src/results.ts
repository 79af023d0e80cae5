// A subject's result (LANGUAGE.md §12) as the author reads it: the grade and why, the figures, the
// indicators and groups with weights and points, negative items, rewards, actions, the improve
// list, and two charts (points per group/indicator; indicator scores against 100).

import type { Result } from './api.js';
import { hbar } from './charts.js';
import { h, num } from './dom.js';
import { t } from './i18n.js';

type Row = Record<string, unknown>;
const arr = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const pct = (v: unknown) => (typeof v === 'number' ? `${+(v * 100).toFixed(4)}%` : '—');

export function renderResult(r: Result): HTMLElement {
  const indicators = arr(r.indicators), groups = arr(r.groups);
  const list = (title: string, rows: string[]) => h('section', {}, h('h4', {}, title), rows.length ? h('ul', {}, rows.map((x) => h('li', {}, x))) : h('p', { class: 'muted' }, t('nothing')));
  return h('div', { class: 'result' },
    h('div', { class: 'grade-line' },
      h('span', { class: 'grade', 'data-grade': r.grade ?? '' }, r.grade ?? t('noGrade')),
      h('span', { class: 'score' }, `${t('score')} `, h('b', { 'data-testid': 'score' }, num(r.score))),
      r.provisional ? h('span', { class: 'muted' }, t('provisional')) : null),
    h('dl', { class: 'figures' }, (['base', 'adjust', 'rewards', 'deductions', 'bonus'] as const).flatMap((k) => [h('dt', {}, t(k)), h('dd', {}, num(r[k]))])),
    list(t('reasons'), (Array.isArray(r.gradeReasons) ? r.gradeReasons : []).map(String)),
    h('h4', {}, t('indicators')),
    h('table', { class: 'grid indicators' },
      h('thead', {}, h('tr', {}, [t('indicator'), t('group'), t('weight'), t('indScore'), t('points')].map((x) => h('th', {}, x)))),
      h('tbody', {}, indicators.map((i) => h('tr', { 'data-indicator': String(i.id) },
        h('td', {}, String(i.label ?? i.id)), h('td', {}, String(i.group ?? '')), h('td', { class: 'n' }, pct(i.weight)),
        h('td', { class: 'n' }, num(i.score)), h('td', { class: 'n' }, num(i.points)))))),
    h('h4', {}, t('groups')),
    h('table', { class: 'grid groups' },
      h('thead', {}, h('tr', {}, [t('group'), t('weight'), t('indScore'), t('points')].map((x) => h('th', {}, x)))),
      h('tbody', {}, groups.map((g) => h('tr', {}, h('td', {}, String(g.label ?? g.id)), h('td', { class: 'n' }, pct(g.weight)), h('td', { class: 'n' }, num(g.score)), h('td', { class: 'n' }, num(g.points)))))),
    list(t('negative'), arr(r.negative).map((n) => `${String(n.list)} · ${String(n.item)}：${arr(n.effects).map((e) => Object.entries(e).map(([k, v]) => `${k}${v === true ? '' : ` ${String(v)}`}`).join(' ')).join('，')}`)),
    list(t('rewardItems'), arr(r.rewardItems).map((x) => `${String(x.list)} · ${String(x.item)}：+${num(x.add)}`)),
    list(t('actions'), (Array.isArray(r.actions) ? r.actions : []).map((a) => (typeof a === 'string' ? a : String((a as Row).id ?? (a as Row).name ?? JSON.stringify(a))))),
    list(t('improve'), arr(r.improve).map((x) => (typeof x === 'string' ? x : `${String(x.id ?? x.indicator ?? '')} ${num(x.score)}`))),
    groups.length + indicators.length > 0
      ? hbar(t('chartPoints'), [...groups.map((g) => `【${String(g.label ?? g.id)}】`), ...indicators.map((i) => String(i.label ?? i.id))],
        [{ name: t('points'), data: [...groups.map((g) => ({ value: Number(g.points ?? 0), itemStyle: { color: '#7a1fa2' } })), ...indicators.map((x) => Number(x.points ?? 0))] }])
      : null,
    indicators.length > 0
      ? hbar(t('chartScores'), indicators.map((i) => String(i.label ?? i.id)), [{ name: t('indScore'), data: indicators.map((i) => Number(i.score ?? 0)), color: '#3a7bd5' }], { max: Math.max(100, ...indicators.map((i) => Number(i.score ?? 0))), markLine: 100 })
      : null,
  );
}
