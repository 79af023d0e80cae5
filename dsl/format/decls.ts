// Declarations → lines. Simple declarations (settings, enum, table, let, adjust, indicator, rule
// items, grade lines, outcome entries, expects) take one logical line each; blocks (scheme, panel,
// input, group, when, negative, reward, grades, outcomes, example, given) open with a header line
// ending in `{` and close with a line holding `}`. Fixed inner order where the tree does not keep the
// source's interleaving: panel categories, trim, missing; outcomes bonus, actions, improve;
// example given, expects.
// A logical line longer than the width wraps (doc.ts, expr.ts): `name = value` keeps the value on
// its line if it fits, else moves it whole to the next line if it fits there, else breaks it where
// it stands — except a chain (`a + b …`, `if … else …`), which always breaks where it stands, before
// its operators. A rule item breaks before `=>`, a grade before `quota`.

import type {
  Decl, Effect, ExampleDecl, Expr, GradesDecl, Member, NegativeDecl, OutcomesDecl, PanelDecl, Quota, RewardDecl, Scheme,
  Share, Span,
} from '../ast.js';
import { choice, group, hardline, indent, join, line, softline, type Doc } from './doc.js';
import { braces, expr, field, label, num, P, quote, valueSet, type Ctx } from './expr.js';
import { givenBlock } from './given.js';
import { periodFieldNodes } from './period-fields.js';
import { declaredNames, subjectLines } from './cohort-example.js';
import { typeExpr } from './expr.js';
import type { FunctionDecl } from '../ast.js';
import type { Lines } from './lines.js';

/** Where the `{` of a block header is: the first one in [from, to) outside comments (`from` if none,
 * as in a tree recovered from a missing brace — bounded by the block, so such trees stay linear). */
export type FindOpen = (from: number, to: number) => number;

export interface Printer { c: Ctx; out: Lines; findOpen: FindOpen }

/** Emits `header {`, the body at indent + 1, and `}`. */
export function block(p: Printer, indent: number, header: Doc, span: Span, from: number, body: () => void): void {
  const open = p.findOpen(from, span.end);
  p.out.add(indent, [header, ' {'], span.start, Math.min(open + 1, span.end), { open: true });
  body();
  p.out.add(indent, '}', Math.max(span.end - 1, open + 1), span.end, { close: true });
}

const end = (...spans: ({ span: Span } | Span | undefined)[]): number =>
  Math.max(...spans.map((s) => (!s ? -1 : 'span' in s ? s.span.end : s.end)));

function share(s: Share | undefined, p: Printer): Doc {
  if (!s) return '';
  const { c } = p;
  // A conditional share (issue 12): `weight if C then N else if … else M`, on one line.
  const cases = (s.cases ?? []).map((k) => [c.kw('if'), ' ', expr(k.cond, c), ' ', c.kw('then'), ' ', num(k.value), ' ', c.kw('else'), ' ']);
  return [` ${c.kw(s.kind)} `, ...cases, num(s.value)];
}

/** `head = value tail` (see the header): on one line; else the value flat on the next line; else
 * broken where it stands. A chain value always breaks where it stands. */
function assign(head: Doc, value: Expr, c: Ctx, tail: Doc = ''): Doc {
  const v = expr(value, c);
  if (value.kind === 'Binary' || value.kind === 'If') return [head, ' = ', v, tail];
  return choice([head, ' = ', v, tail], [head, ' =', indent(hardline, v, tail)], [head, ' = ', v, tail]);
}

export function printScheme(s: Scheme, p: Printer): void {
  if (s.decls.some((d) => d.kind === 'Example' && d.subjects)) p = { ...p, c: { ...p.c, declared: declaredNames(s) } }; // issue 13
  const periodFields = periodFieldNodes(s); // issue 14
  if (periodFields) p = { ...p, c: { ...p.c, periodFields } };
  const { c } = p;
  block(p, 0, `${c.kw('scheme')} ${c.name(s.name.name)}${label(s.label)}`, s.span, end(s.name, s.label), () => {
    for (const d of s.decls) decl(d, 1, p);
  });
}

function decl(d: Decl, ind: number, p: Printer): void {
  const { c, out } = p;
  const line = (text: Doc) => out.add(ind, text, d.span.start, d.span.end);
  switch (d.kind) {
    case 'Setting':
      if (d.key === 'version') return line(`${c.kw('version')} ${quote(d.value.value)}`);
      if (d.key === 'period') return line(`${c.kw('period')} ${c.kw(d.value)}`);
      if (d.key === 'cohortBy') return line([c.kw('cohortBy'), ' ', expr(d.value, c)]);
      if (d.key === 'rankBy') return line([c.kw('rankBy'), ' ', expr(d.value, c, P.add), ' ', c.kw(d.dir)]);
      if (d.key === 'normalize') return line(c.kw('normalize'));
      return line(`${c.kw(d.key)} ${num(d.value)}`);
    case 'Enum': {
      const members = d.members.map((m) => c.name(m.name.name) + label(m.label));
      return line([`${c.kw('enum')} ${c.name(d.name.name)}${label(d.label)}${d.ordered ? ' ' + c.kw('ordered') : ''} `, braces(members)]);
    }
    case 'Table':
      return line([`${c.kw('table')} ${c.name(d.name.name)}${label(d.label)} `, braces(d.entries.map((e) => [c.name(e.key.name), ': ', expr(e.value, c)]))]);
    case 'Panel': return panel(d, ind, p);
    case 'Scale': {
      const items: Doc[] = d.tiers.flatMap((t): Doc[] => (t.name
        ? [[c.name(t.name.name), ': ', valueSet(t.values, c)]] : t.values.map((v) => expr(v, c, P.neg))));
      return line([`${c.kw('scale')} ${c.name(d.name.name)}${label(d.label)} `, braces(items)]);
    }
    case 'Input':
      return block(p, ind, c.kw('input'), d.span, d.span.start, () => {
        for (const f of d.fields) out.add(ind + 1, field(f, c), f.span.start, f.span.end);
      });
    case 'Let': case 'Adjust':
      return line(assign(`${c.kw(d.kind === 'Let' ? 'let' : 'adjust')} ${c.name(d.name.name)}${label(d.label)}`, d.value, c));
    case 'Indicator': case 'Group': case 'When': return member(d, ind, p);
    case 'Negative': case 'Reward': return ruleList(d, ind, p);
    case 'Grades': return grades(d, ind, p);
    case 'Outcomes': return outcomes(d, ind, p);
    case 'Example': return example(d, ind, p);
    case 'Function': return line(functionHead(d, c, d.body));
  }
}

/** `function 折算(x: number, 满分: number): number = …` (issue 12). */
function functionHead(d: FunctionDecl, c: Ctx, body: Expr): Doc {
  // The parameters break as a call's arguments do: one a line, indented, when the head is too wide.
  const params = d.params.map((x): Doc => [c.name(x.name.name), ': ', typeExpr(x.type, c)]);
  const list = params.length ? group('(', indent(softline, join([',', line], params)), softline, ')') : '()';
  const result = d.result ? [': ', typeExpr(d.result, c)] : '';
  return assign([c.kw('function'), ' ', c.name(d.name.name), label(d.label), list, result], body, c);
}

function panel(d: PanelDecl, ind: number, p: Printer): void {
  const { c, out } = p;
  block(p, ind, `${c.kw('panel')} ${c.name(d.name.name)}${label(d.label)}`, d.span, end(d.name, d.label), () => {
    if (d.criteria) {
      const items = d.criteria.items.map((k) => `${c.name(k.name.name)}${label(k.label)} ${c.kw('weight')} ${num(k.weight)}`);
      out.add(ind + 1, [`${c.kw('criteria')} `, braces(items)], d.criteria.span.start, d.criteria.span.end);
    }
    if (d.scale) out.add(ind + 1, `${c.kw('scale')} ${c.name(d.scale.name)}`, d.scale.span.start, d.scale.span.end);
    for (const k of d.categories) {
      const min = k.min ? ` ${c.kw('min')} ${num(k.min)}` : '';
      out.add(ind + 1, `${c.name(k.name.name)}${label(k.label)} ${c.kw('weight')} ${num(k.weight)}${min}`, k.span.start, k.span.end);
    }
    if (d.trim) {
      const t = d.trim;
      const per = t.perBallot ? ` ${c.kw('per')} ${c.kw('ballot')}` : '';
      out.add(ind + 1, `${c.kw('trim')} ${num(t.count)} ${c.kw('when')} ${c.builtin('count')} >= ${num(t.atLeast)}${per}`, t.span.start, t.span.end);
    }
    if (d.missing) out.add(ind + 1, `${c.kw('missing')} ${c.kw(d.missing.mode)}`, d.missing.span.start, d.missing.span.end);
  });
}

function member(m: Member, ind: number, p: Printer): void {
  const { c, out } = p;
  const body = () => { for (const x of m.kind === 'Indicator' ? [] : m.members) member(x, ind + 1, p); };
  if (m.kind === 'Indicator') {
    const range: Doc = m.range ? [' ', c.kw('range'), ' [', expr(m.range.lo, c), ', ', expr(m.range.hi, c), ']'] : '';
    out.add(ind, assign([`${c.kw('indicator')} ${c.name(m.name.name)}${label(m.label)}`, share(m.share, p)], m.value, c, range), m.span.start, m.span.end);
  } else if (m.kind === 'Group') {
    const header = [`${c.kw('group')} ${c.name(m.name.name)}${label(m.label)}`, share(m.share, p), m.normalize ? ' ' + c.kw('normalize') : ''];
    block(p, ind, header, m.span, end(m.name, m.label, m.share), body);
  } else {
    block(p, ind, [c.kw('when'), ' ', expr(m.cond, c)], m.span, m.cond.span.end, body);
  }
}

function effect(e: Effect, c: Ctx): Doc {
  switch (e.kind) {
    case 'veto': case 'nograde': return c.kw(e.kind);
    case 'cap': return `${c.kw('cap')} ${c.name(e.grade.name)}`;
    case 'action': return `${c.kw('action')} ${c.name(e.action.name)}${label(e.label)}`;
    case 'deduct': case 'add': {
      const s: Doc[] = [c.kw(e.kind), ' ', expr(e.amount, c, P.add)];
      if (e.per) s.push(' ', c.kw('per'), ' ', expr(e.per, c, P.add));
      if (e.max) s.push(' ', c.kw('max'), ' ', expr(e.max, c, P.add));
      return s;
    }
  }
}

function ruleList(d: NegativeDecl | RewardDecl, ind: number, p: Printer): void {
  const { c, out } = p;
  const max: Doc = d.max ? [' ', c.kw('max'), ' ', expr(d.max, c, P.add)] : '';
  const header = [`${c.kw(d.kind === 'Negative' ? 'negative' : 'reward')} ${c.name(d.name.name)}${label(d.label)}`, max];
  block(p, ind, header, d.span, end(d.name, d.label, d.max), () => {
    for (const it of d.items) {
      // Breaks before `=>`, then after the `,` between effects.
      const effects = group(join([',', line], it.effects.map((e) => effect(e, c))));
      const target = it.for ? ` ${c.kw('for')} ${c.name(it.for.name)}` : ''; // issue 12: attached item
      const text = group(`${c.kw('item')} ${c.name(it.name.name)}${label(it.label)}${target} ${c.kw('when')} `, expr(it.when, c), indent(line, '=> ', indent(effects)));
      out.add(ind + 1, text, it.span.start, it.span.end);
    }
  });
}

const ROUND = { down: 'roundDown', up: 'roundUp', nearest: 'roundNearest' } as const;
const OF = { graded: 'ofGraded', all: 'ofAll' } as const;

/** One quota clause: the share (or share table, or soft share alone), then its options in a fixed order. */
function quota(q: Quota, c: Ctx): Doc {
  const out: Doc[] = [c.kw('quota')];
  if (q.percent) out.push(` ${num(q.percent)}`);
  else if (q.table) {
    out.push(` ${c.name(q.table.key.name)} `, braces(q.table.entries.map((e) => [c.name(e.member.name), ': ', num(e.percent)])));
  }
  if (q.normal) out.push(` ${c.kw('normally')} ${num(q.normal)}`);
  if (q.round) out.push(` ${c.kw(ROUND[q.round])}`);
  if (q.min) out.push(` ${c.kw('min')} ${num(q.min)}`);
  if (q.of) out.push(` ${c.kw(OF[q.of])}`);
  if (q.scope) out.push(` ${c.kw(q.scope)}`);
  return out;
}

function grades(d: GradesDecl, ind: number, p: Printer): void {
  const { c, out } = p;
  const keys = d.tiebreak.map((k) => [expr(k.key, c, P.add), ' ', c.kw(k.dir)]);
  const head = d.committee ? `${c.kw('grades')} ${c.kw('byCommittee')}` : c.kw('grades'); // issue 13
  const header: Doc = keys.length ? group(head, ' ', c.kw('tiebreak'), indent(line, join([',', line], keys))) : head;
  block(p, ind, header, d.span, d.tiebreak.length ? end(...d.tiebreak) : d.committee?.span.end ?? d.span.start, () => {
    for (const g of d.grades) {
      const s: Doc[] = [c.name(g.name.name) + label(g.label)];
      if (g.otherwise) s.push(' ', c.kw('otherwise'));
      else if (g.when) s.push(' ', c.kw('when'), ' ', expr(g.when, c));
      for (const q of g.quotas) s.push(indent(line, quota(q, c)));
      out.add(ind + 1, group(s), g.span.start, g.span.end);
    }
  });
}

function outcomes(d: OutcomesDecl, ind: number, p: Printer): void {
  const { c, out } = p;
  block(p, ind, c.kw('outcomes'), d.span, d.span.start, () => {
    if (d.bonus) {
      const entries = d.bonus.entries.map((e) => [c.name(e.grade.name), ': ', expr(e.value, c)]);
      out.add(ind + 1, [c.kw('bonusByGrade'), ' ', braces(entries)], d.bonus.span.start, d.bonus.span.end);
    }
    for (const a of d.actions) {
      out.add(ind + 1, [`${c.kw('action')} ${c.name(a.name.name)}${label(a.label)} ${c.kw('when')} `, expr(a.when, c)], a.span.start, a.span.end);
    }
    if (d.improve) {
      const max = d.improve.max ? ` ${c.kw('max')} ${num(d.improve.max)}` : '';
      out.add(ind + 1, [c.kw('improve'), ' ', c.kw('below'), ' ', expr(d.improve.below, c, P.add), max], d.improve.span.start, d.improve.span.end);
    }
  });
}

function example(d: ExampleDecl, ind: number, p: Printer): void {
  const { c, out } = p;
  block(p, ind, `${c.kw('example')} ${c.name(d.name.name)}${label(d.label)}`, d.span, end(d.name, d.label), () => {
    if (d.period) out.add(ind + 1, `${c.kw('period')} ${quote(d.period.value)}`, d.period.span.start, d.period.span.end);
    if (!d.subjects || d.given.span.end > d.given.span.start) givenBlock(d.given, ind + 1, p);
    for (const s of d.subjects ?? []) subjectLines(s, ind + 1, p); // a cohort example (issue 13)
    const ec = d.subjects ? { ...c, subjects: new Set(d.subjects.map((s) => s.id)) } : c;
    for (const e of d.expects) out.add(ind + 1, [c.kw('expect'), ' ', expr(e, ec)], e.span.start, e.span.end);
  });
}
