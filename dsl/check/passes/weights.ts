// Pass `weights`: the weight rule of LANGUAGE.md §6 as a proof. Weight mode: for every combination
// of the enum/bool inputs that `when` conditions test, the weights of each sibling set's applicable
// members sum to exactly 100% (KH-C010; `normalize` groups are exempt). Points mode (any `points`
// share in the scheme): the applicable indicators' points sum to `total` (KH-C012), and to N under
// a group that declares `points N`. Mixed points and weights: KH-C011; a member without a share:
// KH-C013; conditions over numbers or text make a proof non-exhaustive: KH-C014 (warning).

import type { Expr, GroupDecl, Share, Span } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import type { Msg } from '../../i18n/index.js';
import { Rational } from '../../rational.js';
import { domainOf } from '../conditions.js';
import { constValue, percent, type CheckContext, type Pass } from '../context.js';
import { M } from '../messages.js';
import { proveSum, type ProofResult, type SumItem } from '../proof.js';
import { allConditions, type Placed } from '../walk.js';

function shareValue(s: Share): Rational {
  return constValue(s.value) ?? Rational.ZERO;
}

/** The messages of one kind of proof: weights (KH-C010) or points (KH-C012). */
const PROOF = {
  weight: { code: 'KH-C010', sum: M.weightSum, inexhaustive: M.weightInexhaustive, eg: M.weightInexhaustiveEg },
  points: { code: 'KH-C012', sum: M.pointsSum, inexhaustive: M.pointsInexhaustive, eg: M.pointsInexhaustiveEg },
} as const;

function reportProof(ctx: CheckContext, r: ProofResult, span: Span, subject: Msg, fmt: (x: Rational) => string,
  want: string, kind: keyof typeof PROOF): void {
  const m = PROOF[kind];
  if (r.kind === 'failures') {
    r.failures.forEach((f, i) => {
      const more = i === r.failures.length - 1 ? r.more : 0;
      ctx.sink.add(m.code, span, m.sum({ combination: f.combination, subject, sum: fmt(f.sum), want, more }));
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
      const leaves = ctx.placed.filter((p) => p.decl.kind === 'Indicator' && p.decl.share?.kind === 'points');
      const items: SumItem[] = leaves.map((p) => ({ conds: allConditions(p), value: shareValue(p.decl.share!) }));
      const fmt = (x: Rational) => x.toDecimalString(6);
      reportProof(ctx, proveSum(dom, items, [], total), ctx.scheme.name.span, M.sPoints(), fmt, fmt(total), 'points');
      // Leaves under each group, in source order: one walk up per leaf, not one test per leaf and group.
      const leavesUnder = new Map<GroupDecl, Placed[]>();
      for (const p of leaves) {
        for (let q = p.up; q; q = q.up) {
          const list = leavesUnder.get(q.decl);
          if (list) list.push(p); else leavesUnder.set(q.decl, [p]);
        }
      }
      for (const g of ctx.placed) {
        if (g.decl.kind !== 'Group' || g.decl.share?.kind !== 'points') continue;
        const ctxConds = allConditions(g);
        const under = leavesUnder.get(g.decl) ?? [];
        const its = under.map((p) => ({ conds: allConditions(p).slice(ctxConds.length), value: shareValue(p.decl.share!) }));
        reportProof(ctx, proveSum(dom, its, ctxConds, shareValue(g.decl.share)), g.decl.name.span,
          M.sPointsUnder({ name: g.decl.name.name }), fmt, fmt(shareValue(g.decl.share)), 'points');
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
          items.push({ conds: k.local, value: shareValue(k.decl.share) });
          percentForgotten(ctx, k.decl.share);
        }
      }
      if (parent?.normalize || items.length === 0) continue;
      const context: Expr[] = up ? allConditions(up) : [];
      const r = proveSum(dom, items, context, Rational.ONE);
      reportProof(ctx, r, parent ? parent.name.span : ctx.scheme.name.span, where(parent), percent, '100%', 'weight');
    }
  },
};

/** `weight 40`: a weight is a fraction, so this is 4000% — almost surely `40%` with the `%` left out.
 * Said at the weight itself, with the fix, besides the sum it spoils. */
function percentForgotten(ctx: CheckContext, s: Share): void {
  const v = s.value;
  if (v.percent || shareValue(s).cmp(Rational.ONE) <= 0) return;
  ctx.sink.add('KH-C010', s.span, M.percentForgotten({ text: v.text, percent: percent(shareValue(s)) }),
    fixOf(M.fixAddPercent({ text: v.text }), [{ span: { start: v.span.end, end: v.span.end }, text: '%' }]));
}

function totalExpr(ctx: CheckContext): Expr | undefined {
  const s = ctx.symbols.settings.get('total');
  return s && s.key === 'total' ? s.value : undefined;
}

