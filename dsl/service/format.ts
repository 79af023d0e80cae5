// Format document: the canonical layout from dsl/format, as one edit over the whole text (the
// editor turns it into a minimal diff itself). A file with syntax errors is left alone: printing a
// recovered tree would silently drop what the parser skipped.

import { format as print } from '../format/index.js';
import type { Lang } from '../keywords.js';
import type { ServiceDocument } from './document.js';
import type { TextEdit } from './fixes.js';

export function formatDocument(doc: ServiceDocument, keywords?: Lang): TextEdit[] | undefined {
  const parsed = doc.analysis.parsed;
  if (!parsed.scheme || doc.diagnostics.some((d) => d.code.startsWith('KH-P'))) return undefined;
  const out = print(parsed, doc.file, { keywords });
  return out === doc.text ? [] : [{ start: 0, end: doc.text.length, text: out }];
}
