// The feedback sheet (反馈面谈表, issue 15): one Page for one person of one round, and one Doc for a
// person or a whole unit (a page each, in roster order). Sections, numbered: the score and grade
// with the reasons in sentences (grade.ts); each indicator against the unit average, as a table and
// a sentence (compare.ts); strengths and shortcomings; the `improve` areas as training needs (缺什么
// 补什么); what the result leads to (actions with what they mean, actions.ts; the bonus factor);
// earlier periods; then ruled lines for the interview notes and the improvement plan, and the
// signatures. Every figure is the stored result's, at the scheme's precision; unit averages are
// analytics/means.ts's exact means, printed at the same precision (compare.ts).

import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { displayName as nameOf } from '../../engine/display-name.js';
import type { Block, Doc, Inline, Page } from '../model.js';
import { fixed, percentText } from '../shared/numbers.js';
import { numbered, periodWords } from '../shared/period.js';
import { num, runList, sentence } from '../shared/runs.js';
import { actionMeaning } from './actions.js';
import { diffText, furthest, indicatorRows, type IndicatorRow } from './compare.js';
import { composition, gradeReasons, itemLines, scoreLine } from './grade.js';
import { M } from './messages.js';
import type { FeedbackContext, FeedbackPerson } from './types.js';

/** The name a paper prints for a person: its name by the one rule (engine/display-name.ts: `姓名`,
 * else `name`, a non-blank text, trimmed), else its id — a blank 姓名 cell printed no name at all. */
export function displayName(r: { subject: string; display?: Record<string, string> }): string {
  return nameOf(r.display) ?? r.subject;
}

/** The person's post (职务) when the roster gave one. */
export function postOf(r: { display?: Record<string, string> }): string | undefined {
  return r.display?.['职务'] ?? r.display?.['post'];
}

const para = (runs: Inline[]): Block => ({ kind: 'paragraph', runs });

/** A section: its numbered heading and blocks. */
class Sections {
  private no = 0;
  readonly blocks: Block[] = [];
  constructor(private readonly lang: Locale) {}
  section(title: Msg, blocks: Block[]): void {
    this.blocks.push({ kind: 'heading', level: 2, text: numbered(++this.no, render(title, this.lang), this.lang) }, ...blocks);
  }
}

/** The head of the sheet: who, and the result. (The period is the subtitle's, right above.) */
function head(ctx: FeedbackContext, person: FeedbackPerson): Block {
  const r = person.result;
  const t = (m: Msg) => render(m, ctx.lang);
  const post = postOf(r);
  const rank = r.rank.cohort === null || person.cohortSize === undefined
    ? t(M.rankNone())
    : t(M.rankValue({ rank: String(r.rank.cohort), size: String(person.cohortSize) }));
  return {
    kind: 'fields',
    items: [
      { label: t(M.fName()), value: displayName(r) },
      { label: t(M.fUnit()), value: person.unit ?? '' },
      ...(post !== undefined ? [{ label: t(M.fPost()), value: post }] : []),
      { label: t(M.fScore()), value: fixed(r.score, ctx.scheme.precision) },
      { label: t(M.fGrade()), value: r.grade ?? t(M.noGrade()) },
      { label: t(M.fRank()), value: rank },
    ],
  };
}

function indicatorTable(ctx: FeedbackContext, rows: IndicatorRow[]): Block {
  const t = (m: Msg) => render(m, ctx.lang);
  const p = ctx.scheme.precision;
  const groups = new Map(ctx.scheme.groups.map((g) => [g.name, g.label]));
  const withGroup = rows.some((x) => x.indicator.group !== null);
  const empty = '—';
  return {
    kind: 'table',
    head: [t(M.colIndicator()), ...(withGroup ? [t(M.colGroup())] : []), t(M.colWeight()), t(M.colScore()), t(M.colPoints()), t(M.colMean()), t(M.colDiff())],
    align: ['left', ...(withGroup ? ['left' as const] : []), 'right', 'right', 'right', 'right', 'right'],
    rows: rows.map((x) => [
      x.indicator.label,
      ...(withGroup ? [x.indicator.group === null ? '' : groups.get(x.indicator.group) ?? x.indicator.group] : []),
      percentText(x.indicator.weight),
      x.score,
      fixed(x.indicator.points, p),
      x.mean ?? empty,
      x.diff === null ? empty : diffText(x.diff, p, true),
    ]),
  };
}

function indicatorSection(ctx: FeedbackContext, person: FeedbackPerson, rows: IndicatorRow[]): Block[] {
  const { lang } = ctx;
  const blocks: Block[] = [indicatorTable(ctx, rows)];
  const known = rows.filter((x) => x.diff !== null);
  if (person.unitMeans === null || known.length === 0) return [...blocks, { kind: 'paragraph', text: render(M.noMeans(), lang), tone: 'note' }];
  const count = (f: (d: bigint) => boolean) => num(String(known.filter((x) => f(x.diff!)).length));
  blocks.push(para(sentence(lang, M.indicatorSummary, {
    count: num(String(known.length)), above: count((d) => d > 0n), below: count((d) => d < 0n), level: count((d) => d === 0n),
  })));
  blocks.push({ kind: 'paragraph', tone: 'note', text: render(M.meansNote({ unit: person.unitMeans.unit, size: String(person.unitMeans.size), digits: String(ctx.scheme.precision) }), lang) });
  return blocks;
}

/** Strengths and shortcomings, a paragraph each (the table above has every figure; on one sheet of
 * paper a sentence per indicator would not fit). */
function strengthsSection(ctx: FeedbackContext, rows: IndicatorRow[]): Block[] {
  const { lang } = ctx;
  const p = ctx.scheme.precision;
  const item = (x: IndicatorRow, m: typeof M.strengthItem) =>
    sentence(lang, m, { indicator: x.indicator.label, score: num(x.score), mean: num(x.mean!), diff: num(diffText(x.diff!, p)) });
  const part = (line: typeof M.strengthsLine, list: IndicatorRow[], m: typeof M.strengthItem, none: Msg): Block =>
    para(sentence(lang, line, { items: list.length > 0 ? runList(list.map((x) => item(x, m)), true) : render(none, lang) }));
  return [
    part(M.strengthsLine, furthest(rows, 1), M.strengthItem, M.noStrengths()),
    part(M.shortcomingsLine, furthest(rows, -1), M.shortcomingItem, M.noShortcomings()),
  ];
}

function improveSection(ctx: FeedbackContext, person: FeedbackPerson): Block[] {
  const { lang, scheme } = ctx;
  const r = person.result;
  if (scheme.improve === null) return [{ kind: 'paragraph', text: render(M.improveNotSet(), lang) }];
  const below = scheme.improve.below;
  if (r.improve.length === 0) {
    return [para(below === null ? sentence(lang, M.improveNoneNoLine, {}) : sentence(lang, M.improveNone, { below: num(below) }))];
  }
  const byId = new Map(r.indicators.map((x) => [x.id, x]));
  const items = runList(r.improve.flatMap((name) => {
    const x = byId.get(name);
    return x ? [sentence(lang, M.improveItem, { indicator: x.label, score: num(fixed(x.score, scheme.precision)) })] : [];
  }));
  return [para(below === null ? sentence(lang, M.improveIntroNoLine, { items }) : sentence(lang, M.improveIntro, { below: num(below), items }))];
}

/** What an action means: the scheme's own words for it (its label, 由科室负责人约谈提醒) first, else
 * the glossary's (actions.ts), else “as the scheme provides”. */
function meaningOf(name: string, label: string | undefined, lang: Locale): string {
  if (label !== undefined && label !== name) return render(M.actionLabel({ label: label.replace(/[。.]+$/u, '') }), lang);
  return render(actionMeaning(name, label) ?? M.actionAsScheme(), lang);
}

/** What led to an action: the negative items that name it, and the outcome's condition when it held
 * (the explanation says; without one, when no item gave it, the outcome did). */
function whyOf(ctx: FeedbackContext, person: FeedbackPerson, name: string): string | undefined {
  const { lang } = ctx;
  const r = person.result;
  const items = r.negative.filter((x) => x.effects.some((e) => 'action' in e && e.action === name)).map((x) => `“${x.label ?? x.item}”`);
  const when = ctx.terms?.actionWhen.get(name);
  const traced = person.explain?.rules.find((x) => 'outcome' in x && x.outcome === name);
  const byOutcome = when !== undefined && (traced ? traced.matched : items.length === 0);
  const parts = [
    ...(items.length > 0 ? [render(M.actionWhyItems({ items }), lang)] : []),
    ...(byOutcome ? [render(M.actionWhyCondition({ condition: when }), lang)] : []),
  ];
  return parts.length > 0 ? parts.join(lang === 'zh' ? '；' : '; ') : undefined;
}

/** The bonus factor as the scheme writes it (1.0), when that is the stored value; else the value. */
function bonusText(ctx: FeedbackContext, r: FeedbackPerson['result']): string {
  const written = r.grade === null ? undefined : ctx.terms?.bonus.get(r.grade);
  return written !== undefined && Number(written) === r.bonus ? written : String(r.bonus);
}

function actionsSection(ctx: FeedbackContext, person: FeedbackPerson): Block[] {
  const { lang, scheme } = ctx;
  const r = person.result;
  const labels = new Map(scheme.actions.map((a) => [a.name, a.label]));
  const blocks: Block[] = [];
  if (r.actions.length === 0) blocks.push({ kind: 'paragraph', text: render(M.actionsNone(), lang) });
  else {
    blocks.push({
      kind: 'list',
      items: r.actions.map((name) => {
        const meaning = meaningOf(name, labels.get(name), lang);
        const why = whyOf(ctx, person, name);
        return [render(why === undefined ? M.actionItem({ action: name, meaning }) : M.actionItemWhy({ action: name, why, meaning }), lang)];
      }),
    });
  }
  if (r.bonus !== null) blocks.push(para(sentence(lang, M.bonus, { bonus: num(bonusText(ctx, r)) })));
  return blocks;
}

/** Most periods (this one included) the history table shows side by side. */
const SIDE_BY_SIDE = 5;

function trendSection(ctx: FeedbackContext, person: FeedbackPerson): Block[] {
  const { lang } = ctx;
  const t = (m: Msg) => render(m, lang);
  const r = person.result;
  const now = [t(M.thisPeriod({ period: periodWords(ctx.round.period, lang) })), fixed(r.score, ctx.scheme.precision), r.grade ?? t(M.noGrade())];
  const rows = [...person.history.map((h) => [periodWords(h.period, lang), h.score ?? '—', h.grade ?? t(M.noGrade())]), now];
  // Up to four earlier periods side by side (a column each: three lines of the sheet, not six); more
  // as rows.
  const blocks: Block[] = rows.length <= SIDE_BY_SIDE
    ? [{
      kind: 'table', head: [t(M.colPeriod()), ...rows.map((x) => x[0]!)],
      rows: [[t(M.fScore()), ...rows.map((x) => x[1]!)], [t(M.fGrade()), ...rows.map((x) => x[2]!)]],
      align: ['center', ...rows.map(() => 'center' as const)],
    }]
    : [{ kind: 'table', head: [t(M.colPeriod()), t(M.fScore()), t(M.fGrade())], rows, align: ['left', 'right', 'center'] }];
  if (person.history.length === 0) blocks.push({ kind: 'paragraph', text: t(M.trendNone()), tone: 'note' });
  return blocks;
}

const withComposition = (lang: Locale, line: Inline[], parts: Inline[]): Inline[] =>
  parts.length === 0 ? line : [...line, ...(lang === 'en' ? [' '] : []), ...parts];

/** One person's sheet. */
export function feedbackSheet(ctx: FeedbackContext, person: FeedbackPerson): Page {
  const { lang, scheme } = ctx;
  const t = (m: Msg) => render(m, lang);
  const r = person.result;
  const rows = indicatorRows(r.indicators, person.unitMeans, scheme.precision);
  const s = new Sections(lang);
  s.section(M.secScore(), [
    para(withComposition(lang, scoreLine(ctx, r), composition(ctx, r))),
    ...itemLines(ctx, r, person.input).map(para),
    ...gradeReasons(ctx, person).map(para),
  ]);
  s.section(M.secIndicators(), indicatorSection(ctx, person, rows));
  s.section(M.secStrengths(), strengthsSection(ctx, rows));
  s.section(M.secImprove(), improveSection(ctx, person));
  s.section(M.secActions(), actionsSection(ctx, person));
  s.section(M.secTrend(), trendSection(ctx, person));
  // who fills in the lines is said in the heading: a line of the sheet saved for writing
  s.section(M.withHint({ title: M.secInterview(), hint: M.interviewHint() }), [{ kind: 'lines', label: '', count: 3 }]);
  s.section(M.withHint({ title: M.secPlan(), hint: M.planHint() }), [{ kind: 'lines', label: '', count: 2 }]);
  // each signer dates their own signature (they may sign on different days)
  s.blocks.push({ kind: 'signatures', items: [t(M.sigPerson()), t(M.sigDate()), t(M.sigInterviewer()), t(M.sigDate())] });
  return {
    title: t(M.pageTitle()),
    subtitle: t(M.subtitle({ scheme: scheme.label ?? scheme.id, period: periodWords(ctx.round.period, lang) })),
    blocks: [head(ctx, person), ...s.blocks],
  };
}

/** The sheets of `people` as one printable file: one person's (`unit` undefined and one person), a
 * unit's, or everyone's the caller may see. */
export function feedbackDoc(ctx: FeedbackContext, people: readonly FeedbackPerson[], unit?: string): Doc {
  const period = periodWords(ctx.round.period, ctx.lang);
  const title = unit !== undefined
    ? M.unitDocTitle({ unit, period })
    : people.length === 1 ? M.docTitle({ name: displayName(people[0]!.result), period }) : M.allDocTitle({ period });
  return { lang: ctx.lang, title: render(title, ctx.lang), pages: people.map((p) => feedbackSheet(ctx, p)) };
}

