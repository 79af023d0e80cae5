// Pass `weights`: the weight rule of LANGUAGE.md §6 as a proof. Weight mode: for every combination
// of the enum/bool inputs that `when` conditions test, the weights of each sibling set's applicable
// members sum to exactly 100% (KH-C010; `normalize` groups are exempt). Points mode (any `points`
// share in the scheme): the applicable indicators' points sum to `total` (KH-C012), and to N under
// a group that declares `points N`. Mixed points and weights: KH-C011; a member without a share:
// KH-C013; conditions over numbers or text make a proof non-exhaustive: KH-C014 (warning).

import type { Expr, GroupDecl, Share, Span } from '../../ast.js';
import { Rational } from '../../rational.js';
import { domainOf } from '../conditions.js';
import { constValue, percent, type CheckContext, type Pass } from '../context.js';
import { proveSum, type ProofResult, type SumItem } from '../proof.js';
import { allConditions, type Placed } from '../walk.js';

function shareValue(s: Share): Rational {
  return constValue(s.value) ?? Rational.ZERO;
}

/** `个性指标 sums`, `the points … sum`. */
const verb = (subject: string) => (subject.includes('points') ? 'sum' : 'sums');

function reportProof(ctx: CheckContext, r: ProofResult, span: Span, subject: string, fmt: (x: Rational) => string,
  want: string, code: 'KH-C010' | 'KH-C012', what: string): void {
  if (r.kind === 'failures') {
    r.failures.forEach((f, i) => {
      const more = i === r.failures.length - 1 && r.more > 0 ? ` (and ${r.more} more combinations)` : '';
      const prefix = f.combination ? `${f.combination}: ` : '';
      const every = f.combination ? '' : ' for every subject';
      ctx.sink.add(code, span, `${prefix}${subject} ${verb(subject)} to ${fmt(f.sum)}${every}, not ${want}${more}`);
    });
  } else if (r.kind === 'inexhaustive') {
    const eg = r.failures[0] ? `; reading it as a free yes/no, ${r.failures[0].combination}: ${subject} ${verb(subject)} to ${fmt(r.failures[0].sum)}` : '';
    ctx.sink.add('KH-C014', span, `the ${what} check of ${subject} is not exhaustive: ${r.reason}${eg}`);
  }
}

export const weightsPass: Pass = {
  name: 'weights',
  followsReferences: true,
  run(ctx) {
    const pointsMode = ctx.placed.some((p) => p.decl.share?.kind === 'points');
    const dom = domainOf(ctx);
    const where = (g?: GroupDecl) => (g ? g.name.name : 'the top level');
    if (pointsMode) {
      const first = ctx.placed.find((p) => p.decl.share?.kind === 'points')!;
      for (const p of ctx.placed) {
        const s = p.decl.share;
        if (s?.kind === 'weight') {
          const sibling = ctx.placed.some((q) => q.parent === p.parent && q.decl.share?.kind === 'points');
          ctx.sink.add('KH-C011', s.span, `${p.decl.name.name} has a weight, but ${sibling ? 'its siblings have points' : `the scheme uses points (${first.decl.name.name})`}; points and weights do not mix`);
        } else if (!s && p.decl.kind === 'Indicator') {
          ctx.sink.add('KH-C013', p.decl.name.span, `indicator ${p.decl.name.name} has no points`);
        }
      }
      if (ctx.placed.some((p) => p.decl.share?.kind === 'weight')) return; // mixed: the sums mean nothing
      const total = constValue(totalExpr(ctx)) ?? Rational.HUNDRED;
      const leaves = ctx.placed.filter((p) => p.decl.kind === 'Indicator' && p.decl.share?.kind === 'points');
      const items: SumItem[] = leaves.map((p) => ({ conds: allConditions(p), value: shareValue(p.decl.share!) }));
      const fmt = (x: Rational) => x.toDecimalString(6);
      reportProof(ctx, proveSum(dom, items, [], total), ctx.scheme.name.span, "the applicable indicators' points",
        fmt, fmt(total), 'KH-C012', 'points');
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
          `the points under ${g.decl.name.name}`, fmt, fmt(shareValue(g.decl.share)), 'KH-C012', 'points');
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
        if (!k.decl.share) ctx.sink.add('KH-C013', k.decl.name.span, `${k.decl.kind === 'Group' ? 'group' : 'indicator'} ${k.decl.name.name} has no weight`);
        else {
          items.push({ conds: k.local, value: shareValue(k.decl.share) });
          percentForgotten(ctx, k.decl.share);
        }
      }
      if (parent?.normalize || items.length === 0) continue;
      const context: Expr[] = up ? allConditions(up) : [];
      const r = proveSum(dom, items, context, Rational.ONE);
      reportProof(ctx, r, parent ? parent.name.span : ctx.scheme.name.span, where(parent), percent, '100%', 'KH-C010', 'weight');
    }
  },
};

/** `weight 40`: a weight is a fraction, so this is 4000% — almost surely `40%` with the `%` left out.
 * Said at the weight itself, with the fix, besides the sum it spoils. */
function percentForgotten(ctx: CheckContext, s: Share): void {
  const v = s.value;
  if (v.percent || shareValue(s).cmp(Rational.ONE) <= 0) return;
  ctx.sink.add('KH-C010', s.span, `\`${v.text}\` as a weight is ${percent(shareValue(s))}: without \`%\` a weight is a fraction (1 = 100%); did you mean \`${v.text}%\`?`, {
    title: `Add \`%\`: \`${v.text}%\``, edits: [{ span: { start: v.span.end, end: v.span.end }, text: '%' }],
  });
}

function totalExpr(ctx: CheckContext): Expr | undefined {
  const s = ctx.symbols.settings.get('total');
  return s && s.key === 'total' ? s.value : undefined;
}

