// What the checker passes share: the tree, the symbol table, the diagnostic sink and the maps that
// the resolve pass fills (refs, types) and later passes read. Passes run in a fixed order (index.ts);
// a pass may rely on the maps of the passes before it.

import type { Expr, Field, Name, NameRef, ParsedFile, Scheme, Span, TypeExpr } from '../ast.js';
import type { DiagnosticSink } from '../diagnostics.js';
import type { SourceFile } from '../source.js';
import type { MemberSym, SymbolTable } from '../symbols.js';
import { Rational } from '../rational.js';
import type { Resolved, Type } from './types.js';
import { placeMembers, type Placed } from './walk.js';

/** Where an expression occurs: decides which names it may use (result names, binders …). */
export type Area = 'scheme' | 'rule' | 'grades' | 'tiebreak' | 'outcomes' | 'example';

export interface CheckContext {
  parsed: ParsedFile;
  file: SourceFile;
  scheme: Scheme;
  symbols: SymbolTable;
  sink: DiagnosticSink;
  refs: Map<NameRef, Resolved>;
  types: Map<Expr, Type>;
  memberRefs: Map<Name, MemberSym>;
  /** Resolved types of input fields, record fields and list elements (by TypeExpr node). */
  typeExprs: Map<TypeExpr, Type>;
  /** Table name → the enum its keys belong to. */
  tableKeys: Map<string, string>;
  /** Indicators and groups with their `when` conditions, in source order. */
  placed: Placed[];
  placedByDecl: Map<object, Placed>;
  /** Names of symbols referred to from outside examples (for the unused checks). */
  used: Set<object>;
  /** Every bands, levels and linear form, collected while typing (for the coverage and order checks). */
  forms: Expr[];
}

export interface Pass {
  name: string;
  run(ctx: CheckContext): void;
}

export function createContext(parsed: ParsedFile, file: SourceFile, scheme: Scheme, symbols: SymbolTable,
  sink: DiagnosticSink): CheckContext {
  const placed = placeMembers(scheme.decls);
  return {
    parsed, file, scheme, symbols, sink,
    refs: new Map(), types: new Map(), memberRefs: new Map(), typeExprs: new Map(), tableKeys: new Map(),
    placed, placedByDecl: new Map(placed.map((p) => [p.decl, p])), used: new Set(), forms: [],
  };
}

/** The exact value of a numeric literal, or a constant expression made of literals and `-`. */
const literals = new WeakMap<Expr, Rational | undefined>();
export function constValue(e: Expr | undefined): Rational | undefined {
  if (!e) return undefined;
  if (e.kind === 'Number') {
    // Literals are read by several passes (shares, thresholds, bounds): parse each once.
    if (literals.has(e)) return literals.get(e);
    const v = Rational.parse(e.text, e.percent);
    literals.set(e, v);
    return v;
  }
  if (e.kind === 'Unary' && e.op === '-') return constValue(e.operand)?.neg();
  if (e.kind === 'Binary' && (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/')) {
    const l = constValue(e.left), r = constValue(e.right);
    if (!l || !r) return undefined;
    if (e.op === '+') return l.add(r);
    if (e.op === '-') return l.sub(r);
    if (e.op === '*') return l.mul(r);
    return r.isZero() ? undefined : l.div(r);
  }
  return undefined;
}

/** Percent text of a rational for messages: 0.9 → `90%`. */
export function percent(r: Rational): string {
  return `${r.mul(Rational.HUNDRED).toDecimalString(4)}%`;
}

/** Line of a span, for messages that point at another declaration. */
export function lineOf(ctx: CheckContext, span: Span): number {
  return ctx.file.position(span.start).line;
}

export type { Field };
