// Quick fixes for the diagnostics under the cursor: the fix a diagnostic carries (`Diagnostic.fix`,
// e.g. "insert a space" for a glued Chinese keyword), and "did you mean" for an unknown name, field
// or keyword that is one or two edits away from a known one (distance.ts).

import type { Span } from '../ast.js';
import type { Diagnostic } from '../diagnostics.js';
import { BUILTINS, KEYWORDS, RESULT_NAMES, keywordText } from '../keywords.js';
import type { ServiceDocument } from './document.js';
import { nearest } from '../distance.js';
import { word, type UiLang } from './messages.js';
import { fieldsOf } from './targets.js';

export interface TextEdit { start: number; end: number; text: string }
export interface CodeAction { title: string; edits: TextEdit[]; diagnostic?: Diagnostic; preferred?: boolean }

const UNKNOWN_NAME = new Set(['KH-C001', 'KH-C007', 'KH-C050', 'KH-C051']);
const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export function codeActions(doc: ServiceDocument, span: Span, ui: UiLang = 'zh'): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of doc.diagnostics) {
    if (d.span.end < span.start || d.span.start > span.end) continue;
    if (d.fix) out.push({ title: d.fix.title, diagnostic: d, preferred: true, edits: d.fix.edits.map((e) => ({ start: e.span.start, end: e.span.end, text: e.text })) });
    const name = doc.text.slice(d.span.start, d.span.end);
    if (!NAME.test(name)) continue;
    const pool = UNKNOWN_NAME.has(d.code) ? knownNames(doc) : d.code === 'KH-P001' ? keywordSpellings(doc) : undefined;
    if (!pool) continue;
    nearest(name, pool).forEach((s, i) => out.push({
      title: `${word('fixName', ui)} \`${s}\``, diagnostic: d, preferred: i === 0 && !d.fix,
      edits: [{ start: d.span.start, end: d.span.end, text: s }],
    }));
  }
  return out;
}

/** Every name an unknown name might have meant: declarations, members, enums, fields, categories,
 * built-ins and result names (in the file's keyword language and English). */
function knownNames(doc: ServiceDocument): string[] {
  const s = doc.symbols;
  const out: string[] = [...Object.keys(BUILTINS), ...Object.values(BUILTINS), ...Object.keys(RESULT_NAMES), ...Object.values(RESULT_NAMES)];
  if (!s) return out;
  out.push(...s.names.keys(), ...s.members.keys(), ...s.enums.keys());
  const seen = new Set<object>();
  const walk = (t: Parameters<typeof fieldsOf>[0]) => {
    if (!t || seen.has(t)) return;
    seen.add(t);
    if (t.kind === 'ListType') return walk(t.element);
    for (const m of fieldsOf(t, s)) { out.push(m.name); if (m.kind === 'field') walk(m.field.type); }
  };
  for (const f of s.inputs.values()) walk(f.type);
  return out;
}

/** A misspelt keyword is a syntax error on a name: suggest keywords in the file's language. */
function keywordSpellings(doc: ServiceDocument): string[] {
  return KEYWORDS.map(([id]) => keywordText(id, doc.lang)).filter((k) => !k.includes(' '));
}
