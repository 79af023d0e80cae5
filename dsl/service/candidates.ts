// Completion candidates by category: keywords in the file's keyword language, the scheme's names,
// enum members, types, fields. complete.ts decides which categories a position wants.

import { BUILTINS, builtinText, EXAMPLE_RESULT_NAMES, keywordText, PERIOD_NAMES, RESULT_NAMES, type KeywordId, type Lang } from '../keywords.js';
import type { EnumDecl, Field, TypeExpr } from '../ast.js';
import type { SymbolTable } from '../symbols.js';
import { builtinDoc, say, W, word, type UiLang } from './messages.js';
import type { Member } from './targets.js';

export type CompletionKind =
  | 'keyword' | 'input' | 'let' | 'table' | 'indicator' | 'group' | 'enum' | 'member' | 'grade' | 'panel'
  | 'category' | 'field' | 'function' | 'result' | 'binder' | 'action' | 'type';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Defaults to the label. */
  insertText?: string;
  /** Lower sorts first; items of one call are already in a sensible order. */
  sortText?: string;
}

export interface Env { syms?: SymbolTable; lang: Lang; ui: UiLang; text: string }

export function keywords(ids: readonly KeywordId[], env: Env, rank = 5): CompletionItem[] {
  return ids.map((id) => ({
    label: keywordText(id, env.lang), kind: 'keyword' as const, sortText: `${rank}${keywordText(id, env.lang)}`,
    detail: env.lang === 'zh' ? keywordText(id, 'en') : keywordText(id, 'zh'),
  }));
}

const typeText = (t: TypeExpr, env: Env) => env.text.slice(t.span.start, t.span.end);

export function inputs(env: Env, rank = 2, except: ReadonlySet<string> = new Set()): CompletionItem[] {
  return [...(env.syms?.inputs.values() ?? [])].filter((f) => !except.has(f.name.name)).map((f) => fieldItem(f, 'input', env, rank));
}

function fieldItem(f: Field, kind: 'input' | 'field', env: Env, rank: number): CompletionItem {
  return {
    label: f.name.name, kind, sortText: `${rank}${f.name.name}`,
    detail: f.default
      ? say('fieldDetailDefault', env.ui, { kind: W[kind](), type: typeText(f.type, env), value: env.text.slice(f.default.span.start, f.default.span.end) })
      : say('fieldDetail', env.ui, { kind: W[kind](), type: typeText(f.type, env) }),
    documentation: f.label?.value,
  };
}

/** Names an expression may use: inputs, lets, tables, indicators, groups, adjust. */
export function valueNames(env: Env, rank = 2): CompletionItem[] {
  const out: CompletionItem[] = inputs(env, rank);
  for (const s of env.syms?.names.values() ?? []) {
    if (s.kind === 'let' || s.kind === 'adjust' || s.kind === 'table' || s.kind === 'indicator' || s.kind === 'group') {
      const label = 'decl' in s && 'label' in s.decl ? s.decl.label?.value : undefined;
      out.push({
        label: s.name, kind: s.kind === 'adjust' ? 'let' : s.kind, sortText: `${rank}${s.name}`,
        detail: label ? say('labelled', env.ui, { kind: W[s.kind](), label }) : word(s.kind, env.ui),
      });
    }
  }
  return out;
}

export function builtins(env: Env, rank = 6): CompletionItem[] {
  return Object.keys(BUILTINS).map((b) => ({
    label: builtinText(b, env.lang), kind: 'function' as const, sortText: `${rank}${b}`,
    detail: word('builtin', env.ui), documentation: builtinDoc(b, env.ui),
  }));
}

/** `periodStart`/`周期开始`, `periodEnd`/`周期结束`: dates usable in every expression (issue 12). */
export function periodNames(env: Env, rank = 6): CompletionItem[] {
  return Object.keys(PERIOD_NAMES).map((r) => ({
    label: builtinText(r, env.lang), kind: 'result' as const, sortText: `${rank}${r}`,
    detail: word('period', env.ui), documentation: builtinDoc(r, env.ui),
  }));
}

/** `actions`/`采取措施`, `provisional`/`暂定`, `items`/`触发事项`: only in an example's `expect` (issue 12). */
export function exampleResultNames(env: Env, rank = 3): CompletionItem[] {
  return Object.keys(EXAMPLE_RESULT_NAMES).map((r) => ({
    label: builtinText(r, env.lang), kind: 'result' as const, sortText: `${rank}${r}`,
    detail: word('result', env.ui), documentation: builtinDoc(r, env.ui),
  }));
}

export function resultNames(env: Env, rank = 3): CompletionItem[] {
  return Object.keys(RESULT_NAMES).map((r) => ({
    label: builtinText(r, env.lang), kind: 'result' as const, sortText: `${rank}${r}`,
    detail: word('result', env.ui), documentation: builtinDoc(r, env.ui),
  }));
}

export function enumMembers(e: EnumDecl, env: Env, rank = 0): CompletionItem[] {
  return e.members.map((m, i) => ({
    label: m.name.name, kind: 'member' as const, sortText: `${rank}${String(i).padStart(4, '0')}`,
    detail: say('enumOf', env.ui, { name: e.name.name }), documentation: m.label?.value,
  }));
}

export function allMembers(env: Env, rank = 4): CompletionItem[] {
  return [...(env.syms?.enums.values() ?? [])].flatMap((e) => enumMembers(e, env, rank));
}

export function grades(env: Env, rank = 0): CompletionItem[] {
  // one item per grade, though it may head several lines (issue 13)
  const first = (env.syms?.grades ?? []).filter((g, i, all) => all.findIndex((x) => x.name.name === g.name.name) === i);
  return first.map((g, i) => ({
    label: g.name.name, kind: 'grade' as const, sortText: `${rank}${String(i).padStart(4, '0')}`,
    detail: word('grade', env.ui), documentation: g.label?.value,
  }));
}

export function panels(env: Env): CompletionItem[] {
  return [...(env.syms?.names.values() ?? [])].filter((s) => s.kind === 'panel')
    .map((s) => ({ label: s.name, kind: 'panel' as const, detail: word('panel', env.ui), sortText: `0${s.name}` }));
}

export function actions(env: Env): CompletionItem[] {
  return [...(env.syms?.actions.values() ?? [])].map((a) => ({ label: a.name, kind: 'action' as const, detail: word('action', env.ui), documentation: a.label }));
}

/** Types for an input field: primitives, `list of`, `ratings of`, and the enums. */
export function types(env: Env): CompletionItem[] {
  const enums = [...(env.syms?.enums.values() ?? [])].map((e) => ({
    label: e.name.name, kind: 'enum' as const, detail: word('enum', env.ui), sortText: `1${e.name.name}`,
  }));
  return [...keywords(['number', 'integer', 'bool', 'text', 'listOf', 'ratingsOf'], env, 0), ...enums];
}

export function members(ms: Member[], env: Env, rank = 0): CompletionItem[] {
  return ms.map((m, i) => m.kind === 'field'
    ? { ...fieldItem(m.field, 'field', env, rank), sortText: `${rank}${String(i).padStart(4, '0')}` }
    : {
      label: m.name, kind: 'category' as const, sortText: `${rank}${String(i).padStart(4, '0')}`,
      detail: say('of', env.ui, { kind: W.category(), owner: m.panel.name.name }), documentation: m.cat.label?.value,
    });
}
