// Whether a round's results are current, said plainly at the top of the round: `outOfDate` (a round it
// rolled up was amended since its newest revision — the results still use the old values) with the way
// out that the round's status allows — evaluate again while `evaluated`, else a source refresh
// (`{refresh: true, reason}`: every roll-up value read again as a new revision, 来源刷新), which this
// panel records —, and `changed` (roster or inputs changed after the newest evaluation: 公示 waits for
// a new one). Both are the server's words for what it refuses (409 round_out_of_date / round_changed),
// so the page says it before a button is pressed.

import { fill, h } from '../dom.js';
import { roundsApi, type RoundDetail } from './api.js';
import { namesOf } from './amend-panel.js';
import { MAX_REASON } from './common.js';
import type { RoundActions, ViewCtx } from './context.js';
import { tr } from './i18n.js';

/** A source refresh is recorded like an amendment: while evaluated, in 公示, or final (the server
 * checks the appeal days). */
const REFRESHABLE = new Set(['evaluated', 'publicity', 'final']);

export function stateNotes(v: ViewCtx, r: RoundDetail, actions: RoundActions): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (r.outOfDate) out.push(outOfDateBox(v, r, actions));
  if (r.changed) out.push(h('div', { class: 'warning state-note', 'data-changed': '' }, h('b', {}, tr('changedTitle')), ' ', tr('changed')));
  return out;
}

function outOfDateBox(v: ViewCtx, r: RoundDetail, actions: RoundActions): HTMLElement {
  const canRefresh = REFRESHABLE.has(r.status);
  const box = h('div', { class: 'warning state-note out-of-date', 'data-out-of-date': '' },
    h('p', {}, h('b', {}, tr('outOfDateTitle')), ' ', h('span', { class: 'lead' }, tr('outOfDate'))),
    h('p', { class: 'way-out' }, tr(r.status === 'evaluated' ? 'outOfDateEvaluate' : canRefresh ? 'outOfDateRefresh' : 'outOfDateOpen')));
  if (!canRefresh) return box;
  const reason = h('textarea', { name: 'refresh-reason', rows: 2, maxlength: MAX_REASON, placeholder: tr('refreshReasonHint') });
  const note = h('span', { class: 'error' });
  const submit = () => actions.guard(async () => {
    const why = reason.value.trim();
    if (!why) { fill(note, tr('reasonNeeded')); return; }
    fill(note);
    const before = v.lastResult.get(r.id) ?? r.result;
    const a = await roundsApi.refresh(r.id, why);
    v.app.toast(tr('refreshedOk', { n: a.revision ?? r.revision + 1 }), 'ok');
    await actions.reload({ changes: a.changes, byId: namesOf(r, before), who: a, reason: why, subject: null, notice: a.notice });
  });
  box.append(h('div', { class: 'form refresh-form' },
    h('label', { class: 'field' }, h('span', {}, tr('reason')), reason),
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'refresh-sources', onclick: () => void submit() }, tr('refreshSources')), note)));
  return box;
}
