// `kaohe fmt FILE… [--write] [--check] [--keywords en|zh] [--lang zh|en]` (API.md): prints each file
// in canonical layout, or rewrites it (--write), or only reports which files are not formatted
// (--check, exit 1). A file with syntax errors is never formatted: its diagnostics are printed and the
// exit code is 1. `-` reads standard input (and is printed, never written). Messages follow `--lang`,
// else the environment, like every command's; `--keywords` is the language of the code written.
// Failures are messages, never stack traces.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from '../../dsl/i18n/index.js';
import { parse } from '../../dsl/parser/index.js';
import { format } from '../../dsl/format/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { Lang } from '../../dsl/keywords.js';
import { C } from '../messages.js';
import { diagnosticLine, langOrReport, parseArgs, readOrReport, shownPath, unknownOption, usage, type IO } from '../io.js';

const SYNOPSIS = 'kaohe fmt FILE… [--write] [--check] [--keywords en|zh] [--lang zh|en]';
const OPTIONS = ['write', 'check', 'keywords', 'lang'];

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['keywords', 'lang']);
  const locale = langOrReport(io, 'fmt', opts, { argv, valued: ['keywords', 'lang'], hints: { keywords: 'en | zh' } });
  if (!locale) return 2;
  const keywords = opts.get('keywords');
  const unknown = [...opts.keys()].filter((k) => !OPTIONS.includes(k));
  if (unknown.length || args.length === 0 || (keywords !== undefined && keywords !== 'en' && keywords !== 'zh')) {
    if (unknown.length) io.err(unknownOption('fmt', unknown[0], locale, OPTIONS));
    else if (keywords !== undefined && args.length) io.err(`${render(C.badKeywords({ prog: 'kaohe fmt' }), locale)}\n`);
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const lang = keywords as Lang | undefined;
  let exit = 0;
  for (const path of args) {
    const shown = shownPath(path);
    try {
      const text = readOrReport(io, 'fmt', path, locale);
      if (text === undefined) { exit = 1; continue; }
      const file = new SourceFile(text, shown);
      const parsed = parse(file);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length || !parsed.value.scheme) {
        for (const d of errors) io.err(`${diagnosticLine(shown, d, locale)}\n`);
        if (!errors.length) io.err(`${render(C.noScheme({ path: shown }), locale)}\n`);
        exit = 1;
        continue;
      }
      const out = format(parsed.value, file, { keywords: lang });
      if (opts.has('check')) {
        if (out !== text) { io.out(`${shown}\n`); exit = 1; }
      } else if (opts.has('write') && path !== '-') {
        if (out !== text) writeFileSync(resolve(io.cwd, path), out, 'utf8');
      } else io.out(out);
    } catch (e) {
      io.err(`${render(C.internalErrorAt({ prog: 'kaohe fmt', path: shown, message: (e as Error)?.message ?? String(e) }), locale)}\n`);
      exit = Math.max(exit, 2);
    }
  }
  return exit;
}
