// Misspelt keywords. `全重 10%` for `权重 10%`, or `inptu {` for `input {`, is a name where the
// grammar wants a keyword: recovery skips what follows, and the checker then reports the skipped
// parts as missing — a weight as absent, the inputs the skipped text used as never used, the name
// itself as unknown. One slip gave half a dozen diagnostics, none of them saying what was wrong.
//
// So when a syntax error sits on a name within one edit of a keyword (two for longer words;
// distance.ts), the name is read as that keyword and the file parsed again; the reading is kept only
// if the keyword is accepted there and the parse has fewer syntax problems than before, so a name
// that merely resembles a keyword (`inp`, one edit from `in`) is never turned into one. The caller reports each kept reading once, with its fix, and the rest of the file
// is parsed and checked as if the keyword were spelt right. At most MAX_REPARSES extra parses, and
// none for a parse that stopped (KH-P009): recovering typos in a flood of errors is not worth it.
// Everyday words for a keyword (`并且` for `且`) are tried the same way, when they stand just before a
// problem (read as a name, the error falls on the token after them).

import type { IToken } from 'chevrotain';
import { nearest } from '../distance.js';
import { KEYWORDS, type KeywordId } from '../keywords.js';
import type { Token } from './lexer.js';
import { Identifier, Kw } from './tokens.js';

/** Most extra parses one file gets while trying readings. */
export const MAX_REPARSES = 4;

/** Readings tried per misspelt word (the nearest keywords). */
const OPTIONS_PER_WORD = 2;

/** What a parse left to report: the tokens at which it found syntax problems. */
export interface ParseRun { problemTokens: IToken[]; stopped: boolean }

/** A misspelt keyword read as the keyword: the token as written, and the spelling it was read as. */
export interface Typo { token: IToken; keyword: KeywordId; spelling: string }

/** Every single-word spelling of every keyword (multi-word keywords are lexed from several words). */
const SPELLINGS = new Map<string, KeywordId>();
for (const [id, en, ...zh] of KEYWORDS) for (const s of [en, ...zh]) if (!s.includes(' ')) SPELLINGS.set(s, id);

/** The keywords a word may have meant, nearest first (none for one-character words: every
 * one-character name is one edit from every one-character keyword). */
export function keywordsNear(word: string): [KeywordId, string][] {
  if ([...word].length < 2) return [];
  return nearest(word, SPELLINGS.keys(), OPTIONS_PER_WORD).map((s) => [SPELLINGS.get(s)!, s]);
}

/** Everyday words for a keyword (U5 A-10: `总分 >= 90 并且 好的次数 >= 2`). Such a word is read as a
 * name — here a new grade line — so the syntax error falls on the token after it; it is tried when it
 * stands just before a problem, and kept on the same terms as a misspelling. */
const EVERYDAY = new Map<string, [KeywordId, string]>([
  ['并且', ['and', '且']], ['而且', ['and', '且']], ['或者', ['or', '或']], ['AND', ['and', 'and']], ['OR', ['or', 'or']],
]);

/** What `word` may have meant: the keyword an everyday word stands for, else the nearest spellings. */
function readingsOf(word: string): [KeywordId, string][] {
  const everyday = EVERYDAY.get(word);
  return everyday ? [everyday] : keywordsNear(word);
}

/** The problem token and, before it, an everyday word for a keyword (the word read as a name). */
function withEveryday(tokens: IToken[], t: IToken): IToken[] {
  const i = indexOf(tokens, t);
  for (const k of [i - 1, i - 2]) if (k >= 0 && EVERYDAY.has(tokens[k].image)) return [t, tokens[k]];
  return [t];
}

/** Distinct positions with a syntax problem: what a reading must reduce to be kept. */
export function problemCount(run: ParseRun): number {
  return new Set(run.problemTokens.map((t) => t.startOffset)).size;
}

/** The token `tok` read as the keyword `id` (same place, the keyword's spelling as its image). */
function asKeyword(tok: IToken, id: KeywordId, spelling: string): Token {
  const type = Kw[id];
  return { image: spelling, startOffset: tok.startOffset, endOffset: tok.endOffset, tokenType: type, tokenTypeIdx: type.tokenTypeIdx!, keywordId: id, value: undefined };
}

/** Index of `tok` in `tokens` (sorted by offset), or -1. */
function indexOf(tokens: IToken[], tok: IToken): number {
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = tokens[mid].startOffset;
    if (at === tok.startOffset) return tokens[mid] === tok ? mid : -1;
    if (at < tok.startOffset) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/**
 * Reads misspelt keywords as the keywords meant, greedily from the first problem on: `tokens` is
 * changed in place to the readings kept, and `first` (the parse of the tokens as lexed) is replaced
 * by the parse of the result. `reparse` parses `tokens` again (undefined when that parse fails
 * outright, e.g. too deep).
 */
export function readTypos<R extends ParseRun>(tokens: IToken[], first: R, reparse: () => R | undefined): { run: R; typos: Typo[] } {
  let best = first;
  let bestCount = problemCount(first);
  const typos: Typo[] = [];
  if (first.stopped || bestCount === 0) return { run: best, typos };
  const tried = new Set<number>();
  let budget = MAX_REPARSES;
  while (budget > 0) {
    const next = best.problemTokens
      .flatMap((t) => withEveryday(tokens, t))
      .filter((t) => t.tokenType === Identifier && (t as Token).value === undefined && !tried.has(t.startOffset)) // a quoted name is meant
      .sort((a, b) => a.startOffset - b.startOffset)
      .find((t) => readingsOf(t.image).length > 0);
    if (!next) break;
    tried.add(next.startOffset);
    const i = indexOf(tokens, next);
    if (i < 0) continue;
    for (const [id, spelling] of readingsOf(next.image)) {
      if (budget-- === 0) break;
      tokens[i] = asKeyword(next, id, spelling);
      const run = reparse();
      if (run && !run.stopped && !run.problemTokens.some((t) => t.startOffset === next.startOffset) && problemCount(run) < bestCount) {
        best = run;
        bestCount = problemCount(run);
        typos.push({ token: next, keyword: id, spelling });
        break;
      }
      tokens[i] = next;
    }
  }
  return { run: best, typos };
}
