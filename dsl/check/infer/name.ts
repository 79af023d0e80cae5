// Resolving a bare name (NameRef): binder → result name → enum member of the expected enum →
// declared name → enum member/grade by uniqueness → unknown. Every resolution is recorded in
// `refs`; the type of the name is returned. An unknown name glued to a Chinese keyword (`当岗位`)
// is reported as KH-P006 with a fix that inserts the missing space.

import type { NameRef } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import type { Msg, MsgArg } from '../../i18n/index.js';
import { canonicalBuiltin, EXAMPLE_RESULT_NAMES, gluedKeywordSplits, keywordText, RESULT_NAMES } from '../../keywords.js';
import { GRADE_ENUM, lookup, type MemberSym, type Sym } from '../../symbols.js';
import { lineOf } from '../context.js';
import { andList, kindMsg, KW, M } from '../messages.js';
import { BOOL, DATE, ERROR, NUMBER, TEXT, type ResultName, type Type } from '../types.js';
import { inferLet } from './expr.js';
import { nameInFunction } from './functions.js';
import { cohortArgResult } from './cohort.js';
import { report, type InferState, type Scope } from './state.js';

export function memberType(st: InferState, m: MemberSym): Type {
  if (m.kind === 'grade') return { kind: 'enum', name: GRADE_ENUM, ordered: true };
  return { kind: 'enum', name: m.enumName, ordered: st.ctx.symbols.enums.get(m.enumName)?.ordered ?? false };
}

export function memberWhere(st: InferState, m: MemberSym): Msg {
  const line = lineOf(st.ctx, m.span);
  return m.kind === 'grade' ? M.whereGrades({ line }) : M.whereEnum({ enum: m.enumName, line });
}

/** `enum 自评 (line 2) and enum 他评 (line 3)`. */
export function membersWhere(st: InferState, ms: readonly MemberSym[]): MsgArg {
  return andList(ms.map((m) => memberWhere(st, m)));
}

function resultType(name: ResultName): Type {
  if (name === 'actions' || name === 'items') return LIST_OF_TEXT;
  if (name === 'provisional') return BOOL;
  return name === 'grade' ? { kind: 'enum', name: GRADE_ENUM, ordered: true } : NUMBER;
}

const LIST_OF_TEXT: Type = { kind: 'list', element: TEXT };

export function symType(st: InferState, s: Exclude<Sym, MemberSym>, e: NameRef): Type {
  const { ctx } = st;
  switch (s.kind) {
    case 'input': return ctx.typeExprs.get(s.decl.type) ?? ERROR;
    case 'let': return inferLet(st, s.decl);
    case 'adjust': case 'indicator': case 'group': return NUMBER;
    case 'table': return { kind: 'table', name: s.name, key: ctx.tableKeys.get(s.name), value: tableValue(st, s.name) };
    case 'panel':
      return report(st, 'KH-C005', e.span, M.panelNotValue({ name: s.name }));
    default:
      return report(st, 'KH-C005', e.span, M.notAValue({ name: s.name, kind: M.a({ x: kindMsg(s) }) }));
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
  for (const [kw, rest] of e.quoted ? [] : gluedKeywordSplits(e.name)) {
    if (knownName(st, scope, rest)) {
      const at = e.span.start + kw.length;
      const meant = lookup(st.ctx.symbols, rest);
      if (meant && scope.area !== 'example') st.ctx.used.add(meant); // the name is used, only misspelt
      st.ctx.sink.add('KH-P006', e.span, M.gluedKeyword({ name: e.name, kw, rest }),
        fixOf(M.fixInsertSpace({ kw }), [{ span: { start: at, end: at }, text: ' ' }]));
      return ERROR;
    }
  }
  // Examples have their own namespace (issue 12): a name that is only an example's is still not a value.
  const ex = st.ctx.symbols.all.find((s) => s.kind === 'example' && s.name === e.name);
  if (ex) return report(st, 'KH-C005', e.span, M.notAValue({ name: e.name, kind: M.a({ x: kindMsg(ex) }) }));
  if (scope.area === 'example') return report(st, 'KH-C051', e.span, M.exampleUnknownName({ name: e.name }));
  const bool = e.quoted ? undefined : BOOL_WORDS.get(e.name);
  if (bool !== undefined) return boolWord(st, e, bool);
  return report(st, 'KH-C001', e.span, M.unknownName({ name: e.name }));
}

/** Words people write for yes and no (U5 A-2: `受处分: 布尔 = 假`): the literals are `true`/`false`, 是/否. */
const BOOL_WORDS = new Map<string, 'true' | 'false'>([
  ...['真', '对', '正确', 'True', 'TRUE', 'yes', 'Yes'].map((w) => [w, 'true'] as const),
  ...['假', '错', '错误', 'False', 'FALSE', 'no', 'No'].map((w) => [w, 'false'] as const),
]);

/** KH-C001 for such a word, naming the literals in the scheme's keyword language, with the fix. */
function boolWord(st: InferState, e: NameRef, meant: 'true' | 'false'): Type {
  const lang = st.ctx.parsed.keywordLang;
  const word = keywordText(meant, lang);
  st.ctx.sink.add('KH-C001', e.span, M.boolWord({ name: e.name, yes: keywordText('true', lang), no: keywordText('false', lang) }),
    fixOf(M.fixUseName({ name: word }), [{ span: e.span, text: word }]));
  return ERROR;
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
  const canon = e.quoted ? undefined : e.builtin ?? canonicalBuiltin(e.name); // quoted: a declared name (issue 12)
  if (scope.fn) { // a function's body: its parameters, no subject values (functions.ts)
    const t = nameInFunction(st, e, scope.fn, canon !== undefined && canon in RESULT_NAMES);
    if (t) return t;
  }
  if (canon === 'periodStart' || canon === 'periodEnd') { ctx.refs.set(e, { kind: 'period', name: canon }); return DATE; }
  if (canon !== undefined && canon in EXAMPLE_RESULT_NAMES) {
    // `actions`, `provisional`, `items` exist once an example has been evaluated (issue 12)
    const name = canon as ResultName;
    ctx.refs.set(e, { kind: 'result', name });
    if (scope.area !== 'example') return report(st, 'KH-C110', e.span, M.exampleOnly({ name: e.name, expect: KW.expect() }));
    return resultType(name);
  }
  if (canon !== undefined && canon in RESULT_NAMES) {
    const name = canon as ResultName;
    ctx.refs.set(e, { kind: 'result', name });
    if (scope.cohortArg) { // issue 13: a per-subject value compared across the cohort
      if (name === 'grade' || name === 'bonus') cohortArgResult(st, e, scope.cohortArg);
    } else if (scope.inRule && name !== 'base') {
      report(st, 'KH-C031', e.span, M.resultInRule({ name: e.name }));
    } else if (scope.area !== 'grades' && scope.area !== 'outcomes' && scope.area !== 'example' && scope.area !== 'tiebreak') {
      report(st, 'KH-C009', e.span, M.resultOutside({ name: e.name }));
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
      const want = expected.name === GRADE_ENUM ? M.wantGrade() : M.wantMemberOf({ enum: expected.name });
      return report(st, 'KH-C006', e.span, M.notMemberOf({ name: e.name, want, where: membersWhere(st, members) }));
    }
    if (members.length === 1) return useMember(st, e, members[0]);
    if (expected?.kind === 'error') return ERROR; // the other side is already reported
    return report(st, 'KH-C004', e.span, M.ambiguousMember({ name: e.name, where: membersWhere(st, members) }));
  }
  return unknown(st, e, scope);
}

function useMember(st: InferState, e: NameRef, m: MemberSym): Type {
  st.ctx.refs.set(e, m);
  return memberType(st, m);
}
