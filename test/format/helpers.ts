// Shared helpers for the formatter tests: parse-or-fail, format a text, and compare trees while
// ignoring what the formatter may legitimately change (spans, the spelling of built-in and result
// names, which follows the keyword language).

import { expect } from 'vitest';
import { parse } from '../../dsl/parser/index.js';
import { format } from '../../dsl/format/index.js';
import { SourceFile } from '../../dsl/source.js';
import type { ObjectLit, ParsedFile } from '../../dsl/ast.js';
import { canonicalBuiltin, canonicalIn, COHORT_RESULT_NAMES, DECISION_FIELDS, PERIOD_RESULT_FIELDS, type Lang } from '../../dsl/keywords.js';
import { MAX_WIDTH } from '../../dsl/format/lines.js';
import { displayWidth } from '../../dsl/format/width.js';

export function parseOk(text: string, path = '<test>'): ParsedFile {
  const r = parse(new SourceFile(text, path));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`), text).toEqual([]);
  return r.value;
}

export function fmt(text: string, keywords?: Lang): string {
  const file = new SourceFile(text);
  return format(parseOk(text), file, { keywords });
}

const COHORT_WORDS = new Map(Object.entries(COHORT_RESULT_NAMES).map(([en, zh]) => [zh, en]));
function subjectValueWord(x: string): string {
  return canonicalBuiltin(x) ?? COHORT_WORDS.get(x) ?? canonicalIn(PERIOD_RESULT_FIELDS, x) ?? x; // `r.得分` / `r.score` (issue 14)
}
const DECISION_WORDS = new Map(Object.entries(DECISION_FIELDS).map(([en, zh]) => [zh, en]));
function decisionKeys(d: ObjectLit): ObjectLit {
  return { ...d, entries: d.entries.map((en) => ({ ...en, key: { ...en.key, name: DECISION_WORDS.get(en.key.name) ?? en.key.name } })) };
}

/** The tree without spans; built-in calls and result names reduced to their canonical name. */
export function normalize(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(normalize);
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'span' || k === 'idSpan') continue; // idSpan: a cohort example subject's id (issue 13)
    if (k === 'name' && o.kind === 'Name' && o.builtin) continue;
    if (k === 'callee' && (o.kind === 'Aggregate' || o.kind === 'CohortAgg' || (o.kind === 'Call' && o.fn))) continue;
    // `A1.总分` / `A1.score`, `A1.名次` / `A1.rank` in a cohort example (issue 13): the same name
    if (k === 'field' && o.kind === 'Field') { out[k] = { name: subjectValueWord((v as { name: string }).name) }; continue; }
    if (k === 'decision' && 'idSpan' in o) { out[k] = normalize(decisionKeys(v as ObjectLit)); continue; } // 等次 / grade
    // a period result's keys in a given (`{ 得分: 88 }` / `{ score: 88 }`, issue 14)
    if (k === 'key' && o.value !== undefined) { out[k] = { name: canonicalIn(PERIOD_RESULT_FIELDS, (v as { name: string }).name) ?? (v as { name: string }).name }; continue; }
    out[k] = normalize(v);
  }
  return out;
}

export function sameTree(a: ParsedFile, b: ParsedFile): void {
  expect(normalize(b.scheme)).toEqual(normalize(a.scheme));
  expect(b.comments.map((c) => c.text.trim())).toEqual(a.comments.map((c) => c.text.trim()));
}

/** The lines of a formatted text with its comments blanked out (found by parsing it), trimmed at
 * the end: the code the width limit is about (trailing comments follow the code wherever it ends). */
export function codeLines(text: string): string[] {
  let t = text;
  for (const c of parseOk(text).comments) {
    t = t.slice(0, c.span.start) + t.slice(c.span.start, c.span.end).replace(/[^\n]/g, ' ') + t.slice(c.span.end);
  }
  return t.split('\n').map((l) => l.trimEnd());
}

/** A string literal, or a run of characters without spaces and punctuation. */
const TOKEN = /"(?:[^"\\]|\\.)*"|[^\s,()[\]{}:.]+/g;

/** Code lines wider than MAX_WIDTH columns that a single token does not explain: lines that would
 * still be too wide if their widest token took one column. */
export function overflows(text: string): string[] {
  return codeLines(text).filter((l) => {
    const w = displayWidth(l);
    if (w <= MAX_WIDTH) return false;
    const widest = Math.max(0, ...(l.match(TOKEN) ?? []).map(displayWidth));
    return w - widest + 1 > MAX_WIDTH;
  });
}
