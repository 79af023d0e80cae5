// The browser side: the one-time sign-in URL, sign-out, and the editor's static files
// (editor/dist when it has been built, else a placeholder page at `/`, in Chinese and English, saying
// how to build the editor and where the API is).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { defineMessages, render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { SESSION_COOKIE, redeemSigninCode } from './auth/signin.js';
import { findPrincipal } from './auth/tokens.js';
import { requestProtocol } from './client-address.js';
import type { AppEnv } from './context.js';
import { now } from './store/types.js';
import { bearerChallenge, errorResponse } from './errors.js';
import { M } from './messages.js';
import { ASSET_CACHE_CONTROL } from './security-headers.js';
import type { Store } from './store/types.js';

/** editor/dist, or KAOHE_EDITOR_DIST (an absolute path) where the editor was built elsewhere. */
export const DEFAULT_STATIC_DIR = process.env.KAOHE_EDITOR_DIST ?? fileURLToPath(new URL('../editor/dist', import.meta.url));

/** The page at `/` while editor/dist is missing (`npm start` where the editor could not be built): a
 * person reads it, in Chinese first, English beside it (C10: it was English only). The words are
 * templates; the commands, the folder and the link go in as arguments, marked up here. */
const W = defineMessages('webPlaceholder', {
  zh: {
    title: '考核系统',
    heading: '编辑器尚未构建',
    missing: '服务已在运行，但找不到编辑器的网页文件（{dir} 不存在），所以这里只显示本说明。',
    build: '构建编辑器：在项目目录中运行 {build}，然后重新启动服务（{start}）。编辑器在别处构建时，用环境变量 {env} 指明其目录。',
    api: '接口照常可用，接口说明见 {openapi}。',
  },
  en: {
    title: 'kaohe assessment',
    heading: 'The editor has not been built yet',
    missing: 'The server is running, but the editor’s web files are missing ({dir} does not exist), so this page stands in for it.',
    build: 'To build the editor, run {build} in the project folder, then restart the server ({start}). For an editor built elsewhere, set {env} to its folder.',
    api: 'The API works meanwhile; it is described at {openapi}.',
  },
});

/** The placeholder's arguments, as HTML (the templates hold no markup). */
const PLACEHOLDER_ARGS = {
  dir: '<code>editor/dist</code>', build: '<code>npm run build:editor</code>', start: '<code>npm start</code>',
  env: '<code>KAOHE_EDITOR_DIST</code>', openapi: '<a href="/api/openapi.json">/api/openapi.json</a>',
};

/** One language's part of the placeholder page. */
function placeholderPart(locale: Locale, heading: 'h1' | 'h2'): string {
  const say = (m: Msg) => render(m, locale);
  return `<${heading}>${say(W.heading())}</${heading}>
<p>${say(W.missing(PLACEHOLDER_ARGS))}</p>
<p>${say(W.build(PLACEHOLDER_ARGS))}</p>
<p>${say(W.api(PLACEHOLDER_ARGS))}</p>`;
}

/** Built when first asked for: the catalog is registered once this module has loaded. */
let placeholder: string | undefined;
const placeholderPage = (): string => (placeholder ??= `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${render(W.title(), 'zh')} · ${render(W.title(), 'en')}</title>
<body style="font-family:system-ui,'Microsoft YaHei',sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
${placeholderPart('zh', 'h1')}
<hr><div lang="en">
${placeholderPart('en', 'h2')}
</div></body></html>`);

const SIGNIN_FAILED = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>kaohe 考核 · 登录链接无效</title>
<body style="font-family:system-ui,'Microsoft YaHei',sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>登录链接无效、已使用或已过期</h1>
<p>每个登录链接只能使用一次：kaohe 服务启动时打印的链接 1 小时内有效，为账号生成的链接 24 小时内有效。请向系统管理员索取新的登录链接（管理员重新启动 kaohe 服务时会打印新链接）。
如果本浏览器已经登录过，可直接打开 <a href="/">首页</a>。</p>
<hr><p lang="en">This sign-in link is unknown, has been used already or expired: each link works once, a link printed
by <code>kaohe serve</code> for an hour, one made for an account for 24 hours. Ask the administrator
for a new one (restarting <code>kaohe serve</code> prints it). If this browser signed in before, open
<a href="/">the editor</a>.</p></body></html>`;

/** Sign-out ends the session: its token is revoked (the auth middleware then refuses it). */
const REVOKE = 'UPDATE tokens SET revoked_at = ? WHERE id = ?';

export function webRoutes(store: Store, sessionHours: number, staticDir: string = DEFAULT_STATIC_DIR) {
  const app = new Hono<AppEnv>();

  app.get('/signin', async (c) => {
    const code = c.req.query('code');
    const session = code ? await redeemSigninCode(store, code) : undefined;
    if (!session) {
      // A person opened the link: a page in words (department staff cannot read JSON or restart the
      // server); a program gets the API's JSON error.
      if (c.req.header('accept')?.includes('text/html')) return c.html(SIGNIN_FAILED, 401, { 'WWW-Authenticate': bearerChallenge('invalid_token') });
      return errorResponse(c, 401, 'invalid_code', M.invalidCode());
    }
    // SameSite=Strict: the cookie never rides on a request another site starts; another origin of
    // the same site is csrf.ts's. Secure when the browser came over TLS, also through a trusted
    // proxy (client-address.ts).
    const secure = requestProtocol(c) === 'https:';
    // Max-Age as the session's lifetime: the browser drops the cookie when the server stops taking it.
    setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge: Math.round(sessionHours * 3600) });
    return c.redirect('/', 302);
  });

  app.post('/signout', async (c) => {
    const session = getCookie(c, SESSION_COOKIE);
    const p = session ? await findPrincipal(store, session, 'session') : undefined;
    if (p) await store.run(REVOKE, [now(), p.tokenId]);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: requestProtocol(c) === 'https:' });
    return c.json({ signedOut: true });
  });

  // Vite names the files under /assets by their content's hash: a browser may keep them for a year.
  // Everything else keeps the default no-store (security-headers.ts), index.html included, so a new
  // build is picked up at once.
  const onFound = (_path: string, c: Context) => {
    if (c.req.path.startsWith('/assets/')) c.header('Cache-Control', ASSET_CACHE_CONTROL);
  };
  if (existsSync(staticDir)) app.use('/*', serveStatic({ root: staticDir, onFound }));
  else app.get('/', (c) => c.html(placeholderPage()));
  return app;
}
