// How the server answers a printable paper (issue 15): the HTML of report/render/html.ts under a
// policy of its own, stricter than the editor's (security-headers.ts). The editor's policy keeps
// `style-src 'unsafe-inline'` for Monaco; a paper needs no script and exactly one style element, so
// its policy allows no script at all and only that style, by its sha256 — the hash of PAPER_CSS,
// computed once. A hostile name on a roster is escaped by the renderer; should anything ever slip
// through, this policy still runs nothing, loads nothing and applies no other style. The answer
// names its own Content-Security-Policy, which the security-headers middleware then leaves alone
// (it only adds headers an answer does not set). Other owners (the scheme in plain words) answer
// their documents with the same function.

import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Doc } from '../../report/model.js';
import { PAPER_CSS } from '../../report/render/css.js';
import { renderHtml } from '../../report/render/html.js';

const STYLE_HASH = `'sha256-${createHash('sha256').update(PAPER_CSS, 'utf8').digest('base64')}'`;

/** The Content-Security-Policy of every paper: no script, no resource, the one style by hash. */
export const PAPER_CSP = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers of a paper's answer: HTML in the document's language, under PAPER_CSP. */
export function paperHeaders(doc: Pick<Doc, 'lang'>): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAPER_CSP,
    'Content-Language': doc.lang,
    Vary: 'Accept, Accept-Language',
  };
}

/** The headers of the document's JSON answer. */
export function docJsonHeaders(doc: Pick<Doc, 'lang'>): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Content-Language': doc.lang, Vary: 'Accept, Accept-Language' };
}

/** `doc` as the answer: its JSON (`Accept: application/json` — tests and other systems read the
 * document model) or its printable HTML page. */
export function docAnswer(c: Context, doc: Doc): Response {
  if (wantsJson(c)) return c.body(JSON.stringify(doc), 200, docJsonHeaders(doc));
  return c.body(renderHtml(doc), 200, paperHeaders(doc));
}

/** Whether the request asks for JSON rather than a page: `Accept` names application/json before
 * (or without) text/html — a browser's Accept names text/html first. */
export function wantsJson(c: Context): boolean {
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  const json = accept.indexOf('application/json');
  if (json < 0) return false;
  const html = accept.indexOf('text/html');
  return html < 0 || json < html;
}
