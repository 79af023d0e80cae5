// parse(file): source text → typed AST, comments and diagnostics, in one pass that recovers from
// syntax errors and reports the first SYNTAX_ERROR_LIMIT of them (error-limit.ts). The only module
// outside dsl/parser that other code imports.
// `reparse` is the editor's shortcut for an edit inside one declaration.

import type { IRecognitionException, IToken } from 'chevrotain';
import type { ParsedFile, Span } from '../ast.js';
import { DiagnosticSink, fixOf, sortDiagnostics, type Diagnostic, type Result } from '../diagnostics.js';
import type { Msg, MsgArg } from '../i18n/index.js';
import { builtinText, FOR_SUBJECT_ZH, gluedKeywordSplits, keywordText, type KeywordId, type Lang } from '../keywords.js';
import type { SourceFile } from '../source.js';
import { DECL_STARTS, KaoheParser } from './parser.js';
import { nearest } from '../distance.js';
import { CHAIN_LIMIT, NESTING_LIMIT, NestingTooDeep } from './parser-base.js';
import { TREE_DEPTH_LIMIT, tooDeep } from './tree-depth.js';
import { keywordsOf, tokenize, type Token } from './lexer.js';
import { newKeywordNotes, parsedFile } from '../ast-keywords.js';
import { decode, describeToken, describeTokenType, M } from './messages.js';
import { readTypos, type ParseRun, type Typo } from './typos.js';
import { slipsOf, type Slips } from './slips.js';
import { readKeywordNames } from './keyword-names.js';
import { quoteName } from '../quote-name.js';
import { reparse as reparseDecl } from './incremental.js';
import { CappedSink, omittedMessage, stoppedMessage, SYNTAX_ERROR_LIMIT, TooManyErrors } from './error-limit.js';

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
  const lexSink = new CappedSink(sink);
  const lexed = tokenize(file.text, lexSink);
  const p = (parser ??= new KaoheParser());
  let run: Run;
  try {
    run = parseTokens(p, lexed.tokens);
  } catch (e) {
    if (!(e instanceof NestingTooDeep)) throw e;
    p.begin([]);
    const n = file.text.length;
    sink.add('KH-P008', { start: Math.min(e.span.start, n), end: Math.min(e.span.end, n) },
      e.chain ? M.chainTooLong({ limit: CHAIN_LIMIT }) : M.nestedTooDeep({ limit: NESTING_LIMIT }));
    const diagnostics = capSyntax(sink, { counted: lexSink.omitted, firstCounted: lexSink.firstOmitted });
    return { value: parsedFile(undefined, lexed.comments, lexed.keywordLang, newKeywordNotes()), diagnostics };
  }
  const read = readTypos(lexed.tokens, run, () => {
    try { return parseTokens(p, lexed.tokens); } catch (e) { if (e instanceof NestingTooDeep) return undefined; throw e; }
  });
  run = read.run;
  const named = readKeywordNames(lexed.tokens, run, () => { // `indicator 其他`: a keyword as a name (issue 12)
    try { return parseTokens(p, lexed.tokens); } catch (e) { if (e instanceof NestingTooDeep) return undefined; throw e; }
  });
  run = named.run;
  const stopped = run.stoppedAt;
  let built = run.built;
  if (built && run.mayBeTooDeep) {
    const deep = tooDeep(built);
    if (deep) {
      sink.add('KH-P008', deep.span, M.treeTooDeep({ limit: TREE_DEPTH_LIMIT }));
      built = undefined;
    }
  }
  const parserSink = new CappedSink(sink);
  if (lexed.tokens.length === 0) sink.add('KH-P001', { start: 0, end: 0 }, M.emptyFile());
  else reportParserErrors(run, read.typos, file, parserSink, stopped?.span.start, { names: named.names, lang: lexed.keywordLang });
  p.missingClosers = [];
  if (stopped) p.begin([]); // let go of the tokens; nothing after the stop is read
  // A parse that stopped gives no tree: the checker would report everything after the stop as missing.
  const scheme = !stopped && built && built.kind === 'Scheme' && lexed.tokens.length > 0 ? built : undefined;
  return {
    // No keywords past the error limit either (as after KH-P008): nobody formats such a tree, and
    // listing the 390,000 keywords of a 1.5 MB junk file cost as much as lexing it. The lexer's notes
    // hold unless a typo was read as a keyword or a keyword as a name (the tokens changed).
    value: parsedFile(scheme, lexed.comments, lexed.keywordLang, stopped || lexSink.omitted > 0 ? newKeywordNotes()
      : read.typos.length > 0 || named.names.length > 0 ? keywordsOf(lexed.tokens) : lexed.keywords),
    diagnostics: capSyntax(sink, {
      counted: lexSink.omitted + parserSink.omitted,
      firstCounted: Math.min(lexSink.firstOmitted ?? Infinity, parserSink.firstOmitted ?? Infinity),
      stopped,
    }),
  };
}

/** One parse of a token list, with what it left to report (the parser is reused by the next one). */
interface Run extends ParseRun, Slips {
  built?: ReturnType<KaoheParser['scheme']>;
  stoppedAt?: TooManyErrors;
  errors: IRecognitionException[];
  strays: IToken[];
  missingClosers: KaoheParser['missingClosers'];
  mayBeTooDeep: boolean;
}

/** V8's `Error.stackTraceLimit` (elsewhere a harmless property), which the DOM typings of the
 * editor's build do not declare. */
const V8Error = Error as unknown as { stackTraceLimit: number };

/** Parses `tokens`; throws NestingTooDeep, which has no recovery. */
function parseTokens(p: KaoheParser, tokens: IToken[]): Run {
  p.begin(tokens);
  let built: Run['built'];
  let stoppedAt: TooManyErrors | undefined;
  // Chevrotain recovers from syntax errors by throwing, and capturing each exception's stack was
  // the largest cost of parsing a garbled scheme: none is captured while the parser runs.
  const stackTraceLimit = V8Error.stackTraceLimit;
  V8Error.stackTraceLimit = 0;
  try {
    built = p.scheme();
  } catch (e) {
    if (e instanceof TooManyErrors) stoppedAt = e;
    else if (e instanceof NestingTooDeep) throw e;
    else { // a bug: parse again with stacks on, so it is thrown with one
      V8Error.stackTraceLimit = stackTraceLimit;
      p.begin(tokens);
      p.scheme();
      throw e;
    }
  } finally {
    V8Error.stackTraceLimit = stackTraceLimit;
  }
  const { errors, strays, missingClosers } = p;
  return {
    built, stoppedAt, stopped: stoppedAt !== undefined, errors, strays, missingClosers, ...slipsOf(p),
    mayBeTooDeep: p.mayBeTooDeep(),
    problemTokens: [...strays, ...errors.map((e) => e.token), ...missingClosers.map((m) => m.at)],
  };
}

/** Syntax problems after which the tree still holds everything the text says: a character read as
 * the ASCII one meant (KH-P005), one skipped on its own (KH-P004), a misspelt keyword read as the
 * keyword, a slip read as meant (KH-P013 … KH-P015). Any other syntax error may have skipped text —
 * the text that used an input, say. */
const READ_AS_MEANT = new Set(['KH-P004', 'KH-P005', 'KH-P013', 'KH-P014', 'KH-P015']);
export function skipsText(d: Diagnostic): boolean {
  return d.severity === 'error' && d.code.startsWith('KH-P') && !READ_AS_MEANT.has(d.code) && !READ_AS_MEANT_IDS.has(d.msg?.id ?? '');
}

const TYPO_ID = M.keywordTypo().id;
/** KH-P001 messages of slips read as meant: a misspelt keyword, `权重` left out, `比例 不超过 20%`, `=>` for `:`. */
const READ_AS_MEANT_IDS = new Set([TYPO_ID, M.weightMissing().id, M.atMostWord().id, M.arrowBody().id]);

/** The parser's syntax errors, skipped stretches, missing closers and misspelt keywords, in source
 * order (so that the first ones are kept when there are too many) and once per position; only those
 * before `before`, where the parser stopped, if it did. */
function reportParserErrors(p: Run, typos: Typo[], file: SourceFile, sink: CappedSink, before = Infinity,
  keywordNames?: { names: IToken[]; lang: Lang }): void {
  const found: { at: number; report: () => void }[] = [];
  const seen = new Set<number>();
  const add = (tok: IToken, report: (span: Span) => void) => {
    const span = spanOf(tok, file);
    if (span.start < before) found.push({ at: span.start, report: () => report(span) });
  };
  for (const t of typos) add(t.token, (span) => reportTypo(t, span, sink));
  for (const t of keywordNames?.names ?? []) add(t, (span) => reportKeywordName(t, span, keywordNames!.lang, sink));
  for (const t of p.strays) add(t, (span) => reportStray(t, span, sink));
  for (const s of p.softWords) add(s.word, (span) => reportSoftWord(s, span, file, sink));
  for (const u of p.strayUnits) add(u.unit, (span) => reportStrayUnit(u, span, sink));
  for (const w of p.misplacedWhens) add(w.kw, () => reportMisplacedWhen(w, file, sink));
  const lang = keywordNames?.lang ?? 'en';
  for (const t of p.bareWeights) add(t, (span) => reportBareWeight(t, span, file, sink, lang));
  for (const w of p.atMostWords) add(w.word, (span) => reportAtMost(w, span, file, sink));
  for (const w of p.trimWords) add(w.from, () => reportTrimWords(w, file, sink, lang));
  for (const t of p.arrowBodies) add(t, (span) => sink.add('KH-P001', span, M.arrowBody(), fixOf(M.replaceWith({ text: ':' }), [{ span, text: ':' }])));
  for (const err of p.errors) add(err.token, (span) => reportSyntaxError(err.token, span, inFileKeywords(decode(err.message), lang), sink));
  for (const m of p.missingClosers) {
    const what = inFileKeywords(describeTokenType(m.expected), lang);
    add(m.at, (span) => reportSyntaxError(m.at, span, M.expected({ what, found: describeToken(m.at) }), sink));
  }
  found.sort((a, b) => a.at - b.at); // stable: at one position a typo, then a stray, goes before an error
  for (const f of found) {
    if (seen.has(f.at)) continue; // recovery may fail several times at one token: report it once
    seen.add(f.at);
    if (sink.full) sink.skip(f.at); else f.report();
  }
}

/** KH-P013: a soft share in the document's words (`比例 20% 一般 15%`, "一般不超过 15%"), read as
 * `normally`; the fix writes the keyword (`最多 20%`, "at most", names the hard share: the fix swaps the
 * two shares, when they stand side by side). */
function reportSoftWord(s: KaoheParser['softWords'][number], span: Span, file: SourceFile, sink: CappedSink): void {
  const kw = keywordText('normally', /^[A-Za-z]/.test(s.word.image) ? 'en' : 'zh');
  const gap = (a: IToken, b: IToken) => file.text.slice(a.endOffset! + 1, b.startOffset).trim() === '';
  const text = (t: IToken) => file.text.slice(t.startOffset, t.endOffset! + 1); // `20%` (the image is `20`)
  const head = s.head && gap(s.head, s.word) && gap(s.word, s.share) ? s.head : undefined;
  const atMost = s.word.image === '最多';
  const [hard, soft] = atMost ? [s.share, head] : [head, s.share];
  const edit = head
    ? { span: { start: head.startOffset, end: s.share.endOffset! + 1 }, text: `${text(hard!)} ${kw} ${text(soft!)}` }
    : atMost ? undefined : { span, text: kw };
  const fixed = head ? `${text(s.quota)} ${edit!.text}` : `${kw} ${text(s.share)}`;
  sink.add('KH-P013', span, M.softWord({ word: s.word.image, keyword: kw, fixed }), edit && fixOf(M.changeTo({ text: edit.text }), [edit]));
}

/** KH-P014: a unit word after a related subject's field (`对象 班子 年度`), left out; the fix removes it
 * with the space before it. */
function reportStrayUnit(u: KaoheParser['strayUnits'][number], span: Span, sink: CappedSink): void {
  const forWord = /^[A-Za-z]/.test(u.unit.image) ? 'for' : FOR_SUBJECT_ZH;
  sink.add('KH-P014', span, M.unitAfterSubject({ word: u.unit.image, field: u.field.image, for: forWord }),
    fixOf(M.removeWord({ word: u.unit.image }), [{ span: { start: u.field.endOffset! + 1, end: span.end }, text: '' }]));
}

/** KH-P015: `指标 班子 权重 30% 当 岗位 == 领导职务 = …`, read as the `when` block it means; the message
 * shows the block form and the fix rewrites the indicator as one (`当 岗位 == 领导职务 { 指标 班子 … = … }`). */
function reportMisplacedWhen(w: KaoheParser['misplacedWhens'][number], file: SourceFile, sink: CappedSink): void {
  const text = file.text;
  const span = { start: w.kw.startOffset, end: w.cond.span.end };
  const cond = `${w.kw.image} ${text.slice(w.cond.span.start, w.cond.span.end)}`;
  const head = text.slice(w.indicator.start, span.start).trimEnd();
  const indicator = `${head} ${text.slice(span.end, w.indicator.end).trimStart()}`;
  const short = `${cond} { ${head.split(/\s+/).slice(0, 2).join(' ')} … }`;
  const block = `${cond} { ${indicator} }`;
  sink.add('KH-P015', span, M.whenInIndicator({ block: short }),
    fixOf(M.toWhenBlock({ block: short }), [{ span: w.indicator, text: block }]));
}

/** `类别 共性指标 40% {`: the weight read as meant, one KH-P001 with the fix that inserts `权重`/`weight`
 * (in the file's keyword language). */
function reportBareWeight(t: IToken, span: Span, file: SourceFile, sink: CappedSink, lang: Lang): void {
  const kw = keywordText('weight', lang);
  const share = file.text.slice(span.start, span.end);
  sink.add('KH-P001', span, M.weightMissing({ keyword: kw, share }),
    fixOf(M.changeTo({ text: `${kw} ${share}` }), [{ span: { start: span.start, end: span.start }, text: `${kw} ` }]));
}

/** `比例 不超过 20%`: the word read and left out, one KH-P001 with the fix that removes it. */
function reportAtMost(w: KaoheParser['atMostWords'][number], span: Span, file: SourceFile, sink: CappedSink): void {
  const share = file.text.slice(w.share.startOffset, w.share.endOffset! + 1);
  sink.add('KH-P001', span, M.atMostWord({ word: w.word.image, share }),
    fixOf(M.removeWord({ word: w.word.image }), [{ span: { start: span.start, end: w.share.startOffset }, text: '' }]));
}

/** A panel's trim rule in a document's words (`去掉最高最低分`): one KH-P001 at the words, naming the
 * rule's syntax in the file's keyword language, with the fix that writes LANGUAGE.md §5's example rule. */
function reportTrimWords(w: KaoheParser['trimWords'][number], file: SourceFile, sink: CappedSink, lang: Lang): void {
  const span = { start: w.from.startOffset, end: w.to.endOffset! + 1 };
  const rule = `${keywordText('trim', lang)} 1 ${keywordText('when', lang)} ${builtinText('count', lang)} >= 5`;
  sink.add('KH-P001', span, M.trimInWords({ words: file.text.slice(span.start, span.end), rule }),
    fixOf(M.changeTo({ text: rule }), [{ span, text: rule }]));
}

/** KH-P011: a keyword read as a name, with the fix that quotes it. */
function reportKeywordName(t: IToken, span: Span, lang: Lang, sink: CappedSink): void {
  const quoted = quoteName(t.image, lang);
  sink.add('KH-P011', span, M.keywordAsName({ word: t.image, quoted }), fixOf(M.quoteName({ quoted }), [{ span, text: quoted }]));
}

function reportTypo(t: Typo, span: Span, sink: CappedSink): void {
  sink.add('KH-P001', span, M.keywordTypo({ word: t.token.image, meant: t.spelling }),
    fixOf(M.changeTo({ text: t.spelling }), [{ span, text: t.spelling }]));
}

/** The syntax problems the sinks only counted (not built), where the first of them starts, and where
 * the parser stopped, if it did. */
interface LeftOut { counted: number; firstCounted?: number; stopped?: TooManyErrors }

/** At most SYNTAX_ERROR_LIMIT syntax diagnostics, the first ones in the file, and one KH-P009 for the
 * rest: where the parser stopped (nothing after it is reported), or at the first one left out. */
function capSyntax(sink: DiagnosticSink, { counted, firstCounted = Infinity, stopped }: LeftOut): Diagnostic[] {
  let list = sortDiagnostics(sink.list);
  if (stopped) list = list.filter((d) => d.span.start < stopped.span.start);
  if (list.length <= SYNTAX_ERROR_LIMIT && counted === 0 && !stopped) return list;
  const kept = list.slice(0, SYNTAX_ERROR_LIMIT);
  const out = new DiagnosticSink(sink.file);
  out.list.push(...kept);
  if (stopped) {
    const n = sink.file.text.length;
    out.add('KH-P009', { start: Math.min(stopped.span.start, n), end: Math.min(stopped.span.end, n) }, stoppedMessage(stopped.reason));
  } else {
    const at = Math.min(list[SYNTAX_ERROR_LIMIT]?.span.start ?? Infinity, firstCounted);
    out.add('KH-P009', { start: at, end: at }, omittedMessage(list.length - kept.length + counted));
  }
  return out.list;
}

const KEYWORD_ID = M.keyword().id;

/** `message` with each keyword it names (`“当”/“when”`) spelt once, as the file spells its keywords
 * (U5 A-10: a zh-keyword scheme's reader had every keyword in both languages: `“当”/“when”或“其他”/“otherwise”`). */
function inFileKeywords(message: Msg, lang: Lang): Msg {
  if (message.id === KEYWORD_ID) return M.code({ text: String(message.args?.[lang] ?? '') });
  if (!message.args) return message;
  const arg = (a: MsgArg): MsgArg => (Array.isArray(a) ? (a as readonly MsgArg[]).map(arg) : typeof a === 'object' ? inFileKeywords(a as Msg, lang) : a);
  return { id: message.id, args: Object.fromEntries(Object.entries(message.args).map(([k, v]) => [k, arg(v)])) };
}

function reportSyntaxError(tok: IToken, span: Span, message: Msg, sink: CappedSink): void {
  if (!reportGlued(tok, span, sink)) sink.add('KH-P001', span, message);
}

/** KH-P006 for a name that is a Chinese keyword glued to a name (`指标毛利`); false if it is not one.
 * `最高为基本称职` (a document's "最高为…", U5 A-10) is meant as `最高 基本称职`: the fix drops the 为. */
function reportGlued(tok: IToken, span: Span, sink: CappedSink): boolean {
  const glued = tok.tokenType.name === 'Identifier' && (tok as Token).value === undefined ? gluedKeywordSplits(tok.image)[0] : undefined;
  if (!glued) return false;
  const [kw, written] = glued;
  const rest = kw === keywordText('cap', 'zh') && written.length > 1 && written.startsWith('为') ? written.slice(1) : written;
  sink.add('KH-P006', span, M.gluedKeyword({ word: tok.image, keyword: kw, rest }),
    rest === written
      ? fixOf(M.insertSpace({ keyword: kw, rest }), [{ span: { start: span.start + kw.length, end: span.start + kw.length }, text: ' ' }])
      : fixOf(M.changeTo({ text: `${kw} ${rest}` }), [{ span, text: `${kw} ${rest}` }]));
  return true;
}

/** Every spelling of every keyword that starts a declaration: what a stray name may have meant. */
const DECL_KEYWORDS = [...DECL_STARTS].flatMap((t) => {
  const id = t.name.slice(3) as KeywordId; // token types of keywords are named Kw_<id>
  return [keywordText(id, 'en'), keywordText(id, 'zh')];
});

/** A stretch the parser skipped because it starts no declaration; a name one edit away from a
 * keyword that would start one (`指表` → `指标`) gets that keyword as its fix. */
function reportStray(tok: IToken, span: Span, sink: CappedSink): void {
  if (reportGlued(tok, span, sink)) return;
  const [meant] = tok.tokenType.name === 'Identifier' ? nearest(tok.image, DECL_KEYWORDS, 1) : [];
  if (meant) {
    sink.add('KH-P001', span, M.strayMeant({ word: tok.image, meant }), fixOf(M.changeTo({ text: meant }), [{ span, text: meant }]));
  } else {
    sink.add('KH-P001', span, M.straySkipped({ found: describeToken(tok) }));
  }
}

/** A token's span; the end of the file for Chevrotain's end-of-input token. */
function spanOf(tok: IToken, file: SourceFile): Span {
  return Number.isFinite(tok.startOffset) ? { start: tok.startOffset, end: tok.endOffset! + 1 } : { start: file.text.length, end: file.text.length };
}
