// Chevrotain token types. The lexer is hand-written (lexer.ts) and only creates instances of these;
// the parser (parser-base.ts, parser-decls.ts, parser.ts) consumes them. One token type per keyword concept, whatever its spelling.

import { createToken, Lexer, type TokenType } from 'chevrotain';
import { KEYWORDS, type KeywordId } from '../keywords.js';

const t = (name: string) => createToken({ name, pattern: Lexer.NA });

export const Identifier = t('Identifier');
export const NumberLit = t('NumberLiteral');
export const PercentLit = t('PercentLiteral');
export const StringLit = t('StringLiteral');

export const LCurly = t('LCurly'), RCurly = t('RCurly');
export const LParen = t('LParen'), RParen = t('RParen');
export const LBracket = t('LBracket'), RBracket = t('RBracket');
export const Comma = t('Comma'), Colon = t('Colon'), Dot = t('Dot');
export const Arrow = t('Arrow'), Assign = t('Assign');
export const Plus = t('Plus'), Minus = t('Minus'), Star = t('Star'), Slash = t('Slash');
export const EqEq = t('EqEq'), NotEq = t('NotEq'), LtEq = t('LtEq'), GtEq = t('GtEq'), Lt = t('Lt'), Gt = t('Gt');

/** Keyword token types by keyword id (`Kw.indicator`). */
export const Kw = Object.fromEntries(KEYWORDS.map(([id]) => [id, t(`Kw_${id}`)])) as Record<KeywordId, TokenType>;

export const PUNCTUATION: Record<string, TokenType> = {
  '{': LCurly, '}': RCurly, '(': LParen, ')': RParen, '[': LBracket, ']': RBracket, ',': Comma, ':': Colon,
  '.': Dot, '=>': Arrow, '=': Assign, '+': Plus, '-': Minus, '*': Star, '/': Slash,
  '==': EqEq, '!=': NotEq, '<=': LtEq, '>=': GtEq, '<': Lt, '>': Gt,
};

export const allTokens: TokenType[] = [
  Identifier, NumberLit, PercentLit, StringLit, ...new Set(Object.values(PUNCTUATION)), ...Object.values(Kw),
];
