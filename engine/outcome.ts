// The last stage of a subject: with its final grade known (alone, or after the cohort's quotas),
// the outcomes (§9: bonus, actions, improve list) and the result JSON of §12, numbers rounded to
// `precision` half away from zero. The explanation is attached only when a Tracer was recording.

import { Rational } from '../dsl/rational.js';
import { render, type Locale } from '../dsl/i18n/index.js';
import type {
  CohortMemberResult, Effect, Explain, GroupResult, IndicatorResult, NegativeItem, QuotaFlag, QuotaNote, Rank, RewardItem, SubjectResult, Trace,
} from './api.js';
import type { QuotaDecision, QuotaFlagDecision } from './cohort.js';
import { decisionJson, decisionWords } from './decision.js';
import type { SubjectState } from './evaluate.js';
import { plain, type Tracer } from './explain.js';
import { missedReasons, ownReasons, restrictionReasons } from './grade.js';
import { M } from './messages.js';
import { P } from './periods/messages.js';
import { periodInputsTrace } from './periods/explain.js';
import type { GradePlan, OutcomeActionPlan } from './plan.js';
import { isPromise, type MatchedEffect, type MaybePromise, type RulesRuntime } from './rules.js';
import { isNum, type Value } from './values.js';

export interface Final {
  grade: GradePlan | null;
  provisional: boolean;
  /** Quota decisions that concerned the subject; the last one is reported as `quota`. */
  quotas?: QuotaDecision[];
  cohort?: string;
  /** In a cohort (issue 13): its rank (filled in once everyone is ranked) and the soft quotas it is above. */
  rank?: Rank;
  flags?: QuotaFlagDecision[];
}

/** Decimals of a reported weight, adjust and bonus (the compiled engine writes them with the same, codegen/emit-layout.ts, emit-outcome.ts). */
export const WEIGHT_DIGITS = 6;

function effectJson(e: MatchedEffect, digits: number): Effect {
  if ('deduct' in e) return { deduct: e.deduct.toRoundedNumber(digits) };
  if ('add' in e) return { add: e.add.toRoundedNumber(digits) };
  return e;
}

type AnyResult = SubjectResult & { cohort?: string; rank?: Rank; flags?: QuotaFlag[] };

/** The subject's result; synchronous when the runtime is. In a cohort (`fin.cohort` set) the result
 * names its cohort. */
export function finish(st: SubjectState, fin: Final & { cohort: string }, runtime: RulesRuntime): MaybePromise<CohortMemberResult>;
export function finish(st: SubjectState, fin: Final, runtime: RulesRuntime): MaybePromise<SubjectResult>;
export function finish(st: SubjectState, fin: Final, runtime: RulesRuntime): MaybePromise<AnyResult> {
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

/** Actions of the matched items, then of the outcome rules that hold; each once, in that order. */
function actionsOf(st: SubjectState, matched: OutcomeActionPlan[]): string[] {
  const actions: string[] = [];
  const addAction = (a: string) => { if (!actions.includes(a)) actions.push(a); };
  for (const m of [...st.negatives, ...st.rewards]) for (const e of m.effects) if ('action' in e) addAction(e.action);
  for (const a of matched) addAction(a.name);
  return actions;
}

/** Applicable indicators whose reported score is below the threshold, lowest first. */
function improveOf(st: SubjectState): string[] {
  const s = st.subject;
  const imp = s.plan.outcomes.improve;
  if (!imp) return [];
  const below = imp.below(s);
  if (!isNum(below)) return [];
  const rows = st.nodes.filter((n) => n.node.kind === 'indicator')
    .map((n, i) => ({ id: n.node.name, v: n.score.round(s.plan.precision), i }))
    .filter((x) => x.v.lt(below))
    .sort((a, b) => a.v.cmp(b.v) || a.i - b.i);
  return rows.slice(0, imp.max ?? rows.length).map((x) => x.id);
}

/** Why the grade, in the subject's language: the candidate's reasons (named by grade when a
 * restriction or quota changed the grade), the restrictions that acted, the quota decisions, for a
 * quota demotion why the grade it landed on holds, and last, unless a restriction or a committee
 * decided, why each better grade was missed (grade.ts missedReasons). */
function gradeReasons(st: SubjectState, fin: Final): string[] {
  const s = st.subject;
  const lang = s.lang;
  const grade = fin.grade;
  const cand = st.candidate;
  const candReasons = !grade ? [] : grade === cand ? st.candidateReasons
    : cand ? st.candidateReasons.map((x) => render(M.gradeBecause({ grade: cand.name, reason: x }), lang)) : [];
  const decided = s.decision ? [decisionWords(s.decision, lang)] : []; // a committee decision first (issue 13)
  if (s.standing?.ungraded) return [render(P.rosterUngraded(), lang)]; // 不定等次 on the roster (issue 14): the one reason
  const reasons = [...decided, ...candReasons, ...restrictionReasons(st.restrictions, s.plan, lang)];
  for (const q of fin.quotas ?? []) reasons.push(render(q.reason, lang));
  if (grade && fin.quotas?.length && grade !== st.allowed) reasons.push(...ownReasons(grade, s, lang));
  if (grade && cand && cand.index > 0 && !s.decision && !st.restrictions.some((r) => r.acted)) reasons.push(...missedReasons(cand, s, lang));
  return reasons;
}

function groupsOf(st: SubjectState): GroupResult[] {
  const p = st.subject.plan.precision;
  return st.nodes.filter((n) => n.node.kind === 'group').map((n) => ({
    id: n.node.name, label: n.node.label ?? n.node.name, ...(n.node.parent ? { group: n.node.parent.name } : {}),
    score: n.score.toRoundedNumber(p), weight: n.weight.toRoundedNumber(WEIGHT_DIGITS), points: n.points.toRoundedNumber(p),
  }));
}

function indicatorsOf(st: SubjectState): IndicatorResult[] {
  const p = st.subject.plan.precision;
  const trace = st.subject.trace;
  return st.nodes.filter((n) => n.node.kind === 'indicator').map((n) => {
    const o: IndicatorResult = {
      id: n.node.name, label: n.node.label ?? n.node.name, group: n.node.parent?.name ?? null,
      score: n.score.toRoundedNumber(p), weight: n.weight.toRoundedNumber(WEIGHT_DIGITS), points: n.points.toRoundedNumber(p),
    };
    if (n.subtotal && n.attached) { // items attached to it (issue 12)
      o.subtotal = n.subtotal.toRoundedNumber(p);
      o.attached = n.attached.map((a) => ({
        list: a.list, item: a.item, ...(a.label ? { label: a.label } : {}), [a.kind]: a.amount.toRoundedNumber(p),
        ...(a.asked ? { asked: a.asked.toRoundedNumber(p) } : {}), at: `line ${a.line}`,
      }));
    }
    const t = trace?.frameJson(`indicator:${n.node.name}`, n.node.kind === 'indicator' ? n.node.form : 'expression');
    if (t) o.trace = t as Trace; // the trace's shape is pinned by TraceSchema (test/engine/result-schema.test.ts)
    return o;
  });
}

function negativeOf(st: SubjectState): NegativeItem[] {
  const p = st.subject.plan.precision;
  return st.negatives.map((m) => ({
    list: m.item.list.name, item: m.item.name, ...(m.item.label ? { label: m.item.label } : {}),
    effects: m.effects.map((e) => effectJson(e, p)), at: `line ${m.item.line}`, ...(m.item.for ? { for: m.item.for.name } : {}),
  }));
}

function rewardItemsOf(st: SubjectState): RewardItem[] {
  const p = st.subject.plan.precision;
  return st.rewards.map((m) => ({
    list: m.item.list.name, item: m.item.name, ...(m.item.label ? { label: m.item.label } : {}), // labels as negative items (issue 12)
    add: m.effects.reduce((a, e) => ('add' in e ? a.add(e.add) : a), Rational.ZERO).toRoundedNumber(p),
    ...(m.item.for ? { for: m.item.for.name } : {}),
  }));
}

/** The last quota decision, its reason in words. */
function quotaOf(fin: Final, lang: Locale): QuotaNote | undefined {
  const q = fin.quotas?.[fin.quotas.length - 1];
  return q && { grade: q.grade, scope: q.scope, demotedTo: q.demotedTo, rank: q.rank, limit: q.limit, reason: render(q.reason, lang) };
}

function explainOf(st: SubjectState, grade: GradePlan | null, trace: Tracer): Explain {
  const { plan } = st.subject;
  const lets: Record<string, Trace> = {};
  for (const l of plan.lets) {
    const j = trace.frameJson(`let:${l.name}`, 'expression');
    if (j) lets[l.name] = j as Trace;
  }
  const num = (r: Rational) => plain(r, WEIGHT_DIGITS) as number;
  const periodInputs = periodInputsTrace(plan, st.subject.inputs, st.subject.period); // issue 14
  return {
    lets,
    ...(periodInputs ? { periodInputs } : {}),
    rules: trace.rules.map((x) => plain(x, WEIGHT_DIGITS) as Explain['rules'][number]),
    grade: {
      // A committee decision heads the reasons, as in gradeReasons: a decided grade has no condition of its own (issue 13).
      candidate: st.candidate?.name ?? null, reasons: st.subject.decision ? [decisionWords(st.subject.decision, st.subject.lang), ...st.candidateReasons] : st.candidateReasons,
      restrictions: st.restrictions.map((x) => ({ kind: x.kind, item: x.item.name, list: x.item.list.name, ...(x.grade ? { grade: x.grade.name } : {}), acted: x.acted })),
      allowed: st.allowed?.name ?? null, final: grade?.name ?? null,
    },
    score: {
      base: num(st.base), adjust: num(st.adjust), rewards: num(st.rewardTotal), deductions: num(st.deductionTotal),
      exact: st.score.toDecimalString(10), formula: render(M.formula(), st.subject.lang),
    },
  };
}

function resultOf(st: SubjectState, fin: Final, bonus: Rational | null, matched: OutcomeActionPlan[]): AnyResult {
  const { subject: s } = st;
  const { plan } = s;
  const p = plan.precision;
  const grade = fin.grade;
  const result: AnyResult = {
    scheme: { id: plan.id, version: plan.version ?? null, hash: plan.hash },
    subject: st.id,
    ...(st.display ? { display: st.display } : {}),
    ...(s.period ? { period: s.period.text } : {}),
    ...(fin.cohort !== undefined ? { cohort: fin.cohort } : {}),
    ...(fin.rank ? { rank: fin.rank } : {}),
    score: st.score.toRoundedNumber(p), base: st.base.toRoundedNumber(p), adjust: st.adjust.toRoundedNumber(WEIGHT_DIGITS),
    rewards: st.rewardTotal.toRoundedNumber(p), deductions: st.deductionTotal.toRoundedNumber(p),
    grade: grade ? grade.name : null,
    provisional: fin.provisional,
    gradeReasons: gradeReasons(st, fin),
    ...(s.decision ? { decision: decisionJson(s.decision) } : {}),
    groups: groupsOf(st),
    indicators: indicatorsOf(st),
    negative: negativeOf(st),
    rewardItems: rewardItemsOf(st),
    actions: actionsOf(st, matched),
    bonus: bonus === null ? null : bonus.toRoundedNumber(WEIGHT_DIGITS),
    improve: improveOf(st),
  };
  const quota = quotaOf(fin, s.lang);
  if (quota) result.quota = quota;
  if (s.exactValues) { // issue 14: for storage beside the reported values
    result.exact = { score: st.score.toString(), base: st.base.toString(), rewards: st.rewardTotal.toString(), deductions: st.deductionTotal.toString() };
  }
  if (fin.flags?.length) result.flags = fin.flags.map((f) => ({ grade: f.grade, scope: f.scope, rank: f.rank, normal: f.normal, reason: render(f.reason, s.lang) }));
  if (s.trace) result.explain = explainOf(st, grade, s.trace);
  return result;
}
