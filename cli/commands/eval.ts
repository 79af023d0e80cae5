// `kaohe eval FILE INPUT.json [--explain]` (API.md): INPUT is `{"id", "input"}` (one subject) or
// `{"subjects": […]}` (a cohort); `-` reads standard input. Prints the result JSON (Chinese not
// escaped). Exit 1 on invalid input or an evaluation error, printing `{"errors": […]}`; exit 2 on
// scheme errors, printing the diagnostics as `kaohe check` does.

import type { SubjectInput } from '../../engine/api.js';
import { evaluate, evaluateCohort, prepare } from '../../engine/index.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { diagnosticLine, parseArgs, readOrReport, type IO } from '../io.js';

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['rules-runtime']);
  if (args.length !== 2 || (args[0] === '-' && args[1] === '-')) {
    io.err('usage: kaohe eval FILE INPUT.json [--explain] [--rules-runtime native|jre]   (one of them may be - for standard input)\n');
    return 2;
  }
  const [file, inputPath] = args;
  const source = readOrReport(io, 'eval', file);
  if (source === undefined) return 2;
  const prepared = prepare(source, file);
  if (!prepared.value) {
    for (const d of prepared.diagnostics) if (d.severity === 'error') io.err(diagnosticLine(file, d) + '\n');
    return 2;
  }

  let body: unknown;
  // Numbers exactly as written: 9007199254740993 is not read as 9007199254740992 (engine/json-exact.ts).
  try { body = parseJsonExact(io.read(inputPath)); } catch (err) {
    io.out(json({ errors: [{ code: 'KH-E008', path: '', message: `cannot read ${inputPath} as JSON: ${(err as Error).message}` }] }));
    return 1;
  }
  const explain = opts.has('explain');
  // `--rules-runtime jre` runs the negative-list, reward and outcome rules through json-rules-engine.
  const runtime = opts.get('rules-runtime');
  if (runtime !== undefined && runtime !== 'native' && runtime !== 'jre') {
    io.err(`kaohe eval: --rules-runtime must be native or jre, not '${String(runtime)}'\n`);
    return 2;
  }
  const rulesRuntime = (runtime === 'jre' ? 'jre' : 'native') as 'native' | 'jre';
  const req = body as { id?: unknown; input?: unknown; subjects?: unknown };
  if (typeof req !== 'object' || req === null || Array.isArray(req) || (!('subjects' in req) && !('input' in req))) {
    io.out(json({ errors: [{ code: 'KH-E008', path: '', message: 'expected {"id": …, "input": {…}} or {"subjects": […]}' }] }));
    return 1;
  }
  const outcome = 'subjects' in req
    ? await evaluateCohort(prepared.value, req.subjects as SubjectInput[], { explain, rulesRuntime })
    : await evaluate(prepared.value, { id: String(req.id ?? ''), input: req.input as Record<string, unknown> }, { explain, rulesRuntime });
  if (!outcome.ok) {
    io.out(json({ errors: outcome.errors }));
    return 1;
  }
  io.out(json(outcome.value));
  return 0;
}
