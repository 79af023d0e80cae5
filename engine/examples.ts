// `example` blocks (§10): each `given` is validated like any input and evaluated alone; each `expect`
// is evaluated over the result names and REPORTED indicator/group scores. A failing comparison shows
// both sides' values; an invalid `given` or an evaluation error fails the example with its message.

import type { Locale, Msg } from '../dsl/i18n/index.js';
import type { EvalError, ExampleOutcome, SubjectResult } from './api.js';
import { toEvalError } from './errors.js';
import { english, M } from './messages.js';
import { finish } from './outcome.js';
import type { Ctx, ExamplePlan, Plan } from './plan.js';
import { CM, exampleCtx, exampleSubjects } from './cohort-examples.js';
import { runSubject } from './run.js';
import { resolvePeriod } from './period.js';
import { nativeRules } from './rules.js';
import { show, type Value } from './values.js';

export async function runExamplesOf(plan: Plan): Promise<ExampleOutcome[]> {
  const out: ExampleOutcome[] = [];
  for (const ex of plan.examples) {
    const o: ExampleOutcome = { name: ex.name, label: ex.label, line: ex.line, passed: true, failures: [] };
    out.push(o);
    const period = resolvePeriod(plan, ex.period);
    if ('error' in period) {
      o.passed = false;
      o.failures.push({ expect: 'period', line: ex.line, ...words(period.error) });
      continue;
    }
    if (ex.subjects) { await runCohortExample(plan, ex, o); continue; } // several subjects (issue 13)
    const ran = await runSubject(plan, { id: ex.name, input: ex.given }, nativeRules, { period: period.period });
    if (!ran.ok) {
      o.passed = false;
      for (const e of ran.errors) o.failures.push({ expect: 'given', line: e.line ?? ex.line, ...words(e) });
      continue;
    }
    const s = ran.state.subject;
    try {
      const result = await finish(ran.state, { grade: ran.state.allowed, provisional: !!ran.state.allowed?.quotas.length }, nativeRules);
      exampleResults(s.results, result);
    } catch (err) {
      o.passed = false;
      o.failures.push({ expect: 'given', line: ex.line, ...words(toEvalError(err)) });
      continue;
    }
    checkExpects(ex, s, o);
  }
  return out;
}

/** Each `expect` over `s` (a subject, or a cohort example's results): a failure shows both sides. */
function checkExpects(ex: ExamplePlan, s: Ctx, o: ExampleOutcome): void {
  for (const x of ex.expects) {
    try {
      if (x.check(s) === true) continue;
      o.failures.push(x.sides ? sidesFailure(x.text, x.line, show(x.sides[0](s)), show(x.sides[1](s)))
        : { expect: x.text, line: x.line, ...words(M.expectFailed({ expect: x.text, zh: x.describe(inLang(s, 'zh')), en: x.describe(inLang(s, 'en')) })) });
    } catch (err) {
      o.failures.push({ expect: x.text, line: x.line, ...words(toEvalError(err)) });
    }
    o.passed = false;
  }
}

/** A cohort example (issue 13): its subjects evaluated as one cohort in input order and in the
 * example's period (with explanations: `demoted` reads the grade before and after the quotas),
 * then each `expect` over their results. An invalid `given` or an evaluation error fails the
 * example with its message, at the subject's `given` line when the error names a subject. */
async function runCohortExample(plan: Plan, ex: ExamplePlan, o: ExampleOutcome): Promise<void> {
  // Loaded here, not at the top: batch.ts brings the compiled engine (codegen), which a single-subject
  // example never needs — `kaohe check` runs the examples of every scheme without errors, at its start-up.
  const { evaluateCohortPlan } = await import('./batch.js');
  const ran = await evaluateCohortPlan(plan, exampleSubjects(ex), { explain: true, ...(ex.period ? { period: ex.period } : {}) });
  if (!ran.ok) {
    o.passed = false;
    for (const e of ran.errors) {
      const i = /^subjects\[(\d+)\]/.exec(e.path ?? '')?.[1];
      const sub = i !== undefined ? ex.subjects?.[Number(i)] : ex.subjects?.find((x) => x.id === e.subject);
      // the subject named: the failure is at its `given` line (an evaluation error's own line, the
      // scheme's, stays in its words), and the words say whose it was
      const problem = e.msg && sub ? CM.ofSubject({ id: sub.id, problem: e.msg }) : e;
      o.failures.push({ expect: 'given', line: sub?.line ?? e.line ?? ex.line, ...words(problem) });
    }
    return;
  }
  checkExpects(ex, exampleCtx(plan, ran.value.results), o);
}

type Failure = ExampleOutcome['failures'][number];

/** `s` describing conditions in `lang` (the describer reads `ctx.lang`): a failed expectation's parts
 * are described in both languages, so the failure reads `总分 96.55 != 95.8` in zh and `score …` in en
 * whatever the example context's own language (U5 A-3). Only on a failure; `s` itself is unchanged. */
function inLang(s: Ctx, lang: Locale): Ctx {
  return s.lang === lang ? s : Object.create(s, { lang: { value: lang } }) as Ctx;
}

/** The result names only `expect` may use (issue 12), from the example's result: its actions, whether
 * its grade is provisional (a grade with a quota, evaluated alone), and the names of its matched
 * negative and reward items (the reasons a grade was capped or vetoed). */
function exampleResults(results: Map<string, Value>, r: SubjectResult): void {
  results.set('actions', [...r.actions]);
  results.set('provisional', r.provisional);
  results.set('items', [...r.negative.map((n) => n.item), ...r.rewardItems.map((x) => x.item)]);
}

/** A failure's words: English `message` and the same as data in `msg`. */
function words(m: Msg | EvalError): Pick<Failure, 'message' | 'msg'> {
  if ('code' in m) return m.msg ? { message: m.message, msg: m.msg } : { message: m.message };
  return { message: english(m), msg: m };
}

/** A comparison that does not hold, with both sides' values. */
function sidesFailure(expect: string, line: number, left: string, right: string): Failure {
  return { expect, line, left, right, ...words(M.expectSides({ expect, left, right })) };
}
