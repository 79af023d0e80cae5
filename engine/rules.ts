// Rule evaluation — negative lists, rewards and outcome actions — behind a small interface so a
// second runtime (json-rules-engine, later) can be plugged in: a runtime decides WHICH items match
// and with what amounts; the evaluator (evaluate.ts) applies list caps, precedence and grades.
// The native runtime evaluates the compiled conditions directly against the subject.

import { Rational } from '../dsl/rational.js';
import type { Ctx, ItemPlan, OutcomeActionPlan, RuleListPlan } from './plan.js';
import { isNum, type Value } from './values.js';
import { fail } from './errors.js';
import { M } from './messages.js';

export type MatchedEffect =
  | { veto: true } | { cap: string } | { nograde: true }
  | { deduct: Rational } | { add: Rational } | { action: string };

export interface RuleMatch { item: ItemPlan; effects: MatchedEffect[] }

export type MaybePromise<T> = T | Promise<T>;

/** The native runtime answers synchronously: callers continue without a microtask per stage,
 * which under a busy server otherwise interleaves every request's stages with every other's. */
export const isPromise = <T>(x: MaybePromise<T>): x is Promise<T> => typeof (x as { then?: unknown } | null)?.then === 'function';

export interface RulesRuntime {
  /** The matched items of the lists, in declaration order, with their effects' amounts. */
  matchLists(lists: RuleListPlan[], ctx: Ctx): MaybePromise<RuleMatch[]>;
  /** The outcome actions that hold; `graded` false skips actions whose condition tests `grade`. */
  matchActions(actions: OutcomeActionPlan[], ctx: Ctx, graded: boolean): MaybePromise<OutcomeActionPlan[]>;
}

function truthy(v: Value, ctx: Ctx, item: ItemPlan): boolean {
  if (typeof v === 'boolean') return v;
  return fail('KH-E018', M.conditionNotBool({ name: item.name }), ctx.plan.file, item.decl.when.span);
}

/** `deduct N [per E] [max M]` / `add …`: N × E, at most M. */
export function effectAmount(e: Extract<ItemPlan['effects'][number], { kind: 'deduct' | 'add' }>, ctx: Ctx): Rational {
  const n = must(e.amount(ctx), ctx, e.span);
  let v = e.per ? n.mul(must(e.per(ctx), ctx, e.span)) : n;
  if (e.max) v = Rational.min(v, must(e.max(ctx), ctx, e.span));
  return v;
}
function must(v: Value, ctx: Ctx, span: { start: number; end: number }): Rational {
  return isNum(v) ? v : fail('KH-E018', M.amountNotNumber(), ctx.plan.file, span);
}

export const nativeRules: RulesRuntime = {
  matchLists(lists, ctx) {
    const out: RuleMatch[] = [];
    for (const list of lists) {
      for (const item of list.items) {
        const hit = truthy(item.when(ctx), ctx, item);
        const rec: Record<string, unknown> | undefined = ctx.trace
          && { list: list.name, item: item.name, at: `line ${item.line}`, matched: hit, condition: item.describe(ctx) };
        if (rec) ctx.trace!.rule(rec);
        if (!hit) continue;
        const effects: MatchedEffect[] = item.effects.map((e): MatchedEffect => {
          switch (e.kind) {
            case 'veto': return { veto: true };
            case 'nograde': return { nograde: true };
            case 'cap': return { cap: e.grade.name };
            case 'action': return { action: e.name };
            case 'deduct': return { deduct: effectAmount(e, ctx) };
            case 'add': return { add: effectAmount(e, ctx) };
          }
        });
        if (rec) rec.effects = effects;
        out.push({ item, effects });
      }
    }
    return out;
  },
  matchActions(actions, ctx, graded) {
    return actions.filter((a) => {
      if (a.usesGrade && !graded) return false; // §12: rules that test `grade` do not match a nograde subject
      const hit = a.when(ctx) === true;
      ctx.trace?.rule({ outcome: a.name, at: `line ${a.line}`, matched: hit, condition: a.describe(ctx) });
      return hit;
    });
  },
};
