// What a name in the text stands for ("targets"), and the type-expression helpers the service uses
// to find record fields and panel categories. Targets carry declarations, so hover and go-to-
// definition need no other lookup. Resolution prefers the checker's `refs`; when the checker could
// not run (or a name is unresolved) the service falls back to the symbol table by name, so a half-
// typed file still gets hovers and definitions.

import type {
  AggregateExpr, EnumDecl, Expr, Field, FunctionDecl, PanelCategory, PanelDecl, Param, Scheme, Span, TypeExpr,
} from '../ast.js';
import type { Sym, SymbolTable } from '../symbols.js';

export type Target =
  | { kind: 'sym'; sym: Sym }
  | { kind: 'enum'; decl: EnumDecl }
  | { kind: 'binder'; name: string; agg: AggregateExpr }
  | { kind: 'result'; name: string }
  | { kind: 'builtin'; name: string }
  /** The function word of a cohort aggregate (`overall max(x)`; issue 13). */
  | { kind: 'cohortFn'; fn: string; scope: 'overall' | 'cohort'; written: string }
  | { kind: 'field'; field: Field }
  | { kind: 'param'; fn: FunctionDecl; param: Param }
  | { kind: 'category'; panel: PanelDecl; cat: PanelCategory }
  | { kind: 'scheme'; scheme: Scheme };

/** Where a target is declared (the name's span), if it is declared in the file. */
export function declSpan(t: Target): Span | undefined {
  switch (t.kind) {
    case 'sym': return t.sym.span;
    case 'enum': return t.decl.name.span;
    case 'binder': return t.agg.binder.span;
    case 'field': return t.field.name.span;
    case 'param': return t.param.name.span;
    case 'category': return t.cat.name.span;
    case 'scheme': return t.scheme.name.span;
    default: return undefined;
  }
}

/** The element type of a list type (or the type itself). */
export function elementOf(t: TypeExpr | undefined): TypeExpr | undefined {
  return t?.kind === 'ListType' ? t.element : t;
}

/** Resolves an expression to the declared type it has, when that is a plain path of names:
 * an input, a binder (its list's element), or a field of either. Enough for `t.` completion. */
export function typeExprOf(e: Expr, syms: SymbolTable, binders: ReadonlyMap<string, AggregateExpr>): TypeExpr | undefined {
  if (e.kind === 'Name') {
    const agg = binders.get(e.name);
    if (agg) return elementOf(typeExprOf(agg.list, syms, binders));
    return syms.inputs.get(e.name)?.type;
  }
  if (e.kind === 'Field') {
    const f = fieldsOf(typeExprOf(e.object, syms, binders), syms);
    const hit = f.find((x) => x.name === e.field.name);
    return hit?.kind === 'field' ? hit.field.type : undefined;
  }
  return undefined;
}

export type Member = { kind: 'field'; name: string; field: Field } | { kind: 'category'; name: string; panel: PanelDecl; cat: PanelCategory };

/** The fields of a record type or the categories of a ratings type. */
export function fieldsOf(t: TypeExpr | undefined, syms: SymbolTable): Member[] {
  if (!t) return [];
  if (t.kind === 'RecordType') return t.fields.map((field) => ({ kind: 'field' as const, name: field.name.name, field }));
  if (t.kind === 'RatingsType') {
    const p = syms.names.get(t.panel.name);
    if (p?.kind !== 'panel') return [];
    return p.decl.categories.map((cat) => ({ kind: 'category' as const, name: cat.name.name, panel: p.decl, cat }));
  }
  return [];
}

/** The enum a declared type names (directly or as the element of a list), if any. */
export function enumOfType(t: TypeExpr | undefined, syms: SymbolTable): EnumDecl | undefined {
  const e = elementOf(t);
  return e?.kind === 'NamedType' ? syms.enums.get(e.name.name) : undefined;
}

export function memberTarget(m: Member): Target {
  return m.kind === 'field' ? { kind: 'field', field: m.field } : { kind: 'category', panel: m.panel, cat: m.cat };
}
