// Types of calls, aggregates and the scoring forms (bands, levels, linear, rate), with the arity
// and "wrong use" checks (KH-C008). Levels entries are enum members resolved against the subject's
// enum and recorded in `memberRefs`.

import type { AggregateExpr, BandsExpr, CallExpr, Expr, LevelsExpr, LinearExpr, Name, RateExpr } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import { lookup } from '../../symbols.js';
import { M } from '../messages.js';
import { PR } from '../messages/periods.js';
import { BOOL, ERROR, INTEGER, NUMBER, article, compatible, type Type } from '../types.js';
import { expectType, infer } from './expr.js';
import { membersWhere } from './name.js';
import { inferFunctionCall } from './functions.js';
import { report, type InferState, type Scope } from './state.js';

const LIST_OF_NUMBER: Type = { kind: 'list', element: NUMBER };

/** `argument N of {name}` positions, built once each (the function name is joined only for a message). */
const ARGUMENT: Msg[] = [];
const argumentOf = (i: number) => (ARGUMENT[i] ??= M.pArgN({ n: i + 1 }));

/** Positions of this module, built once. */
const P = {
  arg: M.pArg(), where: M.pWhere(), weight: M.pWeight(), body: M.pBody(), bandScore: M.pBandScore(),
  elseScore: M.pElseScore(), levelScore: M.pLevelScore(), linearSubject: M.pLinearSubject(),
  linearX: M.pLinearX(), linearScore: M.pLinearScore(),
} as const;

/** What a function takes, for KH-C008. */
const TAKES = {
  listOrTwo: M.arListOrTwo(), oneNumberList: M.arOneNumberList(), oneList: M.arOneList(), clamp: M.arClamp(),
  oneNumber: M.arOneNumber(), round: M.arRound(),
} as const;

function numbers(st: InferState, args: Expr[], scope: Scope, fn: string): void {
  for (let i = 0; i < args.length; i++) expectType(st, args[i], NUMBER, scope, argumentOf(i), fn);
}

function inferAll(st: InferState, args: Expr[], scope: Scope): void {
  for (const a of args) infer(st, a, scope);
}

/** Reports a call with the wrong number of arguments; returns `ok`. */
function arity(st: InferState, e: CallExpr, ok: boolean, want: Msg): boolean {
  if (!ok) report(st, 'KH-C008', e.span, M.arity({ name: e.callee.name, want, n: e.args.length }));
  return ok;
}

export function inferCall(st: InferState, e: CallExpr, scope: Scope): Type {
  const fn = e.fn, name = e.callee.name, n = e.args.length;
  switch (fn) {
    case 'min': case 'max':
      if (n === 1) { st.ctx.siteCount++; expectType(st, e.args[0], LIST_OF_NUMBER, scope, P.arg, name); return NUMBER; } // a site: may be empty (KH-C112)
      if (arity(st, e, n >= 2, TAKES.listOrTwo)) numbers(st, e.args, scope, name);
      return NUMBER;
    case 'sum': case 'avg':
      if (arity(st, e, n === 1, TAKES.oneNumberList)) {
        if (fn === 'avg') st.ctx.siteCount++; // a site: may be empty (KH-C112)
        expectType(st, e.args[0], LIST_OF_NUMBER, scope, P.arg, name);
      } else inferAll(st, e.args, scope);
      return NUMBER;
    case 'count': {
      if (!arity(st, e, n === 1, TAKES.oneList)) { inferAll(st, e.args, scope); return INTEGER; }
      const t = infer(st, e.args[0], scope);
      if (t.kind !== 'list' && t.kind !== 'error') report(st, 'KH-C005', e.args[0].span, M.needsList({ name, type: article(t) }));
      return INTEGER;
    }
    case 'clamp': if (arity(st, e, n === 3, TAKES.clamp)) numbers(st, e.args, scope, name); else inferAll(st, e.args, scope); return NUMBER;
    case 'abs': case 'floor': case 'ceil':
      if (arity(st, e, n === 1, TAKES.oneNumber)) numbers(st, e.args, scope, name); else inferAll(st, e.args, scope);
      return fn === 'abs' ? NUMBER : INTEGER;
    case 'round': if (arity(st, e, n === 1 || n === 2, TAKES.round)) numbers(st, e.args, scope, name); else inferAll(st, e.args, scope); return NUMBER;
    case 'any': case 'all':
      inferAll(st, e.args, scope);
      return report(st, 'KH-C008', e.span, M.needsBinder({ name }));
    case 'streak': inferAll(st, e.args, scope); return report(st, 'KH-C165', e.span, PR.streakCall({ fn: M.code({ text: name }) })); // issue 14
    default: {
      const f = lookup(st.ctx.symbols, name);
      if (f?.kind === 'function') { // declared in the scheme (issue 12)
        if (scope.area !== 'example') st.ctx.used.add(f);
        return inferFunctionCall(st, e, f.decl, scope);
      }
      inferAll(st, e.args, scope);
      if (f) return report(st, 'KH-C008', e.callee.span, M.notAFunction({ name }));
      return report(st, 'KH-C001', e.callee.span, M.unknownFunction({ name }));
    }
  }
}

export function inferAggregate(st: InferState, e: AggregateExpr, scope: Scope): Type {
  if (e.fn === 'avg' || e.fn === 'min' || e.fn === 'max') st.ctx.siteCount++; // a site: may be empty (KH-C112)
  const lt = infer(st, e.list, scope);
  let element: Type = ERROR;
  if (lt.kind === 'list') element = lt.element;
  else if (lt.kind !== 'error') report(st, 'KH-C005', e.list.span, M.overList({ name: e.callee.name, type: article(lt) }));
  const inner: Scope = { ...scope, binders: { name: e.binder.name, decl: e, element, parent: scope.binders } };
  if (e.where) expectType(st, e.where, BOOL, inner, P.where);
  if (e.weight) {
    expectType(st, e.weight, NUMBER, inner, P.weight);
    if (e.fn !== 'avg') report(st, 'KH-C008', e.weight.span, M.weightedOnlyAvg({ name: e.callee.name }));
  }
  const boolFn = e.fn === 'any' || e.fn === 'all';
  if (e.body) {
    if (e.fn === 'count' || e.fn === 'streak') { infer(st, e.body, inner); report(st, 'KH-C008', e.body.span, M.noBody({ name: e.callee.name })); }
    else expectType(st, e.body, boolFn ? BOOL : NUMBER, inner, P.body, e.callee.name);
  } else if (e.fn !== 'count' && e.fn !== 'streak' && !(element.kind === 'number' && !boolFn) && element.kind !== 'error') {
    report(st, 'KH-C008', e.span, M.needsBody({ name: e.callee.name, binder: e.binder.name }));
  }
  if (e.fn === 'count' || e.fn === 'streak') return INTEGER; // streak over a `past` input: KH-C165 (issue 14)
  return boolFn ? BOOL : NUMBER;
}

/** Resolves a levels entry against the subject's enum. */
function levelMember(st: InferState, n: Name, enumName: string): void {
  const list = st.ctx.symbols.members.get(n.name);
  const m = list?.find((x) => x.enumName === enumName);
  if (m) { st.ctx.memberRefs.set(n, m); return; }
  if (list) report(st, 'KH-C006', n.span, M.notMemberOf({ name: n.name, want: M.wantMemberOf({ enum: enumName }), where: membersWhere(st, list) }));
  else report(st, 'KH-C001', n.span, M.unknownMember({ name: n.name, enum: enumName }));
}

export function inferForm(st: InferState, e: BandsExpr | LevelsExpr | LinearExpr | RateExpr, scope: Scope): Type {
  if (e.kind !== 'Rate') st.ctx.forms.push(e);
  switch (e.kind) {
    case 'Bands': {
      const s = infer(st, e.subject, scope);
      if (s.kind !== 'number' && s.kind !== 'error' && !(s.kind === 'enum' && s.ordered)) {
        report(st, 'KH-C005', e.subject.span, M.bandsNeedNumber({ type: article(s) }));
      }
      for (const b of e.bands) {
        const t = infer(st, b.threshold, scope, s);
        if (!compatible(t, s) && s.kind !== 'error') {
          report(st, 'KH-C005', b.threshold.span, M.bandThreshold({ want: article(s), found: article(t) }));
        }
        expectType(st, b.score, NUMBER, scope, P.bandScore);
      }
      if (e.else) expectType(st, e.else, NUMBER, scope, P.elseScore);
      return NUMBER;
    }
    case 'Levels': {
      const s = infer(st, e.subject, scope);
      if (s.kind === 'enum') for (const x of e.entries) levelMember(st, x.member, s.name);
      else if (s.kind !== 'error') report(st, 'KH-C005', e.subject.span, M.levelsNeedEnum({ type: article(s) }));
      for (const x of e.entries) expectType(st, x.score, NUMBER, scope, P.levelScore);
      if (e.else) expectType(st, e.else, NUMBER, scope, P.elseScore);
      return NUMBER;
    }
    case 'Linear':
      expectType(st, e.subject, NUMBER, scope, P.linearSubject);
      for (const p of e.points) {
        expectType(st, p.x, NUMBER, scope, P.linearX);
        expectType(st, p.y, NUMBER, scope, P.linearScore);
      }
      return NUMBER;
    case 'Rate': {
      const s = infer(st, e.subject, scope);
      if (s.kind !== 'ratings' && s.kind !== 'error') report(st, 'KH-C008', e.subject.span, M.rateNeedsRatings({ type: article(s) }));
      return NUMBER;
    }
  }
}
