// The editor page: Monaco with the kaohe language on the left (problems list underneath), the
// panels on the right (schemes, try it, examples, cohort, publish), a header with save / format /
// language switch, the user guide, and a status bar naming the version on screen. Switching the UI
// language reloads the page (Monaco's own words are fixed when it loads, nls.ts) after stashing the
// open scheme, the version the text came from, the text and the open tab in sessionStorage: every
// panel is rebuilt in the new language on the same version, without losing work (issue 11 item 1).

// First: Monaco's words must be chosen before any Monaco module runs.
import './nls.js';
import './style.css';
import { App } from './app.js';
import { h, fill } from './dom.js';
import { showGuide } from './guide.js';
import { diagText, lang, setLang, t } from './i18n.js';
import { LANGUAGE_ID, registerLanguage, THEME } from './language.js';
import { LsClient } from './ls-client.js';
import { applyEdits, LiveDocument, registerProviders, type DiagnosticsEvent } from './monaco-adapter.js';
import { monaco } from './monaco.js';
import { cohortPanel } from './panels/cohort.js';
import { examplesPanel } from './panels/examples.js';
import { publishPanel } from './panels/publish.js';
import { schemesPanel } from './panels/schemes.js';
import { tryItPanel } from './panels/tryit.js';
import { problemOrder } from './problems.js';
import { roundsView } from './rounds/view.js';
import { tr } from './rounds/i18n.js';
import { ts } from './stats/i18n.js';
import { statsView } from './stats/view.js';
import { templateFor } from './template.js';

const RESTORE = 'kaohe.restore';
document.title = t('title');
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
registerLanguage();

const client = new LsClient();
void client.call('setUi', { ui: lang });
const model = monaco.editor.createModel(templateFor(lang), LANGUAGE_ID, monaco.Uri.parse('inmemory://kaohe/scheme.kaohe'));
const editorEl = h('div', { class: 'monaco' });
const problemsEl = h('div', { class: 'problems' });
const statusEl = h('div', { class: 'status' });
const toastEl = h('div', { class: 'toast-area' });

const editor = monaco.editor.create(editorEl, {
  model, theme: THEME, automaticLayout: true, minimap: { enabled: false }, fontSize: 14, tabSize: 2,
  fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", "WenQuanYi Micro Hei", monospace',
  'semanticHighlighting.enabled': true, quickSuggestions: { other: true, comments: false, strings: false },
  wordBasedSuggestions: 'off', fixedOverflowWidgets: true, renderWhitespace: 'none', scrollBeyondLastLine: false,
  // Enter accepts a suggestion only when it changes the text: `outcomes` typed in full, then Enter,
  // is a new line (issue 11 item 2); Tab always accepts.
  acceptSuggestionOnEnter: 'smart',
  // The context menu in the page, not in a shadow root: with fixed overflow widgets Monaco hangs that
  // root on <body>, outside the theme's colour variables, and the menu had no background.
  useShadowDOM: false,
} as monaco.editor.IStandaloneEditorConstructionOptions);
const doc = new LiveDocument(model, client);
registerProviders(doc, () => app.toast(t('cannotFormat'), 'error'));
const app = new App(editor, doc, toastEl);

// ---- keyboard: Ctrl/Cmd+S saves the draft (F12, Ctrl+., Ctrl+Space and format are Monaco's own).
editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void app.save());
// Format document is Shift+Alt+F on Windows and macOS but Ctrl+Shift+I on Linux; accept both everywhere.
editor.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void editor.getAction('editor.action.formatDocument')?.run());
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); void app.save(); }
});
for (const [id, kw] of [['kaohe.keywords.zh', 'zh'], ['kaohe.keywords.en', 'en']] as const) {
  editor.addAction({
    id, label: t(kw === 'zh' ? 'keywordsZh' : 'keywordsEn'), contextMenuGroupId: '1_modification',
    run: async () => {
      const edits = await doc.call('format', { keywords: kw });
      if (edits) applyEdits(editor, edits, id); else app.toast(t('schemeProblems'), 'error'); // syntax errors: nothing to print
    },
  });
}
window.addEventListener('beforeunload', (e) => {
  if (app.dirty && !sessionStorage.getItem(RESTORE)) { e.preventDefault(); e.returnValue = ''; }
});

// ---- problems list and status bar
const renderProblems = (ev: DiagnosticsEvent) => {
  const errors = ev.diagnostics.filter((d) => d.severity === 'error').length;
  fill(problemsEl,
    h('div', { class: 'problems-head' }, `${t('problems')} · ${t('diagnosticsCount', { e: errors, w: ev.diagnostics.length - errors })}`),
    ev.diagnostics.length === 0 ? h('div', { class: 'muted' }, t('noProblems')) : null,
    // Focusable, Enter/Space reveal: the list is reachable without a mouse.
    problemOrder(ev.diagnostics).map((d) => h('div', {
      class: `problem ${d.severity}`, 'data-code': d.code, tabindex: 0, role: 'button', onclick: () => app.reveal(d),
      onkeydown: (e: KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); app.reveal(d); } },
    },
      h('span', { class: 'sev' }, d.severity === 'error' ? '✖' : '⚠'), h('code', {}, d.code),
      h('span', { class: 'pos' }, `${d.range.start.line}:${d.range.start.column}`), h('span', { class: 'msg' }, diagText(d)))));
  renderStatus();
};
/** The version on screen: 版本 2 · 已发布, 草稿 3, or a new scheme; `data-status` says which, and
 * `unsaved` while the text differs from that version (issue 11 items 1 and 10). */
const targetLabel = (): HTMLElement => {
  const now = app.currentTarget();
  const n = now.loadedVersion;
  const status = app.statusOf(n);
  const words = n === undefined ? t('targetNew') : status === 'published' ? t('targetPublished', { n }) : t('targetDraft', { n });
  return h('span', { 'data-target': '', 'data-version': n, 'data-status': now.unsaved ? (n === undefined ? 'new' : 'unsaved') : status },
    now.schemeId ? `${now.schemeId} · ${words}` : words);
};
const renderStatus = () => {
  const p = editor.getPosition();
  fill(statusEl,
    targetLabel(),
    h('span', { class: app.dirty ? 'dirty' : 'clean', 'data-dirty': String(app.dirty) }, app.dirty ? `● ${t('unsaved')}` : t('clean')),
    doc.last ? h('span', { class: 'muted' }, t('ms', { n: Math.round(doc.last.ms) })) : null,
    p ? h('span', {}, t('cursor', { l: p.lineNumber, c: p.column })) : null,
    h('span', { class: 'muted', title: t('tabHintLong') }, t('tabHint')));
};
doc.onDiagnostics(renderProblems);
editor.onDidChangeCursorPosition(renderStatus);
model.onDidChangeContent(renderStatus);
app.onChange(renderStatus);

// ---- panels
const tryIt = tryItPanel(app);
const publish = publishPanel(app);
const cohort = cohortPanel(app);
const panels = [
  { key: 'schemes', el: schemesPanel(app) },
  { key: 'tryIt', el: tryIt.el, show: tryIt.refresh },
  { key: 'examples', el: examplesPanel(app) },
  { key: 'cohort', el: cohort.el, show: cohort.refresh },
  { key: 'publish', el: publish.el, show: publish.refresh },
] as const;
const tabs = h('nav', { class: 'tabs' });
const panelBox = h('div', { class: 'panel-box' });
const show = (key: string) => {
  for (const p of panels) {
    p.el.hidden = p.key !== key;
    tabs.querySelector(`[data-tab="${p.key}"]`)?.classList.toggle('active', p.key === key);
    if (p.key === key && 'show' in p) void p.show().catch((e: unknown) => app.fail(e));
  }
};
let shown = 'schemes';
for (const p of panels) {
  tabs.append(h('button', { 'data-tab': p.key, onclick: () => { shown = p.key; show(p.key); } }, t(p.key)));
  panelBox.append(p.el);
}

const header = h('header', {},
  h('h1', {}, 'kaohe ', h('span', {}, '考核')),
  h('div', { class: 'actions' },
    h('button', { 'data-action': 'save', title: 'Ctrl+S', onclick: () => void app.save() }, t('save')),
    h('button', { 'data-action': 'format', title: 'Shift+Alt+F', onclick: () => void editor.getAction('editor.action.formatDocument')?.run() }, t('format')),
    h('button', { 'data-action': 'guide', onclick: () => void showGuide() }, t('guide')),
    h('button', { 'data-action': 'rounds', onclick: () => { location.hash = '#rounds'; } }, tr('rounds')),
    h('button', { 'data-action': 'stats', onclick: () => { location.hash = '#stats'; } }, ts('stats')),
    // The other language's name, in that language (and marked so: it is not this page's language).
    h('button', { 'data-action': 'lang', lang: lang === 'zh' ? 'en' : 'zh-CN', onclick: () => switchLang() }, t('language'))),
  toastEl);

// The rounds view (issue 14) replaces the editor's two columns while the address names a round
// (`#rounds`, `#rounds/ID`, `#person/ID`); the editor keeps its text underneath.
const rounds = roundsView(app);
// The 统计 view (issue 15) likewise, while the address is `#stats` or `#stats?scheme=…`.
const stats = statsView(app);
const mainEl = h('main', {}, h('section', { class: 'left' }, editorEl, problemsEl), h('section', { class: 'right' }, tabs, panelBox));
const routeRounds = () => {
  const on = /^#(rounds|person)\b/.test(location.hash);
  const onStats = /^#stats\b/.test(location.hash);
  mainEl.hidden = on || onStats;
  rounds.el.hidden = !on;
  stats.el.hidden = !onStats;
  if (on) void rounds.route(location.hash);
  if (onStats) void stats.route(location.hash);
};
window.addEventListener('hashchange', routeRounds);
document.getElementById('app')!.append(header, mainEl, rounds.el, stats.el, h('footer', {}, statusEl));
show('schemes');
routeRounds();

/** What survives the reload of a language switch. The version is the one the text came from: the
 * text is restored on top of that version, never of the scheme's latest. */
interface Stash { schemeId?: string; version?: number; startText: string; text: string; tab: string }

function switchLang(): void {
  const stash: Stash = { schemeId: app.state.schemeId, version: app.state.loaded?.version, startText: app.state.startText, text: app.text, tab: shown };
  sessionStorage.setItem(RESTORE, JSON.stringify(stash));
  setLang(lang === 'zh' ? 'en' : 'zh');
  location.reload();
}

// ---- initial text: a stashed one (language switch), the scheme (and version) in the URL, or the template
async function start(): Promise<void> {
  const raw = sessionStorage.getItem(RESTORE);
  sessionStorage.removeItem(RESTORE);
  const m = /#scheme=([^&]+)(?:&version=(\d+))?/.exec(location.hash);
  if (raw) {
    const s = JSON.parse(raw) as Stash;
    if (s.schemeId) await app.open(s.schemeId, s.version).catch((e: unknown) => app.fail(e));
    else {
      // The untouched template follows the language: switching to 中文 starts from 方案/输入/指标….
      const untouched = s.text === s.startText && s.startText === templateFor(lang === 'zh' ? 'en' : 'zh');
      if (untouched) s.text = s.startText = templateFor(lang);
      app.startNew(s.startText);
    }
    if (model.getValue() !== s.text) model.setValue(s.text);
    app.changed();
    if (s.tab !== 'schemes' && panels.some((p) => p.key === s.tab)) { shown = s.tab; show(s.tab); }
  } else if (m) await app.open(decodeURIComponent(m[1]), m[2] ? Number(m[2]) : undefined).catch((e: unknown) => app.fail(e));
  else app.startNew(templateFor(lang));
}
void start();

// Handles for the browser tests and the benchmark (test/browser, bench/editor.ts).
Object.assign(window, { kaohe: { monaco, editor, model, doc, app } });
