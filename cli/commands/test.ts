// `kaohe test FILE… [--lang zh|en]`: runs each scheme's `example` blocks and prints pass/fail per
// example; a failing `expect` shows both sides' values. Words in the language of `--lang`, else of
// the environment, else English. Exit 1 if any example fails, 2 if a scheme has errors (its errors are
// printed, then that its examples were not run; no summary when no scheme ran).

import { render, type Locale } from '../../dsl/i18n/index.js';
import { keywordText } from '../../dsl/keywords.js';
import { prepare, runExamples } from '../../engine/index.js';
import type { ExampleOutcome } from '../../engine/api.js';
import { C } from '../messages.js';
import type { IO } from '../io.js';
import { diagnosticLine, langOrReport, parseArgs, readOrReport, unknownOption, usage } from '../io.js';

const SYNOPSIS = 'kaohe test FILE… [--lang zh|en]';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['lang']);
  const locale = langOrReport(io, 'test', opts, { argv, valued: ['lang'] });
  if (!locale) return 2;
  const unknown = [...opts.keys()].filter((k) => k !== 'lang');
  if (unknown.length || args.length === 0) {
    if (unknown.length) io.err(unknownOption('test', unknown[0], locale, ['lang']));
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const say = (m: Parameters<typeof render>[0]) => render(m, locale);
  let passed = 0, failed = 0, broken = false, ran = false;
  for (const file of args) {
    const source = readOrReport(io, 'test', file, locale);
    if (source === undefined) { broken = true; continue; }
    const prepared = prepare(source, file);
    if (!prepared.value) {
      for (const d of prepared.diagnostics) if (d.severity === 'error') io.err(diagnosticLine(file, d, locale) + '\n');
      io.err(`${say(C.notRun({ file }))}\n`);
      broken = true;
      continue;
    }
    io.out(`${file}\n`);
    ran = true;
    const outcomes = await runExamples(prepared.value);
    if (outcomes.length === 0) io.out(`  ${say(C.noExamples())}\n`);
    for (const o of outcomes) {
      const title = say(o.label ? C.exampleTitleLabel({ name: o.name, label: o.label, line: o.line }) : C.exampleTitle({ name: o.name, line: o.line }));
      if (o.passed) { passed++; io.out(`  ✓ ${title}\n`); continue; }
      failed++;
      io.out(`  ✗ ${title}\n`);
      for (const f of o.failures) io.out(`      ${failureLine(file, f, locale)}\n`);
    }
  }
  if (ran) io.out(`${say(C.summary({ passed, failed }))}\n`); // not "0 passed, 0 failed" when nothing ran
  return broken ? 2 : failed > 0 ? 1 : 0;
}

/** `FILE:LINE: expect X: left L, right R`, or the failure's message (in `locale` when it has one);
 * a failed `given`/`period` is the example's part, not an expectation: `FILE:LINE: the example's
 * `given`: …` (示例的“已知”：…), the keyword in the reader's language. */
function failureLine(file: string, f: ExampleOutcome['failures'][number], locale: Locale): string {
  const where = `${file}:${f.line}`;
  const message = f.msg ? render(f.msg, locale) : f.message;
  if (f.expect === 'given' || f.expect === 'period') return render(C.failedPart({ where, part: keywordText(f.expect, locale), message }), locale);
  const expect = f.expect;
  if (f.left !== undefined) return render(C.failedSides({ where, expect, left: f.left, right: f.right ?? '' }), locale);
  return render(C.failedMessage({ where, expect, message }), locale);
}
