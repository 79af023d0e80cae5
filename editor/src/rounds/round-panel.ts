// One round's page: its heading and status, whether its results are current (state-panel.ts), the
// roster and input parts uploaded as spreadsheets (sheet.ts), the members and what is missing
// (members-panel.ts), evaluate → 公示 with its end date → finalize, the amendment form
// (amend-panel.ts), what the last amendment or refresh changed (changes-panel.ts) and the revisions
// (revisions-panel.ts); a 公示 already held recorded late, and voiding a trial round (catch-up-panel.ts).

import type { CohortResult } from '../../../engine/api.js';
import { ask } from '../dialog.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { roundPapers } from '../papers/links.js';
import { amendForm } from './amend-panel.js';
import { roundsApi } from './api.js';
import { lateFields, publicityRecordNote, voidButton } from './catch-up-panel.js';
import { changesTable } from './changes-panel.js';
import { badge, filePicker, pendingWords } from './common.js';
import type { RoundActions, Shown, ViewCtx } from './context.js';
import { tc } from './i18n-catch-up.js';
import { tr, trNodes } from './i18n.js';
import { membersTable } from './members-panel.js';
import { problemList, refusal } from './refusal.js';
import { rosterNames } from './refusal-words.js';
import { revisionsList } from './revisions-panel.js';
import { rosterRules } from '../../../sheets/index.js';
import { readInputs, readMembers } from './sheet.js';
import { withRosterInputs } from './roster-columns.js';
import { stateNotes } from './state-panel.js';

/** `notices`: what the last input part's read said (the sheet read, hidden sheets, the template's
 * example row, extra columns, GBK…), shown above the page's output as the batch panel shows them. */
export async function showRound(v: ViewCtx, id: string, changes?: Shown, notices: readonly string[] = []): Promise<void> {
  const { app, el } = v;
  const r = await roundsApi.get(id);
  const exported = roundsApi.exportOf(id);
  if (r.revision > 0 && !r.result) {
    const current = await exported.result().catch(() => null);
    if (current) v.lastResult.set(id, current);
  }
  const result: CohortResult | null = r.revision === 0 ? null : r.result ?? v.lastResult.get(id) ?? null;
  const out = h('div', { class: 'output round-output' });
  // The server's advice after an amendment that changed a running 公示 (publicize again): a warning,
  // not a passing toast (U6 M-8).
  fill(out,
    changes?.notice ? h('div', { class: 'warning state-note', 'data-republish': '' }, changes.notice) : null,
    notices.length ? h('ul', { class: 'notices', 'data-read-notices': '' }, notices.map((n) => h('li', { class: 'notice' }, n))) : null);
  /** The people of the request being sent, for naming its problems. */
  let ids: string[] = [];
  /** Whose names name them (人员“李伟”（编号…）): the round's roster, or the roster being sent. */
  let named: readonly { id: string; display?: Record<string, unknown> }[] = r.members;
  const actions: RoundActions = {
    reload: (c?: Shown) => showRound(v, id, c).catch(v.failed),
    guard: async (f) => {
      fill(out);
      ids = [];
      named = r.members;
      try { await f(); } catch (e) { fill(out, refusal(e, ids, rosterNames(named))); out.scrollIntoView({ block: 'nearest' }); }
    },
  };
  const { guard, reload } = actions;

  const closed = r.status === 'publicity' || r.status === 'final';
  const roster = filePicker('upload-roster', tr('uploadRoster'), closed, (f) => void guard(async () => {
    // The round's inputs choose a workbook's roster sheet (the batch page's choice: U6 M-1).
    const c = await v.contractOf(r);
    const read = await readMembers(f, c.fields);
    if (!read.ok) { fill(out, problemList(tr('readProblems'), read.problems)); return; }
    // Its columns that are scheme inputs are sent as inputs (U6 H-1); the answer says which.
    const members = await withRosterInputs(f, read.items, c, await rosterRules(c));
    if (!members.ok) { fill(out, problemList(tr('readProblems'), members.problems)); return; }
    ids = members.items.map((m) => m.id);
    named = members.items;
    const saved = await roundsApi.putRoster(id, members.items);
    app.toast(tr('rosterSaved', { n: members.items.length }), 'ok');
    await showRound(v, id, undefined, [...read.notices, ...(saved.notice ? [saved.notice] : [])]).catch(v.failed);
  }));
  const part = h('input', { name: 'part', placeholder: tr('partHint') });
  const inputs = filePicker('upload-inputs', tr('uploadInputs'), closed, (f) => void guard(async () => {
    const c = await v.contractOf(r);
    const read = await readInputs(f, c.fields, await rosterRules(c));
    if (!read.ok) { fill(out, problemList(tr('readProblems'), read.problems)); return; }
    ids = read.items.map((m) => m.id);
    await roundsApi.submitInputs(id, read.items, part.value.trim() || undefined);
    app.toast(tr('inputsSaved', { n: read.items.length }), 'ok');
    // The read's notices stay on the page drawn again (the toast says it was saved: GBK is a notice here).
    await showRound(v, id, undefined, [...(read.gbk ? [t('readAsGbk')] : []), ...read.notices]).catch(v.failed);
  }));

  // A text field, not type=date: the browser's date control speaks the browser's language.
  const until = h('input', { name: 'until', placeholder: tr('untilHint'), size: 12, value: r.publicityUntil?.slice(0, 10) ?? '' });
  const late = lateFields(r);
  // 公示 and final wait for current results: the server refuses them while the round is out of date
  // or changed since its evaluation (the notes at the top say why and what to do).
  const steps = h('div', { class: 'toolbar round-steps' },
    h('button', { class: 'primary', 'data-action': 'evaluate-round', disabled: !(r.status === 'open' || r.status === 'evaluated'),
      onclick: () => void guard(async () => {
        ids = r.members.filter((m) => m.status !== 'absent').map((m) => m.id); // the cohort, in roster order
        const done = await roundsApi.evaluate(id);
        if (done.result) v.lastResult.set(id, done.result);
        app.toast(tr('evaluatedOk', { n: done.revision }), 'ok');
        await reload();
      }) }, tr('evaluate')),
    h('label', { class: 'inline' }, tr('until'), until),
    // In 公示 it publicizes again (an amendment that changed what is shown says to: U6 M-8; the end
    // date may only move later).
    h('button', { 'data-action': 'publicize', disabled: !(r.status === 'evaluated' || r.status === 'publicity') || r.changed || r.outOfDate, onclick: () => void guard(async () => {
      const day = until.value.trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { fill(out, problemList(tr('untilNeeded'), [])); return; }
      // A 公示 already held (U6 M-3): its first day and why, sent with the end date.
      const held = late.value();
      if (held === 'invalid') { fill(out, problemList(tc('lateNeeded'), [])); return; }
      await roundsApi.publicize(id, day, held);
      app.toast(tr('publicizedOk', { date: day }), 'ok');
      await reload();
    }) }, tr(r.status === 'publicity' ? 'republicize' : 'publicize')),
    h('button', { 'data-action': 'finalize', disabled: r.status !== 'publicity' || r.outOfDate, onclick: () => void guard(async () => {
      const yes = await ask({ name: 'finalize', title: tr('finalizeTitle', { name: r.name ?? r.id }), body: [h('p', {}, tr('finalizeBody', { days: r.appealDays ?? 30 }))],
        ok: tr('finalize'), cancel: t('cancel') });
      if (!yes) return;
      await roundsApi.finalize(id);
      app.toast(tr('finalizedOk'), 'ok');
      await reload();
    }) }, tr('finalize')),
    voidButton(v, r, actions));

  // Scores in the members table and the change list carry the scheme's precision (91.00: U6 L-6).
  const precision = r.revision > 0 ? (await v.contractOf(r).catch(() => null))?.precision : undefined;
  const shownChanges = changes ? changesTable(changes, precision) : null;
  fill(el,
    v.nav(h('button', { 'data-action': 'refresh-round', onclick: () => void reload() }, tr('refresh'))),
    h('h2', { 'data-round-id': r.id }, r.name ?? r.id, ' ', badge(r.status)),
    h('p', { class: 'round-meta' }, [
      tr('schemeVersion', { scheme: r.scheme, n: r.version }), `${tr('period')} ${r.period}`, `${tr('unit')} ${r.unit ?? tr('allUnits')}`,
      r.revision ? tr('revisionLine', { n: r.revision }) : null, r.publicityUntil ? tr('publicityUntil', { date: r.publicityUntil.slice(0, 10) }) : null,
    ].filter((x): x is string => !!x).join(' · ')),
    publicityRecordNote(r.publicityRecord),
    stateNotes(v, r, actions),
    r.pending.length ? h('p', { class: 'warning', 'data-not-final': '' }, tr('notFinal', { list: r.pending.map(pendingWords) })) : null,
    out,
    // What a source refresh changed, right under the notes with its button.
    changes?.subject === null ? shownChanges : null,
    h('h3', {}, tr('roster')),
    h('p', { class: 'muted' }, trNodes('rosterHint', { xlsx: h('code', {}, '.xlsx'), csv: h('code', {}, '.csv') })),
    h('div', { class: 'toolbar' }, roster),
    h('h3', {}, tr('inputs')),
    h('p', { class: 'muted' }, tr('inputsHint')),
    h('div', { class: 'toolbar' }, h('label', { class: 'inline' }, tr('part'), part), inputs,
      closed ? h('span', { class: 'muted', 'data-inputs-closed': '' }, tr('inputsClosed')) : null),
    membersTable(r, result, precision),
    h('h3', {}, tr('steps')), steps, late.el,
    r.status === 'open' ? null : amendForm(v, r, result, actions, exported),
    // What an amendment changed, under its form.
    changes && changes.subject !== null ? shownChanges : null,
    // The printable files of the round (issue 15): feedback sheets, 公示名单, 登记表, 结果通知.
    roundPapers(r, r.members),
    revisionsList(r));
  shownChanges?.scrollIntoView({ block: 'nearest' });
}
