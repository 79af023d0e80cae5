// The headers every answer carries — API JSON, the editor's files, errors of every origin — so that
// a browser never runs, frames, sniffs or caches what it should not:
// - Content-Security-Policy: scripts only from this server, no inline script, no eval. The editor is
//   one bundled module (vite) plus two module workers, all under /assets, so it needs nothing more.
//   Styles keep 'unsafe-inline': Monaco injects <style> elements and writes `style=""` attributes
//   (its view lines are HTML strings), and a style cannot run code. `img-src data:` for Monaco's
//   inline SVG icons and the page's `data:,` favicon. `frame-ancestors 'none'` (and X-Frame-Options
//   for older browsers): no page can frame the editor and click through it.
// - X-Content-Type-Options: nosniff; Referrer-Policy: no-referrer (a sign-in URL carries its code).
// - Cache-Control: no-store by default — API answers hold an organization's data and must not
//   stay in a shared or disk cache. The editor's hashed files under /assets are cached for a year
//   (web.ts): their names change with their content.
//
// One table, two ways in. createNodeServer presets it on each Node response with `setHeader`, which
// the answer's own headers then override (a route's Cache-Control); measured at ~0 µs a request,
// against ~6 µs for editing each Hono Response's Headers object after the handler. The app's
// middleware adds the same table only where no Node server preset it (app.request() in tests,
// another adapter), so createApp is safe on its own.

import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
});

/** Cache-Control of the editor's content-hashed files (/assets/*). */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const ENTRIES = Object.entries(SECURITY_HEADERS);

/** The table as header lines, for an answer written straight to a socket (node-server.ts). */
export const SECURITY_HEADER_LINES: readonly string[] = ENTRIES.map(([name, value]) => `${name}: ${value}`);

const PRESET = Symbol('kaohe.securityHeadersPreset');

/** Sets the table on a Node response before anything is written; headers the answer itself names
 * replace these (`writeHead` merges over `setHeader`). */
export function presetSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of ENTRIES) res.setHeader(name, value);
  (res as ServerResponse & { [PRESET]?: true })[PRESET] = true;
}

/** The app's side: adds the table, without replacing what the answer set itself, to a response
 * no Node server preset it on. */
export function securityHeaders(): MiddlewareHandler {
  return function securityHeaders(c, next) {
    const outgoing = (c.env as { outgoing?: { [PRESET]?: true } } | undefined)?.outgoing;
    if (outgoing?.[PRESET]) return next();
    return next().then(() => {
      const headers = c.res.headers;
      for (const [name, value] of ENTRIES) if (!headers.has(name)) headers.set(name, value);
    });
  };
}
