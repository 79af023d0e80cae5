// Resolving a bare name (NameRef): binder → result name → enum member of the expected enum →
// declared name → enum member/grade by uniqueness → unknown. Every resolution is recorded in
// `refs`; the type of the name is returned. An unknown name glued to a Chinese keyword (`当岗位`)
// is reported as KH-P006 with a fix that inserts the missing space.

import type { NameRef } from '../../ast.js';
import { canonicalBuiltin, gluedKeywordSplits, RESULT_NAMES } from '../../keywords.js';
import { GRADE_ENUM, lookup, type MemberSym, type Sym } from '../../symbols.js';
import { lineOf } from '../context.js';
import { ERROR, NUMBER, type ResultName, type Type } from '../types.js';
import { inferLet } from './expr.js';
import { report, type InferState, type Scope } from './state.js';

export function memberType(st: InferState, m: MemberSym): Type {
  if (m.kind === 'grade') return { kind: 'enum', name: GRADE_ENUM, ordered: true };
  return { kind: 'enum', name: m.enumName, ordered: st.ctx.symbols.enums.get(m.enumName)?.ordered ?? false };
}

export function memberWhere(st: InferState, m: MemberSym): string {
  return `${m.kind === 'grade' ? 'grades' : `enum ${m.enumName}`} (line ${lineOf(st.ctx, m.span)})`;
}

function resultType(name: ResultName): Type {
  return name === 'grade' ? { kind: 'enum', name: GRADE_ENUM, ordered: true } : NUMBER;
}

export function symType(st: InferState, s: Exclude<Sym, MemberSym>, e: NameRef): Type {
  const { ctx } = st;
  switch (s.kind) {
    case 'input': return ctx.typeExprs.get(s.decl.type) ?? ERROR;
    case 'let': return inferLet(st, s.decl);
    case 'adjust': case 'indicator': case 'group': return NUMBER;
    case 'table': return { kind: 'table', name: s.name, key: ctx.tableKeys.get(s.name), value: tableValue(st, s.name) };
    case 'panel':
      return report(st, 'KH-C005', e.span, `'${s.name}' is a panel, not a value; rate an input of type \`ratings of ${s.name}\``);
    default:
      return report(st, 'KH-C005', e.span, `'${s.name}' is ${s.kind === 'item' ? 'an item' : s.kind === 'action' ? 'an action' : s.kind === 'example' ? 'an example' : `a ${s.kind} list`}, not a value`);
  }
}

function tableValue(st: InferState, name: string): Type {
  const s = st.ctx.symbols.names.get(name);
  const first = s?.kind === 'table' ? s.decl.entries[0] : undefined;
  return (first && st.ctx.types.get(first.value)) ?? NUMBER;
}

function knownName(st: InferState, scope: Scope, name: string): boolean {
  for (let b = scope.binders; b; b = b.parent) if (b.name === name) return true;
  return st.ctx.symbols.names.has(name) || st.ctx.symbols.members.has(name);
}

function unknown(st: InferState, e: NameRef, scope: Scope): Type {
  for (const [kw, rest] of gluedKeywordSplits(e.name)) {
    if (knownName(st, scope, rest)) {
      const at = e.span.start + kw.length;
      const meant = lookup(st.ctx.symbols, rest);
      if (meant && scope.area !== 'example') st.ctx.used.add(meant); // the name is used, only misspelt
      st.ctx.sink.add('KH-P006', e.span,
        `'${e.name}' is not a name: the keyword '${kw}' is glued to '${rest}'; put a space between them`,
        { title: `Insert a space after '${kw}'`, edits: [{ span: { start: at, end: at }, text: ' ' }] });
      return ERROR;
    }
  }
  if (scope.area === 'example') return report(st, 'KH-C051', e.span, `the example expects the unknown name '${e.name}'`);
  return report(st, 'KH-C001', e.span, `unknown name '${e.name}'`);
}

/** Resolves `e` into `refs` and returns its type; `infer`, the only caller, records the type. */
export function resolveName(st: InferState, e: NameRef, scope: Scope, expected?: Type): Type {
  const { ctx } = st;
  for (let b = scope.binders; b; b = b.parent) {
    if (b.name === e.name) {
      ctx.refs.set(e, { kind: 'binder', name: b.name, decl: b.decl, element: b.element });
      return b.element;
    }
  }
  const canon = e.builtin ?? canonicalBuiltin(e.name);
  if (canon !== undefined && canon in RESULT_NAMES) {
    const name = canon as ResultName;
    ctx.refs.set(e, { kind: 'result', name });
    if (scope.inRule && name !== 'base') {
      report(st, 'KH-C031', e.span, `'${e.name}' depends on the negative lists and rewards, so an item cannot refer to it (a cycle)`);
    } else if (scope.area !== 'grades' && scope.area !== 'outcomes' && scope.area !== 'example' && scope.area !== 'tiebreak') {
      report(st, 'KH-C009', e.span, `the result name '${e.name}' can be used only in grades, outcomes, tiebreak keys and examples`);
    }
    return resultType(name);
  }
  const members = ctx.symbols.members.get(e.name);
  if (expected?.kind === 'enum' && members) {
    for (const m of members) if (m.enumName === expected.name) return useMember(st, e, m); // no closure per name
  }
  const sym = lookup(ctx.symbols, e.name);
  if (sym) {
    ctx.refs.set(e, sym);
    if (sym.kind === 'let' || sym.kind === 'adjust' || sym.kind === 'indicator' || sym.kind === 'group' || sym.kind === 'table') ctx.siteCount++;
    if (scope.area !== 'example') ctx.used.add(sym);
    return symType(st, sym, e);
  }
  if (members) {
    if (expected?.kind === 'enum') {
      useMember(st, e, members[0]);
      const want = expected.name === GRADE_ENUM ? 'a grade' : `a member of enum ${expected.name}`;
      return report(st, 'KH-C006', e.span, `'${e.name}' is not ${want}; it is declared in ${members.map((m) => memberWhere(st, m)).join(' and ')}`);
    }
    if (members.length === 1) return useMember(st, e, members[0]);
    if (expected?.kind === 'error') return ERROR; // the other side is already reported
    return report(st, 'KH-C004', e.span,
      `'${e.name}' is ambiguous: it is a member of ${members.map((m) => memberWhere(st, m)).join(' and ')}; compare it with a value of the intended type`);
  }
  return unknown(st, e, scope);
}

function useMember(st: InferState, e: NameRef, m: MemberSym): Type {
  st.ctx.refs.set(e, m);
  return memberType(st, m);
}
