// Syntax error messages for people: tokens are named as they are written (`indicator`, `{`, a name)
// rather than by their internal token names.

import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { keywordText, type KeywordId } from '../keywords.js';

const DESCRIPTIONS: Record<string, string> = {
  Identifier: 'a name', NumberLiteral: 'a number', PercentLiteral: 'a percentage', StringLiteral: 'a string',
  LCurly: '`{`', RCurly: '`}`', LParen: '`(`', RParen: '`)`', LBracket: '`[`', RBracket: '`]`', Comma: '`,`',
  Colon: '`:`', Dot: '`.`', Arrow: '`=>`', Assign: '`=`', Plus: '`+`', Minus: '`-`', Star: '`*`', Slash: '`/`',
  EqEq: '`==`', NotEq: '`!=`', LtEq: '`<=`', GtEq: '`>=`', Lt: '`<`', Gt: '`>`',
};

export function describeTokenType(t: TokenType): string {
  if (t.name.startsWith('Kw_')) {
    const id = t.name.slice(3) as KeywordId;
    return `\`${keywordText(id, 'en')}\`/\`${keywordText(id, 'zh')}\``;
  }
  return DESCRIPTIONS[t.name] ?? t.name;
}

export function describeToken(tok: IToken): string {
  if (tok.tokenType.name === 'EOF') return 'the end of the file';
  return `\`${tok.image}\``;
}

function expectedList(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(describeTokenType(path[0]));
  const list = [...firsts];
  if (list.length > 8) return `${list.slice(0, 8).join(', ')} or …`;
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0] ?? 'something else';
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${describeTokenType(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)} after the end of the scheme`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    return `expected ${expectedList(expectedPathsPerAlt)} but found ${describeToken(actual[0])}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    return `expected ${expectedList([expectedIterationPaths])} but found ${describeToken(actual[0])}`;
  },
};
