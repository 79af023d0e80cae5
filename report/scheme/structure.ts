// The first sections of the scheme document: who is assessed and when (the period, the groups quotas
// apply in, the information each person is assessed on), the indicators and weights (a table: each
// indicator's weight, for whom it applies — the `when` conditions on its path — and how it is
// scored), and the values worked out on the way (lets, adjustment, functions, tables, panels, scales).

import type { Decl, Expr, Member, Setting, Share, TypeExpr } from '../../dsl/ast.js';
import type { Msg } from '../../dsl/i18n/index.js';
import { Rational } from '../../dsl/rational.js';
import type { Block } from '../model.js';
import { numberText, W } from '../words/index.js';
import type { DocCtx } from './index.js';
import { D } from './messages.js';
import { perPostBlocks } from './per-post.js';

const setting = <K extends Setting['key']>(c: DocCtx, key: K) =>
  c.scheme.decls.find((d): d is Extract<Setting, { key: K }> => d.kind === 'Setting' && d.key === key);

/** The digits of `precision N` / `total N`, when written. */
function numberSetting(c: DocCtx, key: 'precision' | 'total'): string | undefined {
  for (const d of c.scheme.decls) if (d.kind === 'Setting' && (d.key === 'precision' || d.key === 'total') && d.key === key) return d.value.text;
  return undefined;
}

const PERIODS: Record<string, () => Msg> = { annual: D.periodAnnual, quarterly: D.periodQuarterly, monthly: D.periodMonthly, special: D.periodSpecial };

const q = (c: DocCtx, x: string) => c.say(W.quoted({ x }));

/** Every name an expression refers to (for "the weights depend on 岗位"). */
function namesIn(e: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(e)) for (const x of e) namesIn(x, into);
  else if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (o.kind === 'Name' && typeof o.name === 'string' && !o.builtin) into.add(o.name);
    for (const [k, v] of Object.entries(o)) if (k !== 'span') namesIn(v, into);
  }
  return into;
}

function members(c: DocCtx): Member[] {
  return c.scheme.decls.filter((d): d is Member => d.kind === 'Indicator' || d.kind === 'Group' || d.kind === 'When');
}

/** The conditions that decide who gets which indicators and weights: `when` blocks and conditional shares. */
function deciding(ms: readonly Member[], out: Expr[] = []): Expr[] {
  for (const m of ms) {
    if (m.kind === 'When') { out.push(m.cond); deciding(m.members, out); continue; }
    for (const k of m.share?.cases ?? []) out.push(k.cond);
    if (m.kind === 'Group') deciding(m.members, out);
  }
  return out;
}

/** The inputs the indicators and weights that apply depend on. */
function decidingInputs(c: DocCtx): string[] {
  return [...namesIn(deciding(members(c)), new Set())].filter((n) => c.words.names.get(n)?.kind === 'input');
}

export function whoBlocks(c: DocCtx): Block[] {
  const out: Block[] = [];
  const say = (m: Msg) => out.push({ kind: 'paragraph', text: c.say(m) });
  const period = setting(c, 'period');
  if (period) say(PERIODS[period.value]());
  const cohort = setting(c, 'cohortBy');
  const quotas = c.scheme.decls.some((d) => d.kind === 'Grades' && d.grades.some((g) => g.quotas.length > 0));
  if (cohort) say(D.cohort({ by: c.words.expr(cohort.value) }));
  else if (quotas) say(D.noCohort());
  const inputs = decidingInputs(c);
  if (inputs.length) say(D.dependsOn({ names: inputs.map((n) => c.words.name(n)) }));
  say(D.scale({ total: numberSetting(c, 'total') ?? '100', precision: numberSetting(c, 'precision') ?? '2' }));
  const rank = setting(c, 'rankBy');
  if (rank) say(D.rankBy({ key: c.words.expr(rank.value), dir: rank.dir === 'asc' ? D.rankAsc() : D.rankDesc() }));
  const rows: string[][] = [];
  for (const d of c.scheme.decls) {
    if (d.kind !== 'Input') continue;
    for (const f of d.fields) {
      const type = typeWords(c, f.type);
      rows.push([
        q(c, f.label?.value ?? f.name.name),
        f.display ? c.say(D.display({ type })) : type,
        f.default ? c.words.expr(f.default) : c.say(D.required()),
      ]);
    }
  }
  if (rows.length) {
    out.push({ kind: 'paragraph', text: c.say(D.inputsIntro()) });
    out.push({ kind: 'table', head: [c.say(D.thField()), c.say(D.thContent()), c.say(D.thDefault())], rows });
  }
  return out;
}

const PRIM: Record<string, () => Msg> = { number: D.tNumber, integer: D.tInteger, bool: D.tBool, text: D.tText, date: D.tDate };
const UNITS: Record<string, () => Msg> = { annual: D.uAnnual, quarterly: D.uQuarterly, monthly: D.uMonthly };
const PAST_UNITS: Record<string, () => Msg> = { annual: D.uYears, quarterly: D.uQuarters, monthly: D.uMonths };

function typeWords(c: DocCtx, t: TypeExpr): string {
  switch (t.kind) {
    case 'PrimType': case 'NamedType': {
      let text: string;
      if (t.kind === 'PrimType') text = c.say(PRIM[t.name]());
      else {
        const decl = c.scheme.decls.find((d) => d.kind === 'Enum' && d.name.name === t.name.name);
        text = decl?.kind === 'Enum' ? c.say(D.tEnum({ members: decl.members.map((m) => q(c, m.name.name)) })) : q(c, c.words.names.display(t.name.name));
      }
      if (t.constraint?.kind === 'Range') text = c.say(D.tRange({ type: text, lo: c.words.expr(t.constraint.lo), hi: c.words.expr(t.constraint.hi) }));
      else if (t.constraint?.kind === 'Compare') {
        const v = c.words.expr(t.constraint.value);
        const op = { '>=': D.cGe, '>': D.cGt, '<=': D.cLe, '<': D.cLt }[t.constraint.op]({ t: v });
        text = c.say(D.tCompare({ type: text, op }));
      }
      if (t.oneOf?.kind === 'Set') text = c.say(D.tOneOf({ type: text, values: t.oneOf.values.map((v) => c.words.expr(v)) }));
      else if (t.oneOf?.kind === 'Scale') text = c.say(D.tScale({ type: text, scale: c.words.name(t.oneOf.scale.name) }));
      return text;
    }
    case 'ListType': {
      const element = typeWords(c, t.element);
      return c.say(t.min ? D.tListMin({ min: t.min.text, element }) : D.tList({ element }));
    }
    case 'RecordType':
      return c.say(D.tRecord({ fields: t.fields.map((f) => c.say(D.tField({ name: q(c, f.label?.value ?? f.name.name), type: typeWords(c, f.type) }))) }));
    case 'RatingsType': return c.say(D.tRatings({ panel: c.words.name(t.panel.name) }));
    case 'PeriodResults': {
      const scheme = q(c, t.scheme?.name ?? '');
      if (t.form === 'related') return c.say(D.tRelated({ scheme, subject: c.words.name(t.subject?.name ?? '') }));
      if (t.form === 'past') return c.say(D.tPast({ count: t.count?.text ?? '', unit: PAST_UNITS[t.unit ?? 'annual']() }));
      return c.say(D.tResultsOf({ scheme, unit: UNITS[t.unit ?? 'annual']() }));
    }
    case 'ErrorType': return c.say(W.unreadable());
  }
}

// ---------------------------------------------------------------- indicators

function shareText(c: DocCtx, share: Share | undefined): string {
  if (!share) return '';
  const one = (n: { text: string; percent: boolean }) =>
    share.kind === 'points' ? c.say(D.pointsOf({ n: numberText(n.text, n.percent) })) : c.say(D.weight({ p: numberText(n.text, n.percent) }));
  if (!share.cases?.length) return one(share.value);
  const cases = share.cases.map((k) => c.say(D.shareCase({ share: one(k.value), cond: c.words.condition(k.cond) })));
  return c.say(D.shareCases({ cases: c.say(W.seq({ items: cases })), else: one(share.value) }));
}

function conditionsText(c: DocCtx, conds: readonly Expr[]): string {
  if (conds.length === 0) return c.say(D.everyone());
  return conds.map((e) => c.words.condition(e)).reduce((l, r) => c.say(W.and({ l, r })));
}

const INDENT = '\u3000';

function indicatorRows(c: DocCtx, ms: readonly Member[], conds: Expr[], depth: number, rows: string[][]): void {
  for (const m of ms) {
    if (m.kind === 'When') { indicatorRows(c, m.members, [...conds, m.cond], depth, rows); continue; }
    const name = INDENT.repeat(depth) + (m.kind === 'Group'
      ? c.say(D.groupRow({ name: c.words.name(m.name.name) }))
      : c.words.name(m.name.name));
    let how: string;
    if (m.kind === 'Group') how = c.say(m.normalize ? D.groupNormalize() : D.groupHow());
    else {
      how = m.value.kind === 'Number' ? c.say(W.points({ n: numberText(m.value.text, m.value.percent) })) : c.words.expr(m.value);
      if (m.range) how = c.say(D.range({ how, lo: c.words.expr(m.range.lo), hi: c.words.expr(m.range.hi) }));
    }
    const sum = m.kind === 'Group' && !m.share ? pointsSum(m.members) : undefined;
    const share = sum ? c.say(D.pointsOf({ n: sum.toDecimalString() })) : shareText(c, m.share);
    rows.push([name, share, conditionsText(c, conds), how]);
    if (m.kind === 'Group') indicatorRows(c, m.members, conds, depth + 1, rows);
  }
}

/** A group without a share of its own is worth the sum of its children's points — when they are plain
 * (no `when`, no conditional points), else undefined (the rows below it say it). */
function pointsSum(ms: readonly Member[]): Rational | undefined {
  let sum = Rational.ZERO;
  for (const m of ms) {
    if (m.kind === 'When' || m.share?.kind !== 'points' || m.share.cases?.length) return undefined;
    const v = Rational.parse(m.share.value.text, m.share.value.percent);
    if (!v) return undefined;
    sum = sum.add(v);
  }
  return ms.length ? sum : undefined;
}

function usesPoints(ms: readonly Member[]): boolean {
  return ms.some((m) => (m.kind === 'When' ? usesPoints(m.members) : m.share?.kind === 'points' || (m.kind === 'Group' && usesPoints(m.members))));
}

export function indicatorBlocks(c: DocCtx): Block[] {
  const ms = members(c);
  if (ms.length === 0) return [];
  const out: Block[] = [{ kind: 'paragraph', text: c.say(usesPoints(ms) ? D.pointsIntro({ total: numberSetting(c, 'total') ?? '100' }) : D.indicatorsIntro()) }];
  if (setting(c, 'normalize')) out.push({ kind: 'paragraph', text: c.say(D.normalizeRoot()) });
  const rows: string[][] = [];
  indicatorRows(c, ms, [], 0, rows);
  if (deciding(ms).length) out.push({ kind: 'paragraph', text: c.say(D.perPostIntro()) });
  const points = usesPoints(ms);
  out.push({ kind: 'table', head: [c.say(D.thName()), c.say(points ? D.thPoints() : D.thWeight()), c.say(D.thApplies()), c.say(D.thHow())], rows, align: ['left', 'right', 'left', 'left'] });
  if (!points) out.push(...perPostBlocks(c, ms, decidingInputs(c)));
  return out;
}

// ---------------------------------------------------------------- values worked out on the way

function methodItem(c: DocCtx, d: Decl): string | undefined {
  switch (d.kind) {
    case 'Let': return c.say(D.let({ name: c.words.name(d.name.name), value: c.words.expr(d.value) }));
    case 'Adjust': return c.say(D.adjust({ name: c.words.name(d.name.name), value: c.words.expr(d.value) }));
    case 'Function': return c.say(D.fn({ name: c.words.name(d.name.name), params: d.params.map((p) => q(c, p.name.name)), value: c.words.expr(d.body) }));
    case 'Table': return c.say(D.table({
      name: c.words.name(d.name.name),
      entries: d.entries.map((e) => c.say(D.tableEntry({ key: q(c, e.key.name), value: c.words.expr(e.value) }))),
    }));
    case 'Scale': return c.say(D.scaleDecl({
      name: c.words.name(d.name.name),
      tiers: d.tiers.map((t) => {
        const values = t.values.map((v) => c.words.expr(v));
        return t.name ? c.say(D.scaleTier({ name: q(c, t.name.name), values })) : c.say(W.one({ x: values }));
      }),
    }));
    case 'Panel': {
      const categories = d.categories.map((k) => {
        const name = q(c, k.label?.value ?? k.name.name), weight = numberText(k.weight.text, k.weight.percent);
        return c.say(k.min ? D.panelCategoryMin({ name, weight, min: k.min.text }) : D.panelCategory({ name, weight }));
      });
      const parts = [c.say(D.panel({ name: c.words.name(d.name.name), categories }))];
      if (d.criteria) parts.push(c.say(D.panelCriteria({ criteria: d.criteria.items.map((k) => c.say(D.panelCategory({ name: q(c, k.label?.value ?? k.name.name), weight: numberText(k.weight.text, k.weight.percent) }))) })));
      if (d.scale) parts.push(c.say(D.panelScale({ scale: c.words.name(d.scale.name) })));
      if (d.trim) {
        const a = { count: d.trim.count.text, atLeast: d.trim.atLeast.text };
        parts.push(c.say(d.trim.perBallot ? D.panelTrimBallot(a) : D.panelTrim(a)));
      }
      const missing = d.missing?.mode ?? 'renormalize';
      parts.push(c.say(missing === 'zero' ? D.panelZero() : missing === 'error' ? D.panelError() : D.panelRenormalize()));
      return parts.join(c.lang === 'zh' ? '' : ' ');
    }
    default: return undefined;
  }
}

export function methodBlocks(c: DocCtx): Block[] {
  const items = c.scheme.decls.map((d) => methodItem(c, d)).filter((x): x is string => x !== undefined);
  return items.length ? [{ kind: 'list', items: items.map((x) => [x]) }] : [];
}
