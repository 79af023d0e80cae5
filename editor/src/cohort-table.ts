// A cohort's result as the batch panel shows it: one row per person — the id, the name and the other
// identifying field a roster carried (`display`), the cohort unit (`cohort by`), the score with the
// scheme's precision, the grade (never wrapped: 基本称职 on one line), and why the grade is not the
// one the score reached (a quota demotion, a cap, a veto, no grade) — then the quotas that allowed
// nobody, and the grade distribution per unit, a cohort without `cohort by` labelled 全体.

import type { CohortResult } from '../../engine/api.js';
import { chart } from './charts.js';
import { emptyQuotas } from './cohort-data.js';
import { h } from './dom.js';
import { gradeNote } from './effects.js';
import { score } from './figures.js';
import { t } from './i18n.js';
import { P, tb } from './i18n-batch.js';

export interface SchemeView { precision: number; cohortBy?: string; grades: string[] }

/** Display fields that name a person, best first: the name column of a result row. */
const NAME_FIELDS = ['姓名', '名字', '名称', 'name', 'Name'];

/** The display field shown beside the id: a name field when the roster has one, else the first. */
export function nameField(r: CohortResult): string | undefined {
  const keys = new Set(r.results.flatMap((x) => Object.keys(x.display ?? {})));
  return NAME_FIELDS.find((k) => keys.has(k)) ?? [...keys][0];
}

/** A cohort key as a label: the unit's name, or 全体 (everyone) without `cohort by`. */
export const unitLabel = (key: string): string => key || tb('wholeCohort');

export function renderCohort(r: CohortResult, view: SchemeView): HTMLElement {
  return h('div', { class: 'cohort-result' },
    emptyQuotas(r.cohorts).map((q) => h('p', { class: 'warning', 'data-empty-quota': q.grade },
      `⚠ ${t('emptyQuota', { cohort: unitLabel(q.cohort), grade: q.grade, n: q.base })}`)),
    subjectsTable(r, view),
    h('h4', {}, t('distribution')),
    distributionChart(r, view));
}

function subjectsTable(r: CohortResult, view: SchemeView): HTMLElement {
  const name = nameField(r);
  const unit = view.cohortBy !== undefined;
  const heads = [t('id'), name, unit ? view.cohortBy : undefined, t('score'), t('grade'), tb('note')];
  return h('table', { class: 'grid subjects' },
    h('thead', {}, h('tr', {}, heads.map((x) => (x === undefined ? null : h('th', {}, x))))),
    h('tbody', {}, r.results.map((s) => {
      const note = gradeNote(s);
      return h('tr', { 'data-subject': s.subject },
        h('td', { class: 'id' }, s.subject),
        name !== undefined ? h('td', { class: 'name' }, s.display?.[name] ?? '') : null,
        unit ? h('td', { class: 'unit' }, s.cohort) : null,
        h('td', { class: 'n' }, score(s.score, view.precision)),
        h('td', { class: 'grade' }, s.grade ?? t('noGrade')),
        h('td', { class: 'muted note', 'data-note': note?.kind ?? '' }, note?.text ?? ''));
    })));
}

function distributionChart(r: CohortResult, view: SchemeView): HTMLElement {
  const units = r.cohorts.map((c) => `${unitLabel(c.key)}（${c.size}）`);
  const present = new Set(r.cohorts.flatMap((c) => Object.keys(c.distribution)));
  // Best grade first, as the scheme lists them; `none` (no grade) last.
  const grades = [...view.grades.filter((g) => present.has(g)), ...[...present].filter((g) => !view.grades.includes(g) && g !== 'none'), ...(present.has('none') ? ['none'] : [])];
  return chart({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: units },
    yAxis: { type: 'value', minInterval: 1 },
    series: grades.map((g) => ({ type: 'bar', stack: 'n', name: g === 'none' ? t('noGrade') : g, data: r.cohorts.map((c) => c.distribution[g] ?? 0) })),
  }, 280, `${t('distribution')}${P.colon}${units.join(P.list)}`);
}
