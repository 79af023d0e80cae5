// Catching up a past period on a round's page (issue 16, U6 M-3): a 公示 already held outside kaohe,
// recorded late (its first day and why, sent with the end date: the server records who and when),
// offered once the round's period is over; the record shown with the round; and voiding (作废) a
// round not in 公示 yet — a trial run — with a reason, after which the page goes back to the list.

import { isPeriod, parsePeriod } from '../../../dsl/dates.js';
import { ask } from '../dialog.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { roundsApi, type PublicityRecord, type RoundDetail } from './api.js';
import { MAX_REASON, whoText } from './common.js';
import type { RoundActions, ViewCtx } from './context.js';
import { tc } from './i18n-catch-up.js';
import { tr } from './i18n.js';

/** An instant's day in China (UTC+8), as the server counts 公示 days (server/rounds/publicity.ts chinaDay). */
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** Whether the round's period ended before today (China time): a 公示 already held may be recorded. */
export function periodOver(period: string): boolean {
  const p = parsePeriod(period, undefined);
  return isPeriod(p) && p.end < chinaDay(Date.now());
}

/** The late 公示 fields: a closed <details> under the steps; `value()` is what publicize sends with
 * `until` (nothing when both are empty, `invalid` when only one is filled). */
export function lateFields(r: RoundDetail): { el: HTMLElement | null; value(): { from: string; reason: string } | undefined | 'invalid' } {
  if (r.status !== 'evaluated' || !periodOver(r.period)) return { el: null, value: () => undefined };
  const from = h('input', { name: 'publicity-from', placeholder: 'YYYY-MM-DD', size: 12 });
  const reason = h('textarea', { name: 'publicity-reason', rows: 2, maxlength: MAX_REASON, placeholder: tc('lateReasonHint') });
  const el = h('details', { class: 'late-publicity', 'data-late-publicity': '' },
    h('summary', {}, tc('lateTitle')),
    h('p', { class: 'muted' }, tc('lateHint', { period: r.period })),
    h('div', { class: 'form' },
      h('label', { class: 'field' }, h('span', {}, tc('lateFrom')), from),
      h('label', { class: 'field' }, h('span', {}, tc('lateReason')), reason)));
  return {
    el,
    value: () => {
      const f = from.value.trim(), why = reason.value.trim();
      if (f === '' && why === '') return undefined;
      return /^\d{4}-\d{2}-\d{2}$/.test(f) && why !== '' ? { from: f, reason: why } : 'invalid';
    },
  };
}

/** The round's late 公示 record in words (公示期…至…，于…由…补录，理由：…), for the top of the page. */
export function publicityRecordNote(rec: PublicityRecord | null): HTMLElement | null {
  if (!rec) return null;
  const at = chinaDay(Date.parse(rec.at));
  return h('p', { class: 'muted', 'data-publicity-record': '' },
    tc('lateRecorded', { from: rec.from, until: rec.until, at, by: whoText({ account: rec.account, token: rec.by, name: rec.byName, kind: rec.byKind }), reason: rec.reason }));
}

/** 作废: offered until the round is final — in 公示 too (a wrong end date is voided and the round made
 * again: server/rounds/void.ts); asks for the reason, then back to the list. */
export function voidButton(v: ViewCtx, r: RoundDetail, actions: RoundActions): HTMLElement {
  const voidable = r.status === 'open' || r.status === 'evaluated' || r.status === 'publicity';
  return h('button', { 'data-action': 'void-round', class: 'danger', disabled: !voidable, onclick: () => void actions.guard(async () => {
    const reason = h('textarea', { name: 'void-reason', rows: 3, maxlength: MAX_REASON, placeholder: tc('voidReasonHint') });
    const note = h('p', { class: 'error' });
    for (;;) {
      const yes = await ask({ name: 'void-round', title: tc('voidTitle', { name: r.name ?? r.id }),
        body: [h('p', {}, tc('voidBody')), h('label', { class: 'field wide' }, h('span', {}, tc('voidReason')), reason), note],
        ok: tc('voidOk'), cancel: t('cancel') });
      if (!yes) return;
      if (reason.value.trim() !== '') break;
      fill(note, tr('reasonNeeded'));
    }
    await roundsApi.voidRound(r.id, reason.value.trim());
    v.app.toast(tc('voidedOk'), 'ok');
    location.hash = '#rounds';
  }) }, tc('voidRound'));
}
