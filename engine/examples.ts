// `example` blocks (§10): each `given` is validated like any input and evaluated alone; each `expect`
// is evaluated over the result names and REPORTED indicator/group scores. A failing comparison shows
// both sides' values; an invalid `given` or an evaluation error fails the example with its message.

import type { ExampleOutcome } from './api.js';
import { toEvalError } from './errors.js';
import { finish } from './outcome.js';
import type { Plan } from './plan.js';
import { runSubject } from './run.js';
import { nativeRules } from './rules.js';
import { show } from './values.js';

export async function runExamplesOf(plan: Plan): Promise<ExampleOutcome[]> {
  const out: ExampleOutcome[] = [];
  for (const ex of plan.examples) {
    const o: ExampleOutcome = { name: ex.name, label: ex.label, line: ex.line, passed: true, failures: [] };
    out.push(o);
    const ran = await runSubject(plan, { id: ex.name, input: ex.given }, nativeRules, false);
    if (!ran.ok) {
      o.passed = false;
      for (const e of ran.errors) o.failures.push({ expect: 'given', line: e.line ?? ex.line, message: e.message });
      continue;
    }
    const s = ran.state.subject;
    try {
      await finish(ran.state, { grade: ran.state.allowed, provisional: !!ran.state.allowed?.quota }, nativeRules);
    } catch (err) {
      o.passed = false;
      o.failures.push({ expect: 'given', line: ex.line, message: toEvalError(err).message });
      continue;
    }
    for (const x of ex.expects) {
      try {
        if (x.check(s) === true) continue;
        const f: ExampleOutcome['failures'][number] = { expect: x.text, line: x.line, message: `expected ${x.text}: ${x.describe(s).join('; ')}` };
        if (x.sides) {
          f.left = show(x.sides[0](s));
          f.right = show(x.sides[1](s));
          f.message = `expected ${x.text}, but the left side is ${f.left} and the right side is ${f.right}`;
        }
        o.failures.push(f);
      } catch (err) {
        o.failures.push({ expect: x.text, line: x.line, message: toEvalError(err).message });
      }
      o.passed = false;
    }
  }
  return out;
}
