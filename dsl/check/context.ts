// What the checker passes share: the tree, the symbol table, the diagnostic sink and the maps that
// the resolve pass fills (refs, types) and later passes read. Passes run in a fixed order (index.ts);
// a pass may rely on the maps of the passes before it.

import type { Expr, Field, Name, NameRef, ParsedFile, Scheme, Span, TypeExpr } from '../ast.js';
import type { SourceFile } from '../source.js';
import type { MemberSym, SymbolTable } from '../symbols.js';
import { Rational } from '../rational.js';
import type { Sink } from './sink.js';
import type { Resolved, Type } from './types.js';
import { placeMembers, type Placed } from './walk.js';

/** Where an expression occurs: decides which names it may use (result names, binders …). */
export type Area = 'scheme' | 'rule' | 'grades' | 'tiebreak' | 'outcomes' | 'example';

export interface CheckContext {
  parsed: ParsedFile;
  file: SourceFile;
  scheme: Scheme;
  symbols: SymbolTable;
  sink: Sink;
  refs: Map<NameRef, Resolved>;
  types: Map<Expr, Type>;
  memberRefs: Map<Name, MemberSym>;
  /** Resolved types of input fields, record fields and list elements (by TypeExpr node). */
  typeExprs: Map<TypeExpr, Type>;
  /** Table name → the enum its keys belong to. */
  tableKeys: Map<string, string>;
  /** Indicators and groups with their `when` conditions, in source order. Passes loop over this
   * (and `symbols.all`) by index: a pass body runs once per check, mostly unoptimized, and there a
   * for-of allocates an iterator result per element — 10k of them on large schemes. */
  placed: Placed[];
  placedByDecl: Map<object, Placed>;
  /** Names of symbols referred to from outside examples (for the unused checks). */
  used: Set<object>;
  /** Every bands, levels and linear form, collected while typing (for the coverage and order checks). */
  forms: Expr[];
  /** Names resolved to a let, adjust, indicator, group or table, plus divisions, counted while typing: the
   * shared walk (facts.ts) looks only for these, so when there are none it is skipped. */
  siteCount: number;
  /** Set by the chains pass when a dependency chain is deeper than its limit (KH-C061). */
  chainsTooDeep: boolean;
  /** The parse reported no error (CheckOptions.complete): the tree holds no Error node. */
  complete: boolean;
}

export interface Pass {
  name: string;
  /** The pass reads through lets and references recursively (conditions.ts, interval.ts): it does
   * not run when a chain is too deep (passes/chains.ts). */
  followsReferences?: boolean;
  run(ctx: CheckContext): void;
}

export function createContext(parsed: ParsedFile, file: SourceFile, scheme: Scheme, symbols: SymbolTable,
  sink: Sink, complete = false): CheckContext {
  const placed = placeMembers(scheme.decls);
  let byDecl: Map<object, Placed> | undefined;
  return {
    parsed, file, scheme, symbols, sink,
    refs: new Map(), types: new Map(), memberRefs: new Map(), typeExprs: new Map(), tableKeys: new Map(),
    placed, used: new Set(), forms: [], siteCount: 0, chainsTooDeep: false, complete,
    // Built on first use: only references to indicators and groups need it (parents are `up`).
    get placedByDecl() {
      if (!byDecl) {
        byDecl = new Map();
        for (let i = 0; i < placed.length; i++) byDecl.set(placed[i].decl, placed[i]);
      }
      return byDecl;
    },
  };
}

/** The exact value of a numeric literal, or a constant expression made of literals and `-`. */
export function constValue(e: Expr | undefined): Rational | undefined {
  if (!e) return undefined;
  if (e.kind === 'Number') return literal(e.text, e.percent);
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

/** Parsed literals by text, without and with `%` (null: malformed). Literals are read by several
 * passes (shares, thresholds, bounds) and their texts repeat (`5%`, `100`), so each text is parsed
 * once — also on the first check of a file. Values are immutable, so one serves every node. Cleared
 * when large: a long-running server must not keep every literal it has seen. */
const LITERALS = [new Map<string, Rational | null>(), new Map<string, Rational | null>()];
function literal(text: string, isPercent: boolean): Rational | undefined {
  const cache = LITERALS[isPercent ? 1 : 0];
  let v = cache.get(text);
  if (v === undefined) {
    if (cache.size >= 10_000) cache.clear();
    v = Rational.parse(text, isPercent) ?? null;
    cache.set(text, v);
  }
  return v ?? undefined;
}

/** Percent text of a rational for messages: 0.9 → `90%`. */
export function percent(r: Rational): string {
  return `${r.mul(Rational.HUNDRED).toDecimalString(4)}%`;
}

/** Source text quoted in a message: on one line and, when longer than `max` characters, cut with `…`
 * — a call as its head (`overall max(…)`, `any(…)`), anything else after `max - 1` characters. */
export function shortCode(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const open = t.indexOf('(');
  return open > 0 && open < max && closes(t, open) === t.length - 1 ? `${t.slice(0, open)}(…)` : `${t.slice(0, max - 1)}…`;
}

/** Where the bracket opened at `open` closes (text quoted in strings aside: this only shortens). */
function closes(t: string, open: number): number {
  let depth = 0;
  for (let i = open; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Line of a span, for messages that point at another declaration. */
export function lineOf(ctx: CheckContext, span: Span): number {
  return ctx.file.position(span.start).line;
}

export type { Field };
