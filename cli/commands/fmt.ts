// `kaohe fmt FILE… [--write] [--check] [--keywords en|zh]` (API.md): prints each file in canonical
// layout, or rewrites it (--write), or only reports which files are not formatted (--check, exit 1).
// A file with syntax errors is never formatted: its diagnostics are printed and the exit code is 1.
// `-` reads standard input (and is printed, never written). Failures are messages, never stack traces.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from '../../dsl/parser/index.js';
import { format } from '../../dsl/format/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { Lang } from '../../dsl/keywords.js';
import { diagnosticLine, parseArgs, readOrReport, shownPath, type IO } from '../io.js';

const USAGE = 'usage: kaohe fmt FILE… [--write] [--check] [--keywords en|zh]\n';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['keywords']);
  const keywords = opts.get('keywords');
  const unknown = [...opts.keys()].filter((k) => !['write', 'check', 'keywords'].includes(k));
  if (unknown.length || args.length === 0 || (keywords !== undefined && keywords !== 'en' && keywords !== 'zh')) {
    if (unknown.length) io.err(`kaohe fmt: unknown option --${unknown[0]}\n`);
    else if (keywords !== undefined && args.length) io.err(`kaohe fmt: --keywords must be en or zh\n`);
    io.err(USAGE);
    return 2;
  }
  const lang = keywords as Lang | undefined;
  let exit = 0;
  for (const path of args) {
    const shown = shownPath(path);
    try {
      const text = readOrReport(io, 'fmt', path);
      if (text === undefined) { exit = 1; continue; }
      const file = new SourceFile(text, shown);
      const parsed = parse(file);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length || !parsed.value.scheme) {
        for (const d of errors) io.err(`${diagnosticLine(shown, d)}\n`);
        if (!errors.length) io.err(`${shown}: no scheme found\n`);
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
      io.err(`kaohe fmt: ${shown}: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      exit = Math.max(exit, 2);
    }
  }
  return exit;
}
