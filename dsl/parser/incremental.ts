// Incremental re-parsing for the editor. A keystroke usually changes one declaration of a large
// scheme; re-parsing the whole file costs ~30 ms at 1k indicators, re-parsing one indicator well under
// a millisecond. `reparse` finds the smallest declaration (top-level declaration, or indicator / group /
// `when` block at any depth) whose text contains the edit, lexes and parses only that text, and splices
// the result into the previous tree, shifting every offset after the edit. If that declaration's new
// text is not one clean declaration, the enclosing ones are tried (while they are small).
//
// It answers only when the result is provably what `parse()` of the whole new text gives; otherwise
// it returns undefined and the caller parses everything. The argument, condition by condition:
// - The previous parse had no diagnostics at all, so its tree is complete and every declaration ends
//   exactly where its last token ends.
// - The characters just before the declaration and just after the new declaration's text are white
//   space outside any comment or string (they are unchanged text that separated tokens before). A
//   lexer passing white space is in its initial state, so lexing the declaration's text alone gives
//   the same tokens as lexing the whole file — except a trailing `//` comment, which in the whole file
//   would run on to the line's end: that is refused unless a newline follows.
// - The declaration's text lexes without diagnostics and parses with the `decl` rule alone without any
//   error, consuming every token. In its context (a member list or the scheme's declaration list) the
//   same rule is entered on the same first token (a declaration keyword, which nothing before it can
//   continue), and it stops before the same next token (`}` or a declaration keyword, which nothing
//   inside a complete declaration can continue). Inside a group or `when`, only members are allowed.
// These are checked here; the differential property test (test/parser/incremental.test.ts) compares
// trees and diagnostics against full parses on random edits.
//
// The previous tree is reused and MUTATED (spans shifted, the declaration replaced): the previous
// ParsedFile must not be used afterwards.

import type { Comment, Decl, Member, ParsedFile, Span } from '../ast.js';
import { DiagnosticSink } from '../diagnostics.js';
import type { KeywordId, Lang } from '../keywords.js';
import type { SourceFile } from '../source.js';
import { tokenize } from './lexer.js';
import { keywordList } from '../ast-keywords.js';
import { CappedSink } from './error-limit.js';
import type { KaoheParser } from './parser.js';
import { SpanShifter } from './shift.js';
import { anySlip } from './slips.js';

const CHUNK = 512;
const MEMBER_KINDS = new Set(['Indicator', 'Group', 'When']);
/** Space, tab, newline, carriage return: what may separate the re-parsed text from its neighbours. */
const isBreak = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** The new ParsedFile for `file.text`, built from `prev` (the parse of `prevText`, which had no
 * diagnostics), or undefined when the edit is not safely inside one declaration. */
export function reparse(parser: KaoheParser, prevText: string, prev: ParsedFile, file: SourceFile): ParsedFile | undefined {
  const text = file.text;
  const scheme = prev.scheme;
  if (!scheme) return undefined;

  // The changed region: [p, oldEnd) of the old text became [p, newEnd) of the new one.
  const oldLen = prevText.length, newLen = text.length;
  const max = Math.min(oldLen, newLen);
  // Compared in chunks first: a native string comparison is many times faster than a char loop.
  let p = 0;
  while (p + CHUNK <= max && prevText.slice(p, p + CHUNK) === text.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && prevText.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === oldLen && p === newLen) return undefined; // same text: nothing to do (the caller does not ask)
  let s = 0;
  while (s + CHUNK <= max - p && prevText.slice(oldLen - s - CHUNK, oldLen - s) === text.slice(newLen - s - CHUNK, newLen - s)) s += CHUNK;
  while (s < max - p && prevText.charCodeAt(oldLen - 1 - s) === text.charCodeAt(newLen - 1 - s)) s++;
  const oldEnd = oldLen - s, delta = newLen - oldLen;

  // The declarations whose span contains the region, outermost first (touching either end counts:
  // typing at the end of an indicator's line is the common case).
  const chain: { list: (Decl | Member)[]; index: number }[] = [];
  let list: (Decl | Member)[] = scheme.decls;
  for (;;) {
    const i = findContaining(list, p, oldEnd);
    if (i < 0) break;
    chain.push({ list, index: i });
    const node = list[i];
    if (node.kind !== 'Group' && node.kind !== 'When') break;
    list = node.members;
  }
  // The innermost first; when its new text is not one clean declaration (a member line added at its
  // end, say), the enclosing `when` or group may still be — as long as it is small next to the file.
  for (let k = chain.length - 1; k >= 0; k--) {
    const { list: into, index } = chain[k];
    const old = into[index];
    if (k < chain.length - 1 && old.span.end - old.span.start > oldLen / 4) break;
    const got = attempt(parser, file, old.span, delta, into !== scheme.decls);
    if (!got) continue;
    // Proven: splice and shift. Nothing below can fail.
    const { start: a, end: b } = old.span;
    into[index] = got.decl;
    if (delta !== 0) new SpanShifter(b, delta, got.decl).scheme(scheme);
    const comments: Comment[] = [];
    spliceSpans(prev.comments, a, b, delta, got.comments, comments, (c, span) => ({ text: c.text, block: c.block, span }));
    const keywords: { id: KeywordId; span: Span }[] = [];
    spliceSpans(prev.keywords, a, b, delta, got.keywords, keywords, (kw, span) => ({ id: kw.id, span }));
    return { scheme, comments, keywordLang: keywordLang(text, keywords), keywords };
  }
  return undefined;
}

/** Lexes and parses the new text of the declaration that spanned `old` in the previous text; its
 * result when that is one clean declaration (a member, if `member`) that the whole parse would also
 * build, else undefined. Changes nothing but the parser's scratch state. */
function attempt(parser: KaoheParser, file: SourceFile, old: Span, delta: number, member: boolean):
  { decl: Decl; comments: Comment[]; keywords: { id: KeywordId; span: Span }[] } | undefined {
  const text = file.text;
  const a = old.start, fe = old.end + delta; // the declaration's text is [a, fe) now
  if (a === 0 || !isBreak(text.charCodeAt(a - 1)) || fe >= text.length || !isBreak(text.charCodeAt(fe))) return undefined;

  const problems = new CappedSink(new DiagnosticSink(file), 0); // only counts
  const lexed = tokenize(text.slice(0, fe), problems, a);
  if (problems.omitted > 0 || lexed.tokens.length === 0) return undefined;
  const lastComment = lexed.comments[lexed.comments.length - 1];
  if (lastComment && !lastComment.block && lastComment.span.end === fe && text.charCodeAt(fe) !== 10) return undefined;

  let decl: Decl | undefined, clean = false;
  try {
    parser.begin(lexed.tokens);
    decl = parser.decl();
    // A tree that may be too deep is for the full parse to measure and report (KH-P008).
    clean = parser.errors.length === 0 && parser.missingClosers.length === 0 && parser.strays.length === 0
      && !anySlip(parser) // `比例 20% 一般 15%`, `对象 班子 年度`, `=>` for `:` … (slips.ts): reported by the full parse
      && !parser.mayBeTooDeep();
  } catch {
    // Nesting beyond NESTING_LIMIT, or error recovery of a rule entered on its own (not inside
    // `scheme`) handing an embedded action an undefined sub-result: the full parse decides and reports.
  } finally {
    parser.missingClosers = [];
    parser.input = []; // let go of the tokens (and reset the parser's state)
  }
  if (!clean || !decl || (member && !MEMBER_KINDS.has(decl.kind))) return undefined;

  return { decl, comments: lexed.comments, keywords: keywordList(lexed.keywords) };
}

/** Index of the entry of `list` (sorted by position) whose span contains [p, q], or -1. */
function findContaining(list: readonly { span: Span }[], p: number, q: number): number {
  let lo = 0, hi = list.length - 1;
  while (lo <= hi) { // the last entry starting at or before p
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start <= p) lo = mid + 1; else hi = mid - 1;
  }
  return hi >= 0 && q <= list[hi].span.end ? hi : -1;
}

/** `out` = the entries of `old` before `a`, then `fresh`, then those from `b` on, shifted by `delta`. */
function spliceSpans<T extends { span: Span }>(
  old: readonly T[], a: number, b: number, delta: number, fresh: readonly T[], out: T[], copy: (t: T, span: Span) => T,
): void {
  let i = 0;
  while (i < old.length && old[i].span.start < a) out.push(old[i++]);
  while (i < old.length && old[i].span.start < b) i++;
  for (const t of fresh) out.push(t);
  for (; i < old.length; i++) {
    const t = old[i];
    out.push(delta === 0 ? t : copy(t, { start: t.span.start + delta, end: t.span.end + delta }));
  }
}

/** As the lexer decides it: the language most keywords are written in. */
function keywordLang(text: string, keywords: readonly { span: Span }[]): Lang {
  let en = 0;
  for (const k of keywords) {
    const c = text.charCodeAt(k.span.start);
    if (c >= 97 && c <= 122) en++;
  }
  return keywords.length - en > en ? 'zh' : 'en';
}
