// Completion: what may be typed at the cursor. The block the cursor is in (context.ts) and the
// tokens just before it decide the categories (candidates.ts): declaration keywords at the start of
// a statement, types after `name:` in `input`, enum members where an enum is expected (`岗位 == |`,
// `x in { | }`, `levels x { | }`, `given { 岗位: | }`), fields after `t.`, panel categories in a
// ratings object, the scheme's names and built-ins in expressions.

import { functions, inFunction } from './complete-functions.js';
import { quotaItems, quotaTableMembers } from './complete-quotas.js';
import type { KeywordId } from '../keywords.js';
import type { TypeExpr } from '../ast.js';
import { GRADE_ENUM } from '../symbols.js';
import * as c from './candidates.js';
import type { CompletionItem, Env } from './candidates.js';
import { cursorContext, statementTokens, type CursorContext } from './context.js';
import type { ServiceDocument } from './document.js';
import type { UiLang } from './messages.js';
import type { Tok } from './scan.js';
import { elementOf, enumOfType, fieldsOf } from './targets.js';
import { subjectValueItems } from './complete-cohort-examples.js';
import { cohortFnItems } from './complete-cohort.js';
import { bindersInScope, keysInBlock, pathEndingAt, resolvePath, typeOfGivenPath } from './text-paths.js';

export interface Completion { items: CompletionItem[]; from: number; to: number }

const SCHEME_DECLS: KeywordId[] = [
  'version', 'period', 'precision', 'total', 'cohortBy', 'rankBy', 'enum', 'table', 'panel', 'input', 'let', 'adjust',
  'group', 'indicator', 'when', 'negative', 'reward', 'grades', 'outcomes', 'example', 'function', 'scale',
];
const EXPR_KEYWORDS: KeywordId[] = ['if', 'then', 'else', 'and', 'or', 'not', 'in', 'true', 'false', 'bands', 'levels', 'linear', 'rate', 'overall', 'cohort'];
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);

export function complete(doc: ServiceDocument, offset: number, ui: UiLang = 'zh'): Completion {
  const toks = doc.tokens;
  const ctx = cursorContext(doc.text, toks, offset);
  const env: Env = { syms: doc.symbols, lang: doc.lang, ui, text: doc.text };
  const done = (items: CompletionItem[]): Completion => ({ items: dedupe(items), from: ctx.from, to: ctx.to });
  if (ctx.inert) return done([]);
  const binders = bindersInScope(toks, ctx);
  const prev = ctx.prev;
  if (prev?.p === '.') {
    const subject = subjectValueItems(toks, ctx, env); // `A1.` in a cohort example (issue 13)
    if (subject) return done(subject);
    const path = pathEndingAt(toks, ctx.prevIndex - 1);
    return done(c.members(fieldsOf(resolvePath(path, binders, env), env.syms!), env));
  }
  const stmt = statementTokens(toks, ctx, doc.text);
  const start = ctx.lineStart && stmt.length === 0;
  const after = (kw: KeywordId) => prev?.kw === kw;
  if (after('period')) return done(c.keywords(['annual', 'quarterly', 'monthly', 'special'], env, 0));
  if (after('missing')) return done(c.keywords(['renormalize', 'zero', 'error'], env, 0));
  if (after('ratingsOf')) return done(c.panels(env));
  if (after('cap')) return done(c.grades(env));
  if (after('improve')) return done(c.keywords(['below'], env, 0));
  if (after('grades')) return done(c.keywords(['byCommittee', 'tiebreak'], env, 0)); // `grades by committee tiebreak …` (issue 13)
  if (after('byCommittee')) return done(c.keywords(['tiebreak'], env, 0));
  const expr = () => done(expression(ctx, env, toks, binders));
  const cohortFns = cohortFnItems(toks, ctx, env); // `overall |` (issue 13)
  if (cohortFns) return done(cohortFns);
  // `rate X` takes a ratings input: offer only those.
  if (after('rate')) return done(c.inputs(env, 0).filter((i) => env.syms?.inputs.get(i.label)?.type.kind === 'RatingsType'));

  const inFn = inFunction(toks, ctx, env, () => expression(ctx, env, toks, binders)); // issue 12
  if (inFn) return done(inFn);
  switch (ctx.block.kind) {
    case 'top': return done(c.keywords(['scheme'], env, 0));
    case 'scheme':
      if (start) return done(c.keywords(SCHEME_DECLS, env, 0));
      return memberStatement(stmt, prev) ?? ((stmt[0]?.kw === 'grades' || stmt[0]?.kw === 'rankBy') && prev?.kind === 'ident' && stmt.length > 1 ? done(c.keywords(['asc', 'desc'], env, 0)) : expr());
    case 'group': case 'when':
      if (start) return done(c.keywords(['indicator', 'group', 'when'], env, 0));
      return memberStatement(stmt, prev) ?? expr();
    case 'input': case 'record':
      if (prev?.p === ':' || after('listOf')) return done(c.types(env));
      if (after('for') && stmt.some((t) => t.kw === 'resultsOf')) return done(c.inputs(env, 0).filter((i) => holdsId(env.syms?.inputs.get(i.label)?.type))); // issue 14 part 2
      if (prev?.p === '=') return done([...valueOfType(env.syms?.inputs.get(stmt[0]?.text ?? '')?.type, env), ...expression(ctx, env, toks, binders)]);
      return done([]);
    case 'enum': return done([]);
    case 'table': return prev?.p === ':' ? expr() : done(tableKeys(toks, ctx, env));
    case 'panel':
      if (start) return done(c.keywords(['trim', 'missing', 'criteria', 'scale'], env, 0)); // criteria, scale: issue 12
      if (prev?.kind === 'ident' || prev?.kind === 'string') return done(c.keywords(['weight'], env, 0));
      if (prev?.kind === 'number' && stmt.some((t) => t.kw === 'weight')) return done(c.keywords(['min'], env, 0));
      return done([]);
    case 'rules': {
      if (start) return done(c.keywords(['item'], env, 0));
      const arrow = stmt.findIndex((t) => t.p === '=>');
      if (arrow >= 0 && (prev?.p === '=>' || prev?.p === ',')) return done(c.keywords(['veto', 'cap', 'nograde', 'deduct', 'add', 'action'], env, 0));
      if (after('action')) return done(c.actions(env));
      if (arrow >= 0 && prev?.kind === 'number') return done(c.keywords(['per', 'max'], env, 0));
      if (arrow < 0 && (prev?.kind === 'ident' || prev?.kind === 'string') && !stmt.some((t) => t.kw === 'when')) return done(c.keywords(['when'], env, 0));
      return expr();
    }
    case 'grades':
      if (start) return done(c.grades(env));
      if (prev?.kind === 'ident' && stmt.length === 1) return done(c.keywords(['when', 'otherwise'], env, 0));
      return ((q) => (q ? done(q) : expr()))(quotaItems(stmt, prev, env)); // issue 13
    case 'quotaTable': return prev?.p === ':' ? done([]) : done(quotaTableMembers(toks, ctx.block.open, env));
    case 'outcomes':
      if (start) return done(c.keywords(['bonusByGrade', 'action', 'improve'], env, 0));
      if (after('action')) return done(c.actions(env));
      return expr();
    case 'bonus': return prev?.p === ':' ? expr() : done(c.grades(env));
    case 'levels': return prev?.p === ':' ? expr() : done([...levelsKeys(toks, ctx, env, binders), ...c.keywords(['else'], env, 5)]);
    case 'set': return done([...setMembers(toks, ctx, env, binders), ...expression(ctx, env, toks, binders)]);
    case 'example':
      if (start) return done(c.keywords(['given', 'expect'], env, 0));
      return expr();
    case 'given': case 'object': case 'list': return done(givenItems(toks, ctx, env));
    default: return expr();
  }

  /** Inside `indicator X … = …` / `group X … {`: share keywords before `=`, an expression after. */
  function memberStatement(stmt: Tok[], prev: Tok | undefined): Completion | undefined {
    const head = stmt[0]?.kw;
    if (head !== 'indicator' && head !== 'group') return undefined;
    if (stmt.some((t) => t.p === '=')) return undefined;
    if (prev?.kind === 'ident' || prev?.kind === 'string') return done(c.keywords(head === 'group' ? ['weight', 'points', 'normalize'] : ['weight', 'points'], env, 0));
    if (prev?.kind === 'number' && head === 'indicator') return done(c.keywords(['range'], env, 0));
    return done([]);
  }
}

/** What may follow `results of SCHEME for` (issue 14 part 2): a text or enum-typed input (KH-C169). */
function holdsId(t: TypeExpr | undefined): boolean {
  return (t?.kind === 'PrimType' && t.name === 'text') || t?.kind === 'NamedType';
}

/** Names and keywords in an expression; enum members first where the left side of a comparison is an enum. */
function expression(ctx: CursorContext, env: Env, toks: readonly Tok[], binders: Map<string, string[]>): CompletionItem[] {
  const out: CompletionItem[] = [];
  if (ctx.prev?.kind === 'punct' && COMPARE.has(ctx.prev.p!)) {
    const left = pathEndingAt(toks, ctx.prevIndex - 1);
    if (left.length === 1 && (left[0] === 'grade' || left[0] === '评定等次')) out.push(...c.grades(env));
    else out.push(...valueOfType(resolvePath(left, binders, env), env));
  }
  for (const [name, list] of binders) {
    out.push({ label: name, kind: 'binder', sortText: `1${name}`, detail: `∈ ${list.join('.')}` });
  }
  out.push(...c.valueNames(env));
  if (ctx.blocks.some((b) => b.kind === 'grades' || b.kind === 'outcomes' || b.kind === 'example')) out.push(...c.resultNames(env));
  if (ctx.blocks.some((b) => b.kind === 'example')) out.push(...c.exampleResultNames(env)); // issue 12
  out.push(...functions(env), ...c.builtins(env), ...c.periodNames(env), ...c.keywords(EXPR_KEYWORDS, env, 7));
  if (ctx.block.kind === 'paren' && binders.size > 0) out.push(...c.keywords(['where', 'weightedBy'], env, 6));
  return out;
}

/** Values an expected declared type admits: enum members, or true/false. */
function valueOfType(t: TypeExpr | undefined, env: Env): CompletionItem[] {
  if (!t || !env.syms) return [];
  const en = enumOfType(t, env.syms);
  if (en) return c.enumMembers(en, env);
  if (t.kind === 'PrimType' && t.name === 'bool') return c.keywords(['true', 'false'], env, 0);
  return [];
}

/** `given { key: value }` at any depth: keys are inputs / fields / categories; values by type. */
function givenItems(toks: readonly Tok[], ctx: CursorContext, env: Env): CompletionItem[] {
  if (!env.syms) return [];
  const path = ctx.block.path ?? [];
  const prev = ctx.prev;
  if (prev?.p === ':' && ctx.prev2) return valueOfType(typeOfGivenPath([...path, ctx.prev2.text], env), env);
  if (ctx.block.kind === 'list') return valueOfType(elementOf(typeOfGivenPath(path, env)), env);
  if (prev && prev.p !== '{' && prev.p !== ',') return [];
  const used = keysInBlock(toks, ctx);
  if (path.length === 0) return c.inputs(env, 0, used);
  return c.members(fieldsOf(typeOfGivenPath(path, env), env.syms).filter((m) => !used.has(m.name)), env);
}



function setMembers(toks: readonly Tok[], ctx: CursorContext, env: Env, binders: Map<string, string[]>): CompletionItem[] {
  const left = pathEndingAt(toks, ctx.block.open - 2); // `x in {`: the path before `in`
  return valueOfType(resolvePath(left, binders, env), env);
}

function levelsKeys(toks: readonly Tok[], ctx: CursorContext, env: Env, binders: Map<string, string[]>): CompletionItem[] {
  let j = ctx.block.open - 1;
  while (j >= 0 && toks[j].kw !== 'levels') j--;
  const subject: string[] = [];
  for (let k = j + 1; k < ctx.block.open; k++) if (toks[k].kind === 'ident') subject.push(toks[k].text);
  return valueOfType(resolvePath(subject, binders, env), env);
}

/** Keys of a table: the enum of the keys already written, else every enum's members. */
function tableKeys(toks: readonly Tok[], ctx: CursorContext, env: Env): CompletionItem[] {
  for (let i = ctx.block.open + 1; i < toks.length && toks[i].p !== '}'; i++) {
    const m = toks[i].kind === 'ident' && toks[i + 1]?.p === ':' ? env.syms?.members.get(toks[i].text) : undefined;
    const en = m?.find((x) => x.enumName !== GRADE_ENUM);
    if (en) return c.enumMembers(env.syms!.enums.get(en.enumName)!, env);
  }
  return c.allMembers(env, 0);
}




function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.label) && !!seen.add(i.label));
}
