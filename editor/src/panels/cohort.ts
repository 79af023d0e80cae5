// Cohort: paste or upload subjects (JSON or CSV, see cohort-data.ts), evaluate them together against
// the current text (quotas apply per cohort), and show every subject's grade plus the grade
// distribution of each cohort as a chart.

import { api, type CohortResult } from '../api.js';
import type { App } from '../app.js';
import { chart, disposeCharts } from '../charts.js';
import { decodeFile, emptyQuotas, parseCohort } from '../cohort-data.js';
import { fill, h, num } from '../dom.js';
import { t } from '../i18n.js';
import { problems } from './tryit.js';

export function cohortPanel(app: App): HTMLElement {
  const box = h('textarea', { class: 'cohort-input', rows: 8, spellcheck: false, placeholder: 'id,岗位,缺勤天数,…\nA001,行政执法,1,…' });
  const file = h('input', { type: 'file', accept: '.json,.csv,.txt', onchange: async () => {
    const f = file.files?.[0];
    if (!f) return;
    const { text, encoding } = decodeFile(await f.arrayBuffer());
    box.value = text;
    if (encoding !== 'utf-8') app.toast(t('readAsGbk'), 'info');
  } });
  const out = h('div', { class: 'output' });

  const run = async () => {
    disposeCharts(out);
    const contract = await app.doc.call('contract', {});
    let subjects;
    try { subjects = parseCohort(box.value, contract.fields); } catch (e) { fill(out, h('p', { class: 'error' }, t('cohortParseError', { msg: e instanceof Error ? e.message : String(e) }))); return; }
    const version = await app.versionOfText();
    if (version === undefined) return;
    fill(out, h('p', { class: 'muted' }, t('loading')));
    try {
      const r = (await api.evaluate(app.state.schemeId!, version, { subjects })) as CohortResult;
      fill(out, render(r));
    } catch (e) {
      fill(out, problems(e));
    }
  };

  return h('div', { class: 'panel cohort' },
    h('p', { class: 'muted' }, t('cohortInput')), box,
    h('div', { class: 'toolbar' }, file, h('button', { class: 'primary', 'data-action': 'evaluate-cohort', onclick: () => void run() }, t('evaluateCohort'))),
    out);
}

function render(r: CohortResult): HTMLElement {
  const grades = new Set<string>();
  const cohorts = r.cohorts.map((c) => {
    const d = (c.distribution ?? {}) as Record<string, number>;
    Object.keys(d).forEach((g) => grades.add(g));
    return { key: String(c.key ?? '—'), size: Number(c.size ?? 0), d };
  });
  const gradeList = [...grades];
  return h('div', { class: 'cohort-result' },
    h('p', {}, t('subjects', { n: r.results.length })),
    emptyQuotas(r.cohorts).map((q) => h('p', { class: 'warning', 'data-empty-quota': q.grade },
      `⚠ ${t('emptyQuota', { cohort: q.cohort || t('wholeCohort'), grade: q.grade, n: q.base })}`)),
    h('table', { class: 'grid subjects' },
      h('thead', {}, h('tr', {}, [t('id'), t('score'), t('grade'), ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, r.results.map((s) => {
        const q = s.quota as { demotedTo?: string; reason?: string } | undefined;
        return h('tr', { 'data-subject': s.subject }, h('td', {}, s.subject), h('td', { class: 'n' }, num(s.score)),
          h('td', {}, s.grade ?? t('noGrade')), h('td', { class: 'muted' }, q?.demotedTo ? `${t('demoted')} ${q.demotedTo}${q.reason ? `（${q.reason}）` : ''}` : ''));
      }))),
    h('h4', {}, t('distribution')),
    chart({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cohorts.map((c) => `${c.key}（${c.size}）`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: gradeList.map((g) => ({ type: 'bar', stack: 'n', name: g === 'none' ? t('noGrade') : g, data: cohorts.map((c) => c.d[g] ?? 0) })),
    }, 280));
}
