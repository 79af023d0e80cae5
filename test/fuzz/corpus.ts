// What the fuzz mutates: every reference scheme (schemes/), every spec example and every test
// fixture, read once in a fixed order (so a seed and an index name the same input on any machine),
// plus the vocabulary that token soup and insertions draw from — the keyword table in both
// languages, built-in functions, result names, punctuation and the names the corpus declares.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILTINS, KEYWORDS, RESULT_NAMES } from '../../dsl/keywords.js';

const ROOT = join(import.meta.dirname, '../..');

export interface SeedFile { path: string; text: string }

function kaoheFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (e.endsWith('.kaohe')) out.push(p);
    else if (!e.includes('.')) out = out.concat(kaoheFiles(p));
  }
  return out;
}

/** The seed files, sorted by path: schemes/, ../shared/spec/examples/, test/fixtures/**. */
export const SEEDS: readonly SeedFile[] = [
  ...kaoheFiles(join(ROOT, 'schemes')),
  ...kaoheFiles(join(ROOT, '../shared/spec/examples')),
  ...kaoheFiles(join(ROOT, 'test/fixtures')),
].map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

const PUNCTUATION = [
  '{', '}', '(', ')', '[', ']', ',', ':', '.', '=', '==', '!=', '<', '<=', '>', '>=', '=>', '+', '-', '*', '/',
  '%', '"', '"标签"', '“', '”', '：', '，', '（', '）', '；', '//', '/*', '*/', '\n', ' ',
];
const LITERALS = ['0', '1', '2.5', '100', '40%', '0.1%', '1e3', '99999999999999999999', '-1', '"x"', '""'];

/** Keywords (English and Chinese), built-ins, result names. */
export const KEYWORD_WORDS: readonly string[] = [
  ...KEYWORDS.flatMap(([, en, ...zh]) => [en, ...zh]),
  ...Object.entries(BUILTINS).flat(),
  ...Object.entries(RESULT_NAMES).flat(),
];

/** Names declared in the corpus (the word after a declaring keyword), so soup can refer to them. */
const NAMES: readonly string[] = (() => {
  const found = new Set<string>(['x', 't', '甲', '岗位']);
  const decl = /\b(?:let|indicator|group|table|enum|panel|item|定义|指标|类别|对照表|枚举|测评组|事项)\s+([\p{L}_][\p{L}\p{N}_]*)/gu;
  for (const s of SEEDS) for (const m of s.text.matchAll(decl)) found.add(m[1]);
  return [...found].sort();
})();

/** Everything an insertion or token soup may use. */
export const VOCABULARY: readonly string[] = [...KEYWORD_WORDS, ...PUNCTUATION, ...LITERALS, ...NAMES];
