// Precedence climbing: an `opExpr` is read as a flat sequence of prefixes, operands, binary
// operators and `in { … }` sets (one grammar rule instead of one per precedence level, which was
// twice as slow), and grouped here by binding power. Binary operators associate to the left.

import type { IToken } from 'chevrotain';
import type { BinaryOp, Expr, NameRef } from '../ast.js';
import { Kw } from './tokens.js';

/** One step of a flat operator sequence: a prefix, an operand, a binary operator, or `in { … }`. */
export type Step = { prefix: IToken } | { operand: Expr; end?: number } | { op: IToken } | { set: Expr[]; of?: NameRef; ofSubject?: NameRef; end: number }
  | { interval: { lo: Expr; hi: Expr; loOpen: boolean; hiOpen: boolean }; end: number };

/** Binding power of binary operators (loosest first); prefix `not` sits between `and` and the
 * comparisons, prefix `-` above `* /`. */
const POWER: Record<string, number> = {
  or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, in: 4, '+': 5, '-': 5, '*': 6, '/': 6,
};
const NOT_POWER = 3, NEG_POWER = 7;

/** Precedence climbing over the flat prefix/operand/operator sequence of an `opExpr`. */
export function climb(steps: Step[]): Expr {
  let pos = 0;
  const missing = (): Expr => {
    const prev = steps[pos - 1];
    const at = prev && 'operand' in prev ? prev.operand.span.end : 0;
    return { kind: 'Error', span: { start: at, end: at } };
  };
  // Where an operand written in parentheses really ends (its `)`): a Unary's or Binary's span reaches
  // it, so `not (a and b)` is not cut to `not (a and b` (an example's failing `expect` quotes it).
  let ends: Map<Expr, number> | undefined; // made only when an operand is parenthesized
  const endOf = (e: Expr) => ends?.get(e) ?? e.span.end;
  const parse = (min: number): Expr => {
    const step = steps[pos];
    let left: Expr;
    if (step && 'prefix' in step) {
      pos++;
      const not = step.prefix.tokenType === Kw.not;
      const operand = parse(not ? NOT_POWER : NEG_POWER);
      left = { kind: 'Unary', op: not ? 'not' : '-', operand, span: { start: step.prefix.startOffset, end: endOf(operand) } };
    } else if (step && 'operand' in step) {
      pos++;
      left = step.operand;
      if (step.end !== undefined && step.end > left.span.end) (ends ??= new Map()).set(left, step.end);
    } else return missing();
    for (;;) {
      const op = steps[pos];
      if (!op || !('op' in op || 'set' in op || 'interval' in op)) break;
      const name = 'set' in op || 'interval' in op ? 'in' : op.op.tokenType === Kw.or ? 'or' : op.op.tokenType === Kw.and ? 'and' : op.op.image;
      const power = POWER[name];
      if (power < min) break;
      pos++;
      if ('set' in op) left = { kind: 'In', value: left, set: op.set, ...(op.of ? { of: op.of } : {}), ...(op.ofSubject ? { ofSubject: op.ofSubject } : {}), span: { start: left.span.start, end: op.end } };
      else if ('interval' in op) left = { kind: 'Interval', value: left, ...op.interval, span: { start: left.span.start, end: op.end } };
      else {
        const right = parse(power + 1);
        left = { kind: 'Binary', op: name as BinaryOp, left, right, span: { start: left.span.start, end: Math.max(endOf(left), endOf(right)) } };
      }
    }
    return left;
  };
  return parse(0);
}
