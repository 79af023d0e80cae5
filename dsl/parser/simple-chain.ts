// What the parser may read without its grammar rules: most expressions of a scheme are a lone number
// or name, or a few of them joined by binary operators (`基础值 * 0.9 + 10`, `完成率 >= 1`). Entering
// Chevrotain's rules for them (expression → OR → opExpr → MANY → OR → operand → call, with the
// repetition and lookahead machinery of each) cost most of the time of parsing a large scheme, so the
// parser looks ahead here — plain functions over the token vector — and reads such an expression
// directly when nothing in it can fail (parser-expr.ts `simpleOperand`, `readChain`). Anything else (a
// call, a prefix, `in`, a unit, a suffix, an error) is left to the rules, from its first token.

import type { IToken, TokenType } from 'chevrotain';
import { compareOps } from './parser-base.js';
import { Dot, Identifier, Kw, LBracket, LParen, Minus, NumberLit, PercentLit, Plus, Slash, Star } from './tokens.js';

/** The binary operators of an operator chain (parser-expr.ts `binaryOps`; `in` is not one of them). */
export const BINARY_OPS: readonly TokenType[] = [Kw.or, Kw.and, ...compareOps, Plus, Minus, Star, Slash];
const BINARY: ReadonlySet<TokenType> = new Set(BINARY_OPS);

/** Whether `t` is a binary operator of an operator chain. */
export const isBinaryOp = (t: IToken | undefined): boolean => t !== undefined && BINARY.has(t.tokenType);

/** Whether `tokens[i]` is an operand that the rule `operand` would read as that one token: a number,
 * a percentage or a name, with no `.field`, `[index]`, call or duration unit after it. */
export function simpleOperandAt(tokens: readonly IToken[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined) return false;
  const type = t.tokenType;
  if (type !== NumberLit && type !== PercentLit && type !== Identifier) return false;
  const next = tokens[i + 1]?.tokenType;
  if (next === Dot || next === LBracket) return false;
  return type === Identifier ? next !== LParen : type !== NumberLit || (next !== Kw.days && next !== Kw.months && next !== Kw.years);
}

/** Whether the tokens from `i` on are an operator chain of simple operands (`a`, `a + 1`, `a * 0.9 + 10`)
 * that ends there: what follows its last operand is no binary operator and no `in`. At most `limit`
 * operands are looked at (a longer chain is the rules' to refuse, KH-P008). */
export function simpleChainAt(tokens: readonly IToken[], i: number, limit: number): boolean {
  for (let operands = 0; operands <= limit; operands++, i += 2) {
    if (!simpleOperandAt(tokens, i)) return false;
    const after = tokens[i + 1];
    if (!isBinaryOp(after)) return after?.tokenType !== Kw.in;
  }
  return false;
}
