// Pass `weights`: the weight rule of LANGUAGE.md §6 as a proof. Weight mode: for every combination
// of the enum/bool inputs that `when` conditions test, the weights of each sibling set's applicable
// members sum to exactly 100% (KH-C010; `normalize` groups are exempt). Points mode (any `points`
// share in the scheme): the applicable indicators' points sum to `total` (KH-C012), and to N under
// a group that declares `points N`. Mixed points and weights: KH-C011; a member without a share:
// KH-C013; conditions over numbers or text make a proof non-exhaustive: KH-C014 (warning).
// Issue 12: a conditional share (`weight if C then N else M`) is one item per branch (shares.ts); a
// points group marked `normalize` counts as one item of its declared points above it (its children
// are scaled to them, so they need not sum to them); a scheme-level `normalize` line exempts the top
// level the same way. Points written as a percent (`points 10%`): KH-C094, and a sum that fails is
// said at that number, or at the one conditional share among the members, not at the scheme name.

import type { Expr, GroupDecl, NumberLit, Span } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import type { Msg } from '../../i18n/index.js';
import { Rational } from '../../rational.js';
import { domainOf } from '../conditions.js';
import { constValue, percent, type CheckContext, type Pass } from '../context.js';
import { M } from '../messages.js';
import { proveSum, type ProofResult, type SumItem } from '../proof.js';
import { shareAlternatives } from '../shares.js';
import { allConditions, type Placed } from '../walk.js';

/** The messages of one kind of proof: weights (KH-C010) or points (KH-C012). */
const PROOF = {
  weight: { code: 'KH-C010', sum: M.weightSum, inexhaustive: M.weightInexhaustive, eg: M.weightInexhaustiveEg },
  points: { code: 'KH-C012', sum: M.pointsSum, inexhaustive: M.pointsInexhaustive, eg: M.pointsInexhaustiveEg },
} as const;

/** A sum as said by KH-C010/C012, never rounded (33.3333% + 33.3333% + 33.33341% said "sums to 100%, not
 * 100%"): every digit of a terminating decimal (4 per digit of the denominator are enough), and for
 * any other value more digits than it takes to tell it from its nearest terminating neighbours. */
const exactDecimal = (x: Rational): string => x.toDecimalString(Math.max(20, 4 * x.den.toString().length));
const exactPercent = (x: Rational): string => `${exactDecimal(x.mul(Rational.HUNDRED))}%`;

/** `varying`: where a failure for some combinations only is said (the share that varies), when not at `span`. */
function reportProof(ctx: CheckContext, r: ProofResult, span: Span, subject: Msg, fmt: (x: Rational) => string,
  want: string, kind: keyof typeof PROOF, varying?: Span): void {
  const m = PROOF[kind];
  if (r.kind === 'failures') {
    r.failures.forEach((f, i) => {
      const more = i === r.failures.length - 1 ? r.more : 0;
      ctx.sink.add(m.code, f.combination.length && varying ? varying : span, m.sum({ combination: f.combination, subject, sum: fmt(f.sum), want, more }));
    });
  } else if (r.kind === 'inexhaustive') {
    const eg = r.failures[0];
    ctx.sink.add('KH-C014', span, eg
      ? m.eg({ subject, reason: r.reason, combination: eg.combination, sum: fmt(eg.sum) })
      : m.inexhaustive({ subject, reason: r.reason }));
  }
}

export const weightsPass: Pass = {
  name: 'weights',
  followsReferences: true,
  run(ctx) {
    const pointsMode = ctx.placed.some((p) => p.decl.share?.kind === 'points');
    const dom = domainOf(ctx);
    const where = (g?: GroupDecl) => (g ? M.sGroup({ name: g.name.name }) : M.sTop());
    if (pointsMode) {
      const first = ctx.placed.find((p) => p.decl.share?.kind === 'points')!;
      const percents = percentPoints(ctx); // KH-C094, by member
      for (const p of ctx.placed) {
        const s = p.decl.share;
        if (s?.kind === 'weight') {
          const sibling = ctx.placed.some((q) => q.parent === p.parent && q.decl.share?.kind === 'points');
          const name = p.decl.name.name;
          ctx.sink.add('KH-C011', s.span, sibling ? M.siblingsHavePoints({ name }) : M.schemeUsesPoints({ name, first: first.decl.name.name }));
        } else if (!s && p.decl.kind === 'Indicator') {
          ctx.sink.add('KH-C013', p.decl.name.span, M.noPoints({ name: p.decl.name.name }));
        }
      }
      if (ctx.placed.some((p) => p.decl.share?.kind === 'weight')) return; // mixed: the sums mean nothing
      const total = constValue(totalExpr(ctx)) ?? Rational.HUNDRED;
      // Units: indicators with points and `normalize` groups, each counted under the groups above it
      // up to the first `normalize` group (which scales them), and at the top when there is none.
      // One walk up per unit, not one test per unit and group.
      const top: Placed[] = [];
      const unitsUnder = new Map<GroupDecl, Placed[]>();
      for (const p of ctx.placed) {
        const unit = p.decl.kind === 'Indicator' ? p.decl.share?.kind === 'points' : p.decl.normalize;
        if (!unit) continue;
        let scaled = false;
        for (let q = p.up; q && !scaled; q = q.up) {
          const list = unitsUnder.get(q.decl);
          if (list) list.push(p); else unitsUnder.set(q.decl, [p]);
          scaled = q.decl.normalize;
        }
        if (!scaled) top.push(p);
      }
      const itemsOf = (units: Placed[], ctxLen: number): SumItem[] => units.flatMap((u) => unitItems(ctx, u, ctxLen));
      const fmt = exactDecimal;
      if (!ctx.symbols.settings.has('normalize')) {
        const [at, varying] = suspects(top, percents, ctx.scheme.name.span);
        reportProof(ctx, proveSum(dom, itemsOf(top, 0), [], total), at, M.sPoints(), fmt, fmt(total), 'points', varying);
      }
      for (const g of ctx.placed) {
        if (g.decl.kind !== 'Group' || g.decl.share?.kind !== 'points' || g.decl.normalize) continue;
        const ctxConds = allConditions(g);
        const its = itemsOf(unitsUnder.get(g.decl) ?? [], ctxConds.length);
        // A conditional `points` on the group: its children must sum to each branch where it holds.
        const [at, varying] = suspects(unitsUnder.get(g.decl) ?? [], percents, g.decl.name.span);
        for (const alt of shareAlternatives(g.decl.share, ctxConds)) {
          reportProof(ctx, proveSum(dom, its, alt.conds, alt.value), at,
            M.sPointsUnder({ name: g.decl.name.name }), fmt, fmt(alt.value), 'points', varying);
        }
      }
      return;
    }
    const sets = new Map<Placed<GroupDecl> | undefined, Placed[]>(); // by the parent's entry
    for (let i = 0; i < ctx.placed.length; i++) { // indexed: see CheckContext.placed
      const p = ctx.placed[i];
      const list = sets.get(p.up);
      if (list) list.push(p); else sets.set(p.up, [p]);
    }
    for (const [up, kids] of sets) {
      const parent = up?.decl;
      const items: SumItem[] = [];
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i];
        if (!k.decl.share) {
          const kind = k.decl.kind === 'Group' ? M.kGroup() : M.kIndicator();
          ctx.sink.add('KH-C013', k.decl.name.span, M.noWeight({ kind, name: k.decl.name.name }));
        }
        else {
          items.push(...shareAlternatives(k.decl.share, k.local));
          const { cases } = k.decl.share;
          // said at the share (a plain one) or at the branch's number (a conditional one)
          percentForgotten(ctx, k.decl.share.value, cases ? k.decl.share.value.span : k.decl.share.span);
          for (const c of cases ?? []) percentForgotten(ctx, c.value, c.value.span);
        }
      }
      if (parent?.normalize || (!parent && ctx.symbols.settings.has('normalize')) || items.length === 0) continue;
      const context: Expr[] = up ? allConditions(up) : [];
      const r = proveSum(dom, items, context, Rational.ONE);
      reportProof(ctx, r, parent ? parent.name.span : ctx.scheme.name.span, where(parent), exactPercent, '100%', 'weight');
    }
  },
};

/** `weight 40`: a weight is a fraction, so this is 4000% — almost surely `40%` with the `%` left out.
 * Said at the weight itself, with the fix, besides the sum it spoils. */
function percentForgotten(ctx: CheckContext, v: NumberLit, span: Span): void {
  if (v.percent) return;
  const value = constValue(v) ?? Rational.ZERO;
  if (value.cmp(Rational.ONE) <= 0) return;
  ctx.sink.add('KH-C010', span, M.percentForgotten({ text: v.text, percent: percent(value) }),
    fixOf(M.fixAddPercent({ text: v.text }), [{ span: { start: v.span.end, end: v.span.end }, text: '%' }]));
}

/** KH-C094: `points 10%` / `else 50%` — a percent is a weight, and as points it would be 0.1. Said at
 * each such number; returns the first one of each member, where its sum error is said too. */
function percentPoints(ctx: CheckContext): Map<Placed, Span> {
  const out = new Map<Placed, Span>();
  for (const p of ctx.placed) {
    const s = p.decl.share;
    if (s?.kind !== 'points') continue;
    for (const n of [...(s.cases ?? []).map((c) => c.value), s.value]) {
      if (!n.percent) continue;
      ctx.sink.add('KH-C094', n.span, M.pointsPercent({ text: n.text, name: p.decl.name.name, value: (constValue(n) ?? Rational.ZERO).toDecimalString(6) }));
      if (!out.has(p)) out.set(p, n.span);
    }
  }
  return out;
}

/** Where a points sum that fails is said: at a number written as a percent among the units; else at
 * `fallback` (the scheme's or group's name), and — for a failure under some combinations only — at
 * the one conditional share among the units (its branches are what differ between subjects). */
function suspects(units: Placed[], percents: Map<Placed, Span>, fallback: Span): [Span, Span | undefined] {
  for (const u of units) { const at = percents.get(u); if (at) return [at, undefined]; }
  const conditional = units.filter((u) => u.decl.share?.cases?.length);
  return [fallback, conditional.length === 1 ? conditional[0].decl.share!.span : undefined];
}

function totalExpr(ctx: CheckContext): Expr | undefined {
  const s = ctx.symbols.settings.get('total');
  return s && s.key === 'total' ? s.value : undefined;
}


/** A unit's items in a points proof, under the conditions below the first `ctxLen` (the context's).
 * A `normalize` group without `points` is worth its children's declared points, whatever their `when`. */
function unitItems(ctx: CheckContext, u: Placed, ctxLen: number): SumItem[] {
  const all = allConditions(u);
  const conds = ctxLen === 0 ? all : all.slice(ctxLen); // the shared array when whole: the proof merges by identity
  if (u.decl.share) return shareAlternatives(u.decl.share, conds);
  const kids = ctx.placed.filter((c) => c.up === u && c.decl.share);
  return kids.flatMap((c) => shareAlternatives(c.decl.share!, conds));
}
