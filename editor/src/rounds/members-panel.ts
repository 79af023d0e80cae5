// A round's members: roster order, their display columns, unit, standing, what nobody has submitted
// for them yet (required inputs, then defaulted ones as a reminder, then roll-up periods without a
// result and what the input's `missing` policy does), and the current revision's score (at the scheme's
// precision, as the change list shows it: 93.50, not 93.5 — U6), grade, rank.

import type { CohortResult } from '../../../engine/api.js';
import { h, num } from '../dom.js';
import { P } from '../i18n-batch.js';
import type { MissingRollup, Pending, RoundDetail, RoundStatus } from './api.js';
import { scoreText, statusWord } from './common.js';
import { tr, type RoundsKey } from './i18n.js';

/** `precision`: the scheme's decimals for scores (unknown: as the result gives them). */
export function membersTable(r: RoundDetail, result: CohortResult | null, precision?: number): HTMLElement {
  if (!r.members.length) return h('p', { class: 'muted', 'data-no-members': '' }, tr('noMembers'));
  const shown = [...new Set(r.members.flatMap((m) => Object.keys(m.display)))];
  const byId = new Map((result?.results ?? []).map((x) => [x.subject, x]));
  const lacking = r.members.filter((m) => m.status !== 'absent' && r.missing.get(m.id)?.some((f) => !f.hasDefault)).length;
  return h('div', { class: 'members' },
    h('p', { class: lacking ? 'warning' : 'muted', 'data-missing-summary': lacking }, lacking ? tr('missingSummary', { n: lacking }) : tr('missingNone')),
    h('table', { class: 'grid members-table' },
      h('thead', {}, h('tr', {}, h('th', {}, tr('colId')), shown.map((k) => h('th', {}, k)),
        ['colUnit', 'colMemberStatus', 'colCounts', 'colMissing', 'colScore', 'colGrade', 'colRank'].map((k) => h('th', {}, tr(k as RoundsKey))))),
      h('tbody', {}, r.members.map((m) => {
        const res = byId.get(m.id);
        // Required inputs first; those the scheme defaults apart, after them (a reminder, not a gap).
        const missing = (r.missing.get(m.id) ?? []).filter((f) => !f.hasDefault);
        const defaulted = (r.missing.get(m.id) ?? []).filter((f) => f.hasDefault);
        const rollups = r.rollups.get(m.id) ?? [];
        const blocked = rollups.some((x) => x.blocking);
        return h('tr', { 'data-subject': m.id, 'data-member-status': m.status, class: missing.length || blocked ? 'lacking' : '' },
          h('td', { class: 'id' }, h('a', { href: `#person/${encodeURIComponent(m.id)}`, title: tr('personLink') }, m.id)),
          shown.map((k) => h('td', {}, num(m.display[k]))),
          h('td', {}, m.unit ?? '—'), h('td', {}, tr(`member_${m.status}` as RoundsKey)), h('td', {}, m.countsInBase ? tr('yes') : tr('no')),
          h('td', { class: 'missing', 'data-missing': missing.map((f) => f.field).join(','), 'data-defaulted': defaulted.map((f) => f.field).join(',') },
            m.status === 'absent' ? '—' : [
              missing.length ? missing.map((f, i) => [i ? P.list : null, h('span', { class: 'required' }, f.field)]) : tr('complete'),
              defaulted.length ? h('div', { class: 'default muted' }, defaulted.map((f, i) => [i ? P.list : null, tr('hasDefault', { field: f.field })])) : null,
              rollups.map((x) => rollupLine(x, r.pending)),
            ]),
          h('td', { class: 'n score' }, res ? scoreText(res.score, precision) : '—'),
          // 不定等次 by the roster: no grade and no rank, said so rather than left blank.
          h('td', { class: 'grade' }, res?.grade ?? (res && m.status === 'ungraded' ? tr('member_ungraded') : '—')),
          h('td', { class: 'n rank' }, res?.rank?.overall ?? '—'));
      }))));
}

/** A roll-up input's periods without a result for the person, with what its `missing` policy does;
 * under `missing error` marked as blocking evaluation. A period whose source round holds a result not
 * final yet (in 公示, or only evaluated) says so — 2026-Q4 公示中，结果尚未确定 — rather than "no result",
 * which would contradict the round's own 公示; the pending sources tell which periods those are. */
function rollupLine(x: MissingRollup, pending: readonly Pending[]): HTMLElement {
  const stateOf = (period: string): RoundStatus | null =>
    pending.find((p) => p.input === x.field && p.period === period && p.subject === x.subject && p.status === 'not_final')?.roundStatus ?? null;
  const groups = new Map<RoundStatus | null, string[]>();
  for (const p of x.periods) { const s = stateOf(p); groups.set(s, [...(groups.get(s) ?? []), p]); }
  const notFinal = x.periods.filter((p) => stateOf(p) !== null);
  return h('div', { class: `rollup${x.blocking ? ' blocking warning' : ' muted'}`, 'data-rollup': x.field, 'data-periods': x.periods.join(','),
    'data-not-final-periods': notFinal.join(','), 'data-blocking': String(x.blocking) },
    x.blocking ? h('b', {}, `${tr('blocking')}${P.colon}`) : null,
    `${x.field}${P.colon}`,
    [...groups].map(([state, periods], i) => [i ? P.semi : null, state === null
      ? tr('rollupNone', { scheme: x.scheme, periods })
      : tr('rollupNotFinal', { scheme: x.scheme, periods, state: statusWord(state) })]),
    x.missing ? P.paren(tr(`policy_${x.missing}` as RoundsKey)) : null);
}
