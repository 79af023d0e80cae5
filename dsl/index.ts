// The language facade: source text in, tree and diagnostics out. Everything outside dsl/ goes
// through here (or through the stage modules' own index files), never through parser internals.

import { SourceFile } from './source.js';
import { parse } from './parser/index.js';
import { check, type CheckedScheme } from './check/index.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { ParsedFile } from './ast.js';

export interface Analysis {
  file: SourceFile;
  parsed: ParsedFile;
  /** Present when the parser recovered a tree; it may still carry errors. */
  checked?: CheckedScheme;
  diagnostics: Diagnostic[];
}

export function analyze(source: string, path = '<input>'): Analysis {
  const file = new SourceFile(source, path);
  const parsed = parse(file);
  const diagnostics = [...parsed.diagnostics];
  let checked: CheckedScheme | undefined;
  if (parsed.value.scheme) {
    const c = check(parsed.value, file);
    checked = c.value;
    diagnostics.push(...c.diagnostics);
  }
  return { file, parsed: parsed.value, checked, diagnostics: sortDiagnostics(diagnostics) };
}

export { SourceFile, parse, check };
export type { CheckedScheme, Diagnostic, ParsedFile };
