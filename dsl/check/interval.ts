// Interval bounds of numeric expressions, from the input contract's constraints (`integer >= 0`,
// `number in [0, 1]`), literals, table values and the scoring forms. Used by the division check:
// a divisor whose interval contains 0 may be zero. Conservative: unknown means unbounded.

import type { Expr, TypeExpr } from '../ast.js';
import { Rational } from '../rational.js';
import { constValue, type CheckContext } from './context.js';

/** `lo`/`hi` undefined = unbounded on that side. */
export interface Interval { lo?: Rational; loOpen?: boolean; hi?: Rational; hiOpen?: boolean }

const ALL: Interval = {};
const point = (r: Rational): Interval => ({ lo: r, hi: r });
const closed = (lo?: Rational, hi?: Rational): Interval => ({ lo, hi });

export function includesZero(i: Interval): boolean {
  const loOk = !i.lo || i.lo.sign() < 0 || (i.lo.isZero() && !i.loOpen);
  const hiOk = !i.hi || i.hi.sign() > 0 || (i.hi.isZero() && !i.hiOpen);
  return loOk && hiOk;
}

export function show(i: Interval): string {
  return `${i.lo && !i.loOpen ? '[' : '('}${i.lo ? i.lo.toDecimalString() : '-∞'}, ${i.hi ? i.hi.toDecimalString() : '∞'}${i.hi && !i.hiOpen ? ']' : ')'}`;
}

function union(a: Interval, b: Interval): Interval {
  return {
    lo: a.lo && b.lo ? Rational.min(a.lo, b.lo) : undefined, loOpen: a.lo && b.lo ? (a.lo.lt(b.lo) ? a.loOpen : a.lo.eq(b.lo) ? a.loOpen && b.loOpen : b.loOpen) : false,
    hi: a.hi && b.hi ? Rational.max(a.hi, b.hi) : undefined, hiOpen: a.hi && b.hi ? (a.hi.gt(b.hi) ? a.hiOpen : a.hi.eq(b.hi) ? a.hiOpen && b.hiOpen : b.hiOpen) : false,
  };
}
const unionAll = (xs: Interval[]): Interval => (xs.length ? xs.reduce(union) : ALL);

function fromTypeExpr(t: TypeExpr | undefined): Interval {
  if (!t || (t.kind !== 'PrimType' && t.kind !== 'NamedType') || !t.constraint) return ALL;
  const c = t.constraint;
  if (c.kind === 'Range') return closed(constValue(c.lo), constValue(c.hi));
  const k = constValue(c.value);
  if (!k) return ALL;
  return c.op === '>=' ? { lo: k } : c.op === '>' ? { lo: k, loOpen: true } : c.op === '<=' ? { hi: k } : { hi: k, hiOpen: true };
}

export class Ranges {
  private memo = new Map<Expr, Interval>();
  private busy = new Set<Expr>();
  constructor(private ctx: CheckContext) {}

  /** The input-contract type an expression's value comes from (input, binder element, record field). */
  typeExprOf(e: Expr): TypeExpr | undefined {
    if (e.kind === 'Name') {
      const r = this.ctx.refs.get(e);
      if (r?.kind === 'input') return r.decl.type;
      if (r?.kind === 'binder') { const l = this.typeExprOf(r.decl.list); return l?.kind === 'ListType' ? l.element : undefined; }
      return undefined;
    }
    if (e.kind === 'Field') {
      const o = this.typeExprOf(e.object);
      return o?.kind === 'RecordType' ? o.fields.find((f) => f.name.name === e.field.name)?.type : undefined;
    }
    return undefined;
  }

  of(e: Expr): Interval {
    const m = this.memo.get(e);
    if (m) return m;
    if (this.busy.has(e)) return ALL;
    this.busy.add(e);
    const r = this.build(e);
    this.busy.delete(e);
    this.memo.set(e, r);
    return r;
  }

  /** The declared `min N` of the list `e` denotes (an input or record field `list of … min N`), if any:
   * `count(L)` is then at least N (issue 12: no KH-C032 for `x / count(L)` when L is `min 1`). */
  listMin(e: Expr): Rational | undefined {
    const t = this.typeExprOf(e);
    return t?.kind === 'ListType' ? constValue(t.min) : undefined;
  }

  private build(e: Expr): Interval {
    const c = constValue(e);
    if (c) return point(c);
    switch (e.kind) {
      case 'Name': {
        const r = this.ctx.refs.get(e);
        if (r?.kind === 'let') return this.of(r.decl.value);
        if (r?.kind === 'indicator') {
          const rg = r.decl.range;
          return rg ? closed(constValue(rg.lo), constValue(rg.hi)) : closed(Rational.ZERO, Rational.HUNDRED);
        }
        return fromTypeExpr(this.typeExprOf(e));
      }
      case 'Field': return fromTypeExpr(this.typeExprOf(e));
      case 'Unary': {
        if (e.op !== '-') return ALL;
        const i = this.of(e.operand);
        return { lo: i.hi?.neg(), loOpen: i.hiOpen, hi: i.lo?.neg(), hiOpen: i.loOpen };
      }
      case 'Binary': {
        const a = this.of(e.left), b = this.of(e.right);
        if (e.op === '+') return { lo: a.lo && b.lo ? a.lo.add(b.lo) : undefined, loOpen: a.loOpen || b.loOpen, hi: a.hi && b.hi ? a.hi.add(b.hi) : undefined, hiOpen: a.hiOpen || b.hiOpen };
        if (e.op === '-') return { lo: a.lo && b.hi ? a.lo.sub(b.hi) : undefined, loOpen: a.loOpen || b.hiOpen, hi: a.hi && b.lo ? a.hi.sub(b.lo) : undefined, hiOpen: a.hiOpen || b.loOpen };
        if (e.op === '*') {
          if (a.lo && b.lo && a.lo.sign() >= 0 && b.lo.sign() >= 0) {
            return { lo: a.lo.mul(b.lo), loOpen: a.loOpen || b.loOpen, hi: a.hi && b.hi ? a.hi.mul(b.hi) : undefined };
          }
          if (a.lo && a.hi && b.lo && b.hi) {
            const ps = [a.lo.mul(b.lo), a.lo.mul(b.hi), a.hi.mul(b.lo), a.hi.mul(b.hi)];
            return closed(ps.reduce(Rational.min), ps.reduce(Rational.max));
          }
        }
        return ALL;
      }
      case 'If': return union(this.of(e.then), this.of(e.else));
      case 'Call': {
        const xs = e.args.map((x) => this.of(x));
        if ((e.fn === 'min' || e.fn === 'max') && xs.length >= 2) {
          const pick = e.fn === 'min' ? Rational.min : Rational.max;
          const lo = xs.every((x) => x.lo) || e.fn === 'max' ? xs.map((x) => x.lo).filter((x): x is Rational => !!x) : [];
          const hi = xs.every((x) => x.hi) || e.fn === 'min' ? xs.map((x) => x.hi).filter((x): x is Rational => !!x) : [];
          return closed(lo.length ? lo.reduce(pick) : undefined, hi.length ? hi.reduce(pick) : undefined);
        }
        if (e.fn === 'clamp' && xs.length === 3) return closed(xs[1].lo, xs[2].hi);
        if (e.fn === 'abs') return { lo: Rational.ZERO, loOpen: xs[0] ? !includesZero(xs[0]) : false };
        if (e.fn === 'count') return { lo: (e.args[0] && this.listMin(e.args[0])) ?? Rational.ZERO };
        return ALL;
      }
      // A cohort aggregate's value is one of the argument's values (max, min) or between two of them
      // (avg, percentile); a rank is 1 or more (issue 13).
      case 'CohortAgg': return e.fn === 'rank' ? { lo: Rational.ONE } : this.of(e.arg);
      case 'Aggregate':
        if (e.fn === 'count') return { lo: (!e.where && this.listMin(e.list)) || Rational.ZERO };
        if ((e.fn === 'avg' || e.fn === 'min' || e.fn === 'max') && e.body) return this.of(e.body);
        return ALL;
      case 'Bands': return unionAll([...e.bands.map((b) => this.of(b.score)), ...(e.else ? [this.of(e.else)] : [])]);
      case 'Levels': return unionAll([...e.entries.map((b) => this.of(b.score)), ...(e.else ? [this.of(e.else)] : [])]);
      case 'Linear': return unionAll(e.points.map((p) => this.of(p.y)));
      case 'Rate': return closed(Rational.ZERO, Rational.HUNDRED);
      case 'Index': {
        if (e.object.kind !== 'Name') return ALL;
        const r = this.ctx.refs.get(e.object);
        return r?.kind === 'table' ? unionAll(r.decl.entries.map((x) => this.of(x.value))) : ALL;
      }
      default: return ALL;
    }
  }
}
