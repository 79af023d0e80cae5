// A Doc as plain text lines (headings, paragraphs, list items, table rows): what the scheme-document
// goldens hold, and what the wording tests search.

import { readFileSync } from 'node:fs';
import { analyze } from '../../dsl/index.js';
import type { Locale } from '../../dsl/i18n/index.js';
import type { Doc, Inline } from '../../report/model.js';
import { schemeDocument } from '../../report/scheme/index.js';

const inline = (r: Inline) => (typeof r === 'string' ? r : 'strong' in r ? r.strong : r.num);

export function docText(doc: Doc): string {
  const lines: string[] = [];
  for (const p of doc.pages) {
    lines.push(`# ${p.title}${p.subtitle ? ` — ${p.subtitle}` : ''}`);
    for (const b of p.blocks) {
      if (b.kind === 'heading') lines.push('', `${'#'.repeat(b.level)} ${b.text}`);
      else if (b.kind === 'paragraph') lines.push(b.text ?? (b.runs ?? []).map(inline).join(''));
      else if (b.kind === 'list') b.items.forEach((it, i) => lines.push(`${b.ordered ? `${i + 1}.` : '-'} ${it.map(inline).join('')}`));
      else if (b.kind === 'table') lines.push(`| ${b.head.join(' | ')} |`, ...b.rows.map((r) => `| ${r.join(' | ')} |`));
      else lines.push(JSON.stringify(b));
    }
  }
  return lines.join('\n') + '\n';
}

export function docOf(source: string, lang: Locale): Doc {
  const a = analyze(source, '<test>');
  if (!a.parsed.scheme) throw new Error('no scheme');
  return schemeDocument(a.parsed.scheme, lang);
}

export const fileDoc = (path: string, lang: Locale): Doc => docOf(readFileSync(path, 'utf8'), lang);
