// A cohort's result as the batch panel shows it: one row per person — the id, the name and the other
// identifying field a roster carried (`display`), the cohort unit (`cohort by`), the score with the
// scheme's precision, the grade (never wrapped: 基本称职 on one line), and why the grade is not the
// one the score reached (a quota demotion, a cap, a veto, no grade) — then the quotas that allowed
// nobody, and the grade distribution per unit, a cohort without `cohort by` labelled 全体.
// Cohort rules (issue 13): each row's overall rank and rank in its unit (总名次, 组内名次), a
// demotion names its scope (本组比例 / 全体比例), a soft quota's flag (⚑) says why, a committee's
// decision is shown with its reason; and when the scheme has an overall or soft quota, a table of
// the quotas per scope with the overall distribution.

import { render } from '../../dsl/i18n/index.js';
import type { CohortResult } from '../../engine/api.js';
import { quotaRows, showsQuotas, type Scope } from '../../sheets/results-cohort.js';
import { scopeWords } from '../../sheets/results-words.js';
import { chart } from './charts.js';
import { emptyQuotas } from './cohort-data.js';
import { h } from './dom.js';
import { gradeNote } from './effects.js';
import { score } from './figures.js';
import { lang, t } from './i18n.js';
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
    quotasTable(r, view),
    h('h4', {}, t('distribution')),
    distributionChart(r, view));
}

function subjectsTable(r: CohortResult, view: SchemeView): HTMLElement {
  const name = nameField(r);
  const unit = view.cohortBy !== undefined;
  const ranked = r.results.some((s) => s.rank !== undefined);
  const th = (text: string, title?: string) => h('th', title ? { title } : {}, text);
  return h('table', { class: 'grid subjects' },
    h('thead', {}, h('tr', {}, th(t('id')), name !== undefined ? th(name) : null, unit ? th(view.cohortBy!) : null, th(t('score')), th(t('grade')),
      ranked ? th(tb('rankOverall'), tb('rankOverallTitle')) : null, ranked && unit ? th(tb('rankCohort'), tb('rankCohortTitle')) : null,
      th(tb('note')))),
    h('tbody', {}, r.results.map((s) => {
      const note = gradeNote(s, r.overall !== undefined);
      const flags = s.flags ?? [];
      return h('tr', { 'data-subject': s.subject, ...(flags.length ? { class: 'flagged', 'data-flagged': '' } : {}) },
        h('td', { class: 'id' }, s.subject),
        name !== undefined ? h('td', { class: 'name' }, s.display?.[name] ?? '') : null,
        unit ? h('td', { class: 'unit' }, s.cohort) : null,
        h('td', { class: 'n' }, score(s.score, view.precision)),
        h('td', { class: 'grade' }, s.grade ?? t('noGrade'), flags.length ? h('span', { class: 'flag-mark', title: flags.map((f) => f.reason).join(P.semi), 'aria-hidden': 'true' }, ' ⚑') : null),
        ranked ? h('td', { class: 'n rank', 'data-rank': String(s.rank?.overall ?? '') }, String(s.rank?.overall ?? '')) : null,
        ranked && unit ? h('td', { class: 'n rank', 'data-cohort-rank': String(s.rank?.cohort ?? '') }, String(s.rank?.cohort ?? '')) : null,
        h('td', { class: 'muted note', 'data-note': note?.kind ?? '', ...(s.quota?.scope && note?.kind === 'quota' ? { 'data-scope': s.quota.scope } : {}) },
          note ? h('div', {}, note.text) : null,
          flags.map((f) => h('div', { class: 'flag', 'data-flag': f.scope }, `⚑ ${tb('flagged', { grade: f.grade })}${f.reason ? `${P.colon}${f.reason}` : ''}`)),
          s.decision ? h('div', { class: 'decision', 'data-decision': '' }, decisionText(s.decision)) : null));
    })));
}

/** A committee decision in words, as the engine's reason opens: 集体研究决定为优秀，排序第 2：理由. */
function decisionText(d: { grade?: string; order?: number; reason: string }): string {
  const parts = [d.grade !== undefined ? tb('decidedGrade', { grade: d.grade }) : undefined, d.order !== undefined ? tb(d.grade !== undefined ? 'decidedOrderAfter' : 'decidedOrder', { n: d.order }) : undefined]
    .filter((x): x is string => x !== undefined);
  return `${parts.join(P.comma)}${P.colon}${d.reason}`;
}

const scopeWord = (s: Scope) => render(scopeWords(s), lang);

/** The quotas per scope, when the scheme has an overall quota or a soft one: each quota's limit, its
 * normal share, how many hold the grade and who is above the normal share (with the reason); then
 * the overall distribution. */
function quotasTable(r: CohortResult, view: SchemeView): HTMLElement | null {
  if (!showsQuotas(r)) return null;
  const overall = r.overall;
  const rows = quotaRows(r);
  const unit = view.cohortBy !== undefined;
  const grades = overall ? [...view.grades, 'none'].filter((g) => (overall.distribution[g] ?? 0) > 0)
    .map((g) => tb('gradeCount', { grade: g === 'none' ? t('noGrade') : g, n: overall.distribution[g] })) : [];
  return h('div', { class: 'quotas' },
    h('h4', {}, tb('quotasTitle')),
    h('table', { class: 'grid quotas' },
      h('thead', {}, h('tr', {}, h('th', {}, tb('quotaScope')), unit ? h('th', {}, view.cohortBy!) : null, h('th', {}, tb('quotaGrade')),
        h('th', {}, tb('quotaLimit')), h('th', {}, tb('quotaNormal')), h('th', {}, tb('quotaHolders')), h('th', {}, tb('quotaOver')))),
      h('tbody', {}, rows.map(({ scope, unit: key, q }) => h('tr', { 'data-quota': `${scope}:${key}:${q.grade}`, ...(q.over?.length ? { class: 'flagged' } : {}) },
        h('td', {}, scopeWord(scope)),
        unit ? h('td', {}, scope === 'overall' ? tb('wholeCohort') : unitLabel(key)) : null,
        h('td', {}, q.grade),
        h('td', { class: 'n' }, tb('quotaOf', { limit: q.limit, base: q.base })),
        h('td', { class: 'n' }, q.normal === undefined ? '' : String(q.normal)),
        h('td', { class: 'n' }, String(q.admitted.length)),
        h('td', { class: 'muted' }, q.over?.length ? `⚑ ${q.over.join(P.list)}${q.flag ? `${P.colon}${q.flag}` : ''}` : ''))))),
    overall ? h('p', { class: 'overall-line', 'data-overall': String(overall.size) }, tb('overallLine', { n: overall.size, grades })) : null);
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
