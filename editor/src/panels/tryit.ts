// Try it: a form generated from the input contract of the text in the editor (plus raw JSON),
// evaluated by the server against the current text — the version it was loaded from while it is
// unchanged, else a draft saved first (App.evaluationTarget) — and the result shown with tables, charts
// and the explanation (requested with `explain`), scores with the scheme's precision.
// Issue 13: a scheme `by committee` gets a collapsible committee decision field (decision-field.ts),
// sent as the subject's `decision`; a scheme with cohort aggregates (`overall max(…)`) cannot be
// evaluated for one person: try-it says so above the form — where the scheme compares — and, if
// evaluated anyway, shows the engine's KH-E040 words the same way, with a button to the batch panel.

import { api, ApiFailure, type Result } from '../api.js';
import type { App } from '../app.js';
import { detailLines } from '../details.js';
import { disposeCharts } from '../charts.js';
import { syntaxProblem } from '../cohort-data.js';
import { DecisionField } from '../decision-field.js';
import { fill, h } from '../dom.js';
import { InputForm } from '../form.js';
import { tf } from '../i18n-form.js';
import { t } from '../i18n.js';
import { P, tb } from '../i18n-batch.js';
import { tc, tcNodes } from '../i18n-cohort.js';
import { renderResult } from '../results.js';

export function tryItPanel(app: App): { el: HTMLElement; refresh(): Promise<void> } {
  const el = h('div', { class: 'panel tryit' });
  const out = h('div', { class: 'output' });
  let form: InputForm | undefined;
  let examples: { name: string; label?: string; input: Record<string, unknown>; period?: string }[] = [];
  let precision = 2;
  let decision: DecisionField | undefined;
  const raw = h('textarea', { class: 'raw', rows: 8, spellcheck: false });
  const rawBox = h('details', { class: 'rawbox' }, h('summary', {}, t('rawJson')), raw,
    h('button', { onclick: () => { try { const v = JSON.parse(raw.value); form?.write(subjectInput(v)); form?.period?.write(bodyPeriod(v)); } catch (e) { app.toast(jsonWords(e), 'error'); } } }, t('applyJson')));

  const refresh = async () => {
    const contract = await app.doc.call('contract', {});
    // Keep what the author typed when the contract is rebuilt (the tab is shown again after edits).
    const before = form?.read(), period = form?.period?.carried(contract.period);
    form = new InputForm(contract.fields, contract.period);
    if (before && Object.keys(before).length) form.write(before);
    form.period?.write(period);
    examples = contract.examples.filter((x) => !x.subjects); // a cohort example is no one person's input
    precision = contract.precision;
    decision = DecisionField.for(contract, decision);
    const pick = h('select', { class: 'example-pick', onchange: () => { const x = examples.find((e) => e.name === pick.value); if (x) { form!.write(x.input); form!.period?.write(x.period); raw.value = JSON.stringify(x.input, null, 2); } } },
      h('option', { value: '' }, `— ${t('fillExample')} —`), examples.map((x) => h('option', { value: x.name }, x.label ? `${x.name}（${x.label}）` : x.name)));
    fill(el,
      h('div', { class: 'toolbar' }, examples.length ? pick : null, h('button', { class: 'primary', 'data-action': 'evaluate', onclick: () => void run() }, t('evaluate'))),
      contract.cohortAggregate ? cohortOnly(contract.cohortAggregate) : null,
      form.el, decision?.el, rawBox, out);
  };

  const run = async () => {
    if (!form) return;
    disposeCharts(out);
    // The raw JSON wins while its box is open: it is how authors paste a subject from elsewhere.
    let input: Record<string, unknown>;
    let period = form.period?.read();
    const rawWins = rawBox.open && raw.value.trim() !== '';
    /** A field's problem, said before anything is sent. */
    const refuse = (field: string, problem: string) => {
      fill(out, h('div', { class: 'problems-box error' }, h('p', {}, h('b', {}, field), `${P.colon}${problem}`)));
      reveal();
    };
    const decided = decision?.read() ?? {};
    if ('problem' in decided && !rawWins) return refuse(tc('decisionProblem'), decided.problem);
    let chosen = 'decision' in decided ? decided.decision : undefined;
    const wrong = rawWins ? undefined : form.period?.problem();
    if (wrong) return refuse(tf('period'), wrong);
    try {
      if (rawWins) {
        const v = JSON.parse(raw.value);
        input = subjectInput(v);
        period = bodyPeriod(v) ?? period;
        chosen = bodyDecision(v) ?? chosen;
      } else input = form.read();
    } catch (e) {
      // Said where the result would be, so an earlier result does not stand as if it were this one's.
      fill(out, h('p', { class: 'error' }, jsonWords(e)));
      reveal();
      return;
    }
    // What the editor shows is what is evaluated (App.evaluationTarget: a draft is saved first when
    // the text is unsaved).
    const target = await app.evaluationTarget();
    if (!target) return;
    if (!rawBox.open) raw.value = JSON.stringify(input, null, 2);
    fill(out, h('p', { class: 'muted' }, t('loading')));
    try {
      const r = (await api.evaluate(target.schemeId, target.version, { id: 'try', input, ...(period !== undefined ? { period } : {}), ...(chosen ? { decision: chosen } : {}) }, { explain: true })) as Result;
      fill(out, h('h3', { class: 'ok result-head' }, t('evaluated', { id: String(r.evaluationId ?? '') })),
        r.period ? h('p', { class: 'period-line', 'data-period': r.period }, tf('periodOf', { period: r.period })) : null, renderResult(r, precision));
    } catch (e) {
      fill(out, cohortRefusal(e) ?? problems(e));
    }
    reveal();
  };

  /** The outcome is below the form, out of sight on a 1366×768 screen: after every evaluation it is
   * scrolled to the top of the panel and its first line (the heading, or the refusal) focused, so a
   * screen reader reads it too. */
  const reveal = () => {
    const head = out.firstElementChild as HTMLElement | null;
    if (!head) return;
    head.tabIndex = -1;
    head.dataset.outcomeHead = '';
    out.scrollIntoView({ block: 'start' });
    // A form of rows (ballots, records) can leave the heading half a pixel above the panel's top
    // edge: scroll back by that fraction so its first line is wholly in view.
    const box = out.closest('.panel-box');
    const above = box ? head.getBoundingClientRect().top - box.getBoundingClientRect().top : 0;
    if (box && above < 0) box.scrollTop += Math.floor(above);
    head.focus({ preventScroll: true });
  };

  return { el, refresh };
}

/** The tab button of the batch panel, clicked: how try-it points to it. */
const toBatch = () => h('button', { 'data-action': 'to-batch', onclick: () => document.querySelector<HTMLElement>('[data-tab="cohort"]')?.click() }, tc('toBatch', { tab: t('cohort') }));

/** Above the form of a scheme with cohort aggregates: it is evaluated as a cohort only. */
function cohortOnly(at: { line: number; text: string }): HTMLElement {
  return h('div', { class: 'cohort-only', 'data-cohort-only': '' },
    h('p', {}, h('b', {}, tc('cohortOnlyTitle'))),
    h('p', {}, tcNodes('cohortOnlyWhere', { line: String(at.line), expr: h('code', {}, at.text) }), P.semi, tc('cohortOnlyHow', { tab: t('cohort') })),
    toBatch());
}

/** KH-E040 (one subject of a scheme that compares it with its cohort): the engine's words, in the UI
 * language from the server, under the same heading and with the way to the batch. */
function cohortRefusal(e: unknown): HTMLElement | undefined {
  if (!(e instanceof ApiFailure)) return undefined;
  const d = e.details.find((x): x is { code: string; message: string } => (x as { code?: unknown })?.code === 'KH-E040');
  if (!d) return undefined;
  return h('div', { class: 'problems-box error cohort-only', 'data-code': 'KH-E040' },
    h('p', {}, h('b', {}, tc('cohortOnlyTitle'))), h('p', {}, d.message), toBatch());
}

/** A refusal as a heading and one line per problem. */
export function problems(e: unknown): HTMLElement {
  if (!(e instanceof ApiFailure)) return h('p', { class: 'error' }, e instanceof Error ? e.message : String(e));
  const head = e.code === 'invalid_input' ? t('inputProblems') : e.code === 'invalid_scheme' ? t('schemeProblems') : e.code === 'failing_examples' ? t('failingExamples') : e.words;
  return h('div', { class: 'problems-box error' }, h('p', {}, h('b', {}, head), e.code === 'invalid_input' || e.code === 'invalid_scheme' || e.code === 'failing_examples' ? `${P.colon}${e.message}` : ''),
    h('ul', {}, detailLines(e.details).map((x) => h('li', {}, x))));
}

/** The input of a pasted subject: the input object itself, or a whole `{"id", "input", "period"}` as
 * the API and the command line take it. */
export function subjectInput(v: unknown): Record<string, unknown> {
  const o = v as Record<string, unknown>;
  if (o && typeof o === 'object' && !Array.isArray(o) && 'input' in o && typeof o.input === 'object' && o.input !== null
    && Object.keys(o).every((k) => k === 'id' || k === 'input' || k === 'period' || k === 'decision')) return o.input as Record<string, unknown>;
  return o;
}

/** The period of a pasted request body (`{"id", "input", "period"}`), if it has one. */
function bodyPeriod(v: unknown): string | undefined {
  const o = v as Record<string, unknown> | null;
  return o && typeof o === 'object' && 'input' in o && typeof o.period === 'string' ? o.period : undefined;
}

/** The committee decision of a pasted request body (`{"id", "input", "decision"}`), if it has one:
 * sent as it is (the server checks it). */
function bodyDecision(v: unknown): { grade?: string; order?: number; reason: string } | undefined {
  const o = v as Record<string, unknown> | null;
  return o && typeof o === 'object' && 'input' in o && o.decision && typeof o.decision === 'object' ? o.decision as { reason: string } : undefined;
}

/** A JSON syntax error in words of the UI (the parser's own are English): where it stopped. */
function jsonWords(e: unknown): string {
  const p = syntaxProblem(e);
  return p.kind === 'syntax' && p.at !== undefined ? tb('rawJsonAt', { at: p.at }) : tb('rawJson');
}
