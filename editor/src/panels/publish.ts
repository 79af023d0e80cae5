// Publish: a Monaco diff of the editor's text against the last published version, then save the
// draft and POST …/publish. A refusal (errors, failing examples) is listed problem by problem.

import { api, ApiFailure } from '../api.js';
import type { App } from '../app.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { LANGUAGE_ID, THEME } from '../language.js';
import { monaco } from '../monaco.js';
import { problems } from './tryit.js';

export function publishPanel(app: App): { el: HTMLElement; refresh(): Promise<void> } {
  const title = h('h3', {});
  const diffEl = h('div', { class: 'diff' });
  const out = h('div', { class: 'output' });
  let diff: monaco.editor.IStandaloneDiffEditor | undefined;
  const original = monaco.editor.createModel('', LANGUAGE_ID);

  const refresh = async () => {
    const published = app.state.versions.filter((v) => v.status === 'published').sort((a, b) => b.n - a.n)[0];
    let text = '';
    if (published && app.state.schemeId) {
      try { text = (await api.getVersion(app.state.schemeId, published.n)).source; } catch (e) { app.fail(e); }
    }
    title.textContent = published ? t('diffTitle', { n: published.n }) : t('noPublished');
    original.setValue(text);
    diff ??= monaco.editor.createDiffEditor(diffEl, { theme: THEME, readOnly: true, originalEditable: false, automaticLayout: true, renderSideBySide: false, minimap: { enabled: false } });
    // The modified side is the live model itself, so the diff follows the typing.
    diff.setModel({ original, modified: app.doc.model });
  };

  const publish = async () => {
    if (!(await app.save())) return;
    fill(out, h('p', { class: 'muted' }, t('loading')));
    try {
      const r = await api.publish(app.state.schemeId!);
      await app.refreshVersions();
      fill(out, h('p', { class: 'ok', 'data-published': r.version.n }, t('publishedOk', { n: r.version.n })));
      app.toast(t('publishedOk', { n: r.version.n }), 'ok');
      await refresh();
    } catch (e) {
      fill(out, e instanceof ApiFailure ? h('div', {}, h('p', { class: 'error' }, h('b', {}, t('refused'))), problems(e)) : problems(e));
    }
  };

  const el = h('div', { class: 'panel publish' },
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'publish', onclick: () => void publish() }, t('publishNow'))),
    out, title, diffEl);
  return { el, refresh };
}
