// kaohe condition expressions → json-rules-engine condition JSON. What the JSON form expresses
// directly is written directly: `and`/`or`/`not` become all/any/not; a comparison of a fact with a
// constant or another fact becomes one fact condition (numbers through the exact operators of
// exact.ts, enums, text and bools through equal/notEqual/in; an ordered-enum comparison with a
// member becomes `in` with the members that satisfy it). Anything else — arithmetic, aggregates,
// table lookups, `if` — becomes a computed fact named after its source position (`expr@LINE:COL`),
// evaluated by the kaohe evaluator, so the rules stay complete and honest about what they delegate.
//
// Short-circuit: json-rules-engine evaluates the members of all/any of equal priority in parallel,
// but kaohe's `and`/`or` must not evaluate what they skip (a skipped part may fail or refer to an
// indicator that does not apply). Members therefore get strictly decreasing priorities, which the
// engine evaluates one priority level at a time, stopping as soon as the result is known.

import type { BinaryExpr, CompareOp, Expr, InExpr, NameRef } from '../../dsl/ast.js';
import type { CheckedScheme, Type } from '../../dsl/check/types.js';
import { typeName } from '../../dsl/check/types.js';
import { Rational } from '../../dsl/rational.js';
import type { SourceFile } from '../../dsl/source.js';
import { GRADE_ENUM } from '../../dsl/symbols.js';
import { scaleSpec } from '../scales.js';
import { compareHolds, flip, isCompareOp } from '../../dsl/ops.js';
import { exactText, NUMERIC_OP } from './exact.js';

export type FactRef = { fact: string; path?: string };
/** A value in a condition or an event: an exact number as text, a member/text/bool literal, or a fact. */
export type Operand = string | boolean | null | FactRef;
export type JreCondition =
  | { all: JreCondition[]; priority?: number }
  | { any: JreCondition[]; priority?: number }
  | { not: JreCondition; priority?: number }
  | { fact: string; path?: string; operator: string; value: Operand | Operand[]; priority?: number };

export type FactKind = 'input' | 'let' | 'adjust' | 'indicator' | 'group' | 'result' | 'computed';
export interface FactSpec {
  id: string;
  kind: FactKind;
  /** Indicator/group/result facts in grade and outcome rules are the reported (rounded) values. */
  reported: boolean;
  /** The expression the kaohe evaluator computes for this fact (a name, or the computed expression). */
  node: Expr;
  type: string;
  /** Source text and position of a computed fact. */
  expr?: string;
  /** Its value reads a cohort aggregate (issue 13): only kaohe's cohort evaluation computes it. */
  cohort?: true;
  line?: number;
  column?: number;
}

type Const = { kind: 'num'; v: Rational } | { kind: 'lit'; v: string | boolean } | { kind: 'member'; enumName: string; index: number; name: string };

export class ConditionCompiler {
  readonly facts = new Map<string, FactSpec>();

  constructor(private readonly checked: CheckedScheme, private readonly file: SourceFile) {}

  /** A rule's root condition (json-rules-engine wants all/any/not at the root). */
  root(e: Expr, reported: boolean, used: Set<string>): JreCondition {
    const c = this.cond(e, reported, used);
    return 'all' in c || 'any' in c || 'not' in c ? c : { all: [c] };
  }

  cond(e: Expr, reported: boolean, used: Set<string>): JreCondition {
    if (e.kind === 'Binary' && (e.op === 'and' || e.op === 'or')) {
      const parts: Expr[] = [];
      const flatten = (x: Expr) => { if (x.kind === 'Binary' && x.op === e.op) { flatten(x.left); flatten(x.right); } else parts.push(x); };
      flatten(e);
      const members = sequential(parts.map((p) => this.cond(p, reported, used)));
      return e.op === 'and' ? { all: members } : { any: members };
    }
    if (e.kind === 'Unary' && e.op === 'not') return { not: this.cond(e.operand, reported, used) };
    if (e.kind === 'Binary' && isCompareOp(e.op)) return this.compare(e, reported, used);
    if (e.kind === 'In') return this.inSet(e, reported, used);
    // A boolean value of its own (a bool input or let, any/all, if …): the fact must be true.
    const f = this.asFact(e, reported, used);
    return { ...f, operator: 'equal', value: true };
  }

  /** A value as an operand: a constant literal, a fact, or a computed fact. */
  operand(e: Expr, reported: boolean, used: Set<string>): Operand {
    const c = this.constant(e);
    if (c) return constOperand(c);
    return this.asFact(e, reported, used);
  }

  private compare(e: BinaryExpr, reported: boolean, used: Set<string>): JreCondition {
    const op = e.op as CompareOp;
    const t = this.typeOf(e.left).kind !== 'error' ? this.typeOf(e.left) : this.typeOf(e.right);
    let l: Expr = e.left, r: Expr = e.right, o: CompareOp = op;
    if (this.constant(l) && !this.constant(r)) { l = e.right; r = e.left; o = flip(op); }
    if (this.constant(l)) return this.computed(e, reported, used); // two constants: let kaohe fold it
    if (t.kind === 'number') {
      return { ...this.asFact(l, reported, used), operator: NUMERIC_OP[o], value: this.operand(r, reported, used) };
    }
    if (o === '==' || o === '!=') {
      return { ...this.asFact(l, reported, used), operator: o === '==' ? 'equal' : 'notEqual', value: this.operand(r, reported, used) };
    }
    const m = this.constant(r);
    if (t.kind === 'enum' && m?.kind === 'member') {
      // An ordered enum against a member: the set of members for which the comparison holds.
      const names = this.members(m.enumName);
      const holds = names.filter((_, i) => {
        const d = m.enumName === GRADE_ENUM ? m.index - i : i - m.index; // grades: lower index is better
        return compareHolds(o, d);
      });
      return { ...this.asFact(l, reported, used), operator: 'in', value: holds };
    }
    return this.computed(e, reported, used);
  }

  private inSet(e: InExpr, reported: boolean, used: Set<string>): JreCondition {
    if (e.of) return this.inNamed(e, e.of, reported, used);
    const consts = e.set.map((x) => this.constant(x));
    if (consts.some((c) => !c) || this.constant(e.value)) return this.computed(e, reported, used);
    const numeric = this.typeOf(e.value).kind === 'number';
    const value = e.set.map((x) => this.operand(x, reported, used));
    return { ...this.asFact(e.value, reported, used), operator: numeric ? 'exactIn' : 'in', value };
  }

  /** `x in SCALE` → `exactIn` the scale's values; `x in L` (a list input or let of numbers, members,
   * texts, dates or bools) → `exactIn`/`in` with the list fact as the value, which json-rules-engine
   * resolves per run. A constant on the left, or a list of records or lists (compared by identity in
   * JSON), stays a computed fact. */
  private inNamed(e: InExpr, of: NameRef, reported: boolean, used: Set<string>): JreCondition {
    if (this.constant(e.value)) return this.computed(e, reported, used);
    const r = this.checked.refs.get(of);
    if (r?.kind === 'scale') {
      const value = scaleSpec(r.decl).values.map(exactText);
      return { ...this.asFact(e.value, reported, used), operator: 'exactIn', value };
    }
    const t = this.typeOf(of);
    const element = t.kind === 'list' ? t.element.kind : undefined;
    if ((r?.kind !== 'input' && r?.kind !== 'let') || !element || !LISTED.has(element)) return this.computed(e, reported, used);
    return { ...this.asFact(e.value, reported, used), operator: element === 'number' ? 'exactIn' : 'in', value: this.asFact(of, reported, used) };
  }

  private computed(e: Expr, reported: boolean, used: Set<string>): JreCondition {
    return { ...this.asFact(e, reported, used), operator: 'equal', value: true };
  }

  /** The fact standing for `e`: a named fact when `e` is a name (or a field of a record input), else computed. */
  asFact(e: Expr, reported: boolean, used: Set<string>): FactRef {
    const type = typeName(this.typeOf(e));
    if (e.kind === 'Name') {
      const r = this.checked.refs.get(e);
      if (r && (r.kind === 'input' || r.kind === 'let' || r.kind === 'adjust' || r.kind === 'indicator' || r.kind === 'group' || r.kind === 'result')) {
        const rep = reported && (r.kind === 'indicator' || r.kind === 'group');
        const id = rep ? `${r.name}@reported` : r.name;
        this.declare({ id, kind: r.kind, reported: rep || r.kind === 'result', node: e, type }, used);
        return { fact: id };
      }
    }
    if (e.kind === 'Field' && e.object.kind === 'Name' && this.checked.refs.get(e.object)?.kind === 'input'
      && this.typeOf(e.object).kind === 'record') {
      const inner = this.asFact(e.object, reported, used);
      return { fact: inner.fact, path: `$.${e.field.name}` };
    }
    const p = this.file.position(e.span.start);
    const id = `expr@${p.line}:${p.column}`;
    this.declare({ id, kind: 'computed', reported, node: e, type, expr: this.file.slice(e.span).replace(/\s+/g, ' '), line: p.line, column: p.column }, used);
    return { fact: id };
  }

  private declare(spec: FactSpec, used: Set<string>): void {
    if (!this.facts.has(spec.id)) this.facts.set(spec.id, spec);
    used.add(spec.id);
  }

  private typeOf(e: Expr): Type {
    return this.checked.types.get(e) ?? { kind: 'error' };
  }

  private members(enumName: string): string[] {
    if (enumName === GRADE_ENUM) return this.checked.symbols.gradeNames; // one per grade, best first: a grade may head several lines (issue 13)
    return this.checked.symbols.enums.get(enumName)?.members.map((m) => m.name.name) ?? [];
  }

  /** A constant: number literals and arithmetic over them (folded exactly), text, bools, members. */
  constant(e: Expr): Const | undefined {
    switch (e.kind) {
      case 'Number': { const v = Rational.parse(e.text, e.percent); return v && { kind: 'num', v }; }
      case 'String': return { kind: 'lit', v: e.value };
      case 'Bool': return { kind: 'lit', v: e.value };
      case 'Unary': {
        const c = e.op === '-' ? this.constant(e.operand) : undefined;
        return c?.kind === 'num' ? { kind: 'num', v: c.v.neg() } : undefined;
      }
      case 'Binary': {
        if (!['+', '-', '*', '/'].includes(e.op)) return undefined;
        const a = this.constant(e.left), b = this.constant(e.right);
        if (a?.kind !== 'num' || b?.kind !== 'num') return undefined;
        switch (e.op) {
          case '+': return { kind: 'num', v: a.v.add(b.v) };
          case '-': return { kind: 'num', v: a.v.sub(b.v) };
          case '*': return { kind: 'num', v: a.v.mul(b.v) };
          default: return b.v.isZero() ? undefined : { kind: 'num', v: a.v.div(b.v) }; // x/0 stays an evaluation error
        }
      }
      case 'Name': {
        const r = this.checked.refs.get(e);
        if (r && (r.kind === 'member' || r.kind === 'grade')) return { kind: 'member', enumName: r.enumName, index: r.index, name: r.name };
        return undefined;
      }
      default: return undefined;
    }
  }
}

/** A constant as the rules write it: a number as exact text, a member by name, a text or bool as is. */
function constOperand(c: Const): Operand {
  switch (c.kind) {
    case 'num': return exactText(c.v);
    case 'member': return c.name;
    case 'lit': return c.v;
  }
}

/** Element kinds whose JSON values compare by value (json-rules-engine `in` uses `===`). */
const LISTED = new Set<Type['kind']>(['number', 'enum', 'text', 'date', 'bool']);

/** Strictly decreasing priorities: evaluated one at a time, first to last (see the header). */
export function sequential<T extends object>(items: T[]): (T & { priority?: number })[] {
  if (items.length < 2) return items;
  return items.map((c, i) => ({ ...c, priority: items.length - i }));
}
