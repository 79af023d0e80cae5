// Batch evaluation (批量评定): a roster uploaded (.xlsx, .csv) or pasted (a table copied from Excel,
// CSV, JSON) is read against the inputs of the scheme on screen (roster-input.ts), evaluated together
// against that text (quotas apply per cohort), and shown person by person with the grade
// distribution per unit (cohort-table.ts). A template for the roster and the results (.xlsx, .csv)
// can be downloaded (downloads.ts). Problems name the row and column; nothing half-read is evaluated.
// A scheme with a `period` kind, or one that names the period's start or end, gets a period field
// (issue 12): one period for the whole roster, sent with the batch.

import { api, ApiFailure, type CohortResult } from '../api.js';
import type { App } from '../app.js';
import { disposeCharts } from '../charts.js';
import { renderCohort, type SchemeView } from '../cohort-table.js';
import { fill, h } from '../dom.js';
import { downloadResults, downloadTemplate, type Evaluated } from '../downloads.js';
import { PeriodField } from '../form.js';
import { t } from '../i18n.js';
import { tf } from '../i18n-form.js';
import type { Contract } from '../../../dsl/service/index.js';
import { tb, tbNodes } from '../i18n-batch.js';
import { rosterRules } from '../../../sheets/index.js';
import { readSubjects, rosterErrors, type Line, type RosterFile } from '../roster-input.js';
import { problems } from './tryit.js';

export function cohortPanel(app: App): { el: HTMLElement; refresh(): Promise<void> } {
  const periodSlot = h('div', { class: 'form cohort-period' });
  let period: PeriodField | undefined;
  /** The period field as the scheme on screen asks for it; what was typed is kept. */
  const syncPeriod = (contract: Contract) => {
    if (contract.period && period?.sameAs(contract.period)) return;
    const typed = period?.carried(contract.period);
    period = contract.period ? new PeriodField(contract.period, tf('batchPeriodHint')) : undefined;
    period?.write(typed);
    fill(periodSlot, period?.el);
  };
  let file: RosterFile | undefined;
  const box = h('textarea', { class: 'cohort-input', rows: 8, spellcheck: false, placeholder: '编号,姓名,岗位,缺勤天数,…\nA001,张三,行政执法,1,…',
    oninput: () => { if (file) setFile(undefined); } });
  const chip = h('div', { class: 'roster-file', hidden: true });
  const setFile = (f: RosterFile | undefined) => {
    file = f;
    chip.hidden = !f;
    box.hidden = !!f; // the file is what is evaluated; pasting again starts from “改为粘贴”
    fill(chip, f ? [h('span', { 'data-roster-file': f.name }, tb('rosterFile', { file: f.name })),
      h('button', { class: 'link', onclick: () => setFile(undefined) }, tb('rosterClear'))] : null);
  };
  // A hidden file input behind a button of ours: the browser's own control says “Choose File” in
  // the browser's language, not the page's.
  const picker = h('input', { type: 'file', accept: '.xlsx,.csv,.txt,.json', hidden: true, 'data-roster-input': '', onchange: async () => {
    const f = picker.files?.[0];
    picker.value = '';
    if (!f) return;
    box.value = '';
    setFile({ name: f.name, bytes: await f.arrayBuffer() });
  } });
  const out = h('div', { class: 'output' });
  let last: Evaluated | undefined;

  const run = async () => {
    disposeCharts(out);
    last = undefined;
    const contract = await app.doc.call('contract', {});
    syncPeriod(contract);
    // A period the engine would refuse (none where the scheme needs one, another kind's form) is
    // said here in the panel's words, beside the field, before anything is sent.
    const wrong = period?.problem();
    if (wrong) { fill(out, lines(tf('period'), [wrong])); return; }
    const read = await readSubjects(file ?? box.value, contract.fields, await rosterRules(contract)); // the template's example noticed too
    if (!read.ok) { fill(out, lines(tb('rosterProblems'), read.problems)); return; }
    if (read.gbk) app.toast(t('readAsGbk'), 'info');
    // What the editor shows is what is evaluated (App.evaluationTarget: a draft is saved first when
    // the text is unsaved).
    const target = await app.evaluationTarget();
    if (!target) return;
    fill(out, h('p', { class: 'muted' }, t('loading')));
    let r: CohortResult;
    try {
      r = (await api.evaluate(target.schemeId, target.version, { subjects: read.subjects, ...(period?.read() !== undefined ? { period: period.read() } : {}) })) as CohortResult;
    } catch (e) {
      const located = e instanceof ApiFailure && e.code === 'invalid_input' ? rosterErrors(read, e.details) : undefined;
      fill(out, located ? lines(tb('inputErrors'), located) : problems(e));
      return;
    }
    last = { contract, subjects: read.subjects, result: r, scheme: target.schemeId, idHeader: read.roster?.index.idColumn };
    const view: SchemeView = { precision: contract.precision, cohortBy: contract.cohortBy, grades: contract.grades };
    fill(out,
      read.notices.length ? h('ul', { class: 'notices' }, read.notices.map((n) => h('li', { class: 'notice' }, n))) : null,
      h('div', { class: 'toolbar result-bar' }, h('span', {}, t('subjects', { n: r.results.length })),
        h('button', { 'data-action': 'download-xlsx', onclick: () => void download('xlsx') }, tbNodes('downloadXlsx', { ext: h('code', {}, '.xlsx') })),
        h('button', { 'data-action': 'download-csv', onclick: () => void download('csv') }, tbNodes('downloadCsv', { ext: h('code', {}, '.csv') }))),
      renderCohort(r, view));
  };

  const download = async (format: 'xlsx' | 'csv') => {
    if (last) await downloadResults(last, format).then((notice) => notice && app.toast(notice, 'info')).catch((e: unknown) => app.fail(e));
  };
  const template = async () => {
    const contract = await app.doc.call('contract', {});
    await downloadTemplate(contract, app.currentTarget().schemeId).catch((e: unknown) => app.fail(e));
  };

  const el = h('div', { class: 'panel cohort' },
    h('p', { class: 'muted' }, tbNodes('cohortHint', { xlsx: h('code', {}, '.xlsx'), csv: h('code', {}, '.csv'), json: h('code', {}, 'JSON') })),
    periodSlot, chip, box,
    h('div', { class: 'toolbar' },
      h('button', { 'data-action': 'upload-roster', onclick: () => picker.click() }, tb('uploadRoster')), picker,
      h('button', { 'data-action': 'download-template', onclick: () => void template() }, tb('downloadTemplate')),
      h('button', { class: 'primary', 'data-action': 'evaluate-cohort', onclick: () => void run() }, t('evaluateCohort'))),
    out);
  return { el, refresh: async () => syncPeriod(await app.doc.call('contract', {})) };
}

/** A heading and one line per problem, as the other refusals are shown. */
function lines(head: string, items: Line[]): HTMLElement {
  return h('div', { class: 'problems-box error' }, h('p', {}, h('b', {}, head)),
    h('ul', {}, items.map((x) => h('li', {}, x))));
}
