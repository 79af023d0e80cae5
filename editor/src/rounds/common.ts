// Small pieces every panel of the rounds view uses (view.ts and the *-panel.ts modules): a round's
// status badge, times, who did something, a roll-up source not final yet in words, and a file button.
// One place, so the list, a round and its history name these the same way.

import { h } from '../dom.js';
import { P } from '../i18n-batch.js';
import type { RosterFile } from '../roster-input.js';
import type { Pending, RoundStatus } from './api.js';
import { tr, type RoundsKey } from './i18n.js';

/** Who did something: the account's name, or the token (as code) when no account is named. */
export interface Who { account: string | null; token: string | null }
export const whoNode = (w: Who): Node | string => w.account ?? (w.token ? h('code', {}, w.token) : '—');

export const statusWord = (s: RoundStatus) => tr(`status_${s}` as RoundsKey);
export const badge = (s: RoundStatus) => h('span', { class: `badge status-${s}`, 'data-round-status': s }, statusWord(s));
export const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

/** A pending source's state without a round status: no such scheme, no result at all, else not final. */
const PENDING_WORDS: ReadonlyMap<string, RoundsKey> = new Map([['unknown_scheme', 'pendingUnknown'], ['none', 'pendingNone']]);

/** A roll-up source that is not final: 平时考核 2026-Q3（公示中）; a related subject's, named:
 * 领导班子考核 2026 发改局班子（没有结果）. */
export function pendingWords(p: Pending): string {
  const what = [p.scheme, p.period, p.subject].filter(Boolean).join(' ');
  const state = p.status === 'not_final' && p.roundStatus ? statusWord(p.roundStatus) : tr(PENDING_WORDS.get(p.status) ?? 'notFinalYet');
  return `${what}${P.paren(state)}`;
}

/** The name a roster gives a person (its 姓名 display column), if any. */
export const personName = (display: Record<string, unknown>): string | null =>
  typeof display['姓名'] === 'string' && display['姓名'] !== '' ? display['姓名'] : null;

/** A hidden file input behind a button of ours (the browser's own control speaks its language). */
export function filePicker(action: string, label: string, disabled: boolean, onFile: (f: RosterFile) => void): HTMLElement[] {
  const input = h('input', { type: 'file', accept: '.xlsx,.csv,.txt', hidden: true, [`data-${action}-file`]: '', onchange: async () => {
    const f = input.files?.[0];
    input.value = '';
    if (f) onFile({ name: f.name, bytes: await f.arrayBuffer() });
  } });
  return [h('button', { 'data-action': action, disabled, onclick: () => input.click() }, label), input];
}
