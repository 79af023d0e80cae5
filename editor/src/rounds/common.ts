// Small pieces every panel of the rounds view uses (view.ts and the *-panel.ts modules): a round's
// status badge, times, who did something, a roll-up source not final yet in words, and a file button.
// One place, so the list, a round and its history name these the same way.

import { h, num } from '../dom.js';
import { score } from '../figures.js';
import { displayName } from '../../../engine/display-name.js';
import { P } from '../i18n-batch.js';
import type { RosterFile } from '../roster-input.js';
import type { Pending, RoundStatus } from './api.js';
import { tc } from './i18n-catch-up.js';
import { tr, type RoundsKey } from './i18n.js';

/** Who did something: the account's name; without one the token's own name (令牌“干部监督科”) or, for a
 * browser sign-in without an account, that — each with the token's id as code (U6 L-5). */
export interface Who { account: string | null; token: string | null; name?: string | null; kind?: string | null }
export function whoNode(w: Who): Node | string {
  if (w.account) return w.account;
  const code = w.token ? h('code', {}, w.token) : null;
  const words = w.name ? tc('whoToken', { name: w.name }) : w.kind === 'session' ? tc('whoSession') : null;
  if (!words) return code ?? '—';
  return code ? h('span', { class: 'who' }, words, ' ', code) : words;
}

/** A reported score at the scheme's precision, 91.00 (the server rounded it there: only zeros are
 * added — figures.ts, as the batch page shows scores); as given while the precision is not known. */
export const scoreText = (v: number | null | undefined, precision: number | undefined): string =>
  precision === undefined ? num(v) : score(v, precision);

/** Who did something as plain text (whoNode's words, the token's id in brackets). */
export function whoText(w: Who): string {
  const node = whoNode(w);
  return typeof node === 'string' ? node : node.textContent ?? '';
}

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

/** The longest reason the server keeps on a round (server/rounds/schemas.ts MAX_REASON): an amendment's,
 * a refresh's, a void's, a late 公示's. The reason boxes stop there rather than be refused. */
export const MAX_REASON = 1000;

/** The name a roster gives a person (its 姓名 display column, else `name`: engine/display.ts displayName), if any. */
export const personName = (display: Record<string, unknown> | undefined): string | null => displayName(display) ?? null;

/** A hidden file input behind a button of ours (the browser's own control speaks its language). */
export function filePicker(action: string, label: string, disabled: boolean, onFile: (f: RosterFile) => void): HTMLElement[] {
  const input = h('input', { type: 'file', accept: '.xlsx,.csv,.txt', hidden: true, [`data-${action}-file`]: '', onchange: async () => {
    const f = input.files?.[0];
    input.value = '';
    if (f) onFile({ name: f.name, bytes: await f.arrayBuffer() });
  } });
  return [h('button', { 'data-action': action, disabled, onclick: () => input.click() }, label), input];
}
