// Per-subject evaluation, stage by stage: the indicator tree laid out with effective weights and
// points (§6), base and adjust, the rule lists (through a RulesRuntime, rules.ts), totals capped by
// each list's `max`, score = max(0, base × adjust + rewards − deductions) (§7), then the candidate
// grade and its restrictions (grade.ts). Outcomes depend on the final grade, which a cohort may still
// change, so they are a separate step (outcome.ts).

import { Rational } from '../dsl/rational.js';
import type { Locale, Msg } from '../dsl/i18n/index.js';
import type { Period } from '../dsl/dates.js';
import type { Display } from './api.js';
import { allocate, applyAttached, type AttachedPart } from './attached.js';
import { fail } from './errors.js';
import { M } from './messages.js';
import type { Tracer } from './explain.js';
import { candidateGrade, restrict, type Restriction } from './grade.js';
import type { GradePlan, GroupPlan, IndicatorPlan, NodePlan, Plan } from './plan.js';
import type { RuleMatch } from './rules.js';
import { Subject } from './subject.js';
import type { Value } from './values.js';

/** `subtotal`/`attached`: an indicator with items attached to it (issue 12, attached.ts). */
export interface NodeResult { node: NodePlan; score: Rational; weight: Rational; points: Rational; subtotal?: Rational; attached?: AttachedPart[] }

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
  // Points are on the 0–total scale in both modes (`total 125` in weight mode, issue 12).
  const scale = plan.total.eq(Rational.HUNDRED) ? ONE : plan.total.div(Rational.HUNDRED);

  const visit = (children: NodePlan[], parent: GroupPlan | undefined, ewParent: Rational): Rational => {
    const app = children.filter((c) => s.applies(c));
    if (app.length === 0 && !parent && plan.normalize && children.length > 0) { // nothing to scale (issue 12)
      fail('KH-E017', plan.pointsMode ? M.pointsZero({ where: whereText(parent) }) : M.weightsZero({ where: whereText(parent) }), plan.file, children[0].span);
    }
    if (app.length === 0) return Rational.ZERO;
    const shares = app.map((c) => s.share(c));
    const sum = shares.reduce((a, b) => a.add(b), Rational.ZERO);
    let rel: Rational[];
    if (app[0].share.kind === 'weight') {
      if (parent ? parent.normalize : plan.normalize) {
        if (sum.isZero()) fail('KH-E017', M.weightsZero({ where: whereText(parent) }), plan.file, (parent ?? app[0]).span);
        rel = shares.map((w) => w.div(sum));
      } else {
        if (!sum.eq(ONE)) fail('KH-E017', M.weightsNot100({ where: whereText(parent), sum: pct(sum) }), plan.file, (parent ?? app[0]).span);
        rel = shares;
      }
    } else {
      if (!parent && !plan.normalize && !sum.eq(plan.total)) {
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

/** Stage 1 for a validated subject: tree, base, adjust. Results become visible to later expressions. */
export function beginSubject(plan: Plan, id: string, inputs: Map<string, Value>, trace?: Tracer, lang: Locale = 'en', period?: Period) {
  return begin(new Subject(plan, id, inputs, trace, lang, period));
}

/** Stage 1 for a subject's context made already (a cohort with cohort aggregates made it to read
 * their arguments first, issue 13). */
export function begin(subject: Subject) {
  const { nodes, base } = layout(subject);
  subject.results.set('base', base);
  const adjust = subject.computeAdjust();
  subject.results.set('adjust', adjust);
  return { subject, nodes, base, adjust };
}

/** Stage 3 (after the rules ran): totals, score, candidate grade and restrictions. */
export function completeSubject(begun: ReturnType<typeof beginSubject>, negatives: RuleMatch[], rewards: RuleMatch[]): SubjectState {
  return gradeSubject(scoreSubject(begun, negatives, rewards));
}

/** Stage 3a: totals and score; the grade still unknown (`allowed` null until gradeSubject). A cohort
 * whose aggregates read score computes them between the two (issue 13, batch.ts). */
export function scoreSubject(begun: ReturnType<typeof beginSubject>, negatives: RuleMatch[], rewards: RuleMatch[]): SubjectState {
  const { subject, nodes, adjust } = begun;
  const { plan } = subject;
  // Items attached to an indicator (issue 12) go into its subtotal; base becomes Σ subtotals.
  const attached = new Map<IndicatorPlan, AttachedPart[]>();
  const deductionTotal = allocate(plan.negatives, negatives, 'deduct', subject, attached);
  const rewardTotal = allocate(plan.rewards, rewards, 'add', subject, attached);
  const base = applyAttached(nodes, begun.base, attached);
  subject.results.set('base', base);
  const score = Rational.max(Rational.ZERO, base.mul(adjust).add(rewardTotal).sub(deductionTotal));
  subject.results.set('rewards', rewardTotal);
  subject.results.set('deductions', deductionTotal);
  subject.results.set('score', score);
  return {
    id: subject.id, subject, nodes, base, adjust, negatives, rewards, rewardTotal, deductionTotal, score,
    candidate: null, candidateReasons: [], restrictions: [], allowed: null,
  };
}

/** Stage 3b: the candidate grade and its restrictions (the grade the subject may hold before quotas). */
export function gradeSubject(st: SubjectState): SubjectState {
  const { plan } = st.subject;
  const cand = candidateGrade(plan, st.subject);
  const r = restrict(plan, cand?.grade ?? null, [...st.negatives, ...st.rewards]);
  st.candidate = cand?.grade ?? null;
  st.candidateReasons = cand?.reasons ?? [];
  st.restrictions = r.restrictions;
  st.allowed = st.subject.standing?.ungraded ? null : r.allowed; // 不定等次 on the roster (issue 14)
  return st;
}
