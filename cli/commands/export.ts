// `kaohe export FILE --format json-rules-engine` (API.md): prints the scheme's rule sections —
// negative lists, rewards, outcome actions — as json-rules-engine rules with the facts and exact
// operators they use (engine/jre/export.ts). Chinese is printed as is. Exit 2 on scheme errors
// (diagnostics as `kaohe check` prints them), on an unknown format, or on bad usage.

import { analyze } from '../../dsl/index.js';
import { hasErrors } from '../../dsl/diagnostics.js';
import { exportRules } from '../../engine/jre/export.js';
import { diagnosticLine, parseArgs, readOrReport, shownPath, type IO } from '../io.js';

const FORMATS = ['json-rules-engine'];
const USAGE = `usage: kaohe export FILE --format json-rules-engine   (FILE may be - for standard input)\n`;

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['format']);
  const unknown = [...opts.keys()].filter((k) => k !== 'format');
  if (args.length !== 1 || unknown.length) {
    if (unknown.length) io.err(`kaohe export: unknown option --${unknown[0]}\n`);
    io.err(USAGE);
    return 2;
  }
  const format = opts.get('format') ?? 'json-rules-engine';
  if (format === true || !FORMATS.includes(format)) {
    io.err(`kaohe export: unknown format '${format === true ? '' : format}'; the formats are: ${FORMATS.join(', ')}\n`);
    return 2;
  }
  const [file] = args;
  const shown = shownPath(file);
  const source = readOrReport(io, 'export', file);
  if (source === undefined) return 2;
  const a = analyze(source, shown);
  if (!a.checked || hasErrors(a.diagnostics)) {
    for (const d of a.diagnostics) if (d.severity === 'error') io.err(`${diagnosticLine(shown, d)}\n`);
    return 2;
  }
  io.out(`${JSON.stringify(exportRules(a.checked, a.file).doc, null, 2)}\n`);
  return 0;
}
