// A tiny Markdown renderer for the user guide (docs/指南.md, docs/guide.md), building DOM nodes with
// h() — never innerHTML — so nothing in a document can inject markup or script. It knows what the
// guide uses: headings, paragraphs, lists (with indented continuation lines), fenced code, tables,
// quotes, rules; inline code, bold, italics and links. Links leave the page only for http(s), in a
// new tab; a link to another .md file is handed to `onDoc` (the guide switches language), or shown
// as its file name when nobody takes it.

import { h } from './dom.js';

type Inline = Node | string;

export interface MarkdownOptions {
  /** A link to a relative .md file: returns the click handler, or undefined to show it as text. */
  onDoc?: (path: string) => (() => void) | undefined;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Joins a paragraph's lines: no space where Chinese meets Chinese, as the author wrote it. */
function joinLines(lines: string[]): string {
  return lines.map((l) => l.trim()).reduce((acc, l) => (acc === '' ? l : CJK.test(acc.at(-1)!) || CJK.test(l[0]) ? acc + l : `${acc} ${l}`), '');
}

/** Inline code, bold, italics and links in `text`. */
export function inline(text: string, opts: MarkdownOptions = {}): Inline[] {
  const out: Inline[] = [];
  const re = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[1] !== undefined) out.push(h('code', {}, m[1]));
    else if (m[2] !== undefined) out.push(h('strong', {}, ...inline(m[2], opts)));
    else if (m[3] !== undefined) out.push(h('em', {}, ...inline(m[3], opts)));
    else out.push(link(m[4], m[5], opts));
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function link(label: string, href: string, opts: MarkdownOptions): Node {
  if (/^https?:\/\//i.test(href)) return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, ...inline(label, opts));
  const go = /^[^:]+\.md(#.*)?$/.test(href) ? opts.onDoc?.(href.replace(/#.*$/, '')) : undefined;
  if (go) return h('a', { href: '#', 'data-doc': href, onclick: (e: Event) => { e.preventDefault(); go(); } }, ...inline(label, opts));
  // A file the editor does not carry (language.md): its name, as the reader would look for it.
  return h('span', { class: 'doc-ref' }, ...inline(label, opts));
}

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

/** The document as a list of block elements. */
export function markdown(text: string, opts: MarkdownOptions = {}): HTMLElement[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: HTMLElement[] = [];
  let i = 0;
  const blank = (l: string | undefined) => l === undefined || l.trim() === '';
  const startsBlock = (l: string) => /^(#{1,6}\s|```|>|\s*([-*+]|\d+[.)])\s|---+\s*$)/.test(l) || TABLE_ROW.test(l);
  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) { i++; continue; }
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
      i++;
      out.push(h('pre', {}, h('code', { class: fence[1] ? `lang-${fence[1]}` : '' }, body.join('\n'))));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      out.push(h(`h${heading[1].length}` as 'h1', {}, ...inline(heading[2].replace(/\s+#+\s*$/, ''), opts)));
      i++;
      continue;
    }
    if (/^---+\s*$/.test(line)) { out.push(h('hr')); i++; continue; }
    if (TABLE_ROW.test(line) && /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && TABLE_ROW.test(lines[i]); i++) rows.push(cells(lines[i]));
      out.push(h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, ...inline(c, opts))))),
        h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, ...inline(c, opts))))))));
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      for (; i < lines.length && lines[i].startsWith('>'); i++) body.push(lines[i].replace(/^>\s?/, ''));
      out.push(h('blockquote', {}, ...markdown(body.join('\n'), opts)));
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const items: HTMLElement[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (!m || /\d/.test(m[2]) !== ordered) break;
        const text = [m[3]];
        // Continuation lines are indented; a blank line or another item ends the item.
        for (i++; i < lines.length && !blank(lines[i]) && !LIST_ITEM.test(lines[i]) && /^\s+/.test(lines[i]); i++) text.push(lines[i]);
        items.push(h('li', {}, ...inline(joinLines(text), opts)));
        while (blank(lines[i]) && LIST_ITEM.test(lines[i + 1] ?? '') && /\d/.test(LIST_ITEM.exec(lines[i + 1])![2]) === ordered) i++;
      }
      const start = ordered ? Number.parseInt(item[2], 10) : 1;
      out.push(ordered ? h('ol', { start: start === 1 ? undefined : String(start) }, items) : h('ul', {}, items));
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length && !blank(lines[i]) && (para.length === 0 || !startsBlock(lines[i])); i++) para.push(lines[i]);
    out.push(h('p', {}, ...inline(joinLines(para), opts)));
  }
  return out;
}
