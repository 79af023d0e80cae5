// A RulesRuntime (engine/rules.ts) that decides which negative-list, reward and outcome items match
// by running the exported rules (export.ts) through json-rules-engine. Facts are the subject's values
// as exact JSON (bind.ts), computed lazily by the kaohe evaluator; amounts are resolved from the
// matched rule's event, right after it matches, so evaluation order and errors are those of kaohe.
//
// Never share an Engine across concurrent runs: an Engine keeps one `status`, and the first run to
// finish marks it FINISHED, which makes every other run in flight skip its remaining rules. Each run
// therefore has an Engine to itself — a fresh one, or one checked out of a pool (exclusively) and
// returned afterwards; bench/engine.ts measures both.

import { Almanac, Engine, Fact, type Event, type RuleProperties } from 'json-rules-engine';
import { Rational } from '../../dsl/rational.js';
import type { Ctx, ItemPlan, OutcomeActionPlan, Plan, RuleListPlan } from '../plan.js';
import type { MatchedEffect, RuleMatch, RulesRuntime } from '../rules.js';
import { bindPlan, subjectFacts, type Bound } from './bind.js';
import type { FactRef, Operand } from './conditions.js';
import { exactOperators, parseExact } from './exact.js';
import type { AmountJson, EffectJson, RuleJson, RuleSetName } from './export.js';

export type EngineMode = 'pool' | 'fresh';

const OPERATORS = exactOperators();
const POOL_MAX = 16;
/** Matched effects per run, keyed by the run's own Almanac (one per run, so never shared). */
const runs = new WeakMap<Almanac, Map<number, MatchedEffect[]>>();

/** The exported rules as the engines run them: the same names, priorities and conditions; the event
 * keeps only the item's index, because json-rules-engine deep-clones every rule's event on every
 * evaluation (the effects are read from the exported event by that index instead). */
function engineRules(rules: RuleJson[]): RuleProperties[] {
  return rules.map((r) => ({ name: r.name, priority: r.priority, conditions: r.conditions as RuleProperties['conditions'], event: { type: r.event.type, params: { index: r.event.params.index } } }));
}

function makeEngine(rules: RuleJson[]): Engine {
  const e = new Engine(engineRules(rules));
  for (const op of OPERATORS) e.addOperator(op);
  // Awaited before the next rule (priority level) starts: amounts are computed in kaohe's order.
  e.on('success', async (event: Event, almanac: Almanac) => {
    const index = (event.params as { index: number }).index;
    const effects: MatchedEffect[] = [];
    for (const ef of (rules[index].event.params.effects ?? []) as EffectJson[]) {
      if ('deduct' in ef) effects.push({ deduct: await amount(ef.deduct, almanac) });
      else if ('add' in ef) effects.push({ add: await amount(ef.add, almanac) });
      else effects.push(ef);
    }
    runs.get(almanac)?.set(index, effects);
  });
  return e;
}

async function operandValue(o: Operand, almanac: Almanac): Promise<Rational> {
  const v = typeof o === 'object' && o !== null ? await almanac.factValue((o as FactRef).fact, {}, (o as FactRef).path ?? '') : o;
  const r = parseExact(v);
  if (!r) throw new Error(`json-rules-engine runtime: ${JSON.stringify(o)} is not a number`);
  return r;
}

/** `N [per E] [max M]` = min(N × E, M), exactly as engine/rules.ts effectAmount. */
async function amount(a: AmountJson, almanac: Almanac): Promise<Rational> {
  let v = await operandValue(a.amount, almanac);
  if (a.per !== undefined) v = v.mul(await operandValue(a.per, almanac));
  if (a.max !== undefined) v = Rational.min(v, await operandValue(a.max, almanac));
  return v;
}

/** Engines for one rule set of one plan: fresh per run, or an exclusive-checkout pool. */
class Engines {
  private readonly free: Engine[] = [];
  constructor(private readonly rules: RuleJson[], private readonly mode: EngineMode) {}

  async run(facts: Record<string, () => unknown>): Promise<Map<number, MatchedEffect[]>> {
    const engine = this.mode === 'pool' ? this.free.pop() ?? makeEngine(this.rules) : makeEngine(this.rules);
    const almanac = new Almanac();
    const matched = new Map<number, MatchedEffect[]>();
    runs.set(almanac, matched);
    for (const [id, fn] of Object.entries(facts)) almanac.addFact(new Fact(id, fn, { cache: false }));
    try {
      await engine.run({}, { almanac });
    } finally {
      // Back only after its run has settled; a burst of concurrent runs does not keep its engines.
      if (this.mode === 'pool' && this.free.length < POOL_MAX) this.free.push(engine);
    }
    return matched;
  }
}

interface PlanRuntime { bound: Bound; sets: Record<RuleSetName, Engines> }

export function createJreRuntime(mode: EngineMode = 'pool'): RulesRuntime {
  const plans = new WeakMap<Plan, PlanRuntime>();
  const forPlan = (plan: Plan): PlanRuntime => {
    let p = plans.get(plan);
    if (!p) {
      const bound = bindPlan(plan);
      const r = bound.exported.doc.rules;
      p = { bound, sets: { negative: new Engines(r.negative, mode), reward: new Engines(r.reward, mode), outcome: new Engines(r.outcome, mode) } };
      plans.set(plan, p);
    }
    return p;
  };
  const runSet = (ctx: Ctx, set: RuleSetName) => {
    const p = forPlan(ctx.plan);
    return p.sets[set].run(subjectFacts(p.bound, p.bound.exported.used[set], ctx));
  };

  return {
    async matchLists(lists: RuleListPlan[], ctx: Ctx): Promise<RuleMatch[]> {
      const items: ItemPlan[] = lists.flatMap((l) => l.items);
      if (items.length === 0) return [];
      const matched = await runSet(ctx, lists[0].kind);
      const out: RuleMatch[] = [];
      items.forEach((item, i) => {
        const effects = matched.get(i);
        if (ctx.trace) { // the same explanation records as the native runtime
          const rec: Record<string, unknown> = { list: item.list.name, item: item.name, at: `line ${item.line}`, matched: !!effects, condition: item.describe(ctx) };
          if (effects) rec.effects = effects;
          ctx.trace.rule(rec);
        }
        if (effects) out.push({ item, effects });
      });
      return out;
    },
    async matchActions(actions: OutcomeActionPlan[], ctx: Ctx, graded: boolean): Promise<OutcomeActionPlan[]> {
      if (actions.length === 0) return [];
      const matched = await runSet(ctx, 'outcome');
      return actions.filter((a, i) => {
        if (a.usesGrade && !graded) return false; // the rule's own `grade != null` guard failed too
        const hit = matched.has(i);
        ctx.trace?.rule({ outcome: a.name, at: `line ${a.line}`, matched: hit, condition: a.describe(ctx) });
        return hit;
      });
    },
  };
}

/** The runtime the engine registers as `rulesRuntime: 'jre'`. */
export const jreRules: RulesRuntime = createJreRuntime('pool');
