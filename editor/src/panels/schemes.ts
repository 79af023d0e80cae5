// The organization's schemes (GET /api/schemes) and the open scheme's versions; opening one loads
// its latest version (or a chosen one) into the editor, the version on screen is marked. Any two
// versions — or one and the editor's text — can be compared in a diff (issue 11 item 3). A new
// scheme starts from the template in the UI language's keywords (item 5).

import { api, type SchemeSummary, type VersionInfo } from '../api.js';
import type { App } from '../app.js';
import { ask } from '../dialog.js';
import { diffView, type DiffView } from '../diff.js';
import { fill, h } from '../dom.js';
import { lang, t } from '../i18n.js';
import { schemeDocumentLink } from '../papers/links.js';
import { templateFor } from '../template.js';

/** Asks before unsaved text is thrown away; true when there is none or the author agrees. */
async function mayLeave(app: App): Promise<boolean> {
  if (!app.dirty || !app.state.loaded && app.text === app.state.startText) return true;
  return ask({ name: 'leave', title: t('leaveTitle'), body: [h('p', {}, t('confirmLeave'))], ok: t('leave'), cancel: t('cancel') });
}

const EDITOR = 'editor';

/** A diff of two versions (or a version and the editor's text, `EDITOR`) in a wide dialog. */
async function compare(app: App, a: string, b: string): Promise<void> {
  const id = app.state.schemeId!;
  const textOf = async (x: string) => (x === EDITOR ? app.text : (await api.getVersion(id, Number(x))).source);
  const label = (x: string) => (x === EDITOR ? t('editorText') : `${t('version')} ${x}`);
  const [left, right] = await Promise.all([textOf(a), textOf(b)]);
  const box = h('div', { class: 'diff dialog-diff' });
  let view: DiffView | undefined;
  const head = t('compareHead', { a: label(a), b: label(b) });
  await ask({
    name: 'compare', title: `${t('compareTitle')} · ${id}`, wide: true,
    body: [h('p', {}, head), left === right ? h('p', { class: 'warning' }, t('sameText')) : null, box],
    cancel: t('close'),
    onOpen: () => { view = diffView(box, left, right); },
    onClose: () => view?.dispose(),
  });
}

export function schemesPanel(app: App): HTMLElement {
  const root = h('div', { class: 'panel schemes' });
  let list: SchemeSummary[] = [];
  let error = '';

  const load = async () => {
    try { list = (await api.listSchemes()).schemes; error = ''; } catch (e) { error = e instanceof Error ? (e as { words?: string }).words ?? e.message : String(e); }
    render();
  };

  const open = async (id: string, n?: number) => {
    if (!(await mayLeave(app))) return;
    try { await app.open(id, n); } catch (e) { app.fail(e); }
  };

  const startNew = async () => {
    if (!(await mayLeave(app))) return;
    app.startNew(templateFor(lang));
  };

  /** Two version pickers (defaults: the newest two) and the compare button. */
  const comparer = (versions: VersionInfo[]) => {
    const byN = [...versions].sort((a, b) => b.n - a.n);
    const options = (selected: string) => [
      ...byN.map((v) => h('option', { value: String(v.n), selected: String(v.n) === selected }, t('versionOption', { n: v.n, status: t(v.status) }))),
      h('option', { value: EDITOR, selected: selected === EDITOR }, t('editorText')),
    ];
    const a = h('select', { name: 'a' }, options(String(byN[1]?.n ?? byN[0]?.n ?? '')));
    const b = h('select', { name: 'b' }, options(byN.length > 1 ? String(byN[0].n) : EDITOR));
    return h('div', { class: 'toolbar compare' }, h('span', {}, t('compareTitle')), a, h('span', {}, t('compareWith')), b,
      h('button', { 'data-action': 'compare', onclick: () => void compare(app, a.value, b.value).catch((e: unknown) => app.fail(e)) }, t('compare')));
  };

  const render = () => {
    const v = app.state.versions;
    const loaded = app.state.loaded?.version;
    fill(root,
      h('div', { class: 'toolbar' },
        h('button', { 'data-action': 'refresh', onclick: () => void load() }, t('refresh')),
        h('button', { 'data-action': 'new-scheme', onclick: () => void startNew() }, t('newScheme'))),
      error ? h('p', { class: 'error' }, error) : null,
      h('table', { class: 'grid scheme-list' },
        h('thead', {}, h('tr', {}, h('th', {}, t('schemes')), h('th', {}, t('latest')), h('th', {}, t('publishedHead')))),
        h('tbody', {}, list.map((s) => h('tr', { class: s.id === app.state.schemeId ? 'current' : '', 'data-scheme': s.id },
          h('td', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); void open(s.id); } }, s.id)),
          h('td', {}, `${s.latest.n} · ${t(s.latest.status)}`),
          h('td', {}, s.published === null ? t('none') : String(s.published)))))),
      app.state.schemeId ? [
        h('h3', {}, `${t('versions')} · ${app.state.schemeId}`),
        h('table', { class: 'grid version-list' },
          h('thead', {}, h('tr', {}, h('th', {}, t('version')), h('th', {}, t('status')), h('th', {}, t('createdAt')), h('th', {}, t('publishedAt')))),
          h('tbody', {}, [...v].sort((a, b) => b.n - a.n).map((x) => h('tr', { 'data-version': x.n, 'data-status': x.status, class: x.n === loaded ? 'current' : '' },
            h('td', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); void open(app.state.schemeId!, x.n); } }, String(x.n))),
            h('td', {}, t(x.status)),
            h('td', {}, x.createdAt.replace('T', ' ').slice(0, 19)),
            h('td', {}, x.publishedAt ? x.publishedAt.replace('T', ' ').slice(0, 19) : '—'))))),
        v.length ? comparer(v) : null,
        // The open version in plain words (issue 15 item 5), in a new tab.
        loaded !== undefined ? schemeDocumentLink(app.state.schemeId, loaded, app.statusOf(loaded) ?? 'draft') : null,
      ] : null,
    );
  };

  // Saving or publishing changes the list's latest/published columns: reload it with the versions.
  app.onChange(() => { void load(); });
  void load();
  (root as HTMLElement & { reload?: () => Promise<void> }).reload = load;
  return root;
}
