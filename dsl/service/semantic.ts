// Semantic tokens: each name coloured by what it is (indicator, input, enum member …), which a
// lexical grammar cannot know. The editor paints keywords, numbers, strings and comments lexically
// (Monarch) and lays these over them. Offsets are UTF-16, like everything in the service.

import type { ServiceDocument } from './document.js';
import type { Target } from './targets.js';

export const TOKEN_TYPES = [
  'enum', 'member', 'grade', 'input', 'field', 'let', 'table', 'panel', 'category', 'indicator', 'group',
  'list', 'item', 'action', 'example', 'function', 'result', 'binder', 'scheme', 'unresolved',
] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
export const TOKEN_MODIFIERS = ['declaration'] as const;

export interface SemanticToken { start: number; length: number; type: TokenType; declaration: boolean }

export function semanticTokens(doc: ServiceDocument): SemanticToken[] {
  return doc.occurrences.map((o) => ({
    start: o.span.start, length: o.span.end - o.span.start, type: o.target ? tokenType(o.target) : 'unresolved', declaration: o.decl,
  }));
}

function tokenType(t: Target): TokenType {
  switch (t.kind) {
    case 'sym':
      switch (t.sym.kind) {
        case 'adjust': return 'let';
        case 'scale': return 'table'; // a named set of constants, coloured as tables are
        case 'negative': case 'reward': return 'list';
        default: return t.sym.kind;
      }
    case 'builtin': case 'cohortFn': return 'function';
    case 'param': return 'binder'; // a function's parameter: a local name, coloured as binders are
    default: return t.kind;
  }
}
