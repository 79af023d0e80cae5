// Publish: a Monaco diff of the editor's text against the last published version, and the publish
// button. It first runs the server's publish gate on the text (POST /api/examples: errors, then the
// examples — the same check …/publish makes), so a publish that would be refused is said at once,
// problem by problem, with nothing asked and nothing saved; else it asks — showing that diff again,
// the version number it will get and that it is final — then saves the draft and POSTs …/publish
// (issue 11 item 3). A refusal by the server itself (the text changed meanwhile) is listed the same way. The note (published as version n, or refused) belongs to
// the version it was said of: it goes when another version is opened (item 10).
// Under the diff, 发布前模拟 (issue 15, whatif/section.ts): the text run on an evaluated round's inputs.

import { api, ApiFailure, type VersionInfo } from '../api.js';
import type { App } from '../app.js';
import { ask } from '../dialog.js';
import { diffView, type DiffView } from '../diff.js';
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { LANGUAGE_ID, THEME } from '../language.js';
import { monaco } from '../monaco.js';
import { whatifSection } from '../whatif/section.js';
import { problems } from './tryit.js';

/** The newest published version of the open scheme, and the number the next publish will get. */
function publishPlan(versions: VersionInfo[]): { published?: VersionInfo; next: number } {
  const byN = [...versions].sort((a, b) => b.n - a.n);
  const latest = byN[0];
  return { published: byN.find((v) => v.status === 'published'), next: !latest ? 1 : latest.status === 'draft' ? latest.n : latest.n + 1 };
}

export function publishPanel(app: App): { el: HTMLElement; refresh(): Promise<void> } {
  const title = h('h3', {});
  const diffEl = h('div', { class: 'diff' });
  const out = h('div', { class: 'output' });
  let diff: monaco.editor.IStandaloneDiffEditor | undefined;
  const original = monaco.editor.createModel('', LANGUAGE_ID);
  /** Which version the note in `out` (published, or refused) was said of. */
  let noteFor: { schemeId?: string; version: number } | undefined;

  const publishedText = async (v: VersionInfo | undefined): Promise<string> =>
    v && app.state.schemeId ? (await api.getVersion(app.state.schemeId, v.n)).source : '';

  const refresh = async () => {
    const { published } = publishPlan(app.state.versions);
    let text = '';
    try { text = await publishedText(published); } catch (e) { app.fail(e); }
    title.textContent = published ? t('diffTitle', { n: published.n }) : t('noPublished');
    original.setValue(text);
    diff ??= monaco.editor.createDiffEditor(diffEl, { theme: THEME, readOnly: true, originalEditable: false, automaticLayout: true, renderSideBySide: false, minimap: { enabled: false } });
    // The modified side is the live model itself, so the diff follows the typing.
    diff.setModel({ original, modified: app.doc.model });
  };

  /** Asks, showing what publishing changes against the last published version. */
  const confirmPublish = async (): Promise<boolean> => {
    const { published, next } = publishPlan(app.state.versions);
    const base = await publishedText(published);
    const text = app.text;
    const box = h('div', { class: 'diff dialog-diff' });
    let view: DiffView | undefined;
    return ask({
      name: 'publish', title: t('publishTitle', { n: next }), wide: true,
      body: [
        h('p', {}, published ? t('publishAgainst', { p: published.n }) : t('publishFirst')),
        base === text ? h('p', { class: 'warning' }, t('sameText')) : null,
        box,
        h('p', { class: 'muted' }, t('publishFinal', { n: next })),
      ],
      ok: t('publishConfirm'), cancel: t('cancel'),
      onOpen: () => { view = diffView(box, base, text); },
      onClose: () => view?.dispose(),
    });
  };

  /** The refusal publishing `text` would get (as the server words it), or undefined when it would pass. */
  const wouldRefuse = async (text: string): Promise<ApiFailure | undefined> => {
    try {
      const { examples, omitted = 0 } = await api.examples(text);
      const failing = examples.filter((x) => !x.passed);
      return failing.length ? new ApiFailure(422, 'failing_examples', t('someFailed', { f: failing.length, n: examples.length + omitted }), failing) : undefined;
    } catch (e) {
      // The examples route names running examples; this is about publishing.
      if (e instanceof ApiFailure && e.code === 'invalid_scheme') return new ApiFailure(e.status, e.code, t('publishFixErrors'), e.details);
      throw e;
    }
  };
  const refusedNote = (e: unknown, head = t('refused')) =>
    e instanceof ApiFailure ? h('div', { 'data-refused': e.code }, h('p', { class: 'error' }, h('b', {}, head)), problems(e)) : problems(e);

  const publish = async () => {
    fill(out, h('p', { class: 'muted' }, t('checking')));
    let refusal: ApiFailure | undefined;
    try { refusal = await wouldRefuse(app.text); } catch (e) { fill(out); app.fail(e); return; }
    if (refusal) {
      noteFor = { schemeId: app.state.schemeId, version: app.state.loaded?.version ?? 0 };
      fill(out, refusedNote(refusal, t('cannotPublish')));
      out.scrollIntoView({ block: 'nearest' });
      return;
    }
    fill(out);
    // An old version's text first gets the save question (what it replaces), then the publish one.
    if (!(await app.mayOverwrite())) { app.toast(t('notSaved')); return; }
    let yes: boolean;
    try { yes = await confirmPublish(); } catch (e) { app.fail(e); return; }
    if (!yes || !(await app.save({ asked: true }))) return;
    fill(out, h('p', { class: 'muted' }, t('loading')));
    try {
      const r = await api.publish(app.state.schemeId!);
      noteFor = { schemeId: r.id, version: r.version.n };
      await app.refreshVersions();
      fill(out, h('p', { class: 'ok', 'data-published': r.version.n }, t('publishedOk', { n: r.version.n })));
      app.toast(t('publishedOk', { n: r.version.n }), 'ok');
      await refresh();
    } catch (e) {
      noteFor = { schemeId: app.state.schemeId, version: app.state.loaded?.version ?? 0 };
      fill(out, refusedNote(e));
    }
  };

  // 发布前模拟 (issue 15): what publishing this text would do to an evaluated round, nothing stored.
  const whatif = whatifSection(app);
  const el = h('div', { class: 'panel publish' },
    h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'publish', onclick: () => void publish() }, t('publishNow'))),
    out, title, diffEl, whatif.el);

  app.onChange(() => {
    const loaded = app.state.loaded?.version;
    if (noteFor && (noteFor.schemeId !== app.state.schemeId || noteFor.version !== loaded)) { noteFor = undefined; fill(out); }
    if (!el.hidden && el.isConnected) void refresh().catch((e: unknown) => app.fail(e));
  });
  return { el, refresh: async () => { await Promise.all([refresh(), whatif.refresh()]); } };
}
