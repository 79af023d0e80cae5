// Keywords written as names. `indicator 其他 = …` (an indicator the document calls 其他, "other") is a
// keyword where the grammar wants a name: recovery skipped the declaration, and the only message was
// "expected a name but found `其他`". A keyword can be a name when quoted (`` `其他` ``, `「其他」`; the
// lexer, issue 12), and this says so: when a syntax error sits on a keyword, the keyword is read as a
// name and the file parsed again; the reading is kept only if the parse then has no problem up to the
// keyword (misspelt keywords, typos.ts, must also leave fewer problems). The caller reports
// each kept reading as KH-P011 with a fix that quotes the name, and the rest of the file is parsed and
// checked as if it were quoted. At most MAX_READINGS extra parses (a name is often used several times),
// none for a parse that stopped, and none for keywords that start declarations or join expressions.

import type { IToken, TokenType } from 'chevrotain';
import type { Token } from './lexer.js';
import { DECL_STARTS } from './parser.js';
import { Identifier, Kw } from './tokens.js';
import { keywordOf } from '../keywords.js';
import { problemCount, type ParseRun } from './typos.js';

/** Most extra parses one file gets while reading keywords as names. */
export const MAX_READINGS = 8;

/** Keywords never read as names: those that start a declaration, member or item, and the words that
 * join expressions — there a syntax error is a missing piece, not a name (`let a = 1 +` then `let b`). */
const STRUCTURAL = new Set<TokenType>([
  ...DECL_STARTS, Kw.item, Kw.given, Kw.expect, Kw.when, Kw.if, Kw.then, Kw.else, Kw.and, Kw.or, Kw.not, Kw.in, Kw.where,
  Kw.days, Kw.months, Kw.years, // `d + days`: the amount is missing, not a name
]);

/** Keywords the file declares as names without quotes (a parameter or input `满分: number`, read as a
 * name by the lexer before `:`): a use of one is read as that name even when the keyword is
 * structural (`满分` = `total` starts a declaration), so `x / 满分` gets KH-P011 "quote it" too. */
function declaredKeywordNames(tokens: readonly IToken[]): Set<string> {
  const out = new Set<string>();
  for (const t of tokens) if (t.tokenType === Identifier && (t as Token).value === undefined && keywordOf(t.image)) out.add(t.image);
  return out;
}

/** The keyword token `tok` read as a name (same place and spelling). */
function asName(tok: IToken): Token {
  return { image: tok.image, startOffset: tok.startOffset, endOffset: tok.endOffset, tokenType: Identifier, tokenTypeIdx: Identifier.tokenTypeIdx!, keywordId: undefined, value: undefined };
}

/** Reads keywords at syntax errors as names, greedily from the first problem on: `tokens` is changed
 * in place to the readings kept; returns the parse of the result and the keyword tokens read as names. */
export function readKeywordNames<R extends ParseRun>(tokens: IToken[], first: R, reparse: () => R | undefined): { run: R; names: IToken[] } {
  let best = first;
  const names: IToken[] = [];
  if (first.stopped || problemCount(first) === 0) return { run: best, names };
  const tried = new Set<number>();
  const declared = declaredKeywordNames(tokens);
  for (let budget = MAX_READINGS; budget > 0; budget--) {
    const next = best.problemTokens
      .filter((t) => (t as Token).keywordId !== undefined && (!STRUCTURAL.has(t.tokenType) || declared.has(t.image))
        && !t.image.includes(' ') && !tried.has(t.startOffset))
      .sort((a, b) => a.startOffset - b.startOffset)[0];
    if (!next) break;
    tried.add(next.startOffset);
    const i = tokens.findIndex((t) => t === next);
    if (i < 0) continue;
    tokens[i] = asName(next);
    const run = reparse();
    // Kept when the keyword is accepted there: the first problem moves past it. (More problems may show
    // after it: text that recovery had skipped is read now — `指标 最高 … = 其他`, and uses of the name.)
    if (run && !run.stopped && !run.problemTokens.some((t) => t.startOffset <= next.startOffset)) {
      best = run;
      names.push(next);
    } else tokens[i] = next;
  }
  return { run: best, names };
}
