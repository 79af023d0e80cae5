// `kaohe template FILE --out roster.xlsx [--lang zh|en]` (API.md): a roster template generated from
// the scheme's inputs (sheets/template.ts) — the header row, one example row, drop-downs for enum
// and yes/no columns, and a notes sheet (说明) explaining each column; `--out roster.csv` writes the
// header and the example row only. The template in the language of `--lang`, else of the environment
// when it names zh or en, else of the scheme (a Chinese scheme under `LANG=C.UTF-8` gets a Chinese
// template: V11 trial MED-4, cli/io.ts documentLocale); the command's own words as cliLocale says.
// Exit 2 on scheme errors (printed as `kaohe check` does), on usage errors and when the file cannot
// be written.

import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { render } from '../../dsl/i18n/index.js';
import { prepare } from '../../engine/index.js';
import { buildTemplate, M, sheetCsv, writeXlsx } from '../../sheets/index.js';
import { contractOf, schemeLocale } from '../../sheets/scheme.js';
import { diagnosticLine, documentLocale, langOrReport, parseArgs, readOrReport, unknownOption, usage, writeOrReport, type IO } from '../io.js';

const SYNOPSIS = 'kaohe template FILE --out roster.xlsx|roster.csv [--lang zh|en]';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['out', 'lang']);
  const locale = langOrReport(io, 'template', opts, { argv, valued: ['out', 'lang'], hints: { out: 'roster.xlsx | roster.csv' } });
  if (!locale) return 2;
  const unknown = [...opts.keys()].find((k) => k !== 'out' && k !== 'lang');
  const out = opts.get('out');
  const ext = typeof out === 'string' ? extname(out).toLowerCase() : '';
  if (unknown || args.length !== 1 || typeof out !== 'string' || (ext !== '.xlsx' && ext !== '.csv')) {
    if (unknown) io.err(unknownOption('template', unknown, locale, ['out', 'lang']));
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const [file] = args;
  const source = readOrReport(io, 'template', file, locale);
  if (source === undefined) return 2;
  const prepared = prepare(source, file);
  if (!prepared.value) {
    for (const d of prepared.diagnostics) if (d.severity === 'error') io.err(diagnosticLine(file, d, locale) + '\n');
    return 2;
  }
  const contract = contractOf(source);
  const book = buildTemplate(contract, documentLocale(opts, io.env, () => schemeLocale(contract)));
  const written = await writeOrReport(io, 'template', out, locale, async (target) => {
    if (ext === '.csv') await writeFile(target, sheetCsv(book.sheets[0]), 'utf8');
    else await writeFile(target, await writeXlsx(book));
  });
  if (!written) return 2;
  io.err(`${render(M.wroteTemplate({ file: out }), locale)}\n`);
  return 0;
}
