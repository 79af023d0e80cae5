// The json-rules-engine baseline of bench (b): how the rule sections (negative lists, rewards,
// outcome actions) of already prepared subjects are timed, with kaohe's native runtime or with the
// json-rules-engine runtime (engine/jre). A frozen baseline: its sha256 and engine/jre's are in
// test/bench/frozen.test.ts, so the json-rules-engine side of a ratio cannot move by accident.

import type { PreparedScheme, SubjectInput } from '../../engine/api.js';
import { beginSubject, completeSubject } from '../../engine/evaluate.js';
import { planOf } from '../../engine/index.js';
import { createJreRuntime } from '../../engine/jre/runtime.js';
import '../../engine/jre/register.js';
import { nativeRules, type RuleMatch, type RulesRuntime } from '../../engine/rules.js';
import { validateInput } from '../../engine/validate.js';

/** The runtimes compared: kaohe's own, json-rules-engine with an engine pool, and with a fresh
 * json-rules-engine Engine per run. */
export function ruleRuntimes(): Record<'native' | 'pool' | 'fresh', RulesRuntime> {
  return { native: nativeRules, pool: createJreRuntime('pool'), fresh: createJreRuntime('fresh') };
}

/** Subjects prepared up to the rules (validated, tree and base done) with their result names (score,
 * grade…) set from a separate native evaluation, so outcome rules can run; make them fresh for every
 * pass, so no runtime finds lets already memoized by another. */
export function prepared(s: PreparedScheme, subs: SubjectInput[]) {
  const plan = planOf(s);
  return subs.map((x) => {
    const values = validateInput(x.input, plan.contract).values;
    const b = beginSubject(plan, x.id, values);
    const ref = beginSubject(plan, x.id, values);
    const st = completeSubject(ref, nativeRules.matchLists(plan.negatives, ref.subject) as RuleMatch[], nativeRules.matchLists(plan.rewards, ref.subject) as RuleMatch[]);
    for (const k of ['rewards', 'deductions', 'score'] as const) b.subject.results.set(k, st.subject.results.get(k)!);
    b.subject.results.set('grade', st.allowed?.value ?? null);
    return { subject: b.subject, graded: st.allowed !== null };
  });
}

/** CPU ms (this process, user + system) of running the three rule sections of every prepared
 * subject with `rt`; json-rules-engine is async, so each call is awaited in turn. */
export async function ruleSectionsCpuMs(s: PreparedScheme, rt: RulesRuntime, ready: ReturnType<typeof prepared>): Promise<number> {
  const plan = planOf(s);
  const c0 = process.cpuUsage();
  for (const x of ready) {
    await rt.matchLists(plan.negatives, x.subject);
    await rt.matchLists(plan.rewards, x.subject);
    await rt.matchActions(plan.outcomes.actions, x.subject, x.graded);
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}
