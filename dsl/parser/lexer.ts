// The lexer: source text → Chevrotain tokens, comments and diagnostics. Hand-written rather than a
// Chevrotain Lexer because (a) Chevrotain drops a regex's `u` flag, so `\p{L}` cannot match Chinese
// names there, and (b) whole-word keywords in two languages are simplest as "read a word, look it up":
// `加分项` is the keyword, `加分` an identifier, `否则` is `else` and not `否` + `则`.
// Full-width punctuation typed with a Chinese input method is accepted as its ASCII twin (§1).

import type { IToken, TokenType } from 'chevrotain';
import type { Comment } from '../ast.js';
import { newKeywordNotes, type KeywordNotes } from '../ast-keywords.js';
import { keywordOf, multiWordKeyword, type KeywordId, type Lang } from '../keywords.js';
import type { LexSink } from './error-limit.js';
import { M } from './messages.js';
import { fixOf } from '../diagnostics.js';
import { codePointText } from '../code-point.js';
import { Comma, Dot, Identifier, Kw, LCurly, LParen, NumberLit, PercentLit, PUNCTUATION, StringLit } from './tokens.js';

/** Every token the lexer makes: a keyword's id, a string's value or a quoted name's name (undefined on
 * other tokens). */
export interface Token extends IToken { keywordId: KeywordId | undefined; value: string | undefined }

/** `keywords`: the keyword tokens as lexed, noted while lexing (ast-keywords.ts). */
export interface LexResult { tokens: IToken[]; comments: Comment[]; keywordLang: Lang; keywords: KeywordNotes }

/** The keywords among `tokens`, with their offsets: for a token list changed after lexing (a typo read
 * as the keyword meant, a keyword read as a name), where the lexer's notes no longer say it. */
export function keywordsOf(tokens: IToken[]): KeywordNotes {
  const out = newKeywordNotes();
  for (let i = 0; i < tokens.length; i++) { // indexed: runs once per parse, often unoptimized, where a for-of allocates per token
    const t = tokens[i];
    const id = (t as Token).keywordId;
    if (id !== undefined) { out.ids.push(id); out.offsets.push(t.startOffset, t.endOffset! + 1); }
  }
  return out;
}

// A name may begin with a letter-like numeral (\p{Nl}: Ⅲ类以上, Ⅴ类 — water-quality classes; issue 12).
const WORD = /[\p{L}\p{Nl}_][\p{L}\p{N}_]*/uy;
const WORD_REST = /[\p{L}\p{N}_]+/uy;
const SPACE = /[ \t\r\n\u3000\u00a0\ufeff]+/y;
/** Full-width characters accepted silently as their ASCII twin. */
const ACCEPTED_FULLWIDTH: Record<string, string> = { '：': ':', '，': ',', '（': '(', '）': ')', '【': '[', '】': ']' };

/** Lexes `text` from offset `from` (default 0) to its end. A start other than 0 must be a token
 * boundary outside any string or comment: incremental re-parsing lexes one declaration that way, with
 * offsets that are already absolute. */
export function tokenize(text: string, sink: LexSink, from = 0): LexResult {
  const tokens: IToken[] = [];
  const comments: Comment[] = [];
  const keywords = newKeywordNotes();
  let en = 0, zh = 0;
  let i = from;
  // One object shape for every token (not Chevrotain's createTokenInstance): no line and column, which
  // Chevrotain reads only to locate CST nodes, which this parser does not build (its NaN fields are
  // boxed: four heap numbers per token), and no fields added later, so the parser's property reads
  // see one shape. Lexing the 10k-indicator benchmark became more than twice as fast.
  const push = (type: TokenType, image: string, start: number, end: number, keywordId?: KeywordId, value?: string): IToken => {
    const tok: Token = { image, startOffset: start, endOffset: end - 1, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, keywordId, value };
    tokens.push(tok);
    return tok;
  };

  bidiControls(text, from, sink);
  const n = text.length;
  while (i < n) {
    let code = text.charCodeAt(i);
    // White space by code, in a loop of its own: a scheme is mostly indentation, and a one-character
    // string per character skipped was a measurable part of lexing a large one.
    while (code === 32 || code === 10 || code === 9 || code === 13 || code === 0x3000 || code === 0xa0 || code === 0xfeff) code = text.charCodeAt(++i);
    if (i >= n) break;

    const wordEnd = scanWord(text, i); // words first: most tokens are names and keywords
    if (wordEnd > i) {
      const w = text.slice(i, wordEnd);
      let end = wordEnd;
      let id = keywordOf(w);
      const seconds = code < 128 ? multiWordKeyword(w) : undefined; // multi-word keywords are English
      if (seconds) {
        for (const [rest, kw] of seconds) {
          const after = matchWords(text, end, rest.split(' '));
          if (after > 0) { id = kw; end = after; break; }
        }
      }
      if (id && end === wordEnd && nameOnly(text, i, end, tokens, id)) id = undefined; // `{ 日期: … }`, `r.日期`
      if (id) {
        push(Kw[id], end === wordEnd ? w : text.slice(i, end), i, end, id); // one slice per word
        keywords.ids.push(id); keywords.offsets.push(i, end);
        if (code >= 97 && code <= 122) en++; else zh++;
      } else push(Identifier, w, i, end);
      i = end;
      continue;
    }

    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = text.length;
      comments.push({ text: text.slice(i, j).replace(/\r$/, ''), block: false, span: { start: i, end: j } });
      i = j;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      let j = text.indexOf('*/', i + 2);
      if (j < 0) {
        if (!counted(sink, i)) sink.add('KH-P003', { start: i, end: i + 2 }, M.commentOpen());
        j = text.length;
      } else j += 2;
      comments.push({ text: text.slice(i, j), block: true, span: { start: i, end: j } });
      i = j;
      continue;
    }

    if (code >= 48 && code <= 57) { // `\d+(\.\d+)?`, scanned by code: a regex per number cost more than the rest
      const digits = scanNumber(text, i);
      let end = digits;
      const pct = text[end] === '%' || text[end] === '％';
      if (text[end] === '％') fullWidth(sink, end, '％', '%');
      if (pct) end++;
      const g = text.charCodeAt(end);
      const gluedEnd = (g >= 65 && g <= 90) || (g >= 97 && g <= 122) || g === 95 ? scanWord(text, end) : end;
      if (gluedEnd > end && !counted(sink, i)) sink.add('KH-P007', { start: i, end: gluedEnd }, M.malformedNumber({ text: text.slice(i, gluedEnd) }));
      push(pct ? PercentLit : NumberLit, text.slice(i, digits), i, end);
      i = gluedEnd;
      continue;
    }

    if (c === '`' || (c === '「' && quotedNameEnd(text, i, '」') > 0)) {
      i = lexQuotedName(text, i, c === '`' ? '`' : '」', sink, push);
      continue;
    }

    if (c === '"' || c === '“') {
      i = lexString(text, i, c === '"' ? '"' : '”', sink, push);
      continue;
    }

    // Two-character operators all end in `=` or `>`: only then is a two-character slice worth making.
    const next = text.charCodeAt(i + 1);
    const type2 = next === 61 || next === 62 ? PUNCTUATION[text.slice(i, i + 2)] : undefined;
    if (type2) { push(type2, text.slice(i, i + 2), i, i + 2); i += 2; continue; }
    const type1 = PUNCTUATION[c];
    if (type1) { push(type1, c, i, i + 1); i++; continue; }

    const twin = ACCEPTED_FULLWIDTH[c];
    if (twin) { push(PUNCTUATION[twin], twin, i, i + 1); i++; continue; }

    if (code >= 0xff10 && code <= 0xff19) {
      // Full-width digits (an input method left in full-width mode): read as the number meant, with
      // one fix for the whole run, so `权重 ４０%` is one slip, not a syntax error per digit.
      let end = i;
      while (end < text.length && /[0-9０-９.．]/.test(text[end])) end++;
      const digits = [...text.slice(i, end)].map(asciiTwin).join('');
      if (!counted(sink, i)) {
        sink.add('KH-P005', { start: i, end }, M.fullWidthDigits({ text: text.slice(i, end), digits }),
          fixOf(M.replaceWith({ text: digits }), [{ span: { start: i, end }, text: digits }]));
      }
      const pct = text[end] === '%' || text[end] === '％';
      if (text[end] === '％') fullWidth(sink, end, '％', '%');
      push(pct ? PercentLit : NumberLit, digits, i, pct ? end + 1 : end);
      i = pct ? end + 1 : end;
      continue;
    }

    if (code >= 0xff01 && code <= 0xff5e) {
      const ascii = String.fromCharCode(code - 0xfee0);
      // Treat it as the character meant, so one slip does not cascade into parse errors.
      const asTwo = ascii + (text[i + 1] ? asciiTwin(text[i + 1]) : '');
      const t2 = PUNCTUATION[asTwo];
      fullWidth(sink, i, c, ascii);
      if (t2 && asTwo.length === 2) {
        if (text[i + 1] !== asTwo[1]) fullWidth(sink, i + 1, text[i + 1], asTwo[1]);
        push(t2, asTwo, i, i + 2); i += 2; continue;
      }
      if (PUNCTUATION[ascii]) push(PUNCTUATION[ascii], ascii, i, i + 1);
      i++;
      continue;
    }
    const op = MATH_SYMBOLS[c];
    if (op) {
      // Read as the operator meant (as full-width characters are), so the slip costs one error.
      // Not a full-width character: a mathematical symbol, and the message says so (issue 11).
      if (!counted(sink, i)) {
        sink.add('KH-P005', { start: i, end: i + 1 }, M.mathSymbol({ char: c, op }),
          fixOf(M.replaceWith({ text: op }), [{ span: { start: i, end: i + 1 }, text: op }]));
      }
      push(PUNCTUATION[op], op, i, i + 1);
      i++;
      continue;
    }
    const known = KNOWN_CJK_PUNCT[c];
    if (known) {
      if (!counted(sink, i)) {
        sink.add('KH-P005', { start: i, end: i + 1 }, M.chinesePunct({ char: c, ascii: known }),
          fixOf(M.replaceWith({ text: known }), [{ span: { start: i, end: i + 1 }, text: known }]));
      }
    } else {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (!counted(sink, i)) {
        sink.add('KH-P004', { start: i, end: i + width }, M.unexpectedChar({ char: String.fromCodePoint(cp), codePoint: codePointText(cp) }));
      }
      i += width;
      continue;
    }
    if (PUNCTUATION[known]) push(PUNCTUATION[known], known, i, i + 1);
    i++;
  }
  return { tokens, comments, keywordLang: zh > en ? 'zh' : 'en', keywords };
}

/** Keywords that stand before `:` as keywords: `else:` in bands and levels, `true :` ending a `where`. */
const BEFORE_COLON = new Set<KeywordId>(['else', 'true', 'false']);

/** Whether the keyword `id`, the word `start`..`end`, stands where only a name can (issue 12): right
 * after `.` (a field: `r.日期`) or right before `:` on its line where a key starts — after `{`, `,`,
 * `(` or first on its line (an object key, a field or parameter being declared: `{ 日期: … }`,
 * `日期: date`). There it is read as a name, without quotes. Elsewhere a keyword before `:` ends an
 * expression (`sum(r in L where r.d > p + 30 days : 2)`) and stays the keyword. */
function nameOnly(text: string, start: number, end: number, tokens: IToken[], id: KeywordId): boolean {
  const prev = tokens[tokens.length - 1];
  if (prev?.tokenType === Dot && prev.endOffset! + 1 === start) return true;
  let j = end;
  while (text[j] === ' ' || text[j] === '\t') j++;
  return (text[j] === ':' || text[j] === '：') && !BEFORE_COLON.has(id) && startsKey(text, prev, start);
}

const KEY_OPENERS = new Set<TokenType>([LCurly, Comma, LParen]);

/** A key or declared name may start here: after `{`, `,`, `(`, at the start of the text or of a line. */
function startsKey(text: string, prev: IToken | undefined, start: number): boolean {
  if (!prev || KEY_OPENERS.has(prev.tokenType)) return true;
  return text.slice(prev.endOffset! + 1, start).includes('\n');
}

/** True when the sink is full: the diagnostic at `start` is then only counted, and its message (a
 * flood of unexpected characters is one per character) is never built. */
function counted(sink: LexSink, start: number): boolean {
  if (!sink.full) return false;
  sink.skip(start);
  return true;
}

/** Mathematical symbols an input method offers for the operators of the language. */
const MATH_SYMBOLS: Record<string, string> = { '≥': '>=', '≤': '<=', '≠': '!=', '×': '*', '÷': '/' };
/** CJK punctuation outside the full-width block that people type by accident. */
const KNOWN_CJK_PUNCT: Record<string, string> = { '。': '.', '、': ',', '‘': "'", '’': "'", '」': ']', '「': '[', '《': '<', '》': '>' };

const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** End of the identifier-like word starting at `i` (== i if none). ASCII and common CJK are
 * checked by code; anything else falls back to the Unicode regex. */
function scanWord(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first >= 48 && first <= 57) return i; // a digit starts a number, not a word
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (isAsciiWordChar(c) || isCjk(c)) { j++; continue; }
    if (c < 128) break;
    const re = j === i ? WORD : WORD_REST;
    re.lastIndex = j;
    const m = re.exec(text);
    if (!m) break;
    j += m[0].length;
  }
  return j;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** End of the number `\d+(\.\d+)?` starting at `i` (a digit). */
function scanNumber(text: string, i: number): number {
  let j = i + 1;
  while (isDigit(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j += 2;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/** Where the words `words` (separated by white space) end if they follow `from`, else -1. */
function matchWords(text: string, from: number, words: string[]): number {
  let at = from;
  for (const w of words) {
    SPACE.lastIndex = at;
    if (!SPACE.test(text)) return -1;
    WORD.lastIndex = SPACE.lastIndex;
    const m = WORD.exec(text);
    if (!m || m[0] !== w) return -1;
    at = SPACE.lastIndex + w.length;
  }
  return at;
}

function asciiTwin(c: string): string {
  const code = c.charCodeAt(0);
  return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : c;
}

/** Direction controls (U+202A–202E, U+2066–2069) are invisible and reorder what an editor shows, so a
 * comment or label can hide code that runs ("Trojan Source"): each is a warning with a fix. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
function bidiControls(text: string, from: number, sink: LexSink): void {
  BIDI.lastIndex = from;
  for (let m = BIDI.exec(text); m; m = BIDI.exec(text)) {
    if (counted(sink, m.index)) return;
    const span = { start: m.index, end: m.index + 1 };
    const code = m[0].charCodeAt(0).toString(16).toUpperCase();
    sink.add('KH-P012', span, M.bidiControl({ code }), fixOf(M.removeBidi({ code }), [{ span, text: '' }]));
  }
}

function fullWidth(sink: LexSink, at: number, c: string, ascii: string): void {
  if (counted(sink, at)) return;
  const span = { start: at, end: at + 1 };
  if (!PUNCTUATION[ascii] && ascii !== '%' && ascii !== '"') {
    // `；` and friends have no ASCII role in kaohe either: line breaks separate declarations.
    sink.add('KH-P005', span, M.fullWidthRemove({ char: c }), fixOf(M.removeChar({ char: c }), [{ span, text: '' }]));
    return;
  }
  sink.add('KH-P005', span, M.fullWidthAscii({ char: c, ascii }), fixOf(M.replaceChar({ char: c, ascii }), [{ span, text: ascii }]));
}

function lexString(
  text: string, start: number, close: string, sink: LexSink,
  push: (type: TokenType, image: string, start: number, end: number, keywordId?: KeywordId, value?: string) => IToken,
): number {
  // The value is sliced from the text between escapes (a long string built a character at a time cost
  // most of the time of lexing it).
  let value = '';
  let i = start + 1, from = i;
  while (i < text.length && text[i] !== close && text[i] !== '\n') {
    if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === '”')) {
      value += text.slice(from, i) + text[i + 1];
      i += 2;
      from = i;
    } else i++;
  }
  value += text.slice(from, i);
  if (text[i] !== close) {
    if (!counted(sink, start)) {
      sink.add('KH-P002', { start, end: i }, M.stringOpen({ close }), fixOf(M.closeString(), [{ span: { start: i, end: i }, text: close }]));
    }
  } else i++;
  push(StringLit, text.slice(start, i), start, i, undefined, value);
  return i;
}

/** Where `「name」` (or `` `name` ``) starting at `start` ends, or 0 when the text there is not one
 * quoted name on one line. */
function quotedNameEnd(text: string, start: number, close: string): number {
  let from = start + 1;
  while (text.charCodeAt(from) >= 48 && text.charCodeAt(from) <= 57) from++; // `「003」`: a subject id (issue 13)
  const end = scanWord(text, from);
  return end > start + 1 && text[end] === close ? end + 1 : 0;
}

/** A quoted name: `` `其他` `` or `「其他」` declares or refers to a name that is a keyword (issue 12).
 * The token is an Identifier whose image is the name without its quotes and whose `value` is that
 * name too (unquoted identifiers have none: that is how later stages know a name was quoted); its
 * offsets cover the quotes. Anything but one name between the quotes is KH-P010. */
function lexQuotedName(
  text: string, start: number, close: string, sink: LexSink,
  push: (type: TokenType, image: string, start: number, end: number, keywordId?: KeywordId, value?: string) => IToken,
): number {
  const end = quotedNameEnd(text, start, close);
  if (end > 0) {
    const name = text.slice(start + 1, end - 1);
    push(Identifier, name, start, end, undefined, name);
    return end;
  }
  // Not a name: up to the closing quote on this line (or the line's end), reported once and read as
  // the name it holds, so the declaration around it is still read.
  let j = start + 1;
  while (j < text.length && text[j] !== close && text[j] !== '\n') j++;
  const stop = text[j] === close ? j + 1 : j;
  if (!counted(sink, start)) sink.add('KH-P010', { start, end: stop }, M.badQuotedName({ text: text.slice(start, stop) }));
  const inner = text.slice(start + 1, j).trim();
  push(Identifier, inner, start, stop, undefined, inner);
  return stop;
}
