// parse(file): source text → typed AST, comments and diagnostics, in one pass that recovers from
// syntax errors and reports all of them. The only module outside dsl/parser that other code imports.
// `reparse` is the editor's shortcut for an edit inside one declaration.

import type { IRecognitionException, IToken } from 'chevrotain';
import type { ParsedFile, Span } from '../ast.js';
import { DiagnosticSink, type Result } from '../diagnostics.js';
import { gluedKeywordSplits, keywordText, type KeywordId } from '../keywords.js';
import type { SourceFile } from '../source.js';
import { DECL_STARTS, KaoheParser } from './parser.js';
import { nearest } from '../distance.js';
import { CHAIN_LIMIT, NESTING_LIMIT, NestingTooDeep } from './parser-base.js';
import { TREE_DEPTH_LIMIT, tooDeep } from './tree-depth.js';
import { keywordsOf, tokenize } from './lexer.js';
import { describeToken, describeTokenType } from './messages.js';
import { reparse as reparseDecl } from './incremental.js';

let parser: KaoheParser | undefined; // building the grammar is costly; one instance serves every parse

/** The parse of `file` computed from `prev`, the parse of `prevText` without any diagnostics, when the
 * edit lies inside one declaration (see incremental.ts); undefined means: call parse(). Reuses and
 * mutates `prev`'s tree. The result has no diagnostics (it is only given when it has none). */
export function reparse(prevText: string, prev: ParsedFile, file: SourceFile): ParsedFile | undefined {
  parser ??= new KaoheParser();
  return reparseDecl(parser, prevText, prev, file);
}

export function parse(file: SourceFile): Result<ParsedFile> {
  const sink = new DiagnosticSink(file);
  const lexed = tokenize(file.text, sink);
  parser ??= new KaoheParser();
  parser.begin(lexed.tokens);
  let built: ReturnType<KaoheParser['scheme']> | undefined;
  try {
    built = parser.scheme();
  } catch (e) {
    if (!(e instanceof NestingTooDeep)) throw e;
    parser.begin([]);
    const n = file.text.length;
    sink.add('KH-P008', { start: Math.min(e.span.start, n), end: Math.min(e.span.end, n) }, e.chain
      ? `this expression chains more than ${CHAIN_LIMIT} operands and operators; split it into lets`
      : `nested too deeply here (brackets, expressions and groups more than ${NESTING_LIMIT} levels together); split the expression into lets, a table or bands, or flatten the groups`);
    return { value: { scheme: undefined, comments: lexed.comments, keywordLang: lexed.keywordLang, keywords: [] }, diagnostics: sink.list };
  }
  if (built && parser.mayBeTooDeep()) {
    const deep = tooDeep(built);
    if (deep) {
      sink.add('KH-P008', deep.span, `this expression is more than ${TREE_DEPTH_LIMIT} operations deep; split it into lets`);
      built = undefined;
    }
  }
  const seen = new Set<number>();
  if (lexed.tokens.length === 0) sink.add('KH-P001', { start: 0, end: 0 }, 'the file is empty: a scheme starts with `scheme NAME {`');
  else {
    for (const t of parser.strays) reportStray(t, file, sink, seen);
    for (const err of parser.errors) reportSyntaxError(err, file, sink, seen);
    for (const m of parser.missingClosers) {
      reportSyntaxError({ token: m.at, message: `expected ${describeTokenType(m.expected)} but found ${describeToken(m.at)}` } as IRecognitionException, file, sink, seen);
    }
    parser.missingClosers = [];
  }
  const scheme = built && built.kind === 'Scheme' && lexed.tokens.length > 0 ? built : undefined;
  return {
    value: { scheme, comments: lexed.comments, keywordLang: lexed.keywordLang, keywords: keywordsOf(lexed.tokens) },
    diagnostics: sink.list,
  };
}

function reportSyntaxError(err: IRecognitionException, file: SourceFile, sink: DiagnosticSink, seen: Set<number>): void {
  const tok = err.token;
  const span = spanOf(tok, file);
  if (seen.has(span.start)) return; // recovery may fail several times at one token: report it once
  seen.add(span.start);
  if (!reportGlued(tok, span, sink)) sink.add('KH-P001', span, err.message);
}

/** KH-P006 for a name that is a Chinese keyword glued to a name (`指标毛利`); false if it is not one. */
function reportGlued(tok: IToken, span: Span, sink: DiagnosticSink): boolean {
  const glued = tok.tokenType.name === 'Identifier' ? gluedKeywordSplits(tok.image)[0] : undefined;
  if (!glued) return false;
  const [kw, rest] = glued;
  sink.add('KH-P006', span, `\`${tok.image}\` reads as one name; did you mean \`${kw} ${rest}\`?`, {
    title: `Insert a space: \`${kw} ${rest}\``,
    edits: [{ span: { start: span.start + kw.length, end: span.start + kw.length }, text: ' ' }],
  });
  return true;
}

/** Every spelling of every keyword that starts a declaration: what a stray name may have meant. */
const DECL_KEYWORDS = [...DECL_STARTS].flatMap((t) => {
  const id = t.name.slice(3) as KeywordId; // token types of keywords are named Kw_<id>
  return [keywordText(id, 'en'), keywordText(id, 'zh')];
});

/** A stretch the parser skipped because it starts no declaration; a name one edit away from a
 * keyword that would start one (`指表` → `指标`) gets that keyword as its fix. */
function reportStray(tok: IToken, file: SourceFile, sink: DiagnosticSink, seen: Set<number>): void {
  const span = spanOf(tok, file);
  if (seen.has(span.start)) return;
  seen.add(span.start);
  if (reportGlued(tok, span, sink)) return;
  const [meant] = tok.tokenType.name === 'Identifier' ? nearest(tok.image, DECL_KEYWORDS, 1) : [];
  if (meant) {
    sink.add('KH-P001', span, `\`${tok.image}\` does not start a declaration; did you mean \`${meant}\`?`, {
      title: `Change to \`${meant}\``, edits: [{ span, text: meant }],
    });
  } else {
    sink.add('KH-P001', span, `${describeToken(tok)} does not start a declaration; it and what follows it were skipped up to the next declaration`);
  }
}

/** A token's span; the end of the file for Chevrotain's end-of-input token. */
function spanOf(tok: IToken, file: SourceFile): Span {
  return Number.isFinite(tok.startOffset) ? { start: tok.startOffset, end: tok.endOffset! + 1 } : { start: file.text.length, end: file.text.length };
}
