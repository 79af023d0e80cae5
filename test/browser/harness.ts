// What the browser tests and the editor benchmark share: a real `kaohe serve` child process on a
// temporary database (the CLI contract is stable while the server's insides move), the editor
// build when editor/dist is missing or older than its sources, and headless Chromium.
//
// KAOHE_BROWSER_TESTS=0 skips the browser tests (for machines without /usr/bin/chromium); by default
// they run, and fail loudly when Chromium is missing.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureEditorBuilt } from '../../editor/build-if-stale.js';
export { ensureEditorBuilt };

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.KAOHE_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test/artifacts');
export const BROWSER_TESTS = process.env.KAOHE_BROWSER_TESTS !== '0';

export interface Server { url: string; signin: string; token?: string; dir: string; stop(): Promise<void> }

/** Starts `kaohe serve --port 0` on a fresh database; resolves once the sign-in URL is printed. */
export async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-browser-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/kaohe.js'), 'serve', '--lang', 'en', '--port', '0', '--db', join(dir, 'kaohe.db')], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env },
  });
  let err = '';
  const signin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kaohe serve printed no sign-in URL within 60 s:\n${err}`)), 60_000);
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /(http:\/\/\S+\/signin\?code=\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`kaohe serve exited (${code}):\n${err}`)); });
  });
  const token = /token \(shown once\): (\S+)/.exec(err)?.[1];
  return {
    url: new URL(signin).origin, signin, token, dir,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { rmSync(dir, { recursive: true, force: true }); resolve(); return; }
      child.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

/** Headless Chromium with a fresh profile; the flags keep it off the (closed) network. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium fonts-wqy-microhei) or set KAOHE_BROWSER_TESTS=0 to skip the browser tests`);
  }
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Signs in through the one-time URL and waits for the editor to be ready. */
export async function openEditor(browser: Browser, server: Server, size = { width: 1600, height: 1000 }): Promise<Page> {
  const page = await browser.newPage({ viewport: size, locale: 'zh-CN' });
  await page.goto(server.signin);
  await page.waitForFunction(() => !!(window as unknown as { kaohe?: unknown }).kaohe);
  await page.waitForSelector('.monaco-editor .view-lines');
  return page;
}

/** What a browser suite works with: the server, Chromium and the signed-in editor. */
export interface Session { server: Server; browser: Browser; page: Page; close(): Promise<void> }

/** A suite's setup in one call: the editor build when stale, a fresh `kaohe serve`, Chromium and the
 * signed-in editor. `close()` stops what was started; a failed start stops what it had started. */
export async function openSession(size?: { width: number; height: number }): Promise<Session> {
  let server: Server | undefined, browser: Browser | undefined;
  const close = async () => { await browser?.close(); await server?.stop(); };
  try {
    await ensureEditorBuilt();
    server = await startServer();
    browser = await launch();
    return { server, browser, page: await openEditor(browser, server, size), close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Runs `f` in the page with the editor's handles (window.kaohe: monaco, editor, model, doc, app). */
export type K = { monaco: any; editor: any; model: any; app: any };
export const inPage = <T, A>(page: Page, f: (k: K, arg: A) => T, arg?: A) =>
  page.evaluate(([src, a]) => new Function('k', 'a', `return (${src})(k, a)`)((window as any).kaohe, a), [f.toString(), arg] as const) as Promise<T>;

/** An API call from the page, signed in by its cookie: the JSON answer (or the error body) and the status. */
export async function pageApi<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(async ([m, p, b]) => {
    const res = await fetch(p as string, { method: m as string, headers: b === undefined ? {} : { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: res.status, json: await res.json() };
  }, [method, path, body] as const) as Promise<{ status: number; json: T }>;
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** English words in the visible text and the tooltips of `selector`, for a zh page: names quoted
 * “…” and code are skipped, and so are the file-format words JSON, xlsx, csv, Excel and PDF. */
export async function englishWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const root of Array.from(document.querySelectorAll(sel))) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('code, textarea, .monaco-editor, option') || !el.getClientRects().length) continue;
        out.push(...(n.textContent!.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? []));
      }
      for (const el of Array.from(root.querySelectorAll('[title], [aria-label]'))) {
        for (const a of ['title', 'aria-label']) out.push(...(el.getAttribute(a)?.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? []));
      }
    }
    return out.filter((w) => !['JSON', 'xlsx', 'csv', 'Excel', 'PDF'].includes(w));
  }, selector);
}
