// The language facade: source text in, tree and diagnostics out. Everything outside dsl/ goes
// through here (or through the stage modules' own index files), never through parser internals.

import { SourceFile } from './source.js';
import { parse, reparse, skipsText } from './parser/index.js';
import { check, type CheckedScheme } from './check/index.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { ParsedFile } from './ast.js';

export interface Analysis {
  file: SourceFile;
  parsed: ParsedFile;
  /** Present when the parser recovered a tree; it may still carry errors. Absent when the parser
   * stopped at too many syntax errors (KH-P009): checking the part before the stop would report
   * everything after it as missing. */
  checked?: CheckedScheme;
  diagnostics: Diagnostic[];
}

/** "Never used" and "never reached" (KH-C040…C044). While a syntax error has made the parser skip
 * text, they are not reported: the skipped text may be what uses the input or reaches the indicator,
 * and one slip used to bring a column of false warnings (issue 11). They come back with the fix. */
const USAGE_WARNINGS = new Set(['KH-C040', 'KH-C041', 'KH-C042', 'KH-C043', 'KH-C044']);

export function analyze(source: string, path = '<input>'): Analysis {
  const file = new SourceFile(source, path);
  const parsed = parse(file);
  const diagnostics = [...parsed.diagnostics];
  let checked: CheckedScheme | undefined;
  // Past the syntax-error limit (KH-P009) the file is not checked either: the checker's findings on
  // such a tree are noise, and on 1.5 MB of 115,000 broken lets it doubled the cost (≈ 1.2 s).
  if (parsed.value.scheme && !parsed.diagnostics.some((d) => d.code === 'KH-P009')) {
    const c = check(parsed.value, file, { complete: !hasErrors(parsed.diagnostics) });
    checked = c.value;
    diagnostics.push(...(parsed.diagnostics.some(skipsText) ? c.diagnostics.filter((d) => !USAGE_WARNINGS.has(d.code)) : c.diagnostics));
  }
  return { file, parsed: parsed.value, checked, diagnostics: sortDiagnostics(diagnostics) };
}

/** analyze(source) computed from the previous analysis of an edited text: when the edit lies inside one
 * declaration of a text that parsed without diagnostics, only that declaration is re-parsed (see
 * parser/incremental.ts); the checker runs in full. Gives exactly what analyze(source) gives, or
 * undefined when it cannot (then call analyze). `previous` is consumed: its tree is reused and
 * mutated, so it must not be used afterwards. */
export function reanalyze(previous: Analysis, source: string, path = '<input>'): Analysis | undefined {
  if (!previous.parsed.scheme || previous.diagnostics.some((d) => d.code.startsWith('KH-P'))) return undefined;
  const file = new SourceFile(source, path);
  const parsed = reparse(previous.file.text, previous.parsed, file);
  if (!parsed) return undefined;
  const c = check(parsed, file, { complete: true }); // reparse gives a tree only for a text without syntax errors
  return { file, parsed, checked: c.value, diagnostics: sortDiagnostics(c.diagnostics) };
}

export { SourceFile, parse, check };
export type { CheckedScheme, Diagnostic, ParsedFile };
