// Every way to build a deep or long tree in kaohe, each a scheme made from a count n: brackets, calls,
// lists, `if` chains, groups, `when` blocks, prefix `-` and `not`, `+ and or ==` chains, postfix
// `.field` and `[i]` chains, `rate` chains, `list of` and record types, expressions under bands,
// rule items and object entries (which are not tree nodes themselves), aggregates, `in` sets, nested
// `given` records. Shared by depth.test.ts and depth-cold.ts (a fresh process, where stack frames are
// larger). `deepestAccepted` finds the largest n the parser accepts without KH-P008.

import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';

const EXAMPLE = '  example e { given { x: 1 } expect score >= 0 }\n';
/** A scheme whose only indicator is `e`, with an example that evaluates it (`given` its input). */
const wrap = (e: string, input = 'x: number = 1', given = 'x: 1') =>
  `scheme 深 {\n  input { ${input} }\n  indicator i points 100 = ${e}\n  example e { given { ${given} } expect score >= 0 }\n}\n`;
const bool = (e: string) => wrap(`if ${e} then 1 else 0`);
const join = (n: number, item: string, sep: string) => Array(n).fill(item).join(sep);
const each = (n: number, item: (k: number) => string) => Array.from({ length: n }, (_, k) => item(k)).join('');

export const SHAPES: Record<string, (n: number) => string> = {
  brackets: (n) => wrap('('.repeat(n) + 'x' + ')'.repeat(n)),
  calls: (n) => wrap('max('.repeat(n) + 'x' + ', 1)'.repeat(n)),
  lists: (n) => wrap('sum(' + '['.repeat(n) + 'x' + ']'.repeat(n) + ')'),
  ifs: (n) => wrap('if x > 0 then 1 else '.repeat(n) + '0'),
  groups: (n) => `scheme 深 {\n  input { x: number = 1 }\n${each(n, (k) => `group g${k} weight 100% {\n`)}indicator i weight 100% = x\n${'}\n'.repeat(n)}${EXAMPLE}}\n`,
  whens: (n) => `scheme 深 {\n  input { x: number = 1 }\n${'when x > 0 {\n'.repeat(n)}indicator i points 100 = x\n${'}\n'.repeat(n)}${EXAMPLE}}\n`,
  negations: (n) => wrap('-'.repeat(n) + 'x'),
  nots: (n) => bool('not '.repeat(n) + 'true'),
  sums: (n) => wrap(join(n, 'x', ' + ')),
  products: (n) => wrap(join(n, 'x', ' * ')),
  ands: (n) => bool(join(n, 'x > 0', ' and ')),
  ors: (n) => bool(join(n, 'x > 0', ' or ')),
  comparisons: (n) => bool(join(n, 'true', ' == ')),
  mixedUnary: (n) => wrap(join(n, '- x', ' * ')),
  fields: (n) => wrap('r' + '.f'.repeat(n), 'x: number = 1, r: { f: number } = { f: 1 }'),
  indexes: (n) => wrap('sum(l' + '[0]'.repeat(n) + ')', 'x: number = 1, l: list of number = [1]'),
  rates: (n) => wrap('rate '.repeat(n) + 'x'),
  listTypes: (n) => wrap('x', `x: number = 1, l: ${'list of '.repeat(n)}number = []`),
  recordTypes: (n) => wrap('x', `x: number = 1, r: ${'{ f: '.repeat(n)}number${' }'.repeat(n)}`),
  bandEntries: (n) => wrap('bands x { >= 0: '.repeat(n) + 'x' + ', else: 0 }'.repeat(n)),
  bandScores: (n) => wrap(`bands x { >= 0: ${'-'.repeat(n)}x, else: 0 }`),
  ruleItems: (n) => `scheme 深 {\n  input { x: number = 1 }\n  indicator i points 100 = x\n  negative n {\n    item a when ${'not '.repeat(n)}x > 0 => deduct 1\n  }\n${EXAMPLE}}\n`,
  objectEntries: (n) => wrap('sum([' + '{ a: '.repeat(n) + 'x' + ' }'.repeat(n) + '])'),
  aggregates: (n) => wrap(each(n, (k) => `sum(v${k} in l : `) + 'x' + ')'.repeat(n), 'x: number = 1, l: list of number', 'x: 1, l: [1]'),
  inSets: (n) => bool('x in { '.repeat(n) + 'x' + ' }'.repeat(n)),
  givens: (n) => wrap('x', `x: number = 1, y: ${'{ a: '.repeat(n)}number${' }'.repeat(n)}`, `x: 1, y: ${'{ a: '.repeat(n)}1${' }'.repeat(n)}`),
};

/** The depth of a tree in nodes (objects with `kind`), looking through arrays and other objects;
 * written here without the parser's own walk (tree-depth.ts), which it checks. */
export function treeDepth(root: object): number {
  let max = 0;
  const todo: [unknown, number][] = [[root, 0]];
  while (todo.length > 0) {
    const [v, d] = todo.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const here = 'kind' in v ? d + 1 : d;
    if (here > max) max = here;
    for (const [k, x] of Object.entries(v)) if (k !== 'span') todo.push([x, here]);
  }
  return max;
}

export const hasP008 = (text: string) => parse(new SourceFile(text, 'deep.kaohe')).diagnostics.some((d) => d.code === 'KH-P008');

const found = new Map<(n: number) => string, Map<number, number>>();

/** The largest n ≤ max for which `make(n)` parses without KH-P008 (max itself when nothing is refused).
 * Worked out once per process and shape (a binary search of a dozen parses of texts thousands deep:
 * depth.test.ts asks twice a shape, format/totality.test.ts once more in the same worker). */
export function deepestAccepted(make: (n: number) => string, max = 4096): number {
  const known = found.get(make) ?? found.set(make, new Map()).get(make)!;
  let n = known.get(max);
  if (n === undefined) known.set(max, (n = search(make, max)));
  return n;
}

function search(make: (n: number) => string, max: number): number {
  if (!hasP008(make(max))) return max;
  let lo = 1, hi = max; // make(lo) is accepted (checked by the caller), make(hi) is refused
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (hasP008(make(mid))) hi = mid; else lo = mid;
  }
  return lo;
}
