// Doc → one complete HTML page (issue 15): what the browser shows, prints on A4 and saves as PDF.
// Every piece of text is escaped here and nowhere else — names come from rosters and may be
// hostile (`<img src=x onerror=alert(1)>` must print as those characters) — and the page has no
// script, no style attribute and no external resource: one <style> element whose text is PAPER_CSS
// exactly, so the server can allow it by hash (server/reports/html-answer.ts). Each Page is a
// <section class="page">: a sheet of its own on paper (css.ts). The builders write final text; this
// module only lays it out, except the print hint above the sheet (messages.ts).

import { render, type Locale } from '../../dsl/i18n/index.js';
import type { Block, Doc, Inline, Page } from '../model.js';
import { PAPER_CSS } from './css.js';
import { M } from './messages.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Control characters (C0 but tab and newlines, DEL, C1) and bidi overrides (U+202A–202E,
 * U+2066–2069): never meant to print, and in a saved page read in a terminal or an editor they can
 * clear the screen or reorder a name. Dropped; the rest of the text stays in order. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe in element content and in a quoted attribute value. */
export function escapeHtml(text: string): string {
  return String(text).replace(INVISIBLE, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const HTML_LANG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

function inline(run: Inline): string {
  if (typeof run === 'string') return escapeHtml(run);
  if ('strong' in run) return `<strong>${escapeHtml(run.strong)}</strong>`;
  return `<span class="num">${escapeHtml(run.num)}</span>`;
}

const runs = (list: readonly Inline[]): string => list.map(inline).join('');

const ALIGN_CLASS = { left: '', right: ' class="r"', center: ' class="c"' } as const;

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cls = (i: number) => ALIGN_CLASS[b.align?.[i] ?? 'left'];
  const caption = b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '';
  const head = `<thead><tr>${b.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = b.rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table>${caption}${head}<tbody>\n${body}\n</tbody></table>`;
}

const ruled = (count: number): string => '<span class="ruled"></span>'.repeat(Math.max(0, count));

type FieldItem = Extract<Block, { kind: 'fields' }>['items'][number];

const fieldValue = (f: FieldItem): string => (f.value !== undefined ? escapeHtml(f.value) : '') + ruled(f.lines ?? 0);

/** A form: two label–value pairs a row; a `wide` field takes a row of its own. */
function fields(b: Extract<Block, { kind: 'fields' }>): string {
  const rows: string[] = [];
  let pending: FieldItem | undefined;
  const pair = (f: FieldItem) => `<th>${escapeHtml(f.label)}</th><td>${fieldValue(f)}</td>`;
  const flush = () => {
    // A pair left alone at the end of a run takes the rest of its row.
    if (pending) rows.push(`<tr><th>${escapeHtml(pending.label)}</th><td class="wide" colspan="3">${fieldValue(pending)}</td></tr>`);
    pending = undefined;
  };
  for (const f of b.items) {
    if (f.wide) {
      flush();
      rows.push(`<tr><th>${escapeHtml(f.label)}</th><td class="wide" colspan="3">${fieldValue(f)}</td></tr>`);
    } else if (pending) {
      rows.push(`<tr>${pair(pending)}${pair(f)}</tr>`);
      pending = undefined;
    } else {
      pending = f;
    }
  }
  flush();
  return `<table class="fields"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** A signature place: its words, then a blank to sign on when they end with a colon
 * (`被考核人（签名）：`); words without one (`年　月　日`) stand as written. */
function signature(item: string): string {
  const blank = /[：:]\s*$/.test(item) ? '<span class="blank"></span>' : '';
  return `<span class="sig">${escapeHtml(item)}${blank}</span>`;
}

export function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'heading': return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph': {
      const classes = [b.tone, b.flush ? 'flush' : undefined].filter(Boolean).join(' ');
      const cls = classes ? ` class="${classes}"` : '';
      return `<p${cls}>${b.runs ? runs(b.runs) : escapeHtml(b.text ?? '')}</p>`;
    }
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${runs(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table': return table(b);
    case 'fields': return fields(b);
    case 'lines': return `<div class="lines">${b.label ? `<div class="label">${escapeHtml(b.label)}</div>` : ''}${ruled(b.count)}</div>`;
    case 'signatures': return `<div class="signatures">${b.items.map(signature).join('')}</div>`;
  }
}

function renderPage(page: Page): string {
  const subtitle = page.subtitle ? `\n<p class="subtitle">${escapeHtml(page.subtitle)}</p>` : '';
  return `<section class="page">\n<h1>${escapeHtml(page.title)}</h1>${subtitle}\n${page.blocks.map(renderBlock).join('\n')}\n</section>`;
}

/** The whole printable page of `doc`. */
export function renderHtml(doc: Doc): string {
  return [
    '<!doctype html>',
    `<html lang="${HTML_LANG[doc.lang]}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${PAPER_CSS}</style>`,
    '</head>',
    '<body>',
    `<p class="hint">${escapeHtml(render(M.printHint(), doc.lang))}</p>`,
    ...doc.pages.map(renderPage),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
