// `kaohe doc FILE [--lang zh|en] [--out file.html|file.json]` (issue 15): the scheme in plain words —
// who is assessed, the indicators and weights, how each is scored, the negative list, rewards, grades
// and quotas, the use of the results — as a printable page (report/render/html.ts) or the document
// model as JSON. Without `--out` the HTML goes to standard output. Words in the language of `--lang`,
// else of the environment. Exit 2 on scheme errors (printed as `kaohe check` does: a document of a
// scheme that does not check would describe rules that never run), on usage errors and when the
// file cannot be written.

import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { analyze } from '../../dsl/index.js';
import { render } from '../../dsl/i18n/index.js';
import { renderHtml } from '../../report/render/html.js';
import { schemeDocument } from '../../report/scheme/index.js';
import { diagnosticLine, langOrReport, parseArgs, readOrReport, unknownOption, usage, writeOrReport, type IO } from '../io.js';
import { C } from '../messages.js';

const SYNOPSIS = 'kaohe doc FILE [--lang zh|en] [--out file.html|file.json]';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['out', 'lang']);
  const locale = langOrReport(io, 'doc', opts, { argv, valued: ['out', 'lang'], hints: { out: 'file.html | file.json' } });
  if (!locale) return 2;
  const unknown = [...opts.keys()].find((k) => k !== 'out' && k !== 'lang');
  const out = opts.get('out');
  const ext = typeof out === 'string' ? extname(out).toLowerCase() : '';
  if (unknown || args.length !== 1 || out === true) {
    if (unknown) io.err(unknownOption('doc', unknown, locale, ['out', 'lang']));
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  // A .pdf (or any other kind) is named, with the way to a PDF: print the HTML page from a browser.
  if (typeof out === 'string' && ext !== '.html' && ext !== '.htm' && ext !== '.json') {
    io.err(`${render(C.docOutKind({ prog: 'kaohe doc', file: out }), locale)}\n`);
    return 2;
  }
  const [file] = args;
  const source = readOrReport(io, 'doc', file, locale);
  if (source === undefined) return 2;
  const analysis = analyze(source, file);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (!analysis.parsed.scheme || errors.length > 0) {
    for (const d of errors) io.err(diagnosticLine(file, d, locale) + '\n');
    return 2;
  }
  const doc = schemeDocument(analysis.parsed.scheme, locale);
  const text = ext === '.json' ? `${JSON.stringify(doc, null, 2)}\n` : renderHtml(doc);
  if (typeof out !== 'string') {
    io.out(text);
    return 0;
  }
  const written = await writeOrReport(io, 'doc', out, locale, (target) => writeFile(target, text, 'utf8'));
  if (!written) return 2;
  io.err(`${render(C.wroteDoc({ file: out }), locale)}\n`);
  return 0;
}
