// Converts between the language service (0-based UTF-16 offsets, plain data, in the worker) and
// Monaco (1-based lines/columns, its own kinds and shapes). Nothing here knows the language: every
// answer comes from dsl/service through the worker. Diagnostics are live: each edit sends the text
// at once and the worker coalesces texts that arrive while it is busy, so the markers lag the
// typing by about one analysis (debounced by the worker's own pace, not by a fixed delay).

import type { Diagnostic } from '../../dsl/diagnostics.js';
import type { Span } from '../../dsl/ast.js';
import type { CompletionKind, OutlineItem, TextEdit } from '../../dsl/service/index.js';
// semantic.ts directly, not the service's index: the page must not bundle the parser and checker.
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../dsl/service/semantic.js';
import { diagText } from './i18n.js';
import { LANGUAGE_ID } from './language.js';
import type { LsClient } from './ls-client.js';
import { monaco } from './monaco.js';

type Model = monaco.editor.ITextModel;

export interface DiagnosticsEvent { version: number; diagnostics: Diagnostic[]; ms: number; at: number }

const CK = monaco.languages.CompletionItemKind;
const COMPLETION_KINDS: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: CK.Keyword, input: CK.Variable, let: CK.Variable, table: CK.Struct, indicator: CK.Property, group: CK.Module,
  enum: CK.Enum, member: CK.EnumMember, grade: CK.EnumMember, panel: CK.Class, category: CK.Property, field: CK.Field,
  function: CK.Function, result: CK.Constant, binder: CK.Variable, action: CK.Event, type: CK.TypeParameter,
};
const SK = monaco.languages.SymbolKind;
const SYMBOL_KINDS: Record<OutlineItem['kind'], monaco.languages.SymbolKind> = {
  scheme: SK.Namespace, enum: SK.Enum, table: SK.Struct, panel: SK.Class, input: SK.Variable, let: SK.Variable,
  group: SK.Module, indicator: SK.Property, list: SK.Array, grades: SK.EnumMember, outcomes: SK.Event, example: SK.Function,
  function: SK.Function,
};

export function toRange(model: Model, s: Span): monaco.Range {
  const a = model.getPositionAt(s.start), b = model.getPositionAt(s.end);
  return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
}

function toSpan(model: Model, r: monaco.IRange): Span {
  return { start: model.getOffsetAt({ lineNumber: r.startLineNumber, column: r.startColumn }), end: model.getOffsetAt({ lineNumber: r.endLineNumber, column: r.endColumn }) };
}

function toEdits(model: Model, edits: TextEdit[]): monaco.languages.TextEdit[] {
  return edits.map((e) => ({ range: toRange(model, e), text: e.text }));
}

export function toMarker(model: Model, d: Diagnostic): monaco.editor.IMarkerData {
  // A zero-width problem (a missing `}` at the end) still needs a visible squiggle: widen it by one.
  const span = d.span.end > d.span.start ? d.span : { start: Math.max(0, d.span.start - (d.span.start >= model.getValueLength() ? 1 : 0)), end: Math.min(model.getValueLength(), d.span.start + 1) };
  const r = toRange(model, span);
  return {
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: diagText(d), code: d.code, source: 'kaohe',
    startLineNumber: r.startLineNumber, startColumn: r.startColumn, endLineNumber: r.endLineNumber, endColumn: r.endColumn,
  };
}

/** Keeps the worker's text equal to the model's and the model's markers equal to its diagnostics. */
export class LiveDocument {
  private sent = -1;
  private listeners = new Set<(e: DiagnosticsEvent) => void>();
  last?: DiagnosticsEvent;

  constructor(readonly model: Model, private client: LsClient) {
    model.onDidChangeContent(() => this.sync());
    this.sync();
  }

  onDiagnostics(f: (e: DiagnosticsEvent) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** Sends the text if the worker has not seen this version; queries call it first. */
  sync(): void {
    const version = this.model.getVersionId();
    if (version === this.sent) return;
    this.sent = version;
    void this.client.call('update', { text: this.model.getValue(), version }).then((r) => {
      if (r.version !== this.model.getVersionId()) return; // typed on since: a newer answer follows
      monaco.editor.setModelMarkers(this.model, 'kaohe', r.diagnostics.map((d) => toMarker(this.model, d)));
      this.last = { ...r, at: performance.now() };
      for (const f of this.listeners) f(this.last);
    });
  }

  call: LsClient['call'] = (method, params) => { this.sync(); return this.client.call(method, params); };
}

/** Whether only blanks stand between an opening brace and the cursor on its line: nothing is offered
 * there unless asked for (Ctrl+Space). */
export function afterOpeningBrace(model: Model, p: monaco.IPosition): boolean {
  return /\{\s*$/.test(model.getLineContent(p.lineNumber).slice(0, p.column - 1));
}

/** Registers every provider for the `kaohe` language against the live document. */
export function registerProviders(doc: LiveDocument, cannotFormat: () => void = () => {}): void {
  const L = monaco.languages;
  const mine = (m: Model) => m === doc.model;
  const off = (m: Model, p: monaco.IPosition) => m.getOffsetAt(p);

  L.registerCompletionItemProvider(LANGUAGE_ID, {
    // Not `{`: a block's opening brace ends a line, and Enter there must make a new line, not accept
    // whatever was offered inside the braces (`grades {` + Enter gave `{绝对值}`).
    triggerCharacters: ['.', ':', '(', ','],
    async provideCompletionItems(model, position, context) {
      if (!mine(model) || (context.triggerKind !== L.CompletionTriggerKind.Invoke && afterOpeningBrace(model, position))) return { suggestions: [] };
      const c = await doc.call('complete', { offset: off(model, position) });
      const range = toRange(model, { start: c.from, end: c.to });
      return {
        suggestions: c.items.map((i) => ({
          label: { label: i.label, description: i.detail }, kind: COMPLETION_KINDS[i.kind], detail: i.detail,
          documentation: i.documentation, insertText: i.insertText ?? i.label, sortText: i.sortText, range,
        })),
      };
    },
  });
  L.registerHoverProvider(LANGUAGE_ID, {
    async provideHover(model, position) {
      const h = mine(model) ? await doc.call('hover', { offset: off(model, position) }) : undefined;
      return h && { range: toRange(model, h.span), contents: [{ value: h.markdown }] };
    },
  });
  L.registerDefinitionProvider(LANGUAGE_ID, {
    async provideDefinition(model, position) {
      const s = mine(model) ? await doc.call('definition', { offset: off(model, position) }) : undefined;
      return s && { uri: model.uri, range: toRange(model, s) };
    },
  });
  L.registerReferenceProvider(LANGUAGE_ID, {
    async provideReferences(model, position) {
      const spans = mine(model) ? await doc.call('references', { offset: off(model, position) }) : [];
      return spans.map((s) => ({ uri: model.uri, range: toRange(model, s) }));
    },
  });
  L.registerCodeActionProvider(LANGUAGE_ID, {
    async provideCodeActions(model, range, context) {
      if (!mine(model)) return { actions: [], dispose() {} };
      const acts = await doc.call('codeActions', { span: toSpan(model, range) });
      const versionId = model.getVersionId();
      return {
        actions: acts.map((a) => ({
          title: a.title, kind: 'quickfix', isPreferred: a.preferred,
          diagnostics: context.markers.filter((m) => m.code === a.diagnostic?.code),
          edit: { edits: a.edits.map((e) => ({ resource: model.uri, versionId, textEdit: { range: toRange(model, e), text: e.text } })) },
        })),
        dispose() {},
      };
    },
  }, { providedCodeActionKinds: ['quickfix'] });
  L.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    async provideDocumentFormattingEdits(model) {
      if (!mine(model)) return [];
      const edits = await doc.call('format', {});
      if (!edits) cannotFormat(); // syntax errors: there is no tree to print, and silence looked broken
      return edits ? toEdits(model, edits) : [];
    },
  });
  L.registerDocumentSymbolProvider(LANGUAGE_ID, {
    async provideDocumentSymbols(model) {
      if (!mine(model)) return [];
      const conv = (o: OutlineItem): monaco.languages.DocumentSymbol => ({
        name: o.name, detail: o.detail ?? '', kind: SYMBOL_KINDS[o.kind], tags: [],
        range: toRange(model, o.span), selectionRange: toRange(model, o.nameSpan), children: o.children.map(conv),
      });
      return (await doc.call('outline', {})).map(conv);
    },
  });
  L.registerDocumentSemanticTokensProvider(LANGUAGE_ID, {
    getLegend: () => ({ tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }),
    async provideDocumentSemanticTokens(model) {
      const toks = mine(model) ? await doc.call('semanticTokens', {}) : [];
      // LSP encoding: per token, line delta, start delta (relative on the same line), length, type, modifiers.
      const data: number[] = [];
      let line = 0, char = 0;
      for (const t of toks) {
        const p = model.getPositionAt(t.start);
        const l = p.lineNumber - 1, c = p.column - 1;
        data.push(l - line, l === line ? c - char : c, t.length, TOKEN_TYPES.indexOf(t.type), t.declaration ? 1 : 0);
        line = l; char = c;
      }
      return { data: new Uint32Array(data) };
    },
    releaseDocumentSemanticTokens() {},
  });
}

/** Applies whole-document edits from the service (format, keyword switch) as one undoable step. */
export function applyEdits(editor: monaco.editor.IStandaloneCodeEditor, edits: TextEdit[], label: string): void {
  const model = editor.getModel();
  if (!model || edits.length === 0) return;
  editor.pushUndoStop();
  editor.executeEdits(label, edits.map((e) => ({ range: toRange(model, e), text: e.text, forceMoveMarkers: true })));
  editor.pushUndoStop();
}
