// What the panels share: the editor and its live document, the open scheme, saving, and a place
// to show messages. One object, created in main.ts and passed to each panel.
//
// WHAT IS ON SCREEN IS WHAT IS EVALUATED (issue 11, item 1). A panel that evaluates or shows the
// text asks the app, never its own copy of the state:
//
//   app.currentTarget(): Target            what the editor shows, now: {schemeId?, version?, status?,
//                                          source, unsaved} — `version` is the stored version holding
//                                          exactly `source` (undefined while the text is unsaved)
//   await app.evaluationTarget()           the stored version to evaluate the shown text against:
//                                          {schemeId, version}, saving a draft first when the text is
//                                          unsaved (asking first when that would replace newer work);
//                                          undefined, after saying why, when there is none
//   app.onChange(f)                        called after a version is opened, saved or published
//
// The loaded version and its text are one value (`state.loaded`), set only by `open` and `save`,
// so the two cannot drift apart (the language switch once restored the text of version 2 next to
// the number of draft 3, and the cohort was evaluated against draft 3).

import type { Diagnostic } from '../../dsl/diagnostics.js';
import { api, ApiFailure, type VersionInfo } from './api.js';
import { ask } from './dialog.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import type { LiveDocument } from './monaco-adapter.js';
import type { monaco } from './monaco.js';

export interface Target {
  schemeId?: string;
  /** The stored version holding exactly `source`; undefined while the text is unsaved. */
  version?: number;
  status?: VersionInfo['status'];
  /** The version the text was loaded from or last saved to (also while it is changed since). */
  loadedVersion?: number;
  source: string;
  unsaved: boolean;
}

export interface AppState {
  schemeId?: string;
  versions: VersionInfo[];
  /** The stored version the editor's text came from (opened or last saved) and its text. */
  loaded?: { version: number; text: string };
  /** What a new, never saved scheme started from (the template), for the dirty mark. */
  startText: string;
}

export class App {
  readonly state: AppState = { versions: [], startText: '' };
  private listeners = new Set<() => void>();

  constructor(readonly editor: monaco.editor.IStandaloneCodeEditor, readonly doc: LiveDocument, private toastEl: HTMLElement) {}

  get text(): string { return this.doc.model.getValue(); }
  /** The text last saved or loaded (the template for a new scheme); the editor is dirty when it differs. */
  get savedText(): string { return this.state.loaded?.text ?? this.state.startText; }

  private dirtyMemo?: { version: number; saved: string; dirty: boolean };
  /** Asked several times per keystroke (status bar on content, cursor and diagnostics): computed once
   * per model version, and by length first — getValue() copies the whole text (~100 KB at 1k indicators). */
  get dirty(): boolean {
    const version = this.doc.model.getVersionId(), saved = this.savedText;
    const m = this.dirtyMemo;
    if (m && m.version === version && m.saved === saved) return m.dirty;
    const dirty = !this.state.loaded || this.doc.model.getValueLength() !== saved.length || this.text !== saved;
    this.dirtyMemo = { version, saved, dirty };
    return dirty;
  }

  /** The status of a stored version of the open scheme. */
  statusOf(n: number | undefined): VersionInfo['status'] | undefined {
    return n === undefined ? undefined : this.state.versions.find((v) => v.n === n)?.status;
  }

  /** What the editor shows (see the header). */
  currentTarget(): Target {
    const loaded = this.state.loaded, unsaved = this.dirty;
    return {
      schemeId: this.state.schemeId, source: this.text, unsaved,
      version: unsaved ? undefined : loaded?.version,
      status: unsaved ? undefined : this.statusOf(loaded?.version),
      loadedVersion: loaded?.version,
    };
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
    this.state.loaded = { version: v, text: version.source };
    this.doc.model.setValue(version.source);
    history.replaceState(null, '', `#scheme=${encodeURIComponent(id)}&version=${v}`);
    this.changed();
  }

  /** Starts a new, never saved scheme from `text`. */
  startNew(text: string): void {
    this.state.schemeId = undefined;
    this.state.versions = [];
    this.state.loaded = undefined;
    this.state.startText = text;
    this.doc.model.setValue(text);
    history.replaceState(null, '', location.pathname);
    this.changed();
  }

  async refreshVersions(): Promise<void> {
    if (!this.state.schemeId) return;
    this.state.versions = (await api.getScheme(this.state.schemeId)).versions;
    this.changed();
  }

  /** The newest version of the open scheme, and its newest published one. */
  private newest(): { latest?: VersionInfo; published?: VersionInfo } {
    const byN = [...this.state.versions].sort((a, b) => b.n - a.n);
    return { latest: byN[0], published: byN.find((v) => v.status === 'published') };
  }

  /** Saving the text of a version older than the newest replaces the draft, or opens one, with old
   * text: after publishing, the newer versions' changes are undone. Says so and asks (issue 11, item 3).
   * Resolves true when the save may go ahead. */
  async mayOverwrite(): Promise<boolean> {
    const from = this.state.loaded?.version;
    const { latest, published } = this.newest();
    if (!this.state.schemeId || from === undefined || !latest || from >= latest.n) return true;
    const draftN = latest.status === 'draft' ? latest.n : latest.n + 1;
    const newer = published && published.n > from ? published.n : undefined;
    const status = t(this.statusOf(from) ?? 'published');
    return ask({
      name: 'save-old', title: t('saveOldTitle', { v: from }),
      body: [
        h('p', {}, latest.status === 'draft' ? t('saveOldReplaces', { v: from, status, d: draftN }) : t('saveOldOpens', { v: from, status, d: draftN })),
        newer !== undefined ? h('p', { class: 'warning' }, t('saveOldUndoes', { p: newer, v: from })) : null,
        h('p', { class: 'muted' }, t('saveOldHint', { latest: latest.n })),
      ],
      ok: t('saveAnyway'), cancel: t('cancel'),
    });
  }

  /** Saves the editor's text as the scheme's draft (creating the scheme if none is open), asking
   * first when the text comes from an old version (`asked`: the caller has asked already).
   * Returns false, after showing why, when the server refused or the author said no. */
  async save(opts: { asked?: boolean } = {}): Promise<boolean> {
    // One save at a time: Ctrl+S reaches both Monaco's command and the page's key handler, and a
    // second question on top of the first would only confuse.
    this.saving ??= this.saveNow(opts).finally(() => { this.saving = undefined; });
    return this.saving;
  }
  private saving?: Promise<boolean>;

  private async saveNow(opts: { asked?: boolean }): Promise<boolean> {
    const text = this.text;
    if (!opts.asked && !(await this.mayOverwrite())) {
      this.toast(t('notSaved'));
      return false;
    }
    try {
      this.toast(t('saving'));
      const r = this.state.schemeId ? await api.putDraft(this.state.schemeId, text) : await api.createScheme(text);
      const created = !this.state.schemeId;
      this.state.schemeId = r.id;
      this.state.loaded = { version: r.version.n, text };
      history.replaceState(null, '', `#scheme=${encodeURIComponent(r.id)}&version=${r.version.n}`);
      await this.refreshVersions();
      this.toast(created ? t('createdScheme', { id: r.id }) : t('savedAs', { n: r.version.n }), 'ok');
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** The stored version to evaluate the shown text against (see the header). */
  async evaluationTarget(): Promise<{ schemeId: string; version: number } | undefined> {
    const now = this.currentTarget();
    if (now.schemeId && now.version !== undefined && (await this.holds(now.version, now.source))) return { schemeId: now.schemeId, version: now.version };
    if (!(await this.save())) return undefined;
    const saved = this.currentTarget();
    return saved.schemeId && saved.version !== undefined ? { schemeId: saved.schemeId, version: saved.version } : undefined;
  }

  /** The version number of `evaluationTarget()` (the panels' older call). */
  async versionOfText(): Promise<number | undefined> {
    return (await this.evaluationTarget())?.version;
  }

  /** Whether stored version `n` holds `source`: its hash (sha256 of the UTF-8 text, as the server
   * computes it) where the browser can compute one — a second check of the invariant above. */
  private async holds(n: number, source: string): Promise<boolean> {
    const hash = this.state.versions.find((v) => v.n === n)?.hash;
    if (!hash?.startsWith('sha256:') || !globalThis.crypto?.subtle) return true;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source)));
    return hash === `sha256:${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
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
