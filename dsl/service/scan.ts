// A forgiving token scanner for the language service. The parser's lexer is internal to dsl/parser
// (and builds Chevrotain tokens); the service needs something lighter that never fails, works on
// half-typed text and keeps comments, so completion can read "what comes before the cursor" and
// colouring can cover every character. Keywords are recognised exactly as the lexer does: whole
// words, in either language, multi-word English keywords joined.

import { keywordOf, multiWordKeyword, type KeywordId } from '../keywords.js';

export type TokKind = 'ident' | 'keyword' | 'number' | 'string' | 'comment' | 'punct' | 'other';

export interface Tok {
  kind: TokKind;
  start: number;
  end: number;
  text: string;
  /** For keywords. */
  kw?: KeywordId;
  /** For punctuation: the ASCII spelling (full-width `：` → `:`). */
  p?: string;
}

const WORD = /[\p{L}_][\p{L}\p{N}_]*/uy;
const NUMBER = /\d+(?:\.\d+)?%?/y;
const SPACE = /[ \t\r\n\u3000\u00a0\ufeff]+/y;
const TWO = new Set(['==', '!=', '<=', '>=', '=>']);
const FULLWIDTH: Record<string, string> = { '：': ':', '，': ',', '（': '(', '）': ')', '【': '[', '】': ']' };
const ONE = new Set([...'{}()[],:.=<>+-*/']);

export function scan(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const push = (kind: TokKind, start: number, end: number, extra: Partial<Tok> = {}) =>
    out.push({ kind, start, end, text: text.slice(start, end), ...extra });
  while (i < text.length) {
    SPACE.lastIndex = i;
    if (SPACE.test(text)) { i = SPACE.lastIndex; continue; }
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = text.length;
      push('comment', i, j); i = j; continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      const end = j < 0 ? text.length : j + 2;
      push('comment', i, end); i = end; continue;
    }
    if (c === '"' || c === '“') {
      const close = c === '"' ? '"' : '”';
      let j = i + 1;
      while (j < text.length && text[j] !== close && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(text.length, j < text.length && text[j] === close ? j + 1 : j);
      push('string', i, end); i = end; continue;
    }
    WORD.lastIndex = i;
    const w = WORD.exec(text);
    if (w) {
      let end = i + w[0].length;
      let kw = keywordOf(w[0]);
      const seconds = multiWordKeyword(w[0]);
      if (seconds) {
        for (const [rest, id] of seconds) {
          const after = matchWords(text, end, rest.split(' '));
          if (after > 0) { kw = id; end = after; break; }
        }
      }
      push(kw ? 'keyword' : 'ident', i, end, kw ? { kw } : {});
      i = end; continue;
    }
    NUMBER.lastIndex = i;
    const n = NUMBER.exec(text);
    if (n) { push('number', i, i + n[0].length); i += n[0].length; continue; }
    const two = text.slice(i, i + 2);
    if (TWO.has(two)) { push('punct', i, i + 2, { p: two }); i += 2; continue; }
    if (ONE.has(c)) { push('punct', i, i + 1, { p: c }); i++; continue; }
    if (FULLWIDTH[c]) { push('punct', i, i + 1, { p: FULLWIDTH[c] }); i++; continue; }
    push('other', i, i + 1); i++;
  }
  return out;
}

/** After `end`, the words `words` separated by spaces/tabs: the offset after the last, or 0. */
function matchWords(text: string, end: number, words: string[]): number {
  let i = end;
  for (const word of words) {
    const s = i;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i === s || !text.startsWith(word, i)) return 0;
    i += word.length;
    WORD.lastIndex = i;
    if (i < text.length && /[\p{L}\p{N}_]/u.test(text[i])) return 0;
  }
  return i;
}

/** Index of the last token ending at or before `offset` (-1 if none). */
export function tokenBefore(toks: readonly Tok[], offset: number): number {
  let lo = 0, hi = toks.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= offset) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

/** The token containing `offset` (start <= offset < end), or the one ending exactly at it. */
export function tokenAt(toks: readonly Tok[], offset: number): Tok | undefined {
  const i = tokenBefore(toks, offset);
  const next = toks[i + 1];
  if (next && next.start <= offset && offset < next.end) return next;
  const prev = toks[i];
  return prev && prev.end === offset ? prev : undefined;
}
