// Differential property test of incremental analysis (dsl/parser/incremental.ts, `reanalyze`): after
// any sequence of edits to real and generated schemes, the analysis computed from the previous one
// has exactly the tree, comments, keywords and diagnostics (codes, spans, ranges, messages, order,
// fixes) of a full `analyze()` of the same text. Edits are biased towards what typing does (inside
// declarations, at line ends, undo) so the incremental path is taken often, and mixed with edits
// that break the syntax (braces, quotes, comments, keywords) so the refusals are exercised too.
// Runs: 30 + 25 in `npm test`, at a fixed seed (issue 16, session 6: unshifted keyword or comment spans
// fail the first property by its 8th run and the second by its first; the taken-path ratios below are then
// the same on every run — at a random seed the first one once read 0.073); `npm run test:differential`
// runs 400 + 400 (KAOHE_FC_RUNS) at a new seed each time.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateScheme } from '../../bench/gen-scheme.js';
import { analyze, reanalyze, type Analysis } from '../../dsl/index.js';
import { LanguageService, ServiceDocument } from '../../dsl/service/index.js';
import { schemeSourceArb } from '../gen/scheme-arb.js';

const DIR = join(import.meta.dirname, '../../schemes');
const BASES = [
  ...readdirSync(DIR).filter((f) => f.endsWith('.kaohe')).map((f) => readFileSync(join(DIR, f), 'utf8')),
  generateScheme(60),
];
BASES.push(BASES[0].replace(/\n/g, '\r\n')); // CRLF line ends

/** What is inserted: mostly what typing a formula produces (and keeps it valid or nearly so)… */
const TYPING = ['7', '0', '.5', ' ', '\n', 'x', '值', '_2', ' + 1', ' * 2', ' - 3', ' 基础值', ' // 注', ' /* b */', '\t'];
/** …and syntax that forces a refusal or changes the structure. */
const BREAKING = [
  '%', '  ', '-', '(', ')', '缺勤天数', ' range [0, 100]', ' weight 5%', ' "标签"', '"', '“', '//c', '// 注释\n', '/*', '*/',
  '{', '}', '[', ']', ',', ':', '=', '==', '>=', '=>', 'if', ' then ', ' else ', 'indicator', ' indicator n1 weight 5% = 1\n',
  '\n    indicator 新指标 weight 5% = 基础值\n', 'group', 'when', 'let', 'enum', ' in { 综合管理 }', 'and', '且', 'or',
  'min(', 'avg(', 'bands', 'levels', '：', '，', '；', '¥', 'score', '总分', 'true', '\r', '',
];

type Edit = { kind: 'formula' | 'lineEnd' | 'anywhere' | 'undo'; at: number; del: number; ins: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('formula', 'formula', 'lineEnd', 'lineEnd', 'anywhere', 'undo'),
  at: fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000), // (fc.double crowds near 0)
  del: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.nat(3), fc.nat(30)),
  ins: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TYPING) }, { weight: 1, arbitrary: fc.constantFrom(...BREAKING) }),
}) as fc.Arbitrary<Edit>;

function apply(text: string, history: string[], e: Edit): string {
  if (e.kind === 'undo' && history.length > 1) return history[history.length - 2];
  let at = Math.floor(e.at * text.length);
  if (e.kind === 'formula') { // the end of a line with a formula (`indicator … = …`, `let … = …`)
    const ends: number[] = [];
    for (let i = text.indexOf(' = '); i >= 0; i = text.indexOf(' = ', i + 1)) {
      const nl = text.indexOf('\n', i);
      if (ends[ends.length - 1] !== nl) ends.push(nl);
    }
    if (ends.length) at = ends[Math.floor(e.at * ends.length)];
  }
  if (e.kind === 'lineEnd') { const nl = text.indexOf('\n', at); at = nl < 0 ? text.length : nl; }
  if (at < 0) at = text.length;
  const del = e.kind === 'anywhere' ? e.del : Math.min(e.del, 3);
  const from = Math.max(0, at - del);
  return text.slice(0, from) + e.ins + text.slice(at);
}

/** The parts of an analysis that must agree (the checker's maps hold node identities, and the
 * diagnostics and tree cover what they resolve). */
const view = (a: Analysis) => JSON.stringify({ parsed: a.parsed, diagnostics: a.diagnostics });

/** Applies the edits one by one, each analysed incrementally from the previous document and in full,
 * and requires the two to agree. Goes through ServiceDocument, as the editor does: it falls back to
 * parse-only diagnostics when the checker crashes on a half-written construct, and must do so
 * identically on both paths. Counts the edits and those that reused the previous tree. */
function editAndCompare(base: string, es: Edit[], count: { taken: number; edits: number }): void {
  let text = base;
  const history = [text];
  let prev = new ServiceDocument(text);
  for (const e of es) {
    text = apply(text, history, e);
    history.push(text);
    const full = new ServiceDocument(text);
    const oldTree = prev.analysis.parsed.scheme;
    const inc = new ServiceDocument(text, prev);
    count.edits++;
    if (oldTree && inc.analysis.parsed.scheme === oldTree) count.taken++; // the previous tree was reused
    expect(view(inc.analysis)).toBe(view(full.analysis));
    prev = inc;
  }
}

/** `npm test`'s runs at its fixed seed; the differential tier's count (KAOHE_FC_RUNS) at a random one. */
const STRESS = process.env.KAOHE_FC_RUNS ? Number(process.env.KAOHE_FC_RUNS) : undefined;
const runs = (n: number) => (STRESS ? { numRuns: STRESS } : { numRuns: n, seed: 20261206 });

describe('incremental analysis', () => {
  it('equals a full analyze() after random edits', () => {
    const count = { taken: 0, edits: 0 };
    fc.assert(fc.property(fc.nat(BASES.length - 1), fc.array(edit, { minLength: 1, maxLength: 8 }), (b, es) => {
      editAndCompare(BASES[b], es, count);
    }), runs(30));
    const { taken, edits } = count;
    // The test is only worth something if the incremental path is taken a good part of the time
    // (about 13% here: one edit that breaks the syntax makes the following ones full parses, as the
    // previous text must have parsed cleanly, until an undo repairs it).
    expect(taken / edits).toBeGreaterThan(0.08);
  }, 300_000); // a few seconds alone; generous for a busy machine and for KAOHE_FC_RUNS stress runs

  it('equals a full analyze() after random edits to random valid schemes', () => {
    // Every construct, both keyword languages, full-width punctuation, odd spacing and comments.
    const count = { taken: 0, edits: 0 };
    fc.assert(fc.property(schemeSourceArb(), fc.array(edit, { minLength: 1, maxLength: 6 }), (base, es) => {
      editAndCompare(base, es, count);
    }), { ...runs(25), endOnFailure: true }); // (shrinking a generated scheme takes minutes)
    const { taken, edits } = count;
    expect(taken / edits).toBeGreaterThan(0.1); // ~25%
  }, 300_000);

  it('analyze() and reanalyze() agree on a typed formula', () => {
    const src = generateScheme(60);
    const at = src.indexOf('\n', src.indexOf('indicator 职级0_'));
    const text = src.slice(0, at) + '7' + src.slice(at);
    const inc = reanalyze(analyze(src), text);
    expect(inc).toBeDefined();
    expect(view(inc!)).toBe(view(analyze(text)));
  });

  it('the language service gives the full diagnostics while typing in a large scheme', () => {
    const src = generateScheme(300);
    const ls = new LanguageService();
    ls.update(src);
    const at = src.indexOf('\n', src.indexOf('indicator 职级1_'));
    let text = src;
    for (const ch of ['7', '7', '+', ' ', 'x', '值', '\n', '}', '{']) {
      text = text.slice(0, at) + ch + text.slice(at);
      expect(JSON.stringify(ls.update(text))).toBe(JSON.stringify(analyze(text).diagnostics));
    }
  });
});
