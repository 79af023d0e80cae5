// What the panels share: the editor and its live document, the open scheme, saving, and a place
// to show messages. One object, created in main.ts and passed to each panel.

import type { Diagnostic } from '../../dsl/diagnostics.js';
import { api, ApiFailure, type VersionInfo } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import type { LiveDocument } from './monaco-adapter.js';
import type { monaco } from './monaco.js';

export interface AppState {
  schemeId?: string;
  versions: VersionInfo[];
  /** The text last saved (or loaded); the editor is dirty when it differs. */
  savedText: string;
  /** The version that holds `savedText`. */
  savedVersion?: number;
}

export class App {
  readonly state: AppState = { versions: [], savedText: '' };
  private listeners = new Set<() => void>();

  constructor(readonly editor: monaco.editor.IStandaloneCodeEditor, readonly doc: LiveDocument, private toastEl: HTMLElement) {}

  get text(): string { return this.doc.model.getValue(); }
  private dirtyMemo?: { version: number; saved: string; dirty: boolean };
  /** Asked several times per keystroke (status bar on content, cursor and diagnostics): computed once
   * per model version, and by length first — getValue() copies the whole text (~100 KB at 1k indicators). */
  get dirty(): boolean {
    const version = this.doc.model.getVersionId(), saved = this.state.savedText;
    const m = this.dirtyMemo;
    if (m && m.version === version && m.saved === saved) return m.dirty;
    const dirty = this.doc.model.getValueLength() !== saved.length || this.text !== saved;
    this.dirtyMemo = { version, saved, dirty };
    return dirty;
  }

  /** Panels re-render on scheme/save changes. */
  onChange(f: () => void): void { this.listeners.add(f); }
  changed(): void { for (const f of this.listeners) f(); }

  /** Loads a scheme's version (the latest when `n` is absent) into the editor. */
  async open(id: string, n?: number): Promise<void> {
    const detail = await api.getScheme(id);
    const v = n ?? Math.max(...detail.versions.map((x) => x.n));
    const version = await api.getVersion(id, v);
    this.state.schemeId = id;
    this.state.versions = detail.versions;
    this.state.savedText = version.source;
    this.state.savedVersion = v;
    this.doc.model.setValue(version.source);
    history.replaceState(null, '', `#scheme=${encodeURIComponent(id)}`);
    this.changed();
  }

  async refreshVersions(): Promise<void> {
    if (!this.state.schemeId) return;
    this.state.versions = (await api.getScheme(this.state.schemeId)).versions;
    this.changed();
  }

  /** Saves the editor's text as the scheme's draft (creating the scheme if none is open).
   * Returns false, after showing why, when the server refused. */
  async save(): Promise<boolean> {
    const text = this.text;
    try {
      this.toast(t('saving'));
      const r = this.state.schemeId ? await api.putDraft(this.state.schemeId, text) : await api.createScheme(text);
      if (!this.state.schemeId) this.toast(t('createdScheme', { id: r.id }));
      this.state.schemeId = r.id;
      this.state.savedText = text;
      this.state.savedVersion = r.version.n;
      await this.refreshVersions();
      this.toast(t('saved'), 'ok');
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** The version holding the editor's text, for trying it: the one it was loaded from or last saved
   * to while it is unchanged (trying a published scheme must not open a draft), else a draft saved
   * now. Undefined, after showing why, when saving was refused. */
  async versionOfText(): Promise<number | undefined> {
    if (this.state.schemeId && !this.dirty && this.state.savedVersion !== undefined) return this.state.savedVersion;
    return (await this.save()) ? this.state.savedVersion : undefined;
  }

  /** Shows a failure in words; returns the list element for details if the caller wants one. */
  fail(e: unknown): void {
    const msg = e instanceof ApiFailure ? e.words : e instanceof Error ? e.message : String(e);
    this.toast(msg, 'error');
  }

  toast(msg: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
    this.toastEl.replaceChildren(h('span', { class: `toast ${kind}` }, msg));
    this.toastEl.dataset.kind = kind;
  }

  reveal(d: Pick<Diagnostic, 'range'>): void {
    const r = d.range;
    this.editor.revealLineInCenter(r.start.line);
    this.editor.setSelection({ startLineNumber: r.start.line, startColumn: r.start.column, endLineNumber: r.end.line, endColumn: r.end.column });
    this.editor.focus();
  }
}
