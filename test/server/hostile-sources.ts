// The hostile corpus's source categories (split from hostile-corpus.ts, issue 16 session 6): junk
// over and under the source cap, deep nesting, postfix and let chains, sources that once made the
// checker throw — each sent to the routes that take a source — in the order the corpus sends them.

import type { Category, Hostile, Route, World } from './hostile-types.js';
import { bodyRoutes, fourXX, jsonSend, keyOf, nameFor, numbersScheme, refusedSource, sourceRoutes, validBody } from './hostile-build.js';

/** A scheme shell around hostile declarations: an input `x` and a list `t` to refer to. */
export const shell = (body: string) => (name: string) => `scheme ${name} {\n  input { x: number  t: list of number }\n  ${body}\n}\n`;

export type Source = [name: string, make: (schemeName: string) => string];

/** Junk sources over the source cap: the issue's own (1.8 MB, one lexer error per two characters),
 * and 1.2 M characters that are 2.0 MB of UTF-8, just under the 2 MiB body limit. */
export const JUNK_OVER_CAP: Source[] = [
  ['"@ " x 900,000 (1.8 MB)', (n) => `scheme ${n} { ` + '@ '.repeat(900_000) + '}'],
  ['"垃@ " x 400,000 (1.2 M chars, 2.0 MB)', (n) => `scheme ${n} { ` + '垃@ '.repeat(400_000) + '}'],
];

/** Junk just under the source cap: all of it reaches the lexer and parser. */
export const junkUnderCap = (capBytes: number): Source[] => [
  ['"@ " just under the source cap', (n) => `scheme ${n} { ` + '@ '.repeat(Math.floor((capBytes - 64) / 2)) + '}'],
  ['keyword soup "let " just under the source cap', (n) => `scheme ${n} { ` + 'let '.repeat(Math.floor((capBytes - 64) / 4)) + '}'],
];

/** Far deeper than any nesting limit, and large enough that every stage sees thousands of nodes. */
export const DEEP: Source[] = [
  ['30,000 nested parentheses', shell(`let a = ${'('.repeat(30_000)}x${')'.repeat(30_000)}`)],
  ['30,000 nested index brackets', shell(`let a = ${'t['.repeat(30_000)}0${']'.repeat(30_000)}`)],
  ['30,000 nested calls', shell(`let a = ${'min('.repeat(30_000)}x${')'.repeat(30_000)}`)],
  ['100,000 unclosed parentheses', shell(`let a = ${'('.repeat(100_000)}`)],
  ['10,000 nested groups', shell(`${'group g { '.repeat(10_000)}${'} '.repeat(10_000)}`)],
  ['10,000 nested when blocks', shell(`group g weight 100% { ${'when x > 0 { '.repeat(10_000)}${'} '.repeat(10_000)}}`)],
  ['10,000 nested if-then-else', shell(`let a = ${'if x > 0 then '.repeat(10_000)}x${' else x'.repeat(10_000)}`)],
  ['50,000 unary minus', shell(`let a = ${'-'.repeat(50_000)}x`)],
  ['30,000 nots', shell(`let a = ${'not '.repeat(30_000)}true`)],
  ['50,000-term sum (a left-deep tree)', shell(`let a = x${' + x'.repeat(50_000)}`)],
  ['30,000-term or chain', shell(`let a = x > 0${' or x > 0'.repeat(30_000)}`)],
];

export const POSTFIX: Source[] = [
  ['x.f x 3,000', shell(`let a = x${'.f'.repeat(3_000)}`)],
  ['x[0] x 3,000', shell(`let a = x${'[0]'.repeat(3_000)}`)],
  ['t.f[0] x 3,000', shell(`let a = t${'.f[0]'.repeat(3_000)}`)],
  ['x() x 3,000', shell(`let a = x${'()'.repeat(3_000)}`)],
  ['x.f x 30,000', shell(`let a = x${'.f'.repeat(30_000)}`)],
];

export const letChain = (n: number, last: string) =>
  Array.from({ length: n }, (_, i) => `let a${i} = ${i === n - 1 ? last : `a${i + 1} + 1`}`).join('\n  ');

export const LETS: Source[] = [
  ['2,000 chained lets ending in an unknown name', shell(letChain(2_000, 'unknown'))],
  ['2,000 lets in one cycle', shell(letChain(2_000, 'a0'))],
  ['2,000 chained indicators', shell(Array.from({ length: 2_000 }, (_, i) => `indicator i${i} weight ${i === 0 ? 100 : 0}% = ${i === 1_999 ? 'unknown' : `i${i + 1}`}`).join('\n  '))],
];

export const LONG_LETS: Source[] = [['20,000 chained lets ending in an unknown name', shell(letChain(20_000, 'unknown'))]];

/** Short sources that once made the checker throw (a 500). */
export const THROWS: Source[] = [
  ['avg(t.1)', (n) => `scheme ${n} { let a = avg(t.1) }`],
  ['avg(x in t*)', (n) => `scheme ${n} { let a = avg(x in t*) }`],
  ['sum(t in )', (n) => `scheme ${n} { let a = sum(t in ) }`],
  ['count(q in t where)', (n) => `scheme ${n} { input { t: list of number } let a = count(q in t where) }`],
  ['avg(t.1.2) with t declared', (n) => `scheme ${n} { input { t: list of number } let a = avg(t.1.2) }`],
  ['max(x in t* : x)', (n) => `scheme ${n} { input { t: list of number } let a = max(x in t* : x) }`],
];

/** A valid source padded with a comment to `bytes` bytes of UTF-8. */
export const padded = (bytes: number) => (n: string) => {
  const s = numbersScheme(n) + '// ';
  return s + 'p'.repeat(Math.max(0, bytes - Buffer.byteLength(s)));
};

let rotation = 0;

/** `sources` sent to routes: every source to every route (`all`), or, where analyzing one costs
 * seconds, each to one source route in turn (`rotate`): every route still meets the category, and
 * the file stays within a minute. */
export function sourceAttacks(w: World, category: Category, sources: Source[], spread: 'all' | 'all-body-routes' | 'rotate'): Hostile[] {
  const attack = (r: Route, [name, make]: Source): Hostile => {
    const field = r.body?.includes('source') ? 'source' : (r.body?.[0] ?? 'source');
    return {
      category, route: keyOf(r), name,
      send: jsonSend(r, w, () => JSON.stringify({ ...validBody(r, w), [field]: make(nameFor(r, w)) })),
      verdict: refusedSource(keyOf(r)),
    };
  };
  if (spread !== 'rotate') return (spread === 'all' ? sourceRoutes(w) : bodyRoutes(w)).flatMap((r) => sources.map((s) => attack(r, s)));
  const routes = sourceRoutes(w);
  return sources.map((s) => attack(routes[rotation++ % routes.length], s));
}

export function overCap(w: World): Hostile[] {
  return sourceRoutes(w).map((r): Hostile => ({
    category: 'source-over-cap', route: keyOf(r), name: `a valid source padded to ${w.sourceCapBytes + 1} bytes`,
    send: jsonSend(r, w, () => JSON.stringify({ ...validBody(r, w), source: padded(w.sourceCapBytes + 1)(nameFor(r, w)) })),
    verdict: fourXX,
  }));
}

/** The source categories, in the corpus's order. */
export const sourceCorpus = (w: World): Hostile[] => [
  ...sourceAttacks(w, 'junk-source', JUNK_OVER_CAP, 'all-body-routes'),
  ...sourceAttacks(w, 'junk-source', junkUnderCap(w.sourceCapBytes), 'rotate'),
  ...overCap(w),
  ...sourceAttacks(w, 'deep-nesting', DEEP, 'rotate'),
  ...sourceAttacks(w, 'postfix-chains', POSTFIX, 'all'),
  ...sourceAttacks(w, 'let-chains', LETS, 'all'),
  ...sourceAttacks(w, 'let-chains', LONG_LETS, 'rotate'),
  ...sourceAttacks(w, 'checker-throws', THROWS, 'all'),
];
