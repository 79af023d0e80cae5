// `kaohe check --examples` runs the examples of a scheme that has no errors: a failing one is an error
// line (KH-C053) at its `expect` (or where its `given` or `period` failed), so "check --examples until
// clean" means "publishable" — the server refuses a draft while an example fails, and `check` used to
// say nothing of them (U5 A-4). `kaohe test` still lists every example, passed or not. Loaded by
// check.ts only then (a dynamic import): plain `kaohe check` loads no engine (bench/cli.ts's start-up).

import type { Analysis } from '../../dsl/index.js';
import type { Diagnostic } from '../../dsl/diagnostics.js';
import { render, type Msg } from '../../dsl/i18n/index.js';
import type { ExampleOutcome } from '../../engine/api.js';
import { compile } from '../../engine/compile.js';
import { runExamplesOf } from '../../engine/examples.js';
import { english, M } from '../../engine/messages.js';
import { C } from '../messages.js';

type Failure = ExampleOutcome['failures'][number];

/** KH-C053 for each failure of each failing example of `a` (checked without errors), in source order;
 * a scheme that does not compile gets the engine's KH-E099, as prepare() gives it. The plan is compiled
 * here from the analysis (no second parse) with the modules examples need, not the engine facade, which
 * brings the compiled engine's code generator (only cohort examples load it, through batch.ts). */
export async function exampleDiagnostics(a: Analysis): Promise<Diagnostic[]> {
  let plan: ReturnType<typeof compile>;
  try {
    plan = compile(a.checked!, a.file);
  } catch (err) {
    const msg = M.compileFailed({ message: err instanceof Error ? err.message : String(err) });
    const span = { start: 0, end: 0 };
    return [{ code: 'KH-E099', severity: 'error', message: english(msg), msg, span, range: a.file.range(span) }];
  }
  const out: Diagnostic[] = [];
  for (const o of await runExamplesOf(plan)) {
    for (const f of o.failures) out.push(diagnosticAt(a, f.line, failureMsg(o.name, f)));
  }
  return out;
}

/** The failure in the words `kaohe test` uses, with the example's name. */
function failureMsg(name: string, f: Failure): Msg {
  const message = f.msg ?? f.message;
  if (f.expect === 'given') return C.exampleFailsGiven({ name, message });
  if (f.expect === 'period') return C.exampleFailsPeriod({ name, message });
  if (f.left !== undefined) return C.exampleFailsSides({ name, expect: f.expect, left: f.left, right: f.right ?? '' });
  return C.exampleFails({ name, expect: f.expect, message });
}

/** An error at `line` (1-based), from its first non-blank character to its end. */
function diagnosticAt(a: Analysis, line: number, msg: Msg): Diagnostic {
  const text = a.file.text;
  const from = a.file.offset({ line, column: 1 });
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  const start = from + (/^[ \t]*/.exec(text.slice(from, end))?.[0].length ?? 0);
  const span = { start, end: Math.max(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end) };
  return { code: 'KH-C053', severity: 'error', message: render(msg, 'en'), msg, span, range: a.file.range(span) };
}
