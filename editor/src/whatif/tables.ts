// What a what-if changes as a whole, drawn from simulate/types.ts `WhatIf`: the summary counts, the
// grade distribution per unit (and overall) before → after, the quotas before → after, and the
// declarations that differ from the round's version — each with its lines in the editor's text,
// a click away from Monaco (`reveal`). A cell whose two sides differ is marked (`.moved`), so the
// eye finds the units that move without reading every number.

import type { DistributionRow, QuotaRow, QuotaSide, RuleChange, WhatIf } from '../../../simulate/types.js';
import { h } from '../dom.js';
import { tw, type WhatIfKey } from './i18n.js';

/** A score with the scheme's decimals (87.50, not 87.5; the answer's `precision`), never fewer
 * than it has; `—` for none. */
export function scoreText(x: number | null | undefined, precision: number): string {
  if (x === null || x === undefined) return '—';
  const own = String(x).split('.')[1]?.length ?? 0;
  return own > precision || !Number.isFinite(x) || /e/i.test(String(x)) ? String(x) : x.toFixed(precision);
}

/** An effective weight as a percentage (0.6 → 60%, 0.123457 → 12.3457%), as schemes write weights. */
export function weightText(w: number): string {
  return `${Number((w * 100).toFixed(4))}%`;
}

/** Shows lines `from`–`to` of the editor's text in Monaco. */
export type Reveal = (from: number, to: number) => void;

/** `a → b`, or just `a` when both sides agree; marked when they differ. */
export function beforeAfter(a: string, b: string, attrs: Record<string, unknown> = {}): HTMLElement {
  return h('td', { class: a === b ? 'n' : 'n moved', ...attrs }, a === b ? a : `${a} → ${b}`);
}

export function summaryLine(w: WhatIf): HTMLElement {
  const s = w.summary;
  return h('p', { class: s.changed ? 'whatif-summary' : 'whatif-summary ok', 'data-changed': s.changed },
    s.changed === 0 ? tw('noChanges') : tw('summary', {
      subjects: s.subjects, changed: s.changed, up: s.up, down: s.down, score: s.scoreChanged, rank: s.rankOnly, actions: s.actionsChanged,
    }));
}

/** Grades best first, then `none` (无等次) — the answer lists them so. */
const gradeHead = (g: string) => (g === 'none' ? tw('noGrade') : g);

export function distributionTable(w: WhatIf): HTMLElement {
  const rows = [...w.units, w.overall];
  // 不定等次 only when someone is (or was) without a grade: usually nobody is.
  const grades = w.grades.filter((g) => g !== 'none' || rows.some((d) => (d.before[g] ?? 0) + (d.after[g] ?? 0) > 0));
  const row = (d: DistributionRow) => h('tr', { 'data-unit': d.unit, class: d.unit === '' ? 'overall' : '' },
    h('td', {}, d.unit === '' ? tw('overall') : d.unit),
    h('td', { class: 'n' }, String(d.size)),
    grades.map((g) => beforeAfter(String(d.before[g] ?? 0), String(d.after[g] ?? 0), { 'data-grade': g })));
  return h('table', { class: 'grid whatif-distribution' },
    h('thead', {}, h('tr', {}, h('th', {}, tw('colUnit')), h('th', {}, tw('colSize')), grades.map((g) => h('th', { class: 'n' }, gradeHead(g))))),
    h('tbody', {}, rows.map(row)));
}

const side = (q: QuotaSide | undefined, k: keyof QuotaSide) => (q ? String(q[k]) : '—');

export function quotaTable(w: WhatIf): HTMLElement {
  const rows: [DistributionRow, QuotaRow][] = [...w.units, w.overall].flatMap((d) => d.quotas.map((q): [DistributionRow, QuotaRow] => [d, q]));
  if (!rows.length) return h('p', { class: 'muted', 'data-no-quotas': '' }, tw('noQuotas'));
  return h('table', { class: 'grid whatif-quotas' },
    h('thead', {}, h('tr', {}, ['colUnit', 'colGrade', 'colScope', 'colLimit', 'colBase', 'colAdmitted'].map((k) => h('th', {}, tw(k as WhatIfKey))))),
    h('tbody', {}, rows.map(([d, q]) => h('tr', { 'data-unit': d.unit, 'data-grade': q.grade },
      h('td', {}, d.unit === '' ? tw('overall') : d.unit), h('td', {}, q.grade), h('td', {}, tw(`scope_${q.scope}`)),
      beforeAfter(side(q.before, 'limit'), side(q.after, 'limit')),
      beforeAfter(side(q.before, 'base'), side(q.after, 'base')),
      beforeAfter(side(q.before, 'admitted'), side(q.after, 'admitted'), { 'data-admitted': '' })))));
}

/** `text` as a link selecting lines `from`–`to` of the editor's text. */
export function lineLink(from: number, to: number, text: string, reveal: Reveal): HTMLElement {
  return h('a', { href: '#', class: 'rule-line', 'data-line': from, title: tw('revealHint'), onclick: (e: Event) => { e.preventDefault(); reveal(from, to); } }, text);
}

/** A changed declaration's place: a link to its lines in the editor's text (the side simulated), or,
 * for one removed, where it was in the round's version. */
export function ruleWhere(r: RuleChange, reveal: Reveal): HTMLElement | string {
  if (r.after) {
    const { line, endLine } = r.after;
    return lineLink(line, endLine, endLine > line ? tw('lines', { from: line, to: endLine }) : tw('line', { n: line }), reveal);
  }
  return r.before ? tw('wasAt', { n: r.before.line }) : '';
}

/** A changed declaration in words (the answer's `title`: “纪律和作风负面清单”中的“迟到早退”事项), or by kind and name. */
export const ruleName = (r: { kind: RuleChange['kind']; name: string; title?: string }) => r.title ?? `${tw(`kind_${r.kind}`)} ${r.name}`;

export function rulesList(rules: WhatIf['rules'], reveal: Reveal): HTMLElement {
  if (rules === null) return h('p', { class: 'muted' }, tw('rulesUnknown'));
  if (!rules.length) return h('p', { class: 'muted', 'data-no-rules': '' }, tw('noRules'));
  return h('ul', { class: 'whatif-rules' }, rules.map((r) => h('li', { 'data-rule': `${r.kind}:${r.name}`, 'data-change': r.change },
    h('span', { class: `rule-change ${r.change}` }, tw(`change_${r.change}`)), ' ', h('b', {}, ruleName(r)), ' ', ruleWhere(r, reveal),
    // The two texts, canonical (formatted), one under the other: what exactly differs.
    h('details', {}, h('summary', {}, tw('texts')), r.before ? h('pre', { class: 'rule-text before' }, r.before.text) : null,
      r.after ? h('pre', { class: 'rule-text after' }, r.after.text) : null))));
}
