// Messages between the page and the language-service worker. Requests carry an id and get one
// reply with the same id; `update` replies with the diagnostics of the text it analysed, tagged
// with the editor's version id so the page can drop answers for text that has changed since.

import type { Diagnostic } from '../../dsl/diagnostics.js';
import type { CodeAction, Completion, Contract, Hover, OutlineItem, SemanticToken, TextEdit, UiLang } from '../../dsl/service/index.js';
import type { Span } from '../../dsl/ast.js';

export interface Requests {
  update: { params: { text: string; version: number }; result: { version: number; diagnostics: Diagnostic[]; ms: number } };
  complete: { params: { offset: number }; result: Completion };
  hover: { params: { offset: number }; result: Hover | undefined };
  definition: { params: { offset: number }; result: Span | undefined };
  references: { params: { offset: number }; result: Span[] };
  codeActions: { params: { span: Span }; result: CodeAction[] };
  format: { params: { keywords?: 'en' | 'zh' }; result: TextEdit[] | undefined };
  semanticTokens: { params: Record<string, never>; result: SemanticToken[] };
  outline: { params: Record<string, never>; result: OutlineItem[] };
  contract: { params: Record<string, never>; result: Contract };
  /** The contract of another text (a round's scheme version), leaving the editor's text alone. */
  contractOf: { params: { text: string }; result: Contract };
  setUi: { params: { ui: UiLang }; result: null };
}

export type Method = keyof Requests;
export interface RequestMsg<M extends Method = Method> { id: number; method: M; params: Requests[M]['params'] }
export interface ReplyMsg { id: number; result?: unknown; error?: string }
