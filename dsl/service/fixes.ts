// Quick fixes for the diagnostics under the cursor: the fix a diagnostic carries (`Diagnostic.fix`,
// e.g. "insert a space" for a glued Chinese keyword), and "did you mean" for an unknown name, field
// or keyword that is one or two edits away from a known one (distance.ts). Titles are in the UI
// language (a carried fix by its `titleMsg`).
//
// Where the unknown name stands for a value (a bare name in an expression), the values within reach
// — inputs, lets, indicators, enum members… — come first, and names that cannot be a value there
// (negative-list items, lists, actions, examples, panels) after them: `迟到数` is far likelier to
// mean the input `迟到次数` than the item `迟到`, which the checker would refuse as "not a value".

import type { Span } from '../ast.js';
import type { Diagnostic } from '../diagnostics.js';
import { render } from '../i18n/index.js';
import { BUILTINS, KEYWORDS, RESULT_NAMES, keywordText } from '../keywords.js';
import type { Sym } from '../symbols.js';
import type { ServiceDocument } from './document.js';
import { nearest } from '../distance.js';
import { say, type UiLang } from './messages.js';
import { fieldsOf } from './targets.js';

export interface TextEdit { start: number; end: number; text: string }
export interface CodeAction { title: string; edits: TextEdit[]; diagnostic?: Diagnostic; preferred?: boolean }

const UNKNOWN_NAME = new Set(['KH-C001', 'KH-C007', 'KH-C050', 'KH-C051']);
const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
/** Kinds of declared names that are values in an expression. */
const VALUE_KINDS = new Set<Sym['kind']>(['input', 'let', 'adjust', 'table', 'indicator', 'group']);
/** Declarations where the result names (score, grade…) are values. */
const RESULT_AREAS = new Set(['Grades', 'Outcomes', 'Example']);
/** Most "did you mean" suggestions per diagnostic. */
const SUGGESTIONS = 3;

export function codeActions(doc: ServiceDocument, span: Span, ui: UiLang = 'zh'): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of doc.diagnostics) {
    if (d.span.end < span.start || d.span.start > span.end) continue;
    const carried = d.fix?.edits.map((e) => ({ start: e.span.start, end: e.span.end, text: e.text }));
    if (d.fix) out.push({ title: d.fix.titleMsg ? render(d.fix.titleMsg, ui) : d.fix.title, diagnostic: d, preferred: true, edits: carried! });
    const name = doc.text.slice(d.span.start, d.span.end);
    if (!NAME.test(name)) continue;
    const suggestions = didYouMean(doc, d, name).filter((s) => !carried?.some((e) => e.text === s && e.start === d.span.start && e.end === d.span.end));
    suggestions.forEach((s, i) => out.push({
      title: say('changeTo', ui, { name: s }), diagnostic: d, preferred: i === 0 && !d.fix,
      edits: [{ start: d.span.start, end: d.span.end, text: s }],
    }));
  }
  return out;
}

/** The names `name` (at diagnostic `d`) may have meant, best first. */
function didYouMean(doc: ServiceDocument, d: Diagnostic, name: string): string[] {
  // A misspelt keyword the parser read as the keyword that fits there carries that fix: other keywords
  // a spelling away (`全重`: 权重, and 全体 since issue 13) would not parse there, so none are added.
  if (d.code === 'KH-P001') return d.fix ? [] : nearest(name, keywordSpellings(doc), SUGGESTIONS);
  const occ = doc.occurrences.find((o) => o.value && o.span.start === d.span.start && o.span.end === d.span.end);
  // A declared name that is not a value where one is wanted (`'迟到' is an item, not a value`).
  const notAValue = d.code === 'KH-C005' && occ?.target?.kind === 'sym' && !isValue(occ.target.sym);
  if (!UNKNOWN_NAME.has(d.code) && !notAValue) return [];
  const known = knownNames(doc);
  if (!occ) return nearest(name, known, SUGGESTIONS);
  const values = valueNames(doc, d.span);
  const firsts = nearest(name, values, SUGGESTIONS);
  if (notAValue) return firsts;
  const rest = nearest(name, known.filter((n) => !values.has(n)), SUGGESTIONS);
  return [...firsts, ...rest].slice(0, SUGGESTIONS);
}

function isValue(s: Sym): boolean {
  return VALUE_KINDS.has(s.kind) || s.kind === 'member' || s.kind === 'grade';
}

/** Names that are values in an expression at `at`: inputs, lets, adjust, tables, indicators, groups,
 * enum members and grades, and — inside grades, outcomes and examples only — the result names. */
function valueNames(doc: ServiceDocument, at: Span): Set<string> {
  const s = doc.symbols;
  const results = doc.analysis.parsed.scheme?.decls.some((x) => RESULT_AREAS.has(x.kind) && x.span.start <= at.start && at.end <= x.span.end);
  const out = new Set<string>(results ? [...Object.keys(RESULT_NAMES), ...Object.values(RESULT_NAMES)] : []);
  if (!s) return out;
  for (const sym of s.names.values()) if (isValue(sym)) out.add(sym.name);
  for (const m of s.members.keys()) out.add(m);
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
