// One round's page: its heading and status, whether its results are current (state-panel.ts), the
// roster and input parts uploaded as spreadsheets (sheet.ts), the members and what is missing
// (members-panel.ts), evaluate → 公示 with its end date → finalize, the amendment form
// (amend-panel.ts), what the last amendment or refresh changed (changes-panel.ts) and the revisions
// (revisions-panel.ts).

import type { CohortResult } from '../../../engine/api.js';
import { ask } from '../dialog.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { roundPapers } from '../papers/links.js';
import { amendForm } from './amend-panel.js';
import { roundsApi } from './api.js';
import { changesTable } from './changes-panel.js';
import { badge, filePicker, pendingWords } from './common.js';
import type { RoundActions, Shown, ViewCtx } from './context.js';
import { tr, trNodes } from './i18n.js';
import { membersTable } from './members-panel.js';
import { problemList, refusal } from './refusal.js';
import { revisionsList } from './revisions-panel.js';
import { rosterRules } from '../../../sheets/index.js';
import { readInputs, readMembers } from './sheet.js';
import { stateNotes } from './state-panel.js';

export async function showRound(v: ViewCtx, id: string, changes?: Shown): Promise<void> {
  const { app, el } = v;
  const r = await roundsApi.get(id);
  if (r.revision > 0 && !r.result) {
    const current = await roundsApi.currentResult(id).catch(() => null);
    if (current) v.lastResult.set(id, current);
  }
  const result: CohortResult | null = r.revision === 0 ? null : r.result ?? v.lastResult.get(id) ?? null;
  const out = h('div', { class: 'output round-output' });
  /** The people of the request being sent, for naming its problems. */
  let ids: string[] = [];
  const actions: RoundActions = {
    reload: (c?: Shown) => showRound(v, id, c).catch(v.failed),
    guard: async (f) => {
      fill(out);
      ids = [];
      try { await f(); } catch (e) { fill(out, refusal(e, ids)); out.scrollIntoView({ block: 'nearest' }); }
    },
  };
  const { guard, reload } = actions;

  const closed = r.status === 'publicity' || r.status === 'final';
  const roster = filePicker('upload-roster', tr('uploadRoster'), closed, (f) => void guard(async () => {
    const read = await readMembers(f);
    if (!read.ok) { fill(out, problemList(tr('readProblems'), read.problems)); return; }
    ids = read.items.map((m) => m.id);
    await roundsApi.putRoster(id, read.items);
    app.toast(tr('rosterSaved', { n: read.items.length }), 'ok');
    await reload();
  }));
  const part = h('input', { name: 'part', placeholder: tr('partHint') });
  const inputs = filePicker('upload-inputs', tr('uploadInputs'), closed, (f) => void guard(async () => {
    const c = await v.contractOf(r);
    const read = await readInputs(f, c.fields, await rosterRules(c));
    if (!read.ok) { fill(out, problemList(tr('readProblems'), read.problems)); return; }
    ids = read.items.map((m) => m.id);
    await roundsApi.submitInputs(id, read.items, part.value.trim() || undefined);
    app.toast(tr('inputsSaved', { n: read.items.length }), 'ok');
    await reload();
  }));

  // A text field, not type=date: the browser's date control speaks the browser's language.
  const until = h('input', { name: 'until', placeholder: tr('untilHint'), size: 12, value: r.publicityUntil?.slice(0, 10) ?? '' });
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
    h('button', { 'data-action': 'publicize', disabled: r.status !== 'evaluated' || r.changed || r.outOfDate, onclick: () => void guard(async () => {
      const day = until.value.trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { fill(out, problemList(tr('untilNeeded'), [])); return; }
      await roundsApi.publicize(id, day);
      app.toast(tr('publicizedOk', { date: day }), 'ok');
      await reload();
    }) }, tr('publicize')),
    h('button', { 'data-action': 'finalize', disabled: r.status !== 'publicity' || r.outOfDate, onclick: () => void guard(async () => {
      const yes = await ask({ name: 'finalize', title: tr('finalizeTitle', { name: r.name ?? r.id }), body: [h('p', {}, tr('finalizeBody', { days: r.appealDays ?? 30 }))],
        ok: tr('finalize'), cancel: t('cancel') });
      if (!yes) return;
      await roundsApi.finalize(id);
      app.toast(tr('finalizedOk'), 'ok');
      await reload();
    }) }, tr('finalize')));

  const shownChanges = changes ? changesTable(changes) : null;
  fill(el,
    v.nav(h('button', { 'data-action': 'refresh-round', onclick: () => void reload() }, tr('refresh'))),
    h('h2', { 'data-round-id': r.id }, r.name ?? r.id, ' ', badge(r.status)),
    h('p', { class: 'round-meta' }, [
      tr('schemeVersion', { scheme: r.scheme, n: r.version }), `${tr('period')} ${r.period}`, `${tr('unit')} ${r.unit ?? tr('allUnits')}`,
      r.revision ? tr('revisionLine', { n: r.revision }) : null, r.publicityUntil ? tr('publicityUntil', { date: r.publicityUntil.slice(0, 10) }) : null,
    ].filter((x): x is string => !!x).join(' · ')),
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
    membersTable(r, result),
    h('h3', {}, tr('steps')), steps,
    r.status === 'open' ? null : amendForm(v, r, result, actions),
    // What an amendment changed, under its form.
    changes && changes.subject !== null ? shownChanges : null,
    // The printable files of the round (issue 15): feedback sheets, 公示名单, 登记表, 结果通知.
    roundPapers(r, r.members),
    revisionsList(r));
  shownChanges?.scrollIntoView({ block: 'nearest' });
}
