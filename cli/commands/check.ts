// `kaohe check FILE… [--json] [--lang zh|en]` (API.md): every diagnostic of every file, one per line
// as `FILE:LINE:COL: error|warning CODE: message`, or with `--json` one array of
// {file, line, column, endLine, endColumn, code, severity, message}. Messages are in the language of
// `--lang`, else of the environment (LC_ALL, LC_MESSAGES, LANG), else English; severities and codes
// never change. A scheme without errors whose examples were not run gets one line on standard error
// saying so and how to run them (U5 A-4: check was silent while an example failed); with `--examples`
// they are run, and a failing one is an error, KH-C053 (check-examples.ts) — what publishing requires.
// Not by default: the engine they need is two fifths more code to load at every start (bench/cli.ts's
// scheme has examples). Exit 1 if any error, 2 if a file cannot be read (or on bad usage). `-` reads
// standard input. Failures are messages, never stack traces.

import { analyze, type Analysis } from '../../dsl/index.js';
import { hasErrors, localizeDiagnostic, sortDiagnostics, type Diagnostic } from '../../dsl/diagnostics.js';
import { render, type Locale } from '../../dsl/i18n/index.js';
import { C } from '../messages.js';
import { diagnosticLine, langOrReport, parseArgs, readOrReport, shownPath, unknownOption, usage, type IO } from '../io.js';

const SYNOPSIS = 'kaohe check FILE… [--json] [--examples] [--lang zh|en]';

export interface JsonDiagnostic {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  code: string; severity: string; message: string;
}

/** The --json form of a diagnostic, its message in `locale` (English by default). */
export function toJson(file: string, d: Diagnostic, locale: Locale = 'en'): JsonDiagnostic {
  const message = locale === 'en' ? d.message : localizeDiagnostic(d, locale).message;
  return {
    file, line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line,
    endColumn: d.range.end.column, code: d.code, severity: d.severity, message,
  };
}

/** Diagnostics of one source text (parse + check), sorted by position; for a scheme without errors,
 * with `examples` a KH-C053 for each failing example (the engine is loaded only then), else how many
 * examples were not run. */
export async function checkSource(text: string, file: string, examples = false): Promise<{ diagnostics: Diagnostic[]; notRun: number }> {
  const a = analyze(text, file);
  const n = examplesOf(a);
  if (n === 0 || hasErrors(a.diagnostics)) return { diagnostics: a.diagnostics, notRun: 0 };
  if (!examples) return { diagnostics: a.diagnostics, notRun: n };
  const { exampleDiagnostics } = await import('./check-examples.js');
  return { diagnostics: sortDiagnostics([...a.diagnostics, ...await exampleDiagnostics(a)]), notRun: 0 };
}

const examplesOf = (a: Analysis) => (a.checked ? a.parsed.scheme?.decls.filter((d) => d.kind === 'Example').length ?? 0 : 0);

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['lang']);
  const locale = langOrReport(io, 'check', opts, { argv, valued: ['lang'] });
  if (!locale) return 2;
  const unknown = [...opts.keys()].filter((k) => k !== 'json' && k !== 'lang' && k !== 'examples');
  if (unknown.length || args.length === 0) {
    if (unknown.length) io.err(unknownOption('check', unknown[0], locale, ['json', 'lang', 'examples']));
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const json = opts.has('json');
  const all: JsonDiagnostic[] = [];
  let exit = 0;
  for (const path of args) {
    const shown = shownPath(path);
    const text = readOrReport(io, 'check', path, locale);
    if (text === undefined) { exit = 2; continue; }
    let diagnostics: Diagnostic[], notRun: number;
    try { ({ diagnostics, notRun } = await checkSource(text, shown, opts.has('examples'))); } catch (e) {
      io.err(`${render(C.internalError({ prog: 'kaohe check', path: shown, message: (e as Error).message }), locale)}\n`);
      exit = 2;
      continue;
    }
    if (diagnostics.some((d) => d.severity === 'error') && exit === 0) exit = 1;
    if (json) all.push(...diagnostics.map((d) => toJson(shown, d, locale)));
    else for (const d of diagnostics) io.out(`${diagnosticLine(shown, d, locale)}\n`);
    if (notRun > 0) io.err(`${render(C.examplesNotRun({ file: shown, n: notRun }), locale)}\n`);
  }
  if (json) io.out(`${JSON.stringify(all, null, 2)}\n`);
  return exit;
}
