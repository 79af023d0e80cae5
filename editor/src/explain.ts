// The explanation under a try-it result (the result's `explain` section and each indicator's
// `trace`, requested with `explain`): how each indicator got its score — the raters' means with the
// ratings trimmed, the interpolation of a `linear`, the band that matched — the intermediate values,
// the rules that applied with the values of their conditions, the grade decision, the score
// formula, and where rounding makes the shown figures differ from a total (each figure is rounded
// on its own, so 37.04 of indicators can stand under a category of 37.05: the page says why).

import type { Explain, IndicatorResult, SubjectResult, Trace, TraceValue } from '../../engine/api.js';
import { BUILTINS } from '../../dsl/keywords.js';
import { h } from './dom.js';
import { exactSum, percent, score } from './figures.js';
import { lang } from './i18n.js';
import { effectText } from './effects.js';
import { P, tb } from './i18n-batch.js';

type Rule = Explain['rules'][number];

/** The whole explanation, or null when the result has none (evaluated without `explain`). */
export function renderExplain(r: SubjectResult, precision: number): HTMLElement | null {
  const x = r.explain;
  if (!x) return null;
  const lets = Object.entries(x.lets);
  return h('section', { class: 'explain', 'data-testid': 'explain' },
    h('h4', {}, tb('explainTitle')),
    h('h5', {}, tb('explainIndicators')),
    h('table', { class: 'grid trace' }, h('tbody', {}, r.indicators.map((i) => indicatorRow(i, precision)))),
    lets.length ? [h('h5', {}, tb('explainLets')),
      h('ul', { class: 'lets' }, lets.map(([name, t]) => h('li', { 'data-let': name }, h('b', {}, name), P.colon, traceLine(t))))] : null,
    h('h5', {}, tb('explainRules')),
    rulesList(x.rules),
    h('h5', {}, tb('explainGrade')),
    h('p', { class: 'grade-why' }, gradeText(x)),
    h('h5', {}, tb('explainScore')),
    h('p', { class: 'formula' }, tb('scoreFormula', {
      base: score(r.base, precision), adjust: String(r.adjust), rewards: score(r.rewards, precision),
      deductions: score(r.deductions, precision), score: score(r.score, precision),
    }), P.paren(tb('exactValue', { exact: x.score.exact }))),
    h('h5', {}, tb('rounding')),
    h('ul', { class: 'rounding' }, roundingNotes(r, precision).map((n) => h('li', { 'data-rounding': n.kind }, n.text))));
}

function indicatorRow(i: IndicatorResult, precision: number): HTMLElement {
  const t = i.trace;
  return h('tr', { 'data-trace': i.id },
    h('td', { class: 'name' }, i.label),
    h('td', {}, t ? [traceLine(t), t.form === 'rate' ? ratersTable(t) : null] : '—'),
    h('td', { class: 'n' }, score(i.score, precision)));
}

/** One line for a trace: what its form did, then a clamp if the value left the range; the forms
 * evaluated inside it (a `linear` within an expression) each on a line of their own below. */
function traceLine(t: Trace): (HTMLElement | string)[] {
  const out: (HTMLElement | string)[] = [formText(t)];
  if (t.clamp) out.push(P.semi, tb('clamped', { lo: t.clamp.range[0], hi: t.clamp.range[1], from: t.clamp.from, to: t.clamp.to }));
  if (t.steps?.length) out.push(h('ul', { class: 'steps' }, t.steps.map((s) => h('li', {}, formText(s)))));
  return out;
}

const v = (x: TraceValue | undefined): string => (x === undefined ? '—' : Array.isArray(x) ? x.map(v).join(P.list) : String(x));

function formText(t: Trace): string {
  switch (t.form) {
    case 'rate': return tb('rateScore', { panel: t.panel, score: v(t.score) });
    case 'linear': return linearText(t.value, t.segment, t.score);
    case 'bands': return t.matched === 'else'
      ? tb('bandsElse', { value: v(t.value), score: v(t.score) })
      : tb('bandsMatched', { value: v(t.value), band: `“${t.matched}”`, score: v(t.score) });
    case 'levels': return tb('levelsMatched', { value: v(t.value), score: v(t.score) });
    case 'function': return tb('functionCall', { fn: t.function, args: Object.entries(t.args).map(([k, x]) => `${k} = ${v(x)}`).join(', '), result: v(t.result) });
    case 'expression': {
      const uses = Object.entries({ ...t.inputs, ...t.lets, ...t.uses }).map(([k, x]) => `${k} = ${v(x)}`);
      return uses.length ? tb('expression', { uses, result: v(t.result) }) : tb('expressionBare', { result: v(t.result) });
    }
    // A cohort aggregate (issue 13): the server's words, already in the UI language.
    case 'cohort': return t.text;
    default:
      if (t.form === 'avg' && t.weightSum !== undefined) return tb('aggregateWeighted', { list: t.list, items: t.items, weights: v(t.weightSum), result: v(t.result) });
      return tb('aggregate', { fn: lang === 'zh' ? BUILTINS[t.form] ?? t.form : t.form, list: t.list, items: t.items, result: v(t.result) });
  }
}

/** `linear`'s segment as the engine writes it: `x0 => y0 .. x1 => y1` between two points, else the
 * end it was clamped at (shown as written). */
function linearText(value: TraceValue, segment: string, s: TraceValue): string {
  const m = /^(\S+) => (\S+) \.\. (\S+) => (\S+)$/.exec(segment);
  return m ? tb('linearBetween', { value: v(value), x0: m[1], y0: m[2], x1: m[3], y1: m[4], score: v(s) })
    : tb('linearClamped', { value: v(value), edge: segment, score: v(s) });
}

function ratersTable(t: Extract<Trace, { form: 'rate' }>): HTMLElement {
  return h('table', { class: 'raters' },
    h('thead', {}, h('tr', {}, [tb('raterCategory'), tb('raterCount'), tb('raterTrimmed'), tb('raterUsed'), tb('raterMean'), tb('raterWeight')].map((x) => h('th', {}, x)))),
    h('tbody', {}, t.categories.flatMap((c) => [h('tr', { 'data-category': c.name },
      h('td', {}, c.name), h('td', { class: 'n' }, String(c.ratings)),
      c.missing
        ? h('td', { colspan: 4, class: 'muted' }, t.missing === 'zero' ? tb('raterMissingZero') : tb('raterMissing'))
        : c.criteria ? ballotCells(c)
        : [c.trimmed?.length ? h('td', { class: 'trimmed' }, v(c.trimmed)) : h('td', { class: 'muted' }, '—'), h('td', { class: 'used' }, v(c.used)),
          h('td', { class: 'n' }, v(c.mean)), h('td', { class: 'n' }, typeof c.weight === 'number' ? percent(c.weight) : v(c.weight))]),
    ...(c.criteria ?? []).map((e) => criterionRow(c.name, e, t))])),
    // with criteria: each criterion's score and weight (the panel's score is Σ weight × score)
    t.criteria ? h('tfoot', {}, t.criteria.map((e) => h('tr', { 'data-criterion': e.name },
      h('td', {}, e.name), h('td', { colspan: 3 }), h('td', { class: 'n' }, v(e.score)),
      h('td', { class: 'n' }, typeof e.weight === 'number' ? percent(e.weight) : v(e.weight))))) : null);
}

type RatingCategory = Extract<Trace, { form: 'rate' }>['categories'][number];

/** A category of a panel with criteria (issue 12): the ballots dropped (`#4 #3`) and its ballot mean. */
function ballotCells(c: RatingCategory): HTMLElement[] {
  const dropped = c.trimmedBallots?.length ? h('td', { class: 'trimmed' }, c.trimmedBallots.map((i) => `#${i}`).join(' ')) : h('td', { class: 'muted' }, '—');
  return [dropped, h('td', { class: 'muted' }, '—'), h('td', { class: 'n' }, v(c.mean)), h('td', { class: 'muted' }, '—')];
}

/** One criterion of a category: its ratings as a plain category's, its weight its share of the criterion's score. */
function criterionRow(category: string, e: NonNullable<RatingCategory['criteria']>[number], t: Extract<Trace, { form: 'rate' }>): HTMLElement {
  return h('tr', { 'data-category': category, 'data-criterion': e.name, class: 'criterion' },
    h('td', {}, `${category} · ${e.name}`), h('td', { class: 'n' }, String(e.ratings)),
    e.missing
      ? h('td', { colspan: 4, class: 'muted' }, t.missing === 'zero' ? tb('raterMissingZero') : tb('raterMissing'))
      : [e.trimmed?.length ? h('td', { class: 'trimmed' }, v(e.trimmed)) : h('td', { class: 'muted' }, '—'), h('td', { class: 'used' }, v(e.used)),
        h('td', { class: 'n' }, v(e.mean)), h('td', { class: 'n' }, typeof e.weight === 'number' ? percent(e.weight) : v(e.weight))]);
}

function rulesList(rules: Rule[]): HTMLElement {
  const fired = rules.filter((r) => r.matched);
  if (!fired.length) return h('p', { class: 'muted' }, tb('explainNoRules'));
  return h('ul', { class: 'rules' }, fired.map((r) => 'list' in r
    ? h('li', { 'data-rule': `${r.list}.${r.item}` }, `${r.list} · ${r.item}${P.colon}`, h('code', {}, r.condition.join('; ')),
      r.effects?.length ? ` → ${r.effects.map((e) => effectText(e)).join(P.comma)}` : '')
    : h('li', { 'data-rule': r.outcome }, `${tb('effectAction', { action: r.outcome })}${P.colon}`, h('code', {}, r.condition.join('; ')))));
}

function gradeText(x: Explain): (Node | string)[] {
  const g = x.grade;
  const out: (Node | string)[] = g.candidate === null ? [tb('gradeNone')]
    : [tb('gradeCandidate', { grade: g.candidate }), ...g.reasons.flatMap((c, i) => [i ? P.semi : '', h('code', {}, c)])];
  const acted = g.restrictions.filter((r) => r.acted);
  if (!acted.length && g.final === g.candidate) return out;
  const how = acted.map((r) => {
    const item = `${r.list} · ${r.item}`;
    return r.kind === 'cap' ? tb('cappedBy', { grade: r.grade ?? '', item }) : r.kind === 'veto' ? tb('vetoedBy', { item }) : tb('nogradeBy', { item });
  });
  if (g.final !== g.allowed && g.final !== null) how.push(tb('demotedTo', { grade: g.final }));
  return [...out, P.semi, tb('gradeRestricted', { how: how.join(P.comma), grade: g.final ?? '—' })];
}

export interface RoundingNote { kind: 'group' | 'base' | 'score' | 'none'; text: string }

/** Where the shown figures do not add up: indicators (and sub-categories) against their category,
 * categories against the base score, and base × adjust + rewards − deductions against the total. */
export function roundingNotes(r: SubjectResult, p: number): RoundingNote[] {
  const notes: RoundingNote[] = [];
  const digits = Math.max(p, 0);
  for (const g of r.groups) {
    const parts = [...r.indicators.filter((i) => i.group === g.id), ...r.groups.filter((c) => c.group === g.id)].map((x) => x.points);
    const sum = exactSum(parts, digits);
    if (parts.length && sum !== g.points) notes.push({ kind: 'group', text: tb('roundingGroup', { group: g.label, sum: score(sum, p), points: score(g.points, p), p }) });
  }
  const top = r.groups.length ? r.groups.filter((g) => g.group === undefined).map((g) => g.points) : r.indicators.filter((i) => i.group === null).map((i) => i.points);
  const sum = exactSum(top, digits);
  if (top.length && sum !== r.base) notes.push({ kind: 'base', text: tb('roundingBase', { sum: score(sum, p), base: score(r.base, p), p }) });
  const shown = shownTotal(r, digits);
  if (shown !== r.score) notes.push({ kind: 'score', text: tb('roundingScore', { sum: score(shown, p), score: score(r.score, p) }) });
  return notes.length ? notes : [{ kind: 'none', text: tb('roundingNone') }];
}

/** base × adjust + rewards − deductions (at least 0) from the shown figures, rounded half-up to
 * `digits` as the engine rounds: scaled integers (adjust has 6 decimals), so nothing is lost. */
function shownTotal(r: SubjectResult, digits: number): number {
  const f = 10 ** digits, A = 1e6;
  const exact = Math.round(r.base * f) * Math.round(r.adjust * A) + (Math.round(r.rewards * f) - Math.round(r.deductions * f)) * A;
  return Math.round(Math.max(0, exact) / A) / f;
}
