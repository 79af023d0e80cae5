// Rule lists with items attached to an indicator (issue 12, `item … for X`). A list's `max` bounds
// every item of the list, attached or not, in declaration order: an item that would cross it gets
// what remains (possibly 0). Unattached amounts make the list's total (rewards/deductions, §7);
// attached ones go into their indicator's subtotal = max(0, points + adds − deducts) (扣完为止), and
// base becomes the sum of the subtotals (the groups above take the change too). An item attached to
// an indicator that does not apply to the subject gives nothing and takes no share of the `max` (its
// other effects act; the checker warns, KH-C093). A list without attached items keeps the rule of §7
// exactly: min(Σ amounts, max).

import { Rational } from '../dsl/rational.js';
import type { NodeResult } from './evaluate.js';
import type { IndicatorPlan, RuleListPlan } from './plan.js';
import type { RuleMatch } from './rules.js';
import type { Subject } from './subject.js';
import { isNum } from './values.js';

/** One attached item's part in its indicator's subtotal: `amount` granted, `asked` when the list's
 * `max` cut it. */
export interface AttachedPart {
  list: string; item: string; label?: string; kind: 'add' | 'deduct'; amount: Rational; asked?: Rational; line: number;
}

/** Σ of the unattached matched items' `key` amounts per list (each list capped by its `max`), and the
 * attached items' amounts by indicator. */
export function allocate(lists: RuleListPlan[], matches: RuleMatch[], key: 'deduct' | 'add', s: Subject,
  attached: Map<IndicatorPlan, AttachedPart[]>): Rational {
  let total = Rational.ZERO;
  for (const list of lists) {
    const max = list.max ? list.max(s) : undefined;
    const cap = max !== undefined && isNum(max) ? max : undefined;
    const hasAttached = list.items.some((i) => i.for);
    let sum = Rational.ZERO;
    let spent = Rational.ZERO; // what the list has given so far, attached or not (local: a failing `max` must not leak)
    for (const m of matches) {
      if (m.item.list !== list) continue;
      for (const e of m.effects) {
        if (!(key in e)) continue;
        const asked = (e as Record<string, Rational>)[key];
        if (!hasAttached) { sum = sum.add(asked); continue; }
        if (m.item.for && !s.applies(m.item.for)) continue; // its indicator does not apply: not applied, no share of the max
        let amount = asked;
        if (cap) amount = Rational.min(asked, Rational.max(Rational.ZERO, cap.sub(spent)));
        spent = spent.add(amount);
        const target = m.item.for;
        if (!target) { sum = sum.add(amount); continue; }
        const part: AttachedPart = { list: list.name, item: m.item.name, kind: key, amount, line: m.item.line };
        if (m.item.label) part.label = m.item.label;
        if (!amount.eq(asked)) part.asked = asked;
        const parts = attached.get(target);
        if (parts) parts.push(part); else attached.set(target, [part]);
      }
    }
    if (!hasAttached && cap) sum = Rational.min(sum, cap);
    total = total.add(sum);
  }
  return total;
}

/** Applies the attached parts: each indicator's subtotal, the groups above it, and the new base. */
export function applyAttached(nodes: NodeResult[], base: Rational, attached: Map<IndicatorPlan, AttachedPart[]>): Rational {
  if (attached.size === 0) return base;
  const byNode = new Map(nodes.map((n) => [n.node, n]));
  for (const [ind, parts] of attached) {
    const row = byNode.get(ind);
    if (!row) continue; // not reached: allocate skips the items of an indicator that does not apply
    let sub = row.points;
    for (const p of parts) sub = p.kind === 'add' ? sub.add(p.amount) : sub.sub(p.amount);
    sub = Rational.max(Rational.ZERO, sub);
    const delta = sub.sub(row.points);
    row.subtotal = sub;
    row.attached = parts;
    for (let g = ind.parent; g; g = g.parent) {
      const gr = byNode.get(g);
      if (gr) gr.points = gr.points.add(delta);
    }
    base = base.add(delta);
  }
  return base;
}
