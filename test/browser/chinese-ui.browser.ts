// The Chinese UI has no English sentences (issue 11, "Prove it"): every page state an author reaches —
// each panel and its results, the problems list, hovers, the quick-fix, completion and context menus,
// the dialogs, the guide, the errors — is scanned for English words outside code, names and numbers,
// and each state leaves a screenshot (test/artifacts/zh-*.png). A state that shows English fails
// with the words and where they are (its CSS path), so the message to fix is easy to find.
//
// Not scanned: the text of the scheme itself (Monaco's view lines, also in diffs and the sticky
// header; a completion's declaration as the scheme writes it), <code>/<pre>/<kbd>, form fields'
// values, and elements marked with another language (`lang="en"`: the switch to English is written
// in English). Names and code are quoted “…” in Chinese sentences (the house style) and skipped, as
// are identifiers with digits or underscores (A001, KH-C001). Allowed words: the product name, the
// language switch's label, file formats and encodings, key names, file names and URLs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_TESTS, inPage, openSession, ROOT, shot, type Server } from './harness.js';

const SCHEME = '省直年度考核';

interface Finding { words: string[]; text: string; where: string }

/** English words in the rendered text of the page (see the header for what is left out). */
function scanPage(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    // The scheme's own text (view lines, sticky scroll, a completion's declaration as written), code.
    const SKIP = '.view-lines, .margin-view-overlays, .sticky-widget, .suggest-widget .details-label, code, pre, kbd, textarea, script, style, [data-scan="skip"]';
    // `English`: the name on the language switch, which the guide quotes.
    const ALLOWED = new Set(['kaohe', 'English', 'JSON', 'CSV', 'Excel', 'xlsx', 'UTF', 'GBK', 'Ctrl', 'Cmd', 'Shift', 'Alt', 'Tab', 'Enter', 'Esc', 'Escape', 'Space', 'PgUp', 'PgDn', 'Home', 'End', 'Delete', 'Backspace', 'Node', 'js']);
    const out: { words: string[]; text: string; where: string }[] = [];
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 5; e = e.parentElement) {
        parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? `.${Array.from(e.classList).slice(0, 2).join('.')}` : '') + (e.getAttribute('data-code') ? `[data-code=${e.getAttribute('data-code')}]` : ''));
      }
      return parts.join(' > ');
    };
    const otherLanguage = (el: Element) => {
      const l = el.closest('[lang]')?.getAttribute('lang') ?? 'zh';
      return !l.toLowerCase().startsWith('zh');
    };
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
    // Names and code are quoted “…” in Chinese text (the house style); identifiers with digits or
    // underscores (ev_01a2…, A001, KH-C001) are names too. What is left are words.
    const english = (text: string) => text
      .replace(/“[^”]*”/g, ' ')
      .replace(/\bKH-[A-Z]\d{3}\b/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/[\w.-]+\.(md|js|json|csv|xlsx|xls|txt|kaohe)\b/gi, ' ')
      .match(/[A-Za-z0-9_]+/g)?.filter((w) => /^[A-Za-z]{2,}$/.test(w) && !ALLOWED.has(w)) ?? [];
    const check = (el: Element, text: string) => {
      const words = english(text);
      if (words.length) out.push({ words, text: text.trim().slice(0, 160), where: path(el) });
    };
    const walk = (root: Node) => {
      const tw = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n: Node | null = tw.currentNode; n; n = tw.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) {
          const el = n.parentElement;
          if (el && n.textContent?.trim() && !el.closest(SKIP) && !otherLanguage(el) && visible(el)) check(el, n.textContent);
          continue;
        }
        const el = n as Element;
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el.closest(SKIP) || otherLanguage(el) || !visible(el)) continue;
        const ph = el.getAttribute('placeholder');
        if (ph) check(el, ph);
        if (el instanceof HTMLSelectElement && el.selectedOptions[0]) check(el, el.selectedOptions[0].text);
      }
    };
    walk(document.body);
    return out;
  });
}

/** The hand-computed reference cases, from the shared spec. */
function cohortSubjects(): unknown[] {
  const cases = JSON.parse(readFileSync(join(ROOT, '../shared/spec/examples/province-annual.cases.json'), 'utf8')).cases as { subjects?: unknown[] }[];
  return cases.find((c) => c.subjects)!.subjects!;
}

describe.skipIf(!BROWSER_TESTS)('the Chinese UI shows no English sentences', () => {
  let server: Server, browser: Browser, page: Page, close: (() => Promise<void>) | undefined;
  const found: Record<string, Finding[]> = {};

  /** Scans the current state: its findings are kept for the summary, and each state fails on its own. */
  async function state(name: string): Promise<void> {
    await page.waitForTimeout(250); // menus and hovers fade in
    await shot(page, `zh-${name}`);
    const f = await scanPage(page);
    if (f.length) found[name] = f;
    expect.soft(f, `English in state “${name}”:\n${f.map((x) => `  ${x.words.join(' ')}  ←  “${x.text}”  at ${x.where}`).join('\n')}`).toEqual([]);
  }

  /** Puts the text in the editor and waits for its diagnostics. */
  async function setText(text: string): Promise<void> {
    await inPage(page, (k, t: string) => k.model.setValue(t), text);
    await page.waitForFunction((t) => (window as any).kaohe.doc.last && (window as any).kaohe.model.getValue() === t, text);
    await page.waitForTimeout(150);
  }

  /** Screen coordinates of the first `word` after `after` in the editor. */
  async function at(after: string, word: string): Promise<{ x: number; y: number }> {
    return inPage(page, (k, [a, w]: string[]) => {
      const text: string = k.model.getValue();
      const p = k.model.getPositionAt(text.indexOf(w, text.indexOf(a)) + 1);
      k.editor.revealLineInCenter(p.lineNumber);
      k.editor.setPosition(p);
      const v = k.editor.getScrolledVisiblePosition(p);
      const r = k.editor.getDomNode().getBoundingClientRect();
      return { x: r.left + v.left + 4, y: r.top + v.top + v.height / 2 };
    }, [after, word]);
  }

  const click = async (sel: string) => { await page.click(sel); };
  const dialogAnswer = async (name: string, answer: 'ok' | 'cancel') => {
    await page.click(`dialog[data-dialog="${name}"] [data-answer="${answer}"]`);
    await page.waitForSelector(`dialog[data-dialog="${name}"]`, { state: 'detached' });
  };
  const output = (panel: string) => page.waitForSelector(`.${panel} .output > :not(.muted)`);

  beforeAll(async () => {
    ({ server, browser, page, close } = await openSession());
  });
  afterAll(async () => {
    const summary = Object.entries(found).map(([k, v]) => `${k}: ${v.length}`).join(', ');
    if (summary) process.stderr.write(`states with English: ${summary}\n`);
    await close?.();
  });

  it('the start page, the new-scheme template and the guide', async () => {
    await page.waitForSelector(`[data-scheme="${SCHEME}"]`);
    await state('start');
    await click('[data-action="guide"]');
    await page.waitForSelector('dialog[data-dialog="guide"] h1');
    await state('guide');
    await dialogAnswer('guide', 'cancel');
  });

  it('a scheme, its versions, the editor\'s menus and hovers', async () => {
    await click(`[data-scheme="${SCHEME}"] a`);
    await page.waitForSelector('.version-list tr[data-version="1"]');
    await page.waitForFunction(() => document.querySelector('.problems-head')?.textContent?.includes('0 个错误'));
    await state('scheme-open');

    const hover = await at('indicator 出勤情况', '出勤情况');
    await page.mouse.move(hover.x, hover.y);
    await page.waitForSelector('.monaco-hover:has-text("有效权重")');
    await state('hover-indicator');
    await page.mouse.move(5, 5);

    const p = await at('indicator 出勤情况', '缺勤天数');
    await page.mouse.click(p.x, p.y, { button: 'right' });
    await page.waitForSelector('.monaco-menu .action-label');
    await state('context-menu');
    await page.keyboard.press('Escape');

    await inPage(page, (k) => k.editor.focus());
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible .monaco-list-row');
    await state('completion');
    await page.keyboard.press('Escape');
  });

  it('the problems list, a problem\'s hover and the quick-fix menu', async () => {
    const original = await inPage(page, (k) => k.model.getValue() as string);
    // An undefined name (KH-C001), a keyword typo (全重 for 权重), a weight sum off (KH-C010).
    try {
      await setText(original.replace('100 - 缺勤天数 * 5', '100 - 缺勤日数 * 5').replace('indicator 职业道德 weight 20%', 'indicator 职业道德 weight 25%')
        .replace('indicator 廉洁自律 weight 20%', 'indicator 廉洁自律 全重 20%'));
      await page.waitForSelector('.problem[data-code="KH-C001"]');
      await state('problems');

      await at('indicator 出勤情况', '缺勤日数');
      await inPage(page, (k) => { k.editor.focus(); k.editor.trigger('test', 'editor.action.showHover', {}); });
      await page.waitForSelector('.monaco-hover:has-text("KH-C001")');
      await state('problem-hover');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+.');
      await page.waitForSelector('.action-widget .monaco-list-row');
      await state('quick-fix');
      await page.keyboard.press('Escape');
    } finally {
      await setText(original);
    }
  });

  it('try it: the form, a result, an input error and malformed JSON', async () => {
    await click('[data-tab="tryIt"]');
    await page.waitForSelector('.example-pick');
    await state('tryit-form');
    await page.selectOption('.example-pick', '执法岗');
    await click('[data-action="evaluate"]');
    await page.waitForSelector('[data-testid="score"]');
    await state('tryit-result');

    await page.evaluate(() => { (document.querySelector('.rawbox') as HTMLDetailsElement).open = true; });
    const input = JSON.parse(await page.inputValue('.rawbox textarea')) as Record<string, unknown>;
    await page.fill('.rawbox textarea', JSON.stringify({ ...input, 岗位: '不存在的岗位', 缺勤天数: 400 }));
    await click('[data-action="evaluate"]');
    await page.waitForSelector('.tryit .problems-box, .tryit .output .error');
    await state('tryit-input-error');

    await page.fill('.rawbox textarea', '{"岗位": ');
    await click('[data-action="evaluate"]');
    await page.waitForSelector('.tryit .output .error');
    await state('tryit-json-error');
    await page.evaluate(() => { (document.querySelector('.rawbox') as HTMLDetailsElement).open = false; });
  });

  it('examples: all passing, then one failing', async () => {
    await click('[data-tab="examples"]');
    await click('[data-action="run-examples"]');
    await page.waitForSelector('.examples tr.pass');
    await state('examples-pass');
    const original = await inPage(page, (k) => k.model.getValue() as string);
    try {
      await setText(original.replace(/expect score == [\d.]+/, 'expect score == 12.34'));
      await click('[data-action="run-examples"]');
      await page.waitForSelector('.examples tr.fail');
      await state('examples-fail');
    } finally {
      await setText(original);
    }
  });

  it('the cohort: a result, and data that cannot be read', async () => {
    await click('[data-tab="cohort"]');
    await state('cohort-empty');
    await page.fill('.cohort-input', JSON.stringify({ subjects: cohortSubjects() }));
    await click('[data-action="evaluate-cohort"]');
    await page.waitForSelector('.cohort-result .subjects tbody tr');
    await state('cohort-result');
    await page.fill('.cohort-input', '{"subjects": [');
    await click('[data-action="evaluate-cohort"]');
    await page.waitForSelector('.cohort .output .error, .cohort .problems-box');
    await state('cohort-error');
  });

  it('publishing: the diff, a refusal (said before any question), the question, then a new version', async () => {
    await click('[data-tab="publish"]');
    await page.waitForSelector('.publish .monaco-diff-editor');
    await state('publish-panel');

    const original = await inPage(page, (k) => k.model.getValue() as string);
    await setText(original.replace('100 - 缺勤天数 * 5', '100 - 缺勤日数 * 5'));
    await click('[data-action="publish"]');
    await page.waitForSelector('.publish .problems-box');
    await state('publish-refused');

    await setText(original.replace('"2026.1"', '"2026.2"'));
    await click('[data-action="publish"]');
    await page.waitForSelector('dialog[data-dialog="publish"] .monaco-diff-editor');
    await state('publish-question');
    await dialogAnswer('publish', 'ok');
    await page.waitForSelector('.publish [data-published="2"]');
    await state('published');
  });

  it('versions: saving an old one asks, two are compared, leaving unsaved text asks', async () => {
    await click('[data-tab="schemes"]');
    await click('.version-list tr[data-version="1"] a');
    await page.waitForSelector('.status [data-target][data-version="1"]');
    await inPage(page, (k) => k.editor.focus());
    await page.keyboard.press('Control+s');
    await page.waitForSelector('dialog[data-dialog="save-old"]');
    await state('save-old-question');
    await dialogAnswer('save-old', 'cancel');

    await page.selectOption('.compare select[name="a"]', '1');
    await page.selectOption('.compare select[name="b"]', '2');
    await click('[data-action="compare"]');
    await page.waitForSelector('dialog[data-dialog="compare"] .monaco-diff-editor');
    await state('compare');
    await dialogAnswer('compare', 'cancel');

    await inPage(page, (k) => k.editor.executeEdits('t', [{ range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 }, text: '// 改动\n' }]));
    await page.waitForSelector('.status [data-dirty="true"]');
    await state('unsaved');
    await click('[data-action="new-scheme"]');
    await page.waitForSelector('dialog[data-dialog="leave"]');
    await state('leave-question');
    await dialogAnswer('leave', 'ok');
    await page.waitForSelector('.status [data-target][data-status="new"]');
    await state('new-scheme');
  });

  it('the errors of a browser that is not signed in', async () => {
    const other = await browser.newPage({ locale: 'zh-CN' });
    await other.goto(server.url);
    await other.waitForSelector('.schemes .error');
    const keep = page;
    page = other;
    try { await state('signed-out'); } finally { page = keep; await other.close(); }
  });
});
