// Type inference for expressions. `infer` records the type of every node in `types`; `expected`
// is only a hint for resolving enum members by type (`q == 好` where q is a 平时等次); `expectType`
// also reports a mismatch. One mistake gives one diagnostic: the `error` type matches anything.

import type { BinaryExpr, DurationExpr, Expr, InExpr, LetDecl, NameRef } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import { lookup } from '../../symbols.js';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../../keywords.js';
import { KW, M, named, names } from '../messages.js';
import { BOOL, ERROR, INTEGER, NUMBER, TEXT, article, compatible, type Type } from '../types.js';
import { inferAggregate, inferCall, inferForm } from './forms.js';
import { inferCohortAgg } from './cohort.js';
import { resolveName } from './name.js';
import { subjectField } from './cohort-example.js';
import { inferMembership } from './membership.js';
import { dateLiteral, durationAlone, inferInterval, inferMaybeDate, inferShift } from './dates.js';
import { record, report, type InferState, type Scope } from './state.js';

/** Deepest `infer` nesting at which a let not yet typed is entered. The resolve pass types lets in
 * dependency order (order.ts), so a let is entered from inside another only around a cycle, which
 * the cycles pass reports; the guard keeps a long cycle of deep expressions from overflowing the
 * stack. Far above any expression (TREE_DEPTH_LIMIT is 500) and far below what a cold process
 * survives (test/check/chains-cold.ts). */
export const INFER_DEPTH_GUARD = 600;

export function inferLet(st: InferState, d: LetDecl): Type {
  const known = st.letTypes.get(d);
  if (known) return known;
  if (st.inProgress.has(d) || st.level > INFER_DEPTH_GUARD) return ERROR; // a cycle: reported by the cycles pass
  st.inProgress.add(d);
  const t = infer(st, d.value, { area: 'scheme' });
  st.inProgress.delete(d);
  st.letTypes.set(d, t);
  return t;
}

const isNum = (t: Type) => t.kind === 'number' || t.kind === 'error';
const isBool = (t: Type) => t.kind === 'bool' || t.kind === 'error';

/** Infers `e` and reports KH-C005 unless it has type `want`; `what` names the position for the
 * message, with `of` as its {name} when given (`the score of 甲`). The two parts are joined only for
 * the message: this runs on most nodes, so `what` is a message built once (see SIDE, P). */
export function expectType(st: InferState, e: Expr, want: Type, scope: Scope, what: Msg, of?: string): Type {
  const t = infer(st, e, scope, want);
  if (!compatible(t, want)) {
    report(st, 'KH-C005', e.span, M.typeMismatch({ what: named(what, of), want: article(want), found: article(t) }));
  }
  return t;
}

/** `the left side of '+'` … for every operator, built once. */
const SIDE: Record<string, readonly [Msg, Msg]> = {};
for (const op of ['and', 'or', '+', '-', '*', '/']) {
  const o = op === 'and' ? KW.and() : op === 'or' ? KW.or() : op;
  SIDE[op] = [M.pLeft({ op: o }), M.pRight({ op: o })];
}

/** The other positions of this module, built once. */
const P = { not: M.pOperand({ op: KW.not() }), minus: M.pOperand({ op: '-' }), ifCond: M.pIfCond() } as const;

/** A bare name that is only an enum member: infer the other side of a comparison first. */
function memberOnly(st: InferState, e: Expr, scope: Scope): boolean {
  if (e.kind !== 'Name' || e.builtin) return false;
  for (let b = scope.binders; b; b = b.parent) if (b.name === e.name) return false;
  return !lookup(st.ctx.symbols, e.name) && st.ctx.symbols.members.has(e.name);
}

function inferBinary(st: InferState, e: BinaryExpr, scope: Scope): Type {
  const op = e.op;
  if (op === 'and' || op === 'or') {
    expectType(st, e.left, BOOL, scope, SIDE[op][0]);
    expectType(st, e.right, BOOL, scope, SIDE[op][1]);
    return BOOL;
  }
  if (op === '+' || op === '-' || op === '*' || op === '/') {
    if (op === '/') st.ctx.siteCount++; // for the division check (facts.ts)
    if ((op === '+' || op === '-') && e.right.kind === 'Duration') return inferShift(st, e as BinaryExpr & { right: DurationExpr }, scope);
    if (e.right.kind === 'Error') { infer(st, e.left, scope); return ERROR; } // `d + days`: a syntax error, the left may be a date
    const l = expectType(st, e.left, NUMBER, scope, SIDE[op][0]);
    const r = expectType(st, e.right, NUMBER, scope, SIDE[op][1]);
    return l.kind === 'number' && r.kind === 'number' && l.integer && r.integer && op !== '/' ? INTEGER : NUMBER;
  }
  // comparison: resolve a bare member against the other side's type
  let l: Type, r: Type;
  if (memberOnly(st, e.left, scope) && !memberOnly(st, e.right, scope)) {
    r = infer(st, e.right, scope);
    l = infer(st, e.left, scope, r);
  } else if (e.left.kind === 'String' && e.right.kind !== 'String') { // `"2026-07-01" <= 日期`
    r = infer(st, e.right, scope);
    l = inferMaybeDate(st, e.left, scope, r);
  } else {
    l = infer(st, e.left, scope);
    r = inferMaybeDate(st, e.right, scope, l);
  }
  if (l.kind === 'error' || r.kind === 'error') return BOOL;
  const same = compatible(l, r);
  if (!same) {
    report(st, 'KH-C005', e.span, M.cannotCompare({ left: article(l), right: article(r) }));
  } else if (op !== '==' && op !== '!=') {
    if (l.kind === 'enum' && !l.ordered) {
      report(st, 'KH-C005', e.span, M.enumNotOrdered({ name: l.name }));
    } else if (l.kind !== 'number' && l.kind !== 'enum' && l.kind !== 'date') {
      report(st, 'KH-C005', e.span, M.orderNeedsNumbers({ op, type: article(l) }));
    }
  } else if (l.kind !== 'number' && l.kind !== 'enum' && l.kind !== 'bool' && l.kind !== 'text' && l.kind !== 'date') {
    report(st, 'KH-C005', e.span, M.cannotCompareWith({ type: article(l), op }));
  }
  return BOOL;
}

export function infer(st: InferState, e: Expr, scope: Scope, expected?: Type): Type {
  st.level++;
  const t = inferInner(st, e, scope, expected);
  st.level--;
  return record(st, e, t);
}

function inferInner(st: InferState, e: Expr, scope: Scope, expected?: Type): Type {
  switch (e.kind) {
    case 'Number': return !e.percent && isDigits(e.text) ? INTEGER : NUMBER;
    case 'String': return expected?.kind === 'date' ? dateLiteral(st, e) : TEXT; // a default, an argument: a date context
    case 'Bool': return BOOL;
    case 'Name': return resolveName(st, e, scope, expected);
    case 'Unary':
      if (e.op === 'not') { expectType(st, e.operand, BOOL, scope, P.not); return BOOL; }
      return expectType(st, e.operand, NUMBER, scope, P.minus);
    case 'Binary': return inferBinary(st, e, scope);
    case 'In': {
      if (e.of) return inferMembership(st, e as InExpr & { of: NameRef }, scope); // `X in actions` (issue 12)
      const v = infer(st, e.value, scope);
      for (const x of e.set) {
        const t = inferMaybeDate(st, x, scope, v);
        if (!compatible(t, v)) report(st, 'KH-C005', x.span, M.inMismatch({ op: KW.in(), left: article(v), right: article(t) }));
      }
      return BOOL;
    }
    case 'If': {
      const c = expectType(st, e.cond, BOOL, scope, P.ifCond);
      void c;
      const a = infer(st, e.then, scope, expected);
      const b = infer(st, e.else, scope, expected ?? (a.kind === 'enum' ? a : undefined));
      if (a.kind === 'error') return b;
      if (b.kind === 'error') return a;
      if (a.kind === 'number' && b.kind === 'number') return a.integer && b.integer ? INTEGER : NUMBER;
      if (!compatible(a, b)) return report(st, 'KH-C005', e.span, M.ifBranchesDiffer({ a: article(a), b: article(b) }));
      return a;
    }
    case 'Field': {
      const subject = subjectField(st, e, scope); // `A1.grade` in a cohort example (issue 13)
      if (subject) return subject;
      const o = infer(st, e.object, scope);
      if (o.kind === 'error') return ERROR;
      if (o.kind === 'record') {
        const f = o.fields.get(o.periodResult ? canonicalIn(PERIOD_RESULT_FIELDS, e.field.name) ?? e.field.name : e.field.name);
        return f ?? report(st, 'KH-C007', e.field.span, M.unknownField({ name: e.field.name, fields: names([...o.fields.keys()]) }));
      }
      // `季度结果.score`: one field of every period's result, a list (issue 14)
      if (o.kind === 'list' && o.element.kind === 'record' && o.element.periodResult) {
        const f = o.element.fields.get(canonicalIn(PERIOD_RESULT_FIELDS, e.field.name) ?? e.field.name);
        return f ? { kind: 'list', element: f } : report(st, 'KH-C007', e.field.span, M.unknownField({ name: e.field.name, fields: names([...o.element.fields.keys()]) }));
      }
      if (o.kind === 'ratings') {
        const p = st.ctx.symbols.names.get(o.panel);
        const cats = p?.kind === 'panel' ? p.decl.categories.map((c) => c.name.name) : [];
        if (!cats.includes(e.field.name)) {
          return report(st, 'KH-C007', e.field.span, M.noCategory({ panel: o.panel, name: e.field.name, categories: names(cats) }));
        }
        return { kind: 'list', element: NUMBER };
      }
      return report(st, 'KH-C005', e.span, M.noFields({ type: article(o) }));
    }
    case 'Index': {
      const o = infer(st, e.object, scope);
      if (o.kind !== 'table') {
        infer(st, e.index, scope);
        return o.kind === 'error' ? ERROR : report(st, 'KH-C008', e.span, M.onlyTableIndexed({ type: article(o) }));
      }
      const key: Type = o.key ? { kind: 'enum', name: o.key, ordered: st.ctx.symbols.enums.get(o.key)?.ordered ?? false } : ERROR;
      const i = infer(st, e.index, scope, key);
      if (!compatible(i, key)) report(st, 'KH-C005', e.index.span, M.tableKeyType({ name: o.name, key: article(key), found: article(i) }));
      return o.value;
    }
    case 'Call': return inferCall(st, e, scope);
    case 'Aggregate': return inferAggregate(st, e, scope);
    case 'CohortAgg': return inferCohortAgg(st, e, scope);
    case 'Bands': case 'Levels': case 'Linear': case 'Rate': return inferForm(st, e, scope);
    case 'Object': case 'List':
      for (const c of e.kind === 'Object' ? e.entries.map((x) => x.value) : e.items) infer(st, c, scope);
      return report(st, 'KH-C005', e.span, e.kind === 'Object' ? M.objectLiteral() : M.listLiteral());
    case 'Duration': return durationAlone(st, e);
    case 'Interval': return inferInterval(st, e, scope);
    case 'Error': return ERROR;
  }
}

/** `/^\d+$/.test(s)` without a regex call per literal. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c < 48 || c > 57) return false; }
  return true;
}

export { isNum, isBool };
