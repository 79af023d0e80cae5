// Grades (§7, §8): the candidate is the first grade whose condition holds over REPORTED values;
// then the negative list restricts it — nograde beats veto beats cap, and among caps the most
// restrictive wins. A cap lowers the grade to G even when G's own condition does not hold.

import type { Ctx, GradePlan, ItemPlan, Plan } from './plan.js';
import type { RuleMatch } from './rules.js';

export interface Restriction { kind: 'nograde' | 'veto' | 'cap'; item: ItemPlan; grade?: GradePlan; acted: boolean }

export function candidateGrade(plan: Plan, ctx: Ctx): { grade: GradePlan; reasons: string[] } | undefined {
  for (const g of plan.grades) {
    if (!g.when) return { grade: g, reasons: [`${g.name}: otherwise`] };
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

/** Human-readable reasons for the restrictions that acted. */
export function restrictionReasons(rs: Restriction[], plan: Plan): string[] {
  const out: string[] = [];
  for (const r of rs) {
    if (!r.acted) continue;
    const by = `${r.item.list.name}.${r.item.name} (line ${r.item.line})`;
    if (r.kind === 'nograde') out.push(`no grade: ${by}`);
    else if (r.kind === 'veto') out.push(`veto: ${by} gives the lowest grade ${plan.grades[plan.grades.length - 1]?.name}`);
    else out.push(`capped at ${r.grade!.name} by ${by}`);
  }
  return out;
}
