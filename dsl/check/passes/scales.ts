// Pass `scales` (issue 12): rating scales, value sets and panel ballots.
// - A scale lists numbers, each once, each in one tier; no tier (and no scale) is empty, no tier
//   name repeats (KH-C070).
// - `in {…}` and `in SCALE` restrict number and integer inputs, list elements and record fields;
//   `in` names a scale (KH-C071), on a number type, with values the type can take (KH-C072).
// - A panel's `scale` names a scale (KH-C071); its `criteria` are distinct and weigh 100% (KH-C073);
//   `per ballot` trimming needs criteria (KH-C074); at most MAX_CRITERIA criteria (KH-C076).
// - A scale nothing uses is a warning (KH-C075): uses are types and panels (here) and `x in SCALE`
//   in expressions (resolved by infer/membership.ts into ctx.refs).

import type { Expr, Name, OneOf, ScaleDecl, TypeExpr } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import { nearest } from '../../distance.js';
import { Rational } from '../../rational.js';
import { constValue, percent, type CheckContext, type Pass } from '../context.js';
import { kindMsg, M } from '../messages.js';
import { BOOL, DATE, INTEGER, NUMBER, TEXT, typeMsg } from '../types.js';

/** Most criteria a panel may have (KH-C076): real ballots have five or so; the cap bounds a ballot's size. */
export const MAX_CRITERIA = 100;

export const scalesPass: Pass = {
  name: 'scales',
  run(ctx) {
    const used = new Set<string>();
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Scale') checkScale(ctx, d);
      else if (d.kind === 'Input') for (const f of d.fields) typeOneOf(ctx, f.type, used, f.name.name, f.default);
      else if (d.kind === 'Panel') {
        if (d.scale && scaleRef(ctx, d.scale, used)) used.add(d.scale.name);
        if (d.criteria) {
          let sum = Rational.ZERO;
          const seen = new Set<string>();
          for (const c of d.criteria.items) {
            ctx.types.set(c.weight, NUMBER);
            if (seen.has(c.name.name)) ctx.sink.add('KH-C073', c.name.span, M.criterionTwice({ name: c.name.name, panel: d.name.name }));
            seen.add(c.name.name);
            const w = constValue(c.weight);
            if (w) sum = sum.add(w);
          }
          if (d.criteria.items.length > MAX_CRITERIA) {
            ctx.sink.add('KH-C076', d.criteria.span, M.criteriaTooMany({ name: d.name.name, n: d.criteria.items.length.toLocaleString('en'), max: MAX_CRITERIA }));
          }
          if (d.criteria.items.length === 0) ctx.sink.add('KH-C073', d.criteria.span, M.criteriaEmpty({ name: d.name.name }));
          else if (!sum.eq(Rational.ONE)) ctx.sink.add('KH-C073', d.criteria.span, M.criteriaSum({ name: d.name.name, sum: percent(sum) }));
        }
        if (d.trim?.perBallot && !d.criteria) ctx.sink.add('KH-C074', d.trim.span, M.perBallotNoCriteria({ name: d.name.name }));
      }
    }
    // `x in 评分档` in an expression (infer/membership.ts) uses the scale too
    if (ctx.symbols.all.some((s) => s.kind === 'scale')) for (const r of ctx.refs.values()) if (r.kind === 'scale') used.add(r.name);
    for (const d of ctx.scheme.decls) {
      const s = d.kind === 'Scale' ? ctx.symbols.names.get(d.name.name) : undefined;
      if (s?.kind === 'scale' && s.decl === d && !used.has(s.name)) {
        ctx.sink.add('KH-C075', s.span, M.unusedScale({ name: s.name }));
      }
    }
  },
};

const text = (r: Rational) => r.toDecimalString();

function checkScale(ctx: CheckContext, d: ScaleDecl): void {
  const tierOf = new Map<string, string | undefined>();
  let count = 0;
  const tierNames = new Set<string>();
  for (const t of d.tiers) {
    if (t.name && tierNames.has(t.name.name)) ctx.sink.add('KH-C070', t.name.span, M.tierTwice({ name: d.name.name, tier: t.name.name }));
    if (t.name) tierNames.add(t.name.name);
    if (t.values.length === 0 && t.name) ctx.sink.add('KH-C070', t.name.span, M.scaleTierEmpty({ name: d.name.name, tier: t.name.name }));
    for (const v of t.values) {
      count++;
      const r = numberValue(ctx, v);
      if (!r) { ctx.sink.add('KH-C070', v.span, M.scaleNotNumber({ name: d.name.name })); continue; }
      const key = r.toString();
      if (tierOf.has(key)) {
        const first = tierOf.get(key);
        if (first !== undefined && t.name && first !== t.name.name) {
          ctx.sink.add('KH-C070', v.span, M.scaleTwoTiers({ value: text(r), name: d.name.name, first, second: t.name.name }));
        } else ctx.sink.add('KH-C070', v.span, M.scaleDuplicate({ value: text(r), name: d.name.name }));
        continue;
      }
      tierOf.set(key, t.name?.name);
    }
  }
  if (count === 0 && d.tiers.every((t) => !t.name)) ctx.sink.add('KH-C070', d.name.span, M.scaleEmpty({ name: d.name.name }));
  // `{ 优: {100, 95}, 60 }`: which tier would 60 be named with in KH-E020? Neither — refuse the mix.
  const loose = d.tiers.find((t) => !t.name && t.values.length > 0);
  if (loose && d.tiers.some((t) => t.name)) {
    const at = { start: loose.values[0].span.start, end: loose.values[loose.values.length - 1].span.end };
    ctx.sink.add('KH-C070', at, M.scaleMixed({ name: d.name.name, value: ctx.file.slice(at) }));
  }
}

/** A literal number (with `-` or `%`), typed NUMBER; undefined for anything else. */
function numberValue(ctx: CheckContext, v: Expr): Rational | undefined {
  const literal = v.kind === 'Number' || (v.kind === 'Unary' && v.op === '-' && v.operand.kind === 'Number');
  ctx.types.set(v, NUMBER);
  if (v.kind === 'Unary') ctx.types.set(v.operand, NUMBER);
  return literal ? constValue(v) : undefined;
}

/** The scale `n` names, or a report (KH-C071); a scale the misspelt name was meant for counts as
 * used (no follow-on KH-C075). */
function scaleRef(ctx: CheckContext, n: Name, used: Set<string>): ScaleDecl | undefined {
  const s = ctx.symbols.names.get(n.name);
  if (s?.kind === 'scale') return s.decl;
  if (s) ctx.sink.add('KH-C071', n.span, M.notAScaleIs({ name: n.name, kind: M.a({ x: kindMsg(s) }) }));
  else {
    const [meant] = nearest(n.name, ctx.symbols.all.filter((x) => x.kind === 'scale').map((x) => x.name), 1);
    if (meant) used.add(meant);
    if (meant) ctx.sink.add('KH-C071', n.span, M.notAScaleMeant({ name: n.name, meant }), fixOf(M.fixUseName({ name: meant }), [{ span: n.span, text: meant }]));
    else ctx.sink.add('KH-C071', n.span, M.notAScale({ name: n.name }));
  }
  return undefined;
}

/** `owner`/`dflt`: the field and its default, which must be one of the values too (KH-C028, as
 * a default outside a range is). */
function typeOneOf(ctx: CheckContext, t: TypeExpr, used: Set<string>, owner: string, dflt?: Expr): void {
  if (t.kind === 'ListType') return typeOneOf(ctx, t.element, used, owner);
  if (t.kind === 'RecordType') { for (const f of t.fields) typeOneOf(ctx, f.type, used, f.name.name, f.default); return; }
  if ((t.kind !== 'PrimType' && t.kind !== 'NamedType') || !t.oneOf) return;
  const o = t.oneOf;
  // The values as written, without `in`/`属于` and the braces (a brace in a message reads as a placeholder).
  const setText = ctx.file.slice(o.span).replace(/^\S+\s*/, '').replace(/^\{\s*|\s*\}$/g, '');
  let values: Rational[] = [];
  if (o.kind === 'Scale') {
    const s = scaleRef(ctx, o.scale, used);
    if (!s) return;
    used.add(o.scale.name);
    for (const tier of s.tiers) for (const v of tier.values) { const r = constValue(v); if (r) values.push(r); }
  } else values = setValues(ctx, o);
  const isNumber = t.kind === 'PrimType' && (t.name === 'number' || t.name === 'integer');
  if (!isNumber) {
    const type = t.kind === 'PrimType' ? typeMsg(t.name === 'bool' ? BOOL : t.name === 'text' ? TEXT : DATE) : M.tEnum({ name: t.name.name });
    ctx.sink.add('KH-C072', o.span, M.setOnType({ set: setText, type }));
    return;
  }
  const d = constValue(dflt);
  if (d && dflt && !values.some((r) => r.eq(d))) {
    ctx.sink.add('KH-C028', dflt.span, M.defaultBreaks({ value: d.toDecimalString(), owner, constraint: ctx.file.slice(o.span) }));
  }
  if (t.name === 'integer') {
    const bad = values.find((r) => !r.isInteger());
    if (bad) ctx.sink.add('KH-C072', o.span, M.setNotInteger({ value: text(bad), set: setText, type: typeMsg(INTEGER) }));
  }
}

function setValues(ctx: CheckContext, o: Extract<OneOf, { kind: 'Set' }>): Rational[] {
  if (o.values.length === 0) ctx.sink.add('KH-C072', o.span, M.setEmpty());
  const out: Rational[] = [];
  const seen = new Set<string>();
  for (const v of o.values) {
    const r = numberValue(ctx, v);
    if (!r) { ctx.sink.add('KH-C072', v.span, M.setNotNumber()); continue; }
    if (seen.has(r.toString())) ctx.sink.add('KH-C072', v.span, M.setDuplicate({ value: text(r) }));
    seen.add(r.toString());
    out.push(r);
  }
  return out;
}
