// The publish panel's 发布前模拟 (issue 15 item 2): before publishing, run a stored round's inputs
// under the text in the editor and see what publishing would do to it — per unit the grades and
// quotas before → after (tables.ts), the declarations that differ from the round's version, and
// everyone whose score, rank, grade or actions change, with both explanations side by side on a
// click (detail.ts). The text sent is the editor's, saved or not (the server checks it as publishing
// would: errors and failing examples come back as a 422 with the diagnostics, listed here with their
// lines a click away); a round never evaluated is a 409. Nothing is stored by the server, and the
// panel says so. Lines in the answer are the simulated text's: clicking one selects it in Monaco.

import './whatif.css';
import type { Diagnostic } from '../../../dsl/diagnostics.js';
import type { PersonChange, WhatIf } from '../../../simulate/types.js';
import { ApiFailure } from '../api.js';
import type { App } from '../app.js';
import { detailLines } from '../details.js';
import { fill, h } from '../dom.js';
import { diagText, t } from '../i18n.js';
import { problems } from '../panels/tryit.js';
import type { Round } from '../rounds/api.js';
import { statusWord } from '../rounds/common.js';
import { evaluatedRounds, runWhatIf } from './api.js';
import { personDetail, rankWords, who } from './detail.js';
import { tw, type WhatIfKey } from './i18n.js';
import { distributionTable, quotaTable, rulesList, scoreText, summaryLine, type Reveal } from './tables.js';

export interface WhatIfSection { el: HTMLElement; refresh(): Promise<void> }

/** The changed people's table: who (name, id, unit), before, after, the grade's direction. */
const COLUMNS: readonly WhatIfKey[] = ['colPerson', 'colBefore', 'colAfter', 'colMove'];

const isDiagnostic = (d: unknown): d is Diagnostic => !!d && typeof d === 'object' && 'code' in d && 'range' in d;

export function whatifSection(app: App): WhatIfSection {
  const picker = h('select', { name: 'whatif-round' });
  const out = h('div', { class: 'output whatif-output' });
  const note = h('p', { class: 'muted' });
  let rounds: Round[] = [];
  /** The scheme whose rounds the picker lists. */
  let listedFor: string | undefined;

  /** Selects lines `from`–`to` of the editor's text (the one simulated) and shows them. */
  const reveal: Reveal = (from, to) => {
    // Clamped: the text may have been shortened since it was simulated.
    const count = app.doc.model.getLineCount();
    const first = Math.min(from, count), last = Math.min(Math.max(to, first), count);
    app.editor.revealLinesInCenter(first, last);
    app.editor.setSelection({ startLineNumber: first, startColumn: 1, endLineNumber: last, endColumn: app.doc.model.getLineMaxColumn(last) });
    app.editor.focus();
  };

  const loadRounds = async () => {
    const scheme = app.state.schemeId;
    listedFor = scheme;
    if (!scheme) { rounds = []; fill(picker); picker.disabled = true; fill(note, tw('openFirst')); return; }
    rounds = await evaluatedRounds(scheme);
    const chosen = picker.value;
    fill(picker, h('option', { value: '' }, tw('chooseRound')), rounds.map((r) => h('option', { value: r.id, selected: r.id === chosen },
      tw('roundOption', { name: r.name ?? r.id, period: r.period, status: statusWord(r.status), n: r.revision }))));
    if (!picker.value && rounds.length === 1) picker.value = rounds[0].id;
    picker.disabled = rounds.length === 0;
    fill(note, rounds.length ? tw('hint') : tw('noRounds'));
  };

  const run = async () => {
    const round = picker.value;
    if (!round) { picker.focus(); return; }
    fill(out, h('p', { class: 'muted' }, tw('running')));
    // The text simulated, kept for the next pages (the editor's may change meanwhile).
    const source = app.text;
    try {
      const w = await runWhatIf(round, source);
      fill(out, report(w, round, source));
    } catch (e) {
      fill(out, refusal(e));
    }
    out.scrollIntoView({ block: 'nearest' });
  };

  /** The whole answer: what was run, nothing stored, the summary, the tables, the rules, the people. */
  const report = (w: WhatIf, round: string, source: string): HTMLElement => {
    const people = h('tbody', {});
    const moreBox = h('div', { class: 'toolbar' });
    let shown = 0;
    const add = (page: WhatIf) => {
      for (const c of page.changes) people.append(...personRows(c, w));
      shown += page.changes.length;
      fill(moreBox, page.next ? [
        h('button', { 'data-action': 'whatif-more', onclick: () => void more(page.next!) }, tw('more')),
        h('span', { class: 'muted' }, tw('shown', { n: shown, total: w.summary.changed })),
      ] : null);
    };
    const more = async (cursor: string) => {
      try { add(await runWhatIf(round, source, cursor)); } catch (e) { fill(moreBox, refusal(e)); }
    };
    add(w);
    return h('div', { class: 'whatif-report', 'data-round': w.round.id },
      h('p', { class: 'muted' }, tw('simulated', {
        round: w.round.name ?? w.round.id, revision: w.round.revision, before: w.scheme.before.version,
        label: w.scheme.before.label === null ? '' : tw('versionLabel', { label: w.scheme.before.label }),
      })),
      h('p', { class: 'ok', 'data-nothing-stored': '' }, tw('nothingStored')),
      summaryLine(w),
      h('h4', {}, tw('distribution')), distributionTable(w),
      h('h4', {}, tw('quotas')), quotaTable(w),
      h('h4', {}, tw('rules')), rulesList(w.rules, reveal),
      w.summary.changed ? [
        h('h4', {}, tw('changes')),
        h('p', { class: 'muted' }, tw('detailHint')),
        h('table', { class: 'grid whatif-changes' },
          h('thead', {}, h('tr', {}, COLUMNS.map((k) => h('th', {}, tw(k))))),
          people),
        moreBox,
      ] : null);
  };

  /** A changed person's row — who, before, after, the grade's direction — with the reason in words
   * under it, and under that (hidden until the row is clicked) both explanations side by side. */
  const personRows = (c: PersonChange, w: WhatIf): HTMLElement[] => {
    const standing = (s: PersonChange['before']) => tw('standing', { score: scoreText(s.score, w.precision), grade: s.grade ?? tw('noGrade'), rank: rankWords(s) });
    const detail = h('tr', { class: 'whatif-detail-row', hidden: true, 'data-detail-of': c.subject });
    const rows: HTMLElement[] = [];
    const toggle = () => {
      const open = detail.hidden;
      if (open && !detail.firstChild) detail.append(h('td', { colspan: COLUMNS.length }, personDetail(c, w.rules, reveal, w.precision)));
      detail.hidden = !open;
      for (const r of rows) r.classList.toggle('open', open);
    };
    const attrs = { tabindex: 0, role: 'button', title: tw('detailHint'), onclick: toggle,
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } } };
    rows.push(
      h('tr', { class: `whatif-person ${c.direction}`, 'data-subject': c.subject, 'data-direction': c.direction, ...attrs },
        h('td', { class: 'who' }, who(c), h('div', { class: 'muted' }, c.unit)),
        h('td', { class: 'before' }, standing(c.before)), h('td', { class: 'after' }, standing(c.after)),
        h('td', { class: `move ${c.direction}` }, tw(c.direction))),
      h('tr', { class: 'whatif-reason', 'data-reason-of': c.subject, onclick: toggle }, h('td', { colspan: COLUMNS.length, class: 'reason' }, c.reason)));
    return [...rows, detail];
  };

  /** A refusal: the text's problems (each a click away in the editor), a round never evaluated, inputs
   * the text needs that the round never had (per person), or anything else in words. */
  const refusal = (e: unknown): HTMLElement => {
    if (!(e instanceof ApiFailure)) return problems(e);
    if (e.status === 409) return h('div', { class: 'problems-box error', 'data-refused': e.code }, h('p', {}, h('b', {}, tw('neverEvaluated'))), e.message ? h('p', {}, e.message) : null);
    if (e.status === 422) {
      const diags = e.details.filter(isDiagnostic);
      const other = e.details.filter((d) => !isDiagnostic(d));
      const examples = other.some((d) => !!d && typeof d === 'object' && 'failures' in d);
      const inputs = other.some((d) => !!d && typeof d === 'object' && ('subject' in d || 'path' in d));
      const head = diags.length ? tw('refusedScheme') : examples ? tw('refusedExamples') : inputs ? tw('refusedInputs') : e.words;
      return h('div', { class: 'problems-box error', 'data-refused': e.code },
        h('p', {}, h('b', {}, head)),
        // The failing examples' count is the server's to say (N of M); other headings say it all.
        examples && !diags.length && e.message ? h('p', {}, e.message) : null,
        h('ul', {},
          diags.map((d) => h('li', {}, h('a', { href: '#', class: 'rule-line', 'data-code': d.code, onclick: (ev: Event) => { ev.preventDefault(); app.reveal(d); } },
            t('line', { l: d.range.start.line })), ` ${d.code} ${diagText(d)}`)),
          detailLines(other).map((x) => h('li', {}, x))));
    }
    return problems(e);
  };

  const el = h('section', { class: 'whatif', 'data-whatif': '' },
    h('h3', {}, tw('title')),
    note,
    h('div', { class: 'toolbar' },
      h('label', { class: 'inline' }, tw('round'), picker),
      h('button', { class: 'primary', 'data-action': 'whatif', onclick: () => void run() }, tw('run')),
      h('button', { 'data-action': 'whatif-rounds', onclick: () => void loadRounds().catch((e: unknown) => app.fail(e)) }, tw('reloadRounds'))),
    out);

  // Another scheme opened: its rounds, and the old answer goes (it was about another scheme).
  app.onChange(() => {
    if (app.state.schemeId === listedFor) return;
    fill(out);
    if (el.isConnected && !el.closest('[hidden]')) void loadRounds().catch((e: unknown) => app.fail(e));
  });
  return {
    el,
    refresh: async () => { if (app.state.schemeId !== listedFor || !rounds.length) await loadRounds(); },
  };
}
