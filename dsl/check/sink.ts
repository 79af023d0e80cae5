// Where the checker reports: at most CHECK_PROBLEM_LIMIT diagnostics and one KH-C060 for the rest.
// A 1 MB scheme that names 50,000 unknown things made 50,000 diagnostics — megabytes of answer for
// the server and of squiggles for the editor, of which a person reads the first few. The passes
// run in full (so KH-C060 can say exactly how many were left out), but a diagnostic beyond the
// limit is only counted, never built. The limit is per check, beside the parser's (KH-P009).
// A diagnostic at a span that holes.ts made (a name the parser invented while recovering from a
// syntax error, already reported) is dropped: `unknown field ''` helps nobody.

import type { Span } from '../ast.js';
import { CODES, DiagnosticSink, type Code, type Diagnostic, type Fix } from '../diagnostics.js';
import type { Msg } from '../i18n/index.js';
import type { SourceFile } from '../source.js';
import { M } from './messages.js';

/** Most problems (errors and warnings) one check reports; KH-C060 stands for the rest. */
export const CHECK_PROBLEM_LIMIT = 100;

/** What the passes report to (CheckContext.sink). A message is always data from the catalog
 * (messages.ts), so every diagnostic of the checker can be read in either locale. */
export interface Sink {
  add(code: Code, span: Span, message: Msg, fix?: Fix): void;
}

export class CheckSink implements Sink {
  private readonly out: DiagnosticSink;
  private omitted = 0;
  private omittedError = false;
  private firstOmitted = Infinity;

  constructor(file: SourceFile, private readonly invented?: ReadonlySet<Span>, private readonly limit = CHECK_PROBLEM_LIMIT) {
    this.out = new DiagnosticSink(file);
  }

  add(code: Code, span: Span, message: Msg, fix?: Fix): void {
    if (this.invented?.has(span)) return;
    if (this.out.list.length < this.limit) { this.out.add(code, span, message, fix); return; }
    this.omitted++;
    if (CODES[code][0] === 'error') this.omittedError = true;
    if (span.start < this.firstOmitted) this.firstOmitted = span.start;
  }

  /** The diagnostics, closed by one KH-C060 where the first one left out is. It is an error when
   * an error was left out, so that a scheme is never compiled on the strength of a cut list. */
  close(): Diagnostic[] {
    if (this.omitted > 0) {
      const at = this.firstOmitted;
      this.out.add('KH-C060', { start: at, end: at },
        M.tooManyProblems({ more: this.omitted.toLocaleString('en'), limit: this.limit }), undefined, this.omittedError ? 'error' : 'warning');
    }
    return this.out.list;
  }
}
