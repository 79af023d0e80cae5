// Per-subject evaluation, stage by stage: the indicator tree laid out with effective weights and
// points (§6), base and adjust, the rule lists (through a RulesRuntime, rules.ts), totals capped by
// each list's `max`, score = max(0, base × adjust + rewards − deductions) (§7), then the candidate
// grade and its restrictions (grade.ts). Outcomes depend on the final grade, which a cohort may still
// change, so they are a separate step (outcome.ts).

import { Rational } from '../dsl/rational.js';
import type { Locale, Msg } from '../dsl/i18n/index.js';
import type { Display } from './api.js';
import { fail } from './errors.js';
import { M } from './messages.js';
import type { Tracer } from './explain.js';
import { candidateGrade, restrict, type Restriction } from './grade.js';
import type { GradePlan, GroupPlan, NodePlan, Plan, RuleListPlan } from './plan.js';
import type { RuleMatch } from './rules.js';
import { Subject } from './subject.js';
import { isNum, type Value } from './values.js';

export interface NodeResult { node: NodePlan; score: Rational; weight: Rational; points: Rational }

/** Everything known about a subject before its final grade. */
export interface SubjectState {
  id: string;
  subject: Subject;
  nodes: NodeResult[];
  base: Rational;
  adjust: Rational;
  negatives: RuleMatch[];
  rewards: RuleMatch[];
  rewardTotal: Rational;
  deductionTotal: Rational;
  score: Rational;
  candidate: GradePlan | null;
  candidateReasons: string[];
  restrictions: Restriction[];
  /** The grade after veto/cap/nograde: what the subject may hold before quotas. */
  allowed: GradePlan | null;
  /** The subject's display fields (validated), carried into its result. */
  display?: Display;
}

const ONE = Rational.ONE;
/** Message data, built only when a check fails (layout runs for every subject). */
function whereText(parent: GroupPlan | undefined): Msg {
  return parent ? M.childrenOf({ name: parent.name }) : M.topLevel();
}
const pct = (r: Rational) => `${r.mul(Rational.HUNDRED).toDecimalString(4)}%`;

/** Stage 1: applicable indicators and groups with effective weights and points; the base. */
export function layout(s: Subject): { nodes: NodeResult[]; base: Rational } {
  const { plan } = s;
  const nodes: NodeResult[] = [];
  const scale = plan.pointsMode ? plan.total.div(Rational.HUNDRED) : ONE;

  const visit = (children: NodePlan[], parent: GroupPlan | undefined, ewParent: Rational): Rational => {
    const app = children.filter((c) => s.applies(c));
    if (app.length === 0) return Rational.ZERO;
    const shares = app.map((c) => s.share(c));
    const sum = shares.reduce((a, b) => a.add(b), Rational.ZERO);
    let rel: Rational[];
    if (app[0].share.kind === 'weight') {
      if (parent?.normalize) {
        if (sum.isZero()) fail('KH-E017', M.weightsZero({ where: whereText(parent) }), plan.file, parent.span);
        rel = shares.map((w) => w.div(sum));
      } else {
        if (!sum.eq(ONE)) fail('KH-E017', M.weightsNot100({ where: whereText(parent), sum: pct(sum) }), plan.file, (parent ?? app[0]).span);
        rel = shares;
      }
    } else {
      if (!parent && !sum.eq(plan.total)) {
        fail('KH-E017', M.pointsNotTotal({ where: whereText(parent), sum: sum.toDecimalString(), total: plan.total.toDecimalString() }), plan.file, app[0].span);
      }
      if (sum.isZero()) fail('KH-E017', M.pointsZero({ where: whereText(parent) }), plan.file, (parent ?? app[0]).span);
      rel = shares.map((n) => n.div(sum));
    }
    let total = Rational.ZERO;
    app.forEach((c, i) => {
      const ew = ewParent.mul(rel[i]);
      if (c.kind === 'indicator') {
        const score = s.score(c);
        const points = score.mul(ew).mul(scale);
        nodes.push({ node: c, score, weight: ew, points });
        total = total.add(points);
      } else {
        const entry: NodeResult = { node: c, score: Rational.ZERO, weight: ew, points: Rational.ZERO };
        nodes.push(entry);
        entry.points = visit(c.children, c, ew);
        entry.score = s.score(c);
        total = total.add(entry.points);
      }
    });
    return total;
  };
  const base = visit(plan.roots, undefined, ONE);
  return { nodes, base };
}

/** Σ of the matched items' deduct (or add) amounts per list, each list capped by its `max`. */
export function listTotal(lists: RuleListPlan[], matches: RuleMatch[], key: 'deduct' | 'add', s: Subject): Rational {
  let total = Rational.ZERO;
  for (const list of lists) {
    let sum = Rational.ZERO;
    for (const m of matches) {
      if (m.item.list !== list) continue;
      for (const e of m.effects) if (key in e) sum = sum.add((e as Record<string, Rational>)[key]);
    }
    if (list.max) {
      const max: Value = list.max(s);
      if (isNum(max)) sum = Rational.min(sum, max);
    }
    total = total.add(sum);
  }
  return total;
}

/** Stage 1 for a validated subject: tree, base, adjust. Results become visible to later expressions. */
export function beginSubject(plan: Plan, id: string, inputs: Map<string, Value>, trace?: Tracer, lang: Locale = 'en') {
  const subject = new Subject(plan, id, inputs, trace, lang);
  const { nodes, base } = layout(subject);
  subject.results.set('base', base);
  const adjust = subject.computeAdjust();
  subject.results.set('adjust', adjust);
  return { subject, nodes, base, adjust };
}

/** Stage 3 (after the rules ran): totals, score, candidate grade and restrictions. */
export function completeSubject(begun: ReturnType<typeof beginSubject>, negatives: RuleMatch[], rewards: RuleMatch[]): SubjectState {
  const { subject, nodes, base, adjust } = begun;
  const { plan } = subject;
  const deductionTotal = listTotal(plan.negatives, negatives, 'deduct', subject);
  const rewardTotal = listTotal(plan.rewards, rewards, 'add', subject);
  const score = Rational.max(Rational.ZERO, base.mul(adjust).add(rewardTotal).sub(deductionTotal));
  subject.results.set('rewards', rewardTotal);
  subject.results.set('deductions', deductionTotal);
  subject.results.set('score', score);
  const cand = candidateGrade(plan, subject);
  const r = restrict(plan, cand?.grade ?? null, [...negatives, ...rewards]);
  return {
    id: subject.id, subject, nodes, base, adjust, negatives, rewards, rewardTotal, deductionTotal, score,
    candidate: cand?.grade ?? null, candidateReasons: cand?.reasons ?? [], restrictions: r.restrictions, allowed: r.allowed,
  };
}
