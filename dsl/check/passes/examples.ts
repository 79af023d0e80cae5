// Pass `examples`: an example's `given` against the input contract. Unknown fields (also record
// fields and ratings categories) are KH-C050; values of the wrong type, missing required fields,
// constants outside their constraint and lists of the wrong length are KH-C052. Enum members in
// `given` are resolved by the field's type (refs), and every given value is typed (types).
// Unknown names in `expect` (KH-C051) are reported while resolving names.

import type { Expr, Field, ObjectLit, OneOf, PanelDecl, TypeExpr } from '../../ast.js';
import { fixOf, type Fix } from '../../diagnostics.js';
import { nearest } from '../../distance.js';
import type { Msg } from '../../i18n/index.js';
import { Rational } from '../../rational.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { KW, M } from '../messages.js';
import { ERROR, NUMBER, typeMsg, type Type } from '../types.js';
import { parseDate } from '../../dates.js';
import { D } from '../messages/dates.js';
import { checkExamplePeriod, usesPeriod } from './periods.js';
import { periodGiven } from './periods-input.js';
import { whyNotDate } from '../../date-faults.js';

type Problem = (code: 'KH-C050' | 'KH-C052' | 'KH-C100', e: { span: { start: number; end: number } }, msg: Msg, fix?: Fix) => void;

function fields(ctx: CheckContext, obj: ObjectLit, decl: readonly Field[], path: string, bad: Problem, what: Msg): void {
  const given = new Set<string>();
  for (const en of obj.entries) {
    given.add(en.key.name);
    const f = decl.find((x) => x.name.name === en.key.name);
    if (!f) bad('KH-C050', en.key, path ? M.noFieldAt({ what, name: en.key.name, path }) : M.noField({ what, name: en.key.name }));
    else value(ctx, en.value, f.type, path ? `${path}.${en.key.name}` : en.key.name, bad);
  }
  for (const f of decl) {
    // a related subject's result left out is "no result" (the language has no null): its missing policy decides (issue 14 part 2)
    const optional = f.default || (f.type.kind === 'PeriodResults' && f.type.form === 'related');
    if (optional || given.has(f.name.name)) continue;
    const at = path ? `${path}.${f.name.name}` : f.name.name;
    // a roll-up list (`results of … UNIT`, `past N …`) is required as the engine requires it; say how to write none (U6 L-4)
    bad('KH-C052', obj, f.type.kind === 'PeriodResults' ? M.rollupMissing({ path: at }) : M.requiredMissing({ path: at }));
  }
}

function value(ctx: CheckContext, e: Expr, t: TypeExpr, path: string, bad: Problem): void {
  const want = ctx.typeExprs.get(t) ?? ERROR;
  ctx.types.set(e, want);
  const wrong = (found: Msg) => bad('KH-C052', e, M.shouldBe({ path, want: typeMsg(want), found }));
  switch (t.kind) {
    case 'PrimType': {
      if (t.name === 'bool') { if (e.kind !== 'Bool') wrong(describe(e)); return; }
      if (t.name === 'text') { if (e.kind !== 'String') wrong(describe(e)); return; }
      if (t.name === 'date') { if (e.kind !== 'String') wrong(describe(e)); else if (!parseDate(e.value)) bad('KH-C100', e, D.badDate({ text: e.value, why: whyNotDate(e.value) })); return; }
      const v = constValue(e);
      if (!v) return wrong(describe(e));
      if (t.name === 'integer' && !v.isInteger()) return wrong(M.notWhole({ value: v.toDecimalString() }));
      const off = t.oneOf && notInOneOf(ctx, t.oneOf, v, path);
      if (off) bad('KH-C052', e, off);
      const c = t.constraint;
      if (!c) return;
      const ok = c.kind === 'Range'
        ? (!constValue(c.lo) || v.ge(constValue(c.lo)!)) && (!constValue(c.hi) || v.le(constValue(c.hi)!))
        : ((k) => !k || (c.op === '>=' ? v.ge(k) : c.op === '>' ? v.gt(k) : c.op === '<=' ? v.le(k) : v.lt(k)))(constValue(c.value));
      if (!ok) bad('KH-C052', e, M.outside({ path, value: v.toDecimalString(), constraint: ctx.file.slice(c.span) }));
      return;
    }
    case 'NamedType': {
      if (e.kind !== 'Name') return wrong(describe(e));
      const m = ctx.symbols.members.get(e.name)?.find((x) => x.enumName === t.name.name);
      if (m) ctx.refs.set(e, m);
      else bad('KH-C052', e, M.givenNotMember({ path, name: e.name, enum: t.name.name }));
      return;
    }
    case 'ListType': {
      if (e.kind !== 'List') return wrong(describe(e));
      const n = Rational.int(e.items.length);
      const min = constValue(t.min), max = constValue(t.max);
      if ((min && n.lt(min)) || (max && n.gt(max))) bad('KH-C052', e, M.listLength({ path, n: e.items.length, bounds: lengthBounds(min, max) }));
      e.items.forEach((x, i) => value(ctx, x, t.element, `${path}[${i}]`, bad));
      return;
    }
    case 'RecordType':
      if (e.kind !== 'Object') return wrong(describe(e));
      fields(ctx, e, t.fields, path, bad, M.theRecord({ path }));
      return;
    case 'RatingsType': {
      if (e.kind !== 'Object') return wrong(describe(e));
      const p = ctx.symbols.names.get(t.panel.name);
      const cats = p?.kind === 'panel' ? p.decl.categories.map((c) => c.name.name) : [];
      for (const en of e.entries) {
        if (!cats.includes(en.key.name)) { bad('KH-C050', en.key, M.noCategoryAt({ panel: t.panel.name, name: en.key.name, path })); continue; }
        const sub = `${path}.${en.key.name}`;
        ctx.types.set(en.value, { kind: 'list', element: NUMBER });
        if (en.value.kind !== 'List') { bad('KH-C052', en.value, M.ratingsList({ path: sub, found: describe(en.value) })); continue; }
        if (p?.kind !== 'panel') continue;
        if (p.decl.criteria) { ballots(ctx, en.value.items, p.decl, sub, bad); continue; }
        en.value.items.forEach((x, i) => rating(ctx, x, p.decl, `${sub}[${i}]`, bad));
      }
      return;
    }
    case 'PeriodResults': periodGiven(ctx, e, t, path, want, bad, describe); return; // issue 14
    default: return;
  }
}

/** The values of `in {…}` / `in SCALE` (issue 12) as written, by tier when the scale names them;
 * undefined when the scale is unknown (KH-C071 reported it). */
function oneOfValues(ctx: CheckContext, o: OneOf): { values: Expr[]; scale?: string; tiers?: Msg[] } | undefined {
  if (o.kind === 'Set') return { values: o.values };
  const s = ctx.symbols.names.get(o.scale.name);
  if (s?.kind !== 'scale') return undefined;
  const shown = (es: Expr[]) => es.map((x) => ctx.file.slice(x.span));
  const named = s.decl.tiers.filter((t) => t.name);
  return {
    values: s.decl.tiers.flatMap((t) => t.values), scale: s.name,
    tiers: named.length > 0 ? named.map((t) => M.tierValues({ name: t.name!.name, values: shown(t.values) })) : undefined,
  };
}

/** Why `v` (at `path`) is not one of the values of `o`, naming them (as KH-E020 does at run time);
 * undefined when it is one. */
function notInOneOf(ctx: CheckContext, o: OneOf, v: Rational, path: string): Msg | undefined {
  const set = oneOfValues(ctx, o);
  if (!set || set.values.some((x) => constValue(x)?.eq(v))) return undefined;
  const value = v.toDecimalString();
  const shown = set.values.map((x) => ctx.file.slice(x.span));
  if (set.scale === undefined) return M.givenNotInSet({ path, value, values: shown });
  return M.givenNotOnScale({ path, value, scale: set.scale, tiers: set.tiers ?? shown });
}

/** Whether the panel's criteria are declared wrongly (KH-C073: none, twice, not 100%): then a
 * `given` naming another criterion is that error's consequence, not reported again. */
function criteriaBroken(p: PanelDecl): boolean {
  const items = p.criteria?.items ?? [];
  let sum = Rational.ZERO;
  for (const c of items) { const w = constValue(c.weight); if (w) sum = sum.add(w); }
  return items.length === 0 || !sum.eq(Rational.ONE) || new Set(items.map((c) => c.name.name)).size < items.length;
}

/** The ballots of a panel with criteria (issue 12): `{ 德: 95, 能: 90 }`, each rating on the panel's
 * scale (or in [0, 100]), every criterion rated under `per ballot` trimming. A misspelt criterion is
 * reported once per example and category, with the criterion it may have meant. */
function ballots(ctx: CheckContext, items: Expr[], panel: PanelDecl, path: string, bad: Problem): void {
  const criteria = panel.criteria!.items.map((c) => c.name.name);
  const broken = criteriaBroken(panel);
  const reported = new Set<string>();
  items.forEach((b, i) => {
    const at = `${path}[${i}]`;
    if (b.kind !== 'Object') { bad('KH-C052', b, M.ratingsList({ path: at, found: describe(b) })); return; }
    ctx.types.set(b, { kind: 'record', fields: new Map(criteria.map((c) => [c, NUMBER])) });
    if (b.entries.length === 0) { bad('KH-C052', b, M.givenBallotEmpty({ path: at })); return; }
    let unknown = false;
    for (const en of b.entries) {
      const name = en.key.name;
      if (!criteria.includes(name)) {
        unknown = true;
        if (broken || reported.has(name)) continue;
        reported.add(name);
        const meant = meantCriterion(name, criteria, b);
        const where = { panel: panel.name.name, name, path: at };
        if (meant) bad('KH-C050', en.key, M.givenUnknownCriterionMeant({ ...where, meant }), fixOf(M.fixUseName({ name: meant }), [{ span: en.key.span, text: meant }]));
        else bad('KH-C050', en.key, M.givenUnknownCriterion({ ...where, criteria }));
        continue;
      }
      rating(ctx, en.value, panel, `${at}.${name}`, bad);
    }
    const missing = criteria.filter((c) => !b.entries.some((en) => en.key.name === c));
    if (panel.trim?.perBallot && !unknown && missing.length > 0) {
      bad('KH-C052', b, M.givenBallotIncomplete({ panel: panel.name.name, path: at, missing }));
    }
  });
}

/** The criterion a misspelt `name` in ballot `b` may have meant: one the ballot leaves out first
 * (`{ 得: 90, 能: 90 }` meant 德, though every one-character criterion is one edit from 得), else
 * the only criterion within reach. */
function meantCriterion(name: string, criteria: string[], b: ObjectLit): string | undefined {
  const left = criteria.filter((c) => !b.entries.some((en) => en.key.name === c));
  const [first] = nearest(name, left, 1);
  if (first) return first;
  const near = nearest(name, criteria, 2);
  return near.length === 1 ? near[0] : undefined;
}

/** One rating: on the panel's scale when it has one, else in [0, 100]. */
function rating(ctx: CheckContext, x: Expr, panel: PanelDecl, path: string, bad: Problem): void {
  ctx.types.set(x, NUMBER);
  const v = constValue(x);
  if (!v || v.sign() < 0 || v.gt(Rational.HUNDRED)) { bad('KH-C052', x, M.ratingRange({ path, found: describe(x) })); return; }
  const off = panel.scale && notInOneOf(ctx, { kind: 'Scale', scale: panel.scale, span: panel.scale.span }, v, path);
  if (off) bad('KH-C052', x, off);
}

/** `at least 2`, `at most 3`, `at least 2 and at most 3`. */
function lengthBounds(min: Rational | undefined, max: Rational | undefined): Msg {
  if (min && max) return M.atLeastAtMost({ min: min.toDecimalString(), max: max.toDecimalString() });
  return min ? M.atLeast({ min: min.toDecimalString() }) : M.atMost({ max: max!.toDecimalString() });
}

/** What a given value is, for a message: `the number 1.5`, `the text "九十"`, `a list`. */
function describe(e: Expr): Msg {
  switch (e.kind) {
    case 'Number': return M.dNumber({ text: `${e.text}${e.percent ? '%' : ''}` });
    case 'String': return M.dText({ value: e.value });
    case 'Bool': return M.dBool({ value: e.value ? KW.true() : KW.false() });
    case 'Name': return M.dName({ name: e.name });
    case 'List': return M.dList();
    case 'Object': return M.dObject();
    case 'Unary': return M.dNegative();
    default: return M.dExpr();
  }
}

export const examplesPass: Pass = {
  name: 'examples',
  run(ctx) {
    const inputs = ctx.scheme.decls.flatMap((d) => (d.kind === 'Input' ? d.fields : []));
    const period = usesPeriod(ctx);
    for (const d of ctx.scheme.decls) {
      if (d.kind !== 'Example') continue;
      const bad: Problem = (code, at, problem, fix) => ctx.sink.add(code, at.span, M.inExample({ name: d.name.name, problem }), fix);
      ctx.types.set(d.given, ERROR);
      if (d.subjects) {
        // A cohort example (issue 13): each subject's input, named `example ID` in the messages.
        for (const s of d.subjects) {
          const badOf: Problem = (code, at, problem, fix) => ctx.sink.add(code, at.span, M.inExample({ name: `${d.name.name} ${s.id}`, problem }), fix);
          ctx.types.set(s.given, ERROR);
          fields(ctx, s.given, inputs, '', badOf, M.theInput());
        }
      } else fields(ctx, d.given, inputs, '', bad, M.theInput());
      checkExamplePeriod(ctx, d, period);
    }
  },
};

export type { Type };
