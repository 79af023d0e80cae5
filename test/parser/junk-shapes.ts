// Pathological inputs of any size, for the time and output bounds of limits.test.ts: junk characters,
// token soup from the keyword tables in both languages, thousands of `{`, `(` or `[`, long lines, many
// unterminated strings and comments, every kind of declaration broken the same way over and over,
// long operator and postfix chains, and one error deep inside brackets followed by tokens no rule can
// resynchronise on (which cost seconds per 15 KB before recovery was planned once per error).
// Each maker takes an approximate size in characters; the output is deterministic. Also: an
// analysis's CPU time (`timed`, for limits.measure.test.ts) and its syntax diagnostics.

import { analyze, type Analysis } from '../../dsl/index.js';
import { BUILTINS, KEYWORDS } from '../../dsl/keywords.js';

/** A small deterministic generator (LCG), so a failure names an input that can be rebuilt. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const WORDS = [...KEYWORDS.flatMap(([, en, ...zh]) => [en, ...zh]), ...Object.keys(BUILTINS)];
const PUNCTUATION = ['{', '}', '(', ')', '[', ']', ',', ':', '.', '=>', '=', '+', '-', '*', '/', '==', '!=', '<=', '>=', '<', '>',
  '"s"', '“标签”', '1', '2.5', '40%', 'x', '名', '：', '，', '（', '）', '；', '@', '≥'];

/** Words of the language (both keyword spellings, built-ins) and its punctuation, at random. */
export function tokenSoup(size: number, seed = 1): string {
  const r = random(seed);
  const out: string[] = [];
  for (let len = 0; len < size;) {
    const pool = r() < 0.5 ? WORDS : PUNCTUATION;
    const w = pool[Math.floor(r() * pool.length)];
    out.push(w);
    len += w.length + 1;
  }
  return out.join(r() < 0.5 ? ' ' : '\n');
}

const repeat = (unit: string, size: number) => unit.repeat(Math.max(1, Math.round(size / unit.length)));
const scheme = (body: string) => `scheme 垃圾 {\n${body}\n}\n`;

export const JUNK: Record<string, (size: number) => string> = {
  atSigns: (n) => 'scheme 垃圾K { ' + repeat('@ ', n) + '}',
  controlChars: (n) => scheme(repeat('\u0001\u0002 ', n)),
  soup: (n) => scheme(tokenSoup(n)),
  soupWithoutScheme: (n) => tokenSoup(n, 7),
  soupInExpression: (n) => scheme('let a = ' + tokenSoup(n, 3)),
  mixedWithValid: (n) => scheme(repeat('let a = 1\n@@ ) indicator 甲 = (\nlet b = a + 1\n', n)),
  openCurlies: (n) => scheme(repeat('{ ', n)),
  openCurliesInExpression: (n) => scheme('let a = ' + repeat('{ ', n)),
  openParens: (n) => scheme('let a = ' + repeat('( ', n)),
  openBrackets: (n) => scheme('let a = ' + repeat('[ ', n)),
  closers: (n) => scheme(repeat(') ] } ', n)),
  longLine: (n) => scheme('let a = ' + 'x'.repeat(n)),
  longString: (n) => scheme('let a = "' + 'x'.repeat(n)),
  unterminatedStrings: (n) => scheme(repeat('let a = "abc\n', n)),
  unterminatedComments: (n) => scheme(repeat('let a = 1 /* x\n', n)),
  lets: (n) => scheme(repeat('let a = +\n', n)),
  indicators: (n) => scheme(repeat('indicator a weight = \n', n)),
  groups: (n) => scheme(repeat('group g weight 1% {\n', n)),
  whens: (n) => scheme(repeat('when x {\n', n)),
  bands: (n) => scheme('let a = bands x { ' + repeat('>= : , ', n) + '}'),
  calls: (n) => scheme('let a = f(' + repeat(', ', n) + ')'),
  tables: (n) => scheme('table t { ' + repeat('a: , ', n) + '}'),
  enums: (n) => scheme('enum E { ' + repeat('1 ', n) + '}'),
  inputs: (n) => scheme('input { ' + repeat('a: , ', n) + '}'),
  grades: (n) => scheme('grades { ' + repeat('A when quota ', n) + '}'),
  examples: (n) => scheme('example e { ' + repeat('given expect ', n) + '}'),
  negatives: (n) => scheme('negative n { ' + repeat('item a when => , ', n) + '}'),
  fields: (n) => scheme('input { x: number }\nlet a = x' + repeat('.f', n)),
  indexes: (n) => scheme('input { x: number }\nlet a = x' + repeat('[0]', n)),
  negations: (n) => scheme('input { x: number }\nlet a = ' + repeat('- ', n) + 'x'),
  nots: (n) => scheme('input { x: bool }\nlet a = ' + repeat('not ', n) + 'x'),
  sums: (n) => scheme('input { x: number }\nlet a = x' + repeat(' + x', n)),
  comparisons: (n) => scheme('input { x: number }\nlet a = x' + repeat(' < x', n)),
  ifs: (n) => scheme('input { x: number }\nlet a = ' + repeat('if x then 1 else ', n) + '0'),
  deepResync: (n) => scheme('let a = ' + '('.repeat(95) + 'x' + repeat(' =>', n)),
};

const cpuMs = (f: () => void): number => {
  const t = process.cpuUsage();
  f();
  const c = process.cpuUsage(t);
  return (c.user + c.system) / 1000;
};

/** analyze(text) and its CPU time, the best of up to three runs while over `bound` (a busy neighbour,
 * a GC pause or a first compilation should not fail the test; a slow input is slow every time). */
export function timed(text: string, bound: number): { ms: number; a: Analysis } {
  let a!: Analysis;
  let ms = cpuMs(() => { a = analyze(text); });
  for (let run = 1; run < 3 && ms >= bound; run++) ms = Math.min(ms, cpuMs(() => { a = analyze(text); }));
  return { ms, a };
}

/** An analysis's syntax diagnostics (KH-P…). */
export const syntax = (a: Analysis) => a.diagnostics.filter((d) => d.code.startsWith('KH-P'));
