// `kaohe export FILE --format json-rules-engine [--lang zh|en]` (API.md): prints the scheme's rule
// sections — negative lists, rewards, outcome actions — as json-rules-engine rules with the facts
// and exact operators they use (engine/jre/export.ts). Chinese is printed as is. Exit 2 on scheme
// errors (diagnostics as `kaohe check` prints them, in the language of `--lang` or the
// environment), on an unknown format, or on bad usage.

import { analyze } from '../../dsl/index.js';
import { hasErrors } from '../../dsl/diagnostics.js';
import { exportRules } from '../../engine/jre/export.js';
import { render } from '../../dsl/i18n/index.js';
import { C } from '../messages.js';
import { diagnosticLine, langOrReport, parseArgs, readOrReport, shownPath, unknownOption, usage, type IO } from '../io.js';

const FORMATS = ['json-rules-engine'];
const SYNOPSIS = 'kaohe export FILE --format json-rules-engine [--lang zh|en]   (FILE may be - for standard input)';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['format', 'lang']);
  const locale = langOrReport(io, 'export', opts, { argv, valued: ['format', 'lang'], hints: { format: 'json-rules-engine' } });
  if (!locale) return 2;
  const unknown = [...opts.keys()].filter((k) => k !== 'format' && k !== 'lang');
  if (args.length !== 1 || unknown.length) {
    if (unknown.length) io.err(unknownOption('export', unknown[0], locale, ['format', 'lang']));
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const format = opts.get('format') ?? 'json-rules-engine';
  if (format === true || !FORMATS.includes(format)) {
    io.err(`${render(C.unknownFormat({ prog: 'kaohe export', format: format === true ? '' : format, formats: FORMATS }), locale)}\n`);
    return 2;
  }
  const [file] = args;
  const shown = shownPath(file);
  const source = readOrReport(io, 'export', file, locale);
  if (source === undefined) return 2;
  const a = analyze(source, shown);
  if (!a.checked || hasErrors(a.diagnostics)) {
    for (const d of a.diagnostics) if (d.severity === 'error') io.err(`${diagnosticLine(shown, d, locale)}\n`);
    return 2;
  }
  io.out(`${JSON.stringify(exportRules(a.checked, a.file).doc, null, 2)}\n`);
  return 0;
}
