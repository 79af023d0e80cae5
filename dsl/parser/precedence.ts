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
  return new Climb(steps).parse(0);
}

/** One climb's position and state as fields of one object: the recursion used to be three closures
 * made per chain (and, under tsx, each given its name by a `__name` call — 8 ms of the 10k benchmark). */
class Climb {
  pos = 0;
  /** Where an operand written in parentheses really ends (its `)`): a Unary's or Binary's span reaches
   * it, so `not (a and b)` is not cut to `not (a and b` (an example's failing `expect` quotes it).
   * Made only when an operand is parenthesized. */
  ends: Map<Expr, number> | undefined = undefined;

  constructor(readonly steps: Step[]) {}

  endOf(e: Expr): number {
    return this.ends?.get(e) ?? e.span.end;
  }

  missing(): Expr {
    const prev = this.steps[this.pos - 1];
    const at = prev && 'operand' in prev ? prev.operand.span.end : 0;
    return { kind: 'Error', span: { start: at, end: at } };
  }

  parse(min: number): Expr {
    const steps = this.steps;
    const step = steps[this.pos];
    let left: Expr;
    if (step && 'prefix' in step) {
      this.pos++;
      const not = step.prefix.tokenType === Kw.not;
      const operand = this.parse(not ? NOT_POWER : NEG_POWER);
      left = { kind: 'Unary', op: not ? 'not' : '-', operand, span: { start: step.prefix.startOffset, end: this.endOf(operand) } };
    } else if (step && 'operand' in step) {
      this.pos++;
      left = step.operand;
      if (step.end !== undefined && step.end > left.span.end) (this.ends ??= new Map()).set(left, step.end);
    } else return this.missing();
    for (;;) {
      const op = steps[this.pos];
      if (!op || !('op' in op || 'set' in op || 'interval' in op)) break;
      const name = 'set' in op || 'interval' in op ? 'in' : op.op.tokenType === Kw.or ? 'or' : op.op.tokenType === Kw.and ? 'and' : op.op.image;
      const power = POWER[name];
      if (power < min) break;
      this.pos++;
      if ('set' in op) left = { kind: 'In', value: left, set: op.set, ...(op.of ? { of: op.of } : {}), ...(op.ofSubject ? { ofSubject: op.ofSubject } : {}), span: { start: left.span.start, end: op.end } };
      else if ('interval' in op) left = { kind: 'Interval', value: left, ...op.interval, span: { start: left.span.start, end: op.end } };
      else {
        const right = this.parse(power + 1);
        left = { kind: 'Binary', op: name as BinaryOp, left, right, span: { start: left.span.start, end: Math.max(this.endOf(left), this.endOf(right)) } };
      }
    }
    return left;
  }
}
