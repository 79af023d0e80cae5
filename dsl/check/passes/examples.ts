// Pass `examples`: an example's `given` against the input contract. Unknown fields (also record
// fields and ratings categories) are KH-C050; values of the wrong type, missing required fields,
// constants outside their constraint and lists of the wrong length are KH-C052. Enum members in
// `given` are resolved by the field's type (refs), and every given value is typed (types).
// Unknown names in `expect` (KH-C051) are reported while resolving names.

import type { Expr, Field, ObjectLit, OneOf, TypeExpr } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import { Rational } from '../../rational.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { KW, M } from '../messages.js';
import { ERROR, NUMBER, typeMsg, type Type } from '../types.js';
import { parseDate } from '../../dates.js';
import { D } from '../messages/dates.js';
import { checkExamplePeriod, usesPeriod } from './periods.js';

type Problem = (code: 'KH-C050' | 'KH-C052' | 'KH-C100', e: { span: { start: number; end: number } }, msg: Msg) => void;

function fields(ctx: CheckContext, obj: ObjectLit, decl: readonly Field[], path: string, bad: Problem, what: Msg): void {
  const given = new Set<string>();
  for (const en of obj.entries) {
    given.add(en.key.name);
    const f = decl.find((x) => x.name.name === en.key.name);
    if (!f) bad('KH-C050', en.key, path ? M.noFieldAt({ what, name: en.key.name, path }) : M.noField({ what, name: en.key.name }));
    else value(ctx, en.value, f.type, path ? `${path}.${en.key.name}` : en.key.name, bad);
  }
  for (const f of decl) {
    if (!f.default && !given.has(f.name.name)) bad('KH-C052', obj, M.requiredMissing({ path: path ? `${path}.${f.name.name}` : f.name.name }));
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
      if (t.name === 'date') { if (e.kind !== 'String') wrong(describe(e)); else if (!parseDate(e.value)) bad('KH-C100', e, D.badDate({ text: e.value })); return; }
      const v = constValue(e);
      if (!v) return wrong(describe(e));
      if (t.name === 'integer' && !v.isInteger()) return wrong(M.notWhole({ value: v.toDecimalString() }));
      if (t.oneOf && !inOneOf(ctx, t.oneOf, v)) bad('KH-C052', e, M.outside({ path, value: v.toDecimalString(), constraint: ctx.file.slice(t.oneOf.span) }));
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
        const criteria = p?.kind === 'panel' ? p.decl.criteria?.items.map((c) => c.name.name) : undefined;
        if (criteria) { ballots(ctx, en.value.items, criteria, t.panel.name, sub, bad); continue; }
        en.value.items.forEach((x, i) => {
          ctx.types.set(x, NUMBER);
          const v = constValue(x);
          if (!v || v.sign() < 0 || v.gt(Rational.HUNDRED)) bad('KH-C052', x, M.ratingRange({ path: `${sub}[${i}]`, found: describe(x) }));
        });
      }
      return;
    }
    default: return;
  }
}

/** Whether `v` is one of the values of `in {…}` / `in SCALE` (issue 12); true when they are unknown. */
function inOneOf(ctx: CheckContext, o: OneOf, v: Rational): boolean {
  const s = o.kind === 'Scale' ? ctx.symbols.names.get(o.scale.name) : undefined;
  if (o.kind === 'Scale' && s?.kind !== 'scale') return true;
  const values = o.kind === 'Set' ? o.values : s?.kind === 'scale' ? s.decl.tiers.flatMap((t) => t.values) : [];
  return values.some((x) => constValue(x)?.eq(v));
}

/** The ballots of a panel with criteria (issue 12): `{ 德: 95, 能: 90 }`, each rating in [0, 100]. */
function ballots(ctx: CheckContext, items: Expr[], criteria: string[], panel: string, path: string, bad: Problem): void {
  items.forEach((b, i) => {
    const at = `${path}[${i}]`;
    if (b.kind !== 'Object') { bad('KH-C052', b, M.ratingsList({ path: at, found: describe(b) })); return; }
    ctx.types.set(b, { kind: 'record', fields: new Map(criteria.map((c) => [c, NUMBER])) });
    for (const en of b.entries) {
      if (!criteria.includes(en.key.name)) { bad('KH-C050', en.key, M.noCategoryAt({ panel, name: en.key.name, path: at })); continue; }
      ctx.types.set(en.value, NUMBER);
      const v = constValue(en.value);
      if (!v || v.sign() < 0 || v.gt(Rational.HUNDRED)) bad('KH-C052', en.value, M.ratingRange({ path: `${at}.${en.key.name}`, found: describe(en.value) }));
    }
  });
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
      const bad: Problem = (code, at, problem) => ctx.sink.add(code, at.span, M.inExample({ name: d.name.name, problem }));
      ctx.types.set(d.given, ERROR);
      fields(ctx, d.given, inputs, '', bad, M.theInput());
      checkExamplePeriod(ctx, d, period);
    }
  },
};

export type { Type };
