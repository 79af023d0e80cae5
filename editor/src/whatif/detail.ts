// One changed person of a what-if, both explanations side by side (simulate/types.ts `PersonChange`):
// the result (score, grade, rank, bonus, actions) before and after, each indicator and group whose
// numbers differ (weight, score, points), the negative-list and reward items that fired on either
// side (with their line in the editor's text), the grade reasons of both sides, the quota notes and
// the changed rules behind it — their lines a click away in Monaco. Numbers are the engine's, as the
// answer carries them; nothing is recomputed here.

import type { NodeRow, NodeSide, PersonChange, RuleChange, WhatIfStanding } from '../../../simulate/types.js';
import { h, num } from '../dom.js';
import { P } from '../i18n-batch.js';
import { tw } from './i18n.js';
import { beforeAfter, lineLink, ruleName, ruleWhere, scoreText, weightText, type Reveal } from './tables.js';

/** 张伟（A1）, or the id alone. */
export const who = (c: Pick<PersonChange, 'subject' | 'name'>) => (c.name ? `${c.name}${P.paren(c.subject)}` : c.subject);

export function rankWords(s: WhatIfStanding): string {
  if (s.rank.overall === null) return tw('unranked');
  return s.rank.cohort !== null && s.rank.cohort !== s.rank.overall
    ? tw('rankCohort', { overall: s.rank.overall, cohort: s.rank.cohort }) : tw('rankOnly', { overall: s.rank.overall });
}

const list = (xs: readonly string[]) => (xs.length ? xs.join(P.list) : tw('none'));

function totals(c: PersonChange, precision: number): HTMLElement {
  const row = (label: string, a: string, b: string, key: string) => h('tr', { 'data-row': key }, h('th', {}, label), beforeAfterCells(a, b));
  return h('table', { class: 'grid whatif-side', 'data-part': 'totals' },
    head(tw('totals')),
    h('tbody', {},
      row(tw('score'), scoreText(c.before.score, precision), scoreText(c.after.score, precision), 'score'),
      row(tw('grade'), c.before.grade ?? tw('noGrade'), c.after.grade ?? tw('noGrade'), 'grade'),
      row(tw('rank'), rankWords(c.before), rankWords(c.after), 'rank'),
      c.before.bonus !== null || c.after.bonus !== null ? row(tw('bonus'), num(c.before.bonus), num(c.after.bonus), 'bonus') : null,
      row(tw('actions'), list(c.before.actions), list(c.after.actions), 'actions')));
}

/** Two cells, the second marked when it differs from the first. */
function beforeAfterCells(a: string, b: string): HTMLElement[] {
  return [h('td', { class: 'before' }, a), h('td', { class: a === b ? 'after' : 'after moved' }, b)];
}

const head = (first: string) => h('thead', {}, h('tr', {}, h('th', {}, first), h('th', {}, tw('before')), h('th', {}, tw('after'))));

const nodeWords = (s: NodeSide | undefined, p: number) => (s ? `${scoreText(s.score, p)} × ${weightText(s.weight)} = ${scoreText(s.points, p)}` : tw('notApplied'));

/** Indicators or groups that differ: label, then per side score × weight = points, and the three
 * numbers apart (for a reader who wants the columns). */
function nodes(title: string, rows: readonly NodeRow[], part: string, p: number): HTMLElement | null {
  if (!rows.length) return null;
  const label = (r: NodeRow) => r.after?.label ?? r.before?.label ?? r.name;
  return h('table', { class: 'grid whatif-nodes', 'data-part': part },
    h('thead', {}, h('tr', {}, h('th', {}, title), h('th', {}, tw('colWeight')), h('th', {}, tw('colScore')), h('th', {}, tw('colPoints')))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-node': r.name, title: `${tw('before')}${P.colon}${nodeWords(r.before, p)}\n${tw('after')}${P.colon}${nodeWords(r.after, p)}` },
      h('th', {}, label(r)),
      // Weights as percentages (60% → 40%), scores and points at the scheme's precision (98.00).
      beforeAfter(r.before ? weightText(r.before.weight) : '—', r.after ? weightText(r.after.weight) : '—', { 'data-col': 'weight' }),
      beforeAfter(scoreText(r.before?.score, p), scoreText(r.after?.score, p), { 'data-col': 'score' }),
      beforeAfter(scoreText(r.before?.points, p), scoreText(r.after?.points, p), { 'data-col': 'points' })))));
}

function items(c: PersonChange, reveal: Reveal): HTMLElement | null {
  if (!c.items.length) return null;
  const at = (line: number | undefined, editor: boolean) => (line === undefined ? tw('firedPlain')
    : editor ? lineLink(line, line, tw('fired', { n: line }), reveal) : tw('fired', { n: line }));
  return h('table', { class: 'grid whatif-side', 'data-part': 'items' },
    head(tw('items')),
    h('tbody', {}, c.items.map((x) => {
      const label = x.after?.label ?? x.before?.label ?? x.item;
      return h('tr', { 'data-item': `${x.list}.${x.item}`, 'data-before': String(!!x.before), 'data-after': String(!!x.after) },
        h('th', {}, `${tw(x.kind)} ${x.list}${P.colon}${label}`),
        // Lines before are the round's version's; after, the editor's text (a link).
        h('td', { class: 'before' }, x.before ? at(x.before.line, false) : tw('notFired')),
        h('td', { class: x.before && x.after ? 'after' : 'after moved' }, x.after ? at(x.after.line, true) : tw('notFired')));
    })));
}

function reasons(c: PersonChange): HTMLElement {
  const col = (xs: readonly string[]) => (xs.length ? h('ul', {}, xs.map((x) => h('li', {}, x))) : tw('none'));
  const same = c.gradeReasons.before.join('\n') === c.gradeReasons.after.join('\n');
  return h('table', { class: 'grid whatif-side', 'data-part': 'reasons' },
    head(tw('gradeReasons')),
    h('tbody', {},
      h('tr', { 'data-row': 'grade' }, h('th', {}, tw('grade')), h('td', { class: 'before' }, col(c.gradeReasons.before)), h('td', { class: same ? 'after' : 'after moved' }, col(c.gradeReasons.after))),
      c.quota.before || c.quota.after ? h('tr', { 'data-row': 'quota' }, h('th', {}, tw('quota')),
        h('td', { class: 'before' }, c.quota.before?.reason ?? tw('none')), h('td', { class: 'after' }, c.quota.after?.reason ?? tw('none'))) : null));
}

/** The changed declarations that touched the person, looked up in the answer's rule list for their lines. */
function touched(c: PersonChange, rules: readonly RuleChange[] | null, reveal: Reveal): HTMLElement {
  if (!c.rules.length) return h('p', { class: 'muted', 'data-part': 'rules' }, rules === null ? tw('rulesUnknown') : tw('noRulesTouched'));
  return h('div', { 'data-part': 'rules' }, h('b', {}, tw('touchedBy')),
    h('ul', { class: 'whatif-rules' }, c.rules.map((ref) => {
      const r = rules?.find((x) => x.kind === ref.kind && x.name === ref.name);
      return h('li', { 'data-rule': `${ref.kind}:${ref.name}` }, h('b', {}, ruleName(ref)), ' ', r ? ruleWhere(r, reveal) : null);
    })));
}

export function personDetail(c: PersonChange, rules: readonly RuleChange[] | null, reveal: Reveal, precision: number): HTMLElement {
  return h('div', { class: 'whatif-detail', 'data-detail': c.subject },
    h('h4', {}, tw('detailOf', { who: who(c) })),
    totals(c, precision),
    touched(c, rules, reveal),
    nodes(tw('indicators'), c.indicators, 'indicators', precision),
    nodes(tw('groups'), c.groups, 'groups', precision),
    items(c, reveal),
    reasons(c));
}
