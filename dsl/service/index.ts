// The language service for the editor: pure functions over text and UTF-16 offsets (no editor
// types), so the same code runs in the browser's worker, in tests and anywhere else. Ranges are
// 0-based offsets, end exclusive, like AST spans; the editor adapter converts them.
//
//   const ls = new LanguageService();
//   ls.update(text);                  // re-analyses; returns the diagnostics
//   ls.complete(offset) / ls.hover(offset) / ls.definition(offset) / ls.codeActions(span)
//   ls.format() / ls.semanticTokens() / ls.outline() / ls.contract()

import type { Span } from '../ast.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Lang } from '../keywords.js';
import { complete, type Completion } from './complete.js';
import { inputContract, type Contract } from './contract.js';
import { definition, references } from './definition.js';
import { ServiceDocument } from './document.js';
import { codeActions, type CodeAction, type TextEdit } from './fixes.js';
import { formatDocument } from './format.js';
import { hover, type Hover } from './hover.js';
import type { UiLang } from './messages.js';
import { outline, type OutlineItem } from './outline.js';
import { semanticTokens, type SemanticToken } from './semantic.js';

export class LanguageService {
  private doc?: ServiceDocument;
  /** Language of the service's own words (hover headings, completion details). */
  ui: UiLang;

  constructor(opts: { ui?: UiLang } = {}) {
    this.ui = opts.ui ?? 'zh';
  }

  /** Sets the text; the analysis happens here, once per text. */
  update(text: string): Diagnostic[] {
    if (this.doc?.text !== text) this.doc = new ServiceDocument(text, this.doc);
    return this.doc.diagnostics;
  }

  get document(): ServiceDocument {
    if (!this.doc) this.doc = new ServiceDocument('');
    return this.doc;
  }

  diagnostics(): Diagnostic[] { return this.document.diagnostics; }
  complete(offset: number): Completion { return complete(this.document, offset, this.ui); }
  hover(offset: number): Hover | undefined { return hover(this.document, offset, this.ui); }
  definition(offset: number): Span | undefined { return definition(this.document, offset); }
  references(offset: number): Span[] { return references(this.document, offset); }
  codeActions(span: Span): CodeAction[] { return codeActions(this.document, span, this.ui); }
  format(keywords?: Lang): TextEdit[] | undefined { return formatDocument(this.document, keywords); }
  semanticTokens(): SemanticToken[] { return semanticTokens(this.document); }
  outline(): OutlineItem[] { return outline(this.document); }
  contract(): Contract { return inputContract(this.document); }
}

export { ServiceDocument, complete, hover, definition, references, codeActions, formatDocument, semanticTokens, outline };
export { TOKEN_TYPES, TOKEN_MODIFIERS } from './semantic.js';
export type { Contract, FieldSpec, TypeSpec } from './contract.js';
export type { Completion, Hover, CodeAction, TextEdit, SemanticToken, UiLang, OutlineItem };
export type { CompletionItem, CompletionKind } from './candidates.js';
