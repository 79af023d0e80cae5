// `kaohe export FILE --format json-rules-engine` (API.md): prints the scheme's rule sections —
// negative lists, rewards, outcome actions — as json-rules-engine rules with the facts and exact
// operators they use (engine/jre/export.ts). Chinese is printed as is. Exit 2 on scheme errors
// (diagnostics as `kaohe check` prints them), on an unknown format, or on bad usage.

import { analyze } from '../../dsl/index.js';
import { hasErrors } from '../../dsl/diagnostics.js';
import { exportRules } from '../../engine/jre/export.js';
import { parseArgs, type IO } from '../io.js';
import { formatLine } from './check.js';

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
  const shown = file === '-' ? '<stdin>' : file;
  let source: string;
  try { source = io.read(file); } catch (err) {
    io.err(`kaohe export: cannot read ${shown}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`);
    return 2;
  }
  const a = analyze(source, shown);
  if (!a.checked || hasErrors(a.diagnostics)) {
    for (const d of a.diagnostics) if (d.severity === 'error') io.err(`${formatLine(shown, d)}\n`);
    return 2;
  }
  io.out(`${JSON.stringify(exportRules(a.checked, a.file).doc, null, 2)}\n`);
  return 0;
}
