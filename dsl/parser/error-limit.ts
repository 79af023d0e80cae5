// How much a broken file may cost. A person fixes syntax errors from the top; beyond the first hundred
// more of them help nobody, while each costs the parser a recovery and the server bytes (900,000
// unexpected characters were a 180 MB answer). So a parse reports at most SYNTAX_ERROR_LIMIT problems
// and one KH-P009 in their place:
// - the lexer is cheap and linear: it reads the whole file and only counts what is over the limit,
//   so the closing diagnostic can say exactly how many were left out;
// - the parser's recovery costs far more per error (and a resynchronisation scans ahead), so it stops
//   at the first error beyond the limit, or when its recovery has scanned RECOVERY_SCANS_PER_TOKEN
//   times as many tokens as the file holds: the rest of the file is not read, and no tree is given
//   (the checker would report everything after the stop as missing).

import type { Code, Fix, MessageLike } from '../diagnostics.js';
import type { Msg } from '../i18n/index.js';
import type { Span } from '../ast.js';
import { M } from './messages.js';

/** Most syntax problems (lexer and parser together) one parse reports; KH-P009 stands for the rest. */
export const SYNTAX_ERROR_LIMIT = 100;

/** Tokens error recovery may scan ahead, per token of the file (plus a constant): a bound on
 * pathological recovery that real files stay far below (see test/parser/limits.test.ts). */
export const RECOVERY_SCANS_PER_TOKEN = 8;
export const RECOVERY_SCANS_BASE = 100_000;

/** Thrown by the parser when it stops (too many errors, or its recovery budget is spent). Not a
 * recognition exception, so Chevrotain rethrows it instead of recovering; parse() reports KH-P009. */
export class TooManyErrors extends Error {
  constructor(readonly span: Span, readonly reason: 'errors' | 'recovery') { super('too many syntax errors'); }
}

/** Where the lexer reports. When `full`, it calls `skip` instead of building a diagnostic. */
export interface LexSink {
  readonly full: boolean;
  skip(start: number): void;
  add(code: Code, span: Span, message: MessageLike, fix?: Fix): void;
}

/** Passes the first `limit` diagnostics on to `to` and counts the rest without building them (with
 * limit 0 it only counts: enough to learn whether there were any). */
export class CappedSink implements LexSink {
  omitted = 0;
  /** Where the first diagnostic that was only counted starts. */
  firstOmitted?: number;
  private passed = 0;
  constructor(private readonly to: { add(code: Code, span: Span, message: MessageLike, fix?: Fix): unknown }, private readonly limit = SYNTAX_ERROR_LIMIT) {}
  /** Whether further diagnostics are only counted (the lexer then skips building their messages). */
  get full(): boolean { return this.passed >= this.limit; }
  /** Counts one diagnostic at `start` that was not built because the sink is full. */
  skip(start: number): void {
    this.omitted++;
    this.firstOmitted ??= start;
  }
  add(code: Code, span: Span, message: MessageLike, fix?: Fix): void {
    if (this.full) return this.skip(span.start);
    this.passed++;
    this.to.add(code, span, message, fix);
  }
}

/** The message of KH-P009 when the parser read the whole file and `omitted` problems were left out. */
export function omittedMessage(omitted: number): Msg {
  return M.tooManyErrors({ more: omitted.toLocaleString('en') });
}

/** The message of KH-P009 where the parser stopped. */
export function stoppedMessage(reason: TooManyErrors['reason']): Msg {
  return reason === 'errors' ? M.stoppedAtLimit({ limit: SYNTAX_ERROR_LIMIT }) : M.stoppedRecovering();
}
