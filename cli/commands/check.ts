// `kaohe check FILE…` (API.md): every diagnostic of every file, one per line as
// `FILE:LINE:COL: error|warning CODE: message`, or with `--json` one array of
// {file, line, column, endLine, endColumn, code, severity, message}. Exit 1 if any error, 2 if a file
// cannot be read (or on bad usage). `-` reads standard input. Failures are messages, never stack traces.

import { analyze } from '../../dsl/index.js';
import type { Diagnostic } from '../../dsl/diagnostics.js';
import { diagnosticLine, parseArgs, readOrReport, shownPath, type IO } from '../io.js';

const USAGE = 'usage: kaohe check FILE… [--json]\n';

export interface JsonDiagnostic {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  code: string; severity: string; message: string;
}


export function toJson(file: string, d: Diagnostic): JsonDiagnostic {
  return {
    file, line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line,
    endColumn: d.range.end.column, code: d.code, severity: d.severity, message: d.message,
  };
}

/** Diagnostics of one source text (parse + check), sorted by position. */
export function checkSource(text: string, file: string): Diagnostic[] {
  return analyze(text, file).diagnostics;
}

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv);
  const unknown = [...opts.keys()].filter((k) => k !== 'json');
  if (unknown.length || args.length === 0) {
    if (unknown.length) io.err(`kaohe check: unknown option --${unknown[0]}\n`);
    io.err(USAGE);
    return 2;
  }
  const json = opts.has('json');
  const all: JsonDiagnostic[] = [];
  let exit = 0;
  for (const path of args) {
    const shown = shownPath(path);
    const text = readOrReport(io, 'check', path);
    if (text === undefined) { exit = 2; continue; }
    let diagnostics: Diagnostic[];
    try { diagnostics = checkSource(text, shown); } catch (e) {
      io.err(`kaohe check: internal error while checking ${shown}: ${(e as Error).message}\n`);
      exit = 2;
      continue;
    }
    if (diagnostics.some((d) => d.severity === 'error') && exit === 0) exit = 1;
    if (json) all.push(...diagnostics.map((d) => toJson(shown, d)));
    else for (const d of diagnostics) io.out(`${diagnosticLine(shown, d)}\n`);
  }
  if (json) io.out(`${JSON.stringify(all, null, 2)}\n`);
  return exit;
}
