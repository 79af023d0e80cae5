// Pass `settings`: settings, shares and input constraints make sense (KH-C028): precision a
// non-negative integer, total positive, constraints only on numbers with constant bounds lo <= hi,
// list lengths non-negative integers with min <= max, constant defaults inside their constraint,
// positive weights and points, indicator ranges with lo < hi.

import type { Constraint, Expr, Field, Share, TypeExpr } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import { Rational } from '../../rational.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { KW, M, named } from '../messages.js';
import { INTEGER, NUMBER } from '../types.js';

/** The constant value of `e`, typing it; KH-C028 names it `what` (with `of` as its {name}: joined
 * only for a message). */
function num(ctx: CheckContext, e: Expr | undefined, what: Msg, of?: string): Rational | undefined {
  if (!e) return undefined;
  const v = constValue(e);
  if (!ctx.types.has(e)) ctx.types.set(e, v?.isInteger() ? INTEGER : NUMBER);
  if (!v) ctx.sink.add('KH-C028', e.span, M.notConstant({ what: named(what, of) }));
  return v;
}

/** Positions of this pass, built once. */
const P = {
  listLength: M.pListLength(), rangeBound: M.pRangeBound(), bound: M.pBound(),
  precision: M.pSetting({ kw: KW.precision() }), total: M.pSetting({ kw: KW.total() }),
} as const;

/** `the weight of {name}` / `the points of {name}`, built once. */
const SHARE_OF: Record<Share['kind'], Msg> = { weight: M.pWeightOf(), points: M.pPointsOf() };

function inConstraint(c: Constraint, v: Rational, bounds: { lo?: Rational; hi?: Rational }): boolean {
  if (c.kind === 'Range') return (!bounds.lo || v.ge(bounds.lo)) && (!bounds.hi || v.le(bounds.hi));
  const k = bounds.lo ?? bounds.hi;
  if (!k) return true;
  return c.op === '>=' ? v.ge(k) : c.op === '>' ? v.gt(k) : c.op === '<=' ? v.le(k) : v.lt(k);
}

function typeExpr(ctx: CheckContext, t: TypeExpr, owner: string, dflt?: Expr): void {
  if (t.kind === 'ListType') {
    const min = num(ctx, t.min, P.listLength), max = num(ctx, t.max, P.listLength);
    for (const [v, e] of [[min, t.min], [max, t.max]] as const) {
      if (v && e && (!v.isInteger() || v.sign() < 0)) ctx.sink.add('KH-C028', e.span, M.listLengthWhole({ value: v.toDecimalString() }));
    }
    if (min && max && min.gt(max)) {
      ctx.sink.add('KH-C028', t.span, M.minAboveMax({ owner, min: min.toDecimalString(), max: max.toDecimalString() }));
    }
    typeExpr(ctx, t.element, owner);
    return;
  }
  if (t.kind === 'RecordType') { for (const f of t.fields) field(ctx, f); return; }
  if ((t.kind !== 'PrimType' && t.kind !== 'NamedType') || !t.constraint) return;
  const c = t.constraint;
  if (t.kind === 'NamedType' || (t.name !== 'number' && t.name !== 'integer')) {
    const type = t.kind === 'NamedType' ? t.name.name : t.name === 'bool' ? M.tBool() : M.tText();
    ctx.sink.add('KH-C028', c.span, M.constraintOnlyNumbers({ owner, type }));
    return;
  }
  const bounds = c.kind === 'Range'
    ? { lo: num(ctx, c.lo, P.rangeBound), hi: num(ctx, c.hi, P.rangeBound) }
    : { lo: num(ctx, c.value, P.bound) };
  if (c.kind === 'Range' && bounds.lo && bounds.hi && bounds.lo.gt(bounds.hi)) {
    ctx.sink.add('KH-C028', c.span, M.rangeEmpty({ owner, lo: bounds.lo.toDecimalString(), hi: bounds.hi.toDecimalString() }));
  }
  const d = constValue(dflt);
  if (d && dflt && !inConstraint(c, d, bounds)) {
    ctx.sink.add('KH-C028', dflt.span, M.defaultBreaks({ value: d.toDecimalString(), owner, constraint: ctx.file.slice(c.span) }));
  }
}

function field(ctx: CheckContext, f: Field): void {
  typeExpr(ctx, f.type, f.name.name, f.default);
}

export const settingsPass: Pass = {
  name: 'settings',
  run(ctx) {
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Setting' && (d.key === 'precision' || d.key === 'total')) {
        const v = num(ctx, d.value, P[d.key]);
        if (v && d.key === 'precision' && (!v.isInteger() || v.sign() < 0 || v.gt(Rational.int(12)))) {
          ctx.sink.add('KH-C028', d.value.span, M.precisionRange({ value: v.toDecimalString() }));
        }
        if (v && d.key === 'total' && v.sign() <= 0) ctx.sink.add('KH-C028', d.value.span, M.totalPositive({ value: v.toDecimalString() }));
      } else if (d.kind === 'Input') for (const f of d.fields) field(ctx, f);
    }
    for (let i = 0; i < ctx.placed.length; i++) { // indexed: see CheckContext.placed
      const p = ctx.placed[i];
      const s = p.decl.share;
      if (s) {
        const points = s.kind === 'points'; // read as a flag: a recovered tree may hold anything here
        const v = num(ctx, s.value, points ? SHARE_OF.points : SHARE_OF.weight, p.decl.name.name);
        if (v && v.sign() <= 0) {
          ctx.sink.add('KH-C028', s.span, M.sharePositive({ kind: points ? KW.points() : KW.weight(), name: p.decl.name.name }));
        }
      }
      if (p.decl.kind === 'Indicator' && p.decl.range) {
        const lo = constValue(p.decl.range.lo), hi = constValue(p.decl.range.hi);
        if (lo && hi && !lo.lt(hi)) {
          const bounds = { lo: lo.toDecimalString(), hi: hi.toDecimalString() };
          ctx.sink.add('KH-C028', p.decl.range.span, M.indicatorRangeEmpty({ name: p.decl.name.name, ...bounds }));
        }
      }
    }
  },
};
