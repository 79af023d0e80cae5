// Running one subject through the stages (validate → tree/base → rules → totals/grade), with every
// failure caught at this boundary and returned as EvalErrors naming the subject and data path.

import type { EvalError, EvalOptions, SubjectInput } from './api.js';
import { toEvalError } from './errors.js';
import { beginSubject, completeSubject, type SubjectState } from './evaluate.js';
import { Tracer } from './explain.js';
import type { Plan } from './plan.js';
import { nativeRules, type RulesRuntime } from './rules.js';
import { validateInput } from './validate.js';

const runtimes = new Map<string, RulesRuntime>([['native', nativeRules]]);

/** Plugs in another rules runtime (json-rules-engine) under a name usable as `rulesRuntime`. */
export function registerRulesRuntime(name: string, rt: RulesRuntime): void { runtimes.set(name, rt); }

/** The runtime an evaluation asked for. json-rules-engine is loaded only when first asked for, so
 * ordinary evaluations never pay for importing it. */
export async function runtimeFor(opts?: EvalOptions): Promise<RulesRuntime | EvalError> {
  const name = opts?.rulesRuntime ?? 'native';
  if (name === 'jre' && !runtimes.has(name)) await import('./jre/register.js');
  return runtimes.get(name) ?? { code: 'KH-E099', message: `rules runtime '${name}' is not available` };
}

export type Ran = { ok: true; state: SubjectState } | { ok: false; errors: EvalError[] };

/** Validates and evaluates one subject up to (not including) its final grade and outcomes. */
export async function runSubject(plan: Plan, subj: SubjectInput, rt: RulesRuntime, explain: boolean,
  prefix = '', raw?: unknown): Promise<Ran> {
  const { values, errors } = validateInput(raw ?? subj.input, plan.contract, prefix);
  if (errors.length) return { ok: false, errors: errors.map((e) => ({ ...e, subject: subj.id })) };
  try {
    const begun = beginSubject(plan, subj.id, values, explain ? new Tracer() : undefined);
    const negatives = await rt.matchLists(plan.negatives, begun.subject);
    const rewards = await rt.matchLists(plan.rewards, begun.subject);
    return { ok: true, state: completeSubject(begun, negatives, rewards) };
  } catch (err) {
    return { ok: false, errors: [{ ...withPrefix(toEvalError(err), prefix), subject: subj.id }] };
  }
}

export function withPrefix(e: EvalError, prefix: string): EvalError {
  return prefix && e.path !== undefined ? { ...e, path: prefix + e.path } : e;
}
