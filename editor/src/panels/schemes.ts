// The organization's schemes (GET /api/schemes) and the open scheme's versions; opening one loads
// its latest version (or a chosen one) into the editor.

import { api, type SchemeSummary } from '../api.js';
import type { App } from '../app.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { TEMPLATE } from '../template.js';

export function schemesPanel(app: App): HTMLElement {
  const root = h('div', { class: 'panel schemes' });
  let list: SchemeSummary[] = [];
  let error = '';

  const load = async () => {
    try { list = (await api.listSchemes()).schemes; error = ''; } catch (e) { error = e instanceof Error ? (e as { words?: string }).words ?? e.message : String(e); }
    render();
  };

  const open = async (id: string, n?: number) => {
    if (app.dirty && !confirm(t('confirmLeave'))) return;
    try { await app.open(id, n); } catch (e) { app.fail(e); }
  };

  const render = () => {
    const v = app.state.versions;
    fill(root,
      h('div', { class: 'toolbar' },
        h('button', { onclick: () => void load() }, t('refresh')),
        h('button', { onclick: () => { if (app.dirty && !confirm(t('confirmLeave'))) return; app.state.schemeId = undefined; app.state.versions = []; app.doc.model.setValue(TEMPLATE); app.state.savedText = TEMPLATE; app.changed(); } }, t('newScheme'))),
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
          h('tbody', {}, [...v].sort((a, b) => b.n - a.n).map((x) => h('tr', { 'data-version': x.n, 'data-status': x.status },
            h('td', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); void open(app.state.schemeId!, x.n); } }, String(x.n))),
            h('td', {}, t(x.status)),
            h('td', {}, x.createdAt.replace('T', ' ').slice(0, 19)),
            h('td', {}, x.publishedAt ? x.publishedAt.replace('T', ' ').slice(0, 19) : '—'))))),
      ] : null,
    );
  };

  // Saving or publishing changes the list's latest/published columns: reload it with the versions.
  app.onChange(() => { void load(); });
  void load();
  (root as HTMLElement & { reload?: () => Promise<void> }).reload = load;
  return root;
}
