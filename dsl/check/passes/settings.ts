// Pass `settings`: settings, shares and input constraints make sense (KH-C028): precision a
// non-negative integer, total positive, constraints only on numbers with constant bounds lo <= hi,
// list lengths non-negative integers with min <= max, constant defaults inside their constraint,
// positive weights and points, indicator ranges with lo < hi.

import type { Constraint, Expr, Field, Share, TypeExpr } from '../../ast.js';
import { Rational } from '../../rational.js';
import { constValue, type CheckContext, type Pass } from '../context.js';
import { INTEGER, NUMBER } from '../types.js';

/** The constant value of `e`, typing it; KH-C028 names it `what` (+ `of`: joined only then). */
function num(ctx: CheckContext, e: Expr | undefined, what: string, of?: string): Rational | undefined {
  if (!e) return undefined;
  const v = constValue(e);
  if (!ctx.types.has(e)) ctx.types.set(e, v?.isInteger() ? INTEGER : NUMBER);
  if (!v) ctx.sink.add('KH-C028', e.span, `${of === undefined ? what : what + of} must be a constant number`);
  return v;
}

/** `the weight of ` / `the points of `, built once. */
const SHARE_OF: Record<Share['kind'], string> = { weight: 'the weight of ', points: 'the points of ' };

function inConstraint(c: Constraint, v: Rational, bounds: { lo?: Rational; hi?: Rational }): boolean {
  if (c.kind === 'Range') return (!bounds.lo || v.ge(bounds.lo)) && (!bounds.hi || v.le(bounds.hi));
  const k = bounds.lo ?? bounds.hi;
  if (!k) return true;
  return c.op === '>=' ? v.ge(k) : c.op === '>' ? v.gt(k) : c.op === '<=' ? v.le(k) : v.lt(k);
}

function typeExpr(ctx: CheckContext, t: TypeExpr, owner: string, dflt?: Expr): void {
  if (t.kind === 'ListType') {
    const min = num(ctx, t.min, 'a list length'), max = num(ctx, t.max, 'a list length');
    for (const [v, e] of [[min, t.min], [max, t.max]] as const) {
      if (v && e && (!v.isInteger() || v.sign() < 0)) ctx.sink.add('KH-C028', e.span, `a list length must be a whole number >= 0, not ${v.toDecimalString()}`);
    }
    if (min && max && min.gt(max)) ctx.sink.add('KH-C028', t.span, `${owner}: min length ${min.toDecimalString()} is greater than max ${max.toDecimalString()}`);
    typeExpr(ctx, t.element, owner);
    return;
  }
  if (t.kind === 'RecordType') { for (const f of t.fields) field(ctx, f); return; }
  if ((t.kind !== 'PrimType' && t.kind !== 'NamedType') || !t.constraint) return;
  const c = t.constraint;
  if (t.kind === 'NamedType' || (t.name !== 'number' && t.name !== 'integer')) {
    ctx.sink.add('KH-C028', c.span, `${owner}: a constraint applies only to number or integer, not to ${t.kind === 'NamedType' ? t.name.name : t.name}`);
    return;
  }
  const bounds = c.kind === 'Range'
    ? { lo: num(ctx, c.lo, 'a range bound'), hi: num(ctx, c.hi, 'a range bound') }
    : { lo: num(ctx, c.value, 'a bound') };
  if (c.kind === 'Range' && bounds.lo && bounds.hi && bounds.lo.gt(bounds.hi)) {
    ctx.sink.add('KH-C028', c.span, `${owner}: the range [${bounds.lo.toDecimalString()}, ${bounds.hi.toDecimalString()}] is empty`);
  }
  const d = constValue(dflt);
  if (d && dflt && !inConstraint(c, d, bounds)) {
    ctx.sink.add('KH-C028', dflt.span, `the default ${d.toDecimalString()} of ${owner} breaks its constraint ${ctx.file.slice(c.span)}`);
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
        const v = num(ctx, d.value, d.key);
        if (v && d.key === 'precision' && (!v.isInteger() || v.sign() < 0 || v.gt(Rational.int(12)))) {
          ctx.sink.add('KH-C028', d.value.span, `precision must be a whole number from 0 to 12, not ${v.toDecimalString()}`);
        }
        if (v && d.key === 'total' && v.sign() <= 0) ctx.sink.add('KH-C028', d.value.span, `total must be positive, not ${v.toDecimalString()}`);
      } else if (d.kind === 'Input') for (const f of d.fields) field(ctx, f);
    }
    for (let i = 0; i < ctx.placed.length; i++) { // indexed: see CheckContext.placed
      const p = ctx.placed[i];
      const s = p.decl.share;
      if (s) {
        const v = num(ctx, s.value, SHARE_OF[s.kind], p.decl.name.name);
        if (v && v.sign() <= 0) ctx.sink.add('KH-C028', s.span, `the ${s.kind} of ${p.decl.name.name} must be positive`);
      }
      if (p.decl.kind === 'Indicator' && p.decl.range) {
        const lo = constValue(p.decl.range.lo), hi = constValue(p.decl.range.hi);
        if (lo && hi && !lo.lt(hi)) ctx.sink.add('KH-C028', p.decl.range.span, `the range of ${p.decl.name.name} is empty: ${lo.toDecimalString()} is not below ${hi.toDecimalString()}`);
      }
    }
  },
};
