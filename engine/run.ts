// Running one subject through the stages (validate → tree/base → rules → totals/grade), with every
// failure caught at this boundary and returned as EvalErrors naming the subject and data path.

import type { EvalError, EvalOptions, SubjectInput } from './api.js';
import { toEvalError } from './errors.js';
import { beginSubject, completeSubject, type SubjectState } from './evaluate.js';
import { Tracer } from './explain.js';
import type { Plan } from './plan.js';
import { isPromise, nativeRules, type MaybePromise, type RuleMatch, type RulesRuntime } from './rules.js';
import { validateInput } from './validate.js';

const runtimes = new Map<string, RulesRuntime>([['native', nativeRules]]);

/** Plugs in another rules runtime (json-rules-engine) under a name usable as `rulesRuntime`. */
export function registerRulesRuntime(name: string, rt: RulesRuntime): void { runtimes.set(name, rt); }

/** The runtime an evaluation asked for. json-rules-engine is loaded only when first asked for, so
 * ordinary evaluations never pay for importing it. */
export function runtimeFor(opts?: EvalOptions): MaybePromise<RulesRuntime | EvalError> {
  const name = opts?.rulesRuntime ?? 'native';
  const rt = runtimes.get(name);
  if (rt) return rt;
  if (name === 'jre') return import('./jre/register.js').then(() => runtimes.get(name) ?? unavailable(name));
  return unavailable(name);
}

const unavailable = (name: string): EvalError => ({ code: 'KH-E099', message: `rules runtime '${name}' is not available` });

export type Ran = { ok: true; state: SubjectState } | { ok: false; errors: EvalError[] };

/** Validates and evaluates one subject up to (not including) its final grade and outcomes;
 * synchronous when the runtime is. At most `maxErrors` problems, then a KH-E009 if there were more. */
export function runSubject(plan: Plan, subj: SubjectInput, rt: RulesRuntime, explain: boolean,
  prefix = '', raw?: unknown, maxErrors = Infinity): MaybePromise<Ran> {
  const { values, errors, truncated } = validateInput(raw ?? subj.input, plan.contract, prefix, maxErrors);
  if (truncated) errors.push(stoppedAt(prefix.replace(/\.$/, '') || 'input'));
  if (errors.length) return { ok: false, errors: errors.map((e) => ({ ...e, subject: subj.id })) };
  const failed = (err: unknown): Ran => ({ ok: false, errors: [{ ...withPrefix(toEvalError(err), prefix), subject: subj.id }] });
  try {
    const begun = beginSubject(plan, subj.id, values, explain ? new Tracer() : undefined);
    const negatives = rt.matchLists(plan.negatives, begun.subject);
    if (isPromise(negatives)) return asyncRest(begun, negatives, rt).catch(failed);
    const rewards = rt.matchLists(plan.rewards, begun.subject);
    if (isPromise(rewards)) return rewards.then((r): Ran => ({ ok: true, state: completeSubject(begun, negatives, r) })).catch(failed);
    return { ok: true, state: completeSubject(begun, negatives, rewards) };
  } catch (err) {
    return failed(err);
  }
}

async function asyncRest(begun: ReturnType<typeof beginSubject>, negatives: Promise<RuleMatch[]>, rt: RulesRuntime): Promise<Ran> {
  const n = await negatives;
  const rewards = await rt.matchLists(begun.subject.plan.rewards, begun.subject);
  return { ok: true, state: completeSubject(begun, n, rewards) };
}

/** The last error of a validation cut short by `maxErrors`. */
export function stoppedAt(path: string): EvalError {
  return { code: 'KH-E009', path, message: `too many problems: checking stopped in ${path}; fix these and send it again` };
}

export function withPrefix(e: EvalError, prefix: string): EvalError {
  return prefix && e.path !== undefined ? { ...e, path: prefix + e.path } : e;
}
