// The last stage of a subject: with its final grade known (alone, or after the cohort's quotas),
// the outcomes (§9: bonus, actions, improve list) and the result JSON of §12, numbers rounded to
// `precision` half away from zero. The explanation is attached only when a Tracer was recording.

import { Rational } from '../dsl/rational.js';
import type { SubjectResult } from './api.js';
import type { SubjectState } from './evaluate.js';
import { plain } from './explain.js';
import { restrictionReasons } from './grade.js';
import type { GradePlan, OutcomeActionPlan } from './plan.js';
import { isPromise, type MatchedEffect, type MaybePromise, type RulesRuntime } from './rules.js';
import { isNum, type Value } from './values.js';

export interface QuotaNote {
  grade: string;
  demotedTo: string | null;
  rank: number;
  limit: number;
  reason: string;
}

export interface Final {
  grade: GradePlan | null;
  provisional: boolean;
  /** Quota decisions that concerned the subject; the last one is reported as `quota`. */
  quotas?: QuotaNote[];
  cohort?: string;
}

const WEIGHT_DIGITS = 6;

function effectJson(e: MatchedEffect, digits: number): Record<string, unknown> {
  if ('deduct' in e) return { deduct: e.deduct.toRoundedNumber(digits) };
  if ('add' in e) return { add: e.add.toRoundedNumber(digits) };
  return e;
}

/** The subject's result; synchronous when the runtime is. */
export function finish(st: SubjectState, fin: Final, runtime: RulesRuntime): MaybePromise<SubjectResult> {
  st.subject.results.set('grade', fin.grade ? fin.grade.value : null);
  const bonus = bonusOf(st, fin.grade);
  const matched = runtime.matchActions(st.subject.plan.outcomes.actions, st.subject, fin.grade !== null);
  return isPromise(matched) ? matched.then((m) => resultOf(st, fin, bonus, m)) : resultOf(st, fin, bonus, matched);
}

function bonusOf(st: SubjectState, grade: GradePlan | null): Rational | null {
  const s = st.subject;
  let bonus: Rational | null = null;
  if (grade && s.plan.outcomes.bonus) {
    const f = s.plan.outcomes.bonus.get(grade.name);
    const v: Value | undefined = f?.(s);
    if (v !== undefined && isNum(v)) bonus = v;
  }
  s.results.set('bonus', bonus);
  return bonus;
}

function resultOf(st: SubjectState, fin: Final, bonus: Rational | null, matched: OutcomeActionPlan[]): SubjectResult {
  const { subject: s } = st;
  const { plan } = s;
  const p = plan.precision;
  const grade = fin.grade;

  // ---- actions
  const actions: string[] = [];
  const addAction = (a: string) => { if (!actions.includes(a)) actions.push(a); };
  for (const m of [...st.negatives, ...st.rewards]) for (const e of m.effects) if ('action' in e) addAction(e.action);
  for (const a of matched) addAction(a.name);

  // ---- improve: applicable indicators whose reported score is below the threshold, lowest first
  let improve: string[] = [];
  const imp = plan.outcomes.improve;
  if (imp) {
    const below = imp.below(s);
    if (isNum(below)) {
      const rows = st.nodes.filter((n) => n.node.kind === 'indicator')
        .map((n, i) => ({ id: n.node.name, v: n.score.round(p), i }))
        .filter((x) => x.v.lt(below))
        .sort((a, b) => a.v.cmp(b.v) || a.i - b.i);
      improve = rows.slice(0, imp.max ?? rows.length).map((x) => x.id);
    }
  }

  // ---- result JSON
  // The candidate's reasons; named by grade when a restriction or quota changed the grade.
  const cand = st.candidate;
  const candReasons = !grade ? [] : grade === cand ? st.candidateReasons : cand ? st.candidateReasons.map((x) => `${cand.name}: ${x}`) : [];
  const reasons = [...candReasons, ...restrictionReasons(st.restrictions, plan)];
  for (const q of fin.quotas ?? []) reasons.push(q.reason);
  // Demoted by a quota: also say why the grade it landed on holds.
  if (grade && fin.quotas?.length && grade !== st.allowed) {
    reasons.push(...(grade.reasons ? grade.reasons(s).map((x) => `${grade.name}: ${x}`) : [`${grade.name}: otherwise`]));
  }
  const trace = s.trace;
  const groups = st.nodes.filter((n) => n.node.kind === 'group').map((n) => ({
    id: n.node.name, label: n.node.label ?? n.node.name, ...(n.node.parent ? { group: n.node.parent.name } : {}),
    score: n.score.toRoundedNumber(p), weight: n.weight.toRoundedNumber(WEIGHT_DIGITS), points: n.points.toRoundedNumber(p),
  }));
  const indicators = st.nodes.filter((n) => n.node.kind === 'indicator').map((n) => {
    const o: Record<string, unknown> = {
      id: n.node.name, label: n.node.label ?? n.node.name, group: n.node.parent?.name ?? null,
      score: n.score.toRoundedNumber(p), weight: n.weight.toRoundedNumber(WEIGHT_DIGITS), points: n.points.toRoundedNumber(p),
    };
    if (trace) o.trace = trace.frameJson(`indicator:${n.node.name}`, n.node.kind === 'indicator' ? n.node.form : 'expression');
    return o;
  });
  const result: SubjectResult = {
    scheme: { id: plan.id, version: plan.version ?? null, hash: plan.hash },
    subject: st.id,
    ...(fin.cohort !== undefined ? { cohort: fin.cohort } : {}),
    score: st.score.toRoundedNumber(p), base: st.base.toRoundedNumber(p), adjust: st.adjust.toRoundedNumber(WEIGHT_DIGITS),
    rewards: st.rewardTotal.toRoundedNumber(p), deductions: st.deductionTotal.toRoundedNumber(p),
    grade: grade ? grade.name : null,
    provisional: fin.provisional,
    gradeReasons: reasons,
    groups, indicators,
    negative: st.negatives.map((m) => ({
      list: m.item.list.name, item: m.item.name, ...(m.item.label ? { label: m.item.label } : {}),
      effects: m.effects.map((e) => effectJson(e, p)), at: `line ${m.item.line}`,
    })),
    rewardItems: st.rewards.map((m) => ({
      list: m.item.list.name, item: m.item.name,
      add: m.effects.reduce((a, e) => ('add' in e ? a.add(e.add) : a), Rational.ZERO).toRoundedNumber(p),
    })),
    actions,
    bonus: bonus === null ? null : bonus.toRoundedNumber(WEIGHT_DIGITS),
    improve,
  };
  if (fin.quotas?.length) result.quota = fin.quotas[fin.quotas.length - 1];
  if (trace) {
    const lets: Record<string, unknown> = {};
    for (const l of plan.lets) {
      const j = trace.frameJson(`let:${l.name}`, 'expression');
      if (j) lets[l.name] = j;
    }
    result.explain = {
      lets,
      rules: trace.rules.map((x) => plain(x, WEIGHT_DIGITS)),
      grade: {
        candidate: st.candidate?.name ?? null, reasons: st.candidateReasons,
        restrictions: st.restrictions.map((x) => ({ kind: x.kind, item: x.item.name, list: x.item.list.name, ...(x.grade ? { grade: x.grade.name } : {}), acted: x.acted })),
        allowed: st.allowed?.name ?? null, final: grade?.name ?? null,
      },
      score: {
        base: plain(st.base, WEIGHT_DIGITS), adjust: plain(st.adjust, WEIGHT_DIGITS), rewards: plain(st.rewardTotal, WEIGHT_DIGITS),
        deductions: plain(st.deductionTotal, WEIGHT_DIGITS), exact: st.score.toDecimalString(10),
        formula: 'max(0, base × adjust + rewards − deductions)',
      },
    };
  }
  return result;
}
