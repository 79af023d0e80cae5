// Grades (§7, §8): the candidate is the first grade whose condition holds over REPORTED values;
// then the negative list restricts it — nograde beats veto beats cap, and among caps the most
// restrictive wins. A cap lowers the grade to G even when G's own condition does not hold.
// Reasons: why the candidate holds, why the restrictions acted, and why each better grade was missed.

import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { M, wordsOnce } from './messages.js';
import type { Decision } from './decision.js';
import type { Ctx, GradePlan, ItemPlan, Plan } from './plan.js';
import type { RuleMatch } from './rules.js';

export interface Restriction { kind: 'nograde' | 'veto' | 'cap'; item: ItemPlan; grade?: GradePlan; acted: boolean }

export function candidateGrade(plan: Plan, ctx: Ctx & { readonly decision?: Decision }): { grade: GradePlan; reasons: string[] } | undefined {
  // A committee's decided grade replaces the conditions (its words head gradeReasons: outcome.ts).
  if (ctx.decision?.grade) return { grade: ctx.decision.grade, reasons: [] };
  for (const g of plan.grades) {
    if (!g.when) return { grade: g, reasons: [otherwise(g, ctx.lang)] };
    if (g.when(ctx) === true) return { grade: g, reasons: g.reasons ? g.reasons(ctx) : [] };
  }
  return undefined;
}

export function restrict(plan: Plan, candidate: GradePlan | null, matches: RuleMatch[]):
  { allowed: GradePlan | null; restrictions: Restriction[] } {
  const restrictions: Restriction[] = [];
  for (const m of matches) {
    for (const e of m.effects) {
      if ('nograde' in e) restrictions.push({ kind: 'nograde', item: m.item, acted: false });
      else if ('veto' in e) restrictions.push({ kind: 'veto', item: m.item, acted: false });
      else if ('cap' in e) restrictions.push({ kind: 'cap', item: m.item, grade: plan.grades.find((g) => g.name === e.cap), acted: false });
    }
  }
  if (!candidate) return { allowed: null, restrictions };
  const nograde = restrictions.find((r) => r.kind === 'nograde');
  if (nograde) { nograde.acted = true; return { allowed: null, restrictions }; }
  const veto = restrictions.find((r) => r.kind === 'veto');
  if (veto) { veto.acted = true; return { allowed: plan.grades[plan.grades.length - 1], restrictions }; }
  let allowed = candidate;
  let worst: Restriction | undefined;
  for (const r of restrictions) {
    if (r.kind === 'cap' && r.grade && r.grade.index > allowed.index) { allowed = r.grade; worst = r; }
  }
  if (worst) worst.acted = true;
  return { allowed, restrictions };
}

/** `G: otherwise`, in words. */
const otherwise = (g: GradePlan, lang: Locale): string => wordsOnce(g, 'otherwise', lang, () => M.otherwise({ grade: g.name }));

/** The item as an officer reads it: by its label, with its list's label (or name), when it has one;
 * else by its names as written. */
function itemWords(item: ItemPlan): Msg {
  if (item.label) return M.labelledItemAt({ label: item.label, list: item.list.label ?? item.list.name, line: item.line });
  return M.itemAt({ list: item.list.name, item: item.name, line: item.line });
}

/** Why a restriction acted, as data (words in messages.ts). */
function restrictionReason(r: Restriction, plan: Plan): Msg {
  const by = itemWords(r.item);
  if (r.kind === 'nograde') return M.noGradeBy({ by });
  if (r.kind === 'veto') return M.vetoBy({ by, grade: plan.grades[plan.grades.length - 1]?.name ?? '' });
  return M.cappedBy({ grade: r.grade!.name, by });
}

/** Why the restrictions that acted did, in words (the same for every subject an item restricts). */
export function restrictionReasons(rs: Restriction[], plan: Plan, lang: Locale): string[] {
  const out: string[] = [];
  for (const r of rs) {
    if (r.acted) out.push(wordsOnce(r.item, `${r.kind}:${r.grade?.name ?? ''}`, lang, () => restrictionReason(r, plan)));
  }
  return out;
}

/** The reasons of a grade that holds by its own condition (or `otherwise`), for a demoted subject. */
export function ownReasons(g: GradePlan, ctx: Ctx, lang: Locale): string[] {
  return g.reasons ? g.reasons(ctx).map((x) => render(M.gradeBecause({ grade: g.name, reason: x }), lang)) : [otherwise(g, lang)];
}

/** Why each grade better than the candidate was not reached: the atoms that decided each of its rules,
 * named by the grade (`未达到“优秀”：计数(…) = 1 < 2`). The candidate is the first grade that holds, so
 * every rule of a better grade failed. */
export function missedReasons(cand: GradePlan, ctx: Ctx, lang: Locale): string[] {
  const out: string[] = [];
  for (const g of ctx.plan.grades) {
    if (g.index >= cand.index) break;
    for (const r of g.rules) for (const x of r.missed(ctx)) out.push(render(M.gradeMissed({ grade: g.name, reason: x }), lang));
  }
  return out;
}
